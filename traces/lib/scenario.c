/*
 * scenario.c - `mmsim scenario FILE`: a small text format that drives the
 * memory manager directly, with expected results inline (format in
 * traces/README.md, "Scenario scripts").  Each line is turned into the
 * "mm" record a run would have written and handed to the replayer in
 * partial mode, so scenarios and traces share one table of calls and one
 * comparer (traces/lib/replay.c).
 */
#include "scenario.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "mmsim/memmgr.h"
#include "replay.h"
#include "trace.h"
#include "tracefile.h"

#define FORM "OP PID [key=value ...] [=> RESULT]"

/* Symbolic names a value may use (joined with '|'). */
static const struct { const char *name; uint64_t v; } syms[] = {
    {"O_RDONLY", MM_O_RDONLY}, {"O_WRONLY", MM_O_WRONLY}, {"O_RDWR", MM_O_RDWR},
    {"O_CREAT", MM_O_CREAT}, {"O_EXCL", MM_O_EXCL}, {"O_TRUNC", MM_O_TRUNC},
    {"O_APPEND", MM_O_APPEND},
    {"PROT_NONE", MM_PROT_NONE}, {"PROT_READ", MM_PROT_READ}, {"PROT_WRITE", MM_PROT_WRITE},
    {"PROT_EXEC", MM_PROT_EXEC}, {"PROT_NOCACHE", MM_PROT_NOCACHE},
    {"MAP_SHARED", MM_MAP_SHARED}, {"MAP_PRIVATE", MM_MAP_PRIVATE}, {"MAP_FIXED", MM_MAP_FIXED},
    {"MAP_LAZY", MM_MAP_LAZY}, {"MAP_PHYS", MM_MAP_PHYS}, {"MAP_NOX64K", MM_MAP_NOX64K},
    {"MAP_BELOW16M", MM_MAP_BELOW16M}, {"MAP_ANON", MM_MAP_ANON},
    {"MS_ASYNC", MM_MS_ASYNC}, {"MS_SYNC", MM_MS_SYNC}, {"MS_INVALIDATE", MM_MS_INVALIDATE},
    {"SHMCTL_ANON", MM_SHMCTL_ANON}, {"SHMCTL_PHYS", MM_SHMCTL_PHYS},
    {"SHMCTL_ISADMA", MM_SHMCTL_ISADMA}, {"SHMCTL_GLOBAL", MM_SHMCTL_GLOBAL},
    {"SHMCTL_PRIV", MM_SHMCTL_PRIV}, {"SHMCTL_LOWERPROT", MM_SHMCTL_LOWERPROT},
    {"SHMCTL_LAZYWRITE", MM_SHMCTL_LAZYWRITE}, {"SHMCTL_NOX64K", MM_SHMCTL_NOX64K},
    {"SHMCTL_HIGHUSAGE", MM_SHMCTL_HIGHUSAGE}, {"SHMCTL_LAZY", MM_SHMCTL_LAZY},
    {"NOFD", (uint64_t)-1},
    {"IPC_PRIVATE", MM_IPC_PRIVATE}, {"IPC_CREAT", MM_IPC_CREAT}, {"IPC_EXCL", MM_IPC_EXCL},
    {"IPC_RMID", MM_IPC_RMID}, {"IPC_SET", MM_IPC_SET}, {"IPC_STAT", MM_IPC_STAT},
    {"IPC_INFO", MM_IPC_INFO}, {"SHM_RDONLY", MM_SHM_RDONLY}, {"SHM_RND", MM_SHM_RND},
    {"SHM_REMAP", MM_SHM_REMAP}, {"SHM_EXEC", MM_SHM_EXEC}, {"SHM_LOCK", MM_SHM_LOCK},
    {"SHM_UNLOCK", MM_SHM_UNLOCK}, {"SHM_STAT", MM_SHM_STAT}, {"SHM_INFO", MM_SHM_INFO},
    {"SHM_DEST", MM_SHM_DEST}, {"SHM_LOCKED", MM_SHM_LOCKED},
    {"MREMAP_MAYMOVE", MM_MREMAP_MAYMOVE}, {"MREMAP_FIXED", MM_MREMAP_FIXED},
    {"MCL_CURRENT", MM_MCL_CURRENT}, {"MCL_FUTURE", MM_MCL_FUTURE},
    {"POSIX_MADV_NORMAL", MM_POSIX_MADV_NORMAL}, {"POSIX_MADV_RANDOM", MM_POSIX_MADV_RANDOM},
    {"POSIX_MADV_SEQUENTIAL", MM_POSIX_MADV_SEQUENTIAL},
    {"POSIX_MADV_WILLNEED", MM_POSIX_MADV_WILLNEED},
    {"POSIX_MADV_DONTNEED", MM_POSIX_MADV_DONTNEED},
    {"SEEK_SET", MM_SEEK_SET}, {"SEEK_CUR", MM_SEEK_CUR}, {"SEEK_END", MM_SEEK_END},
};

