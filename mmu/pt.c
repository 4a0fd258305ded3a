/*
 * pt.c - the flavour-independent part of the page tables: CPU names, the
 * MMU object, argument checks, PTE-write reporting and the flush flag.
 * Everything format-specific goes through struct pt_ops (pt_impl.h).
 */
#include "pt_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const cpu_names[CPU_COUNT] = {
    [CPU_ARMV5] = "armv5", [CPU_ARMV6] = "armv6", [CPU_ARMV7] = "armv7",
    [CPU_E500] = "e500",   [CPU_PPC600] = "ppc600",
};

/* Ops of flavour cpu, or NULL for a value outside the enum. */
static const struct pt_ops *pt_ops_for(enum mmsim_cpu cpu)
{
    switch (cpu) {
    case CPU_ARMV5: return &pt_armv5_ops;
    case CPU_ARMV6: return &pt_armv6_ops;
    case CPU_ARMV7: return &pt_armv7_ops;
    case CPU_PPC600: return &pt_ppc600_ops;
    case CPU_E500:  return &pt_e500_ops;
    default:        return NULL;
    }
}

/* Command-line name of cpu ("armv6"), "?" if out of range. */
const char *mmu_cpu_name(enum mmsim_cpu cpu)
{
    return (unsigned)cpu < CPU_COUNT ? cpu_names[cpu] : "?";
}

/* Parse a CPU name.  0 or -EINVAL. */
int mmu_cpu_parse(const char *name, enum mmsim_cpu *cpu)
{
    for (int i = 0; name && i < CPU_COUNT; i++)
        if (strcmp(name, cpu_names[i]) == 0) {
            *cpu = (enum mmsim_cpu)i;
            return 0;
        }
    return -EINVAL;
}

/* True for the big-endian (PowerPC) flavours. */
bool mmu_cpu_big_endian(enum mmsim_cpu cpu)
{
    return cpu == CPU_E500 || cpu == CPU_PPC600;
}

/* Machine-wide MMU for cpu; NULL with errno EINVAL (unknown or not yet
 * implemented flavour, missing phys/frames) or ENOMEM. */
struct mmu *mmu_create(enum mmsim_cpu cpu, struct phys *phys, struct frames *frames,
                       const struct pt_hooks *hooks)
{
    const struct pt_ops *ops = (unsigned)cpu < CPU_COUNT ? pt_ops_for(cpu) : NULL;
    if (!ops || !phys || !frames) {
        errno = EINVAL;
        return NULL;
    }
    struct mmu *m = calloc(1, sizeof(*m));
    if (!m) {
        errno = ENOMEM;
        return NULL;
    }
    *m = (struct mmu){ .cpu = cpu, .ops = ops, .phys = phys, .frames = frames,
                       .big_endian = mmu_cpu_big_endian(cpu) };
    if (hooks)
        m->hooks = *hooks;
    int r = ops->mmu_init ? ops->mmu_init(m) : 0;
    if (r) {
        free(m);
        errno = -r;
        return NULL;
    }
    return m;
}

/* Free the machine-wide state (tables of processes must be gone). */
void mmu_destroy(struct mmu *m)
{
    if (!m)
        return;
    if (m->ops->mmu_fini)
        m->ops->mmu_fini(m);
    free(m);
}

/* Flavour of m. */
enum mmsim_cpu mmu_cpu(const struct mmu *m)
{
    return m->cpu;
}

/* Validate shm_ctl_special bits for m's CPU: 0 or -EINVAL with *why. */
int mmu_check_special(const struct mmu *m, uint32_t special, const char **why)
{
    const char *dummy;
    if (!why)
        why = &dummy;
    *why = NULL;
    return m->ops->check_special(special, why);
}

/* Empty table for asid, root allocated and zeroed.  NULL on ENOMEM. */
struct pt *pt_create(struct mmu *m, uint32_t asid)
{
    struct pt *pt = calloc(1, sizeof(*pt));
    if (!pt)
        return NULL;
    pt->m = m;
    pt->asid = asid;
    if (m->ops->create(pt)) {
        free(pt);
        return NULL;
    }
    return pt;
}

/* Free every table frame of pt and pt itself. */
void pt_destroy(struct pt *pt)
{
    if (!pt)
        return;
    pt->m->ops->destroy(pt);
    free(pt);
}

/* Physical address of the root table. */
paddr_t pt_root(const struct pt *pt)
{
    return pt->root;
}

/* Address-space id given at creation. */
uint32_t pt_asid(const struct pt *pt)
{
    return pt->asid;
}

/* Map page va to frame pa with a.  0, -EINVAL (unaligned, bad prot, pa
 * the format cannot reach) or -ENOMEM. */
int pt_map(struct pt *pt, uint32_t va, paddr_t pa, const struct pt_attr *a)
{
    if ((va & MMSIM_PAGE_MASK) || (pa & MMSIM_PAGE_MASK) || !a || a->prot == 0 ||
        (a->prot & ~(PT_R | PT_W | PT_X)))
        return -EINVAL;
    return pt->m->ops->map(pt, va, pa, a);
}

/* Remove the mapping of the page holding va (no-op if none). */
void pt_unmap(struct pt *pt, uint32_t va)
{
    pt->m->ops->unmap(pt, va & ~(uint32_t)MMSIM_PAGE_MASK);
}

/* Walk the tables in RAM for va; *w fully set. */
void pt_walk(const struct pt *pt, uint32_t va, struct pt_walk *w)
{
    memset(w, 0, sizeof(*w));
    pt->m->ops->walk(pt, va, w);
}

