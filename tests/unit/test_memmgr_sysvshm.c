/*
 * test_memmgr_sysvshm.c - the System V shared memory table: key lookup,
 * ids, limits, permission checks, shmat/shmdt and shm_nattch kept by the
 * map entries, IPC_RMID semantics, SHM_STAT/IPC_INFO/SHM_INFO.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include "memmgr_fixture.h"

TestSuite(sysvshm, .init = mmfx_setup, .fini = mmfx_teardown_checked);

#define RW (MM_IPC_CREAT | 0600)

/* shm_nattch of id as P sees it. */
static uint32_t nattch(int id)
{
    struct mm_shmid_ds ds;
    cr_assert_eq(mm_shmctl(P, id, MM_IPC_STAT, &ds), 0);
    return ds.nattch;
}

/* Physical address behind va in q after a (write) fault. */
static paddr_t touch(struct mm_proc *q, uint32_t va, unsigned access)
{
    cr_assert_eq(mm_fault(q, va, access), MMF_RESOLVED);
    struct pt_walk w;
    pt_walk(mm_proc_pt(q), va, &w);
    cr_assert_eq(w.status, PTW_OK);
    return w.pa;
}

Test(sysvshm, key_lookup_and_create_flags)
{
    int a = mm_shmget(P, 42, 5000, RW);
    cr_assert_geq(a, 0);
    cr_expect_eq(mm_shmget(P, 42, 0, 0), a, "existing key, size 0: same id");
    cr_expect_eq(mm_shmget(P, 42, 5000, RW), a, "IPC_CREAT on an existing key: same id");
    cr_expect_eq(mm_shmget(P, 42, 100, RW | MM_IPC_EXCL), -EEXIST);
    cr_expect_eq(mm_shmget(P, 43, 100, 0600), -ENOENT);
    cr_expect_eq(mm_shmget(P, 42, 5001, 0), -EINVAL, "larger than the segment");
    cr_expect_eq(mm_shmget(P, 44, 0, RW), -EINVAL, "below SHMMIN");
    cr_expect_eq(mm_shmget(P, 44, (32u << 20) + 1, RW), -EINVAL, "above SHMMAX");
    int b = mm_shmget(P, MM_IPC_PRIVATE, 100, 0600);
    int c = mm_shmget(P, MM_IPC_PRIVATE, 100, 0600 | MM_IPC_CREAT | MM_IPC_EXCL);
    cr_expect(b >= 0 && c >= 0 && a != b && b != c, "IPC_PRIVATE always makes a new one");
}

Test(sysvshm, ids_are_index_plus_seq)
{
    int a = mm_shmget(P, 1, 100, RW);
    int b = mm_shmget(P, 2, 100, RW);
    cr_expect_eq(a, 0);
    cr_expect_eq(b, 1 + MM_IPC_SEQ_MULT);
    cr_assert_eq(mm_shmctl(P, a, MM_IPC_RMID, NULL), 0);
    int c = mm_shmget(P, 3, 100, RW);
    cr_expect_eq(c, 0 + 2 * MM_IPC_SEQ_MULT, "lowest free index, next seq");
    cr_expect_eq(mm_shmctl(P, a, MM_IPC_STAT, &(struct mm_shmid_ds){0}), -EINVAL,
                 "the stale id no longer works");
    struct mm_shmid_ds ds;
    cr_expect_eq(mm_shmctl(P, 1, MM_SHM_STAT, &ds), b, "SHM_STAT takes an index");
    cr_expect_eq(ds.perm.key, 2);
    cr_expect_eq(mm_shmctl(P, 5, MM_SHM_STAT, &ds), -EINVAL);
    cr_expect_eq(mm_shmctl(P, -1, MM_SHM_STAT, &ds), -EINVAL);
    struct mm_ipc_limits lim;
    struct mm_shm_info info;
    cr_expect_eq(mm_shm_info(mm, &lim, &info), 1, "highest index in use");
    cr_expect_eq(info.used_ids, 2);
    cr_expect_eq(info.shm_tot, 2);
    cr_expect_eq(info.shm_rss, 0, "segments are allocated on first touch");
    cr_expect_eq(lim.shmmax, 32u << 20);
}

