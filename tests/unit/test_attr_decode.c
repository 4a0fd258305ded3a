/* test_attr_decode.c - the arch-neutral attribute decode of every memory
 * attribute encoding REFERENCE.md sections 3-4 list, on every flavour:
 *   ARMv6/v7  all 32 TEX/C/B values, each with S and XN off and on;
 *   ARMv5     all 8 XScale X/C/B values (and the TEX[9:7] / mask limits);
 *   e500      all 32 WIMGE values, with and without PROT_EXEC;
 *   ppc600    all 16 WIMG values (and E, which has no place there).
 * Each valid value goes through mmu_check_special, pt_map (as the special
 * bits of a user read-write page), pt_walk from RAM and pt_decode of the
 * raw entry; a refused one must give -EINVAL with a reason.  The expected
 * memory types and policies are written out here from the reference
 * tables, not computed by the code under test. */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include "mmu_fixture.h"

#define VA 0x00400000u
#define PA 0x00800000u

enum { NC = PC_NONCACHEABLE, WBWA = PC_WB_WA, WT = PC_WT, WBNWA = PC_WB_NWA };
enum { NORMAL = MT_NORMAL, DEVICE = MT_DEVICE, SO = MT_STRONGLY_ORDERED };
#define RSVD (-1)   /* memtype of a refused encoding */

/* One row of a reference table. */
struct row {
    unsigned bits;       /* TEX:C:B, X:C:B, WIMGE or WIMG as an index */
    int memtype;         /* NORMAL, DEVICE, SO, or RSVD (EINVAL) */
    int inner, outer;
    int shareable;       /* ARM: for S=0 (normal memory follows S) */
};

/* A page of `cpu` mapped read-write(-execute) with special bits sp; the
 * walk from RAM, after checking that pt_decode of its raw entry agrees. */
static struct pt_walk map_special(enum mmsim_cpu cpu, uint32_t sp, unsigned prot)
{
    fx_machine(32 * MiB, mmu_cpu_big_endian(cpu));
    struct mmu *m = fx_mmu(cpu);
    const char *why = "unset";
    cr_assert_eq(mmu_check_special(m, sp, &why), 0, "%s special %#x accepted",
                 mmu_cpu_name(cpu), sp);
    cr_expect_null(why, "no reason given for an accepted value");
    struct pt *pt = pt_create(m, 7);
    cr_assert_not_null(pt);
    struct pt_attr a = { .prot = prot, .has_special = true, .special = sp };
    struct pt_walk w = fx_map_walk(pt, VA, PA, &a, VA + 0x123);
    cr_expect_eq(w.pa, PA + 0x123);
    cr_expect(w.d.valid);
    cr_expect_eq(w.d.pa, PA);
    fx_expect_decode_agrees(cpu, &w);
    pt_destroy(pt);
    mmu_destroy(m);
    fx_teardown();
    return w;
}

/* sp must be refused by cpu's check with EINVAL and a reason. */
static void expect_refused(enum mmsim_cpu cpu, uint32_t sp)
{
    fx_machine(4 * MiB, mmu_cpu_big_endian(cpu));
    struct mmu *m = fx_mmu(cpu);
    const char *why = NULL;
    cr_expect_eq(mmu_check_special(m, sp, &why), -EINVAL, "%s special %#x refused",
                 mmu_cpu_name(cpu), sp);
    cr_expect(why && *why, "%s special %#x: a reason", mmu_cpu_name(cpu), sp);
    mmu_destroy(m);
    fx_teardown();
}

/* Memory type and policies of d must be those of row r. */
static void expect_row(const char *what, unsigned v, const struct pt_decoded *d,
                       const struct row *r)
{
    cr_expect_eq(d->memtype, r->memtype, "%s %#x: memtype %s", what, v,
                 pt_memtype_name(d->memtype));
    cr_expect_eq(d->inner, r->inner, "%s %#x: inner %s", what, v, pt_cache_name(d->inner));
    cr_expect_eq(d->outer, r->outer, "%s %#x: outer %s", what, v, pt_cache_name(d->outer));
    cr_expect_eq(d->speculative, r->memtype == NORMAL, "%s %#x: speculative", what, v);
}

