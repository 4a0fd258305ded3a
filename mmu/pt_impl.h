/*
 * pt_impl.h - private to mmu/: the per-flavour operations table behind
 * pt.h, and the helpers every flavour shares.
 *
 * pt.c owns struct mmu / struct pt and the generic calls; each format
 * (pt_armv5.c, pt_armv6.c, later pt_e500.c, pt_ppc600.c) provides one
 * `struct pt_ops` per CPU flavour it serves and keeps its own state behind
 * `arch` pointers.  A new flavour slots in by defining its ops and adding
 * it to the table in pt.c (pt_ops_for).
 */
#ifndef MMSIM_MMU_PT_IMPL_H
#define MMSIM_MMU_PT_IMPL_H

#include "mmsim/pt.h"

struct pt_ops {
    const char *name;                     /* "armv6" ... as on the command line */
    /* Machine-wide state (e.g. the PPC 600 hashed table).  Optional. */
    int  (*mmu_init)(struct mmu *m);
    void (*mmu_fini)(struct mmu *m);
    /* Per-process table: allocate and zero the root, set pt->root. */
    int  (*create)(struct pt *pt);
    void (*destroy)(struct pt *pt);       /* free every frame the table owns */
    int  (*map)(struct pt *pt, uint32_t va, paddr_t pa, const struct pt_attr *a);
    void (*unmap)(struct pt *pt, uint32_t va);
    void (*walk)(const struct pt *pt, uint32_t va, struct pt_walk *w);
    void (*touch)(struct pt *pt, uint32_t va, bool write); /* optional */
    /* Hardware translation with side effects (see pt_fill).  Optional:
     * without it pt_fill is walk + touch on success. */
    void (*fill)(struct pt *pt, uint32_t va, unsigned access, struct pt_walk *w);
    int  (*check_special)(uint32_t special, const char **why);
    void (*decode)(uint64_t raw, struct pt_decoded *d);   /* leaf PTE */
    void (*describe)(uint64_t raw, char *buf, size_t n);  /* leaf PTE */
    void (*dump)(const struct pt *pt, FILE *out);
};

struct mmu {
    enum mmsim_cpu       cpu;
    const struct pt_ops *ops;
    struct phys         *phys;
    struct frames       *frames;
    struct pt_hooks      hooks;
    bool                 big_endian;  /* byte order of the tables in RAM */
    void                *arch;        /* flavour's machine-wide state */
};

struct pt {
    struct mmu *m;
    uint32_t    asid;
    paddr_t     root;
    bool        flush;                /* see pt_take_flush() */
    void       *arch;                 /* flavour's per-process state */
};

/* Flavours defined so far. */
extern const struct pt_ops pt_armv5_ops;
extern const struct pt_ops pt_armv6_ops;
extern const struct pt_ops pt_armv7_ops;
extern const struct pt_ops pt_ppc600_ops;
extern const struct pt_ops pt_e500_ops;

/* Read a 32-bit table word at pa in the MMU's byte order.  0 or -EFAULT. */
int pt_read32(const struct pt *pt, paddr_t pa, uint32_t *v);

/* Write a table word that is not a leaf PTE (an L1 descriptor): no hook;
 * sets the flush flag if old_valid and the value changes. */
int pt_write_table32(struct pt *pt, paddr_t pa, uint32_t old, bool old_valid, uint32_t new);

/* Write a leaf PTE for page `va`: report it through the hooks (always,
 * even when unchanged) and set the flush flag if old_valid and the value
 * changes. */
int pt_write_pte32(struct pt *pt, uint32_t va, paddr_t pa, uint32_t old, bool old_valid,
                   uint32_t new);

/* The same for an 8-byte leaf PTE made of two table words, word0 at pa
 * and word1 at pa + 4, each in the MMU's byte order; raw = word0 << 32 |
 * word1.  word1 is written first, so a valid bit in word0 goes in last. */
int pt_write_pte64(struct pt *pt, uint32_t va, paddr_t pa, uint64_t old, bool old_valid,
                   uint64_t new);

#endif
