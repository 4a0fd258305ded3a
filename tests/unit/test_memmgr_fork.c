/*
 * test_memmgr_fork.c - mm_proc_fork: shared mappings stay shared, private
 * memory becomes copy-on-write in parent and child, private copies that
 * exist at fork time are copied, and every frame comes back.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "memmgr_fixture.h"

#define RW    (MM_PROT_READ | MM_PROT_WRITE)
#define ANONP (MM_MAP_PRIVATE | MM_MAP_ANON)
#define ANONS (MM_MAP_SHARED | MM_MAP_ANON)

TestSuite(memmgr_fork, .init = mmfx_setup, .fini = mmfx_teardown_checked);

/* Walk q's table at va. */
static struct pt_walk walk(struct mm_proc *q, uint32_t va)
{
    struct pt_walk w;
    pt_walk(mm_proc_pt(q), va, &w);
    return w;
}

/* A guest store of v at va in q: fault first if the PTE refuses a write. */
static void store(struct mm_proc *q, uint32_t va, uint32_t v)
{
    struct pt_walk w = walk(q, va);
    if (w.status != PTW_OK || !(w.d.uprot & PT_W))
        cr_assert_eq(mm_fault(q, va, PT_W), MMF_RESOLVED);
    w = walk(q, va);
    cr_assert(w.d.uprot & PT_W);
    cr_assert_eq(phys_write(&ph, w.pa, &v, 4), 0);
}

/* A guest load at va in q. */
static uint32_t load(struct mm_proc *q, uint32_t va)
{
    struct pt_walk w = walk(q, va);
    if (w.status != PTW_OK)
        cr_assert_eq(mm_fault(q, va, PT_R), MMF_RESOLVED);
    w = walk(q, va);
    uint32_t v = 0xdeadbeef;
    phys_read(&ph, w.pa, &v, 4);
    return v;
}

Test(memmgr_fork, private_anon_is_copy_on_write)
{
    uint32_t a;
    cr_assert_eq(mm_mmap(P, 0, 2 * PG, RW, ANONP, MM_NOFD, 0, &a), 0);
    store(P, a, 111);
    store(P, a + PG, 222);
    struct mm_proc *C = mm_proc_fork(P, 2);
    cr_assert_not_null(C);
    /* both see the same frame, read-only */
    cr_assert_eq(walk(P, a).pa, walk(C, a).pa);
    cr_assert_eq(walk(P, a).d.uprot & PT_W, 0);
    cr_assert_eq(walk(C, a).d.uprot & PT_W, 0);
    cr_assert(pt_take_flush(mm_proc_pt(P)), "parent PTEs changed: TLB flush needed");
    /* a child write copies: parent unaffected */
    store(C, a, 333);
    cr_assert_neq(walk(P, a).pa, walk(C, a).pa);
    cr_assert_eq(load(P, a), 111);
    cr_assert_eq(load(C, a), 333);
    /* a parent write copies too */
    store(P, a + PG, 444);
    cr_assert_eq(load(C, a + PG), 222);
    cr_assert_eq(load(P, a + PG), 444);
    mm_proc_destroy(C);
    cr_assert_eq(load(P, a), 111);
}

Test(memmgr_fork, shared_anon_stays_shared)
{
    uint32_t a;
    cr_assert_eq(mm_mmap(P, 0, PG, RW, ANONS, MM_NOFD, 0, &a), 0);
    struct mm_proc *C = mm_proc_fork(P, 2);
    cr_assert_not_null(C);
    store(C, a, 77);
    cr_assert_eq(load(P, a), 77);
    cr_assert_eq(walk(P, a).pa, walk(C, a).pa);
    cr_assert(walk(P, a).d.uprot & PT_W, "shared pages keep write");
    mm_proc_destroy(C);
}

Test(memmgr_fork, lazy_pages_stay_private)
{
    uint32_t a;
    cr_assert_eq(mm_mmap(P, 0, 4 * PG, RW, ANONP | MM_MAP_LAZY, MM_NOFD, 0, &a), 0);
    struct mm_proc *C = mm_proc_fork(P, 2);
    cr_assert_not_null(C);
    store(C, a, 5);
    cr_assert_eq(load(P, a), 0, "the parent still sees zero");
    store(P, a + PG, 6);
    cr_assert_eq(load(C, a + PG), 0);
    mm_proc_destroy(C);
}

Test(memmgr_fork, second_fork_copies_private_pages)
{
    uint32_t a;
    cr_assert_eq(mm_mmap(P, 0, PG, RW, ANONP, MM_NOFD, 0, &a), 0);
    store(P, a, 1);
    struct mm_proc *C1 = mm_proc_fork(P, 2);
    cr_assert_not_null(C1);
    store(P, a, 2);                       /* parent's private copy */
    struct mm_proc *C2 = mm_proc_fork(P, 3);
    cr_assert_not_null(C2);
    cr_assert_eq(load(C1, a), 1);
    cr_assert_eq(load(C2, a), 2);
    store(C2, a, 3);
    cr_assert_eq(load(P, a), 2);
    store(P, a, 4);
    cr_assert_eq(load(C2, a), 3);
    mm_proc_destroy(C1);
    mm_proc_destroy(C2);
    cr_assert_eq(load(P, a), 4);
}

Test(memmgr_fork, fds_are_shared_objects)
{
    int fd = mm_shm_open(P, "/f", MM_O_RDWR | MM_O_CREAT, 0600);
    cr_assert_geq(fd, 0);
    cr_assert_eq(mm_ftruncate(P, fd, PG), 0);
    struct mm_proc *C = mm_proc_fork(P, 2);
    cr_assert_not_null(C);
    cr_assert_eq(mm_shm_unlink(P, "/f"), 0);
    cr_assert_eq(mm_close(P, fd), 0);
    uint32_t a;
    cr_assert_eq(mm_mmap(C, 0, PG, RW, MM_MAP_SHARED, fd, 0, &a), 0, "the child's fd still works");
    store(C, a, 9);
    cr_assert_eq(load(C, a), 9);
    mm_proc_destroy(C);
}
