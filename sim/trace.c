/*
 * trace.c - JSON Lines trace writer (see trace.h).
 *
 * Each open record has two growable buffers: its own line and the lines
 * of the records nested in it (a PTE written during a memory-manager call
 * during a kernel call...).  When a nested record ends, its line and its
 * own nested lines are appended to its parent's nested buffer; when an
 * outermost record ends, the whole group goes to the file.  So a record
 * always comes before the records of its effects (pre-order), lines never
 * interleave, and seq grows in file order.  Numbers are formatted by hand:
 * tracing must stay cheap on the call-heavy path.
 */
#include "trace.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRACE_MAX_DEPTH 8

struct tbuf {
    char  *p;
    size_t len, cap;
};

struct trace {
    FILE       *file;
    trace_sink_fn sink;
    void       *sink_ctx;
    struct tbuf line[TRACE_MAX_DEPTH];
    struct tbuf kids[TRACE_MAX_DEPTH];
    int         comma[TRACE_MAX_DEPTH]; /* a field was written at this level */
    int         depth;                  /* records open */
    int         skip;                   /* records opened beyond the maximum */
    uint64_t    seq;
    int         err;
};

/* Make room for n more bytes; false (and t->err) when memory runs out. */
static bool reserve(struct trace *t, struct tbuf *b, size_t n)
{
    if (b->len + n <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        t->err = ENOMEM;
        return false;
    }
    b->p = p;
    b->cap = cap;
    return true;
}

static void put(struct trace *t, const char *s, size_t n)
{
    struct tbuf *b = &t->line[t->depth - 1];
    if (reserve(t, b, n)) {
        memcpy(b->p + b->len, s, n);
        b->len += n;
    }
}

static void putc1(struct trace *t, char c)
{
    put(t, &c, 1);
}

struct trace *trace_open(const char *path, int *err)
{
    struct trace *t = calloc(1, sizeof *t);
    if (!t) {
        *err = ENOMEM;
        return NULL;
    }
    if (path && !(t->file = fopen(path, "w"))) {
        *err = errno;
        free(t);
        return NULL;
    }
    return t;
}

void trace_set_sink(struct trace *t, trace_sink_fn fn, void *ctx)
{
    if (!t)
        return;
    t->sink = fn;
    t->sink_ctx = ctx;
}

int trace_close(struct trace *t)
{
    if (!t)
        return 0;
    int rc = t->err ? -t->err : 0;
    if (t->file && fclose(t->file) != 0 && rc == 0)
        rc = -errno;
    for (int i = 0; i < TRACE_MAX_DEPTH; i++) {
        free(t->line[i].p);
        free(t->kids[i].p);
    }
    free(t);
    return rc;
}

/* Write the separator and quoted key of the next field. */
static void key(struct trace *t, const char *k)
{
    int *c = &t->comma[t->depth - 1];
    if (*c)
        putc1(t, ',');
    *c = 1;
    if (k) {
        putc1(t, '"');
        put(t, k, strlen(k));
        put(t, "\":", 2);
    }
}

/* Write `s` (n bytes) as a JSON string with escapes. */
static void jstr(struct trace *t, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    putc1(t, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
            continue;
        put(t, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':  put(t, "\\\"", 2); break;
        case '\\': put(t, "\\\\", 2); break;
        case '\n': put(t, "\\n", 2); break;
        case '\r': put(t, "\\r", 2); break;
        case '\t': put(t, "\\t", 2); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            put(t, u, 6);
        }
        }
    }
    put(t, s + run, n - run);
    putc1(t, '"');
}

/* Decimal digits of v into the end of buf; returns the start. */
static char *udec(char *end, uint64_t v)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return end;
}

static void put_uint(struct trace *t, uint64_t v)
{
    char b[24];
    char *s = udec(b + sizeof b, v);
    put(t, s, (size_t)(b + sizeof b - s));
}

