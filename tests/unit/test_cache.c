/* test_cache.c - the data-cache model (mmu/cache.c): geometry checks,
 * policies from decoded PTEs, hits/misses/LRU, write-back and
 * write-through, maintenance, DMA hazards (stale hit, lost write,
 * clobber), dcbz, prefetch, preload and determinism. */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include "mmsim/cache.h"
#include "mmsim/phys.h"
#include "mmsim/pt.h"

#define MiB (1ull << 20)

/* Small geometry for most tests: 2 ways, 4 sets, 32-byte lines, so
 * addresses SET_STRIDE apart share a set. */
#define LINE       32u
#define WAYS       2u
#define SETS       4u
#define SET_STRIDE (SETS * LINE)

#define A  0x1000ull                 /* three lines of set 0 */
#define B  (A + SET_STRIDE)
#define C3 (A + 2 * SET_STRIDE)

static struct phys R;
static struct cache *C;

/* Events seen by the callback. */
#define MAX_EV 64
static struct {
    enum cache_event ev;
    paddr_t pa;
} evs[MAX_EV];
static int nev;

static void on_event(void *ctx, enum cache_event ev, paddr_t pa)
{
    cr_assert_eq(ctx, &R, "event context must be the one given to cache_create");
    if (nev < MAX_EV) {
        evs[nev].ev = ev;
        evs[nev].pa = pa;
    }
    nev++;
}

static const struct cache_policy WB = { .cacheable = true, .write_allocate = true };
static const struct cache_policy WBC = { .cacheable = true, .write_allocate = true, .coherent = true };
static const struct cache_policy WB_NWA = { .cacheable = true };
static const struct cache_policy WT = { .cacheable = true, .write_through = true };
static const struct cache_policy NC = { 0 };

static struct cache *mk(uint32_t size, uint32_t ways, uint32_t line)
{
    struct cache_geom g = { size, ways, line };
    struct cache *c = cache_create(&g, &R, on_event, &R);
    cr_assert_not_null(c);
    return c;
}

/* 1 MiB of RAM whose byte at pa is (pa * 7 + 3) & 0xFF, and the small cache. */
static void setup(void)
{
    cr_assert_eq(phys_init(&R, MiB), 0);
    uint8_t *h = phys_host(&R, 0, MiB);
    cr_assert_not_null(h);
    for (uint64_t i = 0; i < MiB; i++)
        h[i] = (uint8_t)(i * 7 + 3);
    C = mk(WAYS * SETS * LINE, WAYS, LINE);
    nev = 0;
}

static void teardown(void)
{
    cache_destroy(C);
    phys_fini(&R);
}

TestSuite(cache, .init = setup, .fini = teardown);

/* The pattern setup() put at pa. */
static uint8_t orig(paddr_t pa)
{
    return (uint8_t)(pa * 7 + 3);
}

static uint32_t ram32(paddr_t pa)
{
    uint32_t v;
    cr_assert_eq(phys_read(&R, pa, &v, 4), 0);
    return v;
}

static uint32_t orig32(paddr_t pa)
{
    uint8_t b[4] = { orig(pa), orig(pa + 1), orig(pa + 2), orig(pa + 3) };
    uint32_t v;
    memcpy(&v, b, 4);
    return v;
}

static uint32_t rd(paddr_t pa, const struct cache_policy *pol)
{
    uint32_t v;
    cache_read(C, pa, &v, 4, pol);
    return v;
}

static void wr(paddr_t pa, uint32_t v, const struct cache_policy *pol)
{
    cache_write(C, pa, &v, 4, pol);
}

static uint32_t present(paddr_t pa)
{
    return cache_lines_present(C, pa, 1, false);
}

static uint32_t dirty(paddr_t pa)
{
    return cache_lines_present(C, pa, 1, true);
}

static void expect_stats(uint64_t hits, uint64_t misses, uint64_t evictions,
                         uint64_t writebacks, uint64_t fills)
{
    const struct cache_stats *s = cache_stats(C);
    cr_expect_eq(s->hits, hits, "hits %llu, want %llu", (unsigned long long)s->hits,
                 (unsigned long long)hits);
    cr_expect_eq(s->misses, misses, "misses %llu, want %llu", (unsigned long long)s->misses,
                 (unsigned long long)misses);
    cr_expect_eq(s->evictions, evictions, "evictions %llu, want %llu",
                 (unsigned long long)s->evictions, (unsigned long long)evictions);
    cr_expect_eq(s->writebacks, writebacks, "writebacks %llu, want %llu",
                 (unsigned long long)s->writebacks, (unsigned long long)writebacks);
    cr_expect_eq(s->fills, fills, "fills %llu, want %llu", (unsigned long long)s->fills,
                 (unsigned long long)fills);
}

static void expect_event(int i, enum cache_event ev, paddr_t pa)
{
    cr_assert_lt(i, nev);
    cr_expect_eq(evs[i].ev, ev, "event %d is %d, want %d", i, evs[i].ev, ev);
    cr_expect_eq(evs[i].pa, pa, "event %d at 0x%llx, want 0x%llx", i,
                 (unsigned long long)evs[i].pa, (unsigned long long)pa);
}

/* ---------------------------------------------------------------- */
/* Geometry                                                         */

