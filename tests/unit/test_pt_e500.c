/* test_pt_e500.c - PowerPC e500 software page table and simulated TLB0:
 * encode, decode, describe, special bits, walker faults, TLB0 refill,
 * round-robin replacement, invalidation, TIDs, flush flag, hooks, dump. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../mmu/pt_e500.h"
#include "mmu_fixture.h"

#define SET_STRIDE (E500_TLB0_SETS * PG)   /* VAs this far apart share a set */

/* 64 MiB of RAM; tables are big-endian, as the PPC sees them. */
static void setup(void)
{
    fx_machine(64 * MiB, true);
}

TestSuite(pt_e500, .init = setup, .fini = fx_teardown);

/* e500 MMU with the recording hooks. */
static struct mmu *mk(void)
{
    return fx_mmu(CPU_E500);
}

/* L2 frame the L1 entry of va points at. */
static paddr_t l2_of(const struct pt *pt, uint32_t va)
{
    return rd32(pt_root(pt) + (va >> 22) * 4) & E500_L1_BASE;
}

static int in_tlb0(const struct mmu *m, uint32_t tid, uint32_t va)
{
    return pt_e500_tlb0_lookup(m, tid, va, NULL);
}

static uint64_t hits(const struct mmu *m)
{
    uint64_t h;
    pt_e500_tlb0_stats(m, &h, NULL);
    return h;
}

static uint64_t misses(const struct mmu *m)
{
    uint64_t x;
    pt_e500_tlb0_stats(m, NULL, &x);
    return x;
}

/* ------------------------------------------------------------------ */

Test(pt_e500, create_and_destroy)
{
    struct mmu *m = mk();
    cr_expect_eq(mmu_cpu(m), CPU_E500);
    cr_expect(mmu_cpu_big_endian(CPU_E500));
    uint64_t before = F.nfree;
    fx_dirty_frames(4); /* so zeroing is observable */
    struct pt *pt = pt_create(m, 9);
    cr_assert_not_null(pt);
    cr_expect_eq(pt_asid(pt), 9);
    cr_expect_eq(pt_root(pt) % PG, 0);
    for (uint32_t o = 0; o < PG; o += 4)
        cr_assert_eq(rd32(pt_root(pt) + o), 0, "L1 zeroed");
    cr_expect_eq(F.nfree, before - 1, "L1 is one frame");
    struct pt_attr r = { .prot = PT_R };
    for (uint32_t i = 0; i < 3; i++)
        cr_assert_eq(pt_map(pt, 0x10000000u + i * 4 * (uint32_t)MiB + i * PG, 0x1000, &r), 0);
    cr_assert_eq(pt_map(pt, 0x10001000u, 0x2000, &r), 0);  /* same 4 MiB as the first */
    cr_expect_eq(F.nfree, before - 4, "one L2 frame per 4 MiB");
    pt_destroy(pt);
    cr_expect_eq(F.nfree, before);
    mmu_destroy(m);
    /* the test query refuses other flavours */
    struct mmu *arm = mmu_create(CPU_ARMV6, &P, &F, NULL);
    cr_assert_not_null(arm);
    cr_expect_eq(pt_e500_tlb0_lookup(arm, 1, 0x1000, NULL), -EINVAL);
    cr_expect_eq(pt_e500_tlb0_nv(arm, 0), 0);
    mmu_destroy(arm);
}

/* ------------------------------------------------------------------ */
/* Encode / decode round trip                                          */

struct prot_case {
    unsigned prot;
    bool     nocache;
    uint32_t bits;      /* expected leaf bits [11:0] */
    unsigned uprot, kprot;
    enum pt_memtype mt;
    enum pt_cache cache;
    bool guarded;
};

/* bits = MAS3 perms << 6 | WIMGE << 1 | V */
static const struct prot_case PROTS[] = {
    { PT_R,               false, 0x0C9, PT_R,               PT_R,               MT_NORMAL, PC_WB_WA, false },
    { PT_R | PT_W,        false, 0x3C9, PT_R | PT_W,        PT_R | PT_W,        MT_NORMAL, PC_WB_WA, false },
    { PT_R | PT_X,        false, 0xCC9, PT_R | PT_X,        PT_R | PT_X,        MT_NORMAL, PC_WB_WA, false },
    { PT_R | PT_W | PT_X, false, 0xFC9, PT_R | PT_W | PT_X, PT_R | PT_W | PT_X, MT_NORMAL, PC_WB_WA, false },
    /* PROT_NOCACHE: I, and G unless executable */
    { PT_R,               true,  0x0DD, PT_R,               PT_R,               MT_DEVICE, PC_NONCACHEABLE, true },
    { PT_R | PT_W,        true,  0x3DD, PT_R | PT_W,        PT_R | PT_W,        MT_DEVICE, PC_NONCACHEABLE, true },
    { PT_R | PT_X,        true,  0xCD9, PT_R | PT_X,        PT_R | PT_X,        MT_NORMAL, PC_NONCACHEABLE, false },
    { PT_R | PT_W | PT_X, true,  0xFD9, PT_R | PT_W | PT_X, PT_R | PT_W | PT_X, MT_NORMAL, PC_NONCACHEABLE, false },
    /* Book-E can say write-only and execute-only; the supervisor always reads */
    { PT_W,               false, 0x349, PT_W,               PT_R | PT_W,        MT_NORMAL, PC_WB_WA, false },
    { PT_X,               false, 0xC49, PT_X,               PT_R | PT_X,        MT_NORMAL, PC_WB_WA, false },
};

