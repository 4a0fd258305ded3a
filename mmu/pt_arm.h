/*
 * pt_arm.h - private to mmu/: table management shared by the ARM
 * short-descriptor formats (ARMv5 and ARMv6/v7).
 *
 * Layout (REFERENCE.md section 3):
 *   L1: 4096 little-endian words, 16 KiB aligned (TTBR0), index VA[31:20].
 *       We write only coarse entries: L2 base [31:10] | flavour bits | 01
 *       (domain 0; ARMv5 also sets bit 4).
 *   L2: 256 words (1 KiB), index VA[19:12].  Tables are packed four per
 *       4 KiB frame: the frame for VA group g = VA[31:22] holds the L2
 *       tables of the four MiB 4g..4g+3 at offsets 0, 1, 2, 3 KiB.  The
 *       frame is allocated (zeroed) on the first map in that 4 MiB and kept
 *       until pt_destroy; an L1 entry is written only for a MiB that has
 *       had a mapping.  Which frames a table owns is host bookkeeping, so
 *       destroying a table whose RAM was corrupted frees the right frames.
 * The walker reads only RAM; each format says how to read a descriptor.
 */
#ifndef MMSIM_MMU_PT_ARM_H
#define MMSIM_MMU_PT_ARM_H

#include "pt_impl.h"

#define ARM_L1_ENTRIES 4096
#define ARM_L2_BYTES   1024

/* What a format makes of an L1 descriptor. */
enum arm_l1_kind { ARM_L1_FAULT, ARM_L1_COARSE, ARM_L1_LEAF, ARM_L1_BAD };

/* Format hooks for the shared walker and dump. */
struct arm_fmt {
    uint32_t l1_coarse_bits;  /* OR-ed into the L2 base: 0x001 v6, 0x011 v5 */
    /* Classify an L1 descriptor; for ARM_L1_LEAF fill w->d and w->pa. */
    enum arm_l1_kind (*l1)(uint32_t raw, uint32_t va, struct pt_walk *w);
    /* Decode a non-zero-type L2 descriptor for va into w->d and w->pa;
     * false if hardware would fault on it. */
    bool (*l2)(uint32_t raw, uint32_t va, struct pt_walk *w);
    /* One-line text of a non-coarse L1 descriptor / of an L2 descriptor. */
    void (*l1_text)(uint32_t raw, char *buf, size_t n);
    void (*l2_text)(uint32_t raw, uint32_t va, char *buf, size_t n);
};

/* The bits each format ORs into an L2 table's base to make the L1
 * descriptor that points at it (its l1_coarse_bits). */
uint32_t armv5_l1_coarse_bits(void);
uint32_t armv6_l1_coarse_bits(void);

/* Allocate and zero the 16 KiB L1 and the bookkeeping. */
int arm_create(struct pt *pt);
/* Free the L1 and every L2 frame the bookkeeping records. */
void arm_destroy(struct pt *pt);
/* Write leaf descriptor pte for page va (L1 entry made/repaired first). */
int arm_set(struct pt *pt, const struct arm_fmt *f, uint32_t va, uint32_t pte);
/* Zero the leaf descriptor of page va if it is non-zero. */
void arm_clear(struct pt *pt, uint32_t va);
/* Walk va through the tables in RAM. */
void arm_walk(const struct pt *pt, const struct arm_fmt *f, uint32_t va, struct pt_walk *w);
/* Print every non-fault L1 entry and the valid L2 entries under it. */
void arm_dump(const struct pt *pt, const struct arm_fmt *f, FILE *out);

#endif
