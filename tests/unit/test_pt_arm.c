/* test_pt_arm.c - ARM short-descriptor tables (ARMv6/v7, ARMv5 XScale): encode, walk,
 * decode, describe, corruption, flush flag, hooks, special bits. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmu_fixture.h"

static void setup(void)
{
    fx_machine(64 * MiB, false);
}

TestSuite(pt_arm, .init = setup, .fini = fx_teardown);

static const enum mmsim_cpu ARMS[] = { CPU_ARMV6, CPU_ARMV7 };

/* ------------------------------------------------------------------ */

Test(pt_arm, cpu_names)
{
    const char *names[] = { "armv5", "armv6", "armv7", "e500", "ppc600" };
    for (int i = 0; i < CPU_COUNT; i++) {
        enum mmsim_cpu c;
        cr_assert_eq(mmu_cpu_parse(names[i], &c), 0);
        cr_expect_eq(c, (enum mmsim_cpu)i);
        cr_expect_str_eq(mmu_cpu_name(c), names[i]);
    }
    enum mmsim_cpu c;
    cr_expect_eq(mmu_cpu_parse("armv8", &c), -EINVAL);
    cr_expect_eq(mmu_cpu_parse("ARMV6", &c), -EINVAL);
    cr_expect_eq(mmu_cpu_parse("", &c), -EINVAL);
    cr_expect_eq(mmu_cpu_parse(NULL, &c), -EINVAL);
    cr_expect_not(mmu_cpu_big_endian(CPU_ARMV5));
    cr_expect_not(mmu_cpu_big_endian(CPU_ARMV6));
    cr_expect_not(mmu_cpu_big_endian(CPU_ARMV7));
    cr_expect(mmu_cpu_big_endian(CPU_E500));
    cr_expect(mmu_cpu_big_endian(CPU_PPC600));
}

Test(pt_arm, other_flavours_not_yet)
{
    enum mmsim_cpu later[] = { CPU_COUNT };
    for (size_t i = 0; i < sizeof(later) / sizeof(later[0]); i++) {
        errno = 0;
        cr_expect_null(mmu_create(later[i], &P, &F, NULL));
        cr_expect_eq(errno, EINVAL);
    }
    errno = 0;
    cr_expect_null(mmu_create(CPU_ARMV6, NULL, &F, NULL));
    cr_expect_eq(errno, EINVAL);
    struct mmu *m = mmu_create(CPU_ARMV7, &P, &F, NULL);
    cr_assert_not_null(m);
    cr_expect_eq(mmu_cpu(m), CPU_ARMV7);
    mmu_destroy(m);
}

Test(pt_arm, create_root)
{
    for (int k = 0; k < 2; k++) {
        struct mmu *m = fx_mmu(ARMS[k]);
        uint64_t before = F.nfree;
        fx_dirty_frames(8); /* so zeroing is observable */
        struct pt *pt = pt_create(m, 7);
        cr_assert_not_null(pt);
        cr_expect_eq(pt_asid(pt), 7);
        cr_expect_eq(pt_root(pt) % (16 * 1024), 0, "L1 16 KiB aligned");
        cr_expect_neq(pt_root(pt), 0);
        for (uint32_t o = 0; o < 16 * 1024; o += 4)
            cr_assert_eq(rd32(pt_root(pt) + o), 0);
        for (uint32_t f = 0; f < 4; f++)
            cr_expect(frames_in_use(&F, pt_root(pt) + f * PG));
        cr_expect_eq(F.nfree, before - 4);
        pt_destroy(pt);
        cr_expect_eq(F.nfree, before);
        mmu_destroy(m);
    }
}

/* ------------------------------------------------------------------ */
/* Encode / decode round trip                                          */

struct prot_case {
    unsigned prot;
    bool     nocache;
    uint32_t bits;      /* expected PTE bits [11:0] */
    unsigned uprot;     /* expected decode */
    enum pt_memtype mt;
};

static const struct prot_case PROTS[] = {
    { PT_R,               false, 0xA2F, PT_R,               MT_NORMAL },
    { PT_R | PT_W,        false, 0x83F, PT_R | PT_W,        MT_NORMAL },
    { PT_R | PT_X,        false, 0xA2E, PT_R | PT_X,        MT_NORMAL },
    { PT_R | PT_W | PT_X, false, 0x83E, PT_R | PT_W | PT_X, MT_NORMAL },
    { PT_R,               true,  0xA23, PT_R,               MT_STRONGLY_ORDERED },
    { PT_R | PT_W,        true,  0x833, PT_R | PT_W,        MT_STRONGLY_ORDERED },
    { PT_R | PT_X,        true,  0xA22, PT_R | PT_X,        MT_STRONGLY_ORDERED },
    { PT_R | PT_W | PT_X, true,  0x832, PT_R | PT_W | PT_X, MT_STRONGLY_ORDERED },
    /* W or X alone: ARM cannot express write- or exec-without-read */
    { PT_W,               false, 0x83F, PT_R | PT_W,        MT_NORMAL },
    { PT_X,               false, 0xA2E, PT_R | PT_X,        MT_NORMAL },
};

Test(pt_arm, roundtrip_every_protection)
{
    for (int k = 0; k < 2; k++) {
        struct mmu *m = fx_mmu(ARMS[k]);
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
            cr_expect_eq(w.pa, pa + 0x123);
            cr_expect(w.d.valid);
            cr_expect_eq(w.d.pa, pa);
            cr_expect_eq(w.d.uprot, c->uprot, "case %zu uprot %u", i, w.d.uprot);
            cr_expect_eq(w.d.kprot, c->uprot, "privileged sees the same here");
            cr_expect_eq(w.d.memtype, c->mt);
            cr_expect_not(w.d.global, "user pages are nG");
            if (c->mt == MT_NORMAL) {
                cr_expect_eq(w.d.inner, PC_WB_NWA);
                cr_expect_eq(w.d.outer, PC_WB_NWA);
                cr_expect_not(w.d.shareable);
            } else {
                cr_expect_eq(w.d.inner, PC_NONCACHEABLE);
                cr_expect(w.d.shareable, "strongly ordered is always shareable");
            }
            fx_expect_decode_agrees(ARMS[k], &w);
        }
        pt_destroy(pt);
        mmu_destroy(m);
    }
}

