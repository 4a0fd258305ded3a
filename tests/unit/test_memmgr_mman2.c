/*
 * test_memmgr_mman2.c - the rest of the mmap family in the memory
 * manager: what mlock makes resident, mremap's page and object
 * bookkeeping (frames come back: every test ends with a leak check).
 */
#include <criterion/criterion.h>
#include <errno.h>

#include "memmgr_fixture.h"
#include "../../memmgr/vm.h"     /* to freeze an entry as fork() does */

TestSuite(mman2, .init = mmfx_setup, .fini = mmfx_teardown_checked);

#define RW    (MM_PROT_READ | MM_PROT_WRITE)
#define ANONP (MM_MAP_PRIVATE | MM_MAP_ANON)

/* True if va has a resident frame (mem_offset works). */
static bool resident(uint32_t va, uint64_t *pa)
{
    uint64_t off;
    uint32_t c;
    int r = mm_mem_offset(P, va, MM_NOFD, 1, &off, &c);
    if (pa)
        *pa = off;
    return r == 0;
}

/* Frame under va in the page table, or 0. */
static uint64_t pte_pa(uint32_t va)
{
    struct pt_walk w;
    pt_walk(mm_proc_pt(P), va, &w);
    return w.status == PTW_OK ? w.pa : 0;
}

Test(mman2, mlock_makes_lazy_pages_resident)
{
    uint32_t a;
    cr_assert_eq(mm_mmap(P, 0, 4 * PG, RW, ANONP | MM_MAP_LAZY, MM_NOFD, 0, &a), 0);
    cr_expect(!resident(a, NULL) && !resident(a + 3 * PG, NULL));
    cr_assert_eq(mm_mlock(P, a + PG + 5, PG), 0);
    cr_expect(!resident(a, NULL));
    cr_expect(resident(a + PG, NULL) && resident(a + 2 * PG, NULL), "the two pages touched");
    cr_expect(pte_pa(a + PG) != 0, "with a PTE");
    struct mm_map_info mi;
    cr_assert_eq(mm_lookup(P, a + PG, &mi), 0);
    cr_expect(mi.locked && mi.start == a + PG && mi.len == 2 * PG);
    cr_assert_eq(mm_lookup(P, a, &mi), 0);
    cr_expect(!mi.locked);
    cr_expect_eq(mm_munlock(P, a, 4 * PG), 0);
    cr_assert_eq(mm_lookup(P, a + PG, &mi), 0);
    cr_expect(!mi.locked);
    cr_expect_eq(mm_mlock(P, 0xfffff000u, 0x2000), -EINVAL, "wraps around");
}

Test(mman2, mlock_breaks_cow_of_writable_private_views)
{
    int fd = mm_shm_open(P, "/o", MM_O_RDWR | MM_O_CREAT, 0600);
    cr_assert_eq(mm_ftruncate(P, fd, 2 * PG), 0);
    uint32_t s, v, ro;
    cr_assert_eq(mm_mmap(P, 0, 2 * PG, RW, MM_MAP_SHARED, fd, 0, &s), 0);
    cr_assert_eq(mm_mmap(P, 0, 2 * PG, RW, MM_MAP_PRIVATE, fd, 0, &v), 0);
    cr_assert_eq(mm_mmap(P, 0, 2 * PG, MM_PROT_READ, MM_MAP_PRIVATE, fd, 0, &ro), 0);
    uint64_t shared, priv, rop;
    cr_assert(resident(s, &shared));
    cr_assert(resident(v, &priv));
    cr_expect_eq(priv, shared, "COW: the view starts on the object's frame");
    cr_assert_eq(mm_mlock(P, v, 2 * PG), 0);
    cr_assert_eq(mm_mlockall(P, MM_MCL_CURRENT), 0);
    cr_assert(resident(v, &priv));
    cr_expect_neq(priv, shared, "mlock wrote to it: a private copy");
    cr_assert(resident(ro, &rop));
    cr_expect_eq(rop, shared, "a read-only private view keeps sharing");
    cr_expect_eq(mm_munlockall(P), 0);
    mm_close(P, fd);
}

