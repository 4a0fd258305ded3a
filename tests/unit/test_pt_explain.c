/* test_pt_explain.c - pt_explain, the field tables behind `mmsim pte`:
 * for entries the encoder really writes and for random descriptors of
 * every kind, the fields of each word tile it exactly (bit 31 down to 0,
 * no gap, no overlap), every value is the bits it names, and the words
 * in the meanings follow the decode; plus numbering and truncation. */
#include <criterion/criterion.h>
#include <string.h>

#include "mmu_fixture.h"

#define VA 0x40000000u

TestSuite(pt_explain);

/* The fields of raw must tile each word they name; count of fields. */
static size_t expect_tiles(enum mmsim_cpu cpu, uint64_t raw, uint32_t va)
{
    struct pt_field f[PT_EXPLAIN_MAX];
    size_t n = pt_explain(cpu, raw, va, f, PT_EXPLAIN_MAX);
    cr_assert(n > 0 && n <= PT_EXPLAIN_MAX, "%s raw %#llx: %zu fields", mmu_cpu_name(cpu),
              (unsigned long long)raw, n);
    int next = -1;                 /* next bit expected in the current word */
    const char *word = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!word || strcmp(word, f[i].word)) {
            cr_expect(next <= -1, "%s raw %#llx: word %s stops at bit %d", mmu_cpu_name(cpu),
                      (unsigned long long)raw, word, next);
            word = f[i].word;
            next = 31;
        }
        cr_expect_eq((int)f[i].msb, next, "%s raw %#llx field %s: msb %u, want %d",
                     mmu_cpu_name(cpu), (unsigned long long)raw, f[i].name, f[i].msb, next);
        cr_expect(f[i].lsb <= f[i].msb);
        unsigned w = f[i].msb - f[i].lsb + 1;
        uint32_t want = f[i].word_value >> f[i].lsb & (w == 32 ? ~0u : (1u << w) - 1);
        cr_expect_eq(f[i].value, want, "field %s value", f[i].name);
        cr_expect(f[i].meaning[0], "field %s has a meaning", f[i].name);
        next = (int)f[i].lsb - 1;
    }
    cr_expect_eq(next, -1, "%s raw %#llx: last word ends at bit 0", mmu_cpu_name(cpu),
                 (unsigned long long)raw);
    return n;
}

/* The entry pt_map writes on cpu for prot/special. */
static uint64_t encoded(enum mmsim_cpu cpu, unsigned prot, uint32_t special)
{
    fx_machine(16 * MiB, mmu_cpu_big_endian(cpu));
    struct mmu *m = fx_mmu(cpu);
    struct pt *pt = pt_create(m, 5);
    cr_assert_not_null(pt);
    struct pt_attr a = { .prot = prot, .has_special = special != 0, .special = special };
    struct pt_walk w = fx_map_walk(pt, VA, 0x00123000, &a, VA);
    pt_destroy(pt);
    mmu_destroy(m);
    fx_teardown();
    return w.raw;
}

/* Field `name` of word `word` in f[n], or fail. */
static const struct pt_field *find(const struct pt_field *f, size_t n, const char *word,
                                   const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(f[i].word, word) && !strcmp(f[i].name, name))
            return &f[i];
    cr_assert_fail("no field %s in %s", name, word);
    return NULL;
}