struct special_case {
    uint32_t special;
    unsigned prot;
    uint32_t bits;
    enum pt_memtype mt;
    enum pt_cache inner, outer;
    bool shareable;
    unsigned uprot;
};

/* With special bits, XN comes from them alone (REFERENCE.md section 3:
 * "special bits replace TEX/C/B/S/XN of the template"), whatever PROT_EXEC
 * says; without them, a mapping without PROT_EXEC gets XN. */
static const struct special_case SPECIALS[] = {
    /* B: shareable device */
    { 0x004, PT_R | PT_W, 0x836, MT_DEVICE, PC_NONCACHEABLE, PC_NONCACHEABLE, true, PT_R | PT_W | PT_X },
    /* C: normal write-through */
    { 0x008, PT_R | PT_W | PT_X, 0x83A, MT_NORMAL, PC_WT, PC_WT, false, PT_R | PT_W | PT_X },
    /* TEX 001 C B: write-back write-allocate, shareable */
    { 0x44C, PT_R | PT_W, 0xC7E, MT_NORMAL, PC_WB_WA, PC_WB_WA, true, PT_R | PT_W | PT_X },
    /* TEX 001: normal non-cacheable, read-only */
    { 0x040, PT_R, 0xA62, MT_NORMAL, PC_NONCACHEABLE, PC_NONCACHEABLE, false, PT_R | PT_X },
    /* TEX 010: non-shareable device */
    { 0x080, PT_R | PT_W, 0x8B2, MT_DEVICE, PC_NONCACHEABLE, PC_NONCACHEABLE, false, PT_R | PT_W | PT_X },
    /* device with XN from the special bits */
    { 0x081, PT_R | PT_W, 0x8B3, MT_DEVICE, PC_NONCACHEABLE, PC_NONCACHEABLE, false, PT_R | PT_W },
    /* TEX 1BB/A/A: outer WT (10), inner WB-WA (01) */
    { 0x184, PT_R | PT_W, 0x9B6, MT_NORMAL, PC_WB_WA, PC_WT, false, PT_R | PT_W | PT_X },
    /* outer WB-WA (01), inner WB no-WA (11), S */
    { 0x54C, PT_R | PT_X, 0xF6E, MT_NORMAL, PC_WB_NWA, PC_WB_WA, true, PT_R | PT_X },
    /* outer NC (00), inner WT (10) */
    { 0x108, PT_R | PT_W, 0x93A, MT_NORMAL, PC_WT, PC_NONCACHEABLE, false, PT_R | PT_W | PT_X },
    /* XN from the special bits removes exec even if asked for */
    { 0x001, PT_R | PT_W | PT_X, 0x833, MT_STRONGLY_ORDERED, PC_NONCACHEABLE, PC_NONCACHEABLE,
      true, PT_R | PT_W },
};

Test(pt_arm, roundtrip_special_bits)
{
    for (int k = 0; k < 2; k++) {
        struct mmu *m = fx_mmu(ARMS[k]);
        struct pt *pt = pt_create(m, 1);
        cr_assert_not_null(pt);
        for (size_t i = 0; i < sizeof(SPECIALS) / sizeof(SPECIALS[0]); i++) {
            const struct special_case *c = &SPECIALS[i];
            const char *why = "unset";
            cr_assert_eq(mmu_check_special(m, c->special, &why), 0, "case %zu: %s", i, why);
            for (int nc = 0; nc < 2; nc++) {
                uint32_t va = 0x10000000u + (uint32_t)(2 * i + (size_t)nc) * PG;
                struct pt_attr a = { .prot = c->prot, .nocache = nc, .has_special = true,
                                     .special = c->special };
                struct pt_walk w = fx_map_walk(pt, va, 0x00300000u, &a, va);
                cr_expect_eq(w.raw, 0x00300000u | c->bits, "case %zu nc %d raw %#llx", i, nc,
                             (unsigned long long)w.raw);
                cr_expect_eq(w.d.memtype, c->mt, "case %zu", i);
                cr_expect_eq(w.d.inner, c->inner, "case %zu inner", i);
                cr_expect_eq(w.d.outer, c->outer, "case %zu outer", i);
                cr_expect_eq(w.d.shareable, c->shareable, "case %zu S", i);
                cr_expect_eq(w.d.uprot, c->uprot, "case %zu uprot", i);
            }
        }
        pt_destroy(pt);
        mmu_destroy(m);
    }
}

Test(pt_arm, decode_every_ap)
{
    /* APX/AP -> user, privileged (XN=0 so readable means executable) */
    const struct { unsigned apx, ap, u, kp; } t[] = {
        { 0, 0, 0, 0 },
        { 0, 1, 0, PT_R | PT_W | PT_X },
        { 0, 2, PT_R | PT_X, PT_R | PT_W | PT_X },
        { 0, 3, PT_R | PT_W | PT_X, PT_R | PT_W | PT_X },
        { 1, 0, 0, 0 },
        { 1, 1, 0, PT_R | PT_X },
        { 1, 2, PT_R | PT_X, PT_R | PT_X },
        { 1, 3, PT_R | PT_X, PT_R | PT_X },
    };
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
            uint32_t raw = 0x00100000u | t[i].apx << 9 | t[i].ap << 4 | 0xE;
            struct pt_decoded d;
            pt_decode(ARMS[k], raw, &d);
            cr_expect(d.valid);
            cr_expect_eq(d.uprot, t[i].u, "APX/AP %u/%u user", t[i].apx, t[i].ap);
            cr_expect_eq(d.kprot, t[i].kp, "APX/AP %u/%u priv", t[i].apx, t[i].ap);
            pt_decode(ARMS[k], raw | 1, &d);
            cr_expect_eq(d.uprot, t[i].u & ~PT_X);
            cr_expect_eq(d.kprot, t[i].kp & ~PT_X);
        }
    struct pt_decoded d;
    pt_decode(CPU_ARMV6, 0, &d);
    cr_expect_not(d.valid);
    pt_decode(CPU_ARMV6, 0xFFFFF000, &d);
    cr_expect_not(d.valid, "type 00 is a fault whatever the other bits");
}

