/*
 * test_memmgr_vm.c - the mmap family, mem_offset and page faults: PTEs
 * checked by walking the real page table in simulated RAM.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include "memmgr_fixture.h"

#define RW    (MM_PROT_READ | MM_PROT_WRITE)
#define ANONP (MM_MAP_PRIVATE | MM_MAP_ANON)

/* Every test ends by checking that every frame came back. */
TestSuite(memmgr_vm, .init = mmfx_setup, .fini = mmfx_teardown_checked);

/* Walk P's table at va. */
static struct pt_walk walk(uint32_t va)
{
    struct pt_walk w;
    pt_walk(mm_proc_pt(P), va, &w);
    return w;
}

/* True if va has a valid PTE. */
static bool mapped(uint32_t va)
{
    return walk(va).status == PTW_OK;
}

/* A shm object of npages pages whose page i holds the word i+1. */
static int shm_obj(const char *name, unsigned npages)
{
    int fd = mm_shm_open(P, name, MM_O_RDWR | MM_O_CREAT, 0600);
    cr_assert_geq(fd, 0);
    cr_assert_eq(mm_ftruncate(P, fd, (uint64_t)npages * PG), 0);
    uint32_t a;
    cr_assert_eq(mm_mmap(P, 0, npages * PG, RW, MM_MAP_SHARED, fd, 0, &a), 0);
    for (unsigned i = 0; i < npages; i++) {
        uint32_t v = i + 1;
        cr_assert_eq(phys_write(&ph, walk(a + i * PG).pa, &v, 4), 0);
    }
    cr_assert_eq(mm_munmap(P, a, npages * PG), 0);
    return fd;
}

/* The word at the start of the frame under va. */
static uint32_t word_at(uint32_t va)
{
    uint32_t v = 0xdeadbeef;
    struct pt_walk w = walk(va);
    cr_assert_eq(w.status, PTW_OK);
    phys_read(&ph, w.pa, &v, 4);
    return v;
}

/* Number of map entries. */
static void count_fn(void *ctx, const struct mm_map_info *mi)
{
    (void)mi;
    (*(int *)ctx)++;
}
static int nmaps(void)
{
    int n = 0;
    mm_foreach_map(P, count_fn, &n);
    return n;
}

Test(memmgr_vm, mmap_errors)
{
    uint32_t a;
    int ro = mm_shm_open(P, "/ro", MM_O_RDWR | MM_O_CREAT, 0600);
    mm_ftruncate(P, ro, PG);
    mm_close(P, ro);
    ro = mm_shm_open(P, "/ro", MM_O_RDONLY, 0);
    cr_expect_eq(mm_mmap(P, 0, 0, RW, ANONP, MM_NOFD, 0, &a), -EINVAL);
    cr_expect_eq(mm_mmap(P, 0, PG, RW, MM_MAP_ANON, MM_NOFD, 0, &a), -EINVAL);
    cr_expect_eq(mm_mmap(P, 0, PG, RW, MM_MAP_ANON | 3, MM_NOFD, 0, &a), -EINVAL);
    cr_expect_eq(mm_mmap(P, 0, PG, RW | 0x1000, ANONP, MM_NOFD, 0, &a), -EINVAL);
    cr_expect_eq(mm_mmap(P, 0, PG, RW, MM_MAP_SHARED, 9, 0, &a), -EBADF);
    cr_expect_eq(mm_mmap(P, 0, PG, RW, MM_MAP_SHARED, MM_NOFD, 0, &a), -EBADF);
    cr_expect_eq(mm_mmap(P, 0, PG, RW, MM_MAP_SHARED, 1, 0, &a), -ENODEV);
    cr_expect_eq(mm_mmap(P, 0, PG, RW, MM_MAP_SHARED, ro, 0, &a), -EACCES);
    cr_expect_eq(mm_mmap(P, 0, PG, MM_PROT_READ, MM_MAP_SHARED, ro, 0, &a), 0);
    cr_expect_eq(mm_mmap(P, 0, PG, RW, MM_MAP_PRIVATE, ro, 0, &a), 0);
    cr_expect_eq(mm_mmap(P, 0x50000001, PG, RW, ANONP | MM_MAP_FIXED, MM_NOFD, 0, &a), -EINVAL);
    cr_expect_eq(mm_mmap(P, 0x50000000, PG, RW, MM_MAP_SHARED | MM_MAP_FIXED, ro, 0x10, &a), -EINVAL);
    cr_expect_eq(mm_mmap(P, 0, PG, RW, ANONP | MM_MAP_FIXED, MM_NOFD, 0, &a), -ENOMEM);
    cr_expect_eq(mm_mmap(P, 0x7FFFF000, 2 * PG, RW, ANONP | MM_MAP_FIXED, MM_NOFD, 0, &a), -ENOMEM);
    cr_expect_eq(mm_mmap(P, 0x80000000, PG, RW, ANONP | MM_MAP_FIXED, MM_NOFD, 0, &a), -ENOMEM);
    cr_expect_eq(mm_mmap(P, 0, 0x90000000u, RW, ANONP | MM_MAP_LAZY, MM_NOFD, 0, &a), -ENOMEM);
    cr_expect_eq(mm_mmap(P, 0, 0x10000000u, RW, ANONP, MM_NOFD, 0, &a), -ENOMEM);  /* > RAM */
    cr_expect_str_not_empty(mm_last_reason(P));
}

