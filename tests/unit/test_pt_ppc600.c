/* test_pt_ppc600.c - PowerPC 600 hashed page table: HTAB size and
 * placement, VSIDs, encode/decode round trip, special bits, primary /
 * secondary placement and eviction, R/C bits, hooks and flush flag,
 * corrupted HTAB, dump. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../mmu/pt_ppc600.h"
#include "mmu_fixture.h"

#define V   0x80000000u
#define H   0x00000040u

/* 8 MiB of RAM: the minimum HTAB, 64 KiB = 1024 PTEGs; the HTAB is
 * big-endian. */
static void setup(void)
{
    fx_machine(8 * MiB, true);
}

TestSuite(pt_ppc600, .init = setup, .fini = fx_teardown);

/* ppc600 MMU with the recording hooks. */
static struct mmu *mk(void)
{
    return fx_mmu(CPU_PPC600);
}

/* Table for asid on m. */
static struct pt *mkpt(struct mmu *m, uint32_t asid)
{
    struct pt *pt = pt_create(m, asid);
    cr_assert_not_null(pt);
    return pt;
}

/* The VSID of va's segment in pt. */
static uint32_t vsid(const struct pt *pt, uint32_t va)
{
    return ppc600_sr(pt, va >> 28) & 0xFFFFFF;
}

/* word0 the architecture gives va in pt (primary or secondary). */
static uint32_t w0_of(const struct pt *pt, uint32_t va, bool sec)
{
    return V | vsid(pt, va) << 7 | (sec ? H : 0) | (va >> 22 & 0x3F);
}

static void map(struct pt *pt, uint32_t va, paddr_t pa, unsigned prot)
{
    struct pt_attr a = { .prot = prot };
    cr_assert_eq(pt_map(pt, va, pa, &a), 0, "map %#x", va);
}

/* Number of valid PTEs for va in both of its PTEGs. */
static int copies(const struct pt *pt, uint32_t va)
{
    int n = 0;
    for (int sec = 0; sec < 2; sec++) {
        paddr_t g = ppc600_pteg(pt, va, sec);
        for (int s = 0; s < 8; s++)
            n += rd32(g + s * 8) == w0_of(pt, va, sec);
    }
    return n;
}

/* EAs colliding on va0's primary PTEG in a 1024-PTEG HTAB: same segment,
 * same low 10 bits of the page index, API differing (k < 64). */
static uint32_t collide(uint32_t va0, unsigned k)
{
    return va0 + (k << 22);
}

/* ------------------------------------------------------------------ */
/* HTAB and segment registers                                          */

Test(pt_ppc600, htab_placement_and_zeroing)
{
    fx_dirty_frames(64); /* the low RAM, so zeroing is observable */
    uint64_t before = F.nfree;
    struct mmu *m = mk();
    paddr_t org;
    uint32_t size, mask;
    cr_assert_eq(ppc600_htab(m, &org, &size, &mask), 0);
    cr_expect_eq(size, 64 * 1024, "8 MiB RAM: the minimum 64 KiB");
    cr_expect_eq(mask, 0);
    cr_expect_eq(org % size, 0, "HTABORG aligned to its size");
    for (uint32_t o = 0; o < size; o += 4)
        cr_assert_eq(rd32(org + o), 0);
    for (uint32_t f = 0; f < size / PG; f++)
        cr_expect(frames_in_use(&F, org + f * PG));
    cr_expect_eq(F.nfree, before - size / PG);
    struct pt *pt = mkpt(m, 3);
    cr_expect_eq(pt_root(pt), org, "root is HTABORG");
    cr_expect_eq(F.nfree, before - size / PG, "a table owns no frames");
    pt_destroy(pt);
    mmu_destroy(m);
    cr_expect_eq(F.nfree, before);
}

Test(pt_ppc600, htab_size_scales_with_ram)
{
    const struct { uint64_t ram; uint32_t size, mask; } t[] = {
        { 1 * MiB, 64 << 10, 0x000 },   { 8 * MiB, 64 << 10, 0x000 },
        { 16 * MiB, 128 << 10, 0x001 }, { 64 * MiB, 512 << 10, 0x007 },
        { 256 * MiB, 2 << 20, 0x01F },  { 2048 * MiB, 16 << 20, 0x0FF },
        { 3072 * MiB, 16 << 20, 0x0FF },
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        struct phys p;
        struct frames f;
        cr_assert_eq(phys_init(&p, t[i].ram), 0);
        cr_assert_eq(frames_init(&f, &p), 0);
        struct mmu *m = mmu_create(CPU_PPC600, &p, &f, NULL);
        cr_assert_not_null(m);
        paddr_t org;
        uint32_t size, mask;
        cr_assert_eq(ppc600_htab(m, &org, &size, &mask), 0);
        cr_expect_eq(size, t[i].size, "ram %llu MiB: size %#x", (unsigned long long)(t[i].ram >> 20),
                     size);
        cr_expect_eq(mask, t[i].mask);
        cr_expect_eq(org % size, 0);
        mmu_destroy(m);
        frames_fini(&f);
        phys_fini(&p);
    }
}

