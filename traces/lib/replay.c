/*
 * replay.c - re-drive the memory manager from a trace (see replay.h).
 *
 * Two tables make the whole design: `events` says what each event name
 * means to replay (re-driven, compared or informational) and `ops` holds
 * one function per memory-manager call that can appear in an "mm" record.
 * Adding an event kind or a memory-manager call is one entry in one of
 * them (traces/README.md, "Adding an event").
 */
#include "replay.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mmsim/cache.h"
#include "mmsim/frames.h"
#include "mmsim/memmgr.h"
#include "mmsim/phys.h"
#include "mmsim/pt.h"
#include "names.h"
#include "trace.h"
#include "tracefile.h"

#define CTX_LINES 4
#define MAX_SEGS 65536u
#define MAX_RW   (1u << 20)     /* largest read/write record replayed */
#define MAX_FILES 65536u        /* file numbers of file_open / file_ino */

/* One PTE write or R/C update seen by the replayed machine. */
struct pte_ev {
    uint32_t asid, va;
    uint64_t pte_pa, old, new;
    bool     write;       /* rc: a write access */
};

struct pte_q {
    struct pte_ev *v;
    size_t head, len, cap;
};

struct rproc {
    uint32_t        pid;
    struct mm_proc *mm;
};

struct replay {
    bool           partial;
    bool           up;          /* machine built from the header */
    enum mmsim_cpu cpu;
    struct phys    phys;
    struct frames  frames;
    struct mmu    *mmu;
    struct mm     *mm;
    struct rproc  *procs;
    size_t         nprocs, capprocs;
    struct pte_q   ptes, rcs;
    bool           oom;
    int           *files;       /* memfd stand-in of trace file number i+1, or -1 */
    size_t         nfiles;
    /* reporting */
    char           ctx[CTX_LINES][320];
    uint64_t       ctx_line[CTX_LINES];
    unsigned       nctx;
    char           where[600];  /* "file:line (ev ...)" of the divergence */
    struct tf_reader *cur;      /* the record being handled */
    char           rec[600], now[600];
    unsigned long long events, driven, compared;
};

/* ---- queues of PTE writes made now ---------------------------------------- */

static void q_push(struct replay *rp, struct pte_q *q, const struct pte_ev *e)
{
    if (q->head + q->len == q->cap) {
        if (q->head) {
            memmove(q->v, q->v + q->head, q->len * sizeof *q->v);
            q->head = 0;
        } else {
            size_t cap = q->cap ? q->cap * 2 : 64;
            struct pte_ev *v = realloc(q->v, cap * sizeof *v);
            if (!v) {
                rp->oom = true;
                return;
            }
            q->v = v;
            q->cap = cap;
        }
    }
    q->v[q->head + q->len++] = *e;
}

static bool q_pop(struct pte_q *q, struct pte_ev *e)
{
    if (!q->len)
        return false;
    *e = q->v[q->head++];
    if (--q->len == 0)
        q->head = 0;
    return true;
}

static void on_pte(void *ctx, const struct pt *pt, uint32_t va, paddr_t pte_pa, uint64_t old,
                   uint64_t new)
{
    struct replay *rp = ctx;
    struct pte_ev e = { pt_asid(pt), va, pte_pa, old, new, false };
    q_push(rp, &rp->ptes, &e);
}

static void on_rc(void *ctx, const struct pt *pt, uint32_t va, paddr_t pte_pa, uint64_t old,
                  uint64_t new, bool write)
{
    struct replay *rp = ctx;
    struct pte_ev e = { pt_asid(pt), va, pte_pa, old, new, write };
    q_push(rp, &rp->rcs, &e);
}

/* ---- divergence reports ---------------------------------------------------- */

