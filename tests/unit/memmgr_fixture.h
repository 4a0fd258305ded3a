/* memmgr_fixture.h - the machine the memory-manager unit tests
 * (test_memmgr_*.c) run on: simulated RAM and frames, an ARMv6 MMU, a
 * memory manager and one privileged process P (pid 1).
 *
 * Each Criterion test runs in its own process, so the state below is one
 * machine per test, made by the suite's .init (mmfx_setup or a function
 * calling mmfx_machine) and destroyed by its .fini (mmfx_teardown or
 * mmfx_teardown_checked). */
#ifndef MMSIM_TESTS_UNIT_MEMMGR_FIXTURE_H
#define MMSIM_TESTS_UNIT_MEMMGR_FIXTURE_H

#include <stdint.h>

#include "mmsim/memmgr.h"

#define PG   4096u
#define RAM  (64ull << 20)   /* the usual machine: 64 MiB of RAM ... */
#define DEV  0xC0000000ull   /* ... and a 64 KiB device window here */

extern struct phys ph;
extern struct frames fr;
extern struct mmu *mmu;
extern struct mm *mm;
extern struct mm_proc *P;     /* privileged, pid 1 */
extern uint64_t free0;        /* frames free before mm existed */

/* ram bytes of RAM; a 64 KiB device window at dev (0: none); RAM
 * pre-fragmented with frames_fragment(seed) (0: not). */
void mmfx_machine(uint64_t ram, uint64_t dev, uint64_t frag_seed);

/* mmfx_machine(RAM, DEV, 0). */
void mmfx_setup(void);

/* Destroy it all. */
void mmfx_teardown(void);
/* The same, expecting first that every frame taken since the machine was
 * made came back when mm was destroyed. */
void mmfx_teardown_checked(void);

#endif
