/*
 * trace.c - JSON Lines trace writer (see trace.h).
 */
#include "trace.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A record that starts while another is open (a PTE written or console
 * output during a kernel call) is built in `pend` and written right after
 * the open record ends, so lines never interleave and a kernel call's
 * record comes before the records of its effects. */
struct trace {
    FILE    *file;
    FILE    *f;           /* where the current record goes: file or pend */
    FILE    *pend;        /* memstream of nested records */
    char    *pbuf;
    size_t   plen;
    uint64_t seq;
    int      err;
    int      depth;       /* records open: 0, 1 (outer) or 2 (nested) */
    int      need_comma;  /* a field was written at the current level */
    int      outer_comma; /* the outer record's need_comma while nested */
};

struct trace *trace_open(const char *path, int *err)
{
    struct trace *t = calloc(1, sizeof *t);
    if (!t) {
        *err = ENOMEM;
        return NULL;
    }
    t->file = fopen(path, "w");
    t->pend = open_memstream(&t->pbuf, &t->plen);
    if (!t->file || !t->pend) {
        *err = errno;
        if (t->file)
            fclose(t->file);
        if (t->pend)
            fclose(t->pend);
        free(t->pbuf);
        free(t);
        return NULL;
    }
    t->f = t->file;
    return t;
}

int trace_close(struct trace *t)
{
    if (!t)
        return 0;
    int rc = t->err ? -t->err : 0;
    if (fclose(t->file) != 0 && rc == 0)
        rc = -errno;
    fclose(t->pend);
    free(t->pbuf);
    free(t);
    return rc;
}

/* Write the separator and quoted key of the next field. */
static void key(struct trace *t, const char *k)
{
    if (t->need_comma)
        fputc(',', t->f);
    t->need_comma = 1;
    if (k)
        fprintf(t->f, "\"%s\":", k);
}

/* Write `s` (n bytes) as a JSON string with escapes. */
static void jstr(struct trace *t, const char *s, size_t n)
{
    fputc('"', t->f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"':  fputs("\\\"", t->f); break;
        case '\\': fputs("\\\\", t->f); break;
        case '\n': fputs("\\n", t->f); break;
        case '\r': fputs("\\r", t->f); break;
        case '\t': fputs("\\t", t->f); break;
        default:
            if (c < 0x20 || c >= 0x7f)
                fprintf(t->f, "\\u%04x", c);
            else
                fputc(c, t->f);
        }
    }
    fputc('"', t->f);
}

void trace_begin(struct trace *t, const char *ev)
{
    if (!t)
        return;
    if (t->depth++ == 1) {
        t->outer_comma = t->need_comma;
        t->f = t->pend;
    }
    fprintf(t->f, "{\"seq\":%" PRIu64 ",\"ev\":", t->seq++);
    jstr(t, ev, strlen(ev));
    t->need_comma = 1;
}

void trace_end(struct trace *t)
{
    if (!t)
        return;
    fputs("}\n", t->f);
    if (--t->depth == 1) {          /* nested record done: back to the outer */
        t->f = t->file;
        t->need_comma = t->outer_comma;
        return;
    }
    fflush(t->pend);
    if (t->plen) {
        fwrite(t->pbuf, 1, t->plen, t->file);
        rewind(t->pend);
        t->plen = 0;
        fflush(t->pend);
    }
    if (ferror(t->file) && !t->err)
        t->err = EIO;
    t->need_comma = 0;
}

void trace_int(struct trace *t, const char *k, int64_t v)
{
    if (!t)
        return;
    key(t, k);
    fprintf(t->f, "%" PRId64, v);
}

void trace_uint(struct trace *t, const char *k, uint64_t v)
{
    if (!t)
        return;
    key(t, k);
    fprintf(t->f, "%" PRIu64, v);
}

void trace_hex(struct trace *t, const char *k, uint64_t v)
{
    if (!t)
        return;
    key(t, k);
    fprintf(t->f, "\"0x%08" PRIx64 "\"", v);
}

void trace_bool(struct trace *t, const char *k, int v)
{
    if (!t)
        return;
    key(t, k);
    fputs(v ? "true" : "false", t->f);
}

void trace_str(struct trace *t, const char *k, const char *s)
{
    if (!t)
        return;
    key(t, k);
    if (s)
        jstr(t, s, strlen(s));
    else
        fputs("null", t->f);
}

void trace_strn(struct trace *t, const char *k, const char *s, size_t n)
{
    if (!t)
        return;
    key(t, k);
    jstr(t, s, n);
}

void trace_obj_begin(struct trace *t, const char *k)
{
    if (!t)
        return;
    key(t, k);
    fputc('{', t->f);
    t->need_comma = 0;
}

void trace_obj_end(struct trace *t)
{
    if (!t)
        return;
    fputc('}', t->f);
    t->need_comma = 1;
}

void trace_arr_begin(struct trace *t, const char *k)
{
    if (!t)
        return;
    key(t, k);
    fputc('[', t->f);
    t->need_comma = 0;
}

void trace_arr_end(struct trace *t)
{
    if (!t)
        return;
    fputc(']', t->f);
    t->need_comma = 1;
}
