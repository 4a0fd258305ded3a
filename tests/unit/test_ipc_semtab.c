/*
 * test_ipc_semtab.c - System V semaphore tables: ids, semget's errors,
 * permission checks, semop's atomicity and blocking verdicts, semctl, and
 * SEM_UNDO bookkeeping.
 */
#include <criterion/criterion.h>
#include <errno.h>

#include "ipc/semtab.h"

static struct semtab *T;
static const struct semtab_cred ROOT = { 1, 0, 0 }, U1 = { 10, 1000, 100 },
                                U2 = { 11, 2000, 100 }, U3 = { 12, 3000, 300 };

static void setup(void)
{
    struct semtab_limits lim = { .semmni = 4, .semmsl = 8, .semmns = 12, .semopm = 4 };
    T = semtab_create(&lim);
    cr_assert_not_null(T);
}

static void teardown(void)
{
    semtab_destroy(T);
}

TestSuite(semtab, .init = setup, .fini = teardown);

/* One operation. */
static int op1(int id, uint16_t num, int16_t op, int16_t flg, const struct semtab_cred *c)
{
    struct semtab_op o = { num, op, flg };
    struct semtab_wait w;
    return semtab_op(T, id, &o, 1, c, 0, &w);
}

Test(semtab, get_errors_and_ids)
{
    cr_assert_eq(semtab_get(T, 42, 2, 0600, &U1, 0), -ENOENT);
    int id = semtab_get(T, 42, 2, IPCT_CREAT | 0600, &U1, 0);
    cr_assert_geq(id, 0);
    cr_assert_eq(semtab_get(T, 42, 2, 0, &U1, 0), id, "same key, same set");
    cr_assert_eq(semtab_get(T, 42, 0, 0, &U1, 0), id, "nsems 0 for an existing set");
    cr_assert_eq(semtab_get(T, 42, 3, 0, &U1, 0), -EINVAL, "more semaphores than the set has");
    cr_assert_eq(semtab_get(T, 42, 2, IPCT_CREAT | IPCT_EXCL | 0600, &U1, 0), -EEXIST);
    cr_assert_eq(semtab_get(T, 43, 9, IPCT_CREAT | 0600, &U1, 0), -EINVAL, "above semmsl");
    cr_assert_eq(semtab_get(T, 43, -1, IPCT_CREAT | 0600, &U1, 0), -EINVAL);
    cr_assert_eq(semtab_get(T, 43, 0, IPCT_CREAT | 0600, &U1, 0), -EINVAL, "new set of 0");
    cr_assert_eq(semtab_get(T, 42, 2, 0600, &U3, 0), -EACCES, "other user asks rw of 0600");
    cr_assert_eq(semtab_get(T, 42, 2, 0, &U3, 0), id, "asking for nothing is allowed");
    int p1 = semtab_get(T, IPCT_PRIVATE, 8, 0600, &U1, 0);
    int p2 = semtab_get(T, IPCT_PRIVATE, 1, 0600, &U1, 0);
    cr_assert(p1 >= 0 && p2 >= 0 && p1 != p2, "IPC_PRIVATE always makes a new set");
    cr_assert_eq(semtab_get(T, IPCT_PRIVATE, 2, 0600, &U1, 0), -ENOSPC, "semmns (12) exceeded");
    cr_assert_geq(semtab_get(T, IPCT_PRIVATE, 1, 0600, &U1, 0), 0, "the fourth set");
    cr_assert_eq(semtab_get(T, IPCT_PRIVATE, 1, 0600, &U1, 0), -ENOSPC, "semmni (4) exceeded");
    /* a removed set's id stays invalid when the slot is reused */
    cr_assert_eq(semtab_rmid(T, id, &U1), 0);
    cr_assert_eq(semtab_nsems(T, id), -EINVAL);
    int again = semtab_get(T, 42, 1, IPCT_CREAT | 0600, &U1, 0);
    cr_assert_geq(again, 0);
    cr_assert_neq(again, id);
    cr_assert_eq(op1(id, 0, 1, 0, &U1), -EINVAL, "old id");
}