Test(sysvshm, limits_give_enospc)
{
    struct mm_ipc_limits l;
    mm_get_ipc_limits(mm, &l);
    l.shmmni = 2;
    l.shmall = 3;
    cr_assert_eq(mm_set_ipc_limits(mm, &l), 0);
    cr_assert_geq(mm_shmget(P, 1, 2 * PG, RW), 0);
    cr_expect_eq(mm_shmget(P, 2, 2 * PG, RW), -ENOSPC, "SHMALL: 4 pages > 3");
    int b = mm_shmget(P, 2, PG, RW);
    cr_assert_geq(b, 0);
    cr_expect_eq(mm_shmget(P, 3, 1, RW), -ENOSPC, "SHMMNI reached");
    cr_expect_eq(mm_shmget(P, MM_IPC_PRIVATE, 1, 0600), -ENOSPC);
    cr_assert_eq(mm_shmctl(P, b, MM_IPC_RMID, NULL), 0);
    cr_expect_geq(mm_shmget(P, 3, 1, RW), 0, "room again after IPC_RMID");
    l.shmmin = 0;
    cr_expect_eq(mm_set_ipc_limits(mm, &l), -EINVAL);
    l.shmmin = 10, l.shmmax = 5;
    cr_expect_eq(mm_set_ipc_limits(mm, &l), -EINVAL);
    l.shmmin = 100, l.shmmax = 200;
    cr_assert_eq(mm_set_ipc_limits(mm, &l), 0);
    cr_expect_eq(mm_shmget(P, 9, 99, RW), -EINVAL, "SHMMIN raised");
    cr_expect_eq(mm_shmget(P, 9, 201, RW), -EINVAL, "SHMMAX lowered");
}

Test(sysvshm, permissions)
{
    struct mm_proc *U = mm_proc_create(mm, 2, false);   /* uid 1000 */
    struct mm_proc *G = mm_proc_create(mm, 3, false);
    cr_assert(U && G);
    mm_proc_set_creds(G, 2000, 1000);                    /* same group as U */
    uint32_t uid, euid, gid, egid;
    mm_proc_creds(G, &uid, &euid, &gid, &egid);
    cr_expect(uid == 2000 && euid == 2000 && gid == 1000 && egid == 1000);
    int id = mm_shmget(U, 7, PG, MM_IPC_CREAT | 0640);
    cr_assert_geq(id, 0);
    struct mm_shmid_ds ds;
    cr_assert_eq(mm_shmctl(U, id, MM_IPC_STAT, &ds), 0);
    cr_expect(ds.perm.uid == 1000 && ds.perm.cuid == 1000 && ds.perm.gid == 1000);
    cr_expect_eq(ds.perm.mode, 0640);
    cr_expect_eq(ds.cpid, 2);
    /* group member: read yes, write no */
    cr_expect_eq(mm_shmget(G, 7, 0, 0040), id);
    cr_expect_eq(mm_shmget(G, 7, 0, 0600), -EACCES, "asks for write");
    uint32_t a;
    cr_expect_eq(mm_shmat(G, id, 0, 0, &a), -EACCES);
    cr_expect_eq(mm_shmat(G, id, 0, MM_SHM_RDONLY, &a), 0);
    cr_expect_eq(mm_shmctl(G, id, MM_IPC_STAT, &ds), 0);
    cr_expect_eq(mm_shmctl(G, id, MM_IPC_RMID, NULL), -EPERM);
    cr_expect_eq(mm_shmctl(G, id, MM_SHM_LOCK, NULL), -EPERM);
    /* a stranger: nothing */
    mm_proc_set_creds(G, 3000, 3000);
    cr_expect_eq(mm_shmget(G, 7, 0, 0400), -EACCES);
    cr_expect_eq(mm_shmget(G, 7, 0, 0), id, "asking for nothing passes");
    cr_expect_eq(mm_shmctl(G, id, MM_IPC_STAT, &ds), -EACCES);
    cr_expect_eq(mm_shmctl(G, 0, MM_SHM_STAT, &ds), -EACCES);
    ds.perm.mode = 0666;
    cr_expect_eq(mm_shmctl(G, id, MM_IPC_SET, &ds), -EPERM);
    /* the owner hands it over with IPC_SET */
    cr_assert_eq(mm_shmctl(U, id, MM_IPC_STAT, &ds), 0);
    ds.perm.uid = 3000;
    ds.perm.mode = 0600 | MM_SHM_DEST;          /* only the 9 bits are taken */
    cr_expect_eq(mm_shmctl(U, id, MM_IPC_SET, &ds), 0);
    cr_assert_eq(mm_shmctl(G, id, MM_IPC_STAT, &ds), 0);
    cr_expect_eq(ds.perm.mode, 0600);
    cr_expect_eq(ds.perm.cuid, 1000, "the creator stays");
    cr_expect_eq(mm_shmat(G, id, 0, 0, &a), 0, "new owner may write");
    cr_expect_eq(mm_shmctl(U, id, MM_IPC_STAT, &ds), 0, "the creator gets the owner bits");
    ds.perm.mode = 0;
    cr_expect_eq(mm_shmctl(G, id, MM_IPC_SET, &ds), 0);
    cr_expect_eq(mm_shmctl(U, id, MM_IPC_STAT, &ds), -EACCES, "mode 0: no read");
    cr_expect_eq(mm_shmctl(U, id, MM_IPC_RMID, NULL), 0, "creator may still remove");
    /* root passes every check */
    cr_expect_eq(mm_shmctl(P, id, MM_IPC_STAT, &ds), 0);
    mm_proc_destroy(U);
    mm_proc_destroy(G);
}