/* Record a divergence: what the trace says and what happened now. */
static int diverge(struct replay *rp, const char *rec_fmt, const char *now_fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int diverge(struct replay *rp, const char *rec, const char *now_fmt, ...)
{
    if (rp->cur)
        snprintf(rp->where, sizeof rp->where, "%s:%llu (ev \"%s\")",
                 rp->cur->path ? rp->cur->path : "-", (unsigned long long)rp->cur->line,
                 tf_ev(rp->cur));
    snprintf(rp->rec, sizeof rp->rec, "%s", rec);
    va_list ap;
    va_start(ap, now_fmt);
    vsnprintf(rp->now, sizeof rp->now, now_fmt, ap);
    va_end(ap);
    return 1;
}

static const char *pte_text(char *b, size_t n, const struct pte_ev *e)
{
    snprintf(b, n, "asid %u va 0x%08x pte_pa 0x%08" PRIx64 " old 0x%08" PRIx64 " new 0x%08" PRIx64,
             e->asid, e->va, e->pte_pa, e->old, e->new);
    return b;
}

/* PTE writes made now that no record matched yet: a divergence. */
static int check_drained(struct replay *rp)
{
    struct pte_ev e;
    char b[200];
    if (rp->ptes.len) {
        q_pop(&rp->ptes, &e);
        return diverge(rp, "no further PTE write before this event",
                       "PTE write %s (and %zu more)", pte_text(b, sizeof b, &e), rp->ptes.len);
    }
    if (rp->rcs.len) {
        q_pop(&rp->rcs, &e);
        return diverge(rp, "no R/C update before this event", "R/C update %s",
                       pte_text(b, sizeof b, &e));
    }
    return 0;
}

/* ---- processes --------------------------------------------------------------- */

static struct rproc *find_proc(struct replay *rp, uint32_t pid)
{
    for (size_t i = 0; i < rp->nprocs; i++)
        if (rp->procs[i].pid == pid)
            return &rp->procs[i];
    return NULL;
}

/* ---- comparing results ---------------------------------------------------------- */

/* Compare a call's result with the record's ret / errno / why. */
static int cmp_result(struct replay *rp, struct tf_reader *r, const struct tf_node *rec, long res,
                      struct mm_proc *p)
{
    int64_t ret = 0;
    const struct tf_node *rn = tf_get(r, rec, "ret");
    if (!rn && rp->partial)
        return 0;
    if (tf_int(r, rec, "ret", &ret))
        return -1;
    long now_ret = res < 0 ? -1 : res;
    const char *now_errno = res < 0 ? kcall_errno_name((int)-res) : NULL;
    const char *now_why = res == -EINVAL && p ? mm_last_reason(p) : "";
    if (!now_why)
        now_why = "";
    const struct tf_node *en = tf_get(r, rec, "errno"), *wn = tf_get(r, rec, "why");
    if ((en && en->type != TF_STR) || (wn && wn->type != TF_STR))
        return tf_fail(r, "fields 'errno' and 'why' must be strings");
    const char *rec_errno = en ? en->str : NULL, *rec_why = wn ? wn->str : "";
    bool same = ret == now_ret && !!rec_errno == !!now_errno &&
                (!rec_errno || strcmp(rec_errno, now_errno) == 0);
    if (same && (wn || !rp->partial))
        same = strcmp(rec_why, now_why) == 0;
    if (same)
        return 0;
    char recb[300];
    snprintf(recb, sizeof recb, "ret %lld%s%s%s%s%s", (long long)ret, rec_errno ? " " : "",
             rec_errno ? rec_errno : "", *rec_why ? " (" : "", rec_why, *rec_why ? ")" : "");
    return diverge(rp, recb, "ret %ld%s%s%s%s%s", now_ret, now_errno ? " " : "",
                       now_errno ? now_errno : "", *now_why ? " (" : "", now_why,
                       *now_why ? ")" : "");
}

/* Compare an output field: `has` says whether the call produced it now. */
static int cmp_hex(struct replay *rp, struct tf_reader *r, const struct tf_node *rec,
                   const char *key, bool has, uint64_t v)
{
    const struct tf_node *n = tf_get(r, rec, key);
    if (!n) {
        if (!has || rp->partial)
            return 0;
        char b[100];
        snprintf(b, sizeof b, "no '%s'", key);
        return diverge(rp, b, "%s=0x%08" PRIx64, key, v);
    }
    uint64_t want;
    if (n->type == TF_INT && !n->neg)
        want = n->u;
    else if (tf_hex(r, rec, key, &want))
        return -1;
    if (!has) {
        char b[100];
        snprintf(b, sizeof b, "%s=0x%08" PRIx64, key, want);
        return diverge(rp, b, "no '%s' (the call failed)", key);
    }
    if (want != v) {
        char b[100];
        snprintf(b, sizeof b, "%s=0x%08" PRIx64, key, want);
        return diverge(rp, b, "%s=0x%08" PRIx64, key, v);
    }
    return 0;
}

/* ---- the memory-manager ops ----------------------------------------------------- */

struct opctx {
    struct replay        *rp;
    struct tf_reader     *r;
    const struct tf_node *rec, *args;
    struct rproc         *proc;
};

#define HEX(k, v)  do { if (tf_hex(o->r, o->args, k, &(v))) return -1; } while (0)
#define INT(k, v)  do { if (tf_int(o->r, o->args, k, &(v))) return -1; } while (0)
#define BOOL(k, v) do { if (tf_bool(o->r, o->args, k, &(v))) return -1; } while (0)
#define STR(k, v)  do { if (tf_str(o->r, o->args, k, &(v))) return -1; } while (0)
#define RESULT(res) cmp_result(o->rp, o->r, o->rec, (res), o->proc->mm)

/* The next free slot of the process table, grown as needed (o->proc is
 * moved along if it points into the table); NULL when out of memory. */
static struct rproc *proc_slot(struct opctx *o)
{
    struct replay *rp = o->rp;
    if (rp->nprocs == rp->capprocs) {
        size_t cap = rp->capprocs ? rp->capprocs * 2 : 8;
        uintptr_t off = (uintptr_t)o->proc - (uintptr_t)rp->procs;
        bool inside = rp->procs && off < rp->nprocs * sizeof *rp->procs;
        size_t at = inside ? off / sizeof *rp->procs : 0;
        struct rproc *v = realloc(rp->procs, cap * sizeof *v);
        if (!v)
            return NULL;
        rp->procs = v;
        rp->capprocs = cap;
        if (inside)
            o->proc = &rp->procs[at];
    }
    return &rp->procs[rp->nprocs];
}

static int op_proc_create(struct opctx *o)
{
    bool priv;
    BOOL("privileged", priv);
    struct replay *rp = o->rp;
    struct rproc *p = proc_slot(o);
    if (!p)
        return tf_fail(o->r, "out of memory");
    p->pid = o->proc->pid;
    p->mm = mm_proc_create(rp->mm, p->pid, priv);
    if (p->mm)
        rp->nprocs++;
    return cmp_result(rp, o->r, o->rec, p->mm ? 0 : -ENOMEM, NULL);
}

static int op_proc_destroy(struct opctx *o)
{
    struct replay *rp = o->rp;
    mm_proc_destroy(o->proc->mm);
    size_t i = (size_t)(o->proc - rp->procs);
    memmove(&rp->procs[i], &rp->procs[i + 1], (rp->nprocs - i - 1) * sizeof rp->procs[0]);
    rp->nprocs--;
    return cmp_result(rp, o->r, o->rec, 0, NULL);
}

/* fork: a new process whose address space copies the recording one's. */
static int op_proc_fork(struct opctx *o)
{
    int64_t child;
    INT("child", child);
    struct replay *rp = o->rp;
    struct rproc *c = proc_slot(o);
    if (!c)
        return tf_fail(o->r, "out of memory");
    c->pid = (uint32_t)child;
    c->mm = mm_proc_fork(o->proc->mm, c->pid);
    if (c->mm)
        rp->nprocs++;
    return cmp_result(rp, o->r, o->rec, c->mm ? 0 : -ENOMEM, NULL);
}

static int op_shm_open(struct opctx *o)
{
    const char *name;
    uint64_t oflag, mode;
    STR("name", name);
    HEX("oflag", oflag);
    HEX("mode", mode);
    return RESULT(mm_shm_open(o->proc->mm, name, (int)oflag, (unsigned)mode));
}

static int op_shm_unlink(struct opctx *o)
{
    const char *name;
    STR("name", name);
    return RESULT(mm_shm_unlink(o->proc->mm, name));
}

static int op_close(struct opctx *o)
{
    int64_t fd;
    INT("fd", fd);
    return RESULT(mm_close(o->proc->mm, (int)fd));
}

static int op_ftruncate(struct opctx *o)
{
    int64_t fd;
    uint64_t len;
    INT("fd", fd);
    HEX("len", len);
    return RESULT(mm_ftruncate(o->proc->mm, (int)fd, len));
}

static int op_fstat(struct opctx *o)
{
    int64_t fd;
    INT("fd", fd);
    struct mm_stat st = {0};
    int r = mm_fstat(o->proc->mm, (int)fd, &st);
    /* mode and nlink of a file are the host's (replay's stand-in has its
     * own): compared for shm objects only */
    bool host = mm_fd_is_file(o->proc->mm, (int)fd);
    const struct tf_node *sn = tf_get(o->r, o->rec, "st");
    if (sn && sn->type != TF_OBJ)
        return tf_fail(o->r, "field 'st': expected an object");
    if (!sn && r == 0 && !o->rp->partial)
        return diverge(o->rp, "no 'st'", "st (the call succeeded)");
    if (sn) {
        int c;
        if ((c = cmp_hex(o->rp, o->r, sn, "ino", r == 0, st.ino)) ||
            (c = cmp_hex(o->rp, o->r, sn, "size", r == 0, st.size)) ||
            (!host && (c = cmp_hex(o->rp, o->r, sn, "mode", r == 0, st.mode))) ||
            (!host && (c = cmp_hex(o->rp, o->r, sn, "nlink", r == 0, st.nlink))) ||
            (c = cmp_hex(o->rp, o->r, sn, "objflags", r == 0, st.objflags)))
            return c;
    }
    return RESULT(r);
}

static int op_shm_ctl(struct opctx *o)
{
    int64_t fd;
    uint64_t flags, paddr, size, special;
    bool has;
    INT("fd", fd);
    HEX("flags", flags);
    HEX("paddr", paddr);
    HEX("size", size);
    BOOL("has_special", has);
    HEX("special", special);
    return RESULT(mm_shm_ctl(o->proc->mm, (int)fd, (int)flags, paddr, size, has,
                             (uint32_t)special));
}

static int op_mmap(struct opctx *o)
{
    uint64_t addr, len, prot, flags, off;
    int64_t fd;
    HEX("addr", addr);
    HEX("len", len);
    HEX("prot", prot);
    HEX("flags", flags);
    INT("fd", fd);
    HEX("off", off);
    uint32_t out = 0;
    int r = mm_mmap(o->proc->mm, (uint32_t)addr, (uint32_t)len, (int)prot, (int)flags, (int)fd,
                    off, &out);
    int c = cmp_hex(o->rp, o->r, o->rec, "out", r == 0, out);
    return c ? c : RESULT(r);
}

static int op_munmap(struct opctx *o)
{
    uint64_t addr, len;
    HEX("addr", addr);
    HEX("len", len);
    return RESULT(mm_munmap(o->proc->mm, (uint32_t)addr, (uint32_t)len));
}

static int op_mprotect(struct opctx *o)
{
    uint64_t addr, len, prot;
    HEX("addr", addr);
    HEX("len", len);
    HEX("prot", prot);
    return RESULT(mm_mprotect(o->proc->mm, (uint32_t)addr, (uint32_t)len, (int)prot));
}

static int op_msync(struct opctx *o)
{
    uint64_t addr, len, flags;
    HEX("addr", addr);
    HEX("len", len);
    HEX("flags", flags);
    return RESULT(mm_msync(o->proc->mm, (uint32_t)addr, (uint32_t)len, (int)flags));
}

static int op_mem_offset(struct opctx *o)
{
    uint64_t addr, len;
    int64_t fd;
    HEX("addr", addr);
    INT("fd", fd);
    HEX("len", len);
    uint64_t off = 0;
    uint32_t contig = 0;
    int r = mm_mem_offset(o->proc->mm, (uint32_t)addr, (int)fd, (uint32_t)len, &off, &contig);
    int c;
    if ((c = cmp_hex(o->rp, o->r, o->rec, "paddr", r == 0, off)) ||
        (c = cmp_hex(o->rp, o->r, o->rec, "contig", r == 0, contig)))
        return c;
    return RESULT(r);
}

static int op_obj_info(struct opctx *o)
{
    int64_t fd, max;
    uint64_t zero, offset, length;
    INT("fd", fd);
    HEX("zero", zero);
    HEX("offset", offset);
    HEX("length", length);
    INT("max", max);
    if (max < 0 || max > MAX_SEGS)
        return tf_fail(o->r, "field 'max': %lld is outside 0..%u", (long long)max, MAX_SEGS);
    struct mm_segment *seg = max ? calloc((size_t)max, sizeof *seg) : NULL;
    if (max && !seg)
        return tf_fail(o->r, "out of memory");
    long n = mm_obj_info(o->proc->mm, (int)fd, (uint16_t)zero, offset, length, seg, (size_t)max);
    int c = 0;
    const struct tf_node *sa = tf_get(o->r, o->rec, "segments");
    if (sa && sa->type != TF_ARR) {
        c = tf_fail(o->r, "field 'segments': expected an array");
    } else if (sa || (n > 0 && !o->rp->partial)) {
        long i = 0;
        const struct tf_node *s = sa ? tf_child(o->r, sa) : NULL;
        for (; !c && s && i < (n > 0 ? n : 0); s = tf_next_sib(o->r, s), i++) {
            if (s->type != TF_OBJ) {
                c = tf_fail(o->r, "field 'segments': expected objects");
                break;
            }
            if ((c = cmp_hex(o->rp, o->r, s, "offset", true, seg[i].offset)) ||
                (c = cmp_hex(o->rp, o->r, s, "paddr", true, seg[i].paddr)) ||
                (c = cmp_hex(o->rp, o->r, s, "length", true, seg[i].length)))
                break;
        }
        if (!c && (s || i < (n > 0 ? n : 0))) {
            char b[64];
            snprintf(b, sizeof b, "%zu segments", sa ? sa->len : 0);
            c = diverge(o->rp, b, "%ld segments", n > 0 ? n : 0);
        }
    }
    free(seg);
    return c ? c : RESULT(n);
}

static int op_fault(struct opctx *o)
{
    uint64_t va;
    const char *acc;
    HEX("va", va);
    STR("access", acc);
    unsigned access;
    if (!strcmp(acc, "r"))
        access = PT_R;
    else if (!strcmp(acc, "w"))
        access = PT_W;
    else if (!strcmp(acc, "x"))
        access = PT_X;
    else
        return tf_fail(o->r, "field 'access': expected \"r\", \"w\" or \"x\"");
    enum mm_fault_kind k = mm_fault(o->proc->mm, (uint32_t)va, access);
    const char *now = tm_fault_kind_name(k);
    const struct tf_node *kn = tf_get(o->r, o->rec, "kind");
    if (kn || !o->rp->partial) {
        const char *want;
        if (tf_str(o->r, o->rec, "kind", &want))
            return -1;
        if (strcmp(want, now) != 0) {
            char b[64];
            snprintf(b, sizeof b, "kind %s", want);
            return diverge(o->rp, b, "kind %s", now);
        }
    }
    return 0;
}

/* The object `key` of the record (an output group), or NULL; -1 in *bad
 * when it is not an object, and a divergence when it is missing although
 * the call produced it. */
static const struct tf_node *group(struct opctx *o, const char *key, bool has, int *c)
{
    const struct tf_node *n = tf_get(o->r, o->rec, key);
    *c = 0;
    if (n && n->type != TF_OBJ)
        *c = tf_fail(o->r, "field '%s': expected an object", key);
    else if (!n && has && !o->rp->partial)
        *c = diverge(o->rp, "no output group", "'%s' (the call succeeded)", key);
    return *c ? NULL : n;
}

static int op_creds(struct opctx *o)
{
    int64_t uid, gid;
    INT("uid", uid);
    INT("gid", gid);
    if (uid < 0 || uid > UINT32_MAX || gid < 0 || gid > UINT32_MAX)
        return tf_fail(o->r, "fields 'uid', 'gid': out of range");
    mm_proc_set_creds(o->proc->mm, (uint32_t)uid, (uint32_t)gid);
    return RESULT(0);
}

static int op_setids(struct opctx *o)
{
    int64_t uid, euid, gid, egid;
    INT("uid", uid);
    INT("euid", euid);
    INT("gid", gid);
    INT("egid", egid);
    if (uid < 0 || uid > UINT32_MAX || euid < 0 || euid > UINT32_MAX ||
        gid < 0 || gid > UINT32_MAX || egid < 0 || egid > UINT32_MAX)
        return tf_fail(o->r, "fields 'uid', 'euid', 'gid', 'egid': out of range");
    mm_proc_set_ids(o->proc->mm, (uint32_t)uid, (uint32_t)euid, (uint32_t)gid, (uint32_t)egid);
    return RESULT(0);
}

/* The simulated time of a System V record, given to the memory manager. */
static int ipc_time(struct opctx *o)
{
    int64_t now;
    INT("now", now);
    if (now < 0 || now > UINT32_MAX)
        return tf_fail(o->r, "field 'now': out of range");
    mm_set_time(o->rp->mm, (uint32_t)now);
    return 0;
}

static int op_shmget(struct opctx *o)
{
    int64_t key;
    uint64_t size, flags;
    INT("key", key);
    HEX("size", size);
    HEX("flags", flags);
    if (ipc_time(o))
        return -1;
    return RESULT(mm_shmget(o->proc->mm, (int32_t)key, size, (int)flags));
}

static int op_shmat(struct opctx *o)
{
    int64_t id;
    uint64_t addr, flags;
    INT("shmid", id);
    HEX("addr", addr);
    HEX("flags", flags);
    if (ipc_time(o))
        return -1;
    uint32_t out = 0;
    int r = mm_shmat(o->proc->mm, (int)id, (uint32_t)addr, (int)flags, &out);
    int c = cmp_hex(o->rp, o->r, o->rec, "out", r == 0, out);
    return c ? c : RESULT(r);
}

static int op_shmdt(struct opctx *o)
{
    uint64_t addr;
    HEX("addr", addr);
    if (ipc_time(o))
        return -1;
    return RESULT(mm_shmdt(o->proc->mm, (uint32_t)addr));
}

static int op_shmctl(struct opctx *o)
{
    int64_t id, cmd, uid, gid;
    uint64_t mode;
    INT("shmid", id);
    INT("cmd", cmd);
    INT("uid", uid);
    INT("gid", gid);
    HEX("mode", mode);
    if (ipc_time(o))
        return -1;
    struct mm_shmid_ds ds = {0};
    ds.perm.uid = (uint32_t)uid;
    ds.perm.gid = (uint32_t)gid;
    ds.perm.mode = (uint32_t)mode;
    int r = mm_shmctl(o->proc->mm, (int)id, (int)cmd, &ds);
    bool has = r >= 0 && (cmd == MM_IPC_STAT || cmd == MM_SHM_STAT);
    int c;
    const struct tf_node *g = group(o, "ds", has, &c);
    if (c)
        return c;
    if (g && ((c = cmp_hex(o->rp, o->r, g, "key", has, (uint32_t)ds.perm.key)) ||
              (c = cmp_hex(o->rp, o->r, g, "uid", has, ds.perm.uid)) ||
              (c = cmp_hex(o->rp, o->r, g, "gid", has, ds.perm.gid)) ||
              (c = cmp_hex(o->rp, o->r, g, "cuid", has, ds.perm.cuid)) ||
              (c = cmp_hex(o->rp, o->r, g, "cgid", has, ds.perm.cgid)) ||
              (c = cmp_hex(o->rp, o->r, g, "mode", has, ds.perm.mode)) ||
              (c = cmp_hex(o->rp, o->r, g, "seq", has, ds.perm.seq)) ||
              (c = cmp_hex(o->rp, o->r, g, "segsz", has, ds.segsz)) ||
              (c = cmp_hex(o->rp, o->r, g, "atime", has, ds.atime)) ||
              (c = cmp_hex(o->rp, o->r, g, "dtime", has, ds.dtime)) ||
              (c = cmp_hex(o->rp, o->r, g, "ctime", has, ds.ctime)) ||
              (c = cmp_hex(o->rp, o->r, g, "cpid", has, ds.cpid)) ||
              (c = cmp_hex(o->rp, o->r, g, "lpid", has, ds.lpid)) ||
              (c = cmp_hex(o->rp, o->r, g, "nattch", has, ds.nattch))))
        return c;
    return RESULT(r);
}

static int op_shm_info(struct opctx *o)
{
    if (ipc_time(o))
        return -1;
    struct mm_ipc_limits lim;
    struct mm_shm_info info;
    int r = mm_shm_info(o->rp->mm, &lim, &info), c;
    const struct tf_node *l = group(o, "lim", true, &c);
    if (c)
        return c;
    if (l && ((c = cmp_hex(o->rp, o->r, l, "shmmax", true, lim.shmmax)) ||
              (c = cmp_hex(o->rp, o->r, l, "shmmin", true, lim.shmmin)) ||
              (c = cmp_hex(o->rp, o->r, l, "shmmni", true, lim.shmmni)) ||
              (c = cmp_hex(o->rp, o->r, l, "shmseg", true, lim.shmseg)) ||
              (c = cmp_hex(o->rp, o->r, l, "shmall", true, lim.shmall))))
        return c;
    const struct tf_node *i = group(o, "info", true, &c);
    if (c)
        return c;
    if (i && ((c = cmp_hex(o->rp, o->r, i, "used_ids", true, info.used_ids)) ||
              (c = cmp_hex(o->rp, o->r, i, "shm_tot", true, info.shm_tot)) ||
              (c = cmp_hex(o->rp, o->r, i, "shm_rss", true, info.shm_rss))))
        return c;
    return RESULT(r);
}

static int op_mremap(struct opctx *o)
{
    uint64_t old, oldsize, newsize, flags, newaddr;
    HEX("old", old);
    HEX("oldsize", oldsize);
    HEX("newsize", newsize);
    HEX("flags", flags);
    HEX("newaddr", newaddr);
    uint32_t out = 0;
    int r = mm_mremap(o->proc->mm, (uint32_t)old, (uint32_t)oldsize, (uint32_t)newsize,
                      (int)flags, (uint32_t)newaddr, &out);
    int c = cmp_hex(o->rp, o->r, o->rec, "out", r == 0, out);
    return c ? c : RESULT(r);
}

/* mlock / munlock / madvise: addr, len (and advice). */
static int range_op(struct opctx *o, int which)
{
    uint64_t addr, len;
    int64_t advice = 0;
    HEX("addr", addr);
    HEX("len", len);
    if (which == 2)
        INT("advice", advice);
    struct mm_proc *p = o->proc->mm;
    return RESULT(which == 0 ? mm_mlock(p, (uint32_t)addr, (uint32_t)len)
                  : which == 1 ? mm_munlock(p, (uint32_t)addr, (uint32_t)len)
                  : mm_madvise(p, (uint32_t)addr, (uint32_t)len, (int)advice));
}

static int op_mlock(struct opctx *o) { return range_op(o, 0); }
static int op_munlock(struct opctx *o) { return range_op(o, 1); }
static int op_madvise(struct opctx *o) { return range_op(o, 2); }

static int op_mlockall(struct opctx *o)
{
    uint64_t flags;
    HEX("flags", flags);
    return RESULT(mm_mlockall(o->proc->mm, (int)flags));
}

static int op_munlockall(struct opctx *o)
{
    return RESULT(mm_munlockall(o->proc->mm));
}

/* The stand-in of trace file number `id` (1..): an anonymous memfd, made
 * on first use (never a host file), or -1 with the reader's error. */
static int stand_in(struct opctx *o, int64_t id)
{
    struct replay *rp = o->rp;
    if (id < 1 || id > MAX_FILES)
        return tf_fail(o->r, "field 'file': %lld is outside 1..%u", (long long)id, MAX_FILES);
    if ((size_t)id > rp->nfiles) {
        int *v = realloc(rp->files, (size_t)id * sizeof *v);
        if (!v)
            return tf_fail(o->r, "out of memory");
        for (size_t i = rp->nfiles; i < (size_t)id; i++)
            v[i] = -1;
        rp->files = v;
        rp->nfiles = (size_t)id;
    }
    if (rp->files[id - 1] < 0 && (rp->files[id - 1] = memfd_create("mmsim-replay", MFD_CLOEXEC)) < 0)
        return tf_fail(o->r, "memfd_create: %s", strerror(errno));
    return rp->files[id - 1];
}

static int op_file_open(struct opctx *o)
{
    int64_t id, uid;
    const char *type;
    uint64_t size, mode, oflag;
    INT("file", id);
    STR("type", type);
    HEX("size", size);
    HEX("mode", mode);
    INT("uid", uid);
    HEX("oflag", oflag);
    struct stat st = {0};
    st.st_ino = (ino_t)id;                    /* the identity: dev 0, ino = number */
    st.st_size = (off_t)size;
    st.st_uid = (uid_t)uid;
    st.st_mode = (mode_t)(mode & 07777);
    int hostfd = -1;
    if (!strcmp(type, "reg")) {
        int m = stand_in(o, id);
        if (m < 0)
            return -1;
        if (size > (1ull << 40) || ftruncate(m, (off_t)size) != 0 || (hostfd = dup(m)) < 0)
            return tf_fail(o->r, "cannot size the stand-in of file %lld to 0x%" PRIx64,
                           (long long)id, size);
        st.st_mode |= S_IFREG;
    } else if (!strcmp(type, "dir")) {
        st.st_mode |= S_IFDIR;
    } else if (!strcmp(type, "other")) {
        st.st_mode |= S_IFCHR;
    } else {
        return tf_fail(o->r, "field 'type': expected \"reg\", \"dir\" or \"other\"");
    }
    return RESULT(mm_file_open_stat(o->proc->mm, hostfd, (int)oflag, &st));
}

static int op_file_ino(struct opctx *o)
{
    int64_t id;
    INT("file", id);
    if (id < 1 || id > MAX_FILES)
        return tf_fail(o->r, "field 'file': %lld is outside 1..%u", (long long)id, MAX_FILES);
    uint64_t ino = 0;
    int r = mm_file_ino(o->rp->mm, 0, (uint64_t)id, &ino);
    int c = cmp_hex(o->rp, o->r, o->rec, "ino", r == 0, ino);
    return c ? c : RESULT(r);
}

/* read / write of len bytes (zeros: the trace does not hold the data). */
static int rw_op(struct opctx *o, bool write)
{
    int64_t fd;
    uint64_t len;
    INT("fd", fd);
    HEX("len", len);
    if (len > MAX_RW)
        return tf_fail(o->r, "field 'len': 0x%" PRIx64 " is over 0x%x", len, MAX_RW);
    void *buf = calloc(1, len ? len : 1);
    if (!buf)
        return tf_fail(o->r, "out of memory");
    long r = write ? mm_write(o->proc->mm, (int)fd, buf, (uint32_t)len)
                   : mm_read(o->proc->mm, (int)fd, buf, (uint32_t)len);
    free(buf);
    return RESULT(r);
}

static int op_read(struct opctx *o) { return rw_op(o, false); }
static int op_write(struct opctx *o) { return rw_op(o, true); }

static int op_lseek(struct opctx *o)
{
    int64_t fd, off, whence;
    INT("fd", fd);
    INT("off", off);
    INT("whence", whence);
    uint64_t res = 0;
    int r = mm_lseek(o->proc->mm, (int)fd, off, (int)whence, &res);
    int c = cmp_hex(o->rp, o->r, o->rec, "res", r == 0, res);
    return c ? c : RESULT(r);
}

/* ---- descriptors ---------------------------------------------------- */

static int op_pipe(struct opctx *o)
{
    uint64_t flags;
    HEX("flags", flags);
    int fds[2] = {-1, -1};
    int r = mm_pipe(o->proc->mm, (int)flags, fds), c;
    if ((c = cmp_hex(o->rp, o->r, o->rec, "fd0", r == 0, (uint64_t)fds[0])) ||
        (c = cmp_hex(o->rp, o->r, o->rec, "fd1", r == 0, (uint64_t)fds[1])))
        return c;
    return RESULT(r);
}

static int op_dup(struct opctx *o)
{
    int64_t fd, min;
    bool cloexec;
    INT("fd", fd);
    INT("min", min);
    BOOL("cloexec", cloexec);
    return RESULT(mm_dup(o->proc->mm, (int)fd, (int)min, cloexec));
}

static int op_dup2(struct opctx *o)
{
    int64_t fd, nfd, flags;
    INT("fd", fd);
    INT("newfd", nfd);
    INT("flags", flags);
    return RESULT(mm_dup2(o->proc->mm, (int)fd, (int)nfd, (int)flags));
}

static int op_fcntl(struct opctx *o)
{
    int64_t fd, cmd, arg;
    INT("fd", fd);
    INT("cmd", cmd);
    INT("arg", arg);
    return RESULT(mm_fcntl(o->proc->mm, (int)fd, (int)cmd, (int)arg));
}

static int op_fd_limit(struct opctx *o)
{
    int64_t n;
    INT("limit", n);
    if (n < 0 || n > UINT32_MAX)
        return tf_fail(o->r, "field 'limit': %lld is out of range", (long long)n);
    return RESULT(mm_proc_set_fd_limit(o->proc->mm, (unsigned)n));
}

static int op_open_device(struct opctx *o)
{
    int64_t dev;
    uint64_t oflag;
    INT("dev", dev);
    HEX("oflag", oflag);
    return RESULT(mm_open_device(o->proc->mm, (int)dev, (int)oflag));
}

static int op_fd_inherit(struct opctx *o)
{
    int64_t child;
    INT("child", child);
    struct rproc *c = find_proc(o->rp, (uint32_t)child);
    if (!c || !c->mm)
        return tf_fail(o->r, "fd_inherit: no process %lld", (long long)child);
    return RESULT(mm_fd_inherit(c->mm, o->proc->mm));
}

static int op_remap_file_pages(struct opctx *o)
{
    uint64_t start, size, prot, pgoff, flags;
    HEX("start", start);
    HEX("size", size);
    HEX("prot", prot);
    HEX("pgoff", pgoff);
    HEX("flags", flags);
    return RESULT(mm_remap_file_pages(o->proc->mm, (uint32_t)start, (uint32_t)size, (int)prot,
                                      pgoff, (int)flags));
}

static int op_exec(struct opctx *o)
{
    return RESULT(mm_proc_exec(o->proc->mm));
}

static int op_close_on_exec(struct opctx *o)
{
    mm_close_on_exec(o->proc->mm);
    return RESULT(0);
}

/* Every memory-manager call an "mm" record can name.  args/outputs are
 * the schema scenarios use (x: hex or symbolic number, d: integer,
 * b: true/false, s: string). */
static const struct rp_op {
    const char *name;
    const char *args;
    const char *outputs;
    int       (*fn)(struct opctx *o);
    bool        creates;   /* the pid must not exist yet */
} ops[] = {
    {"proc_create", "privileged:b", "", op_proc_create, true},
    {"proc_destroy", "", "", op_proc_destroy, false},
    {"proc_fork", "child:d", "", op_proc_fork, false},
    {"shm_open", "name:s oflag:x mode:x", "", op_shm_open, false},
    {"shm_unlink", "name:s", "", op_shm_unlink, false},
    {"close", "fd:d", "", op_close, false},
    {"ftruncate", "fd:d len:x", "", op_ftruncate, false},
    {"fstat", "fd:d", "st.ino st.size st.mode st.nlink st.objflags", op_fstat, false},
    {"shm_ctl", "fd:d flags:x paddr:x size:x has_special:b special:x", "", op_shm_ctl, false},
    {"mmap", "addr:x len:x prot:x flags:x fd:d off:x", "out", op_mmap, false},
    {"munmap", "addr:x len:x", "", op_munmap, false},
    {"mprotect", "addr:x len:x prot:x", "", op_mprotect, false},
    {"msync", "addr:x len:x flags:x", "", op_msync, false},
    {"mem_offset", "addr:x fd:d len:x", "paddr contig", op_mem_offset, false},
    {"obj_info", "fd:d zero:x offset:x length:x max:d", "", op_obj_info, false},
    {"fault", "va:x access:s", "kind", op_fault, false},
    {"creds", "uid:d gid:d", "", op_creds, false},
    {"setids", "uid:d euid:d gid:d egid:d", "", op_setids, false},
    {"shmget", "now:d key:d size:x flags:x", "", op_shmget, false},
    {"shmat", "now:d shmid:d addr:x flags:x", "out", op_shmat, false},
    {"shmdt", "now:d addr:x", "", op_shmdt, false},
    {"shmctl", "now:d shmid:d cmd:d uid:d gid:d mode:x",
     "ds.key ds.uid ds.gid ds.cuid ds.cgid ds.mode ds.seq ds.segsz ds.atime ds.dtime ds.ctime "
     "ds.cpid ds.lpid ds.nattch", op_shmctl, false},
    {"shm_info", "now:d",
     "lim.shmmax lim.shmmin lim.shmmni lim.shmseg lim.shmall info.used_ids info.shm_tot "
     "info.shm_rss", op_shm_info, false},
    {"mremap", "old:x oldsize:x newsize:x flags:x newaddr:x", "out", op_mremap, false},
    {"mlock", "addr:x len:x", "", op_mlock, false},
    {"munlock", "addr:x len:x", "", op_munlock, false},
    {"mlockall", "flags:x", "", op_mlockall, false},
    {"munlockall", "", "", op_munlockall, false},
    {"madvise", "addr:x len:x advice:d", "", op_madvise, false},
    {"file_open", "file:d type:s size:x mode:x uid:d oflag:x", "", op_file_open, false},
    {"file_ino", "file:d", "ino", op_file_ino, false},
    {"read", "fd:d len:x", "", op_read, false},
    {"write", "fd:d len:x", "", op_write, false},
    {"lseek", "fd:d off:d whence:d", "res", op_lseek, false},
    {"pipe", "flags:x", "fd0 fd1", op_pipe, false},
    {"dup", "fd:d min:d cloexec:b", "", op_dup, false},
    {"dup2", "fd:d newfd:d flags:d", "", op_dup2, false},
    {"fcntl", "fd:d cmd:d arg:d", "", op_fcntl, false},
    {"fd_limit", "limit:d", "", op_fd_limit, false},
    {"open_device", "dev:d oflag:x", "", op_open_device, false},
    {"close_on_exec", "", "", op_close_on_exec, false},
    {"fd_inherit", "child:d", "", op_fd_inherit, false},
    {"exec", "", "", op_exec, false},
    {"remap_file_pages", "start:x size:x prot:x pgoff:x flags:x", "", op_remap_file_pages, false},
};

static const struct rp_op *find_op(const char *name)
{
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(ops[i].name, name) == 0)
            return &ops[i];
    return NULL;
}

