/*
 * checker.h - the cache and guard checker: the CPU's data cache (a
 * mmu/cache.c model), which pages go through it, the devices' view of
 * memory, and the reports when a program's cache maintenance or page
 * attributes are wrong.
 *
 * Routing.  A data access reaches the model only through the shadow
 * window (shadow.h): the TLB-fill callback asks checker_route() for every
 * filled page.  Device pages always go through the window; RAM pages when
 * they are watched, or, with --cache-model full, whenever they are
 * cacheable and not executable.  Everything else runs at full speed.
 *
 * Watching.  A RAM page becomes watched when its physical address is
 * revealed to the guest (mem_offset, _MEM_OBJ_INFO, MAP_PHYS, SHMCTL_PHYS),
 * when a DMA transfer reaches it, or when a second mapping with another
 * cacheability maps it.  Until then, the TLB-fill callback's lazy write
 * permission tells the checker which pages were read or written since
 * their last clean (checker_note_fill); a page that starts being watched
 * enters the model with every line present, dirty if it was written.
 *
 * Folder sim/checker (library mmsim_checker): depends on the machine
 * (sim/machine: struct sim, struct proc, proc_pc), the MMU's cache model
 * and the trace writer.  The machine reaches it only through
 * checker_memsys; the kernel-call layer calls it directly (cache
 * maintenance, revealed physical addresses).  Nothing in memmgr/, mmu/ or
 * traces/ may depend on it.
 *
 * Reports go to stderr as one line "mmsim: check: CLASS ..." and to the
 * trace as a "check" event, once per (class, pc); repeats are counted and
 * summarised at exit.
 */
#ifndef MMSIM_SIM_CHECKER_H
#define MMSIM_SIM_CHECKER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "mmsim/cache.h"
#include "sim.h"

enum check_class {
    CK_STALE_READ, CK_LOST_WRITE, CK_CLOBBERED_DMA, CK_MISMATCHED_ATTRIBUTES,
    CK_SPECULATIVE_SIDE_EFFECT, CK_GUARDED_FETCH, CK_XN_FETCH, CK_COUNT
};

/* "stale-read" ... */
const char *check_class_name(enum check_class k);

/* How the shadow window treats one page (bits of shadow routes). */
#define ROUTE_LE     1u   /* PowerPC E page: byte-swapped */
#define ROUTE_MODEL  2u   /* RAM through the cache model */
#define ROUTE_DEVICE 4u   /* a device's registers */

/* What a shadow slot knows about the mapping it stands for. */
struct route {
    unsigned            bits;
    struct cache_policy pol;
    bool                speculative;  /* the CPU may read ahead */
    uint32_t            va_page;      /* a virtual page that maps it */
    struct pt_decoded   d;            /* the PTE's decode (for reports) */
};

/* Create the checker of s (cache of geometry o.cache, mode o.cache_full).
 * 0 or -errno with a message on stderr. */
int  checker_create(struct sim *s);
void checker_destroy(struct sim *s);
/* Print the end-of-run summary if there were reports. */
void checker_summary(struct sim *s);
/* True once any report was made. */
bool checker_reported(const struct sim *s);

/* TLB fill of RAM/device page `pa` (frame address) with decode d for an
 * access PT_R/W/X: notes the access for write tracking and says how the
 * data access must be routed (0: directly). */
unsigned checker_route(struct sim *s, paddr_t pa, const struct pt_decoded *d, unsigned access);

/* Loads and stores through the shadow window (n <= 8, within a page).
 * Bytes are in memory order. */
void checker_load(struct proc *p, const struct route *r, paddr_t pa, uint8_t *b, unsigned n);
void checker_store(struct proc *p, const struct route *r, paddr_t pa, const uint8_t *b, unsigned n);

/* Kernel access to guest memory (copyin/copyout) at pa, through the
 * mapping decoded as d: goes through the model when the page is watched.
 * 0 or -errno like phys_read/phys_write. */
int checker_kread(struct sim *s, const struct pt_decoded *d, paddr_t pa, void *b, uint32_t n);
int checker_kwrite(struct sim *s, const struct pt_decoded *d, paddr_t pa, const void *b, uint32_t n);

/* The guest learned the physical range [pa, pa+len): watch its RAM pages.
 * `d` is the mapping it learned it through, or NULL. */
void checker_reveal(struct sim *s, paddr_t pa, uint64_t len, const struct pt_decoded *d);
/* A device (DMA) is about to reach [pa, pa+len). */
void checker_dma_reach(struct sim *s, paddr_t pa, uint64_t len);

/* Cache maintenance on guest range [va, va+len) of p: op is a
 * KC_CACHE_* value.  0 or -EFAULT / -EINVAL. */
int checker_cache_op(struct proc *p, uint32_t va, uint32_t len, unsigned op);

/* After every kernel call: make PCs exact once anything is routed, and
 * flush the TLBs that still map newly watched pages directly. */
void checker_after_kcall(struct proc *p);

/* Flush p's TLB if pages started being watched since its last flush
 * (their direct translations must go). */
void checker_sync(struct proc *p);

/* Every PTE write (old and new raw entries), for mismatched attributes. */
void checker_pte_written(struct sim *s, uint64_t old_raw, uint64_t new_raw);

/* An instruction fetch is about to read the modelled RAM page at pa
 * directly: write its dirty lines back first (the loader's or a
 * program's code stores must reach memory, as the OS's cache
 * maintenance after loading code ensures on hardware). */
void checker_fetch_sync(struct sim *s, paddr_t pa);

/* A refused instruction fetch at va whose PTE is valid (decode d). */
void checker_fetch_refused(struct proc *p, uint32_t va, const struct pt_decoded *d);

/* DMA transfer at completion: moves the data through the cache model.
 * Returns false (and touches nothing) if a range is not RAM. */
struct dma_xfer {
    unsigned id;
    uint32_t src, dst, len, ctrl, pattern;
    uint32_t start_pc;
    uint32_t start_pid;
};
bool checker_dma(struct sim *s, const struct dma_xfer *x);

/* The model (tests, stats). */
struct cache *checker_cache(struct sim *s);

/* cacheinsn.c: hook the PowerPC cache instructions in [va, va+len) of
 * code (no-op on ARM).  0 or -1. */
int  cacheinsn_scan(struct proc *p, uint32_t va, const uint8_t *code, size_t len);
/* c was forked from p: the same instructions hooked for c.  0 or -1. */
int  cacheinsn_fork(struct proc *p, struct proc *c);
void cacheinsn_free(struct proc *p);

/* memsys.c: this folder as the machine calls it (struct sim_memsys). */
extern const struct sim_memsys checker_memsys;

#endif
