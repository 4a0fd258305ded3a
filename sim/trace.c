/*
 * trace.c - JSON Lines trace writer (see trace.h).
 */
#include "trace.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct trace {
    FILE    *f;
    uint64_t seq;
    int      err;
    int      need_comma;   /* a field was written at the current level */
};

struct trace *trace_open(const char *path, int *err)
{
    struct trace *t = calloc(1, sizeof *t);
    if (!t) {
        *err = ENOMEM;
        return NULL;
    }
    t->f = fopen(path, "w");
    if (!t->f) {
        *err = errno;
        free(t);
        return NULL;
    }
    return t;
}

int trace_close(struct trace *t)
{
    if (!t)
        return 0;
    int rc = t->err ? -t->err : 0;
    if (fclose(t->f) != 0 && rc == 0)
        rc = -errno;
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
    fprintf(t->f, "{\"seq\":%" PRIu64 ",\"ev\":", t->seq++);
    jstr(t, ev, strlen(ev));
    t->need_comma = 1;
}

void trace_end(struct trace *t)
{
    if (!t)
        return;
    fputs("}\n", t->f);
    if (ferror(t->f) && !t->err)
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
