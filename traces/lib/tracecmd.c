/*
 * tracecmd.c - `mmsim trace diff` and `mmsim trace show` (tracecmd.h).
 *
 * diff compares records, not lines: "seq" is left out (an inserted event
 * shifts every later seq), two records with the same event and op/call
 * are shown field by field, and the two streams are realigned after an
 * insertion or deletion by looking ahead at most DIFF_WINDOW records on
 * each side, so memory stays bounded whatever the trace length.
 */
#include "tracecmd.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "tracefile.h"

#define DIFF_WINDOW 256
#define DIFF_MAX_REPORTS 100

/* ---- diff ---------------------------------------------------------------- */

struct drec {
    char    *canon;   /* the line without its seq field */
    char     kind[96];/* ev plus op/call: records of one kind are compared field by field */
    uint64_t line;
};

struct side {
    struct tf_reader r;
    struct drec      w[DIFF_WINDOW];
    size_t           head, n;  /* window: n records from head */
    bool             eof;
};

/* The record's kind: "mm shm_open", "kcall mmap", "pte" ... */
static void rec_kind(const struct tf_reader *r, char *b, size_t n)
{
    const struct tf_node *root = tf_root(r);
    const struct tf_node *op = tf_get(r, root, "op"), *call = tf_get(r, root, "call");
    const struct tf_node *sub = op && op->type == TF_STR ? op : call && call->type == TF_STR ? call : NULL;
    snprintf(b, n, "%s%s%s", tf_ev(r), sub ? " " : "", sub ? sub->str : "");
}

/* tf_next for a whole trace, as replay reads one: the first record is the
 * "machine" header, so an empty file or one without it is refused. */
static int next_trace_record(struct tf_reader *r)
{
    bool first = r->last_seq < 0;
    int rc = tf_next(r);
    if (rc == 0 && first) {
        r->line = 1;
        return tf_fail(r, "empty trace: no \"machine\" header");
    }
    if (rc == 1 && first && strcmp(tf_ev(r), "machine") != 0)
        return tf_fail(r, "the first record must be the \"machine\" header, not \"%.40s\"",
                       tf_ev(r));
    return rc;
}

/* Fill the window up to `want` records.  0, or -1 refused. */
static int fill(struct side *s, size_t want)
{
    while (!s->eof && s->n < want && s->n < DIFF_WINDOW) {
        int rc = next_trace_record(&s->r);
        if (rc < 0)
            return -1;
        if (rc == 0) {
            s->eof = true;
            break;
        }
        struct drec *d = &s->w[(s->head + s->n) % DIFF_WINDOW];
        const char *c = s->r.copy, *comma = strchr(c, ',');
        free(d->canon);
        d->canon = strdup(comma ? comma + 1 : c);
        if (!d->canon)
            return -1;
        rec_kind(&s->r, d->kind, sizeof d->kind);
        d->line = s->r.line;
        s->n++;
    }
    return 0;
}

static struct drec *at(struct side *s, size_t i)
{
    return &s->w[(s->head + i) % DIFF_WINDOW];
}

static void drop(struct side *s, size_t k)
{
    s->head = (s->head + k) % DIFF_WINDOW;
    s->n -= k;
}

/* A string value as JSON would show it (at most 120 bytes, escaped), so
 * every byte a guest wrote, NUL included, is visible. */
