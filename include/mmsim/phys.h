/*
 * phys.h - simulated physical address space: RAM banks and device windows.
 *
 * Each RAM bank is one host buffer reserved with mmap(MAP_NORESERVE), so a
 * large simulated RAM costs only the pages that are touched.  Banks are
 * laid from physical address 0 upward, at most 1 GiB each, and RAM stays
 * below 3 GiB; device windows live at or above 0xC0000000.
 * Values read or written with the 32/64-bit helpers are in the byte order
 * the caller names (page tables are little-endian on ARM, big on PPC).
 */
#ifndef MMSIM_PHYS_H
#define MMSIM_PHYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t paddr_t;

#define MMSIM_PAGE_SHIFT 12
#define MMSIM_PAGE_SIZE  4096u
#define MMSIM_PAGE_MASK  ((uint64_t)MMSIM_PAGE_SIZE - 1)

#define PHYS_MAX_BANKS   4
#define PHYS_MAX_DEVICES 8
#define PHYS_BANK_MAX    (1ull << 30)
#define PHYS_RAM_LIMIT   (3ull << 30)
#define PHYS_DEVICE_BASE 0xC0000000ull
/* Reserved for sim/'s shadow window (per-access semantics, e.g. PPC E
 * pages); device windows may not overlap it. */
#define PHYS_SHADOW_BASE 0xF0000000ull
#define PHYS_SHADOW_SIZE 0x08000000ull

enum phys_kind { PHYS_NONE = 0, PHYS_RAM, PHYS_DEVICE };

struct phys_bank {
    paddr_t  base;
    uint64_t size;
    uint8_t *host;        /* MAP_NORESERVE buffer of `size` bytes */
};

struct phys_device {
    paddr_t  base;
    uint64_t size;
    char     name[32];
};

struct phys {
    struct phys_bank   bank[PHYS_MAX_BANKS];
    int                nbanks;
    struct phys_device dev[PHYS_MAX_DEVICES];
    int                ndevs;
    uint64_t           ram_size;
};

/* Reserve `ram_size` bytes (page multiple, 1 MiB..3 GiB) of RAM as banks
 * from physical 0.  Returns 0 or -EINVAL / -ENOMEM. */
int phys_init(struct phys *p, uint64_t ram_size);

/* Release every bank's host buffer. */
void phys_fini(struct phys *p);

/* Declare a device window [base, base+size) at or above PHYS_DEVICE_BASE,
 * page aligned, not overlapping another.  Returns 0 or -EINVAL / -ENOSPC. */
int phys_add_device(struct phys *p, paddr_t base, uint64_t size, const char *name);

/* Kind of the whole range [pa, pa+len): PHYS_RAM if it lies inside RAM
 * (it may span adjacent banks), PHYS_DEVICE if inside one device window,
 * else PHYS_NONE. */
enum phys_kind phys_kind(const struct phys *p, paddr_t pa, uint64_t len);

/* Host pointer for [pa, pa+len) if it lies inside one RAM bank, else NULL. */
uint8_t *phys_host(const struct phys *p, paddr_t pa, uint64_t len);

/* Copy between host memory and RAM (may span banks).  0 or -EFAULT. */
int phys_read(const struct phys *p, paddr_t pa, void *dst, uint64_t len);
int phys_write(const struct phys *p, paddr_t pa, const void *src, uint64_t len);
int phys_zero(const struct phys *p, paddr_t pa, uint64_t len);

/* 32/64-bit RAM accessors in an explicit byte order. 0 or -EFAULT. */
int phys_read32(const struct phys *p, paddr_t pa, bool big_endian, uint32_t *v);
int phys_write32(const struct phys *p, paddr_t pa, bool big_endian, uint32_t v);

#endif