Test(sysvshm, attach_shares_memory_and_counts)
{
    struct mm_proc *Q = mm_proc_create(mm, 2, true);
    int id = mm_shmget(P, 5, 3 * PG, RW);
    uint32_t a, b;
    cr_assert_eq(mm_shmat(P, id, 0, 0, &a), 0);
    cr_assert_eq(mm_shmat(Q, id, 0, MM_SHM_RDONLY, &b), 0);
    cr_expect_eq(nattch(id), 2);
    paddr_t pa = touch(P, a + PG, PT_W);
    uint32_t v = 0xfeedf00d, got = 1;
    phys_read(&ph, pa, &got, 4);
    cr_expect_eq(got, 0, "new segments are zero-filled");
    phys_write(&ph, pa, &v, 4);
    cr_expect_eq(touch(Q, b + PG, PT_R), pa, "both see the same frame");
    cr_expect_eq(mm_fault(Q, b + PG, PT_W), MMF_PROTECTION, "SHM_RDONLY");
    struct mm_shmid_ds ds;
    cr_assert_eq(mm_shmctl(P, id, MM_IPC_STAT, &ds), 0);
    cr_expect_eq(ds.lpid, 2);
    cr_expect_eq(ds.segsz, 3 * PG);
    /* splitting an attachment counts one more attach, as on Linux */
    cr_assert_eq(mm_mprotect(P, a, PG, MM_PROT_READ), 0);
    cr_expect_eq(nattch(id), 3);
    cr_expect_eq(mm_shmdt(P, a + PG), -EINVAL, "not where an attachment begins");
    cr_expect_eq(mm_shmdt(P, a + 1), -EINVAL);
    cr_expect_eq(mm_shmdt(P, a), 0, "detaches both pieces");
    cr_expect_eq(nattch(id), 1);
    cr_expect_eq(mm_shmdt(P, a), -EINVAL, "already detached");
    mm_proc_destroy(Q);                          /* exit detaches */
    cr_expect_eq(nattch(id), 0);
    cr_assert_eq(mm_shmctl(P, id, MM_IPC_STAT, &ds), 0);
    cr_expect_eq(ds.lpid, 2);
}

