/*
 * kcall_sem.c - System V semaphores: semget, semop, semctl (kernel calls
 * 60-62).  ipc/semtab.c keeps the sets; this file decodes guest
 * structures (guest byte order) and blocks: a semop that must wait sleeps
 * on the set's channel and is issued again when any operation changes the
 * set; IPC_RMID completes every sleeper's call with EIDRM.  At process
 * exit the SEM_UNDO adjustments are applied (sem_proc_exit).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mmsim/kcall.h"
#include "kcall.h"
#include "sim.h"
#include "trace.h"

#define SEMBUF_SIZE   6
#define SEMID_DS_SIZE 84
#define NS 1000000000ull

/* The caller's credentials. */
static struct semtab_cred cred(const struct proc *p)
{
    uint32_t uid, euid, gid, egid;       /* the memory manager holds the credentials */
    mm_proc_creds(p->mm, &uid, &euid, &gid, &egid);
    return (struct semtab_cred){ p->pid, euid, egid };
}

static uint64_t now_s(const struct sim *s)
{
    return s->o.epoch + s->now_ns / NS;                /* realtime: --epoch + simulated time */
}

/* Wake every semop sleeping on set semid to try again. */
static void wake_set(void *ctx, int semid)
{
    sched_wakeup(ctx, CHAN(CHAN_SEM, (uint32_t)semid));
}

void sem_proc_exit(struct proc *p)
{
    struct sim *s = p->sim;
    for (struct thread *t = s->threads; t; t = t->next)
        if (t->p == p && t->semw.semid >= 0)
            semtab_unwait(s->semtab, &t->semw);
    semtab_exit(s->semtab, p->pid, wake_set, s);
}

static long k_semget(struct call *c)
{
    struct proc *p = c->p;
    struct semtab_cred cr = cred(p);
    return semtab_get(p->sim->semtab, (int32_t)c->a[0], (int)c->a[1], (int)c->a[2], &cr,
                      now_s(p->sim));
}

static long k_semop(struct call *c)
{
    struct proc *p = c->p;
    struct sim *s = p->sim;
    struct thread *t = sched_current(p);
    int semid = (int)c->a[0];
    uint32_t n = c->a[2];
    semtab_unwait(s->semtab, &t->semw);       /* a re-issued call */
    if (n > semtab_limits(s->semtab)->semopm || n > 64)   /* --ipc-limit caps semopm at 64 */
        return -E2BIG;
    if (n == 0)
        return -EINVAL;
    uint8_t raw[SEMBUF_SIZE * 64];
    struct semtab_op ops[64];
    if (copyin(p, raw, c->a[1], n * SEMBUF_SIZE) != 0)
        return -EFAULT;
    for (uint32_t i = 0; i < n; i++) {
        ops[i].num = g16(p, raw + i * SEMBUF_SIZE);
        ops[i].op = (int16_t)g16(p, raw + i * SEMBUF_SIZE + 2);
        ops[i].flg = (int16_t)g16(p, raw + i * SEMBUF_SIZE + 4);
    }
    struct semtab_cred cr = cred(p);
    int rc = semtab_op(s->semtab, semid, ops, n, &cr, now_s(s), &t->semw);
    if (rc == SEMTAB_BLOCK)
        return sched_sleep(p, CHAN(CHAN_SEM, (uint32_t)semid), 0, 0, "semop");
    if (rc == 0)
        wake_set(s, semid);
    return rc;
}

