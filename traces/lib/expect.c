/*
 * expect.c - live comparison with an expected trace (see expect.h).
 */
#include "expect.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tracecmd.h"
#include "tracefile.h"

#define EXPECT_CTX 3

struct expect {
    struct tf_reader r;
    bool             diverged;
    bool             refused;
    char             ctx[EXPECT_CTX][320];
    unsigned         nctx;
    uint64_t         matched;
    void           (*stop)(void *ctx, const char *why);
    void            *stop_ctx;
};

struct expect *expect_open(const char *path, void (*stop)(void *ctx, const char *why), void *ctx)
{
    struct expect *e = calloc(1, sizeof *e);
    if (!e) {
        fprintf(stderr, "mmsim: out of memory\n");
        return NULL;
    }
    if (tf_open(&e->r, path) != 0) {
        fprintf(stderr, "mmsim: --expect: %s\n", e->r.err);
        free(e);
        return NULL;
    }
    e->r.want_copy = true;
    e->stop = stop;
    e->stop_ctx = ctx;
    return e;
}

/* The line without its seq field. */
static const char *canon(const char *line)
{
    const char *c = strchr(line, ',');
    return c ? c + 1 : line;
}

/* Print the report for expected record (current in e->r) vs `now`. */
static void report(struct expect *e, const char *now)
{
    fprintf(stderr, "mmsim: --expect: divergence at %s:%" PRIu64 " after %" PRIu64
            " matching events\n", e->r.path, e->r.line, e->matched);
    if (now && e->r.copy && e->r.copy[0]) {
        fprintf(stderr, "  recorded: %.400s\n  now:      %.400s\n  fields:\n", e->r.copy, now);
        trace_field_diff(stderr, e->r.copy, now);
    } else if (now) {
        fprintf(stderr, "  recorded: (the trace ends here)\n  now:      %.400s\n", now);
    } else {
        fprintf(stderr, "  recorded: %.400s\n  now:      (the run ended)\n", e->r.copy);
    }
    fprintf(stderr, "  context (expected trace):\n");
    unsigned n = e->nctx < EXPECT_CTX ? e->nctx : EXPECT_CTX;
    for (unsigned k = 0; k < n; k++)
        fprintf(stderr, "    %s\n", e->ctx[(e->nctx - n + k) % EXPECT_CTX]);
}

/* Compare one live line; false once diverged. */
static bool one(struct expect *e, const char *line)
{
    int rc = tf_next(&e->r);
    if (rc < 0) {
        fprintf(stderr, "mmsim: --expect: refused: %s\n", e->r.err);
        e->refused = e->diverged = true;
        return false;
    }
    if (rc == 0 || strcmp(canon(e->r.copy), canon(line)) != 0) {
        if (rc == 0 && e->r.copy)
            e->r.copy[0] = 0;
        report(e, line);
        e->diverged = true;
        if (e->stop) {
            char why[160];
            snprintf(why, sizeof why, "stopped by --expect at the first divergence from %s",
                     e->r.path);
            e->stop(e->stop_ctx, why);
        }
        return false;
    }
    snprintf(e->ctx[e->nctx++ % EXPECT_CTX], sizeof e->ctx[0], "line %" PRIu64 ": %.280s",
             e->r.line, e->r.copy);
    e->matched++;
    return true;
}

void expect_sink(void *ctx, const char *lines, size_t len)
{
    struct expect *e = ctx;
    char *buf = NULL;
    if (!e || e->diverged || !(buf = malloc(len + 1))) {
        free(buf);
        return;
    }
    memcpy(buf, lines, len);
    buf[len] = 0;
    for (char *p = buf, *nl; *p && (nl = strchr(p, '\n')); p = nl + 1) {
        *nl = 0;
        if (!one(e, p))
            break;
    }
    free(buf);
}

bool expect_close(struct expect *e)
{
    if (!e)
        return false;
    bool d = e->diverged;
    if (!d) {
        int rc = tf_next(&e->r);
        if (rc < 0) {
            fprintf(stderr, "mmsim: --expect: refused: %s\n", e->r.err);
            d = true;
        } else if (rc == 1) {
            report(e, NULL);
            d = true;
        }
    }
    tf_close(&e->r);
    free(e);
    return d;
}
