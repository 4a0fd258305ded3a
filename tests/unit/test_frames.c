/* test_frames.c - the deterministic frame allocator. */
#include <criterion/criterion.h>
#include <errno.h>
#include <time.h>

#include "mmsim/frames.h"

#define MiB (1ull << 20)
#define GiB (1ull << 30)
#define PG  4096ull

static struct phys P;
static struct frames F;

/* Fresh RAM of `size` bytes and its allocator. */
static void setup_size(uint64_t size)
{
    cr_assert_eq(phys_init(&P, size), 0);
    cr_assert_eq(frames_init(&F, &P), 0);
}

static void setup64(void) { setup_size(64 * MiB); }
static void setup1(void) { setup_size(1 * MiB); }
static void setup2g(void) { setup_size(2 * GiB); }
static void teardown(void)
{
    frames_fini(&F);
    phys_fini(&P);
}

TestSuite(frames, .init = setup64, .fini = teardown);

Test(frames, init_reserves_frame0)
{
    cr_expect_eq(F.nframes, 64 * MiB / PG);
    cr_expect_eq(F.nfree, F.nframes - 1);
    cr_expect(frames_in_use(&F, 0));
    cr_expect_not(frames_in_use(&F, PG));
    cr_expect_not(frames_in_use(&F, 64 * MiB), "outside RAM is not a frame");
    frames_free(&F, 0, 1);
    cr_expect(frames_in_use(&F, 0), "frame 0 can never be freed");
    cr_expect_eq(F.nfree, F.nframes - 1);
}

Test(frames, lowest_first)
{
    paddr_t pa;
    uint64_t n;
    cr_assert_eq(frames_alloc_run(&F, 1, &pa, &n), 0);
    cr_expect_eq(pa, PG);
    cr_expect_eq(n, 1);
    cr_assert_eq(frames_alloc_run(&F, 3, &pa, &n), 0);
    cr_expect_eq(pa, 2 * PG);
    cr_expect_eq(n, 3);
    frames_free(&F, 2 * PG, 1);
    cr_assert_eq(frames_alloc_run(&F, 10, &pa, &n), 0);
    cr_expect_eq(pa, 2 * PG);
    cr_expect_eq(n, 1, "run stops at the next used frame");
    cr_expect_eq(F.nfree, F.nframes - 1 - 4);
    cr_expect_eq(frames_alloc_run(&F, 0, &pa, &n), -EINVAL);
}

Test(frames, contig_alignment)
{
    paddr_t pa, a;
    uint64_t n;
    cr_assert_eq(frames_alloc_contig(&F, 4, 4, &pa), 0);
    cr_expect_eq(pa, 4 * PG, "frame 0 reserved, so the first 4-aligned run is at 4");
    cr_assert_eq(frames_alloc_run(&F, 1, &a, &n), 0);
    cr_expect_eq(a, PG, "frames 1-3 are still free");
    cr_assert_eq(frames_alloc_contig(&F, 1, 16, &pa), 0);
    cr_expect_eq(pa, 16 * PG);
    cr_assert_eq(frames_alloc_contig(&F, 8, 1, &pa), 0);
    cr_expect_eq(pa, 8 * PG);
    cr_expect_eq(frames_alloc_contig(&F, 0, 1, &pa), -EINVAL);
    cr_expect_eq(frames_alloc_contig(&F, 1, 3, &pa), -EINVAL);
    cr_expect_eq(frames_alloc_contig(&F, 1, 0, &pa), -EINVAL);
    cr_expect_eq(frames_alloc_contig(&F, F.nframes, 1, &pa), -ENOMEM);
}

