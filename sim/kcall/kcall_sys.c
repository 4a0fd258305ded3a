/*
 * kcall_sys.c - system information, credentials, scheduling policy, nice
 * values, resource limits and usage (KC_SYSINFO .. KC_GETRUSAGE, numbers
 * 180-219 of include/mmsim/kcall.h; docs/posix/libc.md).
 *
 * Per-process state lives in struct proc's `sys` (sim.h), which fork and
 * spawn copy.  Real and effective IDs live in the memory manager (System V
 * permission checks use them) and change through tm_proc_ids, so a
 * replay re-drives them; the saved IDs are in `sys`.  Permission rules
 * are POSIX's as Linux applies them, with "privileged" meaning effective
 * user ID 0.
 */
#include <errno.h>
#include <stdint.h>

#include "mmsim/kcall.h"
#include "kcall.h"
#include "mmtrace.h"
#include "sim.h"

/* Guest (QNX) scheduling policies and the priority range of each. */
enum { G_SCHED_FIFO = 1, G_SCHED_RR = 2, G_SCHED_OTHER = 3 };
#define PRIO_MIN      1
#define PRIO_MAX      255
#define PRIO_MAX_USER 63      /* QNX: higher priorities need root */

struct ids {
    uint32_t uid, euid, gid, egid;
};

/* ids_of(p): p's real and effective IDs from the memory manager. */
static struct ids ids_of(struct proc *p)
{
    struct ids v;
    mm_proc_creds(p->mm, &v.uid, &v.euid, &v.gid, &v.egid);
    return v;
}

/* k_sysinfo(item): a KC_SYSINFO_* value. */
static long k_sysinfo(struct call *c)
{
    struct sim *s = c->p->sim;
    switch (c->a[0]) {
    case KC_SYSINFO_CPU:         return (long)s->o.cpu;
    case KC_SYSINFO_RAM_PAGES:   return (long)((s->o.ram / 4096) & 0x7fffffff);
    case KC_SYSINFO_FREE_PAGES:  return (long)(s->frames.nfree & 0x7fffffff);
    case KC_SYSINFO_MAX_PROCS:   return s->o.max_procs ? s->o.max_procs : PROC_MAX_DEFAULT;
    case KC_SYSINFO_MAX_THREADS: return s->o.max_threads ? s->o.max_threads : THREAD_MAX_DEFAULT;
    case KC_SYSINFO_EPOCH:       return (long)(s->o.epoch & 0x7fffffff);
    case KC_SYSINFO_USER_UID:    return s->o.set_creds && s->o.uid ? (long)s->o.uid : 1000;
    case KC_SYSINFO_USER_GID:    return s->o.set_creds && s->o.gid ? (long)s->o.gid : 1000;
    }
    return -EINVAL;
}

/* set_ids(c, v): make v p's real and effective IDs (traced); 0. */
static long set_ids(struct call *c, const struct ids *v)
{
    tm_proc_ids(c->p, v->uid, v->euid, v->gid, v->egid);
    return 0;
}

/* setid(c, group, id): setuid/setgid: all three IDs when privileged, else
 * only the effective one, to the real or saved ID; EPERM otherwise. */
static long setid(struct call *c, bool group)
{
    struct proc *p = c->p;
    struct ids v = ids_of(p);
    uint32_t id = c->a[0];
    uint32_t *real = group ? &v.gid : &v.uid, *eff = group ? &v.egid : &v.euid;
    uint32_t *saved = group ? &p->sys.sgid : &p->sys.suid;
    if (id == UINT32_MAX)
        return -EINVAL;
    if (v.euid == 0)
        *real = *saved = *eff = id;
    else if (id == *real || id == *saved)
        *eff = id;
    else
        return -EPERM;
    return set_ids(c, &v);
}

/* seteid(c, group): seteuid/setegid: any ID when privileged, else the real or saved one. */
static long seteid(struct call *c, bool group)
{
    struct proc *p = c->p;
    struct ids v = ids_of(p);
    uint32_t id = c->a[0];
    uint32_t *real = group ? &v.gid : &v.uid, *eff = group ? &v.egid : &v.euid;
    uint32_t saved = group ? p->sys.sgid : p->sys.suid;
    if (id == UINT32_MAX)
        return -EINVAL;
    if (v.euid != 0 && id != *real && id != saved && id != *eff)
        return -EPERM;
    *eff = id;
    return set_ids(c, &v);
}

/* setreid(c, group): setreuid/setregid (-1 keeps an ID): unprivileged, the
 * real ID may become the effective one, the effective one the real or
 * saved; the saved ID follows a changed effective ID (Linux's rule). */
