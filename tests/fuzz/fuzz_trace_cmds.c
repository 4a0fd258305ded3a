/* fuzz_trace_cmds.c - `mmsim trace show` (with and without a filter) and
 * `mmsim trace diff` of the input against itself and against a golden
 * trace, on any bytes. */
#include "fuzz_input.h"
#include "tracecmd.h"

#ifndef FUZZ_GOLDEN
#define FUZZ_GOLDEN "traces/golden/golden_small.armv7.jsonl"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    char path[64];
    int fd = fuzz_file(data, n, path, sizeof path);
    if (fd < 0)
        return 0;
    FILE *null = fuzz_sink();
    (void)trace_show(path, NULL, null, null);
    (void)trace_show(path, "mmap", null, null);
    (void)trace_diff(path, path, null, null);
    (void)trace_diff(FUZZ_GOLDEN, path, null, null);
    close(fd);
    return 0;
}