Test(cache, default_geometries_are_valid)
{
    for (int cpu = 0; cpu < CPU_COUNT; cpu++) {
        struct cache_geom g = cache_default_geom((enum mmsim_cpu)cpu);
        const char *why = NULL;
        cr_expect_eq(cache_geom_check(&g, &why), 0, "cpu %d: %s", cpu, why ? why : "");
        cr_expect_eq(g.size % (g.ways * g.line), 0);
        struct cache *c = cache_create(&g, &R, NULL, NULL);
        cr_assert_not_null(c, "cpu %d", cpu);
        const struct cache_geom *got = cache_geom(c);
        cr_expect(got->size == g.size && got->ways == g.ways && got->line == g.line);
        /* The whole cache can be filled and read back. */
        for (paddr_t pa = 0; pa < g.size; pa += g.line)
            cache_prefetch(c, pa, &WB);
        cr_expect_eq(cache_lines_present(c, 0, g.size, false), g.size / g.line, "cpu %d", cpu);
        cr_expect_eq(cache_stats(c)->evictions, 0);
        cache_destroy(c);
    }
    /* The documented cores. */
    struct cache_geom a9 = cache_default_geom(CPU_ARMV7);
    cr_expect(a9.size == 32768 && a9.ways == 4 && a9.line == 32);
    struct cache_geom e500 = cache_default_geom(CPU_E500);
    cr_expect(e500.size == 32768 && e500.ways == 8 && e500.line == 32);
}

/* g must be refused with a reason containing `word`, and by cache_create. */
static void expect_bad(uint32_t size, uint32_t ways, uint32_t line, const char *word)
{
    struct cache_geom g = { size, ways, line };
    const char *why = NULL;
    cr_expect_eq(cache_geom_check(&g, &why), -EINVAL, "{%u,%u,%u} accepted", size, ways, line);
    cr_expect_not_null(why, "{%u,%u,%u}: no reason", size, ways, line);
    if (why)
        cr_expect_not_null(strstr(why, word), "{%u,%u,%u}: reason '%s' lacks '%s'", size,
                           ways, line, why, word);
    cr_expect_null(cache_create(&g, &R, NULL, NULL), "{%u,%u,%u} created", size, ways, line);
}

Test(cache, bad_geometries_are_refused)
{
    expect_bad(3000, 4, 32, "power");      /* size */
    expect_bad(16384, 3, 32, "power");     /* ways */
    expect_bad(16384, 4, 24, "power");     /* line */
    expect_bad(0, 4, 32, "power");
    expect_bad(16384, 0, 32, "power");
    expect_bad(16384, 4, 0, "power");
    expect_bad(16384, 4, 4, "line");       /* line < 8 */
    expect_bad(16384, 1, 8192, "line");    /* line > a page */
    expect_bad(64, 4, 32, "size");         /* smaller than ways * line */
    expect_bad(128u << 20, 4, 32, "size"); /* more than 64 MiB */
    /* ways * line beyond 32 bits must not wrap round to "fits". */
    expect_bad(4096, 1u << 30, 8, "size");
    expect_bad(4096, 1u << 31, 4096, "size");
    /* The edges are fine. */
    const char *why;
    struct cache_geom g = { 64, 8, 8 };
    cr_expect_eq(cache_geom_check(&g, &why), 0);
    g = (struct cache_geom){ 4096, 1, 4096 };
    cr_expect_eq(cache_geom_check(&g, &why), 0);
    g = (struct cache_geom){ 64u << 20, 4, 32 };
    cr_expect_eq(cache_geom_check(&g, &why), 0);
}

/* ---------------------------------------------------------------- */
/* Policy                                                           */

/* ARMv6/v7 small page, user rw, with TEX/C/B/S. */
static struct cache_policy arm_pol(unsigned tex, unsigned c, unsigned b, unsigned s)
{
    uint32_t raw = 0x002 | 0x030 | tex << 6 | c << 3 | b << 2 | s << 10;
    struct pt_decoded d;
    pt_decode(CPU_ARMV7, raw, &d);
    cr_assert(d.valid);
    return cache_policy_of(&d);
}

/* PPC 600 PTE (V set) with WIMG bits in word1. */
static struct cache_policy ppc_pol(unsigned wimg)
{
    uint64_t raw = (uint64_t)0x80000000u << 32 | 0x00123000u | wimg << 3 | 2;
    struct pt_decoded d;
    pt_decode(CPU_PPC600, raw, &d);
    cr_assert(d.valid);
    return cache_policy_of(&d);
}

static void expect_pol(struct cache_policy p, bool cacheable, bool wt, bool wa, bool coh,
                       const char *what)
{
    cr_expect_eq(p.cacheable, cacheable, "%s: cacheable", what);
    cr_expect_eq(p.write_through, wt, "%s: write_through", what);
    cr_expect_eq(p.write_allocate, wa, "%s: write_allocate", what);
    cr_expect_eq(p.coherent, coh, "%s: coherent", what);
}

Test(cache, policy_of_arm_pte)
{
    expect_pol(arm_pol(1, 1, 1, 0), true, false, true, false, "WB-WA");
    expect_pol(arm_pol(1, 1, 1, 1), true, false, true, true, "WB-WA shareable");
    expect_pol(arm_pol(0, 1, 1, 0), true, false, false, false, "WB no-WA");
    expect_pol(arm_pol(0, 1, 0, 1), true, true, false, true, "WT shareable");
    expect_pol(arm_pol(0, 1, 0, 0), true, true, false, false, "WT");
    expect_pol(arm_pol(1, 0, 0, 1), false, false, false, false, "normal non-cacheable");
    expect_pol(arm_pol(0, 0, 1, 0), false, false, false, false, "shareable device");
    expect_pol(arm_pol(2, 0, 0, 0), false, false, false, false, "non-shareable device");
    expect_pol(arm_pol(0, 0, 0, 0), false, false, false, false, "strongly ordered");
    /* TEX[2] set: inner policy from C:B, outer from TEX[1:0]. */
    expect_pol(arm_pol(4 | 0, 0, 1, 0), true, false, true, false, "inner WB-WA, outer NC");
    expect_pol(arm_pol(4 | 1, 1, 0, 0), true, true, false, false, "inner WT, outer WB-WA");
    expect_pol(arm_pol(4 | 1, 0, 0, 0), false, false, false, false, "inner NC, outer WB-WA");
}