/* ------------------------------------------------------------------ */
/* ARMv6/v7: TEX/C/B, index TEX << 2 | C << 1 | B (REFERENCE.md 3)    */

static const struct row v6_rows[32] = {
    { 000 << 2 | 0, SO,     NC,    NC,    1 },  /* strongly ordered */
    { 000 << 2 | 1, DEVICE, NC,    NC,    1 },  /* shareable device */
    { 000 << 2 | 2, NORMAL, WT,    WT,    0 },  /* WT, no write-allocate */
    { 000 << 2 | 3, NORMAL, WBNWA, WBNWA, 0 },  /* WB, no write-allocate */
    { 001 << 2 | 0, NORMAL, NC,    NC,    0 },  /* non-cacheable */
    { 001 << 2 | 1, RSVD,   0,     0,     0 },
    { 001 << 2 | 2, RSVD,   0,     0,     0 },
    { 001 << 2 | 3, NORMAL, WBWA,  WBWA,  0 },  /* WB write-allocate */
    { 002 << 2 | 0, DEVICE, NC,    NC,    0 },  /* non-shareable device */
    { 002 << 2 | 1, RSVD,   0,     0,     0 },
    { 002 << 2 | 2, RSVD,   0,     0,     0 },
    { 002 << 2 | 3, RSVD,   0,     0,     0 },
    { 003 << 2 | 0, RSVD,   0,     0,     0 },
    { 003 << 2 | 1, RSVD,   0,     0,     0 },
    { 003 << 2 | 2, RSVD,   0,     0,     0 },
    { 003 << 2 | 3, RSVD,   0,     0,     0 },
    /* 1BB/A/A: outer BB, inner AA; 00 NC, 01 WB+WA, 10 WT, 11 WB no-WA */
    { 004 << 2 | 0, NORMAL, NC,    NC,    0 },
    { 004 << 2 | 1, NORMAL, WBWA,  NC,    0 },
    { 004 << 2 | 2, NORMAL, WT,    NC,    0 },
    { 004 << 2 | 3, NORMAL, WBNWA, NC,    0 },
    { 005 << 2 | 0, NORMAL, NC,    WBWA,  0 },
    { 005 << 2 | 1, NORMAL, WBWA,  WBWA,  0 },
    { 005 << 2 | 2, NORMAL, WT,    WBWA,  0 },
    { 005 << 2 | 3, NORMAL, WBNWA, WBWA,  0 },
    { 006 << 2 | 0, NORMAL, NC,    WT,    0 },
    { 006 << 2 | 1, NORMAL, WBWA,  WT,    0 },
    { 006 << 2 | 2, NORMAL, WT,    WT,    0 },
    { 006 << 2 | 3, NORMAL, WBNWA, WT,    0 },
    { 007 << 2 | 0, NORMAL, NC,    WBNWA, 0 },
    { 007 << 2 | 1, NORMAL, WBWA,  WBNWA, 0 },
    { 007 << 2 | 2, NORMAL, WT,    WBNWA, 0 },
    { 007 << 2 | 3, NORMAL, WBNWA, WBNWA, 0 },
};