const char *replay_op_args(const char *op)
{
    const struct rp_op *o = find_op(op);
    return o ? o->args : NULL;
}

const char *replay_op_outputs(const char *op)
{
    const struct rp_op *o = find_op(op);
    return o ? o->outputs : NULL;
}

void replay_list_ops(FILE *out)
{
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        fprintf(out, "%s%s", i ? ", " : "", ops[i].name);
}

/* ---- events ------------------------------------------------------------------------ */

/* The header's "banks" must be the RAM banks `ph` was built with from
 * "ram" (a non-empty array, each bank as phys_init lays them out).  0 or -1. */
static int check_banks(struct tf_reader *r, const struct tf_node *h, const struct phys *ph)
{
    const struct tf_node *banks = tf_get(r, h, "banks");
    if (!banks)
        return 0;                               /* older headers: implied by "ram" */
    if (banks->type != TF_ARR || banks->len != (size_t)ph->nbanks)
        return tf_fail(r, "field 'banks': expected an array of the %d bank(s) of 'ram' 0x%" PRIx64,
                       ph->nbanks, ph->ram_size);
    int i = 0;
    for (const struct tf_node *b = tf_child(r, banks); b; b = tf_next_sib(r, b), i++) {
        uint64_t base, size;
        if (b->type != TF_OBJ)
            return tf_fail(r, "field 'banks': expected objects {base, size}");
        if (tf_hex(r, b, "base", &base) || tf_hex(r, b, "size", &size))
            return -1;
        if (base != ph->bank[i].base || size != ph->bank[i].size)
            return tf_fail(r, "field 'banks': bank %d is 0x%" PRIx64 "+0x%" PRIx64 ", but 'ram' "
                              "0x%" PRIx64 " lays it out at 0x%" PRIx64 "+0x%" PRIx64, i, base, size,
                           ph->ram_size, ph->bank[i].base, ph->bank[i].size);
    }
    return 0;
}

