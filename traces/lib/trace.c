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
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRACE_MAX_DEPTH 8

struct tbuf {
    char  *p;
    size_t len, cap;
};

#define TRACE_FLUSH (1u << 20)

struct trace {
    FILE       *file;
    trace_sink_fn sink;
    void       *sink_ctx;
    /* buf[0] is the output: an outermost record is built in place after
     * the records before it (from `start`) and written out in chunks of
     * about TRACE_FLUSH bytes.  A record open at depth d is built at the
     * end of buf[d - 1] (after its earlier siblings) and the records
     * nested in it collect in buf[d], appended when it ends: each line is
     * written where it belongs in pre-order, copied once per level. */
    struct tbuf buf[TRACE_MAX_DEPTH + 1];
    struct tbuf *cur;                   /* buf[depth - 1] */
    size_t      start;                  /* where buf[0]'s open record begins */
    /* The file is written by a thread of its own, one full buffer at a
     * time, so the copy into the kernel overlaps with the simulation. */
    pthread_t       writer;
    bool            has_writer, stop;
    pthread_mutex_t mu;
    pthread_cond_t  cv;
    struct tbuf     pending;            /* handed to the writer; len 0: none */
    int             werr;               /* the writer's error (under mu) */
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

static inline void put(struct trace *t, const char *s, size_t n)
{
    struct tbuf *b = t->cur;
    if (b->len + n <= b->cap || reserve(t, b, n)) {
        memcpy(b->p + b->len, s, n);
        b->len += n;
    }
}

static inline void putc1(struct trace *t, char c)
{
    struct tbuf *b = t->cur;
    if (b->len < b->cap || reserve(t, b, 1))
        b->p[b->len++] = c;
}

/* The writer thread: write each pending buffer, then hand it back. */
static void *writer_main(void *arg)
{
    struct trace *t = arg;
    pthread_mutex_lock(&t->mu);
    for (;;) {
        while (!t->pending.len && !t->stop)
            pthread_cond_wait(&t->cv, &t->mu);
        if (!t->pending.len && t->stop)
            break;
        struct tbuf b = t->pending;
        pthread_mutex_unlock(&t->mu);
        bool bad = fwrite(b.p, 1, b.len, t->file) != b.len;
        pthread_mutex_lock(&t->mu);
        if (bad)
            t->werr = EIO;
        t->pending.len = 0;
        pthread_cond_broadcast(&t->cv);
    }
    pthread_mutex_unlock(&t->mu);
    return NULL;
}

/* Write out buf[0] up to `upto` bytes (completed records): swap it with
 * the writer's buffer once the writer is done with that one. */
static void flush_out(struct trace *t, size_t upto)
{
    struct tbuf *o = &t->buf[0];
    if (!upto)
        return;
    if (!t->file) {
        memmove(o->p, o->p + upto, o->len - upto);
        o->len -= upto;
        return;
    }
    if (!t->has_writer) {
        if (fwrite(o->p, 1, upto, t->file) != upto)
            t->err = EIO;
        memmove(o->p, o->p + upto, o->len - upto);
        o->len -= upto;
        return;
    }
    pthread_mutex_lock(&t->mu);
    while (t->pending.len)
        pthread_cond_wait(&t->cv, &t->mu);
    struct tbuf spare = t->pending;      /* empty, its memory reused */
    size_t rest = o->len - upto;
    if (rest && !reserve(t, &spare, rest)) {
        pthread_mutex_unlock(&t->mu);
        return;
    }
    if (rest)
        memcpy(spare.p, o->p + upto, rest);
    spare.len = rest;
    t->pending = *o;
    t->pending.len = upto;
    *o = spare;
    pthread_cond_broadcast(&t->cv);
    pthread_mutex_unlock(&t->mu);
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
    t->cur = &t->buf[0];
    if (t->file) {
        pthread_mutex_init(&t->mu, NULL);
        pthread_cond_init(&t->cv, NULL);
        t->has_writer = pthread_create(&t->writer, NULL, writer_main, t) == 0;
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
    flush_out(t, t->buf[0].len);
    if (t->has_writer) {
        pthread_mutex_lock(&t->mu);
        t->stop = true;
        pthread_cond_broadcast(&t->cv);
        pthread_mutex_unlock(&t->mu);
        pthread_join(t->writer, NULL);
    }
    if (t->file) {
        pthread_mutex_destroy(&t->mu);
        pthread_cond_destroy(&t->cv);
    }
    free(t->pending.p);
    if (t->werr && !t->err)
        t->err = t->werr;
    int rc = t->err ? -t->err : 0;
    if (t->file && fclose(t->file) != 0 && rc == 0)
        rc = -errno;
    for (int i = 0; i <= TRACE_MAX_DEPTH; i++)
        free(t->buf[i].p);
    free(t);
    return rc;
}

/* Write the separator and quoted key of the next field. */
static inline void key(struct trace *t, const char *k, size_t kl)
{
    int *c = &t->comma[t->depth - 1];
    struct tbuf *b = t->cur;
    if (b->len + kl + 4 > b->cap && !reserve(t, b, kl + 4))
        return;
    char *w = b->p + b->len;
    if (*c)
        *w++ = ',';
    *c = 1;
    if (k) {
        *w++ = '"';
        memcpy(w, k, kl);
        w += kl;
        *w++ = '"';
        *w++ = ':';
    }
    b->len = (size_t)(w - b->p);
}

/* Write `s` (n bytes) as a JSON string with escapes. */
static void jstr(struct trace *t, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    putc1(t, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c - 0x20u < 0x5fu && c != '"' && c != '\\')
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
    t->cur = &t->buf[t->depth - 1];
    if (t->depth == 1)
        t->start = t->cur->len;
    t->comma[t->depth - 1] = 0;
    put(t, "{\"seq\":", 7);
    put_uint(t, t->seq++);
    put(t, ",\"ev\":\"", 7);
    put(t, ev, strlen(ev));               /* event names need no escapes */
    putc1(t, '"');
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
    int d = t->depth;
    struct tbuf *own = &t->buf[d - 1], *kids = &t->buf[d];
    append(t, own, kids);
    kids->len = 0;
    if (d == 1) {
        if (t->sink)
            t->sink(t->sink_ctx, own->p + t->start, own->len - t->start);
        if (own->len >= TRACE_FLUSH || !t->file)
            flush_out(t, own->len);
    }
    t->depth--;
    t->cur = &t->buf[t->depth ? t->depth - 1 : 0];
}

void trace_int_k(struct trace *t, const char *k, size_t kl, int64_t v)
{
    if (!t || t->skip || !t->depth)
        return;
    key(t, k, kl);
    if (v < 0) {
        putc1(t, '-');
        put_uint(t, (uint64_t)0 - (uint64_t)v);
    } else {
        put_uint(t, (uint64_t)v);
    }
}

void trace_uint_k(struct trace *t, const char *k, size_t kl, uint64_t v)
{
    if (!t || t->skip || !t->depth)
        return;
    key(t, k, kl);
    put_uint(t, v);
}

/* "00" ... "ff": the hex digits of each byte value. */
static char hex2[256][2];

__attribute__((constructor)) static void hex2_init(void)
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 256; i++) {
        hex2[i][0] = hex[i >> 4];
        hex2[i][1] = hex[i & 15];
    }
}

