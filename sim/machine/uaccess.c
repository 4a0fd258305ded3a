/*
 * uaccess.c - guest memory access for kernel calls, only ever through the
 * caller's page table (like xv6's copyin/copyout): a bad pointer is
 * -EFAULT, never a host fault.  Lazy and copy-on-write pages are resolved
 * through the memory manager exactly as a guest access would be.
 */
#include <errno.h>
#include <string.h>

#include "mmtrace.h"
#include "sim.h"

/* Physical address of guest `va` for `access` by the user, resolving lazy
 * and copy-on-write pages as the guest's own access would; *d is the PTE's
 * decode.  0 or -EFAULT. */
static int translate(struct proc *p, uint32_t va, unsigned access, paddr_t *pa,
                     struct pt_decoded *d)
{
    struct pt *pt = mm_proc_pt(p->mm);
    struct pt_walk w;
    for (int tries = 0; tries < 2; tries++) {
        pt_fill(pt, va, access, &w);
        if (w.status == PTW_OK && (w.d.uprot & access)) {
            if (phys_kind(&p->sim->phys, w.pa, 1) != PHYS_RAM)
                return -EFAULT;
            *pa = w.pa;
            *d = w.d;
            return 0;
        }
        if (tries || tm_fault(p, va, access) != MMF_RESOLVED)
            break;
    }
    return -EFAULT;
}

int uaddr_phys(struct proc *p, uint32_t va, bool write, paddr_t *pa)
{
    struct pt_decoded d;
    return translate(p, va, write ? PT_W : PT_R, pa, &d);
}

/* Copy len bytes between host buffer and guest va, page by page. */
static int xfer(struct proc *p, uint32_t va, void *buf, uint32_t len, unsigned access)
{
    uint8_t *b = buf;
    if (len && (uint64_t)va + len - 1 > UINT32_MAX)
        return -EFAULT;
    while (len) {
        uint32_t chunk = MMSIM_PAGE_SIZE - (va & MMSIM_PAGE_MASK);
        if (chunk > len)
            chunk = len;
        paddr_t pa;
        struct pt_decoded d;
        int rc = translate(p, va, access, &pa, &d);
        if (rc)
            return rc;
        /* The kernel reaches user memory through the user's mapping, so
         * through the CPU's cache when the checker models the page. */
        rc = access == PT_W ? p->sim->mem->kwrite(p->sim, &d, pa, b, chunk)
                            : p->sim->mem->kread(p->sim, &d, pa, b, chunk);
        if (rc)
            return -EFAULT;
        va += chunk;
        b += chunk;
        len -= chunk;
    }
    return 0;
}

int copyin(struct proc *p, void *dst, uint32_t va, uint32_t len)
{
    return xfer(p, va, dst, len, PT_R);
}

int copyout(struct proc *p, uint32_t va, const void *src, uint32_t len)
{
    return xfer(p, va, (void *)src, len, PT_W);
}

int copyinstr(struct proc *p, char *dst, uint32_t va, uint32_t max)
{
    for (uint32_t i = 0; i < max; i++) {
        int rc = copyin(p, &dst[i], va + i, 1);
        if (rc)
            return rc;
        if (dst[i] == '\0')
            return 0;
    }
    return -ENAMETOOLONG;
}

uint16_t g16(const struct proc *p, const void *b)
{
    const uint8_t *x = b;
    return p->sim->arch->big_endian ? (uint16_t)(x[0] << 8 | x[1]) : (uint16_t)(x[1] << 8 | x[0]);
}

uint32_t g32(const struct proc *p, const void *b)
{
    const uint8_t *x = b;
    if (p->sim->arch->big_endian)
        return (uint32_t)x[0] << 24 | (uint32_t)x[1] << 16 | (uint32_t)x[2] << 8 | x[3];
    return (uint32_t)x[3] << 24 | (uint32_t)x[2] << 16 | (uint32_t)x[1] << 8 | x[0];
}

uint64_t g64(const struct proc *p, const void *b)
{
    const uint8_t *x = b;
    uint64_t lo = g32(p, p->sim->arch->big_endian ? x + 4 : x);
    uint64_t hi = g32(p, p->sim->arch->big_endian ? x : x + 4);
    return hi << 32 | lo;
}

void p16(const struct proc *p, void *b, uint16_t v)
{
    uint8_t *x = b;
    if (p->sim->arch->big_endian) { x[0] = v >> 8; x[1] = v & 0xff; }
    else { x[0] = v & 0xff; x[1] = v >> 8; }
}

void p32(const struct proc *p, void *b, uint32_t v)
{
    uint8_t *x = b;
    for (int i = 0; i < 4; i++)
        x[p->sim->arch->big_endian ? 3 - i : i] = (uint8_t)(v >> (8 * i));
}

void p64(const struct proc *p, void *b, uint64_t v)
{
    uint8_t *x = b;
    bool be = p->sim->arch->big_endian;
    p32(p, be ? x + 4 : x, (uint32_t)v);
    p32(p, be ? x : x + 4, (uint32_t)(v >> 32));
}