Test(pt_e500, roundtrip_every_protection)
{
    struct mmu *m = mk();
    struct pt *pt = pt_create(m, 1);
    cr_assert_not_null(pt);
    for (size_t i = 0; i < sizeof(PROTS) / sizeof(PROTS[0]); i++) {
        const struct prot_case *c = &PROTS[i];
        uint32_t va = 0x00400000u + (uint32_t)i * PG;
        paddr_t pa = 0x00234000u + (paddr_t)i * PG;
        struct pt_attr a = { .prot = c->prot, .nocache = c->nocache };
        struct pt_walk w = fx_map_walk(pt, va, pa, &a, va + 0x123);
        cr_expect_eq(w.level, 2);
        cr_expect_eq(w.raw, (uint32_t)pa | c->bits, "case %zu raw %#llx", i,
                     (unsigned long long)w.raw);
        cr_expect_eq(w.raw, rd32(w.raw_pa));
        cr_expect_eq(w.pa, pa + 0x123);
        cr_expect(w.d.valid);
        cr_expect_eq(w.d.pa, pa);
        cr_expect_eq(w.d.uprot, c->uprot, "case %zu uprot %u", i, w.d.uprot);
        cr_expect_eq(w.d.kprot, c->kprot, "case %zu kprot %u", i, w.d.kprot);
        cr_expect_eq(w.d.memtype, c->mt, "case %zu", i);
        cr_expect_eq(w.d.inner, c->cache, "case %zu", i);
        cr_expect_eq(w.d.outer, c->cache);
        cr_expect(w.d.coherent, "plain and nocache pages keep M");
        cr_expect_eq(w.d.guarded, c->guarded, "case %zu", i);
        cr_expect_not(w.d.little_endian);
        cr_expect_not(w.d.global);
        cr_expect_not(w.d.shareable);
        fx_expect_decode_agrees(CPU_E500, &w);
        /* pt_fill agrees with the walk, on the miss and on the hit */
        for (int k = 0; k < 2; k++) {
            struct pt_walk f;
            pt_fill(pt, va + 0x123, PT_R, &f);
            cr_expect_eq(f.status, PTW_OK);
            cr_expect_eq(f.raw, w.raw);
            cr_expect_eq(f.raw_pa, w.raw_pa);
            cr_expect_eq(f.pa, w.pa);
            cr_expect_eq(f.level, 2);
            cr_expect_eq(memcmp(&f.d, &w.d, sizeof(f.d)), 0, "case %zu fill %d", i, k);
        }
    }
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_e500, roundtrip_special_bits)
{
    struct mmu *m = mk();
    struct pt *pt = pt_create(m, 1);
    const unsigned prots[] = { PT_R, PT_R | PT_W, PT_R | PT_X, PT_R | PT_W | PT_X };
    int n = 0;
    for (uint32_t s = 1; s <= 0x1F; s++) {
        if ((s & E500_W) && (s & E500_I))
            continue;
        cr_assert_eq(mmu_check_special(m, s, NULL), 0, "special %#x", s);
        for (int p = 0; p < 4; p++)
            for (int nc = 0; nc < 2; nc++) {
                uint32_t va = 0x20000000u + (uint32_t)n++ * PG;
                struct pt_attr a = { .prot = prots[p], .nocache = nc, .has_special = true,
                                     .special = s };
                struct pt_walk w = fx_map_walk(pt, va, 0x00300000u, &a, va);
                cr_expect_eq((w.raw & E500_LEAF_WIMGE) >> E500_LEAF_WIMGE_SHIFT, s,
                             "WIMGE = special exactly, nocache %d ignored", nc);
                unsigned want = s & E500_G ? prots[p] & ~PT_X : prots[p]; /* G: no fetch */
                cr_expect_eq(w.d.uprot, want);
                cr_expect_eq(w.d.kprot, want, "prots here all include R");
                cr_expect_eq(w.d.coherent, (s & E500_M) != 0);
                cr_expect_eq(w.d.guarded, (s & E500_G) != 0);
                cr_expect_eq(w.d.little_endian, (s & E500_E) != 0);
                enum pt_cache c = s & E500_I ? PC_NONCACHEABLE : s & E500_W ? PC_WT : PC_WB_WA;
                cr_expect_eq(w.d.inner, c, "special %#x", s);
                cr_expect_eq(w.d.outer, c);
                cr_expect_eq(w.d.memtype,
                             (s & (E500_I | E500_G)) == (E500_I | E500_G) ? MT_DEVICE : MT_NORMAL);
                fx_expect_decode_agrees(CPU_E500, &w);
            }
    }
    /* a few exact leaves */
    struct { uint32_t special; unsigned prot; uint32_t bits; } t[] = {
        { E500_I | E500_G, PT_R | PT_W, 0x3D5 },          /* FIFO: no M */
        { E500_W | E500_M, PT_R | PT_W | PT_X, 0xFE9 },   /* write-through coherent */
        { E500_E, PT_R, 0x0C3 },                          /* little-endian, not coherent */
        { E500_G, PT_R | PT_X, 0xCC5 },                   /* guarded alone is accepted */
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        struct pt_attr a = { .prot = t[i].prot, .nocache = true, .has_special = true,
                             .special = t[i].special };
        cr_assert_eq(pt_map(pt, 0x30000000, 0x00555000, &a), 0);
        struct pt_walk w;
        pt_walk(pt, 0x30000000, &w);
        cr_expect_eq(w.raw, 0x00555000u | t[i].bits, "case %zu raw %#llx", i,
                     (unsigned long long)w.raw);
    }
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_e500, check_special_accept_reject)
{
    struct mmu *m = mk();
    for (uint32_t s = 0; s <= 0x1F; s++) {
        const char *why = "unset";
        int r = mmu_check_special(m, s, &why);
        if ((s & 0x18) == 0x18) {
            cr_expect_eq(r, -EINVAL, "special %#x", s);
            cr_expect_str_eq(why, "W=1 with I=1 is not supported");
        } else {
            cr_expect_eq(r, 0, "special %#x: %s", s, why);
            cr_expect_null(why);
        }
    }
    const uint32_t outside[] = { 0x20, 0x21, 0x40, 0x100, 0x80000000u, 0xFFFFFFFFu };
    for (size_t i = 0; i < sizeof(outside) / sizeof(outside[0]); i++) {
        const char *why = NULL;
        cr_expect_eq(mmu_check_special(m, outside[i], &why), -EINVAL);
        cr_expect_str_eq(why, "bits outside the PPC special mask 0x1F");
    }
    cr_expect_eq(mmu_check_special(m, 0x18, NULL), -EINVAL, "why may be NULL");
    cr_expect_eq(mmu_check_special(m, E500_E, NULL), 0, "E is allowed on e500");
    cr_expect_eq(mmu_check_special(m, E500_G, NULL), 0, "G alone is fine");
    mmu_destroy(m);
}

