/* memmgr_fixture.c - see memmgr_fixture.h. */
#include "memmgr_fixture.h"

#include <criterion/criterion.h>

struct phys ph;
struct frames fr;
struct mmu *mmu;
struct mm *mm;
struct mm_proc *P;
uint64_t free0;

void mmfx_machine(uint64_t ram, uint64_t dev, uint64_t frag_seed)
{
    cr_assert_eq(phys_init(&ph, ram), 0);
    if (dev)
        cr_assert_eq(phys_add_device(&ph, dev, 0x10000, "dev"), 0);
    cr_assert_eq(frames_init(&fr, &ph), 0);
    mmu = mmu_create(CPU_ARMV6, &ph, &fr, NULL);
    cr_assert_not_null(mmu);
    if (frag_seed)
        frames_fragment(&fr, frag_seed);
    free0 = fr.nfree;
    mm = mm_create(mmu, &ph, &fr);
    cr_assert_not_null(mm);
    P = mm_proc_create(mm, 1, true);
    cr_assert_not_null(P);
}

void mmfx_setup(void)
{
    mmfx_machine(RAM, DEV, 0);
}

static void teardown(bool check_leaks)
{
    mm_destroy(mm);
    if (check_leaks)
        cr_expect_eq(fr.nfree + fr.frag_frames, free0, "frames leaked: %lu",
                     (unsigned long)(free0 - fr.nfree - fr.frag_frames));
    mmu_destroy(mmu);
    frames_fini(&fr);
    phys_fini(&ph);
}

void mmfx_teardown(void)
{
    teardown(false);
}

void mmfx_teardown_checked(void)
{
    teardown(true);
}