Test(cache, policy_of_ppc_pte)
{
    enum { W = 8, I = 4, M = 2, G = 1 };
    expect_pol(ppc_pol(0), true, false, true, false, "WIMG=0000");
    expect_pol(ppc_pol(M), true, false, true, true, "M");
    expect_pol(ppc_pol(W | M), true, true, false, true, "W|M");
    expect_pol(ppc_pol(W), true, true, false, false, "W");
    expect_pol(ppc_pol(I | M), false, false, false, false, "I|M");
    expect_pol(ppc_pol(I | G), false, false, false, false, "I|G (device)");
    expect_pol(ppc_pol(G | M), true, false, true, true, "G|M (guarded, cacheable)");
}

Test(cache, policy_of_decoded_fields)
{
    struct pt_decoded d = { .valid = true, .memtype = MT_NORMAL, .inner = PC_WB_NWA,
                            .outer = PC_NONCACHEABLE };
    expect_pol(cache_policy_of(&d), true, false, false, false, "inner WB-NWA");
    d.coherent = true;
    expect_pol(cache_policy_of(&d), true, false, false, true, "coherent");
    d.memtype = MT_DEVICE;
    d.inner = PC_WB_WA;   /* a device is never cached, whatever the field says */
    expect_pol(cache_policy_of(&d), false, false, false, false, "device");
    d.memtype = MT_STRONGLY_ORDERED;
    expect_pol(cache_policy_of(&d), false, false, false, false, "strongly ordered");
}

/* ---------------------------------------------------------------- */
/* Hits, misses, replacement                                        */

Test(cache, hits_misses_and_stats)
{
    expect_stats(0, 0, 0, 0, 0);
    cr_expect_eq(rd(A, &WB), orig32(A));
    expect_stats(0, 1, 0, 0, 1);
    cr_expect_eq(present(A), 1);
    cr_expect_eq(dirty(A), 0);
    cr_expect_eq(rd(A, &WB), orig32(A));
    cr_expect_eq(rd(A + 28, &WB), orig32(A + 28));   /* same line */
    expect_stats(2, 1, 0, 0, 1);
    cr_expect_eq(rd(A + LINE, &WB), orig32(A + LINE)); /* next line, other set */
    expect_stats(2, 2, 0, 0, 2);
    wr(A + 8, 0x11223344, &WB);                     /* store hit */
    expect_stats(3, 2, 0, 0, 2);
    cr_expect_eq(rd(A + 8, &WB), 0x11223344);
    expect_stats(4, 2, 0, 0, 2);
    cr_expect_eq(nev, 0);
}

Test(cache, lru_evicts_least_recently_used)
{
    cache_destroy(C);
    C = mk(4 * 4 * LINE, 4, LINE);                  /* 4 ways, 4 sets */
    paddr_t l[6];
    for (int i = 0; i < 6; i++)
        l[i] = A + (paddr_t)i * SET_STRIDE;
    paddr_t other = A + LINE;                        /* set 1 */
    rd(other, &WB);
    for (int i = 0; i < 4; i++)
        rd(l[i], &WB);
    cr_expect_eq(cache_lines_present(C, 0, MiB, false), 5);
    rd(l[0], &WB);                                   /* re-touch the oldest */
    rd(l[4], &WB);                                   /* ways + 1: evicts l[1] */
    cr_expect_eq(present(l[1]), 0, "the LRU line must go");
    cr_expect_eq(present(l[0]), 1, "a re-touched line must survive");
    cr_expect_eq(present(l[2]) + present(l[3]) + present(l[4]), 3);
    cr_expect_eq(present(other), 1, "another set is not touched");
    cr_expect_eq(cache_stats(C)->evictions, 1);
    wr(l[2], 1, &WB);                                /* a store is a use too */
    rd(l[5], &WB);                                   /* evicts l[3] */
    cr_expect_eq(present(l[3]), 0);
    cr_expect_eq(present(l[2]), 1);
    rd(l[1], &WB);                                   /* evicts l[0] */
    cr_expect_eq(present(l[0]), 0);
    cr_expect_eq(cache_lines_present(C, A, 6 * SET_STRIDE, false), 4 + 1);
    cr_expect_eq(cache_stats(C)->evictions, 3);
    cr_expect_eq(cache_stats(C)->writebacks, 0, "l[2] is still cached");
}

Test(cache, dirty_eviction_writes_back)
{
    wr(A + 4, 0xA5A5A5A5, &WB);                      /* store miss, allocate */
    cr_expect_eq(dirty(A), 1);
    cr_expect_eq(ram32(A + 4), orig32(A + 4), "write-back: RAM untouched before eviction");
    rd(B, &WB);
    cr_expect_eq(ram32(A + 4), orig32(A + 4));
    rd(C3, &WB);                                     /* third line of a 2-way set */
    cr_expect_eq(present(A), 0);
    cr_expect_eq(ram32(A + 4), 0xA5A5A5A5, "eviction must write the dirty line back");
    cr_expect_eq(ram32(A), orig32(A), "the rest of the line is what was read");
    expect_stats(0, 3, 1, 1, 3);
    /* A clean line is evicted without a write-back. */
    rd(A, &WB);                                      /* evicts B (clean) */
    cr_expect_eq(present(B), 0);
    cr_expect_eq(cache_stats(C)->writebacks, 1);
    cr_expect_eq(rd(A + 4, &WB), 0xA5A5A5A5);
}

