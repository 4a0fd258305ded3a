/*
 * pt.h - per-process page tables in simulated RAM, one format per CPU
 * flavour behind one interface.
 *
 * A `struct mmu` is the machine-wide part (CPU flavour, RAM, frames, and
 * for flavours that need one a global structure such as the PPC hashed
 * page table); a `struct pt` is one process's table.  pt_map() encodes a
 * 4 KiB PTE from arch-neutral attributes and writes it into RAM; pt_walk()
 * reads the tables back from RAM (never from host bookkeeping), so a
 * corrupted table gives a translation fault exactly as hardware would.
 * Every PTE write is reported through the hooks (for traces), and any
 * change that can leave a stale TLB entry sets the flush flag.
 */
#ifndef MMSIM_PT_H
#define MMSIM_PT_H

#include "mmsim/frames.h"
#include "mmsim/phys.h"
#include <stdio.h>

enum mmsim_cpu { CPU_ARMV5, CPU_ARMV6, CPU_ARMV7, CPU_E500, CPU_PPC600, CPU_COUNT };

/* Arch-neutral user permissions. */
#define PT_R 1u
#define PT_W 2u
#define PT_X 4u

/* What a mapping asks for; the flavour turns it into PTE bits. */
struct pt_attr {
    unsigned prot;        /* PT_R|PT_W|PT_X, never 0 (PROT_NONE is not mapped) */
    bool     nocache;     /* PROT_NOCACHE */
    bool     has_special; /* object made by shm_ctl_special with special != 0 */
    uint32_t special;     /* CPU-specific bits, already validated */
};

/* Memory types after decode. */
enum pt_memtype { MT_NORMAL, MT_DEVICE, MT_STRONGLY_ORDERED };
/* Cache policies (inner/outer). */
enum pt_cache { PC_NONCACHEABLE, PC_WB_WA, PC_WT, PC_WB_NWA };

/* One PTE decoded into arch-neutral terms. */
struct pt_decoded {
    bool            valid;
    paddr_t         pa;        /* page frame address */
    unsigned        uprot;     /* PT_R|PT_W|PT_X as the user sees them */
    unsigned        kprot;     /* as privileged code sees them */
    enum pt_memtype memtype;
    enum pt_cache   inner, outer;
    bool            shareable; /* ARM S */
    bool            coherent;  /* PPC M */
    bool            guarded;   /* PPC G */
    bool            little_endian; /* PPC E */
    bool            global;    /* ARM !nG */
    bool            referenced, changed; /* PPC R/C where the format has them */
    /* Derived, set by every flavour's decode: */
    bool            speculative; /* the CPU may access the page speculatively
                                  * (read-ahead, out of order): ARM normal
                                  * memory, PPC G=0 */
    bool            xn;        /* execute-never as the hardware sees it: ARM
                                * v6/v7 XN; e500 UX=0; PPC 600 G=1 (the 603e
                                * takes an ISI on a fetch from a guarded
                                * page); never on ARMv5 */
};

/* Result of a walk. */
enum pt_walk_status { PTW_OK = 0, PTW_FAULT_L1, PTW_FAULT_L2, PTW_BAD_TABLE };
struct pt_walk {
    enum pt_walk_status status;
    paddr_t  pa;         /* translated address (status == PTW_OK) */
    uint64_t raw;        /* last descriptor read (L1 or L2) */
    paddr_t  raw_pa;     /* where it was read */
    int      level;      /* 1 or 2: level of `raw` */
    struct pt_decoded d; /* decode of the leaf (valid only when PTW_OK) */
};

struct pt;
struct mmu;

/* Observer of PTE writes (trace writer).  May be NULL.  rc_set (optional)
 * sees the hardware-style referenced/changed updates of a TLB fill
 * (PPC 600 R/C in the HTAB entry), which are not PTE writes by software. */
struct pt_hooks {
    void (*pte_written)(void *ctx, const struct pt *pt, uint32_t va,
                        paddr_t pte_pa, uint64_t old_raw, uint64_t new_raw);
    void *ctx;
    void (*rc_set)(void *ctx, const struct pt *pt, uint32_t va, paddr_t pte_pa,
                   uint64_t old_raw, uint64_t new_raw, bool write);
};

/* Create the machine-wide MMU state for `cpu`.  NULL on ENOMEM/EINVAL. */
struct mmu *mmu_create(enum mmsim_cpu cpu, struct phys *phys, struct frames *frames,
                       const struct pt_hooks *hooks);
void mmu_destroy(struct mmu *m);
enum mmsim_cpu mmu_cpu(const struct mmu *m);
const char *mmu_cpu_name(enum mmsim_cpu cpu);
/* Parse "armv6" etc.  0 or -EINVAL. */
int mmu_cpu_parse(const char *name, enum mmsim_cpu *cpu);
/* True for big-endian (PowerPC) flavours. */
bool mmu_cpu_big_endian(enum mmsim_cpu cpu);