Test(pt_arm, decode_memtypes)
{
    /* every TEX/C/B combination on a small page */
    struct { unsigned tcb; enum pt_memtype mt; enum pt_cache in, out; } t[] = {
        { 0x00, MT_STRONGLY_ORDERED, PC_NONCACHEABLE, PC_NONCACHEABLE },
        { 0x01, MT_DEVICE, PC_NONCACHEABLE, PC_NONCACHEABLE },
        { 0x02, MT_NORMAL, PC_WT, PC_WT },
        { 0x03, MT_NORMAL, PC_WB_NWA, PC_WB_NWA },
        { 0x04, MT_NORMAL, PC_NONCACHEABLE, PC_NONCACHEABLE },
        { 0x07, MT_NORMAL, PC_WB_WA, PC_WB_WA },
        { 0x08, MT_DEVICE, PC_NONCACHEABLE, PC_NONCACHEABLE },
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        uint32_t raw = 0x1000u | (t[i].tcb >> 2) << 6 | (t[i].tcb & 3) << 2 | 0x832;
        struct pt_decoded d;
        pt_decode(CPU_ARMV7, raw, &d);
        cr_expect_eq(d.memtype, t[i].mt, "tcb %#x", t[i].tcb);
        cr_expect_eq(d.inner, t[i].in, "tcb %#x", t[i].tcb);
        cr_expect_eq(d.outer, t[i].out, "tcb %#x", t[i].tcb);
    }
    const enum pt_cache pol[4] = { PC_NONCACHEABLE, PC_WB_WA, PC_WT, PC_WB_NWA };
    for (unsigned bb = 0; bb < 4; bb++)
        for (unsigned aa = 0; aa < 4; aa++) {
            uint32_t raw = 0x1000u | (4 | bb) << 6 | aa << 2 | 0x832;
            struct pt_decoded d;
            pt_decode(CPU_ARMV6, raw, &d);
            cr_expect_eq(d.memtype, MT_NORMAL);
            cr_expect_eq(d.outer, pol[bb]);
            cr_expect_eq(d.inner, pol[aa]);
        }
}

Test(pt_arm, describe_format)
{
    char buf[160];
    const struct describe_case t[] = {
        { CPU_ARMV6, 0x0023487Fu,
            "pa=0x00234000 small AP=rw- XN=1 TEX=001 C=1 B=1 S=0 nG=1 "
            "normal WB-WA/WB-WA" },
        { CPU_ARMV7, 0x00234A2Eu,
            "pa=0x00234000 small AP=r-x XN=0 TEX=000 C=1 B=1 S=0 nG=1 "
            "normal WB-noWA/WB-noWA" },
        { CPU_ARMV6, 0x00234837u,
            "pa=0x00234000 small AP=rw- XN=1 TEX=000 C=0 B=1 S=0 nG=1 "
            "device shareable" },
        { CPU_ARMV6, 0x00234833u,
            "pa=0x00234000 small AP=rw- XN=1 TEX=000 C=0 B=0 S=0 nG=1 "
            "strongly-ordered" },
        { CPU_ARMV6, 0x002340B3u,
            "pa=0x00234000 small AP=rw- XN=1 TEX=010 C=0 B=0 S=0 nG=0 "
            "device non-shareable" },
        { CPU_ARMV6, 0x0023401Fu,
            "pa=0x00234000 small AP=p:rw- XN=1 TEX=000 C=1 B=1 S=0 nG=0 "
            "normal WB-noWA/WB-noWA" },
        { CPU_ARMV6, 0x0023400Eu,
            "pa=0x00234000 small AP=--- XN=0 TEX=000 C=1 B=1 S=0 nG=0 "
            "normal WB-noWA/WB-noWA" },
        { CPU_ARMV6, 0x002340F2u,
            "pa=0x00234000 small AP=rwx XN=0 TEX=011 C=0 B=0 S=0 nG=0 reserved" },
        /* large page: TEX at [14:12], XN at 15 */
        { CPU_ARMV6, 0x0023D83Du,
            "pa=0x00230000 large AP=rw- XN=1 TEX=101 C=1 B=1 S=0 nG=1 "
            "normal WB-noWA/WB-WA" },
        { CPU_ARMV6, 0, "fault raw=0x00000000" },
    };
    fx_expect_describe(t, sizeof(t) / sizeof(t[0]));
    pt_describe(CPU_COUNT, 0x1234, buf, sizeof(buf));
    cr_expect(strstr(buf, "no decoder") != NULL);
    /* truncation is safe */
    pt_describe(CPU_ARMV6, 0x0023487Fu, buf, 10);
    cr_expect_str_eq(buf, "pa=0x0023");
    cr_expect_str_eq(pt_memtype_name(MT_DEVICE), "device");
    cr_expect_str_eq(pt_memtype_name(MT_STRONGLY_ORDERED), "strongly-ordered");
    cr_expect_str_eq(pt_cache_name(PC_WB_WA), "WB-WA");
    cr_expect_str_eq(pt_cache_name(PC_NONCACHEABLE), "NC");
    cr_expect_str_eq(pt_cache_name(PC_WT), "WT");
    cr_expect_str_eq(pt_cache_name(PC_WB_NWA), "WB-noWA");
}

/* ------------------------------------------------------------------ */
/* Walker                                                              */

