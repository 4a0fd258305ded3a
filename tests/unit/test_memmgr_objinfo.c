/*
 * test_memmgr_objinfo.c - _MEM_OBJ_INFO: segments against pt_walk,
 * offsets, clipping, continuation, errors, lazy gaps, and a 1 GiB object
 * in tens of thousands of fragments answered without scanning pages.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "memmgr_fixture.h"

#define RW    (MM_PROT_READ | MM_PROT_WRITE)

/* No device window; RAM pre-fragmented with a seed (0: not). */
static void setup(void) { mmfx_machine(RAM, 0, 42); }
static void setup_plain(void) { mmfx_machine(RAM, 0, 0); }
static void setup_big(void) { mmfx_machine(3ull << 30, 0, 1); }

TestSuite(memmgr_objinfo, .init = setup, .fini = mmfx_teardown);

/* A shm object populated by shm_ctl(flags, size). */
static int ctl_obj(const char *name, int flags, uint64_t size)
{
    int fd = mm_shm_open(P, name, MM_O_RDWR | MM_O_CREAT | MM_O_TRUNC, 0600);
    cr_assert_geq(fd, 0);
    cr_assert_eq(mm_shm_ctl(P, fd, flags, 0, size, false, 0), 0);
    return fd;
}

/* Segments are in order, inside [0, end), and never mergeable. */
static void check_shape(const struct mm_segment *s, long n)
{
    for (long i = 1; i < n; i++) {
        cr_assert_geq(s[i].offset, s[i - 1].offset + s[i - 1].length);
        cr_assert(s[i].offset != s[i - 1].offset + s[i - 1].length ||
                  s[i].paddr != s[i - 1].paddr + s[i - 1].length,
                  "segments %ld and %ld should have been merged", i - 1, i);
    }
}

Test(memmgr_objinfo, seed_example)
{
    uint64_t size = 8 * PG;
    int fd = ctl_obj("/myshmem", MM_SHMCTL_ANON, size);
    struct mm_segment s[8];
    long n = mm_obj_info(P, fd, 0, 0, SIZE_MAX, s, 8);
    cr_assert_gt(n, 0);
    cr_expect_eq(s[0].offset, 0);
    cr_expect_eq(s[n - 1].offset + s[n - 1].length, size, "reached the end of the object");
    check_shape(s, n);
}

Test(memmgr_objinfo, fragmented_agrees_with_page_table)
{
    const unsigned np = 256;
    int fd = ctl_obj("/frag", MM_SHMCTL_ANON, (uint64_t)np * PG);
    struct mm_segment s[300];
    long n = mm_obj_info(P, fd, 0, 0, UINT64_MAX, s, 300);
    cr_assert_gt(n, 8, "fragmented RAM must give many segments (got %ld)", n);
    check_shape(s, n);
    uint32_t a;
    cr_assert_eq(mm_mmap(P, 0, np * PG, RW, MM_MAP_SHARED, fd, 0, &a), 0);
    uint64_t covered = 0;
    for (long i = 0; i < n; i++) {
        cr_assert_eq(s[i].offset, covered, "no gaps in an eager object");
        for (uint64_t o = 0; o < s[i].length; o += PG) {
            struct pt_walk w;
            pt_walk(mm_proc_pt(P), a + (uint32_t)(s[i].offset + o), &w);
            cr_assert_eq(w.status, PTW_OK);
            cr_assert_eq(w.pa, s[i].paddr + o, "page at offset 0x%lx",
                         (unsigned long)(s[i].offset + o));
        }
        covered += s[i].length;
    }
    cr_expect_eq(covered, (uint64_t)np * PG);
}