Test(memmgr_vm, anon_ptes_and_munmap)
{
    uint32_t a;
    uint64_t f0 = fr.nfree;
    cr_assert_eq(mm_mmap(P, 0, 3 * PG + 5, RW, ANONP, MM_NOFD, 0, &a), 0);
    cr_expect_eq(a, MM_MMAP_BASE);
    for (unsigned i = 0; i < 4; i++) {
        struct pt_walk w = walk(a + i * PG);
        cr_assert_eq(w.status, PTW_OK);
        cr_expect_eq(w.d.uprot & (PT_R | PT_W), PT_R | PT_W);
        cr_expect_eq(word_at(a + i * PG), 0);
    }
    cr_expect_not(mapped(a + 4 * PG));
    struct mm_map_info mi;
    cr_assert_eq(mm_lookup(P, a + PG, &mi), 0);
    cr_expect_eq(mi.start, a);
    cr_expect_eq(mi.len, 4 * PG);
    cr_expect_eq(mi.fd_hint, -1);
    cr_expect_eq(mm_lookup(P, a + 4 * PG, &mi), -ENOENT);
    cr_expect_eq(mm_munmap(P, a + 1, PG), -EINVAL);
    cr_expect_eq(mm_munmap(P, a, 0), -EINVAL);
    cr_expect_eq(mm_munmap(P, 0, PG), -EINVAL);
    cr_expect_eq(mm_munmap(P, 0x7FFFF000, 2 * PG), -EINVAL);
    cr_expect_eq(mm_munmap(P, 0x10000000, PG), 0);        /* nothing there: fine */
    cr_assert_eq(mm_munmap(P, a, 4 * PG), 0);
    for (unsigned i = 0; i < 4; i++)
        cr_expect_not(mapped(a + i * PG));
    cr_expect_eq(nmaps(), 0);
    cr_expect_eq(fr.nfree, f0 - 1, "only the L2 table stays");
}