Test(semtab, permissions)
{
    struct semtab_perm p = { 1, 1000, 100, 1000, 100, 0640, 0 };
    cr_assert_eq(semtab_perm_check(&p, &U1, 6), 0, "owner rw");
    cr_assert_eq(semtab_perm_check(&p, &U2, 4), 0, "group r");
    cr_assert_eq(semtab_perm_check(&p, &U2, 2), -EACCES, "group no w");
    cr_assert_eq(semtab_perm_check(&p, &U3, 4), -EACCES, "other nothing");
    cr_assert_eq(semtab_perm_check(&p, &ROOT, 6), 0, "root all");
    p.uid = 2000;     /* IPC_SET gave it to U2: the creator keeps owner rights */
    cr_assert_eq(semtab_perm_check(&p, &U1, 6), 0, "creator");
    cr_assert_eq(semtab_perm_check(&p, &U2, 6), 0, "new owner");
}

Test(semtab, op_atomic_and_blocking)
{
    int id = semtab_get(T, IPCT_PRIVATE, 3, 0600, &U1, 0);
    struct semtab_wait w;
    struct semtab_op ops[3] = { { 0, 2, 0 }, { 1, 1, 0 }, { 2, -1, 0 } };
    cr_assert_eq(semtab_op(T, id, ops, 3, &U1, 5, &w), SEMTAB_BLOCK, "sem 2 is 0: wait");
    cr_assert_eq(w.semid, id);
    cr_assert_eq(w.num, 2);
    cr_assert_eq(semtab_ctl_val(T, id, 0, SEMT_GETVAL, 0, &U1, 0), 0, "nothing applied");
    cr_assert_eq(semtab_ctl_val(T, id, 2, SEMT_GETNCNT, 0, &U1, 0), 1, "one waiter counted");
    semtab_unwait(T, &w);
    cr_assert_eq(semtab_ctl_val(T, id, 2, SEMT_GETNCNT, 0, &U1, 0), 0);
    ops[2].flg = IPCT_NOWAIT;
    cr_assert_eq(semtab_op(T, id, ops, 3, &U1, 5, &w), -EAGAIN);
    cr_assert_eq(semtab_ctl_val(T, id, 2, SEMT_SETVAL, 1, &U1, 0), 0);
    cr_assert_eq(semtab_op(T, id, ops, 3, &U1, 5, &w), 0);
    cr_assert_eq(semtab_ctl_val(T, id, 0, SEMT_GETVAL, 0, &U1, 0), 2);
    cr_assert_eq(semtab_ctl_val(T, id, 1, SEMT_GETVAL, 0, &U1, 0), 1);
    cr_assert_eq(semtab_ctl_val(T, id, 2, SEMT_GETVAL, 0, &U1, 0), 0);
    cr_assert_eq(semtab_ctl_val(T, id, 2, SEMT_GETPID, 0, &U1, 0), 10);
    /* wait for zero */
    const struct semtab_cred same_user = { 13, 1000, 100 };
    cr_assert_eq(op1(id, 0, 0, 0, &same_user), SEMTAB_BLOCK);
    cr_assert_eq(semtab_ctl_val(T, id, 0, SEMT_GETZCNT, 0, &U1, 0), 1);
    cr_assert_eq(op1(id, 2, 0, 0, &U1), 0, "sem 2 is zero");
    /* errors */
    cr_assert_eq(op1(id, 3, 1, 0, &U1), -EFBIG);
    cr_assert_eq(semtab_op(T, id, ops, 0, &U1, 0, &w), -EINVAL);
    struct semtab_op many[5] = {{0}};
    cr_assert_eq(semtab_op(T, id, many, 5, &U1, 0, &w), -E2BIG, "semopm 4");
    cr_assert_eq(op1(id, 0, 32767, 0, &U1), -ERANGE, "above semvmx");
    cr_assert_eq(op1(id, 0, 1, 0, &U3), -EACCES, "other may not alter 0600");
    cr_assert_eq(op1(id, 0, 0, 0, &U3), -EACCES, "nor read it");
}