Test(pt_e500, decode_and_describe)
{
    char buf[160];
    const struct describe_case t[] = {
        { CPU_E500, 0x002343C9u,
            "pa=0x00234000 V=1 WIMGE=00100 (M) U=rw- S=rw- normal WB-WA coherent" },
        { CPU_E500, 0x002343DDu,
            "pa=0x00234000 V=1 WIMGE=01110 (IMG) U=rw- S=rw- device NC "
            "coherent guarded" },
        { CPU_E500, 0x00234CD9u,
            "pa=0x00234000 V=1 WIMGE=01100 (IM) U=r-x S=r-x normal NC coherent" },
        { CPU_E500, 0x00234FE9u,
            "pa=0x00234000 V=1 WIMGE=10100 (WM) U=rwx S=rwx normal WT coherent" },
        { CPU_E500, 0x002340C3u,
            "pa=0x00234000 V=1 WIMGE=00001 (E) U=r-- S=r-- normal WB-WA "
            "little-endian" },
        { CPU_E500, 0x00234041u, "pa=0x00234000 V=1 WIMGE=00000 (-) U=--- S=r-- normal WB-WA" },
        { CPU_E500, 0x00234C49u,
            "pa=0x00234000 V=1 WIMGE=00100 (M) U=--x S=r-x normal WB-WA coherent" },
        { CPU_E500, 0, "fault raw=0x00000000" },
        { CPU_E500, 0xFFFFFFFEu, "fault raw=0xfffffffe" },
    };
    fx_expect_describe(t, sizeof(t) / sizeof(t[0]));
    pt_describe(CPU_E500, 0x002343C9u, buf, 10);
    cr_expect_str_eq(buf, "pa=0x0023", "truncation is safe");

    struct pt_decoded d;
    pt_decode(CPU_E500, 0, &d);
    cr_expect_not(d.valid);
    pt_decode(CPU_E500, 0xFFFFFFFEu, &d);
    cr_expect_not(d.valid, "V=0 is invalid whatever the other bits");
    cr_expect_eq(d.uprot, 0);
    /* W=1 with I=1 (never written by us) reads as cache-inhibited */
    pt_decode(CPU_E500, 0x00001000u | 0x0C0 | (E500_W | E500_I) << 1 | 1, &d);
    cr_expect(d.valid);
    cr_expect_eq(d.inner, PC_NONCACHEABLE);
    cr_expect_eq(d.memtype, MT_NORMAL);
    /* each permission bit on its own */
    const struct { unsigned bit, u, k; } p[] = {
        { E500_UR, PT_R, 0 }, { E500_UW, PT_W, 0 }, { E500_UX, PT_X, 0 },
        { E500_SR, 0, PT_R }, { E500_SW, 0, PT_W }, { E500_SX, 0, PT_X },
    };
    for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
        pt_decode(CPU_E500, 0x5000u | p[i].bit << E500_LEAF_PERM_SHIFT | 1, &d);
        cr_expect_eq(d.uprot, p[i].u, "bit %#x", p[i].bit);
        cr_expect_eq(d.kprot, p[i].k, "bit %#x", p[i].bit);
        cr_expect_eq(d.pa, 0x5000);
    }
}

Test(pt_e500, map_rejects_pa_above_4g)
{
    struct mmu *m = mk();
    struct pt *pt = pt_create(m, 1);
    struct pt_attr r = { .prot = PT_R };
    cr_expect_eq(pt_map(pt, 0x1000, 0x100000000ull, &r), -EINVAL);
    cr_expect_eq(pt_map(pt, 0x1001, 0x1000, &r), -EINVAL);
    cr_expect_eq(ncalls, 0);
    pt_destroy(pt);
    mmu_destroy(m);
}

/* ------------------------------------------------------------------ */
/* Walker                                                              */

