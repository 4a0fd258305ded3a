/*
 * tracefile.c - streaming trace reader and one-record JSON parser (see
 * tracefile.h).  Hand-written rather than a JSON library: a record is
 * parsed in place with no allocation once the node array has grown, which
 * is what lets replay run at more than a million events per second, and
 * the line reader must refuse an over-long line before buffering it.
 */
#include "tracefile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define TF_MAX_DEPTH 32

int tf_fail(struct tf_reader *r, const char *fmt, ...)
{
    int n = snprintf(r->err, sizeof r->err, "%s:%llu: ", r->path ? r->path : "-",
                     (unsigned long long)r->line);
    if (n < 0 || (size_t)n >= sizeof r->err)
        n = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err + n, sizeof r->err - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

int tf_open(struct tf_reader *r, const char *path)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    r->last_seq = -1;
    r->f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!r->f) {
        snprintf(r->err, sizeof r->err, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    r->own_f = r->f != stdin;
    struct stat st;
    if (fstat(fileno(r->f), &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(r->err, sizeof r->err, "%s: cannot read: is a directory", path);
        tf_close(r);
        return -1;
    }
    return 0;
}

void tf_open_file(struct tf_reader *r, FILE *f, const char *name)
{
    memset(r, 0, sizeof *r);
    r->path = name;
    r->last_seq = -1;
    r->f = f;
}

void tf_close(struct tf_reader *r)
{
    if (r->f && r->own_f)
        fclose(r->f);
    r->f = NULL;
    free(r->buf);
    free(r->nodes);
    free(r->copy);
    r->buf = NULL;
    r->nodes = NULL;
    r->copy = NULL;
}

/* Append n bytes to the line buffer; -1 past TF_MAX_LINE. */
static int line_add(struct tf_reader *r, const char *s, size_t n)
{
    if (r->len + n > TF_MAX_LINE)
        return -1;
    if (r->len + n + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 4096;
        while (cap < r->len + n + 1)
            cap *= 2;
        char *b = realloc(r->buf, cap);
        if (!b)
            return -1;
        r->buf = b;
        r->cap = cap;
    }
    memcpy(r->buf + r->len, s, n);
    r->len += n;
    r->buf[r->len] = 0;
    return 0;
}

/* Read the next line into r->buf without its newline.  1, 0 at EOF, -1. */
static int read_line(struct tf_reader *r)
{
    r->len = 0;
    if (r->buf)
        r->buf[0] = 0;
    bool any = false;
    for (;;) {
        if (r->rpos == r->rlen) {
            if (r->eof)
                break;
            r->rlen = fread(r->rbuf, 1, sizeof r->rbuf, r->f);
            r->rpos = 0;
            if (r->rlen == 0) {
                r->eof = true;
                if (ferror(r->f)) {
                    r->line++;
                    return tf_fail(r, "read error: %s", strerror(errno));
                }
                break;
            }
        }
        any = true;
        char *s = r->rbuf + r->rpos;
        char *nl = memchr(s, '\n', r->rlen - r->rpos);
        size_t n = nl ? (size_t)(nl - s) : r->rlen - r->rpos;
        if (line_add(r, s, n) != 0) {
            r->line++;
            return tf_fail(r, "line longer than %u bytes (refused without reading it whole)",
                           TF_MAX_LINE);
        }
        r->rpos += n + (nl ? 1 : 0);
        if (nl) {
            r->line++;
            return 1;
        }
    }
    if (!any)
        return 0;
    r->line++;
    return tf_fail(r, "truncated line: no newline at the end of the file");
}

/* ---- JSON ---------------------------------------------------------------- */

struct parser {
    struct tf_reader *r;
    char *p, *end;
    int   depth;
};

static int new_node(struct parser *ps, enum tf_type t)
{
    struct tf_reader *r = ps->r;
    if (r->nnodes == r->capnodes) {
        int cap = r->capnodes ? r->capnodes * 2 : 256;
        struct tf_node *n = realloc(r->nodes, (size_t)cap * sizeof *n);
        if (!n)
            return tf_fail(r, "out of memory"), -1;
        r->nodes = n;
        r->capnodes = cap;
    }
    struct tf_node *n = &r->nodes[r->nnodes];
    memset(n, 0, sizeof *n);
    n->type = t;
    n->first = n->next = -1;
    return r->nnodes++;
}

static void ws(struct parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\r'))
        ps->p++;
}

static int col(const struct parser *ps)
{
    return (int)(ps->p - ps->r->buf) + 1;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Parse a string at ps->p (the opening quote); unescape in place. */
static int parse_string(struct parser *ps, const char **out, size_t *outlen)
{
    char *w = ++ps->p, *start = w;
    /* Fast path: the common string has no escapes and nothing to move. */
    while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\' && (unsigned char)*ps->p >= 0x20)
        ps->p++;
    w = ps->p;
    while (ps->p < ps->end && *ps->p != '"') {
        unsigned char c = (unsigned char)*ps->p++;
        if (c < 0x20)
            return tf_fail(ps->r, "column %d: control character in a string", col(ps));
        if (c != '\\') {
            *w++ = (char)c;
            continue;
        }
        if (ps->p >= ps->end)
            break;
        char e = *ps->p++;
        switch (e) {
        case '"': case '\\': case '/': *w++ = e; break;
        case 'n': *w++ = '\n'; break;
        case 't': *w++ = '\t'; break;
        case 'r': *w++ = '\r'; break;
        case 'b': *w++ = '\b'; break;
        case 'f': *w++ = '\f'; break;
        case 'u': {
            if (ps->end - ps->p < 4)
                return tf_fail(ps->r, "column %d: truncated \\u escape", col(ps));
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int h = hexval(ps->p[i]);
                if (h < 0)
                    return tf_fail(ps->r, "column %d: bad \\u escape", col(ps));
                v = v << 4 | h;
            }
            ps->p += 4;
            if (v > 0xff)      /* the writer escapes single bytes only; NUL is one */
                return tf_fail(ps->r, "column %d: \\u%04x outside the bytes traces use", col(ps), v);
            *w++ = (char)v;
            break;
        }
        default:
            return tf_fail(ps->r, "column %d: bad escape '\\%c'", col(ps), e);
        }
    }
    if (ps->p >= ps->end)
        return tf_fail(ps->r, "column %d: unterminated string", col(ps));
    ps->p++;
    *w = 0;
    *out = start;
    *outlen = (size_t)(w - start);
    return 0;
}

static int parse_value(struct parser *ps);

/* Parse members or elements up to `close`; children chained under n. */
static int parse_container(struct parser *ps, int n, char close)
{
    bool obj = close == '}';
    int last = -1;
    size_t count = 0;
    ps->p++;
    if (++ps->depth > TF_MAX_DEPTH)
        return tf_fail(ps->r, "column %d: nested deeper than %d", col(ps), TF_MAX_DEPTH);
    ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        ps->depth--;
        return 0;
    }
    for (;;) {
        const char *k = NULL;
        size_t kl;
        ws(ps);
        if (obj) {
            if (ps->p >= ps->end || *ps->p != '"')
                return tf_fail(ps->r, "column %d: expected a member name", col(ps));
            if (parse_string(ps, &k, &kl))
                return -1;
            ws(ps);
            if (ps->p >= ps->end || *ps->p != ':')
                return tf_fail(ps->r, "column %d: expected ':' after \"%s\"", col(ps), k);
            ps->p++;
        }
        int c = parse_value(ps);
        if (c < 0)
            return -1;
        ps->r->nodes[c].key = k;
        if (last < 0)
            ps->r->nodes[n].first = c;
        else
            ps->r->nodes[last].next = c;
        last = c;
        count++;
        ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            break;
        }
        return tf_fail(ps->r, "column %d: expected ',' or '%c'", col(ps), close);
    }
    ps->r->nodes[n].len = count;
    ps->depth--;
    return 0;
}

