/*
 * semtab.c - System V semaphore sets (see semtab.h).
 *
 * Ids are index + semmni * seq, seq counting the uses of a slot, so a
 * removed set's id stays invalid when its slot is reused.  Undo entries
 * are a flat array of (pid, semid, num, adj): few processes use SEM_UNDO
 * at once and every search is linear in them.
 */
#include "semtab.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct sem {
    uint16_t val;
    uint32_t pid;       /* last process that changed it */
    uint32_t ncnt, zcnt;
};

struct semset {
    bool               used;
    struct semtab_perm perm;
    unsigned           nsems;
    struct sem        *sems;
    uint64_t           otime, ctime;
};

struct undo {
    uint32_t pid;
    int      semid;
    unsigned num;
    int      adj;
};

struct semtab {
    struct semtab_limits lim;
    struct semset       *sets;      /* semmni slots */
    unsigned             seq_next;  /* perm.seq of the next set */
    unsigned             total;     /* semaphores in all sets */
    struct undo         *undo;
    size_t               nundo, undocap;
};

struct semtab *semtab_create(const struct semtab_limits *lim)
{
    struct semtab *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    struct semtab_limits d = { 128, 250, 32000, 32, 32767, 32767 };
    if (lim) {
        d.semmni = lim->semmni ? lim->semmni : d.semmni;
        d.semmsl = lim->semmsl ? lim->semmsl : d.semmsl;
        d.semmns = lim->semmns ? lim->semmns : d.semmns;
        d.semopm = lim->semopm ? lim->semopm : d.semopm;
        d.semvmx = lim->semvmx ? lim->semvmx : d.semvmx;
        d.semaem = lim->semaem ? lim->semaem : d.semaem;
    }
    if (d.semvmx > 65535)
        d.semvmx = 65535;
    t->lim = d;
    if (!(t->sets = calloc(d.semmni, sizeof *t->sets))) {
        free(t);
        return NULL;
    }
    return t;
}

void semtab_destroy(struct semtab *t)
{
    if (!t)
        return;
    for (unsigned i = 0; i < t->lim.semmni; i++)
        free(t->sets[i].sems);
    free(t->sets);
    free(t->undo);
    free(t);
}

const struct semtab_limits *semtab_limits(const struct semtab *t)
{
    return &t->lim;
}

int semtab_perm_check(const struct semtab_perm *perm, const struct semtab_cred *c, unsigned want)
{
    if (c->uid == 0)
        return 0;
    unsigned bits;
    if (c->uid == perm->uid || c->uid == perm->cuid)
        bits = perm->mode >> 6;
    else if (c->gid == perm->gid || c->gid == perm->cgid)
        bits = perm->mode >> 3;
    else
        bits = perm->mode;
    return (bits & want) == want ? 0 : -EACCES;
}

/* The set with id semid, or NULL. */
static struct semset *find(const struct semtab *t, int semid)
{
    if (semid < 0)
        return NULL;
    unsigned idx = (unsigned)semid % t->lim.semmni;
    struct semset *s = &t->sets[idx];
    if (!s->used || s->perm.seq != (unsigned)semid / t->lim.semmni)
        return NULL;
    return s;
}

/* The id of set s. */
static int id_of(const struct semtab *t, const struct semset *s)
{
    return (int)((unsigned)(s - t->sets) + s->perm.seq * t->lim.semmni);
}

/* A new set in a free slot.  id or -ENOSPC/-ENOMEM. */
static int create(struct semtab *t, int32_t key, int nsems, int flg, const struct semtab_cred *c,
                  uint64_t now)
{
    if (t->total + (unsigned)nsems > t->lim.semmns)
        return -ENOSPC;
    for (unsigned i = 0; i < t->lim.semmni; i++) {
        struct semset *s = &t->sets[i];
        if (s->used)
            continue;
        if (!(s->sems = calloc((size_t)nsems, sizeof *s->sems)))
            return -ENOMEM;
        s->used = true;
        s->nsems = (unsigned)nsems;
        s->perm = (struct semtab_perm){ key, c->uid, c->gid, c->uid, c->gid,
                                        (unsigned)flg & 0777, t->seq_next++ % 32768 };
        s->otime = 0;
        s->ctime = now;
        t->total += (unsigned)nsems;
        return id_of(t, s);
    }
    return -ENOSPC;
}

int semtab_get(struct semtab *t, int32_t key, int nsems, int flg, const struct semtab_cred *c,
               uint64_t now)
{
    if (nsems < 0 || (unsigned)nsems > t->lim.semmsl)
        return -EINVAL;
    if (key != IPCT_PRIVATE)
        for (unsigned i = 0; i < t->lim.semmni; i++) {
            struct semset *s = &t->sets[i];
            if (!s->used || s->perm.key != key)
                continue;
            if ((flg & IPCT_CREAT) && (flg & IPCT_EXCL))
                return -EEXIST;
            /* the access asked for by the mode bits of flg (as Linux's ipcperms) */
            unsigned f = (unsigned)flg;
            int rc = semtab_perm_check(&s->perm, c, ((f >> 6) | (f >> 3) | f) & 6);
            if (rc)
                return rc;
            if ((unsigned)nsems > s->nsems)
                return -EINVAL;
            return id_of(t, s);
        }
    if (key != IPCT_PRIVATE && !(flg & IPCT_CREAT))
        return -ENOENT;
    if (nsems == 0)
        return -EINVAL;
    return create(t, key, nsems, flg, c, now);
}