Test(pt_e500, walk_mapped_and_unmapped)
{
    struct mmu *m = mk();
    struct pt *pt = pt_create(m, 1);
    struct pt_attr rw = { .prot = PT_R | PT_W };
    cr_assert_eq(pt_map(pt, 0x00401000, 0x00777000, &rw), 0);
    paddr_t l1pa = pt_root(pt) + 1 * 4;
    uint32_t l1 = rd32(l1pa);
    cr_expect_eq(l1 & 0xFFF, E500_L1_V, "L1 = L2 frame | V: %#x", l1);
    uint32_t le;
    cr_assert_eq(phys_read32(&P, l1pa, false, &le), 0);
    cr_expect_eq(le, __builtin_bswap32(l1), "tables are big-endian");

    struct pt_walk w;
    pt_walk(pt, 0x00401FFC, &w);
    cr_assert_eq(w.status, PTW_OK);
    cr_expect_eq(w.pa, 0x00777FFC);
    cr_expect_eq(w.level, 2);
    cr_expect_eq(w.raw_pa, (l1 & E500_L1_BASE) + 1 * 4);
    cr_expect_eq(w.raw, 0x007773C9u);

    pt_walk(pt, 0x00402000, &w);          /* same 4 MiB, other page */
    cr_expect_eq(w.status, PTW_FAULT_L2);
    cr_expect_eq(w.level, 2);
    cr_expect_eq(w.raw, 0);
    cr_expect_eq(w.raw_pa, (l1 & E500_L1_BASE) + 2 * 4);
    cr_expect_not(w.d.valid);

    pt_walk(pt, 0x00800000, &w);          /* next 4 MiB: no L2 */
    cr_expect_eq(w.status, PTW_FAULT_L1);
    cr_expect_eq(w.level, 1);
    cr_expect_eq(w.raw, 0);
    cr_expect_eq(w.raw_pa, pt_root(pt) + 2 * 4);

    pt_walk(pt, 0xFFFFF000, &w);
    cr_expect_eq(w.status, PTW_FAULT_L1);
    cr_expect_eq(w.raw_pa, pt_root(pt) + 0x3FF * 4);

    pt_unmap(pt, 0x00401000);
    pt_walk(pt, 0x00401000, &w);
    cr_expect_eq(w.status, PTW_FAULT_L2);
    pt_unmap(pt, 0x00401000);             /* no-op */
    pt_unmap(pt, 0x30000000);             /* no table at all: no-op */
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_e500, corrupted_l1_faults_never_crashes)
{
    cr_assert_eq(phys_add_device(&P, 0xC0000000, 0x10000, "dev"), 0);
    struct mmu *m = mk();
    struct pt *pt = pt_create(m, 1);
    struct pt_attr rw = { .prot = PT_R | PT_W };
    cr_assert_eq(pt_map(pt, 0x00400000, 0x5000, &rw), 0);
    uint64_t nfree = F.nfree;
    paddr_t slot = pt_root(pt) + 1 * 4;
    uint32_t good = rd32(slot);
    struct pt_walk w;

    wr32(slot, 0xFFFFF001);                 /* L2 beyond RAM */
    pt_walk(pt, 0x00400000, &w);
    cr_expect_eq(w.status, PTW_BAD_TABLE);
    cr_expect_eq(w.level, 1);
    cr_expect_eq(w.raw, 0xFFFFF001);
    cr_expect_eq(w.raw_pa, slot);
    cr_expect_not(w.d.valid);

    wr32(slot, 0xC0000001);                 /* L2 in a device window */
    pt_walk(pt, 0x00400000, &w);
    cr_expect_eq(w.status, PTW_BAD_TABLE);

    wr32(slot, good | 0x800);               /* reserved bit set */
    pt_walk(pt, 0x00400000, &w);
    cr_expect_eq(w.status, PTW_BAD_TABLE);

    wr32(slot, 0xDEADBEEE);                 /* V=0: not present, whatever else */
    pt_walk(pt, 0x00400000, &w);
    cr_expect_eq(w.status, PTW_FAULT_L1);
    cr_expect_eq(w.raw, 0xDEADBEEE);

    wr32(slot, (uint32_t)(64 * MiB - PG) | 1); /* last frame of RAM: zeros */
    pt_walk(pt, 0x00400000, &w);
    cr_expect_eq(w.status, PTW_FAULT_L2);

    /* pt_fill on a corrupted table faults the same way and loads nothing */
    wr32(slot, 0xFFFFF001);
    pt_fill(pt, 0x00400000, PT_R, &w);
    cr_expect_eq(w.status, PTW_BAD_TABLE);
    cr_expect_eq(in_tlb0(m, 1, 0x00400000), 0);

    uint32_t s = 0x9E3779B9;
    for (int i = 0; i < 20000; i++) {
        wr32(slot, xorshift32(&s));
        uint32_t va = 0x00400000 | (xorshift32(&s) & 0x3FFFFF);
        pt_walk(pt, va, &w);
        cr_assert(w.status >= PTW_OK && w.status <= PTW_BAD_TABLE);
        if (w.status == PTW_OK)
            cr_assert(w.d.valid);
        pt_fill(pt, va, PT_R, &w);
        cr_assert(w.status >= PTW_OK && w.status <= PTW_BAD_TABLE);
    }

    /* re-mapping repairs the L1 entry, asks for a flush and drops the
     * TID's TLB0 entries of that 4 MiB (loaded from garbage) */
    wr32(slot, good);
    pt_fill(pt, 0x00400000, PT_R, &w);
    cr_assert_eq(in_tlb0(m, 1, 0x00400000), 1);
    wr32(slot, 0xFFFFF001);
    (void)pt_take_flush(pt);
    cr_assert_eq(pt_map(pt, 0x00401000, 0x6000, &rw), 0);
    cr_expect_eq(rd32(slot), good);
    cr_expect(pt_take_flush(pt));
    cr_expect_eq(in_tlb0(m, 1, 0x00400000), 0);
    pt_walk(pt, 0x00400000, &w);
    cr_expect_eq(w.status, PTW_OK);
    cr_expect_eq(w.pa, 0x5000);
    cr_expect_eq(F.nfree, nfree);

    /* garbage in the whole L1 and in the L2: dump, walk and fill survive */
    for (uint32_t o = 0; o < PG; o += 4)
        wr32(pt_root(pt) + o, xorshift32(&s));
    for (uint32_t o = 0; o < PG; o += 4)
        wr32((good & E500_L1_BASE) + o, xorshift32(&s));
    wr32(pt_root(pt) + 5 * 4, good);        /* a valid L1 over garbage leaves */
    for (uint32_t va = 0; va < 0xFFC00000u; va += 0x400000) {
        pt_walk(pt, va | (xorshift32(&s) & 0x3FFFFF), &w);
        pt_fill(pt, va | (xorshift32(&s) & 0x3FFFFF), PT_W, &w);
    }
    fx_dump_discard(pt);
    pt_destroy(pt);
    cr_expect_eq(F.nfree, nfree + 2, "bookkeeping, not RAM, says what to free");
    mmu_destroy(m);
}