/* Validate shm_ctl_special bits for this CPU.  0, or -EINVAL with *why set
 * to a short static reason ("TEX 011 is reserved", ...). */
int mmu_check_special(const struct mmu *m, uint32_t special, const char **why);

/* Create an empty table for address-space id `asid` (root table allocated
 * from frames and zeroed).  NULL on ENOMEM. */
struct pt *pt_create(struct mmu *m, uint32_t asid);
/* Free every table frame of `pt`. */
void pt_destroy(struct pt *pt);
/* Physical address of the root table (ARM TTBR0; informational elsewhere). */
paddr_t pt_root(const struct pt *pt);
uint32_t pt_asid(const struct pt *pt);

/* Map the 4 KiB page at `va` to frame `pa` with `a`, allocating
 * intermediate tables as needed.  0 or -ENOMEM. */
int pt_map(struct pt *pt, uint32_t va, paddr_t pa, const struct pt_attr *a);
/* Remove the mapping of the page at `va` (no-op if none). */
void pt_unmap(struct pt *pt, uint32_t va);
/* Walk the tables in RAM for `va`. */
void pt_walk(const struct pt *pt, uint32_t va, struct pt_walk *w);
/* Record a referenced/changed event for `va` where the format keeps R/C
 * (PPC 600); no-op elsewhere. */
void pt_touch(struct pt *pt, uint32_t va, bool write);
/* Translate `va` for an access PT_R/PT_W/PT_X as the hardware does on a
 * TLB miss: pt_walk plus the format's side effects (e500: lookup in the
 * simulated TLB0, refilled from the software table on a miss; PPC 600: R,
 * and C on a write, set in the HTAB entry).  sim/'s TLB-fill callback and
 * copyin/copyout use it; pt_walk stays a pure inspection. */
void pt_fill(struct pt *pt, uint32_t va, unsigned access, struct pt_walk *w);

/* True (and clears it) if a valid entry was changed or removed since the
 * last call, so cached translations must be flushed. */
bool pt_take_flush(struct pt *pt);

/* Decode a leaf PTE of flavour `cpu`. */
void pt_decode(enum mmsim_cpu cpu, uint64_t raw, struct pt_decoded *d);
/* One-line human description of a leaf PTE ("pa=0x00123000 AP=rw ..."). */
void pt_describe(enum mmsim_cpu cpu, uint64_t raw, char *buf, size_t n);
/* Human-readable dump of every valid entry of `pt`, raw and decoded. */
void pt_dump(const struct pt *pt, FILE *out);

/* One bit field of a leaf PTE, explained in words for learners. */
struct pt_field {
    const char *word;       /* the word or register it is in: "L2 descriptor",
                             * "leaf", "MAS2", "MAS3", "word0", "word1" */
    uint32_t    word_value; /* that whole word */
    bool        msb0;       /* the architecture numbers bits from the MSB (PPC) */
    unsigned    width;      /* bits in its numbering: 32, or 64 for MAS registers */
    const char *name;       /* "TEX", "AP", "W" ... */
    unsigned    msb, lsb;   /* position in the word, bit 0 = least significant */
    uint32_t    value;      /* the field's value, (word >> lsb) & mask */
    char        meaning[176];
};
#define PT_EXPLAIN_MAX 32   /* no flavour has more fields */

/* Explain leaf PTE `raw` of flavour `cpu`, as written for page `va`: its bit
 * fields from the most significant down, then for e500 the MAS2/MAS3 words
 * a TLB refill loads from it.  Fills at most max entries of f; returns how
 * many fields there are (0 for an unknown flavour). */
size_t pt_explain(enum mmsim_cpu cpu, uint64_t raw, uint32_t va, struct pt_field *f, size_t max);
/* ARM flavours: the L1 descriptor mmsim writes to point at the coarse L2
 * table at l2 (0 for other flavours), and its fields explained as
 * pt_explain explains a leaf (0 fields for other flavours). */
uint32_t pt_arm_l1_table(enum mmsim_cpu cpu, uint32_t l2);
size_t pt_explain_l1(enum mmsim_cpu cpu, uint32_t raw, struct pt_field *f, size_t max);
/* A field's bit positions as its architecture's manuals write them:
 * "8:6", "11", or MSB-0 "25:28" for PowerPC (MAS registers as 32:63). */
void pt_field_bits(const struct pt_field *f, char *buf, size_t n);

/* What the descriptor at walk level `level` is called in this flavour
 * ("L1 descriptor", "HTAB PTE", ...), for reports. */
const char *pt_entry_name(enum mmsim_cpu cpu, int level);

/* Short names for enums, for traces and reports. */
const char *pt_memtype_name(enum pt_memtype t);
const char *pt_cache_name(enum pt_cache c);

#endif