Test(memmgr_vm, munmap_splits)
{
    uint32_t a;
    cr_assert_eq(mm_mmap(P, 0, 8 * PG, RW, ANONP, MM_NOFD, 0, &a), 0);
    uint64_t f0 = fr.nfree;
    cr_assert_eq(mm_munmap(P, a + 2 * PG, 3 * PG), 0);
    cr_expect_eq(nmaps(), 2);
    cr_expect_eq(fr.nfree, f0 + 3);
    for (unsigned i = 0; i < 8; i++)
        cr_expect_eq(mapped(a + i * PG), i < 2 || i >= 5, "page %u", i);
    struct mm_map_info mi;
    cr_assert_eq(mm_lookup(P, a + 6 * PG, &mi), 0);
    cr_expect_eq(mi.start, a + 5 * PG);
    cr_expect_eq(mi.objoff, 5 * PG);
    /* an unmap over a hole and both pieces */
    cr_assert_eq(mm_munmap(P, a + PG, 6 * PG), 0);
    cr_expect_eq(nmaps(), 2);
    cr_expect(mapped(a));
    cr_expect(mapped(a + 7 * PG));
    cr_expect_not(mapped(a + 6 * PG));
}

Test(memmgr_vm, placement_hint_and_offset)
{
    uint32_t a, b, c, d;
    int fd = shm_obj("/h", 4);
    cr_assert_eq(mm_mmap(P, 0x20000000, PG, RW, ANONP, MM_NOFD, 0, &a), 0);
    cr_expect_eq(a, 0x20000000);                         /* free hint is used */
    cr_assert_eq(mm_mmap(P, 0x20000000, PG, RW, ANONP, MM_NOFD, 0, &b), 0);
    cr_expect_eq(b, MM_MMAP_BASE);                       /* taken: first fit */
    cr_assert_eq(mm_mmap(P, 0, 2 * PG, MM_PROT_READ, MM_MAP_SHARED, fd, PG + 0x123, &c), 0);
    cr_expect_eq(c & 0xFFF, 0x123, "in-page offset of off is kept");
    cr_expect_eq(word_at(c & ~0xFFFu), 2);
    cr_expect_eq(word_at((c & ~0xFFFu) + PG), 3);
    cr_assert_eq(mm_mmap(P, 0x30000123, 2 * PG, MM_PROT_READ, MM_MAP_SHARED | MM_MAP_FIXED,
                         fd, 0x123, &d), 0);
    cr_expect_eq(d, 0x30000123);
    cr_expect_eq(word_at(0x30000000), 1);
    cr_expect(mapped(0x30002000), "0x123 + 2 pages spans a third page");
    struct mm_map_info mi;
    cr_assert_eq(mm_lookup(P, d, &mi), 0);
    cr_expect_eq(mi.fd_hint, fd);
    cr_expect_eq(mi.len, 3 * PG);
}

Test(memmgr_vm, fixed_replaces)
{
    uint32_t a, b;
    cr_assert_eq(mm_mmap(P, 0, 4 * PG, RW, ANONP, MM_NOFD, 0, &a), 0);
    paddr_t old = walk(a + PG).pa;
    cr_assert_eq(mm_mmap(P, a + PG, PG, MM_PROT_READ, ANONP | MM_MAP_FIXED, MM_NOFD, 0, &b), 0);
    cr_expect_eq(b, a + PG);
    cr_expect_eq(nmaps(), 3);
    struct pt_walk w = walk(a + PG);
    cr_assert_eq(w.status, PTW_OK);
    cr_expect_eq(w.d.uprot & PT_W, 0);
    (void)old;
}