/* A header field that must be a non-negative integer when present.  0 or -1. */
static int check_count(struct tf_reader *r, const struct tf_node *h, const char *key)
{
    int64_t v = 0;
    if (!tf_get(r, h, key))
        return 0;
    if (tf_int(r, h, key, &v))
        return -1;
    return v < 0 ? tf_fail(r, "field '%s': %lld is negative", key, (long long)v) : 0;
}

/* A header field that must be one of two words when present.  0 or -1. */
static int check_word(struct tf_reader *r, const struct tf_node *h, const char *key,
                      const char *a, const char *b)
{
    const char *v;
    if (!tf_get(r, h, key))
        return 0;
    if (tf_str(r, h, key, &v))
        return -1;
    if (strcmp(v, a) && strcmp(v, b))
        return tf_fail(r, "field '%s': \"%.40s\" is neither \"%s\" nor \"%s\"", key, v, a, b);
    return 0;
}

/* The header's run options: the limits, the checker mode, the cache model
 * and its geometry must be values `mmsim run` accepts.  0 or -1. */
static int check_run_options(struct tf_reader *r, const struct tf_node *h)
{
    if (check_count(r, h, "max_insns") || check_count(r, h, "timeout") ||
        check_count(r, h, "quantum") || check_word(r, h, "check", "report", "error") ||
        check_word(r, h, "cache_model", "watched", "full"))
        return -1;
    const struct tf_node *c = tf_get(r, h, "cache");
    if (!c)
        return 0;
    if (c->type != TF_OBJ)
        return tf_fail(r, "field 'cache': expected an object {size, ways, line}");
    int64_t size, ways, line;
    if (tf_int(r, c, "size", &size) || tf_int(r, c, "ways", &ways) || tf_int(r, c, "line", &line))
        return -1;
    const char *why = "out of range";
    bool ok = size > 0 && ways > 0 && line > 0 && size <= UINT32_MAX && ways <= UINT32_MAX &&
              line <= UINT32_MAX;
    struct cache_geom g = { (uint32_t)size, (uint32_t)ways, (uint32_t)line };
    if (!ok || cache_geom_check(&g, &why) != 0)
        return tf_fail(r, "field 'cache': %lld,%lld,%lld is not a cache geometry: %s",
                       (long long)size, (long long)ways, (long long)line, why);
    return 0;
}