/* The undo entry of (pid, semid, num), or NULL. */
static struct undo *undo_find(const struct semtab *t, uint32_t pid, int semid, unsigned num)
{
    for (size_t i = 0; i < t->nundo; i++)
        if (t->undo[i].pid == pid && t->undo[i].semid == semid && t->undo[i].num == num)
            return &t->undo[i];
    return NULL;
}

int semtab_undo_of(const struct semtab *t, uint32_t pid, int semid, unsigned num)
{
    const struct undo *u = undo_find(t, pid, semid, num);
    return u ? u->adj : 0;
}

/* Drop undo entries matching semid (and num unless num < 0). */
static void undo_clear(struct semtab *t, int semid, int num)
{
    size_t j = 0;
    for (size_t i = 0; i < t->nundo; i++)
        if (!(t->undo[i].semid == semid && (num < 0 || t->undo[i].num == (unsigned)num)))
            t->undo[j++] = t->undo[i];
    t->nundo = j;
}

/* Room for `n` more undo entries.  0 or -ENOMEM. */
static int undo_reserve(struct semtab *t, size_t n)
{
    if (t->nundo + n <= t->undocap)
        return 0;
    size_t cap = t->undocap ? t->undocap : 16;
    while (cap < t->nundo + n)
        cap *= 2;
    struct undo *v = realloc(t->undo, cap * sizeof *v);
    if (!v)
        return -ENOMEM;
    t->undo = v;
    t->undocap = cap;
    return 0;
}

/* Check every operation (bounds, permissions, undo room). */
static int op_check(struct semtab *t, struct semset *s, const struct semtab_op *ops, size_t nops,
                    const struct semtab_cred *c, bool *alter)
{
    *alter = false;
    size_t nundo = 0;
    for (size_t i = 0; i < nops; i++) {
        if (ops[i].num >= s->nsems)
            return -EFBIG;
        if (ops[i].op != 0)
            *alter = true;
        if ((ops[i].flg & SEMT_UNDO) && ops[i].op)
            nundo++;
    }
    int rc = semtab_perm_check(&s->perm, c, *alter ? 2 : 4);
    return rc ? rc : undo_reserve(t, nundo);
}

int semtab_op(struct semtab *t, int semid, const struct semtab_op *ops, size_t nops,
              const struct semtab_cred *c, uint64_t now, struct semtab_wait *w)
{
    w->semid = -1;
    if (nops > t->lim.semopm)
        return -E2BIG;
    struct semset *s = find(t, semid);
    if (nops == 0 || !s)
        return -EINVAL;
    bool alter;
    int rc = op_check(t, s, ops, nops, c, &alter);
    if (rc)
        return rc;
    /* try all of them on a copy of the values */
    uint16_t *v = malloc(s->nsems * sizeof *v);
    if (!v)
        return -ENOMEM;
    for (unsigned i = 0; i < s->nsems; i++)
        v[i] = s->sems[i].val;
    for (size_t i = 0; i < nops; i++) {
        const struct semtab_op *o = &ops[i];
        int nv = v[o->num] + o->op;
        if ((o->op == 0 && v[o->num] != 0) || nv < 0) {
            free(v);
            if (o->flg & IPCT_NOWAIT)
                return -EAGAIN;
            *w = (struct semtab_wait){ semid, o->num, o->op == 0 };
            if (o->op == 0)
                s->sems[o->num].zcnt++;
            else
                s->sems[o->num].ncnt++;
            return SEMTAB_BLOCK;
        }
        if ((unsigned)nv > t->lim.semvmx) {
            free(v);
            return -ERANGE;
        }
        if (o->flg & SEMT_UNDO) {
            const struct undo *u = undo_find(t, c->pid, semid, o->num);
            int adj = (u ? u->adj : 0) - o->op;
            if (adj > (int)t->lim.semaem || adj < -(int)t->lim.semaem) {
                free(v);
                return -ERANGE;
            }
        }
        v[o->num] = (uint16_t)nv;
    }
    /* commit */
    for (size_t i = 0; i < nops; i++) {
        const struct semtab_op *o = &ops[i];
        s->sems[o->num].val = v[o->num];
        s->sems[o->num].pid = c->pid;
        if ((o->flg & SEMT_UNDO) && o->op) {
            struct undo *u = undo_find(t, c->pid, semid, o->num);
            if (!u) {                         /* room reserved by op_check */
                u = &t->undo[t->nundo++];
                *u = (struct undo){ c->pid, semid, o->num, 0 };
            }
            u->adj -= o->op;
        }
    }
    free(v);
    s->otime = now;
    return 0;
}