/* Growable text of the record being built. */
struct sbuf {
    char  *p;
    size_t len, cap;
    bool   oom;
};

static void sb_add(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_add(struct sbuf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->oom = true;
            return;
        }
        if (b->p && b->len + (size_t)n < b->cap) {
            b->len += (size_t)n;
            return;
        }
        size_t cap = b->cap ? b->cap * 2 : 512;
        while (cap < b->len + (size_t)n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
}

/* Append s as a JSON string. */
static void sb_jstr(struct sbuf *b, const char *s)
{
    sb_add(b, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            sb_add(b, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f)
            sb_add(b, "\\u%04x", c);
        else
            sb_add(b, "%c", c);
    }
    sb_add(b, "\"");
}

struct scen {
    const char      *cpu_override;
    const char      *path;
    unsigned         line;
    struct tf_reader *r;
    struct replay   *rp;
    bool             have_machine;
    uint64_t         seq;
    unsigned         passed, failed, calls;
    char             err[600];
};

static int syntax(struct scen *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int syntax(struct scen *s, const char *fmt, ...)
{
    int n = snprintf(s->err, sizeof s->err, "%s:%u: ", s->path, s->line);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err + n, sizeof s->err - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

/* Split the line into words in place; "..." keeps spaces (in values).
 * Returns the count or -1. */
static int split(struct scen *s, char *line, char **w, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            return n;
        if (n == max)
            return syntax(s, "too many words (at most %d); expected form: %s", max, FORM);
        w[n++] = p;
        char *o = p;
        bool q = false;
        while (*p && (q || (*p != ' ' && *p != '\t'))) {
            if (*p == '"') {
                q = !q;
                p++;
                continue;
            }
            if (q && *p == '\\' && p[1])
                p++;
            *o++ = *p++;
        }
        if (q)
            return syntax(s, "unterminated quoted string");
        bool end = !*p;
        *o = 0;
        if (end)
            return n;
        p++;
    }
}

/* Parse a number: 0x.., 0.. (octal), decimal, K/M/G suffix, symbols
 * joined by '|', a leading '-' for negatives.  0 or -1. */
static int number(const char *v, uint64_t *out)
{
    uint64_t acc = 0;
    char buf[256];
    if (strlen(v) >= sizeof buf || !*v)
        return -1;
    strcpy(buf, v);
    for (char *save = NULL, *t = strtok_r(buf, "|", &save); t; t = strtok_r(NULL, "|", &save)) {
        bool found = false;
        for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++)
            if (strcmp(syms[i].name, t) == 0) {
                acc |= syms[i].v;
                found = true;
            }
        if (found)
            continue;
        bool neg = *t == '-';
        char *end;
        errno = 0;
        uint64_t x = strtoull(neg ? t + 1 : t, &end, 0);
        if (errno || end == (neg ? t + 1 : t))
            return -1;
        uint64_t mul = 1;
        if (*end == 'K' || *end == 'k') mul = 1ull << 10, end++;
        else if (*end == 'M' || *end == 'm') mul = 1ull << 20, end++;
        else if (*end == 'G' || *end == 'g') mul = 1ull << 30, end++;
        if (*end)
            return -1;
        x *= mul;
        acc |= neg ? (uint64_t)0 - x : x;
    }
    *out = acc;
    return 0;
}

/* The kind letter of arg `key` in schema `args`, 0 if absent. */
static char arg_kind(const char *args, const char *key)
{
    size_t kl = strlen(key);
    if (kl == 0)
        return 0;
    for (const char *p = args; (p = strstr(p, key)) != NULL; p += kl)
        if ((p == args || p[-1] == ' ') && p[kl] == ':')
            return p[kl + 1];
    return 0;
}

/* Default of an argument not given on the line. */
static const char *arg_default(const char *op, const char *key, char kind)
{
    if (!strcmp(key, "fd") && !strcmp(op, "mmap"))
        return "-1";
    if (!strcmp(op, "obj_info") && !strcmp(key, "length"))
        return "\"0xffffffffffffffff\"";
    if (!strcmp(op, "obj_info") && !strcmp(key, "max"))
        return "16";
    if (!strcmp(op, "proc_create") && !strcmp(key, "privileged"))
        return "true";
    if (!strcmp(op, "fault") && !strcmp(key, "access"))
        return "\"r\"";
    return kind == 'b' ? "false" : kind == 'd' ? "0" : kind == 'x' ? "\"0x0\"" : NULL;
}

/* Map scenario names onto replay ops. */
static const char *canon_op(const char *w, bool *special)
{
    *special = false;
    if (!strcmp(w, "proc"))
        return "proc_create";
    if (!strcmp(w, "exit"))
        return "proc_destroy";
    if (!strcmp(w, "shm_ctl_special")) {
        *special = true;
        return "shm_ctl";
    }
    if (!strcmp(w, "_MEM_OBJ_INFO") || !strcmp(w, "mem_obj_info"))
        return "obj_info";
    if (!strcmp(w, "touch"))
        return "fault";
    return w;
}

/* Write one argument value as JSON of the schema's kind. */
static int put_value(struct scen *s, struct sbuf *b, const char *op, const char *key, char kind,
                     const char *v)
{
    uint64_t x;
    if (kind == 's') {
        sb_jstr(b, v);
        return 0;
    }
    if (kind == 'b') {
        if (strcmp(v, "true") && strcmp(v, "false") && strcmp(v, "1") && strcmp(v, "0"))
            return syntax(s, "%s: %s=%s: expected true or false", op, key, v);
        sb_add(b, "%s", (!strcmp(v, "true") || !strcmp(v, "1")) ? "true" : "false");
        return 0;
    }
    if (number(v, &x) != 0)
        return syntax(s, "%s: %s=%s: expected a number (0x.., decimal, 0.. octal, K/M/G, or "
                         "names like PROT_READ|PROT_WRITE)", op, key, v);
    if (kind == 'd')
        sb_add(b, "%" PRId64, (int64_t)x);
    else
        sb_add(b, "\"0x%" PRIx64 "\"", x);
    return 0;
}

/* One device=BASE,SIZE of the machine line as a "devices" element.
 * 0, or -1 if it does not parse. */
static int device_arg(struct sbuf *b, const char *v, unsigned index)
{
    char buf[128];
    uint64_t base, size;
    if (strlen(v) >= sizeof buf)
        return -1;
    strcpy(buf, v);
    char *comma = strchr(buf, ',');
    if (!comma)
        return -1;
    *comma = 0;
    if (number(buf, &base) || number(comma + 1, &size))
        return -1;
    sb_add(b, "%s{\"base\":\"0x%" PRIx64 "\",\"size\":\"0x%" PRIx64 "\",\"name\":\"dev%u\"}",
           index ? "," : "", base, size, index);
    return b->oom ? -1 : 0;
}

/* The "machine" line: cpu=, ram=, frag=SEED, device=BASE,SIZE (any
 * number); unprivileged is per proc. */
static int machine_line(struct scen *s, char **w, int n)
{
    const char *cpu = "armv7";
    uint64_t ram = 256u << 20, seed = 0;
    bool frag = false, ipc = false;
    struct sbuf devs = {0};
    unsigned ndev = 0;
    struct mm_ipc_limits lim;
    mm_ipc_limits_default(&lim);
    if (s->have_machine)
        return syntax(s, "a second 'machine' line (it must come first, once)");
    for (int i = 1; i < n; i++) {
        char *eq = strchr(w[i], '=');
        if (!eq)
            return syntax(s, "machine: '%s': expected key=value; form: machine [cpu=armv7] "
                             "[ram=256M] [frag=SEED]", w[i]);
        *eq = 0;
        const char *v = eq + 1;
        if (!strcmp(w[i], "cpu"))
            cpu = v;
        else if (!strcmp(w[i], "ram") && number(v, &ram) == 0)
            ;
        else if (!strcmp(w[i], "frag") && number(v, &seed) == 0)
            frag = true;
        else if (!strcmp(w[i], "device") && device_arg(&devs, v, ndev) == 0)
            ndev++;
        else if (!strcmp(w[i], "shmmin") && number(v, &lim.shmmin) == 0)
            ipc = true;
        else if (!strcmp(w[i], "shmmax") && number(v, &lim.shmmax) == 0)
            ipc = true;
        else if (!strcmp(w[i], "shmall") && number(v, &lim.shmall) == 0)
            ipc = true;
        else if (!strcmp(w[i], "shmmni") && number(v, &lim.shmmni) == 0)
            ipc = true;
        else if (!strcmp(w[i], "shmseg") && number(v, &lim.shmseg) == 0)
            ipc = true;
        else {
            free(devs.p);
            return syntax(s, "machine: bad '%s=%s'; form: machine [cpu=armv7] [ram=256M] "
                             "[frag=SEED] [device=BASE,SIZE ...] [shmmin|shmmax|shmall|shmmni|shmseg=N]",
                          w[i], v);
        }
    }
    if (s->cpu_override)
        cpu = s->cpu_override;
    struct sbuf b = {0};
    sb_add(&b, "{\"seq\":%" PRIu64 ",\"ev\":\"machine\",\"format\":%d,\"mmsim\":\"%s\",\"cpu\":",
           s->seq, TRACE_FORMAT, MMSIM_VERSION);
    sb_jstr(&b, cpu);
    sb_add(&b, ",\"ram\":\"0x%" PRIx64 "\",\"banks\":[", ram);
    for (uint64_t base = 0; base < ram; base += PHYS_BANK_MAX)    /* as phys_init lays them out */
        sb_add(&b, "%s{\"base\":\"0x%08" PRIx64 "\",\"size\":\"0x%08" PRIx64 "\"}", base ? "," : "",
               base, ram - base < PHYS_BANK_MAX ? ram - base : (uint64_t)PHYS_BANK_MAX);
    sb_add(&b, "],\"devices\":[%s],\"frag\":%s,"
               "\"frag_seed\":%" PRIu64 ",\"unprivileged\":false,\"max_insns\":0,\"timeout\":0",
           devs.p ? devs.p : "", frag ? "true" : "false", seed);
    free(devs.p);
    if (ipc)
        sb_add(&b, ",\"ipc\":{\"shmmin\":\"0x%" PRIx64 "\",\"shmmax\":\"0x%" PRIx64
                   "\",\"shmall\":\"0x%" PRIx64 "\",\"shmmni\":\"0x%" PRIx64
                   "\",\"shmseg\":\"0x%" PRIx64 "\"}", lim.shmmin, lim.shmmax, lim.shmall,
               lim.shmmni, lim.shmseg);
    sb_add(&b, "}");
    int rc = b.oom ? syntax(s, "out of memory") : 0;
    s->r->line = s->line;
    if (!rc && tf_parse(s->r, b.p, b.len) == 0) {
        s->seq++;
        rc = replay_event(s->rp, s->r);
    } else if (!rc) {
        rc = -1;
    }
    if (rc < 0 && !*s->err)
        snprintf(s->err, sizeof s->err, "%s", s->r->err);
    free(b.p);
    s->have_machine = rc == 0;
    return rc < 0 ? -1 : 0;
}

/* Expectations after "=>": N, ENAME, key=value... */
static int expectations(struct scen *s, struct sbuf *b, const char *op, char **w, int n)
{
    const char *outs = replay_op_outputs(op);
    char grp[16] = "";        /* the output group ("st", "ds"...) open now */
    for (int i = 0; i < n; i++) {
        char *eq = strchr(w[i], '=');
        uint64_t x;
        if (!eq && w[i][0] == 'E') {
            sb_add(b, ",\"ret\":-1,\"errno\":");
            sb_jstr(b, w[i]);
            continue;
        }
        if (!eq && number(w[i], &x) == 0) {
            sb_add(b, ",\"ret\":%" PRId64, (int64_t)x);
            continue;
        }
        if (!eq)
            return syntax(s, "%s: result '%s': expected a number, an errno name (EINVAL...) or "
                             "key=value with key one of: ret %s", op, w[i], outs);
        *eq = 0;
        const char *k = w[i], *v = eq + 1;
        const char *dot = strchr(k, '.');
        size_t gl = dot ? (size_t)(dot - k) : 0;
        if (*grp && (gl != strlen(grp) || strncmp(k, grp, gl))) {
            sb_add(b, "}");
            *grp = 0;
        }
        if (!strcmp(k, "why")) {
            sb_add(b, ",\"why\":");
            sb_jstr(b, v);
            continue;
        }
        if (!strcmp(k, "ret")) {
            if (number(v, &x) != 0)
                return syntax(s, "%s: ret=%s: expected a number", op, v);
            sb_add(b, ",\"ret\":%" PRId64, (int64_t)x);
            continue;
        }
        if (!strcmp(k, "errno")) {
            sb_add(b, ",\"ret\":-1,\"errno\":");
            sb_jstr(b, v);
            continue;
        }
        char full[64];
        snprintf(full, sizeof full, "%s", k);
        size_t kl = strlen(full);
        const char *hit = strstr(outs, full);
        if (!hit || (hit != outs && hit[-1] != ' ') || (hit[kl] && hit[kl] != ' '))
            return syntax(s, "%s: unknown result '%s' (this call gives: ret errno why %s)", op,
                          k, outs);
        if (!strcmp(k, "kind")) {
            sb_add(b, ",\"kind\":");
            sb_jstr(b, v);
            continue;
        }
        if (number(v, &x) != 0)
            return syntax(s, "%s: %s=%s: expected a number", op, k, v);
        if (gl && !*grp && gl < sizeof grp) {
            memcpy(grp, k, gl);
            grp[gl] = 0;
            sb_add(b, ",\"%s\":{", grp);
            sb_add(b, "\"%s\":\"0x%" PRIx64 "\"", dot + 1, x);
        } else if (gl) {
            sb_add(b, ",\"%s\":\"0x%" PRIx64 "\"", dot + 1, x);
        } else {
            sb_add(b, ",\"%s\":\"0x%" PRIx64 "\"", k, x);
        }
    }
    if (*grp)
        sb_add(b, "}");
    return 0;
}

/* One call line: build its "mm" record and replay it. */
static int call_line(struct scen *s, char **w, int n, FILE *out)
{
    bool special;
    const char *op = canon_op(w[0], &special);
    const char *args = replay_op_args(op);
    if (!args) {
        syntax(s, "unknown operation '%s'; expected form: %s with OP one of: machine, proc, exit, "
                  "shm_ctl_special, _MEM_OBJ_INFO, touch, ", w[0], FORM);
        size_t l = strlen(s->err);
        FILE *m = fmemopen(s->err + l, sizeof s->err - l, "w");
        if (m) {
            replay_list_ops(m);
            fclose(m);
        }
        return -1;
    }
    uint64_t pid;
    if (n < 2 || number(w[1], &pid) != 0 || pid > UINT32_MAX)
        return syntax(s, "%s: expected a process id after the operation; form: %s", w[0], FORM);
    if (!s->have_machine) {
        char *dflt[] = {(char *)"machine"};
        if (machine_line(s, dflt, 1))
            return -1;
    }
    int arrow = n;
    for (int i = 2; i < n; i++) {
        if (!strncmp(w[i], "=>", 2) && w[i][2])
            return syntax(s, "%s: '%s': put a space after '=>'; form: %s", w[0], w[i], FORM);
        if (!strcmp(w[i], "=>")) {
            arrow = i;
            break;
        }
    }
    struct sbuf b = {0};
    sb_add(&b, "{\"seq\":%" PRIu64 ",\"ev\":\"mm\",\"pid\":%" PRIu64 ",\"op\":\"%s\",\"args\":{",
           s->seq, pid, op);
    /* Arguments in schema order, each given or defaulted. */
    int rc = 0;
    bool first = true;
    for (int i = 2; i < arrow; i++) {
        if (!strcmp(w[0], "proc") && !strcmp(w[i], "unprivileged"))
            continue;
        char *eq = strchr(w[i], '=');
        if (!eq) {
            rc = syntax(s, "%s: '%s': expected key=value (arguments: %s)", w[0], w[i], args);
            goto out;
        }
        *eq = 0;
        if (!arg_kind(args, w[i]) || (special && !strcmp(w[i], "has_special"))) {
            rc = syntax(s, "%s: unknown argument '%s' (arguments: %s)", w[0], w[i], args);
            goto out;
        }
        *eq = '=';
    }
    for (const char *p = args; *p;) {
        const char *colon = strchr(p, ':');
        char key[32];
        snprintf(key, sizeof key, "%.*s", (int)(colon - p), p);
        char kind = colon[1];
        const char *given = NULL;
        for (int i = 2; i < arrow; i++)
            if (!strncmp(w[i], key, strlen(key)) && w[i][strlen(key)] == '=')
                given = w[i] + strlen(key) + 1;
        sb_add(&b, "%s\"%s\":", first ? "" : ",", key);
        first = false;
        if (special && !strcmp(key, "has_special")) {
            sb_add(&b, "true");
        } else if (!strcmp(w[0], "proc") && !strcmp(key, "privileged")) {
            bool unpriv = false;
            for (int i = 2; i < arrow; i++)
                unpriv |= !strcmp(w[i], "unprivileged");
            sb_add(&b, "%s", unpriv ? "false" : "true");
        } else if (given) {
            if ((rc = put_value(s, &b, w[0], key, kind, given)) != 0)
                goto out;
        } else {
            const char *d = arg_default(op, key, kind);
            if (!d) {
                rc = syntax(s, "%s: argument '%s' is required (arguments: %s)", w[0], key, args);
                goto out;
            }
            sb_add(&b, "%s", d);
        }
        p = colon + 2;
        while (*p == ' ')
            p++;
    }
    sb_add(&b, "}");
    bool expect = arrow < n;
    if (expect && arrow == n - 1) {
        rc = syntax(s, "%s: nothing after '=>'; expected a number, an errno name or key=value", w[0]);
        goto out;
    }
    if (expect && (rc = expectations(s, &b, op, w + arrow + 1, n - arrow - 1)) != 0)
        goto out;
    sb_add(&b, "}");
    if (b.oom) {
        rc = syntax(s, "out of memory");
        goto out;
    }
    s->r->line = s->line;
    if (tf_parse(s->r, b.p, b.len) != 0) {
        snprintf(s->err, sizeof s->err, "%s", s->r->err);
        rc = -1;
        goto out;
    }
    s->seq++;
    s->calls++;
    int v = replay_event(s->rp, s->r);
    if (v < 0) {
        snprintf(s->err, sizeof s->err, "%s", s->r->err);
        rc = -1;
    } else if (expect && v == 0) {
        s->passed++;
        fprintf(out, "%s:%u: ok    %s\n", s->path, s->line, w[0]);
    } else if (v == 1) {
        s->failed++;
        fprintf(out, "%s:%u: FAIL  %s: %s\n", s->path, s->line, w[0], replay_what(s->rp, "expected", "got"));
    }
out:
    free(b.p);
    return rc;
}

enum { LINE_OK = 1, LINE_TOO_LONG, LINE_NUL };

/* Read one line of f into buf (without its newline, NUL-terminated).
 * 0 at end of file (or a read error), LINE_OK, or LINE_TOO_LONG /
 * LINE_NUL (the rest of the file is not read). */
static int read_line(FILE *f, char *buf, size_t size)
{
    size_t n = 0;
    int c;
    while ((c = getc(f)) != EOF && c != '\n') {
        if (c == 0)
            return LINE_NUL;
        if (n + 2 >= size)
            return LINE_TOO_LONG;
        buf[n++] = (char)c;
    }
    buf[n] = 0;
    return c == EOF && n == 0 ? 0 : LINE_OK;
}

int scenario_run(const char *path, const char *cpu, FILE *out, FILE *err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(err, "mmsim scenario: %s: %s\n", path, strerror(errno));
        return 2;
    }
    struct scen s = { .path = path, .cpu_override = cpu };
    s.r = calloc(1, sizeof *s.r);
    s.rp = replay_new(true);
    int status = 2;
    if (!s.r || !s.rp)
        goto done;
    s.r->path = path;
    s.r->last_seq = -1;
    char line[4096];
    int got;
    while ((got = read_line(f, line, sizeof line)) > 0) {
        s.line++;
        if (got == LINE_TOO_LONG) {
            syntax(&s, "line longer than %zu characters", sizeof line - 2);
            goto fail;
        }
        if (got == LINE_NUL) {
            syntax(&s, "NUL byte: a scenario is a text file");
            goto fail;
        }
        size_t l = strlen(line);
        while (l && line[l - 1] == '\r')
            line[--l] = 0;
        char *w[64];
        int n = split(&s, line, w, 64);
        if (n < 0)
            goto fail;
        if (n == 0)
            continue;
        int rc = !strcmp(w[0], "machine") ? machine_line(&s, w, n) : call_line(&s, w, n, out);
        if (rc)
            goto fail;
    }
    fprintf(out, "%s: %u calls, %u expectations: %u passed, %u failed\n", path, s.calls,
            s.passed + s.failed, s.passed, s.failed);
    status = s.failed ? 1 : 0;
    goto done;
fail:
    fprintf(err, "mmsim scenario: %s\n", s.err);
done:
    fclose(f);
    if (s.r) {
        free(s.r->buf);
        free(s.r->nodes);
    }
    free(s.r);
    replay_free(s.rp);
    return status;
}