/* Parse one value; returns its node index or -1. */
static int parse_value(struct parser *ps)
{
    ws(ps);
    if (ps->p >= ps->end)
        return tf_fail(ps->r, "column %d: value missing (truncated record?)", col(ps));
    char c = *ps->p;
    int n;
    if (c == '{' || c == '[') {
        if ((n = new_node(ps, c == '{' ? TF_OBJ : TF_ARR)) < 0)
            return -1;
        return parse_container(ps, n, c == '{' ? '}' : ']') ? -1 : n;
    }
    if (c == '"') {
        const char *s;
        size_t l;
        if ((n = new_node(ps, TF_STR)) < 0 || parse_string(ps, &s, &l))
            return -1;
        ps->r->nodes[n].str = s;
        ps->r->nodes[n].len = l;
        return n;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        bool neg = c == '-';
        if (neg)
            ps->p++;
        uint64_t v = 0;
        int digits = 0;
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
            unsigned d = (unsigned)(*ps->p++ - '0');
            if (v > (UINT64_MAX - d) / 10)
                return tf_fail(ps->r, "column %d: integer out of range", col(ps));
            v = v * 10 + d;
            digits++;
        }
        if (!digits)
            return tf_fail(ps->r, "column %d: bad number", col(ps));
        if (ps->p < ps->end && (*ps->p == '.' || *ps->p == 'e' || *ps->p == 'E'))
            return tf_fail(ps->r, "column %d: only integers appear in traces", col(ps));
        if (neg && v > (uint64_t)INT64_MAX + 1)
            return tf_fail(ps->r, "column %d: integer out of range", col(ps));
        if ((n = new_node(ps, TF_INT)) < 0)
            return -1;
        struct tf_node *x = &ps->r->nodes[n];
        x->neg = neg;
        x->u = v;
        x->i = neg ? (int64_t)(0 - v) : (int64_t)v;
        return n;
    }
    static const struct { const char *w; enum tf_type t; int v; } lit[] = {
        {"true", TF_BOOL, 1}, {"false", TF_BOOL, 0}, {"null", TF_NULL, 0},
    };
    for (size_t i = 0; i < 3; i++) {
        size_t l = strlen(lit[i].w);
        if ((size_t)(ps->end - ps->p) >= l && memcmp(ps->p, lit[i].w, l) == 0) {
            ps->p += l;
            if ((n = new_node(ps, lit[i].t)) < 0)
                return -1;
            ps->r->nodes[n].i = lit[i].v;
            return n;
        }
    }
    return tf_fail(ps->r, "column %d: unexpected character '%c'", col(ps), c);
}