Test(memmgr_vm, loader_reserve_then_fixed)
{
    uint32_t r, a, b;
    uint64_t f0 = fr.nfree;
    cr_assert_eq(mm_mmap(P, 0x00100000, 0x00400000, MM_PROT_NONE, ANONP | MM_MAP_LAZY,
                         MM_NOFD, 0, &r), 0);
    cr_expect_eq(r, 0x00100000);
    cr_expect_eq(fr.nfree, f0, "a reservation allocates nothing");
    cr_expect_eq(mm_fault(P, r + 0x5000, PT_R), MMF_PROTECTION);
    cr_assert_eq(mm_mmap(P, r, 0x3000, MM_PROT_READ | MM_PROT_EXEC, ANONP | MM_MAP_FIXED,
                         MM_NOFD, 0, &a), 0);
    cr_assert_eq(mm_mmap(P, r + 0x10000, 0x2000, RW, ANONP | MM_MAP_FIXED | MM_MAP_LAZY,
                         MM_NOFD, 0, &b), 0);
    cr_expect_eq(a, r);
    cr_expect_eq(b, r + 0x10000);
    struct pt_walk w = walk(r + 0x2000);
    cr_assert_eq(w.status, PTW_OK);
    cr_expect(w.d.uprot & PT_X);
    cr_expect_not(mapped(r + 0x3000));
    cr_expect_not(mapped(r + 0x10000));
    cr_expect_eq(mm_fault(P, r + 0x3000, PT_R), MMF_PROTECTION);
    cr_expect_eq(mm_fault(P, r + 0x10004, PT_W), MMF_RESOLVED);
    cr_expect(mapped(r + 0x10000));
    cr_expect_eq(word_at(r + 0x10000), 0);
    cr_expect_eq(nmaps(), 4);    /* text | reserved | data | reserved */
    cr_assert_eq(mm_munmap(P, r, 0x00400000), 0);
    cr_expect_eq(nmaps(), 0);
    cr_expect_not(mapped(r));
}

Test(memmgr_vm, mprotect)
{
    uint32_t a, s;
    cr_assert_eq(mm_mmap(P, 0, 4 * PG, RW, ANONP, MM_NOFD, 0, &a), 0);
    cr_expect_eq(mm_mprotect(P, a + 1, PG, MM_PROT_READ), -EINVAL);
    cr_expect_eq(mm_mprotect(P, a, PG, 0x1000), -EINVAL);
    cr_expect_eq(mm_mprotect(P, a, 5 * PG, MM_PROT_READ), -ENOMEM);
    cr_expect_eq(mm_mprotect(P, 0x10000000, PG, MM_PROT_READ), -ENOMEM);
    cr_assert_eq(mm_mprotect(P, a + PG, 2 * PG, MM_PROT_READ), 0);
    cr_expect_eq(nmaps(), 3);
    cr_expect_eq(walk(a).d.uprot & PT_W, PT_W);
    cr_expect_eq(walk(a + PG).d.uprot & (PT_R | PT_W), PT_R);
    cr_expect_eq(walk(a + 3 * PG).d.uprot & PT_W, PT_W);
    cr_expect_eq(mm_fault(P, a + PG, PT_W), MMF_PROTECTION);
    cr_assert_eq(mm_mprotect(P, a, 4 * PG, MM_PROT_NONE), 0);
    for (unsigned i = 0; i < 4; i++)
        cr_expect_not(mapped(a + i * PG));
    cr_assert_eq(mm_mprotect(P, a, 4 * PG, RW), 0);
    cr_expect_eq(word_at(a + 2 * PG), 0, "frames kept under PROT_NONE");
    /* MAP_SHARED of an O_RDONLY fd can never become writable */
    int fd = shm_obj("/p", 2);
    int ro = mm_shm_open(P, "/p", MM_O_RDONLY, 0);
    cr_assert_eq(mm_mmap(P, 0, 2 * PG, MM_PROT_READ, MM_MAP_SHARED, ro, 0, &s), 0);
    cr_expect_eq(mm_mprotect(P, s, 2 * PG, RW), -EACCES);
    cr_expect_eq(mm_mprotect(P, s, 2 * PG, MM_PROT_READ | MM_PROT_EXEC), 0);
    (void)fd;
}

/* msync hook recorder. */
struct synced { int calls; uint32_t va, len; int flags; };
static void on_sync(void *ctx, struct mm_proc *p, uint32_t va, uint32_t len, int flags)
{
    struct synced *s = ctx;
    (void)p;
    s->calls++;
    s->va = va;
    s->len = len;
    s->flags = flags;
}