void semtab_unwait(struct semtab *t, struct semtab_wait *w)
{
    struct semset *s = w->semid >= 0 ? find(t, w->semid) : NULL;
    if (s && w->num < s->nsems) {
        uint32_t *cnt = w->zero ? &s->sems[w->num].zcnt : &s->sems[w->num].ncnt;
        if (*cnt)
            (*cnt)--;
    }
    w->semid = -1;
}

int semtab_nsems(const struct semtab *t, int semid)
{
    const struct semset *s = find(t, semid);
    return s ? (int)s->nsems : -EINVAL;
}

int semtab_ctl_val(struct semtab *t, int semid, int num, int cmd, int val,
                   const struct semtab_cred *c, uint64_t now)
{
    struct semset *s = find(t, semid);
    if (!s)
        return -EINVAL;
    if (num < 0 || (unsigned)num >= s->nsems)
        return -EINVAL;
    struct sem *m = &s->sems[num];
    int rc = semtab_perm_check(&s->perm, c, cmd == SEMT_SETVAL ? 2 : 4);
    if (rc)
        return rc;
    switch (cmd) {
    case SEMT_GETVAL:  return m->val;
    case SEMT_GETPID:  return (int)m->pid;
    case SEMT_GETNCNT: return (int)m->ncnt;
    case SEMT_GETZCNT: return (int)m->zcnt;
    case SEMT_SETVAL:
        if (val < 0 || (unsigned)val > t->lim.semvmx)
            return -ERANGE;
        m->val = (uint16_t)val;
        m->pid = c->pid;
        s->ctime = now;
        undo_clear(t, semid, num);
        return 0;
    default:
        return -EINVAL;
    }
}

int semtab_getall(struct semtab *t, int semid, uint16_t *vals, size_t n, const struct semtab_cred *c)
{
    struct semset *s = find(t, semid);
    if (!s || n < s->nsems)
        return -EINVAL;
    int rc = semtab_perm_check(&s->perm, c, 4);
    if (rc)
        return rc;
    for (unsigned i = 0; i < s->nsems; i++)
        vals[i] = s->sems[i].val;
    return 0;
}

int semtab_setall(struct semtab *t, int semid, const uint16_t *vals, size_t n,
                  const struct semtab_cred *c, uint64_t now)
{
    struct semset *s = find(t, semid);
    if (!s || n < s->nsems)
        return -EINVAL;
    int rc = semtab_perm_check(&s->perm, c, 2);
    if (rc)
        return rc;
    for (unsigned i = 0; i < s->nsems; i++)
        if (vals[i] > t->lim.semvmx)
            return -ERANGE;
    for (unsigned i = 0; i < s->nsems; i++) {
        s->sems[i].val = vals[i];
        s->sems[i].pid = c->pid;
    }
    s->ctime = now;
    undo_clear(t, semid, -1);
    return 0;
}

int semtab_stat(struct semtab *t, int semid, struct semtab_ds *ds, const struct semtab_cred *c)
{
    struct semset *s = find(t, semid);
    if (!s)
        return -EINVAL;
    int rc = semtab_perm_check(&s->perm, c, 4);
    if (rc)
        return rc;
    *ds = (struct semtab_ds){ s->perm, s->nsems, s->otime, s->ctime };
    return 0;
}

/* Owner or creator of s, or uid 0: may IPC_SET and IPC_RMID. */
static bool may_control(const struct semset *s, const struct semtab_cred *c)
{
    return c->uid == 0 || c->uid == s->perm.uid || c->uid == s->perm.cuid;
}

int semtab_set(struct semtab *t, int semid, const struct semtab_ds *ds,
               const struct semtab_cred *c, uint64_t now)
{
    struct semset *s = find(t, semid);
    if (!s)
        return -EINVAL;
    if (!may_control(s, c))
        return -EPERM;
    s->perm.uid = ds->perm.uid;
    s->perm.gid = ds->perm.gid;
    s->perm.mode = (s->perm.mode & ~0777u) | (ds->perm.mode & 0777u);
    s->ctime = now;
    return 0;
}

int semtab_rmid(struct semtab *t, int semid, const struct semtab_cred *c)
{
    struct semset *s = find(t, semid);
    if (!s)
        return -EINVAL;
    if (!may_control(s, c))
        return -EPERM;
    t->total -= s->nsems;
    free(s->sems);
    s->sems = NULL;
    s->used = false;
    undo_clear(t, semid, -1);
    return 0;
}

int semtab_exit(struct semtab *t, uint32_t pid, void (*changed)(void *ctx, int semid), void *ctx)
{
    int n = 0;
    size_t j = 0;
    for (size_t i = 0; i < t->nundo; i++) {
        struct undo *u = &t->undo[i];
        if (u->pid != pid) {
            t->undo[j++] = *u;
            continue;
        }
        struct semset *s = find(t, u->semid);
        if (!s || u->num >= s->nsems || !u->adj)
            continue;
        int nv = s->sems[u->num].val + u->adj;
        nv = nv < 0 ? 0 : nv > (int)t->lim.semvmx ? (int)t->lim.semvmx : nv;
        s->sems[u->num].val = (uint16_t)nv;
        s->sems[u->num].pid = pid;
        n++;
        if (changed)
            changed(ctx, u->semid);
    }
    t->nundo = j;
    return n;
}