Test(pt_explain, encoded_entries_tile_on_every_flavour)
{
    static const struct { enum mmsim_cpu cpu; uint32_t special; size_t nfields; } t[] = {
        { CPU_ARMV5, 0, 7 },     { CPU_ARMV5, 0x4C, 7 },  { CPU_ARMV6, 0, 10 },
        { CPU_ARMV6, 0x5CD, 10 }, { CPU_ARMV7, 0x104, 10 }, { CPU_E500, 0, 29 },
        { CPU_E500, 0x1F & ~0x08, 29 }, { CPU_PPC600, 0, 14 }, { CPU_PPC600, 0x0A, 14 },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        for (unsigned prot = PT_R; prot <= (PT_R | PT_W | PT_X); prot++)
            if (prot & PT_R)
                cr_expect_eq(expect_tiles(t[i].cpu, encoded(t[i].cpu, prot, t[i].special), VA),
                             t[i].nfields, "case %zu prot %u: field count", i, prot);
}

Test(pt_explain, random_descriptors_of_every_kind_tile)
{
    uint32_t s = 0x2545F491u;
    for (int i = 0; i < 4000; i++) {
        uint32_t r = xorshift32(&s), va = xorshift32(&s) & ~0xFFFu;
        for (enum mmsim_cpu c = CPU_ARMV5; c <= CPU_ARMV7; c++)
            if (r & 3)                        /* fault entries list only the type */
                expect_tiles(c, r, va);
        if (r & 1)
            expect_tiles(CPU_E500, r, va);
        uint64_t raw = (uint64_t)(xorshift32(&s) | 0x80000000u) << 32 | r;
        expect_tiles(CPU_PPC600, raw, va);
    }
}

Test(pt_explain, invalid_entries_and_unknown_flavours)
{
    struct pt_field f[PT_EXPLAIN_MAX];
    cr_expect_eq(pt_explain(CPU_ARMV6, 0xFFFFFFFCu, VA, f, PT_EXPLAIN_MAX), 1);
    cr_expect_str_eq(f[0].name, "type");
    cr_expect(strstr(f[0].meaning, "fault"));
    cr_expect_eq(pt_explain(CPU_ARMV5, 0, VA, f, PT_EXPLAIN_MAX), 1);
    cr_expect_eq(pt_explain(CPU_E500, 0xFFFFFFFEu, VA, f, PT_EXPLAIN_MAX), 1);
    cr_expect(strstr(f[0].meaning, "invalid"));
    cr_expect_eq(pt_explain(CPU_COUNT, 0x12345, VA, f, PT_EXPLAIN_MAX), 0);
    cr_expect_eq(pt_explain((enum mmsim_cpu)-1, 0x12345, VA, f, PT_EXPLAIN_MAX), 0);
}

Test(pt_explain, truncated_list_keeps_the_count)
{
    struct pt_field f[3];
    memset(f, 0xA5, sizeof f);
    cr_expect_eq(pt_explain(CPU_E500, 0x001233D5u, VA, f, 2), 29);
    cr_expect_str_eq(f[0].name, "RPN");
    cr_expect_str_eq(f[1].name, "UX");
    unsigned char junk[sizeof f[2]];
    memset(junk, 0xA5, sizeof junk);
    cr_expect_eq(memcmp(&f[2], junk, sizeof junk), 0, "nothing written past max");
    cr_expect_eq(pt_explain(CPU_ARMV6, 0x00123C7Eu, VA, NULL, 0), 10);
}

Test(pt_explain, meanings_follow_the_decode)
{
    struct pt_field f[PT_EXPLAIN_MAX];
    size_t n = pt_explain(CPU_ARMV7, 0x00123C7Eu, VA, f, PT_EXPLAIN_MAX);   /* 001/1/1 S */
    cr_expect(strstr(find(f, n, "L2 descriptor", "TEX")->meaning,
                     "TEX[8:6]=001 C=1 B=1: Normal memory, outer and inner write-back, write-allocate"));
    cr_expect(strstr(find(f, n, "L2 descriptor", "S")->meaning, "shareable"));
    n = pt_explain(CPU_ARMV6, 0x001230F2u, VA, f, PT_EXPLAIN_MAX);          /* TEX 011 */
    cr_expect(strstr(find(f, n, "L2 descriptor", "TEX")->meaning, "reserved (TEX 011 is reserved)"));
    n = pt_explain(CPU_ARMV6, 0x00123176u, VA, f, PT_EXPLAIN_MAX);          /* 101/0/1 */
    cr_expect(strstr(find(f, n, "L2 descriptor", "TEX")->meaning, "outer (TEX[1:0]=01) write-back, write-allocate"));
    cr_expect(strstr(find(f, n, "L2 descriptor", "C")->meaning, "C:B=01 is the inner policy: write-back, write-allocate"));
    n = pt_explain(CPU_ARMV5, 0x0012307Fu, VA, f, PT_EXPLAIN_MAX);          /* X/C/B 1/1/1 */
    cr_expect(strstr(find(f, n, "L2 descriptor", "TEX")->meaning, "X/C/B=1/11: write-back, read/write-allocate"));
    n = pt_explain(CPU_E500, 0x001233D5u, 0x40000123u, f, PT_EXPLAIN_MAX);  /* I|G */
    const struct pt_field *epn = find(f, n, "MAS2", "EPN");
    cr_expect_eq(epn->word_value, 0x4000000Au);
    cr_expect_eq(epn->value, 0x40000u);
    cr_expect_eq(find(f, n, "MAS3", "SR")->word_value, 0x0012300Fu);
    cr_expect(strstr(find(f, n, "leaf", "G")->meaning, "guarded"));
    cr_expect(strstr(find(f, n, "leaf", "W")->meaning, "not cached"));
    n = pt_explain(CPU_PPC600, 0x801E2A000012303Aull, VA, f, PT_EXPLAIN_MAX);
    cr_expect(strstr(find(f, n, "word1", "PP")->meaning, "user (key Kp=1) read-write"));
    cr_expect_eq(find(f, n, "word0", "VSID")->value, 0x3C54u);
}

Test(pt_explain, bit_numbering)
{
    struct pt_field f[PT_EXPLAIN_MAX];
    char b[16];
    size_t n = pt_explain(CPU_PPC600, 0x801E2A000012303Aull, VA, f, PT_EXPLAIN_MAX);
    pt_field_bits(find(f, n, "word0", "V"), b, sizeof b);
    cr_expect_str_eq(b, "0");
    pt_field_bits(find(f, n, "word0", "VSID"), b, sizeof b);
    cr_expect_str_eq(b, "1:24");
    pt_field_bits(find(f, n, "word1", "PP"), b, sizeof b);
    cr_expect_str_eq(b, "30:31");
    n = pt_explain(CPU_E500, 0x001233D5u, VA, f, PT_EXPLAIN_MAX);
    pt_field_bits(find(f, n, "leaf", "RPN"), b, sizeof b);
    cr_expect_str_eq(b, "31:12", "mmsim's own leaf format counts from bit 0");
    pt_field_bits(find(f, n, "MAS2", "E"), b, sizeof b);
    cr_expect_str_eq(b, "63");
    pt_field_bits(find(f, n, "MAS3", "U0-U3"), b, sizeof b);
    cr_expect_str_eq(b, "54:57");
    n = pt_explain(CPU_ARMV7, 0x00123C7Eu, VA, f, PT_EXPLAIN_MAX);
    pt_field_bits(find(f, n, "L2 descriptor", "TEX"), b, sizeof b);
    cr_expect_str_eq(b, "8:6");
}

/* The L1 descriptor over an L2 table: the value the tables hold after a
 * map (so pt_arm_l1_table is what mmsim writes), fields tiling bit 31
 * down to 0 with the values they name, none for PowerPC. */
Test(pt_explain, l1_descriptor_is_what_the_tables_hold)
{
    const enum mmsim_cpu cpus[] = { CPU_ARMV5, CPU_ARMV6, CPU_ARMV7 };
    fx_machine(64 * MiB, false);
    for (size_t c = 0; c < 3; c++) {
        struct mmu *m = fx_mmu(cpus[c]);
        struct pt *pt = pt_create(m, 7);
        cr_assert(pt);
        struct pt_attr a = { .prot = PT_R | PT_W };
        struct pt_walk w = fx_map_walk(pt, VA, 0x00123000, &a, VA);
        uint32_t l1 = rd32(pt_root(pt) + (VA >> 20) * 4);
        uint32_t want = pt_arm_l1_table(cpus[c], (uint32_t)(w.raw_pa & ~0x3ffull));
        cr_expect_eq(l1, want, "%s: the table holds %#x, pt_arm_l1_table says %#x",
                     mmu_cpu_name(cpus[c]), l1, want);
        struct pt_field f[PT_EXPLAIN_MAX];
        size_t n = pt_explain_l1(cpus[c], want, f, PT_EXPLAIN_MAX);
        cr_assert(n > 0 && n <= PT_EXPLAIN_MAX);
        int next = 31;
        for (size_t i = 0; i < n; i++) {
            cr_expect_eq((int)f[i].msb, next, "%s field %s", mmu_cpu_name(cpus[c]), f[i].name);
            unsigned wd = f[i].msb - f[i].lsb + 1;
            cr_expect_eq(f[i].value, (want >> f[i].lsb) & (wd >= 32 ? ~0u : (1u << wd) - 1));
            next = (int)f[i].lsb - 1;
        }
        cr_expect_eq(next, -1, "%s: the fields reach bit 0", mmu_cpu_name(cpus[c]));
        pt_destroy(pt);
        mmu_destroy(m);
    }
    struct pt_field f[PT_EXPLAIN_MAX];
    cr_expect_eq(pt_explain_l1(CPU_PPC600, 0x1234, f, PT_EXPLAIN_MAX), 0);
    cr_expect_eq(pt_arm_l1_table(CPU_E500, 0x1000), 0);
    fx_teardown();
}