/* Build the machine from the header. */
static int ev_machine(struct replay *rp, struct tf_reader *r)
{
    const struct tf_node *h = tf_root(r);
    if (rp->up)
        return tf_fail(r, "a second \"machine\" header");
    const struct tf_node *fn = tf_get(r, h, "format");
    if (!fn)
        return tf_fail(r, "format 1 trace (no \"format\" field, mmsim 0.1): it records no "
                          "memory-manager arguments and cannot be replayed; record it again");
    int64_t format, max_insns;
    if (tf_int(r, h, "format", &format))
        return -1;
    if (format != TRACE_FORMAT)
        return tf_fail(r, "trace format %lld is not supported (this mmsim reads format %d%s)",
                       (long long)format, TRACE_FORMAT,
                       format > TRACE_FORMAT ? "; written by a newer mmsim" : "");
    const char *cpu;
    uint64_t ram, seed;
    bool frag;
    const struct tf_node *devs;
    if (tf_str(r, h, "cpu", &cpu) || tf_hex(r, h, "ram", &ram) || tf_bool(r, h, "frag", &frag) ||
        tf_int(r, h, "max_insns", &max_insns))
        return -1;
    const struct tf_node *sn = tf_get(r, h, "frag_seed");
    if (!sn || sn->type != TF_INT || sn->neg)
        return tf_fail(r, "field 'frag_seed': expected a number");
    seed = sn->u;
    if (mmu_cpu_parse(cpu, &rp->cpu) != 0)
        return tf_fail(r, "field 'cpu': unknown CPU flavour \"%s\"", cpu);
    if (ram < (1u << 20) || ram > PHYS_RAM_LIMIT || (ram & MMSIM_PAGE_MASK))
        return tf_fail(r, "field 'ram': 0x%" PRIx64 " is not 1M..3G in whole pages", ram);
    if (check_run_options(r, h))
        return -1;
    devs = tf_get(r, h, "devices");
    if (devs && devs->type != TF_ARR)
        return tf_fail(r, "field 'devices': expected an array");
    if (phys_init(&rp->phys, ram) != 0 || frames_init(&rp->frames, &rp->phys) != 0)
        return tf_fail(r, "cannot reserve the simulated RAM");
    rp->up = true;
    if (check_banks(r, h, &rp->phys))
        return -1;
    for (const struct tf_node *d = devs ? tf_child(r, devs) : NULL; d; d = tf_next_sib(r, d)) {
        uint64_t base, size;
        const char *name;
        if (tf_hex(r, d, "base", &base) || tf_hex(r, d, "size", &size) || tf_str(r, d, "name", &name))
            return -1;
        if (phys_add_device(&rp->phys, base, size, name) != 0)
            return tf_fail(r, "device window %s at 0x%" PRIx64 " is invalid", name, base);
    }
    if (frag)
        frames_fragment(&rp->frames, seed);
    const struct tf_node *ipc = tf_get(r, h, "ipc");
    struct mm_ipc_limits lim;
    if (ipc && (ipc->type != TF_OBJ || tf_hex(r, ipc, "shmmin", &lim.shmmin) ||
                tf_hex(r, ipc, "shmmax", &lim.shmmax) || tf_hex(r, ipc, "shmall", &lim.shmall) ||
                tf_hex(r, ipc, "shmmni", &lim.shmmni) || tf_hex(r, ipc, "shmseg", &lim.shmseg)))
        return ipc->type != TF_OBJ ? tf_fail(r, "field 'ipc': expected an object") : -1;
    struct pt_hooks hooks = { .pte_written = on_pte, .ctx = rp, .rc_set = on_rc };
    rp->mmu = mmu_create(rp->cpu, &rp->phys, &rp->frames, &hooks);
    rp->mm = rp->mmu ? mm_create(rp->mmu, &rp->phys, &rp->frames) : NULL;
    if (!rp->mm)
        return tf_fail(r, "cannot create the MMU");
    if (ipc && mm_set_ipc_limits(rp->mm, &lim) != 0)
        return tf_fail(r, "field 'ipc': limits the memory manager refuses");
    int64_t max_fds = 0;
    if (tf_get(r, h, "max_fds") && tf_int(r, h, "max_fds", &max_fds))
        return -1;
    mm_set_fd_limit_default(rp->mm, (unsigned)max_fds);    /* absent or 0: 1024 */
    return 0;
}