Test(pt_ppc600, htab_shrinks_when_ram_is_fragmented)
{
    struct phys p;
    struct frames f;
    cr_assert_eq(phys_init(&p, 64 * MiB), 0);
    cr_assert_eq(frames_init(&f, &p), 0);
    paddr_t all;
    cr_assert_eq(frames_alloc_contig(&f, f.nfree, 1, &all), 0);
    errno = 0;
    cr_expect_null(mmu_create(CPU_PPC600, &p, &f, NULL), "no room at all");
    cr_expect_eq(errno, ENOMEM);
    frames_free(&f, 0x00A20000, 32);   /* one free, 128 KiB aligned run of 128 KiB */
    struct mmu *m = mmu_create(CPU_PPC600, &p, &f, NULL);
    cr_assert_not_null(m);
    paddr_t org;
    uint32_t size, mask;
    cr_assert_eq(ppc600_htab(m, &org, &size, &mask), 0);
    cr_expect_eq(org, 0x00A20000);
    cr_expect_eq(size, 128 << 10);
    cr_expect_eq(mask, 1);
    mmu_destroy(m);
    frames_fini(&f);
    phys_fini(&p);
}

Test(pt_ppc600, segment_registers)
{
    struct mmu *m = mk();
    struct pt *a = mkpt(m, 1), *b = mkpt(m, 2), *dup = mkpt(m, 1);
    uint32_t seen[48];
    int n = 0;
    const struct pt *pts[] = { a, b, dup };
    for (int k = 0; k < 3; k++)
        for (unsigned sr = 0; sr < 16; sr++) {
            uint32_t v = ppc600_sr(pts[k], sr);
            cr_expect_eq(v & 0xFF000000u, 0x20000000u, "T=0 Ks=0 Kp=1 N=0: %#x", v);
            cr_expect_eq(v & 0xF, sr, "low VSID bits are the SR number");
            for (int i = 0; i < n; i++)
                cr_expect_neq(seen[i], v & 0xFFFFFF, "VSIDs never shared");
            seen[n++] = v & 0xFFFFFF;
        }
    cr_expect_eq(ppc600_sr(a, 0) & 0xFFFFFF, 1 * 897 * 16, "ctx 1, sr 0");
    cr_expect_eq(ppc600_sr(a, 5) & 0xFFFFFF, (1 * 897 * 16 + 5 * 0x111) & 0xFFFFFF);
    cr_expect_eq(ppc600_sr(dup, 0) & 0xFFFFFF, 3 * 897 * 16,
                 "contexts 1 and 2 are taken: a second table for asid 1 gets context 3");
    pt_destroy(dup);
    pt_destroy(b);
    pt_destroy(a);
    mmu_destroy(m);
}

/* ------------------------------------------------------------------ */
/* Encode / decode                                                     */

struct prot_case {
    unsigned prot;
    bool     nocache;
    uint32_t low;       /* expected word1 bits [11:0]: WIMG and PP */
    unsigned uprot, kprot;
    enum pt_memtype mt;
    enum pt_cache cache;
};

#define RWX (PT_R | PT_W | PT_X)
static const struct prot_case PROTS[] = {
    { PT_R,        false, 0x011, PT_R | PT_X, RWX,         MT_NORMAL, PC_WB_WA },
    { PT_R | PT_W, false, 0x012, RWX,         RWX,         MT_NORMAL, PC_WB_WA },
    { PT_R | PT_X, false, 0x011, PT_R | PT_X, RWX,         MT_NORMAL, PC_WB_WA },
    { RWX,         false, 0x012, RWX,         RWX,         MT_NORMAL, PC_WB_WA },
    /* nocache: I and G (no fetch from guarded pages) ... */
    { PT_R,        true,  0x039, PT_R,        PT_R | PT_W, MT_DEVICE, PC_NONCACHEABLE },
    { PT_R | PT_W, true,  0x03A, PT_R | PT_W, PT_R | PT_W, MT_DEVICE, PC_NONCACHEABLE },
    /* ... but no G when the mapping is executable */
    { PT_R | PT_X, true,  0x031, PT_R | PT_X, RWX,         MT_NORMAL, PC_NONCACHEABLE },
    { RWX,         true,  0x032, RWX,         RWX,         MT_NORMAL, PC_NONCACHEABLE },
    /* W or X alone: PP cannot say write-only or exec-only */
    { PT_W,        false, 0x012, RWX,         RWX,         MT_NORMAL, PC_WB_WA },
    { PT_X,        false, 0x011, PT_R | PT_X, RWX,         MT_NORMAL, PC_WB_WA },
};