Test(frames, contig_skips_obstacles_across_words)
{
    paddr_t pa;
    /* Hold every 150th frame: free runs are at most 149 frames long. */
    cr_assert_eq(frames_alloc_contig(&F, F.nframes - 1, 1, &pa), 0);
    cr_expect_eq(pa, PG);
    for (uint64_t i = 0; i < F.nframes; i += 150)
        frames_free(&F, (i + 1) * PG, 149);
    cr_assert_eq(frames_alloc_contig(&F, 100, 1, &pa), 0);
    cr_expect_eq(pa, PG);
    cr_assert_eq(frames_alloc_contig(&F, 64, 64, &pa), 0);
    cr_expect_eq(pa, 192 * PG, "64..127 partly used, 128..191 holds frame 150");
    cr_assert_eq(frames_alloc_contig(&F, 140, 1, &pa), 0);
    cr_expect_eq(pa, 301 * PG);
    cr_expect_eq(frames_alloc_contig(&F, 150, 1, &pa), -ENOMEM);
}

Test(frames_sized, exhaustion_and_recovery, .init = setup1, .fini = teardown)
{
    paddr_t pa;
    uint64_t n, got = 0;
    while (frames_alloc_run(&F, 7, &pa, &n) == 0)
        got += n;
    cr_expect_eq(got, 255);
    cr_expect_eq(F.nfree, 0);
    cr_expect_eq(frames_alloc_run(&F, 1, &pa, &n), -ENOMEM);
    cr_expect_eq(frames_alloc_contig(&F, 1, 1, &pa), -ENOMEM);
    frames_free(&F, 100 * PG, 3);
    cr_expect_eq(F.nfree, 3);
    cr_expect_eq(frames_alloc_contig(&F, 4, 1, &pa), -ENOMEM);
    cr_assert_eq(frames_alloc_contig(&F, 2, 2, &pa), 0);
    cr_expect_eq(pa, 100 * PG);
    cr_assert_eq(frames_alloc_run(&F, 8, &pa, &n), 0);
    cr_expect_eq(pa, 102 * PG);
    cr_expect_eq(n, 1);
    cr_expect_eq(frames_alloc_run(&F, 1, &pa, &n), -ENOMEM);
    /* double free does not inflate nfree */
    frames_free(&F, 50 * PG, 1);
    frames_free(&F, 50 * PG, 1);
    cr_expect_eq(F.nfree, 1);
}

/* Collect up to `want` frames with repeated frames_alloc_run; returns the
 * number of runs and stores run starts in starts[]. */
static int gather(uint64_t want, paddr_t *starts, uint64_t *lens)
{
    int runs = 0;
    while (want) {
        paddr_t pa;
        uint64_t n;
        cr_assert_eq(frames_alloc_run(&F, want, &pa, &n), 0);
        starts[runs] = pa;
        lens[runs++] = n;
        want -= n;
    }
    return runs;
}

Test(frames, fragment_shape)
{
    uint64_t before = F.nfree;
    frames_fragment(&F, 12345);
    cr_expect_gt(F.frag_frames, 0);
    cr_expect_eq(F.nfree, before - F.frag_frames);
    /* lower half: free runs 1..7 separated by held runs 1..3 */
    uint64_t half = F.nframes / 2, i = 1;
    while (i < half) {
        uint64_t start = i;
        while (i < half && !frames_in_use(&F, i * PG))
            i++;
        if (i >= half)
            break;
        cr_assert(i - start >= 1 && i - start <= 7, "free run of %llu at %llu",
                  (unsigned long long)(i - start), (unsigned long long)start);
        start = i;
        while (i < half && frames_in_use(&F, i * PG))
            i++;
        if (i >= half)
            break;
        cr_assert(i - start >= 1 && i - start <= 3, "held run of %llu at %llu",
                  (unsigned long long)(i - start), (unsigned long long)start);
    }
    /* upper half untouched */
    for (uint64_t j = half; j < F.nframes; j++)
        cr_assert_not(frames_in_use(&F, j * PG));
}

Test(frames, fragmented_requests)
{
    frames_fragment(&F, 7);
    paddr_t starts[8];
    uint64_t lens[8];
    int runs = gather(8, starts, lens);
    cr_expect_geq(runs, 2, "8 pages landed in %d run(s)", runs);
    for (int r = 0; r < runs; r++)
        cr_expect_lt(starts[r], 32 * MiB, "from the fragmented lower half");
    paddr_t pa;
    cr_assert_eq(frames_alloc_contig(&F, 8, 1, &pa), 0);
    for (uint64_t k = 0; k < 8; k++)
        cr_expect(frames_in_use(&F, pa + k * PG));
}