static void put_str(FILE *out, const char *s, size_t len)
{
    fputc('"', out);
    for (size_t i = 0; i < len && i < 120; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputs(len > 120 ? "...\"" : "\"", out);
}

/* Print a node's value compactly. */
static void value(FILE *out, const struct tf_reader *r, const struct tf_node *n)
{
    if (!n) {
        fputs("(absent)", out);
        return;
    }
    switch (n->type) {
    case TF_NULL: fputs("null", out); break;
    case TF_BOOL: fputs(n->i ? "true" : "false", out); break;
    case TF_INT: fprintf(out, "%s%" PRIu64, n->neg ? "-" : "", n->u); break;
    case TF_STR: put_str(out, n->str, n->len); break;
    case TF_ARR: fprintf(out, "[%zu elements]", n->len); break;
    case TF_OBJ: fprintf(out, "{%zu fields}", n->len); break;
    }
    (void)r;
}

static bool same_node(const struct tf_reader *ra, const struct tf_node *a,
                      const struct tf_reader *rb, const struct tf_node *b);

/* Structural equality of two values. */
static bool same_node(const struct tf_reader *ra, const struct tf_node *a,
                      const struct tf_reader *rb, const struct tf_node *b)
{
    if (a->type != b->type)
        return false;
    switch (a->type) {
    case TF_NULL: return true;
    case TF_BOOL: return a->i == b->i;
    case TF_INT: return a->u == b->u && a->neg == b->neg;
    case TF_STR: return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
    default: break;
    }
    if (a->len != b->len)
        return false;
    const struct tf_node *x = tf_child(ra, a), *y = tf_child(rb, b);
    for (; x && y; x = tf_next_sib(ra, x), y = tf_next_sib(rb, y))
        if ((x->key && (!y->key || strcmp(x->key, y->key))) || !same_node(ra, x, rb, y))
            return false;
    return !x && !y;
}

/* Print the fields that differ between two records (paths like args.len). */
static void field_diff(FILE *out, const char *path, const struct tf_reader *ra,
                       const struct tf_node *a, const struct tf_reader *rb, const struct tf_node *b)
{
    char p[256];
    if (a && b && a->type == b->type && (a->type == TF_OBJ || a->type == TF_ARR)) {
        if (a->type == TF_OBJ) {
            for (const struct tf_node *x = tf_child(ra, a); x; x = tf_next_sib(ra, x)) {
                if (!strcmp(x->key, "seq"))
                    continue;
                snprintf(p, sizeof p, "%s%s%s", path, *path ? "." : "", x->key);
                field_diff(out, p, ra, x, rb, tf_get(rb, b, x->key));
            }
            for (const struct tf_node *y = tf_child(rb, b); y; y = tf_next_sib(rb, y))
                if (!tf_get(ra, a, y->key)) {
                    snprintf(p, sizeof p, "%s%s%s", path, *path ? "." : "", y->key);
                    field_diff(out, p, ra, NULL, rb, y);
                }
            return;
        }
        const struct tf_node *x = tf_child(ra, a), *y = tf_child(rb, b);
        for (size_t i = 0; x || y; i++) {
            snprintf(p, sizeof p, "%s[%zu]", path, i);
            field_diff(out, p, ra, x, rb, y);
            x = tf_next_sib(ra, x);
            y = tf_next_sib(rb, y);
        }
        return;
    }
    if (a && b && same_node(ra, a, rb, b))
        return;
    fprintf(out, "    %s: ", path);
    value(out, ra, a);
    fputs(" -> ", out);
    value(out, rb, b);
    fputc('\n', out);
}

/* Report a pair of records of one kind that differ. */
static void changed(FILE *out, struct side *A, struct drec *a, struct side *B, struct drec *b,
                    struct tf_reader *pa, struct tf_reader *pb)
{
    fprintf(out, "~ %s:%" PRIu64 " / %s:%" PRIu64 "  %s\n", A->r.path, a->line, B->r.path,
            b->line, a->kind);
    char *ca = malloc(strlen(a->canon) + 10), *cb = malloc(strlen(b->canon) + 10);
    if (ca && cb) {
        /* Give the canonical text back a seq so the common checks pass. */
        int la = sprintf(ca, "{\"seq\":0,%s", a->canon), lb = sprintf(cb, "{\"seq\":0,%s", b->canon);
        if (tf_parse(pa, ca, (size_t)la) == 0 && tf_parse(pb, cb, (size_t)lb) == 0)
            field_diff(out, "", pa, tf_root(pa), pb, tf_root(pb));
    }
    free(ca);
    free(cb);
}

int trace_field_diff(FILE *out, const char *rec_line, const char *now_line)
{
    struct tf_reader *pa = calloc(1, sizeof *pa), *pb = calloc(1, sizeof *pb);
    char *a = strdup(rec_line), *b = strdup(now_line);
    int rc = -1;
    if (pa && pb && a && b && tf_parse(pa, a, strlen(a)) == 0 && tf_parse(pb, b, strlen(b)) == 0) {
        field_diff(out, "", pa, tf_root(pa), pb, tf_root(pb));
        rc = 0;
    }
    free(a);
    free(b);
    if (pa)
        tf_close(pa);
    if (pb)
        tf_close(pb);
    free(pa);
    free(pb);
    return rc;
}

static void only(FILE *out, char sign, const struct side *s, const struct drec *d)
{
    fprintf(out, "%c %s:%" PRIu64 "  %.300s\n", sign, s->r.path, d->line, d->canon);
}

int trace_diff(const char *pa_path, const char *pb_path, FILE *out, FILE *err)
{
    struct side *A = calloc(1, sizeof *A), *B = calloc(1, sizeof *B);
    struct tf_reader *pa = calloc(1, sizeof *pa), *pb = calloc(1, sizeof *pb);
    int status = 2;
    unsigned long long diffs = 0, same = 0;
    if (!A || !B || !pa || !pb)
        goto out;
    if (tf_open(&A->r, pa_path) || tf_open(&B->r, pb_path)) {
        fprintf(err, "mmsim trace diff: %s\n", A->r.err[0] ? A->r.err : B->r.err);
        goto out;
    }
    A->r.want_copy = B->r.want_copy = true;
    pa->path = pa_path;
    pb->path = pb_path;
    for (;;) {
        if (fill(A, 1) || fill(B, 1))
            goto refused;
        if (!A->n && !B->n)
            break;
        if (A->n && B->n && !strcmp(at(A, 0)->canon, at(B, 0)->canon)) {
            drop(A, 1);
            drop(B, 1);
            same++;
            continue;
        }
        /* Realign: the nearest pair of equal records within the window. */
        if (fill(A, DIFF_WINDOW) || fill(B, DIFF_WINDOW))
            goto refused;
        size_t ba = A->n, bb = B->n;
        bool found = false;
        for (size_t sum = 1; sum < A->n + B->n && !found; sum++)
            for (size_t i = 0; i <= sum && !found; i++) {
                size_t j = sum - i;
                if (i < A->n && j < B->n && !strcmp(at(A, i)->canon, at(B, j)->canon)) {
                    ba = i;
                    bb = j;
                    found = true;
                }
            }
        if (!found) {          /* nothing realigns: one record each way */
            ba = A->n ? 1 : 0;
            bb = B->n ? 1 : 0;
        }
        size_t i = 0, j = 0;
        while (i < ba || j < bb) {
            if (diffs++ >= DIFF_MAX_REPORTS) {
                i = ba;
                j = bb;
                break;
            }
            if (i < ba && j < bb && !strcmp(at(A, i)->kind, at(B, j)->kind)) {
                changed(out, A, at(A, i), B, at(B, j), pa, pb);
                i++;
                j++;
            } else if (i < ba && (j >= bb || ba - i >= bb - j)) {
                only(out, '-', A, at(A, i++));
            } else {
                only(out, '+', B, at(B, j++));
            }
        }
        drop(A, ba);
        drop(B, bb);
    }
    if (diffs > DIFF_MAX_REPORTS)
        fprintf(out, "... %llu more differences not shown\n", diffs - DIFF_MAX_REPORTS);
    fprintf(out, "%llu events equal, %llu differences\n", same, diffs);
    status = diffs ? 1 : 0;
    goto out;
refused:
    fprintf(err, "mmsim trace diff: refused: %s\n", A->r.err[0] ? A->r.err : B->r.err);
    status = 2;
out:
    for (int k = 0; k < 2; k++) {
        struct side *s = k ? B : A;
        if (!s)
            continue;
        for (size_t x = 0; x < DIFF_WINDOW; x++)
            free(s->w[x].canon);
        tf_close(&s->r);
        free(s);
    }
    if (pa)
        tf_close(pa);
    if (pb)
        tf_close(pb);
    free(pa);
    free(pb);
    return status;
}

/* ---- show ------------------------------------------------------------------ */

#define SHOW_MAX_LINES 40

enum cat { C_OBJECTS, C_MAPPINGS, C_SEGMENTS, C_PTES, C_REPORTS, C_NCAT };
static const char *const cat_name[C_NCAT] = {"objects", "mappings", "segments", "PTE changes",
                                             "reports"};

struct pinfo {
    uint32_t pid;
    char    *text[C_NCAT];
    size_t   len[C_NCAT];
    unsigned lines[C_NCAT], more[C_NCAT];
    unsigned long long kcalls, ptes;
};

struct show {
    struct pinfo *p;
    size_t        n, cap;
};

static struct pinfo *pinfo(struct show *s, uint32_t pid)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->p[i].pid == pid)
            return &s->p[i];
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        struct pinfo *v = realloc(s->p, cap * sizeof *v);
        if (!v)
            return NULL;
        s->p = v;
        s->cap = cap;
    }
    memset(&s->p[s->n], 0, sizeof s->p[0]);
    s->p[s->n].pid = pid;
    return &s->p[s->n++];
}

