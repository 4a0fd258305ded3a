/*
 * pt_e500.h - private to mmu/ (and its unit test): the e500 software
 * page-table layout and a side-effect-free view of the simulated TLB0.
 * The format itself is documented at the top of pt_e500.c.
 */
#ifndef MMSIM_MMU_PT_E500_H
#define MMSIM_MMU_PT_E500_H

#include "mmsim/pt.h"

/* L1: 1024 big-endian words (one 4 KiB frame), index VA[31:22]. */
#define E500_L1_ENTRIES 1024u
#define E500_L1_V       0x00000001u  /* an L2 table is present */
#define E500_L1_RSVD    0x00000FFEu  /* must be zero when V=1 */
#define E500_L1_BASE    0xFFFFF000u  /* L2 frame */

/* L2: 1024 big-endian leaves (one 4 KiB frame), index VA[21:12]. */
#define E500_L2_ENTRIES 1024u
#define E500_LEAF_V     0x00000001u
#define E500_LEAF_WIMGE_SHIFT 1      /* [5:1]  = MAS2 WIMGE */
#define E500_LEAF_WIMGE 0x0000003Eu
#define E500_LEAF_PERM_SHIFT 6       /* [11:6] = MAS3 UX SX UW SW UR SR */
#define E500_LEAF_PERMS 0x00000FC0u
#define E500_LEAF_RPN   0xFFFFF000u

/* WIMGE as in MAS2 and shm_ctl_special (REFERENCE.md section 4). */
#define E500_E 0x01u
#define E500_G 0x02u
#define E500_M 0x04u
#define E500_I 0x08u
#define E500_W 0x10u

/* Permission bits as in MAS3[58:63]. */
#define E500_SR 0x01u
#define E500_UR 0x02u
#define E500_SW 0x04u
#define E500_UW 0x08u
#define E500_SX 0x10u
#define E500_UX 0x20u

/* TLB0 geometry (e500v2). */
#define E500_TLB0_SETS 128u
#define E500_TLB0_WAYS 4u

/* One TLB0 entry as seen from outside. */
struct pt_e500_tlb0_entry {
    unsigned set, way;
    uint32_t tid;             /* = pt_asid() of the table it came from */
    uint32_t epn, rpn;        /* page addresses (low 12 bits zero) */
    unsigned wimge, perms;    /* E500_W..E500_E, E500_UX..E500_SR */
};

/* Look (tid, va) up in m's TLB0 without touching counters or NV.
 * 1 and *out (if non-NULL) when present, 0 when not, -EINVAL if m is not
 * an e500 MMU. */
int pt_e500_tlb0_lookup(const struct mmu *m, uint32_t tid, uint32_t va,
                        struct pt_e500_tlb0_entry *out);
/* Next-victim way of TLB0 set `set` (0 for a non-e500 MMU). */
unsigned pt_e500_tlb0_nv(const struct mmu *m, unsigned set);
/* TLB0 hits and misses counted by pt_fill since mmu_create. */
void pt_e500_tlb0_stats(const struct mmu *m, uint64_t *hits, uint64_t *misses);

#endif