Test(pt_ppc600, roundtrip_every_protection)
{
    struct mmu *m = mk();
    struct pt *pt = mkpt(m, 1);
    for (size_t i = 0; i < sizeof(PROTS) / sizeof(PROTS[0]); i++) {
        const struct prot_case *c = &PROTS[i];
        uint32_t va = 0x10400000u + (uint32_t)i * PG;
        paddr_t pa = 0x00234000u + (paddr_t)i * PG;
        struct pt_attr a = { .prot = c->prot, .nocache = c->nocache };
        struct pt_walk w = fx_map_walk(pt, va, pa, &a, va + 0x123);
        cr_expect_eq(w.level, 2);
        cr_expect_eq(w.raw >> 32, w0_of(pt, va, false), "case %zu word0", i);
        cr_expect_eq((uint32_t)w.raw, (uint32_t)pa | c->low, "case %zu word1 %#x", i,
                     (uint32_t)w.raw);
        cr_expect_eq(w.raw_pa, ppc600_pteg(pt, va, false), "first slot of the primary PTEG");
        cr_expect_eq(rd32(w.raw_pa), (uint32_t)(w.raw >> 32), "big-endian in RAM");
        cr_expect_eq(rd32(w.raw_pa + 4), (uint32_t)w.raw);
        cr_expect_eq(w.pa, pa + 0x123);
        cr_expect(w.d.valid);
        cr_expect_eq(w.d.pa, pa);
        cr_expect_eq(w.d.uprot, c->uprot, "case %zu uprot %u", i, w.d.uprot);
        cr_expect_eq(w.d.kprot, c->kprot, "case %zu kprot %u", i, w.d.kprot);
        cr_expect_eq(w.d.memtype, c->mt, "case %zu", i);
        cr_expect_eq(w.d.inner, c->cache);
        cr_expect_eq(w.d.outer, c->cache);
        cr_expect(w.d.coherent, "M=1 on every user page");
        cr_expect_eq(w.d.guarded, c->mt == MT_DEVICE);
        cr_expect_not(w.d.referenced);
        cr_expect_not(w.d.changed);
        cr_expect_not(w.d.little_endian);
        fx_expect_decode_agrees(CPU_PPC600, &w);
    }
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_ppc600, special_bits_every_value)
{
    struct mmu *m = mk();
    struct pt *pt = mkpt(m, 1);
    for (uint32_t s = 1; s < 0x20; s++) {
        const char *why = NULL;
        bool ok = !(s & 1) && (s & 0x18) != 0x18;
        cr_expect_eq(mmu_check_special(m, s, &why), ok ? 0 : -EINVAL, "special %#x", s);
        if (!ok) {
            cr_expect_not_null(why);
            continue;
        }
        for (int nc = 0; nc < 2; nc++) {
            uint32_t va = 0x20000000u + (s * 2 + (uint32_t)nc) * PG;
            struct pt_attr a = { .prot = RWX, .nocache = nc, .has_special = true, .special = s };
            struct pt_walk w = fx_map_walk(pt, va, 0x00300000u, &a, va);
            cr_expect_eq((uint32_t)w.raw, 0x00300000u | s << 2 | 2,
                         "special %#x replaces WIMG whatever PROT_NOCACHE says", s);
            bool W = s & 0x10, I = s & 0x08, M = s & 0x04, G = s & 0x02;
            cr_expect_eq(w.d.memtype, I && G ? MT_DEVICE : MT_NORMAL, "special %#x", s);
            cr_expect_eq(w.d.inner, I ? PC_NONCACHEABLE : W ? PC_WT : PC_WB_WA, "special %#x", s);
            cr_expect_eq(w.d.coherent, M);
            cr_expect_eq(w.d.guarded, G);
            cr_expect_eq(w.d.uprot, G ? PT_R | PT_W : RWX, "no fetch from guarded, %#x", s);
        }
    }
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_ppc600, check_special_rejects)
{
    struct mmu *m = mk();
    const char *why = NULL;
    cr_expect_eq(mmu_check_special(m, 0x01, &why), -EINVAL);
    cr_expect_str_eq(why, "E (little-endian) has no place in a PPC 600 PTE");
    cr_expect_eq(mmu_check_special(m, 0x05, &why), -EINVAL, "E with M");
    cr_expect_str_eq(why, "E (little-endian) has no place in a PPC 600 PTE");
    cr_expect_eq(mmu_check_special(m, 0x20, &why), -EINVAL);
    cr_expect_str_eq(why, "bits outside the PowerPC special mask 0x1F");
    cr_expect_eq(mmu_check_special(m, 0x80000004u, &why), -EINVAL);
    cr_expect_eq(mmu_check_special(m, 0x18, &why), -EINVAL);
    cr_expect(strstr(why, "W with I") != NULL, "%s", why);
    cr_expect_eq(mmu_check_special(m, 0x1E, &why), -EINVAL);
    cr_expect_eq(mmu_check_special(m, 0x16, NULL), 0, "W M G");
    cr_expect_eq(mmu_check_special(m, 0x0E, NULL), 0, "I M G");
    cr_expect_eq(mmu_check_special(m, 0x00, NULL), 0);
    mmu_destroy(m);
}