Test(sysvshm, rmid_waits_for_last_detach)
{
    struct mm_proc *Q = mm_proc_create(mm, 2, true);
    int id = mm_shmget(P, 9, 2 * PG, RW);
    uint32_t a, b;
    cr_assert_eq(mm_shmat(P, id, 0, 0, &a), 0);
    cr_assert_eq(mm_shmat(Q, id, 0, 0, &b), 0);
    paddr_t pa = touch(P, a, PT_W);
    cr_assert_eq(mm_shmctl(P, id, MM_IPC_RMID, NULL), 0);
    cr_expect_eq(mm_shmget(P, 9, 0, 0), -ENOENT, "the key stops matching at once");
    int id2 = mm_shmget(P, 9, PG, RW);
    cr_expect(id2 >= 0 && id2 != id, "the key can be reused at once");
    struct mm_shmid_ds ds;
    cr_assert_eq(mm_shmctl(P, id, MM_IPC_STAT, &ds), 0, "still there while attached");
    cr_expect_eq(ds.perm.mode & MM_SHM_DEST, MM_SHM_DEST);
    cr_expect_eq(ds.perm.key, MM_IPC_PRIVATE);
    uint32_t c;
    cr_expect_eq(mm_shmat(Q, id, 0, 0, &c), 0, "Linux still attaches a dying segment");
    cr_expect_eq(touch(Q, c, PT_R), pa);
    cr_expect_eq(mm_shmdt(Q, c), 0);
    cr_expect_eq(mm_shmdt(P, a), 0);
    cr_expect_eq(mm_shmctl(P, id, MM_IPC_STAT, &ds), 0, "one attach left");
    uint64_t nfree = fr.nfree;
    cr_expect_eq(mm_munmap(Q, b, 2 * PG), 0, "munmap detaches too");
    cr_expect_eq(mm_shmctl(P, id, MM_IPC_STAT, &ds), -EINVAL, "gone with the last detach");
    cr_expect_eq(fr.nfree, nfree + 1, "its frame came back");
    mm_proc_destroy(Q);
}

Test(sysvshm, rmid_without_attach_destroys_now)
{
    int id = mm_shmget(P, 9, PG, RW);
    cr_assert_eq(mm_shmctl(P, id, MM_IPC_RMID, NULL), 0);
    cr_expect_eq(mm_shmctl(P, id, MM_IPC_RMID, NULL), -EINVAL);
    cr_expect_eq(mm_shm_info(mm, NULL, NULL), 0);
    uint32_t a;
    cr_expect_eq(mm_shmat(P, id, 0, 0, &a), -EINVAL);
    cr_expect_eq(mm_shmctl(P, 12345, MM_IPC_STAT, &(struct mm_shmid_ds){0}), -EINVAL);
    cr_expect_eq(mm_shmctl(P, 0, 99, NULL), -EINVAL, "unknown command");
}