void trace_begin(struct trace *t, const char *ev)
{
    if (!t)
        return;
    if (t->depth == TRACE_MAX_DEPTH) {
        t->skip++;
        t->err = EOVERFLOW;
        return;
    }
    t->depth++;
    t->line[t->depth - 1].len = 0;
    t->comma[t->depth - 1] = 0;
    put(t, "{\"seq\":", 7);
    put_uint(t, t->seq++);
    put(t, ",\"ev\":", 6);
    jstr(t, ev, strlen(ev));
    t->comma[t->depth - 1] = 1;
}

/* Append src to dst (trace buffers). */
static void append(struct trace *t, struct tbuf *dst, const struct tbuf *src)
{
    if (src->len && reserve(t, dst, src->len)) {
        memcpy(dst->p + dst->len, src->p, src->len);
        dst->len += src->len;
    }
}

void trace_end(struct trace *t)
{
    if (!t)
        return;
    if (t->skip) {
        t->skip--;
        return;
    }
    if (!t->depth)
        return;
    put(t, "}\n", 2);
    int d = t->depth - 1;
    struct tbuf *line = &t->line[d], *kids = &t->kids[d];
    if (d > 0) {
        append(t, &t->kids[d - 1], line);
        append(t, &t->kids[d - 1], kids);
    } else {
        if (t->file && (fwrite(line->p, 1, line->len, t->file) != line->len ||
                        (kids->len && fwrite(kids->p, 1, kids->len, t->file) != kids->len)))
            t->err = EIO;
        if (t->sink) {
            t->sink(t->sink_ctx, line->p, line->len);
            if (kids->len)
                t->sink(t->sink_ctx, kids->p, kids->len);
        }
    }
    line->len = 0;
    kids->len = 0;
    t->depth--;
}

void trace_int(struct trace *t, const char *k, int64_t v)
{
    if (!t || t->skip || !t->depth)
        return;
    key(t, k);
    if (v < 0) {
        putc1(t, '-');
        put_uint(t, (uint64_t)0 - (uint64_t)v);
    } else {
        put_uint(t, (uint64_t)v);
    }
}

void trace_uint(struct trace *t, const char *k, uint64_t v)
{
    if (!t || t->skip || !t->depth)
        return;
    key(t, k);
    put_uint(t, v);
}

void trace_hex(struct trace *t, const char *k, uint64_t v)
{
    static const char hex[] = "0123456789abcdef";
    if (!t || t->skip || !t->depth)
        return;
    key(t, k);
    char b[20];
    int n = 0;
    for (uint64_t x = v; x; x >>= 4)
        n++;
    if (n < 8)
        n = 8;
    b[0] = '"';
    b[1] = '0';
    b[2] = 'x';
    for (int i = 0; i < n; i++)
        b[3 + i] = hex[(v >> (4 * (n - 1 - i))) & 15];
    b[3 + n] = '"';
    put(t, b, (size_t)n + 4);
}

void trace_bool(struct trace *t, const char *k, int v)
{
    if (!t || t->skip || !t->depth)
        return;
    key(t, k);
    if (v)
        put(t, "true", 4);
    else
        put(t, "false", 5);
}

void trace_str(struct trace *t, const char *k, const char *s)
{
    if (!t || t->skip || !t->depth)
        return;
    key(t, k);
    if (s)
        jstr(t, s, strlen(s));
    else
        put(t, "null", 4);
}

void trace_strn(struct trace *t, const char *k, const char *s, size_t n)
{
    if (!t || t->skip || !t->depth)
        return;
    key(t, k);
    jstr(t, s, n);
}

void trace_obj_begin(struct trace *t, const char *k)
{
    if (!t || t->skip || !t->depth)
        return;
    key(t, k);
    putc1(t, '{');
    t->comma[t->depth - 1] = 0;
}

void trace_obj_end(struct trace *t)
{
    if (!t || t->skip || !t->depth)
        return;
    putc1(t, '}');
    t->comma[t->depth - 1] = 1;
}

void trace_arr_begin(struct trace *t, const char *k)
{
    if (!t || t->skip || !t->depth)
        return;
    key(t, k);
    putc1(t, '[');
    t->comma[t->depth - 1] = 0;
}

void trace_arr_end(struct trace *t)
{
    if (!t || t->skip || !t->depth)
        return;
    putc1(t, ']');
    t->comma[t->depth - 1] = 1;
}