Test(memmgr_vm, msync)
{
    uint32_t a;
    struct synced s = { 0 };
    mm_set_cache_hook(mm, on_sync, &s);
    cr_assert_eq(mm_mmap(P, 0, 4 * PG, RW, ANONP, MM_NOFD, 0, &a), 0);
    cr_expect_eq(mm_msync(P, a + 4, PG, MM_MS_SYNC), -EINVAL);
    cr_expect_eq(mm_msync(P, a, PG, 8), -EINVAL);
    cr_expect_eq(mm_msync(P, a, PG, MM_MS_SYNC | MM_MS_ASYNC), -EINVAL);
    cr_expect_eq(mm_msync(P, a, 5 * PG, MM_MS_SYNC), -ENOMEM);
    cr_expect_eq(s.calls, 0);
    cr_expect_eq(mm_msync(P, a + PG, PG + 1, MM_MS_SYNC | MM_MS_INVALIDATE), 0);
    cr_expect_eq(s.calls, 1);
    cr_expect_eq(s.va, a + PG);
    cr_expect_eq(s.len, 2 * PG);
    cr_expect_eq(s.flags, MM_MS_SYNC | MM_MS_INVALIDATE);
    cr_expect_eq(mm_msync(P, a, PG, MM_MS_ASYNC), 0);
    cr_expect_eq(s.calls, 2);
}

Test(memmgr_vm, mem_offset)
{
    uint32_t a, l, c, f;
    uint64_t off;
    cr_assert_eq(mm_mmap(P, 0, 8 * PG, RW, ANONP | MM_MAP_PHYS, MM_NOFD, 0, &a), 0);
    cr_expect_eq(mm_mem_offset(P, a, 3, PG, &off, &c), -ENODEV);
    cr_expect_eq(mm_mem_offset(P, 0x10000000, MM_NOFD, PG, &off, &c), -EACCES);
    cr_assert_eq(mm_mem_offset(P, a + 0x1234, MM_NOFD, 0x100000, &off, &c), 0);
    cr_expect_eq(off, walk(a + PG).pa + 0x234);
    cr_expect_eq(c, 8 * PG - 0x1234, "contiguous to the end of the mapping");
    cr_assert_eq(mm_mem_offset(P, a + 0x1234, MM_NOFD, 100, &off, &c), 0);
    cr_expect_eq(c, 100, "capped at len");
    cr_assert_eq(mm_mmap(P, 0, 2 * PG, RW, ANONP | MM_MAP_LAZY, MM_NOFD, 0, &l), 0);
    cr_expect_eq(mm_mem_offset(P, l, MM_NOFD, PG, &off, &c), -EACCES, "lazy, untouched");
    cr_assert_eq(mm_fault(P, l, PT_R), MMF_RESOLVED);
    cr_expect_eq(mm_mem_offset(P, l, MM_NOFD, PG, &off, &c), 0);
    /* fragmented RAM: a page-by-page eager mapping is not contiguous */
    frames_fragment(&fr, 3);
    cr_assert_eq(mm_mmap(P, 0, 32 * PG, RW, ANONP, MM_NOFD, 0, &f), 0);
    cr_assert_eq(mm_mem_offset(P, f, MM_NOFD, 32 * PG, &off, &c), 0);
    cr_expect_lt(c, 32 * PG);
    for (uint32_t o = PG; o < c; o += PG)
        cr_expect_eq(walk(f + o).pa, off + o, "contiguous inside the run");
    cr_expect_neq(walk(f + c).pa, walk(f + c - PG).pa + PG, "run ends where RAM jumps");
    /* a PROT_NONE page is still mapped and resident for mem_offset */
    uint64_t before;
    cr_assert_eq(mm_mem_offset(P, a, MM_NOFD, PG, &before, &c), 0);
    cr_assert_eq(mm_mprotect(P, a, PG, MM_PROT_NONE), 0);
    cr_expect_eq(mm_mem_offset(P, a, MM_NOFD, PG, &off, &c), 0);
    cr_expect_eq(off, before);
}

