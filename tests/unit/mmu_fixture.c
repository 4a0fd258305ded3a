/* mmu_fixture.c - see mmu_fixture.h. */
#include "mmu_fixture.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

struct phys P;
struct frames F;
struct hook_call calls[FX_MAX_CALLS];
int ncalls;

static bool tables_big_endian;

/* Hook recorder: keeps the first FX_MAX_CALLS PTE writes. */
static void record(void *ctx, const struct pt *pt, uint32_t va, paddr_t pte_pa,
                   uint64_t old_raw, uint64_t new_raw)
{
    cr_assert_eq(ctx, &P);
    if (ncalls < FX_MAX_CALLS)
        calls[ncalls] = (struct hook_call){ pt, va, pte_pa, old_raw, new_raw };
    ncalls++;
}

static const struct pt_hooks HOOKS = { .pte_written = record, .ctx = &P };

void fx_machine(uint64_t ram, bool big_endian)
{
    cr_assert_eq(phys_init(&P, ram), 0);
    cr_assert_eq(frames_init(&F, &P), 0);
    tables_big_endian = big_endian;
    ncalls = 0;
}

void fx_teardown(void)
{
    frames_fini(&F);
    phys_fini(&P);
}

struct mmu *fx_mmu(enum mmsim_cpu cpu)
{
    struct mmu *m = mmu_create(cpu, &P, &F, &HOOKS);
    cr_assert_not_null(m);
    return m;
}

uint32_t rd32(paddr_t pa)
{
    uint32_t v;
    cr_assert_eq(phys_read32(&P, pa, tables_big_endian, &v), 0);
    return v;
}

void wr32(paddr_t pa, uint32_t v)
{
    cr_assert_eq(phys_write32(&P, pa, tables_big_endian, v), 0);
}

struct pt_walk fx_map_walk(struct pt *pt, uint32_t va, paddr_t pa, const struct pt_attr *a,
                           uint32_t walk_va)
{
    cr_assert_eq(pt_map(pt, va, pa, a), 0, "map va %#x", va);
    struct pt_walk w;
    pt_walk(pt, walk_va, &w);
    cr_assert_eq(w.status, PTW_OK, "walk va %#x", walk_va);
    return w;
}

void fx_expect_decode_agrees(enum mmsim_cpu cpu, const struct pt_walk *w)
{
    struct pt_decoded d;
    pt_decode(cpu, w->raw, &d);
    cr_expect_eq(memcmp(&d, &w->d, sizeof(d)), 0, "pt_decode == walk decode, raw %#llx",
                 (unsigned long long)w->raw);
}

void fx_dirty_frames(uint64_t n)
{
    paddr_t junk;
    cr_assert_eq(frames_alloc_contig(&F, n, 1, &junk), 0);
    for (uint32_t o = 0; o < n * PG; o += 4)
        wr32(junk + o, 0xDEADBEEF);
    frames_free(&F, junk, n);
}

uint32_t xorshift32(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

char *fx_dump(const struct pt *pt)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    cr_assert_not_null(out);
    pt_dump(pt, out);
    fclose(out);
    return text;
}

void fx_dump_discard(const struct pt *pt)
{
    FILE *out = fopen("/dev/null", "w");
    cr_assert_not_null(out);
    pt_dump(pt, out);
    fclose(out);
}

void fx_expect_describe(const struct describe_case *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char buf[160];
        pt_describe(t[i].cpu, t[i].raw, buf, sizeof(buf));
        cr_expect_str_eq(buf, t[i].want, "case %zu: raw %#llx", i, (unsigned long long)t[i].raw);
    }
}