Test(pt_ppc600, decode_every_pp)
{
    /* PP -> user (key 1), supervisor (key 0), before execute */
    const unsigned u[4] = { 0, PT_R, PT_R | PT_W, PT_R };
    const unsigned k[4] = { PT_R | PT_W, PT_R | PT_W, PT_R | PT_W, PT_R };
    for (unsigned pp = 0; pp < 4; pp++) {
        struct pt_decoded d;
        uint64_t raw = (uint64_t)V << 32 | 0x00100000u | 0x10 | pp;
        pt_decode(CPU_PPC600, raw, &d);
        cr_expect(d.valid);
        cr_expect_eq(d.pa, 0x00100000u);
        cr_expect_eq(d.uprot, u[pp] | (u[pp] & PT_R ? PT_X : 0), "PP %u user", pp);
        cr_expect_eq(d.kprot, k[pp] | PT_X, "PP %u supervisor", pp);
        pt_decode(CPU_PPC600, raw | 0x08, &d);
        cr_expect_eq(d.uprot, u[pp], "G: no execute");
        cr_expect_eq(d.kprot, k[pp]);
        cr_expect(d.guarded);
        cr_expect_eq(d.memtype, MT_NORMAL, "G without I is normal memory");
    }
    struct pt_decoded d;
    pt_decode(CPU_PPC600, (uint64_t)V << 32 | 0x142, &d);
    cr_expect(d.referenced);
    cr_expect_not(d.changed);
    cr_expect_eq(d.inner, PC_WT);
    cr_expect_not(d.coherent);
    pt_decode(CPU_PPC600, (uint64_t)V << 32 | 0x0A2, &d);
    cr_expect(d.changed);
    cr_expect_not(d.referenced);
    pt_decode(CPU_PPC600, 0x7FFFFFFFFFFFFFFFull, &d);
    cr_expect_not(d.valid, "V=0 whatever the rest");
    cr_expect_eq(d.uprot, 0);
    cr_expect_eq(d.pa, 0);
}

Test(pt_ppc600, describe_format)
{
    const struct describe_case t[] = {
        { CPU_PPC600, 0,
            "pa=0x00000000 V=0 VSID=0x000000 H=0 API=0x00 WIMG=0000 (-) PP=00 R=0 C=0 ---" },
        { CPU_PPC600, (uint64_t)(V | 0x123456u << 7 | 0x01) << 32 | 0x00234000u | 0x012,
            "pa=0x00234000 V=1 VSID=0x123456 H=0 API=0x01 WIMG=0010 (M) PP=10 R=0 C=0 rwx" },
        { CPU_PPC600, (uint64_t)(V | 0xABCDEFu << 7 | H | 0x3F) << 32 | 0xFFFFF000u | 0x1B9,
            "pa=0xfffff000 V=1 VSID=0xabcdef H=1 API=0x3f WIMG=0111 (IMG) PP=01 R=1 C=1 r--" },
        { CPU_PPC600, (uint64_t)V << 32 | 0x00001000u | 0x040,
            "pa=0x00001000 V=1 VSID=0x000000 H=0 API=0x00 WIMG=1000 (W) PP=00 R=0 C=0 p:rwx" },
    };
    fx_expect_describe(t, sizeof(t) / sizeof(t[0]));
}

/* ------------------------------------------------------------------ */
/* Placement, eviction, re-map, unmap                                  */

