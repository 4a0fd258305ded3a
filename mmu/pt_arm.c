/*
 * pt_arm.c - two-level ARM short-descriptor tables in simulated RAM,
 * shared by ARMv5 and ARMv6/v7 (layout in pt_arm.h).  The formats decide
 * what the descriptors mean; this file owns the frames, the L1 entries,
 * the walk from TTBR to leaf and the dump.
 */
#include "pt_arm.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define L1_FRAMES 4
#define L2_GROUPS (ARM_L1_ENTRIES / 4)

struct arm_pt {
    paddr_t l2[L2_GROUPS];   /* frame of each 4 MiB group's L2 tables, 0 = none */
};

/* Allocate and zero the 16 KiB, 16 KiB-aligned L1. */
int arm_create(struct pt *pt)
{
    struct arm_pt *a = calloc(1, sizeof(*a));
    if (!a)
        return -ENOMEM;
    paddr_t root;
    int r = frames_alloc_contig(pt->m->frames, L1_FRAMES, L1_FRAMES, &root);
    if (r) {
        free(a);
        return r;
    }
    phys_zero(pt->m->phys, root, L1_FRAMES * MMSIM_PAGE_SIZE);
    pt->root = root;
    pt->arch = a;
    return 0;
}

/* Free the L1 and every L2 frame recorded in the bookkeeping. */
void arm_destroy(struct pt *pt)
{
    struct arm_pt *a = pt->arch;
    for (int g = 0; g < L2_GROUPS; g++)
        if (a->l2[g])
            frames_free(pt->m->frames, a->l2[g], 1);
    frames_free(pt->m->frames, pt->root, L1_FRAMES);
    free(a);
}

/* Physical address of the L2 table for va, allocating its frame (zeroed)
 * if needed; 0 on ENOMEM. */
static paddr_t l2_table(struct pt *pt, uint32_t va)
{
    struct arm_pt *a = pt->arch;
    unsigned g = va >> 22;
    if (!a->l2[g]) {
        paddr_t f;
        uint64_t n;
        if (frames_alloc_run(pt->m->frames, 1, &f, &n))
            return 0;
        phys_zero(pt->m->phys, f, MMSIM_PAGE_SIZE);
        a->l2[g] = f;
    }
    return a->l2[g] + (va >> 20 & 3) * ARM_L2_BYTES;
}

/* Write leaf pte for va: make sure the L1 entry points at our L2 table
 * (repairing it if RAM says otherwise), then write and report the PTE. */
int arm_set(struct pt *pt, const struct arm_fmt *f, uint32_t va, uint32_t pte)
{
    paddr_t l2 = l2_table(pt, va);
    if (!l2)
        return -ENOMEM;
    paddr_t l1pa = pt->root + (va >> 20) * 4;
    uint32_t old, want = (uint32_t)l2 | f->l1_coarse_bits;
    if (pt_read32(pt, l1pa, &old))
        return -EFAULT;
    if (old != want && pt_write_table32(pt, l1pa, old, (old & 3) != 0, want))
        return -EFAULT;
    paddr_t pte_pa = l2 + (va >> 12 & 0xFF) * 4;
    if (pt_read32(pt, pte_pa, &old))
        return -EFAULT;
    return pt_write_pte32(pt, va, pte_pa, old, (old & 3) != 0, pte);
}

/* Zero the leaf of va if its L2 table exists and the entry is non-zero. */
void arm_clear(struct pt *pt, uint32_t va)
{
    struct arm_pt *a = pt->arch;
    if (!a->l2[va >> 22])
        return;
    paddr_t pte_pa = a->l2[va >> 22] + (va >> 20 & 3) * ARM_L2_BYTES + (va >> 12 & 0xFF) * 4;
    uint32_t old;
    if (pt_read32(pt, pte_pa, &old) || old == 0)
        return;
    pt_write_pte32(pt, va, pte_pa, old, (old & 3) != 0, 0);
}

/* Set w to a fault of the given status (decode cleared). */
static void fault(struct pt_walk *w, enum pt_walk_status st)
{
    w->status = st;
    w->pa = 0;
    w->d = (struct pt_decoded){ 0 };
}

/* Hardware walk of va: L1 word from RAM, then (coarse) L2 word from RAM. */
void arm_walk(const struct pt *pt, const struct arm_fmt *f, uint32_t va, struct pt_walk *w)
{
    uint32_t l1, l2;
    w->level = 1;
    w->raw_pa = pt->root + (va >> 20) * 4;
    if (pt_read32(pt, w->raw_pa, &l1)) {
        fault(w, PTW_BAD_TABLE);
        return;
    }
    w->raw = l1;
    enum arm_l1_kind k = f->l1(l1, va, w);
    if (k != ARM_L1_COARSE) {
        if (k == ARM_L1_LEAF)
            w->status = PTW_OK;
        else
            fault(w, k == ARM_L1_BAD ? PTW_BAD_TABLE : PTW_FAULT_L1);
        return;
    }
    paddr_t base = l1 & 0xFFFFFC00u;
    if (phys_kind(pt->m->phys, base, ARM_L2_BYTES) != PHYS_RAM ||
        pt_read32(pt, base + (va >> 12 & 0xFF) * 4, &l2)) {
        fault(w, PTW_BAD_TABLE);
        return;
    }
    w->level = 2;
    w->raw = l2;
    w->raw_pa = base + (va >> 12 & 0xFF) * 4;
    if ((l2 & 3) == 0 || !f->l2(l2, va, w))
        fault(w, PTW_FAULT_L2);
    else
        w->status = PTW_OK;
}

/* Dump the non-fault entries of the coarse table at l2 (L1 index i). */
static void dump_l2(const struct pt *pt, const struct arm_fmt *f, unsigned i, paddr_t l2,
                    FILE *out)
{
    char buf[160];
    for (unsigned j = 0; j < 256; j++) {
        uint32_t raw, va = i << 20 | j << 12;
        if (pt_read32(pt, l2 + j * 4, &raw) || (raw & 3) == 0)
            continue;
        f->l2_text(raw, va, buf, sizeof(buf));
        fprintf(out, "    va=0x%08x raw=0x%08x %s\n", va, raw, buf);
    }
}

/* Dump every non-fault L1 entry and, under coarse ones, their L2 entries. */
void arm_dump(const struct pt *pt, const struct arm_fmt *f, FILE *out)
{
    char buf[160];
    for (unsigned i = 0; i < ARM_L1_ENTRIES; i++) {
        uint32_t raw;
        if (pt_read32(pt, pt->root + i * 4, &raw) || (raw & 3) == 0)
            continue;
        fprintf(out, "  L1[0x%03x] va=0x%08x-0x%08x raw=0x%08x ", i, i << 20,
                i << 20 | 0xFFFFF, raw);
        if ((raw & 3) == 1) {
            paddr_t base = raw & 0xFFFFFC00u;
            bool ram = phys_kind(pt->m->phys, base, ARM_L2_BYTES) == PHYS_RAM;
            fprintf(out, "coarse L2=0x%08llx%s\n", (unsigned long long)base,
                    ram ? "" : " (outside RAM)");
            if (ram)
                dump_l2(pt, f, i, base, out);
        } else {
            f->l1_text(raw, buf, sizeof(buf));
            fprintf(out, "%s\n", buf);
        }
    }
}