Test(memmgr_objinfo, offset_inside_a_run_and_clipping)
{
    int fd = ctl_obj("/o", MM_SHMCTL_ANON, 256 * PG);
    struct mm_segment all[300], s[4];
    long n = mm_obj_info(P, fd, 0, 0, UINT64_MAX, all, 300);
    long k = 0;
    while (k < n && all[k].length < 2 * PG)
        k++;
    cr_assert_lt(k, n, "need a run of two pages");
    uint64_t off = all[k].offset + PG + 100;
    cr_assert_geq(mm_obj_info(P, fd, 0, off, UINT64_MAX, s, 4), 1);
    cr_expect_eq(s[0].offset, off);
    cr_expect_eq(s[0].paddr, all[k].paddr + PG + 100, "paddr includes the in-page offset");
    cr_expect_eq(s[0].length, all[k].length - PG - 100);
    /* clipped at offset + length */
    cr_assert_eq(mm_obj_info(P, fd, 0, off, 10, s, 4), 1);
    cr_expect_eq(s[0].length, 10);
    cr_assert_eq(mm_obj_info(P, fd, 0, 0, all[0].length + 10, s, 4), 2);
    cr_expect_eq(s[1].offset, all[1].offset);
    cr_expect_eq(s[1].length, 10);
    /* offset + length overflowing: to the end */
    long m = mm_obj_info(P, fd, 0, 5, UINT64_MAX - 2, all, 300);
    cr_expect_eq(all[m - 1].offset + all[m - 1].length, 256 * PG);
    cr_expect_eq(all[0].offset, 5);
}

Test(memmgr_objinfo, max_and_continuation)
{
    int fd = ctl_obj("/c", MM_SHMCTL_ANON, 255 * PG + 100);   /* rounded to 256 pages */
    struct mm_segment all[300], s[3];
    long n = mm_obj_info(P, fd, 0, 0, UINT64_MAX, all, 300);
    cr_assert_gt(n, 6);
    cr_expect_eq(all[n - 1].offset + all[n - 1].length, 256 * PG, "the whole last page");
    cr_expect_eq(mm_obj_info(P, fd, 0, 0, UINT64_MAX, s, 0), 0);
    long got = 0;
    uint64_t off = 0;
    for (;;) {
        long r = mm_obj_info(P, fd, 0, off, UINT64_MAX, s, 2);
        cr_assert_geq(r, 1);
        cr_assert_leq(r, 2);
        for (long i = 0; i < r; i++, got++) {
            cr_assert_eq(s[i].offset, all[got].offset);
            cr_assert_eq(s[i].paddr, all[got].paddr);
            cr_assert_eq(s[i].length, all[got].length);
        }
        off = s[r - 1].offset + s[r - 1].length;
        if (off == 256 * PG)
            break;
    }
    cr_expect_eq(got, n);
}

Test(memmgr_objinfo, errors)
{
    struct mm_segment s[2];
    int fd = ctl_obj("/e", MM_SHMCTL_ANON, 4 * PG);
    cr_expect_eq(mm_obj_info(P, 40, 0, 0, UINT64_MAX, s, 2), -EBADF);
    cr_expect_eq(mm_obj_info(P, -1, 0, 0, UINT64_MAX, s, 0), -EBADF);
    cr_expect_eq(mm_obj_info(P, 1, 0, 0, UINT64_MAX, s, 2), -EINVAL);
    cr_expect_eq(mm_obj_info(P, fd, 1, 0, UINT64_MAX, s, 2), -EINVAL);
    cr_expect_eq(mm_obj_info(P, fd, 0, 4 * PG, UINT64_MAX, s, 2), -EINVAL);
    cr_expect_eq(mm_obj_info(P, fd, 0, 4 * PG + 1, UINT64_MAX, s, 2), -EINVAL);
    cr_expect_eq(mm_obj_info(P, fd, 0, 4 * PG - 1, UINT64_MAX, s, 2), 1);
    int t = mm_shm_open(P, "/t", MM_O_RDWR | MM_O_CREAT, 0600);
    cr_expect_eq(mm_obj_info(P, t, 0, 0, UINT64_MAX, s, 2), -EINVAL, "empty object");
    cr_assert_eq(mm_ftruncate(P, t, 4 * PG), 0);
    cr_expect_eq(mm_obj_info(P, t, 0, 0, UINT64_MAX, s, 2), -EINVAL, "ftruncate is not shm_ctl");
    cr_expect_str_not_empty(mm_last_reason(P));
}