Test(cache, clean_writes_back_and_keeps_line)
{
    wr(A, 0xCAFEF00D, &WB);
    cache_clean(C, A, 4);
    cr_expect_eq(ram32(A), 0xCAFEF00D);
    cr_expect_eq(present(A), 1);
    cr_expect_eq(dirty(A), 0);
    expect_stats(0, 1, 0, 1, 1);
    cache_clean(C, A, 4);                            /* nothing more to do */
    cr_expect_eq(cache_stats(C)->writebacks, 1);
    cr_expect_eq(rd(A, &WB), 0xCAFEF00D);
    cr_expect_eq(cache_stats(C)->hits, 1);
}

Test(cache, invalidate_drops_dirty_data)
{
    wr(A, 0xCAFEF00D, &WB);
    cache_invalidate(C, A, 4);
    cr_expect_eq(present(A), 0);
    cr_expect_eq(ram32(A), orig32(A), "invalidate must not write back");
    cr_expect_eq(rd(A, &WB), orig32(A), "the dirty data is lost");
    expect_stats(0, 2, 0, 0, 2);
}

Test(cache, flush_writes_back_and_drops)
{
    wr(A, 0xCAFEF00D, &WB);
    wr(A + LINE, 0x12345678, &WB);
    rd(A + 2 * LINE, &WB);
    cache_flush(C, A + 1, 2 * LINE - 1);             /* first two lines only */
    cr_expect_eq(present(A) + present(A + LINE), 0);
    cr_expect_eq(present(A + 2 * LINE), 1);
    cr_expect_eq(ram32(A), 0xCAFEF00D);
    cr_expect_eq(ram32(A + LINE), 0x12345678);
    cr_expect_eq(cache_stats(C)->writebacks, 2);
    cr_expect_eq(rd(A, &WB), 0xCAFEF00D);
}

Test(cache, maintenance_longer_than_the_cache)
{
    for (paddr_t pa = 0; pa < WAYS * SETS * LINE; pa += LINE)
        wr(0x4000 + pa, (uint32_t)pa, &WB);
    cr_expect_eq(cache_lines_present(C, 0, MiB, true), WAYS * SETS);
    cache_clean(C, 0, MiB);
    cr_expect_eq(cache_lines_present(C, 0, MiB, true), 0);
    cr_expect_eq(cache_lines_present(C, 0, MiB, false), WAYS * SETS);
    for (paddr_t pa = 0; pa < WAYS * SETS * LINE; pa += LINE)
        cr_expect_eq(ram32(0x4000 + pa), (uint32_t)pa);
    cache_invalidate(C, 0x4000 + LINE, 64 * 1024);   /* all but the first line */
    cr_expect_eq(cache_lines_present(C, 0, MiB, false), 1);
    cr_expect_eq(present(0x4000), 1);
    cache_invalidate(C, 0, 0);                       /* empty range: nothing */
    cr_expect_eq(present(0x4000), 1);
}

/* ---------------------------------------------------------------- */
/* Write policies and bypass                                        */

Test(cache, write_through_updates_ram_and_never_dirties)
{
    wr(A, 0x01020304, &WT);                          /* miss: no allocate */
    cr_expect_eq(ram32(A), 0x01020304);
    cr_expect_eq(present(A), 0);
    cr_expect_eq(rd(A, &WT), 0x01020304);            /* read miss fills */
    cr_expect_eq(present(A), 1);
    wr(A, 0x05060708, &WT);                          /* hit */
    cr_expect_eq(ram32(A), 0x05060708, "write-through must reach RAM at once");
    cr_expect_eq(dirty(A), 0);
    cr_expect_eq(rd(A, &WT), 0x05060708, "and the line too");
    cache_flush(C, A, LINE);
    cr_expect_eq(cache_stats(C)->writebacks, 0);
    cr_expect_eq(ram32(A), 0x05060708);
    /* A write-through store with write_allocate still does not fill. */
    struct cache_policy wt_wa = WT;
    wt_wa.write_allocate = true;
    wr(B, 0x0A0B0C0D, &wt_wa);
    cr_expect_eq(present(B), 0);
    cr_expect_eq(ram32(B), 0x0A0B0C0D);
}

Test(cache, write_allocate_vs_no_write_allocate)
{
    wr(A, 0x11111111, &WB);
    cr_expect_eq(present(A), 1, "write-allocate fills on a store miss");
    cr_expect_eq(dirty(A), 1);
    cr_expect_eq(ram32(A), orig32(A));
    cr_expect_eq(ram32(A + 4), orig32(A + 4));
    expect_stats(0, 1, 0, 0, 1);

    wr(B, 0x22222222, &WB_NWA);
    cr_expect_eq(present(B), 0, "no-write-allocate does not fill");
    cr_expect_eq(ram32(B), 0x22222222, "the store goes to RAM");
    expect_stats(0, 2, 0, 0, 1);

    rd(B, &WB_NWA);                                  /* read miss fills */
    wr(B, 0x33333333, &WB_NWA);                      /* store hit: write-back */
    cr_expect_eq(dirty(B), 1);
    cr_expect_eq(ram32(B), 0x22222222);
    cr_expect_eq(rd(B, &WB_NWA), 0x33333333);
}

Test(cache, non_cacheable_bypasses)
{
    cr_expect_eq(rd(A, &NC), orig32(A));
    wr(A + 4, 0x44444444, &NC);
    cr_expect_eq(ram32(A + 4), 0x44444444);
    cr_expect_eq(cache_lines_present(C, 0, MiB, false), 0);
    expect_stats(0, 0, 0, 0, 0);
    /* A non-cacheable access does not see a dirty cached line. */
    wr(B, 0x55555555, &WB);
    cr_expect_eq(rd(B, &NC), orig32(B));
    wr(B + 4, 0x66666666, &NC);
    cr_expect_eq(ram32(B + 4), 0x66666666);
    cr_expect_eq(rd(B + 4, &WB), orig32(B + 4), "the line keeps its own copy");
    cache_prefetch(C, C3, &NC);
    cr_expect_eq(present(C3), 0);
    cr_expect_eq(nev, 0);
}

