/* mmu_fixture.h - the machine the page-table unit tests (test_pt_*.c) run
 * on: simulated RAM and its frame allocator, MMUs whose PTE writes are
 * recorded, word access to the tables in RAM, and a few helpers the
 * flavours share (dirtying RAM, dumping, describe tables).
 *
 * Each Criterion test runs in its own process, so the state below is one
 * machine per test: the suite's .init calls fx_machine(), its .fini
 * fx_teardown(). */
#ifndef MMSIM_TESTS_UNIT_MMU_FIXTURE_H
#define MMSIM_TESTS_UNIT_MMU_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmsim/pt.h"

#define MiB (1ull << 20)
#define PG  4096u

/* One pte_written call. */
struct hook_call {
    const struct pt *pt;
    uint32_t va;
    paddr_t  pte_pa;
    uint64_t old_raw, new_raw;
};

#define FX_MAX_CALLS 64

extern struct phys P;
extern struct frames F;
/* The first FX_MAX_CALLS PTE writes of MMUs made by fx_mmu(); ncalls
 * counts them all (tests reset it to 0 to look at one step). */
extern struct hook_call calls[FX_MAX_CALLS];
extern int ncalls;

/* phys_init(ram bytes) + frames_init; rd32/wr32 use big_endian. */
void fx_machine(uint64_t ram, bool big_endian);
void fx_teardown(void);

/* An MMU of flavour cpu on P and F whose PTE writes land in calls[]. */
struct mmu *fx_mmu(enum mmsim_cpu cpu);

/* Table words in RAM, in the byte order given to fx_machine(): for
 * reading tables and for corrupting them by hand. */
uint32_t rd32(paddr_t pa);
void wr32(paddr_t pa, uint32_t v);

/* pt_map(pt, va, pa, a) must succeed and the walk of walk_va then give
 * PTW_OK: the walk, for the caller's checks of the entry. */
struct pt_walk fx_map_walk(struct pt *pt, uint32_t va, paddr_t pa, const struct pt_attr *a,
                           uint32_t walk_va);

/* pt_decode(cpu) of the walk's raw entry must equal the walk's decode. */
void fx_expect_decode_agrees(enum mmsim_cpu cpu, const struct pt_walk *w);

/* Take n contiguous frames, fill them with 0xDEADBEEF and free them again,
 * so that a test can see that what is allocated next gets zeroed. */
void fx_dirty_frames(uint64_t n);

/* xorshift32, for garbage. */
uint32_t xorshift32(uint32_t *s);

/* pt_dump of pt as a malloc'd string (free it). */
char *fx_dump(const struct pt *pt);
/* pt_dump of pt to /dev/null: only that it survives. */
void fx_dump_discard(const struct pt *pt);

/* pt_describe(cpu, raw) into a 160-byte buffer must give want. */
struct describe_case {
    enum mmsim_cpu cpu;
    uint64_t raw;
    const char *want;
};
void fx_expect_describe(const struct describe_case *t, size_t n);

#endif