Test(memmgr_objinfo_plain, lazy_pages_leave_gaps, .init = setup_plain, .fini = mmfx_teardown)
{
    int fd = ctl_obj("/lz", MM_SHMCTL_ANON | MM_SHMCTL_LAZY, 8 * PG);
    uint32_t a, pad;
    /* An eager mapping first: it takes the free frames between the page
     * tables and allocates the L2 table, so later frames come in order. */
    cr_assert_eq(mm_mmap(P, 0, 16 * PG, RW, MM_MAP_PRIVATE | MM_MAP_ANON, MM_NOFD, 0, &pad), 0);
    cr_assert_eq(mm_mmap(P, 0, 8 * PG, RW, MM_MAP_SHARED, fd, 0, &a), 0);
    cr_assert_eq(mm_fault(P, a + 5 * PG, PT_R), MMF_RESOLVED);
    cr_assert_eq(mm_fault(P, a + PG, PT_W), MMF_RESOLVED);
    cr_assert_eq(mm_fault(P, a + 2 * PG, PT_R), MMF_RESOLVED);
    struct mm_segment s[4];
    cr_assert_eq(mm_obj_info(P, fd, 0, 0, UINT64_MAX, s, 4), 2);
    cr_expect_eq(s[0].offset, PG);
    cr_expect_eq(s[0].length, 2 * PG, "adjacent frames of two faults merge");
    cr_expect_eq(s[1].offset, 5 * PG);
    cr_expect_eq(s[1].length, PG);
    for (int i = 0; i < 2; i++) {
        struct pt_walk w;
        pt_walk(mm_proc_pt(P), a + (uint32_t)s[i].offset, &w);
        cr_expect_eq(w.pa, s[i].paddr);
    }
    cr_expect_eq(mm_obj_info(P, fd, 0, 3 * PG, PG, s, 4), 0, "a range inside a gap");
}

/* Monotonic nanoseconds. */
static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

Test(memmgr_objinfo_big, one_gib_in_fragments, .init = setup_big, .fini = mmfx_teardown,
     .timeout = 120)
{
    const uint64_t size = 1ull << 30;
    int fd = ctl_obj("/big", MM_SHMCTL_ANON, size);
    /* Walk it all, four segments at a time, as a DMA driver would. */
    struct mm_segment s[4];
    uint64_t off = 0, nseg = 0;
    paddr_t last_end = 0;
    while (off < size) {
        long r = mm_obj_info(P, fd, 0, off, UINT64_MAX, s, 4);
        cr_assert_gt(r, 0);
        for (long i = 0; i < r; i++) {
            cr_assert_eq(s[i].offset, off);
            cr_assert(nseg == 0 || s[i].paddr != last_end);
            off += s[i].length;
            last_end = s[i].paddr + s[i].length;
            nseg++;
        }
    }
    cr_expect_eq(off, size);
    cr_assert_gt(nseg, 20000, "the object must be badly fragmented (%lu segments)",
                 (unsigned long)nseg);
    /* max = 4 anywhere in the object: binary search + 4 segments, never a
     * scan of pages or of all segments. */
    const int calls = 20000;
    uint64_t x = 88172645463325252ull;
    double t0 = now_ns();
    for (int i = 0; i < calls; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        long r = mm_obj_info(P, fd, 0, x % size, UINT64_MAX, s, 4);
        cr_assert(r >= 1 && r <= 4);
    }
    double per_call = (now_ns() - t0) / calls;
    cr_expect_lt(per_call, 5000.0, "%.0f ns per call: not linear in segments returned", per_call);
}