Test(pt_arm, walk_mapped_and_unmapped)
{
    struct mmu *m = fx_mmu(CPU_ARMV6);
    struct pt *pt = pt_create(m, 1);
    struct pt_attr rw = { .prot = PT_R | PT_W };
    cr_assert_eq(pt_map(pt, 0x00501000, 0x00777000, &rw), 0);
    paddr_t l1pa = pt_root(pt) + 5 * 4;
    uint32_t l1 = rd32(l1pa);
    cr_expect_eq(l1 & 0x3FF, 0x001, "coarse, domain 0, bit 4 clear: %#x", l1);

    struct pt_walk w;
    pt_walk(pt, 0x00501FFC, &w);
    cr_assert_eq(w.status, PTW_OK);
    cr_expect_eq(w.pa, 0x00777FFC);
    cr_expect_eq(w.level, 2);
    cr_expect_eq(w.raw_pa, (l1 & 0xFFFFFC00u) + 1 * 4);
    cr_expect_eq(w.raw, rd32(w.raw_pa));

    /* same MiB, other page: L2 fault */
    pt_walk(pt, 0x00502000, &w);
    cr_expect_eq(w.status, PTW_FAULT_L2);
    cr_expect_eq(w.level, 2);
    cr_expect_eq(w.raw, 0);
    cr_expect_eq(w.raw_pa, (l1 & 0xFFFFFC00u) + 2 * 4);
    cr_expect_not(w.d.valid);

    /* other MiB (same 4 MiB group, L1 entry never written): L1 fault */
    pt_walk(pt, 0x00601000, &w);
    cr_expect_eq(w.status, PTW_FAULT_L1);
    cr_expect_eq(w.level, 1);
    cr_expect_eq(w.raw, 0);
    cr_expect_eq(w.raw_pa, pt_root(pt) + 6 * 4);

    /* far away */
    pt_walk(pt, 0xFFFFF000, &w);
    cr_expect_eq(w.status, PTW_FAULT_L1);
    cr_expect_eq(w.raw_pa, pt_root(pt) + 0xFFF * 4);

    /* unmap: L2 fault again */
    pt_unmap(pt, 0x00501000);
    pt_walk(pt, 0x00501000, &w);
    cr_expect_eq(w.status, PTW_FAULT_L2);
    pt_unmap(pt, 0x00501000);          /* no-op */
    pt_unmap(pt, 0x30000000);          /* no table at all: no-op */
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_arm, l2_tables_packed_four_per_frame)
{
    struct mmu *m = fx_mmu(CPU_ARMV7);
    struct pt *pt = pt_create(m, 1);
    struct pt_attr r = { .prot = PT_R };
    uint64_t before = F.nfree;
    for (uint32_t mib = 0; mib < 4; mib++)
        cr_assert_eq(pt_map(pt, 0x00800000 + mib * (uint32_t)MiB, 0x1000, &r), 0);
    cr_expect_eq(F.nfree, before - 1, "one frame for the four L2 tables of a 4 MiB group");
    paddr_t base = rd32(pt_root(pt) + 8 * 4) & 0xFFFFFC00u;
    cr_expect_eq(base % PG, 0);
    for (uint32_t mib = 0; mib < 4; mib++)
        cr_expect_eq(rd32(pt_root(pt) + (8 + mib) * 4), (uint32_t)base + mib * 1024 + 1);
    cr_assert_eq(pt_map(pt, 0x00C00000, 0x1000, &r), 0);
    cr_expect_eq(F.nfree, before - 2);
    pt_destroy(pt);
    cr_expect_eq(F.nfree, before + 4, "L1 and every L2 frame returned");
    mmu_destroy(m);
}

Test(pt_arm, walk_sections_and_large_pages)
{
    struct mmu *m = fx_mmu(CPU_ARMV6);
    struct pt *pt = pt_create(m, 1);
    struct pt_walk w;
    /* 1 MiB section at VA 0x20000000 -> PA 0x00300000: TEX 001 C B, AP 11,
     * XN, S, nG */
    uint32_t sec = 0x00300000u | 1u << 17 | 1u << 16 | 1u << 12 | 3u << 10 | 1u << 4 | 0xC | 2;
    wr32(pt_root(pt) + 0x200 * 4, sec);
    pt_walk(pt, 0x20012345, &w);
    cr_assert_eq(w.status, PTW_OK);
    cr_expect_eq(w.level, 1);
    cr_expect_eq(w.raw, sec);
    cr_expect_eq(w.pa, 0x00312345);
    cr_expect_eq(w.d.uprot, PT_R | PT_W);
    cr_expect_eq(w.d.inner, PC_WB_WA);
    cr_expect(w.d.shareable);
    cr_expect_not(w.d.global);
    /* supersection at VA 0x21000000 -> PA 0x01000000 (16 MiB) */
    uint32_t sup = 0x01000000u | 1u << 18 | 2u << 10 | 2;
    for (int i = 0; i < 16; i++) /* hardware wants 16 copies */
        wr32(pt_root(pt) + (0x210 + (uint32_t)i) * 4, sup);
    pt_walk(pt, 0x21ABCDEF, &w);
    cr_expect_eq(w.status, PTW_OK);
    cr_expect_eq(w.pa, 0x01ABCDEF);
    cr_expect_eq(w.d.uprot, PT_R | PT_X);
    cr_expect_eq(w.d.memtype, MT_STRONGLY_ORDERED);
    /* large page: build a table, then hand-write a 64 KiB entry */
    struct pt_attr rw = { .prot = PT_R | PT_W };
    cr_assert_eq(pt_map(pt, 0x30000000, 0x1000, &rw), 0);
    paddr_t l2 = rd32(pt_root(pt) + 0x300 * 4) & 0xFFFFFC00u;
    uint32_t large = 0x00A50000u | 1u << 15 | 5u << 12 | 3u << 4 | 0xC | 1;
    for (int i = 0; i < 16; i++) /* hardware wants 16 copies */
        wr32(l2 + (16 + i) * 4, large);
    pt_walk(pt, 0x3001ABCD, &w);
    cr_expect_eq(w.status, PTW_OK);
    cr_expect_eq(w.pa, 0x00A5ABCD);
    cr_expect_eq(w.d.uprot, PT_R | PT_W);
    cr_expect_eq(w.d.outer, PC_WB_WA);
    cr_expect_eq(w.d.inner, PC_WB_NWA);
    pt_destroy(pt);
    mmu_destroy(m);
}