/* Every TEX/C/B with S and XN off and on, on one ARMv6/v7 flavour. */
static void v6_all(enum mmsim_cpu cpu)
{
    for (unsigned i = 0; i < 32; i++) {
        const struct row *r = &v6_rows[i];
        cr_assert_eq(r->bits, i, "table row %u in order", i);
        uint32_t tcb = (i >> 2) << 6 | (i >> 1 & 1) << 3 | (i & 1) << 2;
        for (unsigned k = 0; k < 4; k++) {
            bool s = k & 1, xn = k & 2;
            uint32_t sp = tcb | (s ? 0x400u : 0) | (xn ? 0x001u : 0);
            if (r->memtype == RSVD) {
                expect_refused(cpu, sp);
                continue;
            }
            /* special 0 means "no special bits" to shm_ctl_special; at
             * the PTE level it is TEX/C/B 000/0/0 like any other value */
            struct pt_walk w = map_special(cpu, sp, PT_R | PT_W);
            uint32_t raw = (uint32_t)w.raw;
            cr_expect_eq(raw & 0x5CDu, sp, "special bits %#x in the PTE %#x", sp, raw);
            cr_expect_eq(raw & ~0xFFFFF5CDu, 0x832u, "AP/nG/type from the RW template");
            expect_row("TEX/C/B/S/XN", sp, &w.d, r);
            bool want_sh = r->memtype == NORMAL ? s : r->shareable;
            cr_expect_eq(w.d.shareable, want_sh, "special %#x: shareable", sp);
            cr_expect_eq(w.d.xn, xn, "special %#x: xn", sp);
            cr_expect_eq(w.d.uprot, PT_R | PT_W | (xn ? 0 : PT_X), "special %#x: uprot", sp);
            cr_expect_eq(w.d.kprot, PT_R | PT_W | (xn ? 0 : PT_X), "special %#x: kprot", sp);
            cr_expect(!w.d.global && !w.d.coherent && !w.d.guarded && !w.d.little_endian,
                      "special %#x: no PPC attributes, nG", sp);
        }
    }
}

TestSuite(attr_decode);

Test(attr_decode, armv6_every_tex_c_b_s_xn)
{
    v6_all(CPU_ARMV6);
}

Test(attr_decode, armv7_every_tex_c_b_s_xn)
{
    v6_all(CPU_ARMV7);
}

Test(attr_decode, armv6_bits_outside_the_mask)
{
    static const uint32_t bad[] = { 0x002, 0x010, 0x020, 0x030, 0x200, 0x800, 0x1000,
                                    0x80000000u, 0x5CD | 0x002 };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        expect_refused(CPU_ARMV6, bad[i]);
        expect_refused(CPU_ARMV7, bad[i]);
    }
}

/* ------------------------------------------------------------------ */
/* ARMv5 (XScale extended small page): X/C/B, index X << 2 | C << 1 | B */

static const struct row v5_rows[8] = {
    { 0, SO,     NC,    NC,    0 },  /* uncached, unbuffered */
    { 1, DEVICE, NC,    NC,    0 },  /* uncached, buffered */
    { 2, NORMAL, WT,    WT,    0 },  /* write-through */
    { 3, NORMAL, WBNWA, WBNWA, 0 },  /* write-back, read-allocate */
    { 4, RSVD,   0,     0,     0 },  /* unpredictable */
    { 5, DEVICE, NC,    NC,    0 },  /* uncached, buffered, no coalescing */
    { 6, NORMAL, WBNWA, WBNWA, 0 },  /* mini-data cache */
    { 7, NORMAL, WBWA,  WBWA,  0 },  /* write-back, read/write-allocate */
};

Test(attr_decode, armv5_every_x_c_b)
{
    for (unsigned i = 0; i < 8; i++) {
        const struct row *r = &v5_rows[i];
        uint32_t sp = (i >> 2) << 6 | (i >> 1 & 1) << 3 | (i & 1) << 2;
        if (r->memtype == RSVD) {
            expect_refused(CPU_ARMV5, sp);
            continue;
        }
        struct pt_walk w = map_special(CPU_ARMV5, sp, PT_R | PT_W);
        uint32_t raw = (uint32_t)w.raw;
        cr_expect_eq(raw & 0x3CCu, sp, "special bits %#x in the PTE %#x", sp, raw);
        cr_expect_eq(raw & 0xC33u, 0x033u, "ext small page, AP=11 from the template");
        expect_row("X/C/B", sp, &w.d, r);
        cr_expect(!w.d.shareable && !w.d.xn && w.d.global, "X/C/B %#x: S/XN/global", sp);
        cr_expect_eq(w.d.uprot, PT_R | PT_W | PT_X, "no execute-never on ARMv5");
    }
}