/* ------------------------------------------------------------------ */
/* TLB0                                                                */

Test(pt_e500, tlb0_refill_on_miss_then_hit)
{
    struct mmu *m = mk();
    struct pt *pt = pt_create(m, 3);
    struct pt_attr rw = { .prot = PT_R | PT_W };
    cr_assert_eq(pt_map(pt, 0x00401000, 0x00777000, &rw), 0);
    cr_expect_eq(in_tlb0(m, 3, 0x00401000), 0, "pt_map loads nothing");
    struct pt_walk w;
    pt_walk(pt, 0x00401000, &w);
    cr_expect_eq(in_tlb0(m, 3, 0x00401000), 0, "pt_walk is pure inspection");
    cr_expect_eq(hits(m) + misses(m), 0);

    pt_fill(pt, 0x00401234, PT_R, &w);
    cr_assert_eq(w.status, PTW_OK);
    cr_expect_eq(w.pa, 0x00777234);
    cr_expect_eq(misses(m), 1);
    cr_expect_eq(hits(m), 0);
    struct pt_e500_tlb0_entry e;
    cr_assert_eq(pt_e500_tlb0_lookup(m, 3, 0x00401FFF, &e), 1);
    cr_expect_eq(e.set, 1);
    cr_expect_eq(e.way, 0);
    cr_expect_eq(e.tid, 3);
    cr_expect_eq(e.epn, 0x00401000);
    cr_expect_eq(e.rpn, 0x00777000);
    cr_expect_eq(e.wimge, E500_M);
    cr_expect_eq(e.perms, E500_UR | E500_UW | E500_SR | E500_SW);
    cr_expect_eq(in_tlb0(m, 4, 0x00401000), 0, "other TIDs miss");

    pt_fill(pt, 0x00401FFC, PT_W, &w);
    cr_assert_eq(w.status, PTW_OK);
    cr_expect_eq(w.pa, 0x00777FFC);
    cr_expect_eq(w.raw, 0x007773C9u);
    cr_expect_eq(w.d.uprot, PT_R | PT_W);
    cr_expect_eq(hits(m), 1, "the second fill hits");
    cr_expect_eq(misses(m), 1);

    /* the hit really comes from TLB0: RAM behind it no longer matters
     * (hardware keeps a TLB entry until it is invalidated) */
    wr32(w.raw_pa, 0);
    pt_walk(pt, 0x00401000, &w);
    cr_expect_eq(w.status, PTW_FAULT_L2);
    pt_fill(pt, 0x00401000, PT_R, &w);
    cr_expect_eq(w.status, PTW_OK);
    cr_expect_eq(w.pa, 0x00777000);
    cr_expect_eq(hits(m), 2);

    /* a miss on an invalid leaf loads nothing */
    pt_fill(pt, 0x00402000, PT_R, &w);
    cr_expect_eq(w.status, PTW_FAULT_L2);
    cr_expect_eq(in_tlb0(m, 3, 0x00402000), 0);
    cr_expect_eq(misses(m), 2);

    /* an access the entry forbids still loads it: the caller checks */
    struct pt_attr ro = { .prot = PT_R };
    cr_assert_eq(pt_map(pt, 0x00403000, 0x00888000, &ro), 0);
    pt_fill(pt, 0x00403000, PT_W, &w);
    cr_expect_eq(w.status, PTW_OK);
    cr_expect_eq(w.d.uprot, PT_R);
    cr_expect_eq(in_tlb0(m, 3, 0x00403000), 1);
    cr_expect_eq(ncalls, 2, "fills write no PTE");
    cr_expect_not(pt_take_flush(pt), "fills set no flush");
    pt_destroy(pt);
    mmu_destroy(m);
}