/* Referenced/changed event for va where the format keeps R/C. */
void pt_touch(struct pt *pt, uint32_t va, bool write)
{
    if (pt->m->ops->touch)
        pt->m->ops->touch(pt, va, write);
}

/* Report name of the descriptor a walk ended on, per flavour. */
const char *pt_entry_name(enum mmsim_cpu cpu, int level)
{
    switch (cpu) {
    case CPU_E500:   return level == 1 ? "software L1 entry" : "software leaf entry";
    case CPU_PPC600: return "HTAB PTE";
    default:         return level == 1 ? "L1 descriptor" : "L2 descriptor";
    }
}

/* Hardware translation of va for access: the format's fill, else a walk
 * and, when it succeeds, a touch. */
void pt_fill(struct pt *pt, uint32_t va, unsigned access, struct pt_walk *w)
{
    memset(w, 0, sizeof(*w));
    if (pt->m->ops->fill) {
        pt->m->ops->fill(pt, va, access, w);
        return;
    }
    pt->m->ops->walk(pt, va, w);
    if (w->status == PTW_OK && (w->d.uprot & access) && pt->m->ops->touch)
        pt->m->ops->touch(pt, va, access == PT_W);
}

/* True, and cleared, if cached translations must be flushed. */
bool pt_take_flush(struct pt *pt)
{
    bool f = pt->flush;
    pt->flush = false;
    return f;
}

/* Decode a leaf PTE of cpu (all-invalid for unknown flavours). */
void pt_decode(enum mmsim_cpu cpu, uint64_t raw, struct pt_decoded *d)
{
    const struct pt_ops *ops = (unsigned)cpu < CPU_COUNT ? pt_ops_for(cpu) : NULL;
    memset(d, 0, sizeof(*d));
    if (ops)
        ops->decode(raw, d);
}

/* One-line description of a leaf PTE of cpu into buf (n bytes). */
void pt_describe(enum mmsim_cpu cpu, uint64_t raw, char *buf, size_t n)
{
    const struct pt_ops *ops = (unsigned)cpu < CPU_COUNT ? pt_ops_for(cpu) : NULL;
    if (n == 0)
        return;
    if (ops)
        ops->describe(raw, buf, n);
    else
        snprintf(buf, n, "raw=0x%08llx (no decoder for cpu %s)", (unsigned long long)raw,
                 mmu_cpu_name(cpu));
}

/* Dump every valid entry of pt to out. */
void pt_dump(const struct pt *pt, FILE *out)
{
    fprintf(out, "pt asid=%u cpu=%s root=0x%08llx\n", pt->asid, pt->m->ops->name,
            (unsigned long long)pt->root);
    pt->m->ops->dump(pt, out);
}

static const char *const memtype_names[] = {
    [MT_NORMAL] = "normal", [MT_DEVICE] = "device", [MT_STRONGLY_ORDERED] = "strongly-ordered",
};
static const char *const cache_names[] = {
    [PC_NONCACHEABLE] = "NC", [PC_WB_WA] = "WB-WA", [PC_WT] = "WT", [PC_WB_NWA] = "WB-noWA",
};

/* "normal", "device", "strongly-ordered". */
const char *pt_memtype_name(enum pt_memtype t)
{
    return (unsigned)t <= MT_STRONGLY_ORDERED ? memtype_names[t] : "?";
}

/* "NC", "WB-WA", "WT", "WB-noWA". */
const char *pt_cache_name(enum pt_cache c)
{
    return (unsigned)c <= PC_WB_NWA ? cache_names[c] : "?";
}

/* ---- helpers for the flavours (pt_impl.h) ---- */

/* Read a table word in the MMU's byte order. */
int pt_read32(const struct pt *pt, paddr_t pa, uint32_t *v)
{
    return phys_read32(pt->m->phys, pa, pt->m->big_endian, v);
}

/* Write a non-leaf table word; flush if a valid word changes. */
int pt_write_table32(struct pt *pt, paddr_t pa, uint32_t old, bool old_valid, uint32_t new)
{
    int r = phys_write32(pt->m->phys, pa, pt->m->big_endian, new);
    if (r == 0 && old_valid && old != new)
        pt->flush = true;
    return r;
}

/* Write a leaf PTE, report it, flush if a valid PTE changes. */
int pt_write_pte32(struct pt *pt, uint32_t va, paddr_t pa, uint32_t old, bool old_valid,
                   uint32_t new)
{
    int r = pt_write_table32(pt, pa, old, old_valid, new);
    if (r == 0 && pt->m->hooks.pte_written)
        pt->m->hooks.pte_written(pt->m->hooks.ctx, pt, va, pa, old, new);
    return r;
}

/* Write an 8-byte leaf PTE (word1, then word0), report it, flush if a
 * valid PTE changes. */
int pt_write_pte64(struct pt *pt, uint32_t va, paddr_t pa, uint64_t old, bool old_valid,
                   uint64_t new)
{
    int r = phys_write32(pt->m->phys, pa + 4, pt->m->big_endian, (uint32_t)new);
    if (r == 0)
        r = phys_write32(pt->m->phys, pa, pt->m->big_endian, (uint32_t)(new >> 32));
    if (r == 0 && old_valid && old != new)
        pt->flush = true;
    if (r == 0 && pt->m->hooks.pte_written)
        pt->m->hooks.pte_written(pt->m->hooks.ctx, pt, va, pa, old, new);
    return r;
}
