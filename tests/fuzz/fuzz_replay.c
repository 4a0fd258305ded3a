/* fuzz_replay.c - `mmsim replay` on any bytes: the trace reader and every
 * record handler of replay (machine header, mm ops, PTE and rc compares). */
#include "fuzz_input.h"
#include "replay.h"
#include "tracefile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    char path[64];
    int fd = fuzz_file(data, n, path, sizeof path);
    if (fd < 0)
        return 0;
    struct tf_reader *r = malloc(sizeof *r);
    struct replay *rp = replay_new(false);
    if (r && rp && tf_open(r, path) == 0) {
        int rc;
        while ((rc = tf_next(r)) == 1 && replay_event(rp, r) == 0)
            ;
        if (rc == 0)
            (void)replay_finish(rp, r);
        tf_close(r);
    }
    free(r);
    replay_free(rp);
    close(fd);
    return 0;
}