Test(pt_ppc600, primary_then_secondary_then_eviction)
{
    struct mmu *m = mk();
    struct pt *pt = mkpt(m, 1);
    const uint32_t va0 = 0x10005000u;
    paddr_t g1 = ppc600_pteg(pt, va0, false), g2 = ppc600_pteg(pt, va0, true);
    cr_assert_neq(g1, g2);
    for (unsigned k = 0; k < 20; k++) {
        cr_assert_eq(ppc600_pteg(pt, collide(va0, k), false), g1, "k %u collides", k);
        cr_assert_eq(ppc600_pteg(pt, collide(va0, k), true), g2);
    }
    struct pt_walk w;
    for (unsigned k = 0; k < 16; k++) {
        ncalls = 0;
        map(pt, collide(va0, k), 0x00100000u + k * PG, PT_R | PT_W);
        cr_expect_eq(ncalls, 1);
        cr_expect_not(pt_take_flush(pt), "a new entry needs no flush");
        bool sec = k >= 8;
        paddr_t slot = (sec ? g2 : g1) + (k % 8) * 8;
        cr_expect_eq(calls[0].pte_pa, slot, "k %u", k);
        cr_expect_eq(calls[0].old_raw, 0);
        cr_expect_eq(rd32(slot), w0_of(pt, collide(va0, k), sec), "k %u word0 (H=%d)", k, sec);
        pt_walk(pt, collide(va0, k), &w);
        cr_assert_eq(w.status, PTW_OK);
        cr_expect_eq(w.raw_pa, slot);
        cr_expect_eq(w.pa, 0x00100000u + k * PG);
    }
    /* both full: the 17th evicts primary slot 0, the 18th slot 1 */
    for (unsigned k = 16; k < 18; k++) {
        ncalls = 0;
        uint32_t victim = collide(va0, k - 16);
        uint64_t old = (uint64_t)rd32(g1 + (k - 16) * 8) << 32 | rd32(g1 + (k - 16) * 8 + 4);
        map(pt, collide(va0, k), 0x00100000u + k * PG, PT_R);
        cr_assert_eq(ncalls, 2, "removal of the victim, then the new entry");
        cr_expect_eq(calls[0].pt, pt);
        cr_expect_eq(calls[0].va, victim);
        cr_expect_eq(calls[0].pte_pa, g1 + (k - 16) * 8);
        cr_expect_eq(calls[0].old_raw, old);
        cr_expect_eq(calls[0].new_raw, 0);
        cr_expect_eq(calls[1].va, collide(va0, k));
        cr_expect_eq(calls[1].pte_pa, g1 + (k - 16) * 8);
        cr_expect_eq(calls[1].old_raw, 0);
        cr_expect_eq(calls[1].new_raw >> 32, w0_of(pt, collide(va0, k), false));
        cr_expect(pt_take_flush(pt), "the victim may be in a TLB");
        pt_walk(pt, victim, &w);
        cr_expect_eq(w.status, PTW_FAULT_L2, "evicted: no PTE in either PTEG");
        cr_expect_eq(w.level, 2);
        cr_expect_eq(w.raw, 0);
        cr_expect_eq(w.raw_pa, g1);
    }
    for (unsigned k = 2; k < 18; k++) {
        pt_walk(pt, collide(va0, k) + 0x10, &w);
        cr_assert_eq(w.status, PTW_OK, "k %u still mapped", k);
        cr_expect_eq(w.pa, 0x00100000u + k * PG + 0x10);
    }
    /* the memory manager re-inserts an evicted page on its next fault */
    map(pt, collide(va0, 0), 0x00100000u, PT_R | PT_W);
    pt_walk(pt, collide(va0, 0), &w);
    cr_assert_eq(w.status, PTW_OK);
    cr_expect_eq(w.raw_pa, g1 + 2 * 8, "round robin: slot 2 next");
    cr_expect_eq(w.pa, 0x00100000u);
    pt_walk(pt, collide(va0, 2), &w);
    cr_expect_eq(w.status, PTW_FAULT_L2);
    for (unsigned k = 0; k < 18; k++)
        cr_expect_leq(copies(pt, collide(va0, k)), 1);
    pt_destroy(pt);
    mmu_destroy(m);
}

/* Run a fixed sequence of 40 colliding maps; copy the HTAB out. */
static void eviction_run(uint8_t *out, uint32_t size)
{
    struct mmu *m = mk();
    struct pt *pt = mkpt(m, 9);
    paddr_t org;
    uint32_t sz, mask;
    cr_assert_eq(ppc600_htab(m, &org, &sz, &mask), 0);
    cr_assert_eq(sz, size);
    for (unsigned i = 0; i < 40; i++)
        map(pt, collide(0x30007000u, (i * 7) % 40), 0x00200000u + i * PG, PT_R);
    cr_assert_eq(phys_read(&P, org, out, size), 0);
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_ppc600, eviction_is_deterministic)
{
    static uint8_t a[64 << 10], b[64 << 10];
    eviction_run(a, sizeof(a));
    eviction_run(b, sizeof(b));
    cr_expect_eq(memcmp(a, b, sizeof(a)), 0);
}

Test(pt_ppc600, eviction_across_processes)
{
    struct mmu *m = mk();
    struct pt *a = mkpt(m, 1), *b = mkpt(m, 2);
    const uint32_t va = 0x00400000u;
    paddr_t g1 = ppc600_pteg(a, va, false);
    /* b's EAs whose primary PTEG is a's: search its segment 0 */
    uint32_t bv[16];
    int n = 0;
    for (uint32_t p = 0; p < 0x10000 && n < 16; p++)
        if (ppc600_pteg(b, p << 12, false) == g1)
            bv[n++] = p << 12;
    cr_assert_eq(n, 16);
    for (unsigned k = 0; k < 8; k++)
        map(a, collide(va, k), 0x00100000u, PT_R);
    for (unsigned k = 0; k < 8; k++)
        map(b, bv[k], 0x00200000u, PT_R);
    struct pt_walk w;
    pt_walk(b, bv[7], &w);
    cr_expect_eq(w.raw_pa, ppc600_pteg(b, bv[7], true) + 7 * 8, "b overflowed into its secondary");
    cr_expect_eq((uint32_t)(w.raw >> 32) & H, H);
    pt_take_flush(a);
    pt_take_flush(b);
    /* fill b's secondary PTEG, then one more evicts a's slot 0 */
    paddr_t s2 = ppc600_pteg(b, bv[0], true);
    unsigned k = 8;
    for (; k < 16; k++) {
        map(b, bv[k], 0x00200000u, PT_R);
        pt_walk(b, bv[k], &w);
        if (w.raw_pa == g1)
            break;
        cr_expect(w.raw_pa >= s2 && w.raw_pa < s2 + 64);
    }
    cr_assert_lt(k, 16, "some map of b evicted from the full primary PTEG");
    cr_expect_eq(w.raw_pa, g1, "slot 0 of the primary PTEG");
    cr_expect_eq(calls[ncalls - 2].pt, a, "removal reported against the owner");
    cr_expect_eq(calls[ncalls - 2].va, collide(va, 0), "with the victim's EA");
    cr_expect_eq(calls[ncalls - 1].pt, b);
    cr_expect(pt_take_flush(a), "the victim's table must flush");
    cr_expect_not(pt_take_flush(b));
    pt_walk(a, collide(va, 0), &w);
    cr_expect_eq(w.status, PTW_FAULT_L2);
    pt_walk(a, collide(va, 1), &w);
    cr_expect_eq(w.status, PTW_OK);
    pt_destroy(a);
    pt_destroy(b);
    mmu_destroy(m);
}