int tf_parse(struct tf_reader *r, char *line, size_t len)
{
    struct parser ps = { .r = r, .p = line, .end = line + len };
    r->nnodes = 0;
    if (r->buf != line) {
        /* Columns are counted from r->buf: copy the caller's line there. */
        r->len = 0;
        if (line_add(r, line, len) != 0)
            return tf_fail(r, "line longer than %u bytes", TF_MAX_LINE);
        ps.p = r->buf;
        ps.end = r->buf + len;
    }
    if (r->want_copy) {
        if (len + 1 > r->copycap) {
            char *c = realloc(r->copy, len + 1);
            if (!c)
                return tf_fail(r, "out of memory");
            r->copy = c;
            r->copycap = len + 1;
        }
        memcpy(r->copy, ps.p, len);
        r->copy[len] = 0;
        r->copylen = len;
    }
    size_t keep = len < sizeof r->raw - 1 ? len : sizeof r->raw - 1;
    memcpy(r->raw, ps.p, keep);
    r->raw[keep] = 0;
    ws(&ps);
    if (ps.p >= ps.end)
        return tf_fail(r, "empty line");
    if (*ps.p != '{')
        return tf_fail(r, "a record must be a JSON object");
    if (parse_value(&ps) < 0)
        return -1;
    ws(&ps);
    if (ps.p != ps.end)
        return tf_fail(r, "column %d: text after the record", col(&ps));
    const struct tf_node *root = &r->nodes[0];
    const struct tf_node *seq = tf_child(r, root);
    const struct tf_node *ev = seq ? tf_next_sib(r, seq) : NULL;
    if (!seq || strcmp(seq->key, "seq") != 0 || seq->type != TF_INT || seq->neg)
        return tf_fail(r, "the first field must be \"seq\" (a number)");
    if (!ev || strcmp(ev->key, "ev") != 0 || ev->type != TF_STR)
        return tf_fail(r, "the second field must be \"ev\" (a string)");
    return 0;
}