/* Fill the pages va[0..n) of pt, each expecting frame pa[i]. */
static void fill_all(struct pt *pt, const uint32_t *va, const paddr_t *pa, int n)
{
    for (int i = 0; i < n; i++) {
        struct pt_walk w;
        pt_fill(pt, va[i] + 8, PT_R, &w);
        cr_assert_eq(w.status, PTW_OK, "page %d", i);
        cr_assert_eq(w.pa, pa[i] + 8, "page %d", i);
    }
}

/* Way of (tid, va) in TLB0, -1 if absent. */
static int way_of(const struct mmu *m, uint32_t tid, uint32_t va)
{
    struct pt_e500_tlb0_entry e;
    return pt_e500_tlb0_lookup(m, tid, va, &e) == 1 ? (int)e.way : -1;
}

/* Five pages in one set: record the way of each after filling in order. */
static void replacement_run(int ways_out[5], unsigned *nv_out)
{
    struct mmu *m = mk();
    struct pt *pt = pt_create(m, 1);
    struct pt_attr r = { .prot = PT_R };
    uint32_t va[5];
    paddr_t pa[5];
    for (int i = 0; i < 5; i++) {
        va[i] = 0x10005000u + (uint32_t)i * SET_STRIDE;
        pa[i] = 0x00100000u + (paddr_t)i * PG;
        cr_assert_eq(pt_map(pt, va[i], pa[i], &r), 0);
    }
    fill_all(pt, va, pa, 4);
    for (int i = 0; i < 4; i++)
        cr_expect_eq(way_of(m, 1, va[i]), i, "empty ways are used first, in order");
    cr_expect_eq(pt_e500_tlb0_nv(m, 5), 0);
    fill_all(pt, va + 4, pa + 4, 1);
    cr_expect_eq(way_of(m, 1, va[0]), -1, "the first page is the victim");
    cr_expect_eq(way_of(m, 1, va[4]), 0);
    cr_expect_eq(pt_e500_tlb0_nv(m, 5), 1);
    for (int i = 1; i < 4; i++)
        cr_expect_eq(way_of(m, 1, va[i]), i);

    /* the evicted page refills from the table, still right, evicting way 1 */
    uint64_t h = hits(m), x = misses(m);
    fill_all(pt, va, pa, 1);
    cr_expect_eq(misses(m), x + 1);
    cr_expect_eq(hits(m), h);
    cr_expect_eq(way_of(m, 1, va[0]), 1);
    cr_expect_eq(way_of(m, 1, va[1]), -1);
    cr_expect_eq(pt_e500_tlb0_nv(m, 5), 2);
    /* other sets untouched */
    for (unsigned s = 0; s < E500_TLB0_SETS; s++)
        if (s != 5)
            cr_expect_eq(pt_e500_tlb0_nv(m, s), 0);

    /* an invalidated way is reused before the round robin moves on */
    pt_unmap(pt, va[3]);
    cr_expect_eq(way_of(m, 1, va[3]), -1);
    fill_all(pt, va + 1, pa + 1, 1);
    cr_expect_eq(way_of(m, 1, va[1]), 3);
    cr_expect_eq(pt_e500_tlb0_nv(m, 5), 2);

    for (int i = 0; i < 5; i++)
        ways_out[i] = way_of(m, 1, va[i]);
    *nv_out = pt_e500_tlb0_nv(m, 5);
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_e500, tlb0_round_robin_replacement_is_deterministic)
{
    int a[5], b[5];
    unsigned na, nb;
    replacement_run(a, &na);
    replacement_run(b, &nb);
    cr_expect_eq(memcmp(a, b, sizeof(a)), 0);
    cr_expect_eq(na, nb);
    const int want[5] = { 1, 3, 2, -1, 0 };
    cr_expect_eq(memcmp(a, want, sizeof(a)), 0, "ways %d %d %d %d %d", a[0], a[1], a[2], a[3],
                 a[4]);
}