Test(pt_ppc600, remap_in_place)
{
    struct mmu *m = mk();
    struct pt *pt = mkpt(m, 1);
    const uint32_t va0 = 0x7FFF3000u;
    for (unsigned k = 0; k < 10; k++)     /* 8 primary, 2 secondary */
        map(pt, collide(va0, k), 0x00100000u + k * PG, PT_R | PT_W);
    pt_take_flush(pt);
    struct pt_walk w, w2;
    for (unsigned k = 3; k < 10; k += 6) {   /* one primary, one secondary */
        uint32_t va = collide(va0, k);
        pt_walk(pt, va, &w);
        struct pt_walk f;
        pt_fill(pt, va, PT_W, &f);
        cr_expect(f.d.changed);
        ncalls = 0;
        map(pt, va, 0x00100000u + k * PG, PT_R);
        cr_expect_eq(ncalls, 1);
        cr_expect_eq(calls[0].pte_pa, w.raw_pa, "same slot");
        cr_expect(pt_take_flush(pt), "write permission removed");
        pt_walk(pt, va, &w2);
        cr_expect_eq(w2.raw_pa, w.raw_pa);
        cr_expect_eq(w2.d.uprot, PT_R | PT_X);
        cr_expect(w2.d.referenced && w2.d.changed, "R/C kept: same frame");
        ncalls = 0;
        map(pt, va, 0x00100000u + k * PG, PT_R);
        cr_expect_eq(ncalls, 1, "reported even when unchanged");
        cr_expect_not(pt_take_flush(pt), "no change, no flush");
        map(pt, va, 0x00700000u, PT_R);
        pt_walk(pt, va, &w2);
        cr_expect_eq(w2.raw_pa, w.raw_pa);
        cr_expect_eq(w2.d.pa, 0x00700000u);
        cr_expect_not(w2.d.referenced || w2.d.changed, "new frame: R/C cleared");
        cr_expect(pt_take_flush(pt));
        cr_expect_eq(copies(pt, va), 1);
    }
    /* a corrupted table with a second copy of an entry: the re-map leaves one */
    uint32_t va = collide(va0, 9);
    pt_walk(pt, va, &w);
    paddr_t g2 = ppc600_pteg(pt, va, true);
    wr32(g2 + 7 * 8, (uint32_t)(w.raw >> 32));
    wr32(g2 + 7 * 8 + 4, 0x00500012u);
    cr_expect_eq(copies(pt, va), 2);
    map(pt, va, 0x00600000u, PT_R | PT_W);
    cr_expect_eq(copies(pt, va), 1);
    pt_walk(pt, va, &w);
    cr_expect_eq(w.d.pa, 0x00600000u);
    cr_expect_eq(rd32(g2 + 7 * 8), 0);
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_ppc600, unmap_finds_secondary)
{
    struct mmu *m = mk();
    struct pt *pt = mkpt(m, 1);
    const uint32_t va0 = 0x00012000u;
    for (unsigned k = 0; k < 10; k++)
        map(pt, collide(va0, k), 0x00100000u, PT_R);
    pt_take_flush(pt);
    struct pt_walk w;
    uint32_t va = collide(va0, 9);
    pt_walk(pt, va, &w);
    cr_assert_eq(w.raw_pa, ppc600_pteg(pt, va, true) + 8);
    ncalls = 0;
    pt_unmap(pt, va + 0x800);
    cr_expect_eq(ncalls, 1);
    cr_expect_eq(calls[0].va, va);
    cr_expect_eq(calls[0].new_raw, 0);
    cr_expect(pt_take_flush(pt));
    cr_expect_eq(rd32(w.raw_pa), 0);
    cr_expect_eq(rd32(w.raw_pa + 4), 0);
    pt_walk(pt, va, &w);
    cr_expect_eq(w.status, PTW_FAULT_L2);
    /* nothing there: no write, no flush */
    ncalls = 0;
    pt_unmap(pt, va);
    pt_unmap(pt, 0xF0000000u);
    cr_expect_eq(ncalls, 0);
    cr_expect_not(pt_take_flush(pt));
    /* a hole in the primary PTEG is used before the secondary */
    pt_unmap(pt, collide(va0, 4));
    map(pt, collide(va0, 20), 0x00100000u, PT_R);
    pt_walk(pt, collide(va0, 20), &w);
    cr_expect_eq(w.raw_pa, ppc600_pteg(pt, va0, false) + 4 * 8);
    pt_destroy(pt);
    mmu_destroy(m);
}

