/*
 * kcall_ipc.c - System V shared memory and credentials: shmget, shmat,
 * shmdt, shmctl, getuid/geteuid/getgid/getegid.
 *
 * The guest structures (mmsim/guest_abi.h: ipc_perm, shmid_ds, shminfo,
 * shm_info) are encoded here in guest byte order; the memory manager
 * (memmgr/sysvshm.c) does the work.  Segment times are the guest's time()
 * (deterministic: derived from the call count, as KC_CLOCK).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "mmsim/guest_abi.h"
#include "mmsim/kcall.h"
#include "kcall.h"
#include "mmtrace.h"
#include "sim.h"
#include "trace.h"

/* The realtime clock in seconds, as the guest's time() reads it: --epoch
 * plus the simulated time (the traced calls hand it to mm_set_time). */
static uint32_t ipc_now(const struct proc *p)
{
    return (uint32_t)(p->sim->o.epoch + p->sim->now_ns / 1000000000u);
}

/* Record the reason of an -EINVAL from the memory manager. */
static long ipc_ret(struct call *c, long r)
{
    if (r == -EINVAL)
        c->why = mm_last_reason(c->p->mm);
    return r;
}

static long k_shmget(struct call *c)
{
    return ipc_ret(c, tm_shmget(c->p, ipc_now(c->p), (int32_t)c->a[0], c->a[1], (int)c->a[2]));
}

static long k_shmat(struct call *c)
{
    uint32_t out = 0;
    int r = tm_shmat(c->p, ipc_now(c->p), (int)c->a[0], c->a[1], (int)c->a[2], &out);
    return r ? ipc_ret(c, r) : (long)out;
}

static long k_shmdt(struct call *c)
{
    return ipc_ret(c, tm_shmdt(c->p, ipc_now(c->p), c->a[0]));
}

/* A value for a 32-bit unsigned long field, saturated. */
static uint32_t clamp32(uint64_t v)
{
    return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/* struct shmid_ds, guest layout. */
static void put_shmid_ds(const struct proc *p, uint8_t *g, const struct mm_shmid_ds *ds)
{
    memset(g, 0, GUEST_SHMID_DS_SIZE);      /* _reserved[] included */
    p32(p, g + 0, ds->perm.cuid);
    p32(p, g + 4, ds->perm.cgid);
    p32(p, g + 8, ds->perm.uid);
    p32(p, g + 12, ds->perm.gid);
    p32(p, g + 16, ds->perm.mode);
    p32(p, g + 20, ds->perm.seq);
    p32(p, g + 24, (uint32_t)ds->perm.key);
    p32(p, g + 44, clamp32(ds->segsz));
    p32(p, g + 48, ds->atime);
    p32(p, g + 52, ds->dtime);
    p32(p, g + 56, ds->ctime);
    p32(p, g + 60, ds->cpid);
    p32(p, g + 64, ds->lpid);
    p32(p, g + 68, ds->nattch);
}

/* IPC_INFO (struct shminfo) or SHM_INFO (struct shm_info). */
static long shmctl_info(struct call *c, int cmd)
{
    struct proc *p = c->p;
    struct mm_ipc_limits lim;
    struct mm_shm_info info;
    int hi = tm_shm_info(p, ipc_now(p), &lim, &info);
    uint8_t g[GUEST_SHM_INFO_SIZE] = {0};
    uint32_t n;
    if (cmd == MM_IPC_INFO) {
        p32(p, g + 0, clamp32(lim.shmmax));
        p32(p, g + 4, clamp32(lim.shmmin));
        p32(p, g + 8, clamp32(lim.shmmni));
        p32(p, g + 12, clamp32(lim.shmseg));
        p32(p, g + 16, clamp32(lim.shmall));
        n = GUEST_SHMINFO_SIZE;
    } else {
        p32(p, g + 0, info.used_ids);
        p32(p, g + 4, clamp32(info.shm_tot));
        p32(p, g + 8, clamp32(info.shm_rss));
        n = GUEST_SHM_INFO_SIZE;
    }
    int rc = copyout(p, c->a[2], g, n);
    return rc ? rc : hi;
}

static long k_shmctl(struct call *c)
{
    struct proc *p = c->p;
    int id = (int)c->a[0], cmd = (int)c->a[1];
    if (cmd == MM_IPC_INFO || cmd == MM_SHM_INFO)
        return shmctl_info(c, cmd);
    struct mm_shmid_ds ds = {0};
    uint8_t g[GUEST_SHMID_DS_SIZE];
    if (cmd == MM_IPC_SET) {
        if (copyin(p, g, c->a[2], sizeof g))
            return -EFAULT;
        ds.perm.uid = g32(p, g + 8);
        ds.perm.gid = g32(p, g + 12);
        ds.perm.mode = g32(p, g + 16);
    }
    int r = tm_shmctl(p, ipc_now(p), id, cmd, &ds);
    if (r < 0)
        return ipc_ret(c, r);
    if (cmd == MM_IPC_STAT || cmd == MM_SHM_STAT) {
        put_shmid_ds(p, g, &ds);
        int rc = copyout(p, c->a[2], g, sizeof g);
        if (rc)
            return rc;
    }
    return r;
}

/* getuid/geteuid/getgid/getegid. */
static long k_cred(struct call *c, int which)
{
    uint32_t v[4];
    mm_proc_creds(c->p->mm, &v[0], &v[1], &v[2], &v[3]);
    return (long)(v[which] & 0x7fffffff);
}

static long k_getuid(struct call *c) { return k_cred(c, 0); }
static long k_geteuid(struct call *c) { return k_cred(c, 1); }
static long k_getgid(struct call *c) { return k_cred(c, 2); }
static long k_getegid(struct call *c) { return k_cred(c, 3); }

static const struct kcall_def ipc_defs[] = {
    {KC_SHMGET, "shmget", 3, k_shmget},
    {KC_SHMAT, "shmat", 3, k_shmat},
    {KC_SHMDT, "shmdt", 1, k_shmdt},
    {KC_SHMCTL, "shmctl", 3, k_shmctl},
    {KC_GETUID, "getuid", 0, k_getuid},
    {KC_GETEUID, "geteuid", 0, k_geteuid},
    {KC_GETGID, "getgid", 0, k_getgid},
    {KC_GETEGID, "getegid", 0, k_getegid},
};

const struct kcall_table kcall_ipc_table = KCALL_TABLE(ipc_defs);