/* Corrupt the L1 slot of a mapped MiB in many ways on flavour cpu. */
static void corrupt_l1(enum mmsim_cpu cpu)
{
    struct mmu *m = fx_mmu(cpu);
    struct pt *pt = pt_create(m, 1);
    struct pt_attr rw = { .prot = PT_R | PT_W };
    cr_assert_eq(pt_map(pt, 0x00100000, 0x5000, &rw), 0);
    uint64_t nfree = F.nfree;
    paddr_t slot = pt_root(pt) + 1 * 4;
    uint32_t good = rd32(slot);
    struct pt_walk w;

    wr32(slot, 0xFFFFFFFF);                 /* type 11: reserved */
    pt_walk(pt, 0x00100000, &w);
    cr_expect_eq(w.status, PTW_FAULT_L1);
    cr_expect_eq(w.raw, 0xFFFFFFFF);
    cr_expect_eq(w.raw_pa, slot);

    wr32(slot, 0x12345678);                 /* type 00 */
    pt_walk(pt, 0x00100000, &w);
    cr_expect_eq(w.status, PTW_FAULT_L1);

    wr32(slot, 0xFFFFFC01);                 /* coarse, L2 beyond RAM */
    pt_walk(pt, 0x00100000, &w);
    cr_expect_eq(w.status, PTW_BAD_TABLE);
    cr_expect_eq(w.level, 1);
    cr_expect_eq(w.raw, 0xFFFFFC01);

    wr32(slot, 0xC0000001);                 /* coarse, L2 in a device window */
    pt_walk(pt, 0x00100000, &w);
    cr_expect_eq(w.status, PTW_BAD_TABLE);

    wr32(slot, (uint32_t)(64 * MiB - 1024) | 1); /* last KiB of RAM: a table of zeros */
    pt_walk(pt, 0x001FF000, &w);
    cr_expect_eq(w.status, PTW_FAULT_L2);

    uint32_t s = 0x9E3779B9;
    for (int i = 0; i < 20000; i++) {
        wr32(slot, xorshift32(&s));
        pt_walk(pt, 0x00100000 | (xorshift32(&s) & 0xFFFFF), &w);
        cr_assert(w.status >= PTW_OK && w.status <= PTW_BAD_TABLE);
        if (w.status == PTW_OK)
            cr_assert(w.d.valid);
    }

    /* re-mapping repairs the L1 entry (and asks for a flush) */
    wr32(slot, 0xFFFFFC01);
    (void)pt_take_flush(pt);
    cr_assert_eq(pt_map(pt, 0x00101000, 0x6000, &rw), 0);
    cr_expect_eq(rd32(slot), good);
    cr_expect(pt_take_flush(pt));
    pt_walk(pt, 0x00100000, &w);
    cr_expect_eq(w.status, PTW_OK);
    cr_expect_eq(w.pa, 0x5000);
    cr_expect_eq(F.nfree, nfree);

    /* garbage in the whole L1 and in the L2: dump and walk survive */
    for (uint32_t o = 0; o < 16 * 1024; o += 4)
        wr32(pt_root(pt) + o, xorshift32(&s));
    for (uint32_t o = 0; o < 1024; o += 4)
        wr32((good & 0xFFFFFC00u) + o, xorshift32(&s));
    for (uint32_t va = 0; va < 0xFFF00000u; va += 0x100000)
        pt_walk(pt, va | (xorshift32(&s) & 0xFFFFF), &w);
    fx_dump_discard(pt);
    pt_destroy(pt);
    cr_expect_eq(F.nfree, nfree + 5, "bookkeeping, not RAM, says what to free");
    mmu_destroy(m);
}

Test(pt_arm, corrupted_l1_faults_never_crashes)
{
    cr_assert_eq(phys_add_device(&P, 0xC0000000, 0x10000, "dev"), 0);
    corrupt_l1(CPU_ARMV5);
    corrupt_l1(CPU_ARMV6);
    corrupt_l1(CPU_ARMV7);
}

/* ------------------------------------------------------------------ */
/* Flush flag and hooks                                                */

Test(pt_arm, flush_flag)
{
    struct mmu *m = fx_mmu(CPU_ARMV7);
    struct pt *pt = pt_create(m, 1);
    struct pt_attr rw = { .prot = PT_R | PT_W }, ro = { .prot = PT_R };
    cr_expect_not(pt_take_flush(pt));
    cr_assert_eq(pt_map(pt, 0x1000, 0x8000, &rw), 0);
    cr_expect_not(pt_take_flush(pt), "a new mapping over nothing needs no flush");
    cr_assert_eq(pt_map(pt, 0x2000, 0x9000, &rw), 0);
    cr_expect_not(pt_take_flush(pt));
    cr_assert_eq(pt_map(pt, 0x1000, 0x8000, &rw), 0);
    cr_expect_not(pt_take_flush(pt), "same value rewritten");
    cr_assert_eq(pt_map(pt, 0x1000, 0x8000, &ro), 0);
    cr_expect(pt_take_flush(pt), "fewer rights");
    cr_expect_not(pt_take_flush(pt), "take clears");
    cr_assert_eq(pt_map(pt, 0x1000, 0xA000, &ro), 0);
    cr_expect(pt_take_flush(pt), "other frame");
    pt_unmap(pt, 0x3000);
    cr_expect_not(pt_take_flush(pt), "unmapping nothing");
    pt_unmap(pt, 0x2000);
    cr_expect(pt_take_flush(pt), "removed");
    pt_unmap(pt, 0x2000);
    cr_expect_not(pt_take_flush(pt));
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_arm, hooks_see_old_and_new)
{
    struct mmu *m = fx_mmu(CPU_ARMV6);
    struct pt *pt = pt_create(m, 3);
    struct pt_attr rw = { .prot = PT_R | PT_W }, rx = { .prot = PT_R | PT_X };
    cr_assert_eq(pt_map(pt, 0x00042000, 0x8000, &rw), 0);
    cr_assert_eq(ncalls, 1, "only the leaf PTE is reported, not the L1 entry");
    struct pt_walk w;
    pt_walk(pt, 0x00042000, &w);
    cr_expect_eq(calls[0].va, 0x00042000);
    cr_expect_eq(calls[0].pte_pa, w.raw_pa);
    cr_expect_eq(calls[0].old_raw, 0);
    cr_expect_eq(calls[0].new_raw, 0x0000883F);
    cr_assert_eq(pt_map(pt, 0x00042000, 0x9000, &rx), 0);
    cr_assert_eq(ncalls, 2);
    cr_expect_eq(calls[1].old_raw, 0x0000883F);
    cr_expect_eq(calls[1].new_raw, 0x00009A2E);
    cr_assert_eq(pt_map(pt, 0x00042000, 0x9000, &rx), 0);
    cr_assert_eq(ncalls, 3, "every write is reported, even an unchanged one");
    cr_expect_eq(calls[2].old_raw, calls[2].new_raw);
    pt_unmap(pt, 0x00042000);
    cr_assert_eq(ncalls, 4);
    cr_expect_eq(calls[3].old_raw, 0x00009A2E);
    cr_expect_eq(calls[3].new_raw, 0);
    pt_unmap(pt, 0x00042000);
    cr_expect_eq(ncalls, 4, "nothing written, nothing reported");
    pt_destroy(pt);
    mmu_destroy(m);
    /* NULL hooks are fine */
    m = mmu_create(CPU_ARMV6, &P, &F, NULL);
    pt = pt_create(m, 1);
    cr_assert_eq(pt_map(pt, 0x1000, 0x8000, &rw), 0);
    pt_destroy(pt);
    mmu_destroy(m);
}