void trace_hex_k(struct trace *t, const char *k, size_t kl, uint64_t v)
{
    static const char hex[] = "0123456789abcdef";
    if (!t || t->skip || !t->depth)
        return;
    key(t, k, kl);
    int n = 8;                      /* digits: at least 8, more for 64-bit values */
    if (v >> 32)
        for (n = 9; n < 16 && v >> (4 * n); n++)
            ;
    struct tbuf *b = t->cur;
    if (b->len + (size_t)n + 4 > b->cap && !reserve(t, b, (size_t)n + 4))
        return;
    char *w = b->p + b->len;
    w[0] = '"';
    w[1] = '0';
    w[2] = 'x';
    int i = n - 1;
    for (; i >= 1; i -= 2, v >>= 8)      /* two digits per step */
        memcpy(w + 2 + i, hex2[v & 0xff], 2);
    if (i == 0)
        w[3] = hex[v & 15];
    w[3 + n] = '"';
    b->len += (size_t)n + 4;
}

void trace_bool_k(struct trace *t, const char *k, size_t kl, int v)
{
    if (!t || t->skip || !t->depth)
        return;
    key(t, k, kl);
    if (v)
        put(t, "true", 4);
    else
        put(t, "false", 5);
}

void trace_str_k(struct trace *t, const char *k, size_t kl, const char *s)
{
    if (!t || t->skip || !t->depth)
        return;
    key(t, k, kl);
    if (s)
        jstr(t, s, strlen(s));
    else
        put(t, "null", 4);
}

void trace_strn_k(struct trace *t, const char *k, size_t kl, const char *s, size_t n)
{
    if (!t || t->skip || !t->depth)
        return;
    key(t, k, kl);
    jstr(t, s, n);
}

void trace_obj_begin_k(struct trace *t, const char *k, size_t kl)
{
    if (!t || t->skip || !t->depth)
        return;
    key(t, k, kl);
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

void trace_arr_begin_k(struct trace *t, const char *k, size_t kl)
{
    if (!t || t->skip || !t->depth)
        return;
    key(t, k, kl);
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