Test(memmgr_vm, map_phys)
{
    uint32_t a;
    struct mm_proc *U = mm_proc_create(mm, 2, false);
    cr_expect_eq(mm_mmap(P, 0, PG, RW, MM_MAP_SHARED | MM_MAP_PHYS, MM_NOFD, DEV + 1, &a), -EINVAL);
    cr_expect_eq(mm_mmap(U, 0, PG, RW, MM_MAP_SHARED | MM_MAP_PHYS, MM_NOFD, DEV, &a), -EPERM);
    cr_expect_eq(mm_mmap(P, 0, PG, RW, MM_MAP_SHARED | MM_MAP_PHYS, MM_NOFD, 0xB0000000u, &a), -EINVAL);
    cr_expect_eq(mm_mmap(P, 0, 0x11000, RW, MM_MAP_SHARED | MM_MAP_PHYS, MM_NOFD, DEV, &a), -EINVAL);
    cr_assert_eq(mm_mmap(P, 0, 2 * PG, RW | MM_PROT_NOCACHE, MM_MAP_SHARED | MM_MAP_PHYS,
                         MM_NOFD, DEV + PG, &a), 0);
    struct pt_walk w = walk(a + PG);
    cr_assert_eq(w.status, PTW_OK);
    cr_expect_eq(w.pa, DEV + 2 * PG);
    cr_expect_neq(w.d.memtype, MT_NORMAL);
    uint64_t f0 = fr.nfree;
    cr_assert_eq(mm_munmap(P, a, 2 * PG), 0);
    cr_expect_eq(fr.nfree, f0, "physical windows own no frames");
    mm_proc_destroy(U);
}

Test(memmgr_vm, cow_private_file_mapping)
{
    int fd = shm_obj("/cow", 3);
    uint32_t a, s;
    cr_assert_eq(mm_mmap(P, 0, 3 * PG, RW, MM_MAP_PRIVATE, fd, 0, &a), 0);
    cr_assert_eq(mm_mmap(P, 0, 3 * PG, RW, MM_MAP_SHARED, fd, 0, &s), 0);
    struct pt_walk w = walk(a + PG), ws = walk(s + PG);
    cr_assert_eq(w.status, PTW_OK);
    cr_expect_eq(w.pa, ws.pa, "reads see the object");
    cr_expect_eq(w.d.uprot & (PT_R | PT_W), PT_R, "COW pages start read-only");
    cr_expect_eq(ws.d.uprot & PT_W, PT_W);
    cr_expect_eq(mm_fault(P, a + PG + 8, PT_W), MMF_RESOLVED);
    w = walk(a + PG);
    cr_expect_neq(w.pa, ws.pa);
    cr_expect_eq(w.d.uprot & PT_W, PT_W);
    cr_expect_eq(word_at(a + PG), 2, "the copy holds the object's data");
    uint32_t v = 99;
    phys_write(&ph, w.pa, &v, 4);
    cr_expect_eq(word_at(s + PG), 2, "the object is untouched");
    cr_expect_eq(word_at(a), 1);
    /* mprotect keeps uncopied pages read-only */
    cr_assert_eq(mm_mprotect(P, a, 3 * PG, RW | MM_PROT_EXEC), 0);
    cr_expect_eq(walk(a).d.uprot & PT_W, 0);
    cr_expect_eq(walk(a + PG).d.uprot & PT_W, PT_W);
    /* unmapping a piece frees its private copy */
    uint64_t f0 = fr.nfree;
    cr_assert_eq(mm_munmap(P, a + PG, PG), 0);
    cr_expect_eq(fr.nfree, f0 + 1);
}