/* ------------------------------------------------------------------ */
/* R/C, processes, hooks                                               */

Test(pt_ppc600, fill_sets_r_and_c)
{
    struct mmu *m = mk();
    struct pt *pt = mkpt(m, 1);
    map(pt, 0x10000000u, 0x00300000u, PT_R | PT_W);
    map(pt, 0x10001000u, 0x00301000u, PT_R);
    pt_take_flush(pt);
    struct pt_walk w;
    pt_walk(pt, 0x10000000u, &w);
    paddr_t e = w.raw_pa;
    ncalls = 0;
    pt_walk(pt, 0x10000000u, &w);
    cr_expect_eq(rd32(e + 4) & 0x180, 0, "pt_walk has no side effects");
    pt_fill(pt, 0x10000004u, PT_R, &w);
    cr_assert_eq(w.status, PTW_OK);
    cr_expect_eq(rd32(e + 4) & 0x180, 0x100, "read: R");
    cr_expect(w.d.referenced);
    cr_expect_not(w.d.changed);
    cr_expect_eq((uint32_t)w.raw & 0x180, 0x100, "w shows the updated entry");
    pt_fill(pt, 0x10000008u, PT_W, &w);
    cr_expect_eq(rd32(e + 4) & 0x180, 0x180, "write: R and C");
    cr_expect(w.d.changed);
    pt_fill(pt, 0x10000000u, PT_X, &w);
    cr_expect_eq(w.pa, 0x00300000u);
    cr_expect_eq(ncalls, 0, "R/C updates are not PTE writes by the OS");
    cr_expect_not(pt_take_flush(pt));
    /* refused access: no R/C */
    pt_walk(pt, 0x10001000u, &w);
    e = w.raw_pa;
    pt_fill(pt, 0x10001000u, PT_W, &w);
    cr_expect_eq(w.status, PTW_OK);
    cr_expect_eq(w.d.uprot & PT_W, 0);
    cr_expect_eq(rd32(e + 4) & 0x180, 0, "a refused write changes nothing");
    pt_touch(pt, 0x10001000u, false);
    cr_expect_eq(rd32(e + 4) & 0x180, 0x100, "pt_touch sets R");
    pt_fill(pt, 0x20000000u, PT_R, &w);
    cr_expect_eq(w.status, PTW_FAULT_L2);
    pt_touch(pt, 0x20000000u, true);   /* no entry: no-op */
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_ppc600, two_processes_same_ea)
{
    struct mmu *m = mk();
    struct pt *a = mkpt(m, 1), *b = mkpt(m, 2);
    const uint32_t va = 0x00401000u;
    map(a, va, 0x00300000u, PT_R | PT_W);
    map(b, va, 0x00500000u, PT_R);
    cr_expect_neq(vsid(a, va), vsid(b, va));
    struct pt_walk wa, wb;
    pt_walk(a, va, &wa);
    pt_walk(b, va, &wb);
    cr_assert_eq(wa.status, PTW_OK);
    cr_assert_eq(wb.status, PTW_OK);
    cr_expect_eq(wa.pa, 0x00300000u);
    cr_expect_eq(wb.pa, 0x00500000u);
    cr_expect_neq(wa.raw_pa, wb.raw_pa);
    cr_expect_eq(wb.d.uprot, PT_R | PT_X);
    pt_unmap(a, va);
    pt_walk(a, va, &wa);
    pt_walk(b, va, &wb);
    cr_expect_eq(wa.status, PTW_FAULT_L2);
    cr_expect_eq(wb.status, PTW_OK, "b untouched");
    map(a, va, 0x00300000u, PT_R);
    map(a, 0xC0000000u, 0x00310000u, PT_R);
    /* destroying a clears a's entries only */
    paddr_t ea = 0;
    pt_walk(a, 0xC0000000u, &wa);
    ea = wa.raw_pa;
    pt_destroy(a);
    cr_expect_eq(rd32(ea), 0);
    pt_walk(b, va, &wb);
    cr_expect_eq(wb.status, PTW_OK);
    /* a new table with a's asid gets a's VSIDs again, and an empty view */
    struct pt *a2 = mkpt(m, 1);
    pt_walk(a2, va, &wa);
    cr_expect_eq(wa.status, PTW_FAULT_L2);
    pt_destroy(a2);
    pt_destroy(b);
    mmu_destroy(m);
}

