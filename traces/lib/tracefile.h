/*
 * tracefile.h - reading trace files (traces/README.md): a streaming line
 * reader that never holds more than one line (capped at TF_MAX_LINE, so a
 * giant line is refused without being read whole) and a small JSON parser
 * for one record.  Every refusal says file:line and why.
 *
 * The parser builds a tree of nodes over the line buffer (strings are
 * unescaped in place); nodes live until the next tf_next().  Only what
 * traces use is accepted: objects, arrays, strings, integers (no
 * fractions or exponents), true/false/null.
 */
#ifndef MMSIM_TRACEFILE_H
#define MMSIM_TRACEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define TF_MAX_LINE (1u << 20)

enum tf_type { TF_NULL, TF_BOOL, TF_INT, TF_STR, TF_ARR, TF_OBJ };

struct tf_node {
    enum tf_type type;
    const char  *key;      /* member name inside an object, else NULL */
    const char  *str;      /* TF_STR (NUL-terminated, unescaped) */
    size_t       len;      /* TF_STR length; TF_ARR/TF_OBJ member count */
    int64_t      i;        /* TF_INT, TF_BOOL */
    bool         neg;      /* TF_INT: written with a minus sign */
    uint64_t     u;        /* TF_INT magnitude */
    int          first, next; /* child / sibling index, -1: none */
};

struct tf_reader {
    FILE       *f;
    bool        own_f;       /* tf_close closes f */
    const char *path;
    uint64_t    line;        /* number of the line last returned */
    char       *buf;         /* current line, NUL-terminated */
    size_t      cap, len;
    char        rbuf[65536]; /* read-ahead */
    size_t      rpos, rlen;
    bool        eof;
    struct tf_node *nodes;
    int         nnodes, capnodes;
    int64_t     last_seq;
    char        err[512];    /* "file:line: reason" after a refusal */
    char        raw[320];    /* the start of the current line as read (reports) */
    bool        want_copy;   /* keep the whole line as read in `copy` */
    char       *copy;
    size_t      copycap, copylen;
};

/* Open `path` ("-": standard input).  0, or -1 with r->err set. */
int  tf_open(struct tf_reader *r, const char *path);
/* Read from an open stream, named `name` in messages (not closed by tf_close). */
void tf_open_file(struct tf_reader *r, FILE *f, const char *name);
void tf_close(struct tf_reader *r);
/* Parse a record from a caller's buffer (scenarios, tests): same rules. */
int  tf_parse(struct tf_reader *r, char *line, size_t len);
/* Next record: 1 (root node is tf_root), 0 at end of file, -1 refused
 * (r->err).  Checks the common fields: an object whose first member is
 * "seq" (the previous seq + 1) and second "ev" (a string). */
int  tf_next(struct tf_reader *r);
/* The record's root object, its event name and seq. */
const struct tf_node *tf_root(const struct tf_reader *r);
const char *tf_ev(const struct tf_reader *r);

/* Member `key` of object n, or NULL. */
const struct tf_node *tf_get(const struct tf_reader *r, const struct tf_node *n, const char *key);
/* Children of an array/object: first, then next (NULL at the end). */
const struct tf_node *tf_child(const struct tf_reader *r, const struct tf_node *n);
const struct tf_node *tf_next_sib(const struct tf_reader *r, const struct tf_node *n);

/* Typed member access: 0, or -1 with r->err = "file:line: field 'key': expected ...". */
int tf_hex(struct tf_reader *r, const struct tf_node *obj, const char *key, uint64_t *v);
int tf_int(struct tf_reader *r, const struct tf_node *obj, const char *key, int64_t *v);
int tf_bool(struct tf_reader *r, const struct tf_node *obj, const char *key, bool *v);
int tf_str(struct tf_reader *r, const struct tf_node *obj, const char *key, const char **v);
int tf_obj(struct tf_reader *r, const struct tf_node *obj, const char *key, const struct tf_node **v);
/* Set r->err to "file:line: <formatted>" and return -1. */
int tf_fail(struct tf_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