/* "mm": re-issue the call and compare its results. */
static int ev_mm(struct replay *rp, struct tf_reader *r)
{
    const struct tf_node *rec = tf_root(r), *args;
    int64_t pid;
    const char *opname;
    if (tf_int(r, rec, "pid", &pid) || tf_str(r, rec, "op", &opname) ||
        tf_obj(r, rec, "args", &args))
        return -1;
    const struct rp_op *op = find_op(opname);
    if (!op)
        return tf_fail(r, "unknown memory-manager op \"%s\" (replay knows: see traces/lib/replay.c ops[])",
                       opname);
    if (pid < 0 || pid > UINT32_MAX)
        return tf_fail(r, "field 'pid': %lld out of range", (long long)pid);
    struct rproc tmp = { (uint32_t)pid, NULL };
    struct rproc *p = find_proc(rp, (uint32_t)pid);
    if (op->creates && p)
        return tf_fail(r, "process %lld already exists", (long long)pid);
    if (!op->creates && !p)
        return tf_fail(r, "no process %lld (no proc_create before)", (long long)pid);
    struct opctx o = { rp, r, rec, args, p ? p : &tmp };
    rp->driven++;
    return op->fn(&o);
}

/* Compare a recorded PTE write with the next one made now. */
static int cmp_pte(struct replay *rp, struct tf_reader *r, struct pte_q *q, bool rc)
{
    const struct tf_node *rec = tf_root(r);
    int64_t asid;
    uint64_t va, pa, old, new;
    if (tf_int(r, rec, "asid", &asid) || tf_hex(r, rec, "va", &va) ||
        tf_hex(r, rec, "pte_pa", &pa) || tf_hex(r, rec, "old", &old) ||
        tf_hex(r, rec, "new", &new))
        return -1;
    struct pte_ev want = { (uint32_t)asid, (uint32_t)va, pa, old, new, false }, got;
    char b1[200], b2[200];
    rp->compared++;
    if (!q_pop(q, &got))
        return diverge(rp, pte_text(b1, sizeof b1, &want), "no %s happened here",
                       rc ? "R/C update" : "PTE write");
    if (got.asid != want.asid || got.va != want.va || got.pte_pa != want.pte_pa ||
        got.old != want.old || got.new != want.new)
        return diverge(rp, pte_text(b1, sizeof b1, &want), "%s", pte_text(b2, sizeof b2, &got));
    return 0;
}