Test(pt_e500, tlb0_round_robin_wraps)
{
    struct mmu *m = mk();
    struct pt *pt = pt_create(m, 1);
    struct pt_attr r = { .prot = PT_R };
    uint32_t va[12];
    paddr_t pa[12];
    for (int i = 0; i < 12; i++) {
        va[i] = 0x00000000u + (uint32_t)(i + 1) * SET_STRIDE;  /* set 0 */
        pa[i] = 0x00200000u + (paddr_t)i * PG;
        cr_assert_eq(pt_map(pt, va[i], pa[i], &r), 0);
    }
    fill_all(pt, va, pa, 12);
    /* 4 into empty ways, then 8 evictions: ways 0,1,2,3,0,1,2,3 */
    for (int i = 0; i < 8; i++)
        cr_expect_eq(way_of(m, 1, va[i]), -1, "page %d evicted", i);
    for (int i = 8; i < 12; i++)
        cr_expect_eq(way_of(m, 1, va[i]), i - 8);
    cr_expect_eq(pt_e500_tlb0_nv(m, 0), 0, "wrapped back to way 0");
    fill_all(pt, va, pa, 12);               /* every translation still right */
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_e500, tlb0_invalidated_on_unmap_and_remap)
{
    struct mmu *m = mk();
    struct pt *pt = pt_create(m, 1);
    struct pt_attr rw = { .prot = PT_R | PT_W }, ro = { .prot = PT_R };
    struct pt_walk w;
    const uint32_t va = 0x00501000;

    cr_assert_eq(pt_map(pt, va, 0x00A00000, &rw), 0);
    pt_fill(pt, va, PT_R, &w);
    cr_assert_eq(in_tlb0(m, 1, va), 1);
    pt_unmap(pt, va);
    cr_expect_eq(in_tlb0(m, 1, va), 0, "unmap invalidates (TID, EPN)");
    pt_fill(pt, va, PT_R, &w);
    cr_expect_eq(w.status, PTW_FAULT_L2, "no stale translation after unmap");
    cr_expect_eq(in_tlb0(m, 1, va), 0);

    cr_assert_eq(pt_map(pt, va, 0x00B00000, &rw), 0);
    pt_fill(pt, va + 4, PT_R, &w);
    cr_expect_eq(w.status, PTW_OK);
    cr_expect_eq(w.pa, 0x00B00004, "unmap then map to another frame");

    /* remap over a loaded, valid entry: new frame and fewer rights */
    cr_assert_eq(pt_map(pt, va, 0x00C00000, &ro), 0);
    cr_expect_eq(in_tlb0(m, 1, va), 0, "map invalidates (TID, EPN)");
    pt_fill(pt, va, PT_W, &w);
    cr_expect_eq(w.status, PTW_OK);
    cr_expect_eq(w.pa, 0x00C00000);
    cr_expect_eq(w.d.uprot, PT_R);
    struct pt_e500_tlb0_entry e;
    cr_assert_eq(pt_e500_tlb0_lookup(m, 1, va, &e), 1);
    cr_expect_eq(e.rpn, 0x00C00000);
    cr_expect_eq(e.perms, E500_UR | E500_SR);

    /* a neighbour in the same set is not disturbed */
    cr_assert_eq(pt_map(pt, va + SET_STRIDE, 0x00D00000, &rw), 0);
    pt_fill(pt, va + SET_STRIDE, PT_R, &w);
    pt_unmap(pt, va);
    cr_expect_eq(in_tlb0(m, 1, va + SET_STRIDE), 1);
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_e500, tlb0_shared_by_two_tids)
{
    struct mmu *m = mk();
    struct pt *a = pt_create(m, 10), *b = pt_create(m, 20);
    cr_assert(a && b);
    struct pt_attr rw = { .prot = PT_R | PT_W };
    const uint32_t va = 0x40000000;
    cr_assert_eq(pt_map(a, va, 0x00A00000, &rw), 0);
    cr_assert_eq(pt_map(b, va, 0x00B00000, &rw), 0);
    cr_assert_eq(pt_map(b, va + PG, 0x00B01000, &rw), 0);
    struct pt_walk w;
    pt_fill(a, va, PT_R, &w);
    cr_expect_eq(w.pa, 0x00A00000);
    pt_fill(b, va, PT_R, &w);
    cr_expect_eq(w.pa, 0x00B00000, "same EPN, other TID: its own entry");
    pt_fill(b, va + PG, PT_R, &w);
    struct pt_e500_tlb0_entry ea, eb;
    cr_assert_eq(pt_e500_tlb0_lookup(m, 10, va, &ea), 1);
    cr_assert_eq(pt_e500_tlb0_lookup(m, 20, va, &eb), 1);
    cr_expect_eq(ea.set, eb.set, "one TLB0 for the machine");
    cr_expect_neq(ea.way, eb.way);
    cr_expect_eq(ea.rpn, 0x00A00000);
    cr_expect_eq(eb.rpn, 0x00B00000);
    /* both hit now */
    uint64_t h = hits(m);
    pt_fill(a, va, PT_R, &w);
    cr_expect_eq(w.pa, 0x00A00000);
    pt_fill(b, va, PT_R, &w);
    cr_expect_eq(w.pa, 0x00B00000);
    cr_expect_eq(hits(m), h + 2);
    /* one TID's unmap leaves the other's entry */
    pt_unmap(a, va);
    cr_expect_eq(in_tlb0(m, 10, va), 0);
    cr_expect_eq(in_tlb0(m, 20, va), 1);
    cr_assert_eq(pt_map(a, va, 0x00A00000, &rw), 0);
    pt_fill(a, va, PT_R, &w);
    /* destroying one table drops exactly its TID's entries */
    pt_destroy(b);
    cr_expect_eq(in_tlb0(m, 20, va), 0);
    cr_expect_eq(in_tlb0(m, 20, va + PG), 0);
    cr_expect_eq(in_tlb0(m, 10, va), 1);
    /* a new table with the old asid starts with nothing */
    b = pt_create(m, 20);
    pt_fill(b, va, PT_R, &w);
    cr_expect_eq(w.status, PTW_FAULT_L1);
    pt_destroy(b);
    pt_destroy(a);
    mmu_destroy(m);
}

/* ------------------------------------------------------------------ */
/* Flush flag and hooks                                                */