Test(cache, access_across_a_line_boundary)
{
    const uint8_t in[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    paddr_t pa = A + LINE - 3;
    cache_write(C, pa, in, 8, &WB);
    cr_expect_eq(cache_lines_present(C, A, 2 * LINE, true), 2);
    expect_stats(0, 2, 0, 0, 2);
    uint8_t out[8];
    cache_read(C, pa, out, 8, &WB);
    cr_expect_arr_eq(out, in, 8);
    expect_stats(2, 2, 0, 0, 2);
    cache_flush(C, A, 2 * LINE);
    uint8_t ram[12];
    cr_assert_eq(phys_read(&R, pa - 2, ram, 12), 0);
    cr_expect_eq(ram[0], orig(pa - 2));
    cr_expect_eq(ram[1], orig(pa - 1));
    cr_expect_arr_eq(ram + 2, in, 8);
    cr_expect_eq(ram[10], orig(pa + 8));
    cr_expect_eq(ram[11], orig(pa + 9));
    /* A 3-line read, one line present. */
    rd(A + LINE, &WB);
    uint8_t big[2 * LINE + 8];
    cache_read(C, A + 4, big, sizeof big, &WB);
    for (unsigned i = 0; i < sizeof big; i++) {
        paddr_t p = A + 4 + i;
        uint8_t want = p >= pa && p < pa + 8 ? in[p - pa] : orig(p);
        cr_expect_eq(big[i], want, "byte %u", i);
    }
    /* Write-through across the boundary: RAM and both lines. */
    const uint8_t in2[4] = { 9, 9, 9, 9 };
    cache_write(C, A + 2 * LINE - 2, in2, 4, &WT);
    cr_expect_eq(cache_lines_present(C, A, 3 * LINE, true), 0);
    cr_assert_eq(phys_read(&R, A + 2 * LINE - 2, ram, 4), 0);
    cr_expect_arr_eq(ram, in2, 4);
}

/* ---------------------------------------------------------------- */
/* DMA                                                              */

static void fill_buf(uint8_t *b, unsigned n, uint8_t v)
{
    memset(b, v, n);
}

Test(cache, dma_write_without_snoop_leaves_stale_line)
{
    rd(A, &WB);
    uint8_t d[LINE];
    fill_buf(d, LINE, 0xD0);
    cache_dma_write(C, A, d, LINE, false);
    cr_expect_eq(ram32(A), 0xD0D0D0D0, "DMA writes RAM");
    cr_expect_eq(nev, 0, "no event until the CPU reads");
    cr_expect_eq(rd(A, &WB), orig32(A), "the CPU reads the old line");
    cr_expect_eq(nev, 1);
    expect_event(0, CE_STALE_HIT, A);
    uint8_t two[8];
    cache_read(C, A + 8, two, 8, &WB);               /* one read: one event */
    cr_expect_eq(nev, 2);
    expect_event(1, CE_STALE_HIT, A);
    /* A line not under the DMA is not stale. */
    rd(A + LINE, &WB);
    cr_expect_eq(nev, 2);
    /* Invalidate, as a driver must: fresh data, no more events. */
    cache_invalidate(C, A, LINE);
    cr_expect_eq(rd(A, &WB), 0xD0D0D0D0);
    cr_expect_eq(nev, 2);
}

Test(cache, dma_write_partial_makes_whole_line_stale)
{
    rd(A, &WB);
    rd(A + LINE, &WB);
    uint8_t d[4] = { 0xEE, 0xEE, 0xEE, 0xEE };
    cache_dma_write(C, A + LINE - 2, d, 4, false);   /* 2 bytes in each line */
    cr_expect_eq(rd(A, &WB), orig32(A));
    cr_expect_eq(rd(A + LINE + 16, &WB), orig32(A + LINE + 16));
    cr_expect_eq(nev, 2);
    expect_event(0, CE_STALE_HIT, A);
    expect_event(1, CE_STALE_HIT, A + LINE);
}

Test(cache, dma_write_snooped_coherent_line_is_updated)
{
    rd(A, &WBC);
    uint8_t d[LINE];
    fill_buf(d, LINE, 0xD1);
    cache_dma_write(C, A + 4, d, 8, true);
    cr_expect_eq(rd(A + 4, &WBC), 0xD1D1D1D1, "a snooped coherent line sees DMA");
    cr_expect_eq(rd(A + 8, &WBC), 0xD1D1D1D1);
    cr_expect_eq(rd(A + 12, &WBC), orig32(A + 12));
    cr_expect_eq(rd(A, &WBC), orig32(A));
    cr_expect_eq(nev, 0);
    /* A dirty coherent line keeps both the CPU's and the device's bytes. */
    wr(A + 16, 0x77777777, &WBC);
    cache_dma_write(C, A + 20, d, 4, true);
    cache_clean(C, A, LINE);
    cr_expect_eq(ram32(A + 16), 0x77777777);
    cr_expect_eq(ram32(A + 20), 0xD1D1D1D1);
    cr_expect_eq(nev, 0);
}

Test(cache, dma_write_snooped_non_coherent_line_is_stale)
{
    rd(A, &WB);                                      /* filled non-coherent */
    uint8_t d[LINE];
    fill_buf(d, LINE, 0xD2);
    cache_dma_write(C, A, d, LINE, true);
    cr_expect_eq(ram32(A), 0xD2D2D2D2);
    cr_expect_eq(rd(A, &WBC), orig32(A), "snoop skips a line filled non-coherently");
    cr_expect_eq(nev, 1);
    expect_event(0, CE_STALE_HIT, A);
}

Test(cache, dma_read_under_dirty_line_without_snoop_loses_write)
{
    wr(A, 0x99999999, &WBC);
    rd(A + LINE, &WBC);                              /* clean: no hazard */
    uint8_t out[2 * LINE];
    cache_dma_read(C, A, out, sizeof out, false);
    uint32_t v;
    memcpy(&v, out, 4);
    cr_expect_eq(v, orig32(A), "the device sees RAM, not the CPU's store");
    cr_expect_eq(nev, 1);
    expect_event(0, CE_LOST_WRITE, A);
    cr_expect_eq(dirty(A), 1, "a DMA read does not change the cache");
    /* Reading beside the dirty line is no hazard. */
    cache_dma_read(C, A + LINE, out, LINE, false);
    cr_expect_eq(nev, 1);
}

Test(cache, dma_read_snooped_coherent_dirty_line)
{
    wr(A + LINE - 4, 0xABCDEF01, &WBC);              /* end of line A */
    wr(A + LINE, 0x10FEDCBA, &WBC);                  /* start of line A+LINE */
    uint8_t out[16];
    cache_dma_read(C, A + LINE - 8, out, 16, true);  /* straddles both */
    uint32_t v[4];
    memcpy(v, out, 16);
    cr_expect_eq(v[0], orig32(A + LINE - 8));
    cr_expect_eq(v[1], 0xABCDEF01, "the device gets the CPU's data");
    cr_expect_eq(v[2], 0x10FEDCBA);
    cr_expect_eq(v[3], orig32(A + LINE + 4));
    cr_expect_eq(nev, 0);
    cr_expect_eq(ram32(A + LINE - 4), orig32(A + LINE - 4), "snoop does not write back");
    /* Snoop does not help a dirty line filled non-coherently. */
    wr(B, 0x42424242, &WB);
    cache_dma_read(C, B, out, 4, true);
    memcpy(v, out, 4);
    cr_expect_eq(v[0], orig32(B));
    cr_expect_eq(nev, 1);
    expect_event(0, CE_LOST_WRITE, B);
}

/* Dirty line A (CPU wrote 0x12345678 at A), then a non-snooped DMA write
 * of 0xDD over the whole line. */
static void dirty_then_dma(void)
{
    wr(A, 0x12345678, &WB);
    uint8_t d[LINE];
    fill_buf(d, LINE, 0xDD);
    cache_dma_write(C, A, d, LINE, false);
    cr_assert_eq(ram32(A), 0xDDDDDDDD);
    cr_assert_eq(nev, 0);
}

/* RAM at line A holds the CPU's line: its store and the old bytes. */
static void expect_cpu_line_in_ram(void)
{
    cr_expect_eq(ram32(A), 0x12345678);
    for (paddr_t p = A + 4; p < A + LINE; p += 4)
        cr_expect_eq(ram32(p), orig32(p), "old line data over the DMA data at 0x%llx",
                     (unsigned long long)p);
}

Test(cache, clobber_on_clean)
{
    dirty_then_dma();
    cache_clean(C, A, LINE);
    cr_expect_eq(nev, 1);
    expect_event(0, CE_CLOBBER, A);
    expect_cpu_line_in_ram();
    /* Once written back the line equals RAM: no more hazards. */
    cache_clean(C, A, LINE);
    cr_expect_eq(rd(A, &WB), 0x12345678);
    cr_expect_eq(nev, 1, "a line equal to RAM is not stale");
}

Test(cache, clobber_on_eviction)
{
    dirty_then_dma();
    rd(B, &WB);
    rd(C3, &WB);                                     /* evicts A */
    cr_expect_eq(present(A), 0);
    cr_expect_eq(nev, 1);
    expect_event(0, CE_CLOBBER, A);
    expect_cpu_line_in_ram();
}

Test(cache, clobber_on_flush_but_not_after_invalidate)
{
    dirty_then_dma();
    cache_flush(C, A, 1);
    cr_expect_eq(nev, 1);
    expect_event(0, CE_CLOBBER, A);
    expect_cpu_line_in_ram();

    nev = 0;
    wr(B, 0x12121212, &WB);
    uint8_t d[4] = { 0xDE, 0xDE, 0xDE, 0xDE };
    cache_dma_write(C, B, d, 4, false);
    cache_invalidate(C, B, LINE);                    /* the driver's choice */
    cache_flush(C, 0, MiB);
    cr_expect_eq(nev, 0);
    cr_expect_eq(ram32(B), 0xDEDEDEDE, "DMA data survives an invalidate");
}

/* ---------------------------------------------------------------- */
/* dcbz, prefetch, preload                                          */

Test(cache, zero_line_is_dirty_zero_without_touching_ram)
{
    cache_zero_line(C, A + 5, &WB);
    cr_expect_eq(present(A), 1);
    cr_expect_eq(dirty(A), 1);
    uint8_t z[LINE], out[LINE];
    memset(z, 0, LINE);
    cache_read(C, A, out, LINE, &WB);
    cr_expect_arr_eq(out, z, LINE);
    cr_expect_eq(ram32(A), orig32(A), "RAM untouched until clean");
    cr_expect_eq(ram32(A + LINE - 4), orig32(A + LINE - 4));
    cache_clean(C, A, 1);
    uint8_t ram[LINE];
    cr_assert_eq(phys_read(&R, A, ram, LINE), 0);
    cr_expect_arr_eq(ram, z, LINE);
    cr_expect_eq(ram32(A + LINE), orig32(A + LINE), "only one line");
    cr_expect_eq(nev, 0);
}

Test(cache, zero_line_present_line_and_other_policies)
{
    wr(A, 0x31313131, &WB);
    cache_zero_line(C, A, &WB);                      /* present: zeroed in place */
    cr_expect_eq(rd(A, &WB), 0);
    cr_expect_eq(cache_stats(C)->fills, 1);
    /* Write-through: RAM zeroed at once, line clean. */
    cache_zero_line(C, B + 3, &WT);
    cr_expect_eq(ram32(B), 0);
    cr_expect_eq(ram32(B + LINE - 4), 0);
    cr_expect_eq(dirty(B), 0);
    /* Non-cacheable: RAM only. */
    cache_zero_line(C, A + 2 * LINE, &NC);
    cr_expect_eq(ram32(A + 2 * LINE + 28), 0);
    cr_expect_eq(present(A + 2 * LINE), 0);
    /* dcbz over a stale line replaces its data: no stale hit. */
    rd(A + LINE, &WB);
    uint8_t d[4] = { 0xDA, 0xDA, 0xDA, 0xDA };
    cache_dma_write(C, A + LINE, d, 4, false);
    cache_zero_line(C, A + LINE, &WB);
    cr_expect_eq(rd(A + LINE, &WB), 0);
    cr_expect_eq(nev, 0);
}

Test(cache, prefetch_fills_without_events)
{
    cache_prefetch(C, A + 17, &WB);
    cr_expect_eq(present(A), 1);
    cr_expect_eq(dirty(A), 0);
    cr_expect_eq(cache_stats(C)->fills, 1);
    cache_prefetch(C, A, &WB);                       /* already there */
    cr_expect_eq(cache_stats(C)->fills, 1);
    cr_expect_eq(rd(A, &WB), orig32(A));
    cr_expect_eq(cache_stats(C)->hits, 1);
    cr_expect_eq(cache_stats(C)->misses, 0);
    cr_expect_eq(nev, 0);
    /* A prefetch evicting a dirty line writes it back. */
    wr(B, 0x61616161, &WB);
    rd(A, &WB);
    cache_prefetch(C, C3, &WB);
    cr_expect_eq(present(B), 0);
    cr_expect_eq(ram32(B), 0x61616161);
}

Test(cache, preload_marks_lines_present)
{
    cache_preload(C, 0x2010, 100, true, false);      /* 0x2000..0x2073: 4 lines */
    cr_expect_eq(cache_lines_present(C, 0x2000, 4 * LINE, false), 4);
    cr_expect_eq(cache_lines_present(C, 0x2000, 4 * LINE, true), 4);
    cr_expect_eq(cache_lines_present(C, 0, MiB, false), 4);
    cr_expect_eq(cache_lines_present(C, 0x2010, LINE, false), 2, "a range counts lines it overlaps");
    cr_expect_eq(cache_lines_present(C, 0x2080, LINE, false), 0);
    cr_expect_eq(ram32(0x2010), orig32(0x2010));
    uint8_t out[4 * LINE];
    cache_dma_read(C, 0x2000, out, sizeof out, false);
    cr_expect_eq(nev, 4, "a dirty preload is a hazard for a non-snooping device");
    for (int i = 0; i < 4 && i < nev; i++)
        expect_event(i, CE_LOST_WRITE, 0x2000 + (paddr_t)i * LINE);

    nev = 0;
    cache_flush(C, 0, MiB);
    cache_preload(C, 0x2000, 2 * LINE, false, false);
    cr_expect_eq(cache_lines_present(C, 0x2000, 2 * LINE, false), 2);
    cr_expect_eq(cache_lines_present(C, 0x2000, 2 * LINE, true), 0);
    cache_dma_read(C, 0x2000, out, 2 * LINE, false);
    cr_expect_eq(nev, 0);
    cache_preload(C, 0x3000, 0, true, false);
    cr_expect_eq(present(0x3000), 0);

    /* A coherent dirty preload is snooped. */
    cache_preload(C, 0x3000, LINE, true, true);
    cache_dma_read(C, 0x3000, out, LINE, true);
    cr_expect_eq(nev, 0);
    cr_expect_eq(out[5], orig(0x3005));
}

Test(cache, adopt_line_holds_the_cpu_view_without_touching_ram)
{
    uint8_t cpu[LINE], out[LINE];
    memset(cpu, 0x5c, sizeof cpu);
    cache_adopt_line(C, 0x4000, cpu, true, false);
    cr_expect_eq(dirty(0x4000), 1);
    cr_expect_eq(ram32(0x4000), orig32(0x4000), "RAM keeps the memory side");
    cr_expect_eq(rd(0x4004, &WB), 0x5c5c5c5c, "the CPU reads its own bytes");
    cache_dma_read(C, 0x4000, out, LINE, false);
    cr_expect_eq(nev, 1);
    expect_event(0, CE_LOST_WRITE, 0x4000);
    cr_expect_eq(out[0], orig(0x4000), "the device reads memory");

    /* Adopting over a present line replaces its data and dirtiness. */
    nev = 0;
    memset(cpu, 0x11, sizeof cpu);
    cache_adopt_line(C, 0x4000, cpu, false, false);
    cr_expect_eq(present(0x4000), 1);
    cr_expect_eq(dirty(0x4000), 0);
    cr_expect_eq(rd(0x4000, &WB), 0x11111111);
    cache_flush(C, 0x4000, LINE);
    cr_expect_eq(ram32(0x4000), orig32(0x4000), "a clean adopted line is never written back");
    cr_expect_eq(nev, 0);
}

Test(cache, range_state_says_present_and_agreeing)
{
    struct cache_range r = cache_range_state(C, 0x5000, 4 * LINE);
    cr_expect(!r.present && r.agrees, "an empty range agrees");
    rd(0x5000 + LINE, &WB);
    r = cache_range_state(C, 0x5000, 4 * LINE);
    cr_expect(r.present && r.agrees, "a clean line agrees");
    wr(0x5000 + 2 * LINE, 7, &WB);
    r = cache_range_state(C, 0x5000, 4 * LINE);
    cr_expect(r.present && !r.agrees, "a dirty line does not");
    cache_clean(C, 0x5000, 4 * LINE);
    cr_expect(cache_range_state(C, 0x5000, 4 * LINE).agrees, "after a clean it does");
    uint8_t in[LINE] = {0};
    cache_dma_write(C, 0x5000 + LINE, in, LINE, false);
    cr_expect(!cache_range_state(C, 0x5000, 4 * LINE).agrees, "a stale line does not");
    cr_expect(cache_range_state(C, 0x5000 + 3 * LINE, LINE).agrees, "ranges are per line");
    cache_invalidate(C, 0x5000, 4 * LINE);
    r = cache_range_state(C, 0x5000, 4 * LINE);
    cr_expect(!r.present && r.agrees);
}

/* ---------------------------------------------------------------- */
/* Whole-model checks                                               */

static uint32_t xs(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* A pseudo-random mix of CPU, maintenance and DMA operations on c over
 * the first 4 KiB at 0x8000. */
static void workload(struct cache *c, uint32_t seed, int n)
{
    const struct cache_policy *pols[] = { &WB, &WBC, &WB_NWA, &WT, &NC };
    for (int i = 0; i < n; i++) {
        uint32_t r = xs(&seed);
        paddr_t pa = 0x8000 + (r >> 8) % 4000;
        const struct cache_policy *pol = pols[(r >> 3) % 5];
        uint8_t buf[64];
        uint32_t len = 1 + (r >> 20) % 40;
        memset(buf, (int)r, sizeof buf);
        switch (r % 8) {
        case 0: case 1: case 2: cache_read(c, pa, buf, len, pol); break;
        case 3: case 4: cache_write(c, pa, buf, len, pol); break;
        case 5: cache_dma_write(c, pa, buf, len, r & 0x100); break;
        case 6: cache_dma_read(c, pa, buf, len, r & 0x100); break;
        default:
            if (r & 0x200)
                cache_clean(c, pa, len);
            else if (r & 0x400)
                cache_zero_line(c, pa, pol);
            else
                cache_flush(c, pa, len);
        }
    }
}

static void count_event(void *ctx, enum cache_event ev, paddr_t pa)
{
    (void)pa;
    ((int *)ctx)[ev]++;
}

Test(cache, same_sequence_same_stats)
{
    struct phys r2;
    cr_assert_eq(phys_init(&r2, MiB), 0);
    cr_assert_eq(phys_write(&r2, 0, phys_host(&R, 0, MiB), MiB), 0);
    struct cache_geom g = cache_default_geom(CPU_ARMV6);
    g.size = 1024;                                   /* small, so lines get evicted */
    int ev1[3] = { 0 }, ev2[3] = { 0 };
    struct cache *c1 = cache_create(&g, &R, count_event, ev1);
    struct cache *c2 = cache_create(&g, &r2, count_event, ev2);
    cr_assert(c1 && c2);
    workload(c1, 12345, 5000);
    workload(c2, 12345, 5000);
    const struct cache_stats *s1 = cache_stats(c1), *s2 = cache_stats(c2);
    cr_expect_eq(memcmp(s1, s2, sizeof *s1), 0);
    cr_expect_arr_eq(ev1, ev2, sizeof ev1);
    cr_expect_gt(s1->evictions, 0);
    cr_expect_gt(s1->writebacks, 0);
    cr_expect_gt(ev1[CE_STALE_HIT] + ev1[CE_LOST_WRITE] + ev1[CE_CLOBBER], 0);
    cr_expect_eq(memcmp(phys_host(&R, 0x8000, 4096), phys_host(&r2, 0x8000, 4096), 4096), 0);
    /* Another sequence gives other figures (the check can fail). */
    struct cache *c3 = cache_create(&g, &r2, count_event, ev2);
    workload(c3, 777, 5000);
    cr_expect_neq(memcmp(s1, cache_stats(c3), sizeof *s1), 0);
    cache_destroy(c1);
    cache_destroy(c2);
    cache_destroy(c3);
    phys_fini(&r2);
}

/* Without DMA the cache is invisible to the CPU: every read returns what
 * a flat memory would, and after a full flush RAM equals it. */
Test(cache, cpu_only_matches_flat_memory)
{
    static uint8_t shadow[4096];
    cr_assert_eq(phys_read(&R, 0x8000, shadow, sizeof shadow), 0);
    const struct cache_policy *pols[] = { &WB, &WBC, &WB_NWA, &WT };
    uint32_t s = 99;
    for (int i = 0; i < 20000; i++) {
        uint32_t r = xs(&s);
        uint32_t off = (r >> 8) % 4000, len = 1 + (r >> 20) % 64;
        const struct cache_policy *pol = pols[(r >> 3) % 4];
        uint8_t buf[64];
        switch (r % 5) {
        case 0: case 1:
            cache_read(C, 0x8000 + off, buf, len, pol);
            cr_assert_arr_eq(buf, shadow + off, len, "step %d: read at +%u", i, off);
            break;
        case 2: case 3:
            memset(buf, (int)(r >> 24), len);
            cache_write(C, 0x8000 + off, buf, len, pol);
            memcpy(shadow + off, buf, len);
            break;
        default:
            if (r & 0x100) {
                cache_zero_line(C, 0x8000 + off, pol);
                memset(shadow + (off & ~(LINE - 1)), 0, LINE);
            } else {
                cache_clean(C, 0x8000 + off, len);
            }
        }
    }
    cr_expect_eq(nev, 0);
    cache_flush(C, 0, MiB);
    cr_expect_eq(cache_lines_present(C, 0, MiB, false), 0);
    cr_expect_arr_eq(phys_host(&R, 0x8000, 4096), shadow, 4096);
}