static int ev_pte(struct replay *rp, struct tf_reader *r)
{
    return cmp_pte(rp, r, &rp->ptes, false);
}

/* "rc": redo the referenced/changed update of a TLB fill, then compare. */
static int ev_rc(struct replay *rp, struct tf_reader *r)
{
    const struct tf_node *rec = tf_root(r);
    int64_t asid;
    uint64_t va;
    const char *acc;
    if (tf_int(r, rec, "asid", &asid) || tf_hex(r, rec, "va", &va) || tf_str(r, rec, "access", &acc))
        return -1;
    struct rproc *p = find_proc(rp, (uint32_t)asid);
    if (!p)
        return tf_fail(r, "no process with asid %lld", (long long)asid);
    pt_touch(mm_proc_pt(p->mm), (uint32_t)va, strcmp(acc, "w") == 0);
    return cmp_pte(rp, r, &rp->rcs, true);
}

enum ev_kind {
    EV_DRIVE,     /* re-issued: the memory manager runs again */
    EV_COMPARE,   /* compared with what the re-driven calls did */
    EV_INFO,      /* informational: checked for form only */
};

/* Every event name a trace may contain.  Other branches' events that
 * replay cannot re-drive are listed here as EV_INFO. */
static const struct rp_event {
    const char  *ev;
    enum ev_kind kind;
    int        (*fn)(struct replay *rp, struct tf_reader *r);
} events[] = {
    {"machine", EV_DRIVE, ev_machine},
    {"mm", EV_DRIVE, ev_mm},
    {"rc", EV_DRIVE, ev_rc},
    {"pte", EV_COMPARE, ev_pte},
    {"kcall", EV_INFO, NULL},    /* guest-level view; its "mm" records are re-driven */
    {"spawn", EV_INFO, NULL},
    {"exit", EV_INFO, NULL},
    {"console", EV_INFO, NULL},
    {"fault", EV_INFO, NULL},    /* the kill report; the "mm" fault record is re-driven */
    {"check", EV_INFO, NULL},    /* cache/DMA checker reports (devices) */
    {"dma", EV_INFO, NULL},
    {"dev", EV_INFO, NULL},
    {"fork", EV_INFO, NULL},     /* the "mm" proc_fork record is re-driven */
    {"exec", EV_INFO, NULL},     /* the "mm" exec record and the loader's mmaps are re-driven */
    {"thread", EV_INFO, NULL},   /* threads share their process's memory manager state */
    {"block", EV_INFO, NULL},    /* scheduling: no memory-manager effect */
    {"wake", EV_INFO, NULL},
    {"deadlock", EV_INFO, NULL},
    {"interrupted", EV_INFO, NULL},  /* mmsim stopped by a host signal: the last record */
    {"signal", EV_INFO, NULL},       /* signals: guest-level, no memory-manager effect */
    {"sig_deliver", EV_INFO, NULL},
    {"sig_return", EV_INFO, NULL},
    {"sig_default", EV_INFO, NULL},
};