Test(semtab, undo_applied_at_exit)
{
    int id = semtab_get(T, IPCT_PRIVATE, 2, 0666, &U1, 0);
    cr_assert_eq(op1(id, 0, 3, SEMT_UNDO, &U1), 0);
    cr_assert_eq(op1(id, 0, -1, SEMT_UNDO, &U1), 0);
    cr_assert_eq(semtab_undo_of(T, 10, id, 0), -2);
    cr_assert_eq(op1(id, 1, 5, SEMT_UNDO, &U2), 0);
    cr_assert_eq(op1(id, 1, -4, 0, &U1), 0, "no undo");
    cr_assert_eq(semtab_exit(T, 10, NULL, NULL), 1);
    cr_assert_eq(semtab_ctl_val(T, id, 0, SEMT_GETVAL, 0, &U1, 0), 0, "3 - 1 undone");
    cr_assert_eq(semtab_undo_of(T, 10, id, 0), 0, "entries gone");
    cr_assert_eq(semtab_exit(T, 11, NULL, NULL), 1);
    cr_assert_eq(semtab_ctl_val(T, id, 1, SEMT_GETVAL, 0, &U1, 0), 0, "1 - 5 clamped at 0");
    /* SETVAL clears adjustments of that semaphore */
    cr_assert_eq(op1(id, 0, 2, SEMT_UNDO, &U1), 0);
    cr_assert_eq(semtab_ctl_val(T, id, 0, SEMT_SETVAL, 7, &U1, 0), 0);
    cr_assert_eq(semtab_exit(T, 10, NULL, NULL), 0);
    cr_assert_eq(semtab_ctl_val(T, id, 0, SEMT_GETVAL, 0, &U1, 0), 7);
}

Test(semtab, ctl_set_stat_rmid)
{
    int id = semtab_get(T, 7, 2, IPCT_CREAT | 0600, &U1, 3);
    struct semtab_ds ds;
    cr_assert_eq(semtab_stat(T, id, &ds, &U1), 0);
    cr_assert_eq(ds.perm.key, 7);
    cr_assert_eq(ds.perm.cuid, 1000);
    cr_assert_eq(ds.perm.mode & 0777, 0600);
    cr_assert_eq(ds.nsems, 2);
    cr_assert_eq(ds.ctime, 3);
    cr_assert_eq(semtab_stat(T, id, &ds, &U3), -EACCES);
    ds.perm.mode = 0644;
    ds.perm.uid = 2000;
    cr_assert_eq(semtab_set(T, id, &ds, &U3, 4), -EPERM);
    cr_assert_eq(semtab_set(T, id, &ds, &U1, 4), 0);
    cr_assert_eq(semtab_stat(T, id, &ds, &U3), 0, "0644 now readable by others");
    cr_assert_eq(ds.perm.uid, 2000);
    uint16_t vals[2] = { 4, 5 }, got[2] = { 0, 0 };
    cr_assert_eq(semtab_setall(T, id, vals, 2, &U3, 0), -EACCES);
    cr_assert_eq(semtab_setall(T, id, vals, 2, &U2, 0), 0, "the new owner may write");
    cr_assert_eq(semtab_getall(T, id, got, 2, &U3), 0);
    cr_assert(got[0] == 4 && got[1] == 5);
    vals[1] = 40000;
    cr_assert_eq(semtab_setall(T, id, vals, 2, &U2, 0), -ERANGE);
    cr_assert_eq(semtab_ctl_val(T, id, 0, SEMT_SETVAL, -1, &U2, 0), -ERANGE);
    cr_assert_eq(semtab_ctl_val(T, id, 2, SEMT_GETVAL, 0, &U2, 0), -EINVAL, "semnum out of range");
    cr_assert_eq(semtab_ctl_val(T, id, 0, 99, 0, &U2, 0), -EINVAL, "unknown command");
    cr_assert_eq(semtab_rmid(T, id, &U3), -EPERM);
    cr_assert_eq(semtab_rmid(T, id, &U2), 0, "the owner removes it");
    cr_assert_eq(semtab_rmid(T, id, &U2), -EINVAL);
}