static long setreid(struct call *c, bool group)
{
    struct proc *p = c->p;
    struct ids v = ids_of(p);
    uint32_t r = c->a[0], e = c->a[1];
    uint32_t *real = group ? &v.gid : &v.uid, *eff = group ? &v.egid : &v.euid;
    uint32_t *saved = group ? &p->sys.sgid : &p->sys.suid;
    bool priv = v.euid == 0;
    if (r != UINT32_MAX && !priv && r != *real && r != *eff)
        return -EPERM;
    if (e != UINT32_MAX && !priv && e != *real && e != *eff && e != *saved)
        return -EPERM;
    uint32_t old_real = *real;
    if (r != UINT32_MAX)
        *real = r;
    if (e != UINT32_MAX)
        *eff = e;
    if (r != UINT32_MAX || (e != UINT32_MAX && e != old_real))
        *saved = *eff;
    return set_ids(c, &v);
}

static long k_setuid(struct call *c) { return setid(c, false); }
static long k_setgid(struct call *c) { return setid(c, true); }
static long k_seteuid(struct call *c) { return seteid(c, false); }
static long k_setegid(struct call *c) { return seteid(c, true); }
static long k_setreuid(struct call *c) { return setreid(c, false); }
static long k_setregid(struct call *c) { return setreid(c, true); }

/* target(c, pid, &q): the process pid names (0: the caller); 0, -ESRCH, or
 * -EPERM when the caller may not change it (not root, not the same user). */
static long target(struct call *c, int32_t pid, struct proc **q, bool change)
{
    struct proc *p = c->p;
    if (pid < 0)
        return -EINVAL;
    *q = pid == 0 ? p : sched_find(p->sim, (uint32_t)pid);
    if (!*q || (*q)->reaped || (*q)->state != PROC_RUNNING)
        return -ESRCH;
    if (change && *q != p) {
        struct ids a = ids_of(p), b = ids_of(*q);
        if (a.euid != 0 && a.euid != b.uid && a.euid != b.euid)
            return -EPERM;
    }
    return 0;
}

/* k_sched_set(pid, policy or -1, prio): sched_setscheduler / sched_setparam. */
static long k_sched_set(struct call *c)
{
    struct proc *q;
    int policy = (int32_t)c->a[1], prio = (int32_t)c->a[2];
    if (policy != -1 && policy != G_SCHED_FIFO && policy != G_SCHED_RR && policy != G_SCHED_OTHER)
        return -EINVAL;
    if (prio < PRIO_MIN || prio > PRIO_MAX)
        return -EINVAL;
    long rc = target(c, (int32_t)c->a[0], &q, true);
    if (rc)
        return rc;
    if (prio > PRIO_MAX_USER && ids_of(c->p).euid != 0) {
        c->why = "priority above 63 needs root";
        return -EPERM;
    }
    if (policy != -1)
        q->sys.policy = policy;
    q->sys.prio = prio;
    return 0;
}

/* k_sched_get(pid, which): 0 the policy, 1 the priority. */
static long k_sched_get(struct call *c)
{
    struct proc *q;
    long rc = target(c, (int32_t)c->a[0], &q, false);
    if (rc)
        return rc;
    return c->a[1] == 0 ? q->sys.policy : q->sys.prio;
}

/* k_getrlimit(res, lim[2]): copy out the soft and hard limit. */
static long k_getrlimit(struct call *c)
{
    struct proc *p = c->p;
    uint32_t r = c->a[0];
    if (r >= PROC_NRLIMIT)
        return -EINVAL;
    uint8_t b[16];
    p64(p, b, p->sys.rlim_cur[r]);
    p64(p, b + 8, p->sys.rlim_max[r]);
    return copyout(p, c->a[1], b, sizeof b);
}

/* k_setrlimit(res, lim[2]): EINVAL if soft > hard, EPERM when an
 * unprivileged process raises its hard limit. */
static long k_setrlimit(struct call *c)
{
    struct proc *p = c->p;
    uint32_t r = c->a[0];
    uint8_t b[16];
    if (r >= PROC_NRLIMIT)
        return -EINVAL;
    if (copyin(p, b, c->a[1], sizeof b) != 0)
        return -EFAULT;
    uint64_t cur = g64(p, b), max = g64(p, b + 8);
    if (cur > max)
        return -EINVAL;
    if (max > p->sys.rlim_max[r] && ids_of(p).euid != 0) {
        c->why = "raising a hard limit needs root";
        return -EPERM;
    }
    if (r == 7 && tm_fd_limit(p, cur > (1u << 20) ? 1u << 20 : (unsigned)cur) != 0)
        return -EINVAL;                  /* RLIMIT_NOFILE is the memory manager's fd limit */
    p->sys.rlim_cur[r] = cur;
    p->sys.rlim_max[r] = max;
    return 0;
}