/* Fields with one meaning in every event, and their type: a record that
 * gives one with another type is refused even where replay does not use
 * it (traces/README.md: "a field of the wrong type" is refused). */
static const struct {
    const char  *key;
    enum tf_type type;
} common_fields[] = {
    {"pid", TF_INT}, {"ppid", TF_INT}, {"tid", TF_INT}, {"ret", TF_INT}, {"fd", TF_INT},
    {"errno", TF_STR}, {"why", TF_STR}, {"call", TF_STR}, {"op", TF_STR}, {"text", TF_STR},
    {"args", TF_OBJ},
};

/* 0, or -1 if a member of the record has the wrong type for its name. */
static int check_common_fields(struct tf_reader *r)
{
    const struct tf_node *root = tf_root(r);
    for (const struct tf_node *m = tf_child(r, root); m; m = tf_next_sib(r, m))
        for (size_t i = 0; i < sizeof common_fields / sizeof common_fields[0]; i++)
            if (!strcmp(m->key, common_fields[i].key) && m->type != common_fields[i].type)
                return tf_fail(r, "field '%s': expected %s", m->key,
                               common_fields[i].type == TF_INT ? "a number" :
                               common_fields[i].type == TF_STR ? "a string" : "an object");
    return 0;
}

/* Keep the start of the line for the context of a later report. */
static void remember(struct replay *rp, const struct tf_reader *r)
{
    unsigned i = rp->nctx++ % CTX_LINES;
    memcpy(rp->ctx[i], r->raw, sizeof rp->ctx[i]);
    rp->ctx_line[i] = r->line;
}

int replay_event(struct replay *rp, struct tf_reader *r)
{
    const char *ev = tf_ev(r);
    const struct rp_event *e = NULL;
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++)
        if (events[i].ev[0] == ev[0] && strcmp(events[i].ev, ev) == 0) {
            e = &events[i];
            break;
        }
    remember(rp, r);
    rp->events++;
    rp->cur = r;
    if (!e)
        return tf_fail(r, "unknown event \"%s\"", ev);
    if (check_common_fields(r))
        return -1;
    if (!rp->up && e->fn != ev_machine)
        return tf_fail(r, "the first record must be the \"machine\" header, not \"%s\"", ev);
    int rc = 0;
    if (e->kind == EV_DRIVE && e->fn != ev_machine && (rc = check_drained(rp)) != 0)
        return rc;
    if (e->fn)
        rc = e->fn(rp, r);
    if (rp->partial) {           /* scenarios say nothing about PTE writes */
        rp->ptes.head = rp->ptes.len = 0;
        rp->rcs.head = rp->rcs.len = 0;
    }
    if (rc == 0 && rp->oom)
        return tf_fail(r, "out of memory");
    return rc;
}

int replay_finish(struct replay *rp, struct tf_reader *r)
{
    rp->cur = NULL;
    snprintf(rp->where, sizeof rp->where, "%s: end of the trace", r->path ? r->path : "-");
    if (!rp->up) {
        r->line = 1;
        return tf_fail(r, "empty trace: no \"machine\" header");
    }
    return check_drained(rp);
}

struct replay *replay_new(bool partial)
{
    struct replay *rp = calloc(1, sizeof *rp);
    if (rp)
        rp->partial = partial;
    return rp;
}

void replay_free(struct replay *rp)
{
    if (!rp)
        return;
    if (rp->mm)
        mm_destroy(rp->mm);
    if (rp->mmu)
        mmu_destroy(rp->mmu);
    if (rp->up) {
        frames_fini(&rp->frames);
        phys_fini(&rp->phys);
    }
    for (size_t i = 0; i < rp->nfiles; i++)
        if (rp->files[i] >= 0)
            close(rp->files[i]);
    free(rp->files);
    free(rp->procs);
    free(rp->ptes.v);
    free(rp->rcs.v);
    free(rp);
}

const char *replay_what(const struct replay *rp, const char *rec, const char *now)
{
    static char b[1300];
    snprintf(b, sizeof b, "%s: %s; %s: %s", rec, rp->rec, now, rp->now);
    return b;
}

void replay_report(const struct replay *rp, FILE *out)
{
    fprintf(out, "divergence at %s\n  recorded: %s\n  now:      %s\n  context:\n", rp->where,
            rp->rec, rp->now);
    unsigned n = rp->nctx < CTX_LINES ? rp->nctx : CTX_LINES;
    for (unsigned k = 0; k < n; k++) {
        unsigned i = (rp->nctx - n + k) % CTX_LINES;
        fprintf(out, "  %s line %llu: %s%s\n", k == n - 1 ? ">" : " ",
                (unsigned long long)rp->ctx_line[i], rp->ctx[i],
                strlen(rp->ctx[i]) == sizeof rp->ctx[i] - 1 ? "..." : "");
    }
}

void replay_counts(const struct replay *rp, unsigned long long *events,
                   unsigned long long *driven, unsigned long long *ptes)
{
    *events = rp->events;
    *driven = rp->driven;
    *ptes = rp->compared;
}

int replay_main(int argc, char **argv)
{
    bool quiet = false;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet"))
            quiet = true;
        else if (!path)
            path = argv[i];
        else {
            fprintf(stderr, "usage: mmsim replay [-q] TRACE\n");
            return 2;
        }
    }
    if (!path) {
        fprintf(stderr, "usage: mmsim replay [-q] TRACE\n");
        return 2;
    }
    struct tf_reader *r = malloc(sizeof *r);
    struct replay *rp = replay_new(false);
    if (!r || !rp) {
        free(r);
        replay_free(rp);
        fprintf(stderr, "mmsim replay: out of memory\n");
        return 2;
    }
    int status = 0, rc;
    if (tf_open(r, path) != 0) {
        fprintf(stderr, "mmsim replay: %s\n", r->err);
        free(r);
        replay_free(rp);
        return 2;
    }
    while ((rc = tf_next(r)) == 1)
        if ((rc = replay_event(rp, r)) != 0)
            break;
    if (rc == 0)
        rc = replay_finish(rp, r);
    if (rc < 0) {
        fprintf(stderr, "mmsim replay: refused: %s\n", r->err);
        status = 2;
    } else if (rc == 1) {
        fprintf(stderr, "mmsim replay: ");
        replay_report(rp, stderr);
        status = 1;
    } else if (!quiet) {
        printf("replay: %llu events, %llu memory-manager calls re-driven, %llu PTE writes "
               "compared: identical\n", rp->events, rp->driven, rp->compared);
    }
    tf_close(r);
    free(r);
    replay_free(rp);
    return status;
}