Test(mman2, mlock_skips_prot_none_and_mlockall_future_populates)
{
    uint32_t a, b;
    cr_assert_eq(mm_mmap(P, 0, 2 * PG, MM_PROT_NONE, ANONP | MM_MAP_LAZY, MM_NOFD, 0, &a), 0);
    cr_expect_eq(mm_mlock(P, a, 2 * PG), 0);
    cr_expect(!resident(a, NULL), "PROT_NONE: nothing made resident");
    cr_expect_eq(mm_mlockall(P, 0), -EINVAL);
    cr_expect_eq(mm_mlockall(P, 4), -EINVAL);
    cr_assert_eq(mm_mlockall(P, MM_MCL_FUTURE), 0);
    cr_assert_eq(mm_mmap(P, 0, 3 * PG, RW, ANONP | MM_MAP_LAZY, MM_NOFD, 0, &b), 0);
    cr_expect(resident(b, NULL) && resident(b + 2 * PG, NULL), "MCL_FUTURE populates new maps");
    cr_expect_eq(mm_msync(P, b, PG, MM_MS_INVALIDATE), -EBUSY);
    cr_expect_eq(mm_madvise(P, a, PG, 7), -EINVAL);
}

Test(mman2, madvise_willneed_populates)
{
    uint32_t a;
    cr_assert_eq(mm_mmap(P, 0, 3 * PG, RW, ANONP | MM_MAP_LAZY, MM_NOFD, 0, &a), 0);
    cr_expect_eq(mm_madvise(P, a, PG, MM_POSIX_MADV_NORMAL), 0);
    cr_expect(!resident(a, NULL));
    cr_expect_eq(mm_madvise(P, a + PG, PG, MM_POSIX_MADV_WILLNEED), 0);
    cr_expect(resident(a + PG, NULL) && !resident(a + 2 * PG, NULL));
    cr_expect_eq(mm_madvise(P, a, 4 * PG, MM_POSIX_MADV_WILLNEED), -ENOMEM, "hole after it");
    cr_expect(resident(a + 2 * PG, NULL), "the mapped part was still populated");
}

Test(mman2, mremap_grows_anonymous_objects_and_frees_them)
{
    uint32_t a, out;
    uint64_t nfree;
    cr_assert_eq(mm_mmap(P, 0x50000000, 2 * PG, RW, ANONP | MM_MAP_FIXED, MM_NOFD, 0, &a), 0);
    nfree = fr.nfree;
    cr_assert_eq(mm_mremap(P, a, 2 * PG, 5 * PG, 0, 0, &out), 0);
    cr_expect_eq(out, a);
    cr_expect_eq(fr.nfree, nfree - 3, "eager: three new zeroed frames");
    cr_expect(resident(a + 4 * PG, NULL));
    struct mm_map_info mi;
    cr_assert_eq(mm_lookup(P, a, &mi), 0);
    cr_expect(mi.len == 5 * PG && mi.objsize == 5 * PG);
    /* lazy mappings stay lazy */
    uint32_t l;
    cr_assert_eq(mm_mmap(P, 0x51000000, PG, RW, ANONP | MM_MAP_LAZY | MM_MAP_FIXED, MM_NOFD, 0, &l), 0);
    nfree = fr.nfree;
    cr_assert_eq(mm_mremap(P, l, PG, 8 * PG, 0, 0, &out), 0);
    cr_expect_eq(fr.nfree, nfree);
    cr_expect_eq(mm_munmap(P, a, 5 * PG), 0);
}

Test(mman2, mremap_move_keeps_pages_and_cow_copies)
{
    int fd = mm_shm_open(P, "/o", MM_O_RDWR | MM_O_CREAT, 0600);
    cr_assert_eq(mm_ftruncate(P, fd, 2 * PG), 0);
    uint32_t v, out, blocker;
    cr_assert_eq(mm_mmap(P, 0x50000000, 2 * PG, RW, MM_MAP_PRIVATE | MM_MAP_FIXED, fd, 0, &v), 0);
    cr_assert_eq(mm_mmap(P, 0x50002000, PG, RW, ANONP | MM_MAP_FIXED, MM_NOFD, 0, &blocker), 0);
    cr_assert_eq(mm_fault(P, v + PG, PT_W), MMF_RESOLVED);
    uint64_t copy = pte_pa(v + PG), obj0 = pte_pa(v);
    cr_expect_eq(mm_mremap(P, v, 2 * PG, 3 * PG, 0, 0, &out), -ENOMEM, "blocked, no MAYMOVE");
    struct mm_map_info mi;
    cr_assert_eq(mm_lookup(P, v, &mi), 0);
    cr_expect_eq(mi.len, 2 * PG, "a refused mremap splits nothing");
    cr_assert_eq(mm_mremap(P, v, 2 * PG, 3 * PG, MM_MREMAP_MAYMOVE, 0, &out), 0);
    cr_expect_neq(out, v);
    cr_expect_eq(pte_pa(out), obj0, "still the object's frame");
    cr_expect_eq(pte_pa(out + PG), copy, "the COW copy moved along");
    cr_expect_eq(pte_pa(v), 0, "old PTEs cleared");
    cr_expect_eq(mm_fault(P, out + 2 * PG, PT_R), MMF_PAST_END, "past the object: SIGBUS");
    mm_close(P, fd);
}

