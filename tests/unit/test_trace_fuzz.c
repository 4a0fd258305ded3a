/*
 * test_trace_fuzz.c - mutation test of the trace reader and the replayer:
 * golden traces with random bytes flipped, deleted, inserted, duplicated
 * or cut off are fed through tf_next/replay_event.  Every outcome must be
 * agreement, a divergence, or a refusal that names file:line; never a
 * crash, a hang or (under the sanitizer build) a memory error.  The
 * generator is seeded, so a failure reproduces.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"
#include "tracefile.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *b = malloc((size_t)n + 1);
    cr_assert_eq(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return b;
}

/* Apply one random mutation to buf (length *len, capacity cap). */
static void mutate(char *buf, size_t *len, size_t cap)
{
    static const char alphabet[] = "{}[]\",:0x19af-\\eunlt \n";
    size_t n = *len;
    if (!n)
        return;
    size_t at = next() % n;
    switch (next() % 7) {
    case 0: /* flip a byte to anything */
        buf[at] = (char)(next() & 0xff);
        break;
    case 1: /* a byte from the JSON alphabet */
        buf[at] = alphabet[next() % (sizeof alphabet - 1)];
        break;
    case 2: { /* delete a span */
        size_t k = 1 + next() % 16;
        if (at + k > n)
            k = n - at;
        memmove(buf + at, buf + at + k, n - at - k);
        *len = n - k;
        break;
    }
    case 3: /* insert a byte */
        if (n + 1 <= cap) {
            memmove(buf + at + 1, buf + at, n - at);
            buf[at] = alphabet[next() % (sizeof alphabet - 1)];
            *len = n + 1;
        }
        break;
    case 4: { /* duplicate a span */
        size_t k = 1 + next() % 64;
        if (at + k > n)
            k = n - at;
        if (n + k <= cap) {
            memmove(buf + at + k, buf + at, n - at);
            *len = n + k;
        }
        break;
    }
    case 5: /* cut the file short */
        *len = at;
        break;
    default: { /* change a hex digit of a value: a divergence, not a refusal */
        char *x = memchr(buf + at, 'x', n - at);
        if (x && x + 3 < buf + n)
            x[2] = "0123456789abcdef"[next() % 16];
        break;
    }
    }
}

/* Run the reader and replayer over buf: 0 agree, 1 diverge, -1 refused. */
static int run(const char *buf, size_t len, char *err, size_t errn)
{
    FILE *f = fmemopen((void *)buf, len ? len : 1, "r");
    cr_assert_not_null(f);
    struct tf_reader *r = calloc(1, sizeof *r);
    struct replay *rp = replay_new(false);
    tf_open_file(r, f, "fuzz");
    if (!len)
        r->eof = true;
    int rc;
    while ((rc = tf_next(r)) == 1)
        if ((rc = replay_event(rp, r)) != 0)
            break;
    if (rc == 0)
        rc = replay_finish(rp, r);
    snprintf(err, errn, "%s", r->err);
    replay_free(rp);
    tf_close(r);
    free(r);
    fclose(f);
    return rc;
}

static void fuzz_file(const char *rel, int iterations)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", MMSIM_SOURCE_DIR, rel);
    size_t len;
    char *orig = slurp(path, &len);
    size_t cap = len + 4096;
    char *buf = malloc(cap);
    char err[600];
    cr_assert_eq(run(orig, len, err, sizeof err), 0, "the unmutated trace must replay: %s", err);
    int seen[3] = {0};
    for (int i = 0; i < iterations; i++) {
        memcpy(buf, orig, len);
        size_t n = len;
        int k = 1 + (int)(next() % 3);
        for (int j = 0; j < k; j++)
            mutate(buf, &n, cap);
        int rc = run(buf, n, err, sizeof err);
        cr_assert(rc == 0 || rc == 1 || rc == -1, "iteration %d: verdict %d", i, rc);
        seen[rc + 1]++;
        if (rc == -1)
            cr_assert(strncmp(err, "fuzz:", 5) == 0 && err[5] >= '0' && err[5] <= '9' &&
                      strstr(err, ": ") != NULL,
                      "iteration %d: refusal without file:line: '%s'", i, err);
    }
    /* Both refusals and divergences must have happened, or the mutations
     * (or the checks) are not doing their job. */
    cr_assert(seen[0] > iterations / 10, "only %d refusals", seen[0]);
    cr_assert(seen[2] > 0, "no divergence found");
    free(buf);
    free(orig);
}

Test(trace_fuzz, golden_armv7, .timeout = 120)
{
    fuzz_file("traces/golden/golden_small.armv7.jsonl", 4000);
}

Test(trace_fuzz, example_ppc600, .timeout = 120)
{
    fuzz_file("traces/golden/examples/mem_obj_info_doc.ppc600.jsonl", 2000);
}

/* A trace of the System V / mremap / mlock / madvise ops (issue6b's calls). */
Test(trace_fuzz, sysv_shm_armv7, .timeout = 120)
{
    fuzz_file("traces/golden/examples/sysv_shm.armv7.jsonl", 2000);
}

/* Replace the first `from` in the trace by `to` and replay: the verdict. */
static int edited(const char *rel, const char *from, const char *to, char *err, size_t errn)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", MMSIM_SOURCE_DIR, rel);
    size_t len;
    char *orig = slurp(path, &len);
    char *hit = strstr(orig, from);
    cr_assert_not_null(hit, "'%s' is not in %s", from, rel);
    size_t fl = strlen(from), tl = strlen(to), at = (size_t)(hit - orig);
    char *buf = malloc(len - fl + tl + 1);
    memcpy(buf, orig, at);
    memcpy(buf + at, to, tl);
    memcpy(buf + at + tl, orig + at + fl, len - at - fl);
    int rc = run(buf, len - fl + tl, err, errn);
    free(buf);
    free(orig);
    return rc;
}

/* Targeted edits of the new ops' records: an output or argument changed
 * is a divergence; a field removed or an op renamed is a refusal. */
Test(trace_fuzz, sysv_shm_edits)
{
    const char *t = "traces/golden/examples/sysv_shm.armv7.jsonl";
    char err[600];
    cr_assert_eq(edited(t, "\"nattch\":2", "\"nattch\":3", err, sizeof err), 1);
    cr_assert_eq(edited(t, "\"cpid\":1", "\"cpid\":2", err, sizeof err), 1);
    cr_assert_eq(edited(t, "\"newsize\":\"0x00003000\"", "\"newsize\":\"0x00004000\"", err,
                        sizeof err), 1);
    cr_assert_eq(edited(t, "\"op\":\"shmget\",\"args\":{\"now\":1767225600,",
                        "\"op\":\"shmget\",\"args\":{\"now\":1767225609,", err, sizeof err), 1,
                 "the segment's ctime must follow the recorded time");
    cr_assert_eq(edited(t, "\"op\":\"shmget\",\"args\":{\"now\":1767225600,", "\"op\":\"shmget\",\"args\":{",
                        err, sizeof err), -1);
    cr_assert(strstr(err, "now") != NULL, "%s", err);
    cr_assert_eq(edited(t, "\"op\":\"mremap\"", "\"op\":\"mremup\"", err, sizeof err), -1);
    cr_assert(strstr(err, "unknown memory-manager op") != NULL, "%s", err);
    cr_assert_eq(edited(t, "\"op\":\"shmctl\",\"args\":{", "\"op\":\"shmctl\",\"args\":{\"x\":[", err,
                        sizeof err), -1);
}