Test(memmgr_vm, lazy_and_faults)
{
    uint32_t a;
    uint64_t f0 = fr.nfree;
    cr_assert_eq(mm_mmap(P, 0, 16 * PG, RW, ANONP | MM_MAP_LAZY, MM_NOFD, 0, &a), 0);
    cr_expect_eq(fr.nfree, f0);
    cr_expect_not(mapped(a));
    cr_expect_eq(mm_fault(P, a - PG, PT_R), MMF_UNMAPPED);
    cr_expect_eq(mm_fault(P, a + 3 * PG + 7, PT_R), MMF_RESOLVED);
    cr_expect(mapped(a + 3 * PG));
    cr_expect_eq(word_at(a + 3 * PG), 0);
    cr_expect_eq(mm_fault(P, a + 3 * PG, PT_X), MMF_PROTECTION);
    /* a page that is already mapped and allowed resolves at once */
    cr_expect_eq(mm_fault(P, a + 3 * PG, PT_W), MMF_RESOLVED);
    cr_expect_eq(fr.nfree, f0 - 2, "one frame + one L2 table");
    /* out of frames */
    static paddr_t runs[RAM / PG];
    static uint64_t lens[RAM / PG];
    size_t nr = 0;
    while (fr.nfree && frames_alloc_run(&fr, fr.nfree, &runs[nr], &lens[nr]) == 0)
        nr++;
    cr_expect_eq(mm_fault(P, a, PT_R), MMF_NOMEM);
    uint32_t b;
    cr_expect_eq(mm_mmap(P, 0, PG, RW, ANONP, MM_NOFD, 0, &b), -ENOMEM);
    cr_expect_eq(mm_mmap(P, 0, PG, RW, ANONP | MM_MAP_PHYS, MM_NOFD, 0, &b), -ENOMEM);
    while (nr--)
        frames_free(&fr, runs[nr], lens[nr]);
    cr_expect_eq(mm_fault(P, a, PT_R), MMF_RESOLVED);
}

Test(memmgr_vm, sigbus_past_end)
{
    int fd = shm_obj("/short", 1);
    uint32_t a;
    cr_assert_eq(mm_mmap(P, 0, 4 * PG, RW, MM_MAP_SHARED, fd, 0, &a), 0);
    cr_expect(mapped(a));
    cr_expect_not(mapped(a + PG));
    cr_expect_eq(mm_fault(P, a + PG, PT_R), MMF_PAST_END);
    cr_expect_eq(mm_fault(P, a + 3 * PG, PT_W), MMF_PAST_END);
    cr_assert_eq(mm_ftruncate(P, fd, 2 * PG), 0);
    cr_expect_eq(mm_fault(P, a + PG, PT_R), MMF_RESOLVED);
    cr_expect_eq(mm_fault(P, a + 2 * PG, PT_R), MMF_PAST_END);
    /* private view: past end too */
    uint32_t p;
    cr_assert_eq(mm_mmap(P, 0, 4 * PG, RW, MM_MAP_PRIVATE, fd, 0, &p), 0);
    cr_expect_eq(mm_fault(P, p + 3 * PG, PT_W), MMF_PAST_END);
    cr_expect_eq(mm_fault(P, p + PG, PT_W), MMF_RESOLVED);
    cr_assert_eq(mm_ftruncate(P, fd, PG), 0);
    cr_expect_not(mapped(p + PG), "private copies past the end go too");
    cr_expect_not(mapped(a + PG));
    cr_expect_eq(mm_fault(P, p + PG, PT_R), MMF_PAST_END);
}

Test(memmgr_vm, shared_anon_and_destroy)
{
    struct mm_proc *Q = mm_proc_create(mm, 2, true);
    uint32_t a;
    int fd = mm_shm_open(Q, "/x", MM_O_RDWR | MM_O_CREAT, 0600);
    cr_assert_eq(mm_ftruncate(Q, fd, 4 * PG), 0);
    cr_assert_eq(mm_mmap(Q, 0, 4 * PG, RW, MM_MAP_SHARED, fd, 0, &a), 0);
    cr_assert_eq(mm_mmap(Q, 0, 4 * PG, RW, MM_MAP_SHARED | MM_MAP_ANON, MM_NOFD, 0, &a), 0);
    cr_assert_eq(mm_mmap(Q, 0, 4 * PG, RW, ANONP | MM_MAP_LAZY, MM_NOFD, 0, &a), 0);
    cr_expect_eq(mm_fault(Q, a, PT_W), MMF_RESOLVED);
    mm_shm_unlink(Q, "/x");
    mm_proc_destroy(Q);   /* teardown checks that every frame came back */
}