Test(attr_decode, armv5_tex_9_7_and_outside_the_mask)
{
    static const uint32_t bad[] = { 0x080, 0x100, 0x200, 0x3C0, 0x0CC, 0x001, 0x002,
                                    0x400, 0x1000, 0x3CD };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        expect_refused(CPU_ARMV5, bad[i]);
}

/* ------------------------------------------------------------------ */
/* PowerPC: W 0x10 I 0x08 M 0x04 G 0x02 E 0x01 (REFERENCE.md 4)        */

/* Expected decode of WIMGE value v (W with I refused). */
static struct row ppc_row(unsigned v)
{
    bool w = v & 0x10, i = v & 0x08, g = v & 0x02;
    if (w && i)
        return (struct row){ v, RSVD, 0, 0, 0 };
    int pol = i ? NC : w ? WT : WBWA;
    return (struct row){ v, i && g ? DEVICE : NORMAL, pol, pol, 0 };
}

/* The attributes WIMGE v gives besides memory type and policy. */
static void expect_ppc_flags(const char *what, unsigned v, const struct pt_decoded *d)
{
    bool g = v & 0x02;
    cr_expect_eq(d->coherent, (v & 0x04) != 0, "%s %#x: coherent = M", what, v);
    cr_expect_eq(d->guarded, g, "%s %#x: guarded = G", what, v);
    cr_expect_eq(d->speculative, !g, "%s %#x: speculative = !G", what, v);
    cr_expect_eq(d->little_endian, (v & 0x01) != 0, "%s %#x: little-endian = E", what, v);
    cr_expect(!d->shareable && !d->global, "%s %#x: no ARM attributes", what, v);
}

Test(attr_decode, e500_every_wimge)
{
    for (unsigned v = 0; v < 32; v++) {
        struct row r = ppc_row(v);
        if (r.memtype == RSVD) {
            expect_refused(CPU_E500, v);
            continue;
        }
        for (int x = 0; x < 2; x++) {
            unsigned prot = PT_R | PT_W | (x ? PT_X : 0);
            struct pt_walk w = map_special(CPU_E500, v, prot);
            cr_expect_eq((uint32_t)w.raw >> 1 & 0x1F, v, "WIMGE %#x in the leaf %#llx", v,
                         (unsigned long long)w.raw);
            cr_expect_eq(w.d.memtype, r.memtype, "WIMGE %#x: memtype", v);
            cr_expect_eq(w.d.inner, r.inner, "WIMGE %#x: inner", v);
            cr_expect_eq(w.d.outer, r.outer, "WIMGE %#x: outer", v);
            expect_ppc_flags("WIMGE", v, &w.d);
            /* execute is the page's UX bit, and never on guarded storage
             * (REFERENCE.md section 4: G forbids instruction fetch) */
            bool g = v & 0x02;
            cr_expect_eq(w.d.xn, !x || g, "WIMGE %#x prot %#x: xn = !UX || G", v, prot);
            cr_expect_eq(w.d.uprot, g ? prot & ~PT_X : prot, "WIMGE %#x: uprot", v);
        }
    }
}

Test(attr_decode, e500_bits_outside_the_mask)
{
    static const uint32_t bad[] = { 0x20, 0x40, 0x100, 0x80000000u, 0x3F };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        expect_refused(CPU_E500, bad[i]);
}

