/*
 * phys.c - simulated physical address space: RAM banks and device windows.
 *
 * RAM is laid out as consecutive banks of PHYS_BANK_MAX bytes (the last
 * one may be shorter) from physical address 0, so the bank holding `pa`
 * is simply pa >> 30.  Each bank is an anonymous MAP_NORESERVE mapping:
 * untouched pages cost no host memory and read as zero.
 */
#include "mmsim/phys.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#define BANK_SHIFT 30
#define DEVICE_END (1ull << 32) /* 32-bit physical space for every flavour */

/* True when [pa, pa+len) lies inside RAM (len 0 checks the point pa). */
static bool in_ram(const struct phys *p, paddr_t pa, uint64_t len)
{
    uint64_t end = pa + (len ? len : 1);
    return end > pa && end <= p->ram_size;
}

/* Reserve `ram_size` bytes of RAM as banks from physical 0. */
int phys_init(struct phys *p, uint64_t ram_size)
{
    memset(p, 0, sizeof(*p));
    if (ram_size < (1ull << 20) || ram_size > PHYS_RAM_LIMIT || (ram_size & MMSIM_PAGE_MASK))
        return -EINVAL;
    for (uint64_t base = 0; base < ram_size; base += PHYS_BANK_MAX) {
        uint64_t size = ram_size - base < PHYS_BANK_MAX ? ram_size - base : PHYS_BANK_MAX;
        void *host = mmap(NULL, size, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (host == MAP_FAILED) {
            phys_fini(p);
            return -ENOMEM;
        }
        p->bank[p->nbanks++] = (struct phys_bank){ .base = base, .size = size, .host = host };
    }
    p->ram_size = ram_size;
    return 0;
}

/* Release every bank's host buffer and forget the devices. */
void phys_fini(struct phys *p)
{
    for (int i = 0; i < p->nbanks; i++)
        munmap(p->bank[i].host, p->bank[i].size);
    memset(p, 0, sizeof(*p));
}

/* Declare a device window: page aligned, in [PHYS_DEVICE_BASE, 4 GiB),
 * not overlapping another window. */
int phys_add_device(struct phys *p, paddr_t base, uint64_t size, const char *name)
{
    if (size == 0 || (base & MMSIM_PAGE_MASK) || (size & MMSIM_PAGE_MASK))
        return -EINVAL;
    if (base < PHYS_SHADOW_BASE + PHYS_SHADOW_SIZE && base + size > PHYS_SHADOW_BASE)
        return -EINVAL;                 /* the shadow window is sim/'s */
    if (base < PHYS_DEVICE_BASE || base >= DEVICE_END || size > DEVICE_END - base)
        return -EINVAL;
    for (int i = 0; i < p->ndevs; i++) {
        const struct phys_device *d = &p->dev[i];
        if (base < d->base + d->size && d->base < base + size)
            return -EINVAL;
    }
    if (p->ndevs == PHYS_MAX_DEVICES)
        return -ENOSPC;
    struct phys_device *d = &p->dev[p->ndevs++];
    d->base = base;
    d->size = size;
    memset(d->name, 0, sizeof(d->name));
    if (name)
        strncpy(d->name, name, sizeof(d->name) - 1);
    return 0;
}

/* Kind of the whole range [pa, pa+len). */
enum phys_kind phys_kind(const struct phys *p, paddr_t pa, uint64_t len)
{
    if (in_ram(p, pa, len))
        return PHYS_RAM;
    uint64_t end = pa + (len ? len : 1);
    if (end <= pa)
        return PHYS_NONE;
    for (int i = 0; i < p->ndevs; i++) {
        const struct phys_device *d = &p->dev[i];
        if (pa >= d->base && end <= d->base + d->size)
            return PHYS_DEVICE;
    }
    return PHYS_NONE;
}

/* Host pointer for [pa, pa+len) inside one RAM bank, else NULL. */
uint8_t *phys_host(const struct phys *p, paddr_t pa, uint64_t len)
{
    if (!in_ram(p, pa, len))
        return NULL;
    const struct phys_bank *b = &p->bank[pa >> BANK_SHIFT];
    uint64_t off = pa - b->base;
    if (len > b->size - off)
        return NULL;
    return b->host + off;
}

/* Slow path of the copies: walk [pa, pa+len) bank by bank.  op: 0 read
 * into buf, 1 write from buf, 2 zero.  The range was checked already. */
static void span(const struct phys *p, paddr_t pa, uint8_t *buf, uint64_t len, int op)
{
    while (len) {
        const struct phys_bank *b = &p->bank[pa >> BANK_SHIFT];
        uint64_t off = pa - b->base;
        uint64_t n = b->size - off < len ? b->size - off : len;
        if (op == 0)
            memcpy(buf, b->host + off, n);
        else if (op == 1)
            memcpy(b->host + off, buf, n);
        else
            memset(b->host + off, 0, n);
        pa += n;
        len -= n;
        if (buf)
            buf += n;
    }
}

/* Copy len bytes of RAM at pa into dst.  0 or -EFAULT. */
int phys_read(const struct phys *p, paddr_t pa, void *dst, uint64_t len)
{
    if (len == 0)
        return 0;
    if (!in_ram(p, pa, len))
        return -EFAULT;
    span(p, pa, dst, len, 0);
    return 0;
}

/* Copy len bytes from src into RAM at pa.  0 or -EFAULT. */
int phys_write(const struct phys *p, paddr_t pa, const void *src, uint64_t len)
{
    if (len == 0)
        return 0;
    if (!in_ram(p, pa, len))
        return -EFAULT;
    span(p, pa, (uint8_t *)src, len, 1);
    return 0;
}

/* Zero len bytes of RAM at pa.  0 or -EFAULT. */
int phys_zero(const struct phys *p, paddr_t pa, uint64_t len)
{
    if (len == 0)
        return 0;
    if (!in_ram(p, pa, len))
        return -EFAULT;
    span(p, pa, NULL, len, 2);
    return 0;
}

/* Read a 32-bit value at pa in the given byte order.  0 or -EFAULT. */
int phys_read32(const struct phys *p, paddr_t pa, bool big_endian, uint32_t *v)
{
    uint8_t b[4];
    const uint8_t *s = phys_host(p, pa, 4);
    if (!s) {
        if (phys_read(p, pa, b, 4))
            return -EFAULT;
        s = b;
    }
    if (big_endian)
        *v = (uint32_t)s[0] << 24 | (uint32_t)s[1] << 16 | (uint32_t)s[2] << 8 | s[3];
    else
        *v = (uint32_t)s[3] << 24 | (uint32_t)s[2] << 16 | (uint32_t)s[1] << 8 | s[0];
    return 0;
}

/* Write a 32-bit value at pa in the given byte order.  0 or -EFAULT. */
int phys_write32(const struct phys *p, paddr_t pa, bool big_endian, uint32_t v)
{
    uint8_t b[4];
    for (int i = 0; i < 4; i++)
        b[big_endian ? 3 - i : i] = (uint8_t)(v >> (8 * i));
    uint8_t *d = phys_host(p, pa, 4);
    if (d) {
        memcpy(d, b, 4);
        return 0;
    }
    return phys_write(p, pa, b, 4);
}