Test(pt_ppc600, pa_out_of_reach)
{
    struct mmu *m = mk();
    struct pt *pt = mkpt(m, 1);
    struct pt_attr a = { .prot = PT_R };
    cr_expect_eq(pt_map(pt, 0x1000, 0x100000000ull, &a), -EINVAL);
    cr_expect_eq(pt_map(pt, 0x1000, 0xFFFFF000ull, &a), 0, "RPN is 20 bits: up to 4 GiB");
    struct pt_walk w;
    pt_walk(pt, 0x1FFF, &w);
    cr_expect_eq(w.status, PTW_OK, "translates; the bus faults it later");
    cr_expect_eq(w.pa, 0xFFFFFFFFu);
    pt_destroy(pt);
    mmu_destroy(m);
}

/* ------------------------------------------------------------------ */
/* Corruption and dump                                                 */

Test(pt_ppc600, corrupted_htab_never_crashes)
{
    struct mmu *m = mk();
    struct pt *pt = mkpt(m, 1), *q = mkpt(m, 2);
    paddr_t org;
    uint32_t size, mask;
    cr_assert_eq(ppc600_htab(m, &org, &size, &mask), 0);
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (uint32_t o = 0; o < size; o += 4) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        wr32(org + o, (uint32_t)x);
    }
    /* a crafted PTE for one EA whose RPN is nowhere */
    uint32_t va = 0x50003000u;
    paddr_t g = ppc600_pteg(pt, va, false);
    wr32(g, w0_of(pt, va, false));
    wr32(g + 4, 0xE0000000u | 0x12);
    struct pt_walk w;
    pt_walk(pt, va, &w);
    cr_expect_eq(w.status, PTW_OK);
    cr_expect_eq(w.pa, 0xE0000000u);
    FILE *null = fopen("/dev/null", "w");
    cr_assert_not_null(null);
    for (uint32_t i = 0; i < 4096; i++) {
        uint32_t v = i * 0x000F1000u;
        pt_walk(pt, v, &w);
        cr_expect(w.status == PTW_OK || w.status == PTW_FAULT_L2);
        pt_fill(pt, v, PT_W, &w);
        if (i % 16 == 0) {
            map(pt, v, 0x00100000u, PT_R);
            pt_walk(pt, v, &w);
            cr_expect_eq(w.status, PTW_OK, "a map always lands");
            cr_expect_eq(w.pa, 0x00100000u);
            cr_expect_eq(copies(pt, v), 1);
        }
        if (i % 32 == 0) {
            pt_unmap(q, v);
            pt_walk(q, v, &w);
            cr_expect_eq(w.status, PTW_FAULT_L2);
        }
    }
    pt_dump(pt, null);
    pt_dump(q, null);
    fclose(null);
    pt_destroy(q);
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_ppc600, dump_lists_pteg_lines)
{
    struct mmu *m = mk();
    struct pt *pt = mkpt(m, 1), *other = mkpt(m, 2);
    const uint32_t va0 = 0x10005000u;
    for (unsigned k = 0; k < 9; k++)
        map(pt, collide(va0, k), 0x00100000u + k * PG, k == 8 ? PT_R : PT_R | PT_W);
    map(other, 0x12345000u, 0x00700000u, PT_R);
    char *text = fx_dump(pt);
    paddr_t org;
    uint32_t size, mask;
    cr_assert_eq(ppc600_htab(m, &org, &size, &mask), 0);
    char want[256];
    snprintf(want, sizeof(want), "  HTAB org=0x%08llx size=0x10000 (1024 PTEGs) HTABMASK=0x000",
             (unsigned long long)org);
    cr_expect(strstr(text, want) != NULL, "%s", text);
    snprintf(want, sizeof(want), "  SR1  0x%08x VSID=0x%06x Ks=0 Kp=1 N=0\n", ppc600_sr(pt, 1),
             ppc600_sr(pt, 1) & 0xFFFFFF);
    cr_expect(strstr(text, want) != NULL, "%s\n%s", want, text);
    uint32_t idx = (uint32_t)((ppc600_pteg(pt, va0, false) - org) / 64);
    uint32_t w0 = w0_of(pt, va0, false);
    snprintf(want, sizeof(want),
             "  PTEG 0x%03x slot 0 primary ea=0x%08x raw=0x%08x_00100012 VSID=0x%06x API=0x%02x "
             "RPN=0x00100 WIMG=0010 (M) PP=10 R=0 C=0 rwx\n",
             idx, va0, w0, vsid(pt, va0), va0 >> 22 & 0x3F);
    cr_expect(strstr(text, want) != NULL, "%s\n%s", want, text);
    uint32_t va8 = collide(va0, 8);
    idx = (uint32_t)((ppc600_pteg(pt, va8, true) - org) / 64);
    snprintf(want, sizeof(want), "  PTEG 0x%03x slot 0 secondary ea=0x%08x ", idx, va8);
    cr_expect(strstr(text, want) != NULL, "%s\n%s", want, text);
    cr_expect(strstr(text, "  9 valid PTEs\n") != NULL, "%s", text);
    cr_expect(strstr(text, "ea=0x12345000") == NULL, "another process's entries stay out");
    cr_expect(strncmp(text, "pt asid=1 cpu=ppc600 root=", 26) == 0, "%s", text);
    free(text);
    pt_destroy(other);
    pt_destroy(pt);
    mmu_destroy(m);
}