/* ------------------------------------------------------------------ */
/* Special bits, argument checks, exhaustion, dump                     */

Test(pt_arm, check_special)
{
    const uint32_t ok[] = { 0, 0x001, 0x004, 0x008, 0x00C, 0x040, 0x04C, 0x080,
                            0x100, 0x104, 0x108, 0x10C, 0x140, 0x18C, 0x1C0, 0x1CC,
                            0x400, 0x44C, 0x5CD };
    const struct { uint32_t sp; const char *why; } bad[] = {
        { 0x002, "bits outside the ARMv6/v7 special mask 0x5CD" },
        { 0x010, "bits outside the ARMv6/v7 special mask 0x5CD" },
        { 0x030, "bits outside the ARMv6/v7 special mask 0x5CD" },
        { 0x200, "bits outside the ARMv6/v7 special mask 0x5CD" },
        { 0x800, "bits outside the ARMv6/v7 special mask 0x5CD" },
        { 0x80000000, "bits outside the ARMv6/v7 special mask 0x5CD" },
        { 0x044, "TEX/C/B 001/0/1 is reserved" },
        { 0x048, "TEX/C/B 001/1/0 is reserved (implementation defined)" },
        { 0x084, "TEX/C/B 010/0/1 is reserved" },
        { 0x088, "TEX/C/B 010/1/0 is reserved" },
        { 0x08C, "TEX/C/B 010/1/1 is reserved" },
        { 0x0C0, "TEX 011 is reserved" },
        { 0x4CD, "TEX 011 is reserved" },
    };
    for (int k = 0; k < 2; k++) {
        struct mmu *m = fx_mmu(ARMS[k]);
        for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
            const char *why = "unset";
            cr_expect_eq(mmu_check_special(m, ok[i], &why), 0, "%#x: %s", ok[i], why);
        }
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
            const char *why = NULL;
            cr_expect_eq(mmu_check_special(m, bad[i].sp, &why), -EINVAL, "%#x", bad[i].sp);
            cr_expect_str_eq(why ? why : "(null)", bad[i].why);
        }
        cr_expect_eq(mmu_check_special(m, 0x0C0, NULL), -EINVAL, "why may be NULL");
        mmu_destroy(m);
    }
}

Test(pt_arm, map_argument_checks)
{
    struct mmu *m = fx_mmu(CPU_ARMV6);
    struct pt *pt = pt_create(m, 1);
    struct pt_attr rw = { .prot = PT_R | PT_W }, none = { .prot = 0 }, bad = { .prot = 8 };
    cr_expect_eq(pt_map(pt, 0x1001, 0x8000, &rw), -EINVAL);
    cr_expect_eq(pt_map(pt, 0x1000, 0x8004, &rw), -EINVAL);
    cr_expect_eq(pt_map(pt, 0x1000, 0x8000, &none), -EINVAL);
    cr_expect_eq(pt_map(pt, 0x1000, 0x8000, &bad), -EINVAL);
    cr_expect_eq(pt_map(pt, 0x1000, 0x8000, NULL), -EINVAL);
    cr_expect_eq(pt_map(pt, 0x1000, 0x100000000ull, &rw), -EINVAL, "beyond 32-bit PA");
    cr_expect_eq(ncalls, 0);
    /* device addresses are fine (they are below 4 GiB) */
    cr_expect_eq(pt_map(pt, 0xFFFFF000, 0xC0000000, &rw), 0);
    struct pt_walk w;
    pt_walk(pt, 0xFFFFFFFF, &w);
    cr_expect_eq(w.status, PTW_OK);
    cr_expect_eq(w.pa, 0xC0000FFF);
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_arm, out_of_frames)
{
    struct mmu *m = fx_mmu(CPU_ARMV6);
    paddr_t pa;
    uint64_t n;
    struct pt *pt = pt_create(m, 1);
    cr_assert_not_null(pt);
    while (frames_alloc_run(&F, 1024, &pa, &n) == 0) /* use up all RAM */
        ;
    cr_expect_null(pt_create(m, 2));
    struct pt_attr rw = { .prot = PT_R | PT_W };
    cr_expect_eq(pt_map(pt, 0x1000, 0x8000, &rw), -ENOMEM);
    frames_free(&F, 0x00800000, 1);
    cr_expect_eq(pt_map(pt, 0x1000, 0x8000, &rw), 0);
    cr_expect_eq(pt_map(pt, 0x2000, 0x8000, &rw), 0, "same L2 frame");
    cr_expect_eq(pt_map(pt, 0x00400000, 0x8000, &rw), -ENOMEM, "next group needs a frame");
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_arm, dump_lists_valid_entries)
{
    struct mmu *m = fx_mmu(CPU_ARMV6);
    struct pt *pt = pt_create(m, 9);
    struct pt_attr rw = { .prot = PT_R | PT_W }, rx = { .prot = PT_R | PT_X };
    cr_assert_eq(pt_map(pt, 0x00010000, 0x00234000, &rw), 0);
    cr_assert_eq(pt_map(pt, 0x00011000, 0x00235000, &rx), 0);
    cr_assert_eq(pt_map(pt, 0x40000000, 0x00236000, &rw), 0);
    pt_unmap(pt, 0x00011000);
    char *text = fx_dump(pt);
    paddr_t l2a = rd32(pt_root(pt)) & 0xFFFFFC00u;
    paddr_t l2b = rd32(pt_root(pt) + 0x400 * 4) & 0xFFFFFC00u;
    char expect[1024];
    snprintf(expect, sizeof(expect),
             "pt asid=9 cpu=armv6 root=0x%08llx\n"
             "  L1[0x000] va=0x00000000-0x000fffff raw=0x%08llx coarse L2=0x%08llx\n"
             "    va=0x00010000 raw=0x0023483f pa=0x00234000 small AP=rw- XN=1 TEX=000 C=1 B=1 "
             "S=0 nG=1 normal WB-noWA/WB-noWA\n"
             "  L1[0x400] va=0x40000000-0x400fffff raw=0x%08llx coarse L2=0x%08llx\n"
             "    va=0x40000000 raw=0x0023683f pa=0x00236000 small AP=rw- XN=1 TEX=000 C=1 B=1 "
             "S=0 nG=1 normal WB-noWA/WB-noWA\n",
             (unsigned long long)pt_root(pt), (unsigned long long)(l2a | 1),
             (unsigned long long)l2a, (unsigned long long)(l2b | 1), (unsigned long long)l2b);
    cr_expect_str_eq(text, expect);
    free(text);
    pt_destroy(pt);
    mmu_destroy(m);
}