Test(sysvshm, shmat_addresses)
{
    int id = mm_shmget(P, MM_IPC_PRIVATE, 2 * PG, 0600);
    uint32_t a, r;
    cr_assert_eq(mm_shmat(P, id, 0x50000000, 0, &a), 0);
    cr_expect_eq(a, 0x50000000);
    cr_expect_eq(mm_shmat(P, id, 0x50001000, 0, &r), -EINVAL, "overlap without SHM_REMAP");
    cr_expect_eq(mm_shmat(P, id, 0x60000010, 0, &r), -EINVAL, "unaligned without SHM_RND");
    cr_expect_eq(mm_shmat(P, id, 0, MM_SHM_REMAP, &r), -EINVAL, "SHM_REMAP needs an address");
    cr_expect_eq(mm_shmat(P, id, 0x10, MM_SHM_RND | MM_SHM_REMAP, &r), -EINVAL);
    cr_expect_eq(mm_shmat(P, id, 0x60000010, MM_SHM_RND, &r), 0);
    cr_expect_eq(r, 0x60000000, "SHM_RND rounds down to SHMLBA");
    cr_expect_eq(mm_shmat(P, id, 0xfffff000u, 0, &r), -EINVAL, "outside user space");
    cr_expect_eq(nattch(id), 2);
    /* SHM_REMAP replaces what was there: the first attach shrinks to its
     * first page, the new one covers [a+PG, a+3PG) */
    cr_expect_eq(mm_shmat(P, id, 0x50001000, MM_SHM_REMAP, &r), 0);
    cr_expect_eq(r, 0x50001000);
    cr_expect_eq(nattch(id), 3);
    struct mm_map_info mi;
    cr_assert_eq(mm_lookup(P, 0x50000000, &mi), 0);
    cr_expect_eq(mi.len, PG);
    cr_assert_eq(mm_lookup(P, 0x50002000, &mi), 0);
    cr_expect_eq(mi.flags & MM_MAP_TYPE, MM_MAP_SHARED);
    cr_expect_eq(mi.start, 0x50001000);
    cr_expect_eq(mi.objoff, 0);
    cr_expect_eq(mm_shmdt(P, 0x50000000), 0, "the remaining first page");
    cr_expect_eq(mm_shmdt(P, 0x50001000), 0);
    cr_expect_eq(nattch(id), 1);
}

Test(sysvshm, lock_unlock_and_info)
{
    int id = mm_shmget(P, 3, 10000, RW);
    struct mm_shmid_ds ds;
    cr_assert_eq(mm_shmctl(P, id, MM_SHM_LOCK, NULL), 0);
    cr_assert_eq(mm_shmctl(P, id, MM_IPC_STAT, &ds), 0);
    cr_expect_eq(ds.perm.mode, 0600 | MM_SHM_LOCKED);
    cr_assert_eq(mm_shmctl(P, id, MM_SHM_UNLOCK, NULL), 0);
    cr_assert_eq(mm_shmctl(P, id, MM_IPC_STAT, &ds), 0);
    cr_expect_eq(ds.perm.mode, 0600);
    uint32_t a;
    cr_assert_eq(mm_shmat(P, id, 0, 0, &a), 0);
    touch(P, a, PT_W);
    touch(P, a + 2 * PG, PT_R);
    cr_expect_eq(mm_fault(P, a + 3 * PG, PT_R), MMF_UNMAPPED, "attach is 3 pages");
    struct mm_shm_info info;
    mm_shm_info(mm, NULL, &info);
    cr_expect_eq(info.shm_tot, 3);
    cr_expect_eq(info.shm_rss, 2);
}

Test(sysvshm, times_follow_mm_set_time)
{
    mm_set_time(mm, 100);
    int id = mm_shmget(P, 3, PG, RW);
    mm_set_time(mm, 200);
    uint32_t a;
    cr_assert_eq(mm_shmat(P, id, 0, 0, &a), 0);
    mm_set_time(mm, 300);
    cr_assert_eq(mm_shmdt(P, a), 0);
    struct mm_shmid_ds ds;
    cr_assert_eq(mm_shmctl(P, id, MM_IPC_STAT, &ds), 0);
    cr_expect(ds.ctime == 100 && ds.atime == 200 && ds.dtime == 300);
    mm_set_time(mm, 400);
    cr_assert_eq(mm_shmctl(P, id, MM_IPC_SET, &ds), 0);
    cr_assert_eq(mm_shmctl(P, id, MM_IPC_STAT, &ds), 0);
    cr_expect_eq(ds.ctime, 400);
}

Test(sysvshm, segments_left_at_destroy_are_freed)
{
    /* attached and unattached segments alive at mm_destroy: the checked
     * teardown proves their frames come back */
    int id = mm_shmget(P, 3, 4 * PG, RW);
    uint32_t a;
    cr_assert_eq(mm_shmat(P, id, 0, 0, &a), 0);
    touch(P, a, PT_W);
    cr_assert_geq(mm_shmget(P, 4, PG, RW), 0);
}