int tf_next(struct tf_reader *r)
{
    int rc = read_line(r);
    if (rc <= 0)
        return rc;
    if (tf_parse(r, r->buf, r->len) != 0)
        return -1;
    const struct tf_node *seq = tf_child(r, tf_root(r));
    if ((int64_t)seq->u != r->last_seq + 1)
        return tf_fail(r, "seq %llu out of order (expected %lld)", (unsigned long long)seq->u,
                       (long long)(r->last_seq + 1));
    r->last_seq = (int64_t)seq->u;
    return 1;
}

const struct tf_node *tf_root(const struct tf_reader *r)
{
    return r->nnodes ? &r->nodes[0] : NULL;
}

const char *tf_ev(const struct tf_reader *r)
{
    const struct tf_node *seq = tf_child(r, tf_root(r));
    return tf_next_sib(r, seq)->str;
}

const struct tf_node *tf_child(const struct tf_reader *r, const struct tf_node *n)
{
    return n && n->first >= 0 ? &r->nodes[n->first] : NULL;
}

const struct tf_node *tf_next_sib(const struct tf_reader *r, const struct tf_node *n)
{
    return n && n->next >= 0 ? &r->nodes[n->next] : NULL;
}

const struct tf_node *tf_get(const struct tf_reader *r, const struct tf_node *n, const char *key)
{
    if (!n || n->type != TF_OBJ)
        return NULL;
    for (const struct tf_node *c = tf_child(r, n); c; c = tf_next_sib(r, c))
        if (c->key[0] == key[0] && strcmp(c->key, key) == 0)
            return c;
    return NULL;
}

/* Member `key` of the given type, or a refusal naming what was expected. */
static const struct tf_node *typed(struct tf_reader *r, const struct tf_node *obj,
                                   const char *key, enum tf_type t, const char *what)
{
    const struct tf_node *n = tf_get(r, obj, key);
    if (!n)
        tf_fail(r, "field '%s' missing (expected %s)", key, what);
    else if (n->type != t)
        tf_fail(r, "field '%s': expected %s", key, what);
    else
        return n;
    return NULL;
}

int tf_hex(struct tf_reader *r, const struct tf_node *obj, const char *key, uint64_t *v)
{
    const struct tf_node *n = typed(r, obj, key, TF_STR, "a hex string \"0x...\"");
    if (!n)
        return -1;
    const char *s = n->str;
    if (n->len < 3 || n->len > 18 || s[0] != '0' || s[1] != 'x')
        return tf_fail(r, "field '%s': expected a hex string \"0x...\", got \"%.40s\"", key, s);
    uint64_t x = 0;
    for (size_t i = 2; i < n->len; i++) {
        int h = hexval(s[i]);
        if (h < 0)
            return tf_fail(r, "field '%s': bad hex digit in \"%.40s\"", key, s);
        x = x << 4 | (uint64_t)h;
    }
    *v = x;
    return 0;
}

int tf_int(struct tf_reader *r, const struct tf_node *obj, const char *key, int64_t *v)
{
    const struct tf_node *n = typed(r, obj, key, TF_INT, "a number");
    if (!n)
        return -1;
    if (!n->neg && n->u > INT64_MAX)
        return tf_fail(r, "field '%s': number out of range", key);
    *v = n->i;
    return 0;
}

int tf_bool(struct tf_reader *r, const struct tf_node *obj, const char *key, bool *v)
{
    const struct tf_node *n = typed(r, obj, key, TF_BOOL, "true or false");
    if (!n)
        return -1;
    *v = n->i != 0;
    return 0;
}

int tf_str(struct tf_reader *r, const struct tf_node *obj, const char *key, const char **v)
{
    const struct tf_node *n = typed(r, obj, key, TF_STR, "a string");
    if (!n)
        return -1;
    *v = n->str;
    return 0;
}

int tf_obj(struct tf_reader *r, const struct tf_node *obj, const char *key,
           const struct tf_node **v)
{
    const struct tf_node *n = typed(r, obj, key, TF_OBJ, "an object");
    if (!n)
        return -1;
    *v = n;
    return 0;
}