/* ------------------------------------------------------------------ */
/* ARMv5 (XScale extended small pages)                                 */

Test(pt_arm, v5_roundtrip_every_protection)
{
    /* no execute-never on ARMv5: readable means executable */
    const struct { unsigned prot; bool nc; uint32_t bits; unsigned u; enum pt_memtype mt; } t[] = {
        { PT_R,               false, 0x02F, PT_R | PT_X,        MT_NORMAL },
        { PT_R | PT_W,        false, 0x03F, PT_R | PT_W | PT_X, MT_NORMAL },
        { PT_R | PT_X,        false, 0x02F, PT_R | PT_X,        MT_NORMAL },
        { PT_R | PT_W | PT_X, false, 0x03F, PT_R | PT_W | PT_X, MT_NORMAL },
        { PT_R,               true,  0x023, PT_R | PT_X,        MT_STRONGLY_ORDERED },
        { PT_R | PT_W,        true,  0x033, PT_R | PT_W | PT_X, MT_STRONGLY_ORDERED },
        { PT_R | PT_X,        true,  0x023, PT_R | PT_X,        MT_STRONGLY_ORDERED },
        { PT_R | PT_W | PT_X, true,  0x033, PT_R | PT_W | PT_X, MT_STRONGLY_ORDERED },
    };
    struct mmu *m = fx_mmu(CPU_ARMV5);
    struct pt *pt = pt_create(m, 1);
    cr_assert_not_null(pt);
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        uint32_t va = 0x00400000u + (uint32_t)i * PG;
        paddr_t pa = 0x00234000u + (paddr_t)i * PG;
        struct pt_attr a = { .prot = t[i].prot, .nocache = t[i].nc };
        struct pt_walk w = fx_map_walk(pt, va, pa, &a, va + 0x456);
        cr_expect_eq(w.raw, (uint32_t)pa | t[i].bits, "case %zu raw %#llx", i,
                     (unsigned long long)w.raw);
        cr_expect_eq(w.pa, pa + 0x456);
        cr_expect_eq(w.d.uprot, t[i].u, "case %zu", i);
        cr_expect_eq(w.d.kprot, PT_R | PT_W | PT_X);
        cr_expect_eq(w.d.memtype, t[i].mt);
        cr_expect_eq(w.d.inner, t[i].mt == MT_NORMAL ? PC_WB_NWA : PC_NONCACHEABLE);
        cr_expect(w.d.global);
        cr_expect_not(w.d.shareable);
        fx_expect_decode_agrees(CPU_ARMV5, &w);
    }
    cr_expect_eq(rd32(pt_root(pt) + 4 * 4) & 0x3FF, 0x011, "coarse, bit 4 set, domain 0");
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_arm, v5_special_bits)
{
    const struct { uint32_t sp, bits; enum pt_memtype mt; enum pt_cache pol; } t[] = {
        { 0x004, 0x037, MT_DEVICE, PC_NONCACHEABLE },   /* uncached buffered */
        { 0x008, 0x03B, MT_NORMAL, PC_WT },
        { 0x00C, 0x03F, MT_NORMAL, PC_WB_NWA },
        { 0x044, 0x077, MT_DEVICE, PC_NONCACHEABLE },   /* no coalescing */
        { 0x048, 0x07B, MT_NORMAL, PC_WB_NWA },         /* mini-data cache */
        { 0x04C, 0x07F, MT_NORMAL, PC_WB_WA },
    };
    struct mmu *m = fx_mmu(CPU_ARMV5);
    struct pt *pt = pt_create(m, 1);
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        const char *why = "unset";
        cr_assert_eq(mmu_check_special(m, t[i].sp, &why), 0, "%#x: %s", t[i].sp, why);
        struct pt_attr a = { .prot = PT_R | PT_W, .nocache = true, .has_special = true,
                             .special = t[i].sp };
        uint32_t va = 0x00100000u + (uint32_t)i * PG;
        cr_assert_eq(pt_map(pt, va, 0x8000, &a), 0);
        struct pt_walk w;
        pt_walk(pt, va, &w);
        cr_expect_eq(w.raw, 0x8000u | t[i].bits, "case %zu raw %#llx", i,
                     (unsigned long long)w.raw);
        cr_expect_eq(w.d.memtype, t[i].mt, "case %zu", i);
        cr_expect_eq(w.d.inner, t[i].pol, "case %zu", i);
        cr_expect_eq(w.d.outer, t[i].pol, "case %zu", i);
    }
    const struct { uint32_t sp; const char *why; } bad[] = {
        { 0x001, "bits outside the ARMv5 special mask 0x3CC" },
        { 0x010, "bits outside the ARMv5 special mask 0x3CC" },
        { 0x400, "bits outside the ARMv5 special mask 0x3CC" },
        { 0x080, "TEX bits 9:7 must be zero on XScale (only X, bit 6, is defined)" },
        { 0x20C, "TEX bits 9:7 must be zero on XScale (only X, bit 6, is defined)" },
        { 0x040, "XScale X/C/B 1/0/0 is unpredictable" },
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        const char *why = NULL;
        cr_expect_eq(mmu_check_special(m, bad[i].sp, &why), -EINVAL, "%#x", bad[i].sp);
        cr_expect_str_eq(why ? why : "(null)", bad[i].why);
    }
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_arm, v5_walker_domains_subpages_sections)
{
    struct mmu *m = fx_mmu(CPU_ARMV5);
    struct pt *pt = pt_create(m, 1);
    struct pt_attr rw = { .prot = PT_R | PT_W };
    struct pt_walk w;
    cr_assert_eq(pt_map(pt, 0x00200000, 0x8000, &rw), 0);
    paddr_t slot = pt_root(pt) + 2 * 4;
    uint32_t good = rd32(slot);
    pt_walk(pt, 0x00200000, &w);
    cr_expect_eq(w.status, PTW_OK);
    pt_walk(pt, 0x00201000, &w);
    cr_expect_eq(w.status, PTW_FAULT_L2);
    pt_walk(pt, 0x00300000, &w);
    cr_expect_eq(w.status, PTW_FAULT_L1);
    /* domain 1 is "no access": domain fault, reported at L1 */
    wr32(slot, good | 1u << 5);
    pt_walk(pt, 0x00200000, &w);
    cr_expect_eq(w.status, PTW_FAULT_L1);
    cr_expect_eq(w.raw, good | 1u << 5);
    cr_expect_not(w.d.valid);
    /* type 11 (fine table) is not modelled */
    wr32(slot, (good & 0xFFFFF000u) | 0x13);
    pt_walk(pt, 0x00200000, &w);
    cr_expect_eq(w.status, PTW_FAULT_L1);
    wr32(slot, good);

    /* section, domain 0, AP=11, X/C/B 0/1/0 */
    uint32_t sec = 0x00300000u | 3u << 10 | 0x10 | 0x8 | 2;
    wr32(pt_root(pt) + 0x100 * 4, sec);
    pt_walk(pt, 0x10054321, &w);
    cr_assert_eq(w.status, PTW_OK);
    cr_expect_eq(w.level, 1);
    cr_expect_eq(w.pa, 0x00354321);
    cr_expect_eq(w.d.uprot, PT_R | PT_W | PT_X);
    cr_expect_eq(w.d.inner, PC_WT);
    wr32(pt_root(pt) + 0x100 * 4, sec | 3u << 5);
    pt_walk(pt, 0x10054321, &w);
    cr_expect_eq(w.status, PTW_FAULT_L1, "section in domain 3");

    /* small page with four subpage APs: 11, 10, 00, 01 */
    paddr_t l2 = good & 0xFFFFFC00u;
    wr32(l2 + 5 * 4, 0x005004BEu);
    const unsigned u[4] = { PT_R | PT_W | PT_X, PT_R | PT_X, 0, 0 };
    const unsigned k[4] = { PT_R | PT_W | PT_X, PT_R | PT_W | PT_X, 0, PT_R | PT_W | PT_X };
    for (uint32_t sub = 0; sub < 4; sub++) {
        pt_walk(pt, 0x00205000 + sub * 0x400 + 8, &w);
        cr_assert_eq(w.status, PTW_OK);
        cr_expect_eq(w.pa, 0x00500000 + sub * 0x400 + 8);
        cr_expect_eq(w.d.uprot, u[sub], "subpage %u", sub);
        cr_expect_eq(w.d.kprot, k[sub], "subpage %u", sub);
    }
    /* large page, X/C/B 1/1/1 */
    for (int i = 0; i < 16; i++)
        wr32(l2 + (0x10 + (uint32_t)i) * 4, 0x00A51FFDu);
    pt_walk(pt, 0x0021ABCD, &w);
    cr_assert_eq(w.status, PTW_OK);
    cr_expect_eq(w.pa, 0x00A5ABCD);
    cr_expect_eq(w.d.inner, PC_WB_WA);
    cr_expect_eq(w.d.uprot, PT_R | PT_W | PT_X);
    pt_destroy(pt);
    mmu_destroy(m);
}

