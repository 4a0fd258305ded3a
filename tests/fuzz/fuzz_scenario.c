/* fuzz_scenario.c - `mmsim scenario` on any bytes: the scenario parser,
 * the records it builds and the replay that runs them. */
#include "fuzz_input.h"
#include "scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    char path[64];
    int fd = fuzz_file(data, n, path, sizeof path);
    if (fd < 0)
        return 0;
    FILE *null = fuzz_sink();
    (void)scenario_run(path, NULL, null, null);
    close(fd);
    return 0;
}