Test(pt_e500, hooks_and_flush_flag)
{
    struct mmu *m = mk();
    struct pt *pt = pt_create(m, 1);
    struct pt_attr rw = { .prot = PT_R | PT_W }, ro = { .prot = PT_R };
    cr_expect_not(pt_take_flush(pt));
    cr_assert_eq(pt_map(pt, 0x1000, 0x8000, &rw), 0);
    cr_expect_not(pt_take_flush(pt), "a new mapping over an empty entry needs no flush");
    cr_assert_eq(ncalls, 1);
    paddr_t pte_pa = l2_of(pt, 0x1000) + 1 * 4;
    cr_expect_eq(calls[0].va, 0x1000);
    cr_expect_eq(calls[0].pte_pa, pte_pa);
    cr_expect_eq(calls[0].old_raw, 0);
    cr_expect_eq(calls[0].new_raw, 0x83C9u);

    cr_assert_eq(pt_map(pt, 0x1000, 0x8000, &rw), 0);
    cr_expect_not(pt_take_flush(pt), "same value: no flush");
    cr_expect_eq(ncalls, 2, "but reported");
    cr_expect_eq(calls[1].old_raw, 0x83C9u);

    cr_assert_eq(pt_map(pt, 0x1000, 0x8000, &ro), 0);
    cr_expect(pt_take_flush(pt), "fewer rights: flush");
    cr_expect_not(pt_take_flush(pt), "taken");
    cr_expect_eq(calls[2].new_raw, 0x80C9u);

    cr_assert_eq(pt_map(pt, 0x1000, 0x9000, &ro), 0);
    cr_expect(pt_take_flush(pt), "other frame: flush");

    pt_unmap(pt, 0x1000);
    cr_expect(pt_take_flush(pt), "unmap: flush");
    cr_expect_eq(ncalls, 5);
    cr_expect_eq(calls[4].old_raw, 0x90C9u);
    cr_expect_eq(calls[4].new_raw, 0);
    cr_expect_eq(calls[4].pte_pa, pte_pa);
    pt_unmap(pt, 0x1000);
    cr_expect_eq(ncalls, 5, "nothing to clear: no report");
    cr_expect_not(pt_take_flush(pt));

    /* an L1 entry is not a leaf: not reported */
    cr_assert_eq(pt_map(pt, 0x00C00000, 0x8000, &rw), 0);
    cr_expect_eq(ncalls, 6);
    cr_expect_eq(calls[5].va, 0x00C00000);
    cr_expect_not(pt_take_flush(pt));
    pt_destroy(pt);
    mmu_destroy(m);
}

/* ------------------------------------------------------------------ */
/* Dump                                                                */

Test(pt_e500, dump_shows_table_and_tlb0)
{
    struct mmu *m = mk();
    struct pt *a = pt_create(m, 1), *b = pt_create(m, 2);
    struct pt_attr rw = { .prot = PT_R | PT_W };
    struct pt_attr fifo = { .prot = PT_R | PT_W, .has_special = true, .special = E500_I | E500_G };
    cr_assert_eq(pt_map(a, 0x00401000, 0x00777000, &rw), 0);
    cr_assert_eq(pt_map(a, 0x00402000, 0x00778000, &fifo), 0);
    cr_assert_eq(pt_map(b, 0x00401000, 0x00999000, &rw), 0);
    struct pt_walk w;
    pt_fill(a, 0x00401000, PT_R, &w);
    pt_fill(b, 0x00401000, PT_R, &w);
    /* five pages of a into set 3 to move its NV */
    for (uint32_t i = 0; i < 5; i++) {
        cr_assert_eq(pt_map(a, 0x10003000u + i * SET_STRIDE, 0x00100000u + i * PG, &rw), 0);
        pt_fill(a, 0x10003000u + i * SET_STRIDE, PT_R, &w);
    }

    char *text = fx_dump(a);
    char l1[96], root[64];
    snprintf(root, sizeof(root), "pt asid=1 cpu=e500 root=0x%08llx\n",
             (unsigned long long)pt_root(a));
    snprintf(l1, sizeof(l1), "  L1[0x001] va=0x00400000-0x007fffff raw=0x%08x L2=0x%08llx\n",
             (unsigned)(l2_of(a, 0x00401000) | 1), (unsigned long long)l2_of(a, 0x00401000));
    const char *want[] = {
        root,
        l1,
        "    va=0x00401000 raw=0x007773c9 pa=0x00777000 V=1 WIMGE=00100 (M) U=rw- S=rw- "
        "normal WB-WA coherent\n",
        "    va=0x00402000 raw=0x007783d5 pa=0x00778000 V=1 WIMGE=01010 (IG) U=rw- S=rw- "
        "device NC guarded\n",
        "  L1[0x040] va=0x10000000-0x103fffff",
        "  TLB0 (128 sets x 4 ways, * = TID 1):\n",
        "  * set 1 way 0: TID=1 EPN=0x00401000 RPN=0x00777000 WIMGE=00100 (M) "
        "perms=UW|UR|SW|SR\n",
        "    set 1 way 1: TID=2 EPN=0x00401000 RPN=0x00999000 WIMGE=00100 (M) "
        "perms=UW|UR|SW|SR\n",
        "  * set 3 way 0: TID=1 EPN=0x10203000 RPN=0x00104000",
        "  * set 3 way 1: TID=1 EPN=0x10083000 RPN=0x00101000",
        "  TLB0 NV set 3 = way 1\n",
    };
    const char *at = text;
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const char *hit = strstr(at, want[i]);
        cr_expect_not_null(hit, "missing, in order: \"%s\"\n--- dump ---\n%s", want[i], text);
        if (hit)
            at = hit;
    }
    cr_expect_null(strstr(text, "0x00402000 RPN"), "not filled, not in TLB0");
    cr_expect_null(strstr(text, "va=0x00401000 raw=0x009"), "b's table is not a's");
    free(text);
    pt_destroy(a);
    pt_destroy(b);
    mmu_destroy(m);
}