/* Model of one page of the window used by the random test. */
struct mpage { bool mapped, resident; int prot; uint32_t word; };

/* Check every page of the window against the model. */
static void check_window(uint32_t base, const struct mpage *m, unsigned n, int step)
{
    for (unsigned i = 0; i < n; i++) {
        uint32_t va = base + i * PG;
        struct pt_walk w = walk(va);
        bool readable = m[i].mapped && (m[i].prot & RW);
        bool present = readable && m[i].resident;
        cr_assert_eq(w.status == PTW_OK, present, "step %d page %u", step, i);
        if (!m[i].mapped)
            cr_assert_eq(mm_fault(P, va, PT_R), MMF_UNMAPPED, "step %d page %u", step, i);
        else if (!readable)
            cr_assert_eq(mm_fault(P, va, PT_R), MMF_PROTECTION, "step %d page %u", step, i);
        if (!present)
            continue;
        cr_assert_eq(!!(w.d.uprot & PT_W), !!(m[i].prot & MM_PROT_WRITE), "step %d page %u", step, i);
        uint32_t v;
        phys_read(&ph, w.pa, &v, 4);
        cr_assert_eq(v, m[i].word, "step %d page %u", step, i);
    }
}

Test(memmgr_vm, random_ops_against_a_model)
{
    enum { N = 48 };
    const uint32_t base = 0x10000000;
    static const int prots[] = { MM_PROT_NONE, MM_PROT_READ, RW };
    struct mpage m[N] = { 0 };
    uint64_t x = 0x9E3779B97F4A7C15ull;
    uint32_t tag = 1;
    for (int step = 0; step < 3000; step++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        unsigned s = x % N, n = 1 + (x >> 8) % (N - s), op = (x >> 20) % 4;
        int prot = prots[(x >> 24) % 3];
        uint32_t va = base + s * PG, out;
        if (op == 0) {
            bool lazy = (x >> 28) & 1;
            cr_assert_eq(mm_mmap(P, va, n * PG, prot, ANONP | MM_MAP_FIXED | (lazy ? MM_MAP_LAZY : 0),
                                 MM_NOFD, 0, &out), 0);
            for (unsigned i = s; i < s + n; i++)
                m[i] = (struct mpage){ true, !lazy, prot, 0 };
        } else if (op == 1) {
            cr_assert_eq(mm_munmap(P, va, n * PG), 0);
            for (unsigned i = s; i < s + n; i++)
                m[i].mapped = false;
        } else if (op == 2) {
            bool all = true;
            for (unsigned i = s; i < s + n; i++)
                all &= m[i].mapped;
            cr_assert_eq(mm_mprotect(P, va, n * PG, prot), all ? 0 : -ENOMEM, "step %d", step);
            for (unsigned i = s; all && i < s + n; i++)
                m[i].prot = prot;
        } else if (m[s].mapped && (m[s].prot & MM_PROT_WRITE)) {
            struct pt_walk w = walk(va);
            if (w.status != PTW_OK)
                cr_assert_eq(mm_fault(P, va, PT_W), MMF_RESOLVED, "step %d", step);
            m[s].resident = true;
            m[s].word = tag;
            phys_write(&ph, walk(va).pa, &tag, 4);
            tag++;
        }
        check_window(base, m, N, step);
    }
    cr_assert_eq(mm_munmap(P, base, N * PG), 0);
    cr_expect_eq(nmaps(), 0);
}