/* IPC_STAT: encode struct semid_ds (sys/sem.h) in guest byte order. */
static long sem_stat(struct call *c, int semid)
{
    struct proc *p = c->p;
    struct semtab_ds ds;
    struct semtab_cred cr = cred(p);
    int rc = semtab_stat(p->sim->semtab, semid, &ds, &cr);
    if (rc)
        return rc;
    uint8_t g[SEMID_DS_SIZE] = {0};
    p32(p, g + 0, ds.perm.cuid);
    p32(p, g + 4, ds.perm.cgid);
    p32(p, g + 8, ds.perm.uid);
    p32(p, g + 12, ds.perm.gid);
    p32(p, g + 16, ds.perm.mode);
    p32(p, g + 20, ds.perm.seq);
    p32(p, g + 24, (uint32_t)ds.perm.key);
    p16(p, g + 48, (uint16_t)ds.nsems);
    p32(p, g + 52, (uint32_t)ds.otime);
    p32(p, g + 60, (uint32_t)ds.ctime);
    return copyout(p, c->a[3], g, sizeof g);
}

/* IPC_SET: uid, gid and mode from the guest's struct semid_ds. */
static long sem_set(struct call *c, int semid)
{
    struct proc *p = c->p;
    uint8_t g[SEMID_DS_SIZE];
    if (copyin(p, g, c->a[3], sizeof g) != 0)
        return -EFAULT;
    struct semtab_ds ds = {0};
    ds.perm.uid = g32(p, g + 8);
    ds.perm.gid = g32(p, g + 12);
    ds.perm.mode = g32(p, g + 16);
    struct semtab_cred cr = cred(p);
    return semtab_set(p->sim->semtab, semid, &ds, &cr, now_s(p->sim));
}

/* GETALL / SETALL through a guest array of unsigned short. */
static long sem_all(struct call *c, int semid, bool set)
{
    struct proc *p = c->p;
    struct semtab *st = p->sim->semtab;
    int n = semtab_nsems(st, semid);
    if (n < 0)
        return n;
    uint16_t vals[1024];
    uint8_t raw[2048];
    struct semtab_cred cr = cred(p);
    if ((size_t)n > sizeof vals / sizeof vals[0])
        return -EINVAL;
    if (set) {
        if (copyin(p, raw, c->a[3], (uint32_t)n * 2) != 0)
            return -EFAULT;
        for (int i = 0; i < n; i++)
            vals[i] = g16(p, raw + 2 * i);
        int rc = semtab_setall(st, semid, vals, (size_t)n, &cr, now_s(p->sim));
        if (rc == 0)
            wake_set(p->sim, semid);
        return rc;
    }
    int rc = semtab_getall(st, semid, vals, (size_t)n, &cr);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++)
        p16(p, raw + 2 * i, vals[i]);
    return copyout(p, c->a[3], raw, (uint32_t)n * 2);
}

static long k_semctl(struct call *c)
{
    struct proc *p = c->p;
    struct sim *s = p->sim;
    int semid = (int)c->a[0], num = (int)c->a[1], cmd = (int)c->a[2];
    struct semtab_cred cr = cred(p);
    switch (cmd) {
    case IPCT_STAT:
        return sem_stat(c, semid);
    case IPCT_SET:
        return sem_set(c, semid);
    case IPCT_RMID: {
        int rc = semtab_rmid(s->semtab, semid, &cr);
        if (rc == 0)
            sched_wake_n(s, CHAN(CHAN_SEM, (uint32_t)semid), ~0u, -EIDRM);
        return rc;
    }
    case SEMT_GETALL:
        return sem_all(c, semid, false);
    case SEMT_SETALL:
        return sem_all(c, semid, true);
    case SEMT_GETVAL: case SEMT_GETPID: case SEMT_GETNCNT: case SEMT_GETZCNT: case SEMT_SETVAL: {
        int rc = semtab_ctl_val(s->semtab, semid, num, cmd, (int)c->a[3], &cr, now_s(s));
        if (rc == 0 && cmd == SEMT_SETVAL)
            wake_set(s, semid);
        return rc;
    }
    default:
        return -EINVAL;
    }
}

static const struct kcall_def sem_defs[] = {
    {KC_SEMGET, "semget", 3, k_semget},
    {KC_SEMOP, "semop", 3, k_semop},
    {KC_SEMCTL, "semctl", 4, k_semctl},
};

const struct kcall_table kcall_sem_table = KCALL_TABLE(sem_defs);