Test(frames, same_seed_same_frames)
{
    paddr_t s1[64], s2[64], c1, c2;
    uint64_t l1[64], l2[64];
    frames_fragment(&F, 99);
    int r1 = gather(40, s1, l1);
    cr_assert_eq(frames_alloc_contig(&F, 16, 1, &c1), 0);
    uint64_t frag1 = F.frag_frames;
    teardown();
    setup64();
    frames_fragment(&F, 99);
    int r2 = gather(40, s2, l2);
    cr_assert_eq(frames_alloc_contig(&F, 16, 1, &c2), 0);
    cr_expect_eq(F.frag_frames, frag1);
    cr_assert_eq(r1, r2);
    for (int r = 0; r < r1; r++) {
        cr_expect_eq(s1[r], s2[r]);
        cr_expect_eq(l1[r], l2[r]);
    }
    cr_expect_eq(c1, c2);
    /* another seed gives another layout */
    teardown();
    setup64();
    frames_fragment(&F, 100);
    int r3 = gather(40, s2, l2);
    bool same = r3 == r1;
    for (int r = 0; same && r < r1; r++)
        same = s1[r] == s2[r] && l1[r] == l2[r];
    cr_expect_not(same);
}

Test(frames, seed_zero_works)
{
    frames_fragment(&F, 0);
    cr_expect_gt(F.frag_frames, 0);
}

Test(frames_sized, contig_fast_on_fragmented_2g, .init = setup2g, .fini = teardown)
{
    frames_fragment(&F, 1);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    paddr_t pa;
    for (int k = 0; k < 100; k++)
        cr_assert_eq(frames_alloc_contig(&F, 16, 16, &pa), 0);
    cr_expect_geq(pa, 1 * GiB, "contiguous runs come from the upper half");
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    cr_expect_lt(ms, 500.0, "100 contiguous allocations took %.1f ms", ms);
    /* a 1 GiB contiguous request cannot fit any more */
    cr_expect_eq(frames_alloc_contig(&F, GiB / PG, 1, &pa), -ENOMEM);
}

Test(frames, free_range_and_hint)
{
    paddr_t pa;
    cr_assert_eq(frames_alloc_contig(&F, 300, 1, &pa), 0);
    cr_expect_eq(pa, PG);
    frames_free(&F, 10 * PG, 200);
    cr_expect_eq(F.nfree, F.nframes - 1 - 100);
    cr_assert_eq(frames_alloc_contig(&F, 200, 1, &pa), 0);
    cr_expect_eq(pa, 10 * PG);
    frames_free(&F, 64 * MiB - PG, 10); /* clipped at the end */
    cr_expect_eq(F.nfree, F.nframes - 1 - 300);
}

/* A marked frame counts once when freed and is unmarked; freeing an
 * unmarked frame, or a marked one twice, counts nothing. */
Test(frames, marks_count_when_freed)
{
    paddr_t a, b;
    cr_assert_eq(frames_alloc_contig(&F, 1, 1, &a), 0);
    cr_assert_eq(frames_alloc_contig(&F, 1, 1, &b), 0);
    cr_expect_eq(frames_mark(&F, 70 * PG), 0, "a free frame is not marked");
    cr_expect_eq(frames_mark(&F, a + 123), 0);
    frames_free(&F, b, 1);
    cr_expect_eq(F.marked_freed, 0, "an unmarked frame counts nothing");
    frames_free(&F, a, 1);
    cr_expect_eq(F.marked_freed, 1);
    frames_free(&F, a, 1);
    cr_expect_eq(F.marked_freed, 1, "freed twice, counted once");
    paddr_t c;
    cr_assert_eq(frames_alloc_contig(&F, 1, 1, &c), 0);
    cr_expect_eq(c, a, "the frame is reused");
    frames_free(&F, c, 1);
    cr_expect_eq(F.marked_freed, 1, "the mark went with the first free");
    cr_expect_eq(frames_mark(&F, 64 * MiB), 0, "outside RAM: nothing");
}