static void addf(struct pinfo *p, enum cat c, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void addf(struct pinfo *p, enum cat c, const char *fmt, ...)
{
    if (p->lines[c] >= SHOW_MAX_LINES) {
        p->more[c]++;
        return;
    }
    char b[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b, sizeof b, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof b)
        n = sizeof b - 1;
    char *t = realloc(p->text[c], p->len[c] + (size_t)n + 8);
    if (!t)
        return;
    p->text[c] = t;
    memcpy(t + p->len[c], "    ", 4);
    memcpy(t + p->len[c] + 4, b, (size_t)n);
    p->len[c] += (size_t)n + 4;
    t[p->len[c]++] = '\n';
    t[p->len[c]] = 0;
    p->lines[c]++;
}

/* One record as a readable line: its fields after seq, args flattened. */
static void readable(FILE *out, const struct tf_reader *r)
{
    const struct tf_node *root = tf_root(r);
    fprintf(out, "%6" PRIu64 " ", tf_child(r, root)->u);
    for (const struct tf_node *n = tf_next_sib(r, tf_child(r, root)); n; n = tf_next_sib(r, n)) {
        if (!strcmp(n->key, "ev")) {
            fprintf(out, "%-8s", n->str);
            continue;
        }
        if (n->type == TF_OBJ) {
            for (const struct tf_node *c = tf_child(r, n); c; c = tf_next_sib(r, c)) {
                fprintf(out, " %s=", c->key);
                value(out, r, c);
            }
            continue;
        }
        fprintf(out, " %s=", n->key);
        value(out, r, n);
    }
    fputc('\n', out);
}

/* The string of a hex/str member, or "?" (show never refuses a field). */
static const char *sv(const struct tf_reader *r, const struct tf_node *o, const char *k)
{
    const struct tf_node *n = tf_get(r, o, k);
    return n && n->type == TF_STR ? n->str : "?";
}

static long long iv(const struct tf_reader *r, const struct tf_node *o, const char *k)
{
    const struct tf_node *n = tf_get(r, o, k);
    return n && n->type == TF_INT ? (long long)n->i : -999;
}

/* Fold one "mm" record into its process's summary. */
static void show_mm(struct tf_reader *r, struct pinfo *p)
{
    const struct tf_node *rec = tf_root(r), *a = tf_get(r, rec, "args");
    const char *op = sv(r, rec, "op");
    long long ret = iv(r, rec, "ret");
    const char *e = sv(r, rec, "errno");
    char res[160];
    if (ret < 0)
        snprintf(res, sizeof res, "%s%s%s%s", e, tf_get(r, rec, "why") ? " (" : "",
                 tf_get(r, rec, "why") ? sv(r, rec, "why") : "", tf_get(r, rec, "why") ? ")" : "");
    else
        snprintf(res, sizeof res, "%lld", ret);
    if (!strcmp(op, "shm_open"))
        addf(p, C_OBJECTS, "shm_open %s oflag %s -> fd %s", sv(r, a, "name"), sv(r, a, "oflag"), res);
    else if (!strcmp(op, "shm_ctl"))
        addf(p, C_OBJECTS, "shm_ctl%s fd %lld flags %s paddr %s size %s -> %s",
             tf_get(r, a, "has_special") && tf_get(r, a, "has_special")->i ? "_special" : "",
             iv(r, a, "fd"), sv(r, a, "flags"), sv(r, a, "paddr"), sv(r, a, "size"), res);
    else if (!strcmp(op, "shm_unlink"))
        addf(p, C_OBJECTS, "shm_unlink %s -> %s", sv(r, a, "name"), res);
    else if (!strcmp(op, "close"))
        addf(p, C_OBJECTS, "close fd %lld -> %s", iv(r, a, "fd"), res);
    else if (!strcmp(op, "ftruncate"))
        addf(p, C_OBJECTS, "ftruncate fd %lld len %s -> %s", iv(r, a, "fd"), sv(r, a, "len"), res);
    else if (!strcmp(op, "mmap"))
        addf(p, C_MAPPINGS, "mmap len %s prot %s flags %s fd %lld off %s -> %s%s", sv(r, a, "len"),
             sv(r, a, "prot"), sv(r, a, "flags"), iv(r, a, "fd"), sv(r, a, "off"),
             ret < 0 ? res : "", ret < 0 ? "" : sv(r, rec, "out"));
    else if (!strcmp(op, "munmap") || !strcmp(op, "mprotect") || !strcmp(op, "msync"))
        addf(p, C_MAPPINGS, "%s %s len %s -> %s", op, sv(r, a, "addr"), sv(r, a, "len"), res);
    else if (!strcmp(op, "shmget"))
        addf(p, C_OBJECTS, "shmget key %lld size %s flags %s -> %s", iv(r, a, "key"),
             sv(r, a, "size"), sv(r, a, "flags"), res);
    else if (!strcmp(op, "shmctl"))
        addf(p, C_OBJECTS, "shmctl id %lld cmd %lld -> %s", iv(r, a, "shmid"), iv(r, a, "cmd"), res);
    else if (!strcmp(op, "file_open"))
        addf(p, C_OBJECTS, "file_open file %lld (%s, size %s) oflag %s -> fd %s", iv(r, a, "file"),
             sv(r, a, "type"), sv(r, a, "size"), sv(r, a, "oflag"), res);
    else if (!strcmp(op, "shmat"))
        addf(p, C_MAPPINGS, "shmat id %lld addr %s flags %s -> %s", iv(r, a, "shmid"),
             sv(r, a, "addr"), sv(r, a, "flags"), ret < 0 ? res : sv(r, rec, "out"));
    else if (!strcmp(op, "shmdt"))
        addf(p, C_MAPPINGS, "shmdt %s -> %s", sv(r, a, "addr"), res);
    else if (!strcmp(op, "mremap"))
        addf(p, C_MAPPINGS, "mremap %s len %s -> len %s flags %s -> %s", sv(r, a, "old"),
             sv(r, a, "oldsize"), sv(r, a, "newsize"), sv(r, a, "flags"),
             ret < 0 ? res : sv(r, rec, "out"));
    else if (!strcmp(op, "mlock") || !strcmp(op, "munlock") || !strcmp(op, "madvise"))
        addf(p, C_MAPPINGS, "%s %s len %s -> %s", op, sv(r, a, "addr"), sv(r, a, "len"), res);
    else if (!strcmp(op, "mlockall") || !strcmp(op, "munlockall"))
        addf(p, C_MAPPINGS, "%s -> %s", op, res);
    else if (!strcmp(op, "mem_offset"))
        addf(p, C_SEGMENTS, "mem_offset %s -> %s%s%s contig %s", sv(r, a, "addr"),
             ret < 0 ? res : "paddr ", ret < 0 ? "" : sv(r, rec, "paddr"), "",
             ret < 0 ? "-" : sv(r, rec, "contig"));
    else if (!strcmp(op, "obj_info")) {
        addf(p, C_SEGMENTS, "_MEM_OBJ_INFO fd %lld offset %s -> %s", iv(r, a, "fd"),
             sv(r, a, "offset"), res);
        const struct tf_node *segs = tf_get(r, rec, "segments");
        for (const struct tf_node *s = segs ? tf_child(r, segs) : NULL; s; s = tf_next_sib(r, s))
            addf(p, C_SEGMENTS, "  offset %s paddr %s length %s", sv(r, s, "offset"),
                 sv(r, s, "paddr"), sv(r, s, "length"));
    } else if (!strcmp(op, "fault") && strcmp(sv(r, rec, "kind"), "resolved"))
        addf(p, C_REPORTS, "fault at %s (%s): %s", sv(r, a, "va"), sv(r, a, "access"),
             sv(r, rec, "kind"));
    if (ret < 0 && strcmp(op, "fault"))
        addf(p, C_REPORTS, "%s failed: %s", op, res);
}

int trace_show(const char *path, const char *filter, FILE *out, FILE *err)
{
    struct tf_reader *r = calloc(1, sizeof *r);
    struct show s = {0};
    int rc, status = 0;
    if (!r || tf_open(r, path)) {
        fprintf(err, "mmsim trace show: %s\n", r ? r->err : "out of memory");
        free(r);
        return 2;
    }
    const char *header = NULL;
    char hbuf[320] = "";
    while ((rc = next_trace_record(r)) == 1) {
        const char *ev = tf_ev(r);
        const struct tf_node *rec = tf_root(r);
        if (filter) {
            const struct tf_node *op = tf_get(r, rec, "op"), *call = tf_get(r, rec, "call");
            if (!strcmp(ev, filter) || (op && op->type == TF_STR && !strcmp(op->str, filter)) ||
                (call && call->type == TF_STR && !strcmp(call->str, filter)))
                readable(out, r);
            continue;
        }
        if (!strcmp(ev, "machine")) {
            snprintf(hbuf, sizeof hbuf, "%s", r->raw);
            header = hbuf;
            continue;
        }
        const struct tf_node *pidn = tf_get(r, rec, "pid");
        if (!pidn)
            pidn = tf_get(r, rec, "asid");
        if (!pidn || pidn->type != TF_INT)
            continue;
        struct pinfo *p = pinfo(&s, (uint32_t)pidn->u);
        if (!p)
            break;
        if (!strcmp(ev, "mm"))
            show_mm(r, p);
        else if (!strcmp(ev, "kcall"))
            p->kcalls++;
        else if (!strcmp(ev, "pte")) {
            p->ptes++;
            addf(p, C_PTES, "va %s  %s -> %s  %s", sv(r, rec, "va"), sv(r, rec, "old"),
                 sv(r, rec, "new"), sv(r, rec, "decoded"));
        } else if (!strcmp(ev, "fault"))
            addf(p, C_REPORTS, "killed: %s, %s, %s at %s (pc %s: %s)", sv(r, rec, "signal"),
                 sv(r, rec, "kind"), sv(r, rec, "access"), sv(r, rec, "va"), sv(r, rec, "pc"),
                 sv(r, rec, "insn"));
        else if (!strcmp(ev, "exit"))
            addf(p, C_REPORTS, "exit status %lld signal %lld after %lld kernel calls",
                 iv(r, rec, "status"), iv(r, rec, "signal"), iv(r, rec, "kcalls"));
        else if (!strcmp(ev, "check"))
            addf(p, C_REPORTS, "checker: %s at pc %s (%s), pa %s", sv(r, rec, "class"),
                 sv(r, rec, "pc"), sv(r, rec, "insn"), sv(r, rec, "pa"));
        else if (!strcmp(ev, "dma") || !strcmp(ev, "dev") || !strcmp(ev, "fork") ||
                 !strcmp(ev, "deadlock"))
            addf(p, C_REPORTS, "%s: %.200s", ev, r->raw);
    }
    if (rc < 0) {
        fprintf(err, "mmsim trace show: refused: %s\n", r->err);
        status = 2;
    } else if (!filter) {
        if (header)
            fprintf(out, "%s\n", header);
        for (size_t i = 0; i < s.n; i++) {
            struct pinfo *p = &s.p[i];
            fprintf(out, "\nprocess %u: %llu kernel calls, %llu PTE writes\n", p->pid, p->kcalls,
                    p->ptes);
            for (int c = 0; c < C_NCAT; c++) {
                fprintf(out, "  %s:%s\n", cat_name[c], p->lines[c] ? "" : " none");
                if (p->text[c])
                    fputs(p->text[c], out);
                if (p->more[c])
                    fprintf(out, "    ... %u more\n", p->more[c]);
            }
        }
    }
    for (size_t i = 0; i < s.n; i++)
        for (int c = 0; c < C_NCAT; c++)
            free(s.p[i].text[c]);
    free(s.p);
    tf_close(r);
    free(r);
    return status;
}

int trace_main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "diff"))
        return trace_diff(argv[2], argv[3], stdout, stderr);
    if (argc == 3 && !strcmp(argv[1], "show"))
        return trace_show(argv[2], NULL, stdout, stderr);
    if (argc == 5 && !strcmp(argv[1], "show") && !strcmp(argv[3], "--filter"))
        return trace_show(argv[2], argv[4], stdout, stderr);
    if (argc == 5 && !strcmp(argv[1], "show") && !strcmp(argv[2], "--filter"))
        return trace_show(argv[4], argv[3], stdout, stderr);
    fprintf(stderr, "usage: mmsim trace diff A B\n"
                    "       mmsim trace show TRACE [--filter CLASS]\n"
                    "CLASS: an event (mm, kcall, pte, rc, console, fault, exit ...) or a call (mmap, shm_open ...)\n");
    return 2;
}
