/* fuzz_tracefile.c - the JSON Lines record parser alone (tf_parse) and the
 * typed accessors every reader uses, on any bytes of one record. */
#include <string.h>

#include "fuzz_input.h"
#include "tracefile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    char *line = malloc(n + 1);
    struct tf_reader *r = calloc(1, sizeof *r);
    if (!line || !r)
        goto out;
    memcpy(line, data, n);
    line[n] = 0;
    r->path = "fuzz";
    r->last_seq = -1;
    if (tf_parse(r, line, n) == 0) {
        const struct tf_node *root = tf_root(r), *o;
        uint64_t h;
        int64_t i;
        bool b;
        const char *s;
        static const char *const keys[] = {"seq", "ev", "pid", "ret", "args", "va", "x"};
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            (void)tf_hex(r, root, keys[k], &h);
            (void)tf_int(r, root, keys[k], &i);
            (void)tf_bool(r, root, keys[k], &b);
            (void)tf_str(r, root, keys[k], &s);
            (void)tf_obj(r, root, keys[k], &o);
        }
        for (const struct tf_node *c = tf_child(r, root); c; c = tf_next_sib(r, c))
            (void)tf_child(r, c);
    }
out:
    if (r) {
        free(r->buf);
        free(r->nodes);
        free(r->copy);
    }
    free(r);
    free(line);
    return 0;
}
