/*
 * pt_ppc600.h - private to mmu/ and its unit tests: where the PPC 600
 * hashed page table lives and which VSIDs a table uses, so tests can
 * build colliding addresses and look at the HTAB in RAM.
 */
#ifndef MMSIM_MMU_PT_PPC600_H
#define MMSIM_MMU_PT_PPC600_H

#include "mmsim/pt.h"

/* SDR1 of a ppc600 MMU: HTABORG, size in bytes, HTABMASK.  0, or -EINVAL
 * if m is another flavour. */
int ppc600_htab(const struct mmu *m, paddr_t *org, uint32_t *size, uint32_t *htabmask);

/* Segment register `sr` (0..15) of a ppc600 table: Ks Kp N | VSID. */
uint32_t ppc600_sr(const struct pt *pt, unsigned sr);

/* Physical address of the primary (or secondary) PTEG of va in pt. */
paddr_t ppc600_pteg(const struct pt *pt, uint32_t va, bool secondary);

#endif