Test(mman2, mprotect_and_munlock_merge_entries_back)
{
    uint32_t a;
    struct mm_map_info mi;
    cr_assert_eq(mm_mmap(P, 0, 4 * PG, RW, ANONP, MM_NOFD, 0, &a), 0);
    cr_assert_eq(mm_mprotect(P, a + PG, PG, MM_PROT_READ), 0);
    cr_assert_eq(mm_lookup(P, a, &mi), 0);
    cr_expect_eq(mi.len, PG, "split in three");
    cr_assert_eq(mm_mprotect(P, a + PG, PG, RW), 0);
    cr_assert_eq(mm_lookup(P, a + 3 * PG, &mi), 0);
    cr_expect(mi.start == a && mi.len == 4 * PG, "one entry again");
    cr_assert_eq(mm_mlock(P, a + 2 * PG, PG), 0);
    cr_assert_eq(mm_lookup(P, a, &mi), 0);
    cr_expect_eq(mi.len, 2 * PG);
    cr_assert_eq(mm_munlock(P, a, 4 * PG), 0);
    cr_assert_eq(mm_lookup(P, a, &mi), 0);
    cr_expect_eq(mi.len, 4 * PG, "munlock joined them");
    /* System V attaches never merge: each piece is an attach */
    int id = mm_shmget(P, MM_IPC_PRIVATE, 2 * PG, 0600);
    uint32_t s;
    cr_assert_eq(mm_shmat(P, id, 0, 0, &s), 0);
    cr_assert_eq(mm_mprotect(P, s, PG, MM_PROT_READ), 0);
    cr_assert_eq(mm_mprotect(P, s, PG, RW), 0);
    cr_assert_eq(mm_lookup(P, s, &mi), 0);
    cr_expect_eq(mi.len, PG);
    struct mm_shmid_ds ds;
    cr_assert_eq(mm_shmctl(P, id, MM_IPC_STAT, &ds), 0);
    cr_expect_eq(ds.nattch, 2);
}

Test(mman2, mremap_of_split_private_pieces_is_refused)
{
    /* Documented limitation: a private anonymous piece cannot grow into
     * object pages another piece of the same mapping still maps. */
    uint32_t a, out;
    cr_assert_eq(mm_mmap(P, 0, 3 * PG, RW, ANONP, MM_NOFD, 0, &a), 0);
    cr_assert_eq(mm_mprotect(P, a + PG, PG, MM_PROT_READ), 0);
    cr_expect_eq(mm_mremap(P, a, PG, 2 * PG, MM_MREMAP_MAYMOVE, 0, &out), -ENOMEM);
    cr_assert_eq(mm_munmap(P, a + PG, 2 * PG), 0);
    cr_expect_eq(mm_mremap(P, a, PG, 2 * PG, 0, 0, &out), 0, "free again once unmapped");
}

Test(mman2, mremap_grows_forked_private_memory_with_zero_pages)
{
    /* fork (issue 6a, memmgr/fork.c) freezes private anonymous memory: the
     * entry becomes a copy-on-write view of its object.  Growing it back
     * after a shrink must give zero pages, not the object's old ones. */
    uint32_t a, out;
    cr_assert_eq(mm_mmap(P, 0x50000000, 3 * PG, RW, ANONP | MM_MAP_FIXED, MM_NOFD, 0, &a), 0);
    uint8_t x = 'X', v = 1;
    for (int i = 0; i < 3; i++)
        phys_write(&ph, pte_pa(a + i * PG), &x, 1);
    struct mm_map *e = vm_find(P, a);
    e->own_pages = false;
    e->cow = true;
    cr_assert_eq(vm_sync(e, e->start, e->end), 0);
    cr_assert_eq(mm_mremap(P, a, 3 * PG, PG, 0, 0, &out), 0, "shrink");
    cr_assert_eq(mm_mremap(P, a, PG, 3 * PG, 0, 0, &out), 0, "grow in place");
    cr_expect_eq(out, a);
    cr_assert_eq(mm_fault(P, a + 2 * PG, PT_R), MMF_RESOLVED, "not past the end");
    phys_read(&ph, pte_pa(a + 2 * PG), &v, 1);
    cr_expect_eq(v, 0, "a zero page, not the old contents");
    phys_read(&ph, pte_pa(a), &v, 1);
    cr_expect_eq(v, 'X', "the kept page is intact");
    cr_assert_eq(mm_fault(P, a + PG, PT_W), MMF_RESOLVED, "a write copies");
    phys_read(&ph, pte_pa(a + PG), &v, 1);
    cr_expect_eq(v, 0);
}