Test(attr_decode, ppc600_every_wimg)
{
    for (unsigned v = 0; v < 32; v++) {
        struct row r = ppc_row(v);
        if (r.memtype == RSVD || (v & 0x01)) {   /* E has no place in a 600 PTE */
            expect_refused(CPU_PPC600, v);
            continue;
        }
        struct pt_walk w = map_special(CPU_PPC600, v, PT_R | PT_W);
        uint32_t w1 = (uint32_t)w.raw;
        cr_expect_eq(w1 >> 3 & 0xF, v >> 1, "WIMG of %#x in word1 %#x", v, w1);
        cr_expect_eq(w1 & 3, 2u, "PP=10 from a read-write page");
        cr_expect_eq(w.d.memtype, r.memtype, "WIMG %#x: memtype", v);
        cr_expect_eq(w.d.inner, r.inner, "WIMG %#x: inner", v);
        cr_expect_eq(w.d.outer, r.outer, "WIMG %#x: outer", v);
        expect_ppc_flags("WIMG", v, &w.d);
        bool g = v & 0x02;
        /* the 603e takes an ISI on a fetch from a guarded page */
        cr_expect_eq(w.d.xn, g, "WIMG %#x: xn = G", v);
        cr_expect_eq(w.d.uprot, PT_R | PT_W | (g ? 0 : PT_X), "WIMG %#x: uprot", v);
        cr_expect(!w.d.referenced && !w.d.changed, "WIMG %#x: R=C=0 after pt_map", v);
    }
}

Test(attr_decode, ppc600_bits_outside_the_mask)
{
    static const uint32_t bad[] = { 0x20, 0x40, 0x100, 0x80000000u, 0x1E | 0x20 };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        expect_refused(CPU_PPC600, bad[i]);
}

/* ------------------------------------------------------------------ */
/* Without special bits: the templates, PROT_NOCACHE and PROT_EXEC      */

/* A page of cpu mapped with prot / nocache and no special bits. */
static struct pt_decoded plain(enum mmsim_cpu cpu, unsigned prot, bool nocache)
{
    fx_machine(32 * MiB, mmu_cpu_big_endian(cpu));
    struct mmu *m = fx_mmu(cpu);
    struct pt *pt = pt_create(m, 3);
    cr_assert_not_null(pt);
    struct pt_attr a = { .prot = prot, .nocache = nocache };
    struct pt_walk w = fx_map_walk(pt, VA, PA, &a, VA);
    fx_expect_decode_agrees(cpu, &w);
    pt_destroy(pt);
    mmu_destroy(m);
    fx_teardown();
    return w.d;
}

Test(attr_decode, templates_and_nocache)
{
    /* ARMv6/v7: TEX/C/B 000/1/1 normal WB no-WA; nocache: 000/0/0 SO */
    for (enum mmsim_cpu c = CPU_ARMV6; c <= CPU_ARMV7; c++) {
        struct pt_decoded d = plain(c, PT_R | PT_W, false);
        cr_expect(d.memtype == MT_NORMAL && d.inner == PC_WB_NWA && d.speculative && d.xn);
        d = plain(c, PT_R | PT_X, true);
        cr_expect(d.memtype == MT_STRONGLY_ORDERED && !d.speculative && !d.xn);
    }
    /* ARMv5: X/C/B 0/1/1; nocache 0/0/0 */
    struct pt_decoded d = plain(CPU_ARMV5, PT_R, false);
    cr_expect(d.memtype == MT_NORMAL && d.inner == PC_WB_NWA && d.speculative && !d.xn);
    d = plain(CPU_ARMV5, PT_R, true);
    cr_expect(d.memtype == MT_STRONGLY_ORDERED && !d.speculative);
    /* PPC: M=1 write-back; nocache adds I, and G unless executable */
    for (enum mmsim_cpu c = CPU_E500; c <= CPU_PPC600; c++) {
        d = plain(c, PT_R | PT_W, false);
        cr_expect(d.memtype == MT_NORMAL && d.inner == PC_WB_WA && d.coherent &&
                  d.speculative && !d.guarded, "%s plain", mmu_cpu_name(c));
        d = plain(c, PT_R | PT_W, true);
        cr_expect(d.memtype == MT_DEVICE && d.inner == PC_NONCACHEABLE && d.guarded &&
                  !d.speculative && d.xn, "%s nocache", mmu_cpu_name(c));
        d = plain(c, PT_R | PT_X, true);
        cr_expect(d.memtype == MT_NORMAL && d.inner == PC_NONCACHEABLE && !d.guarded &&
                  d.speculative && !d.xn, "%s nocache exec", mmu_cpu_name(c));
    }
}