/* prio_target(c, which, who, &q): PRIO_PROCESS of a pid (0: self);
 * PRIO_PGRP / PRIO_USER act on the caller when who is 0 or its own. */
static long prio_target(struct call *c, struct proc **q, bool change)
{
    int32_t which = (int32_t)c->a[0], who = (int32_t)c->a[1];
    if (which == 0)
        return target(c, who, q, change);
    if (which == 1 || which == 2) {
        struct ids v = ids_of(c->p);
        *q = c->p;
        if (who == 0 || (which == 1 && (uint32_t)who == c->p->pid) ||
            (which == 2 && (uint32_t)who == v.uid))
            return 0;
        return -ESRCH;
    }
    return -EINVAL;
}

/* k_getprio(which, who): the nice value + 20. */
static long k_getprio(struct call *c)
{
    struct proc *q;
    long rc = prio_target(c, &q, false);
    return rc ? rc : q->sys.nice + 20;
}

/* k_setprio(which, who, nice): clamp to -20..19; lowering it needs root (EACCES). */
static long k_setprio(struct call *c)
{
    struct proc *q;
    int nice = (int32_t)c->a[2];
    long rc = prio_target(c, &q, true);
    if (rc)
        return rc;
    if (nice < -20)
        nice = -20;
    if (nice > 19)
        nice = 19;
    if (nice < q->sys.nice && ids_of(c->p).euid != 0)
        return -EACCES;
    q->sys.nice = nice;
    return 0;
}

/* k_getrusage(who, out[4]): user time = the caller's simulated CPU time
 * (1 us per kernel call, as clock()), system time 0; children: 0. */
static long k_getrusage(struct call *c)
{
    struct proc *p = c->p;
    int32_t who = (int32_t)c->a[0];
    uint64_t us = 0;
    if (who == 0 || who == 1)
        us = p->kcalls;
    else if (who != -1)
        return -EINVAL;
    uint8_t b[16] = {0};
    p32(p, b, (uint32_t)(us / 1000000));
    p32(p, b + 4, (uint32_t)(us % 1000000));
    return copyout(p, c->a[1], b, sizeof b);
}

/* Linux's resource numbers. */
enum { R_AS = 9, R_MEMLOCK = 8 };

/* The page-rounded length of [addr, addr+len). */
static uint64_t page_span(uint32_t addr, uint32_t len)
{
    uint64_t start = addr & ~0xfffull, end = ((uint64_t)addr + len + 0xfff) & ~0xfffull;
    return end - start;
}

long sys_check_mlock(struct proc *p, uint32_t addr, uint32_t len, bool all)
{
    uint64_t lim = p->sys.rlim_cur[R_MEMLOCK];
    if (lim == UINT64_MAX || ids_of(p).euid == 0)
        return 0;                               /* root has CAP_IPC_LOCK */
    if (lim == 0)
        return -EPERM;
    uint64_t want = all ? mm_mapped_bytes(p->mm) : mm_locked_bytes(p->mm) + page_span(addr, len);
    return want > lim ? -ENOMEM : 0;
}

long sys_check_mmap(struct proc *p, uint32_t len)
{
    uint64_t lim = p->sys.rlim_cur[R_AS];
    if (lim == UINT64_MAX)
        return 0;
    return mm_mapped_bytes(p->mm) + page_span(0, len) > lim ? -ENOMEM : 0;
}

static const struct kcall_def sys_defs[] = {
    {KC_SYSINFO, "sysinfo", 1, k_sysinfo},
    {KC_SETUID, "setuid", 1, k_setuid},
    {KC_SETGID, "setgid", 1, k_setgid},
    {KC_SETEUID, "seteuid", 1, k_seteuid},
    {KC_SETEGID, "setegid", 1, k_setegid},
    {KC_SETREUID, "setreuid", 2, k_setreuid},
    {KC_SETREGID, "setregid", 2, k_setregid},
    {KC_SCHED_SET, "sched_set", 3, k_sched_set},
    {KC_SCHED_GET, "sched_get", 2, k_sched_get},
    {KC_GETRLIMIT, "getrlimit", 2, k_getrlimit},
    {KC_SETRLIMIT, "setrlimit", 2, k_setrlimit},
    {KC_GETPRIO, "getpriority", 2, k_getprio},
    {KC_SETPRIO, "setpriority", 3, k_setprio},
    {KC_GETRUSAGE, "getrusage", 2, k_getrusage},
};

const struct kcall_table kcall_sys_table = KCALL_TABLE(sys_defs);