Test(pt_arm, v5_describe_and_dump)
{
    const struct describe_case t[] = {
        { CPU_ARMV5, 0x0023403Fu, "pa=0x00234000 ext-small AP=rwx TEX=0000 C=1 B=1 write-back-RA" },
        { CPU_ARMV5, 0x0023402Fu, "pa=0x00234000 ext-small AP=r-x TEX=0000 C=1 B=1 write-back-RA" },
        { CPU_ARMV5, 0x00234033u,
            "pa=0x00234000 ext-small AP=rwx TEX=0000 C=0 B=0 "
            "uncached-unbuffered" },
        { CPU_ARMV5, 0x0023407Bu, "pa=0x00234000 ext-small AP=rwx TEX=0001 C=1 B=0 mini-data" },
        { CPU_ARMV5, 0x00234073u, "pa=0x00234000 ext-small AP=rwx TEX=0001 C=0 B=0 unpredictable" },
        { CPU_ARMV5, 0x005004BEu,
            "pa=0x00500000 small AP=rwx,r-x,---,p:rwx TEX=0000 C=1 B=1 "
            "write-back-RA" },
        { CPU_ARMV5, 0, "fault raw=0x00000000" },
    };
    fx_expect_describe(t, sizeof(t) / sizeof(t[0]));

    struct mmu *m = fx_mmu(CPU_ARMV5);
    struct pt *pt = pt_create(m, 4);
    struct pt_attr ro = { .prot = PT_R };
    cr_assert_eq(pt_map(pt, 0x00010000, 0x00234000, &ro), 0);
    wr32(pt_root(pt) + 0x100 * 4, 0x00300000u | 3u << 10 | 0x10 | 0xC | 2);
    char *text = fx_dump(pt);
    paddr_t l2 = rd32(pt_root(pt)) & 0xFFFFFC00u;
    char expect[1024];
    snprintf(expect, sizeof(expect),
             "pt asid=4 cpu=armv5 root=0x%08llx\n"
             "  L1[0x000] va=0x00000000-0x000fffff raw=0x%08llx coarse L2=0x%08llx\n"
             "    va=0x00010000 raw=0x0023402f pa=0x00234000 ext-small AP=r-x TEX=0000 C=1 "
             "B=1 write-back-RA\n"
             "  L1[0x100] va=0x10000000-0x100fffff raw=0x00300c1e pa=0x00300000 section D=0 "
             "AP=rwx TEX=0000 C=1 B=1 write-back-RA\n",
             (unsigned long long)pt_root(pt), (unsigned long long)(l2 | 0x11),
             (unsigned long long)l2);
    cr_expect_str_eq(text, expect);
    free(text);
    /* hooks and flush work the same way */
    ncalls = 0;
    struct pt_attr rw = { .prot = PT_R | PT_W };
    cr_assert_eq(pt_map(pt, 0x00010000, 0x00234000, &rw), 0);
    cr_expect(pt_take_flush(pt));
    cr_expect_eq(ncalls, 1);
    cr_expect_eq(calls[0].old_raw, 0x0023402F);
    cr_expect_eq(calls[0].new_raw, 0x0023403F);
    pt_destroy(pt);
    mmu_destroy(m);
}
