/*
 * shadow.c - the shadow window (see shadow.h).
 */
#include <stdlib.h>
#include <string.h>

#include "shadow.h"

#define NSLOTS   (PHYS_SHADOW_SIZE / MMSIM_PAGE_SIZE)
#define HASHSIZE (2 * NSLOTS)          /* power of two, load <= 1/2 */
#define NONE     UINT32_MAX

/* The tables are calloc'd and 0 means empty, so an engine that never
 * routes a page costs no host memory for them (the pages stay untouched). */
struct shadow {
    struct sim  *s;         /* accesses come from s->as_proc */
    paddr_t     *frame;     /* slot -> key (frame address | route key, bit 8 set), or 0 */
    struct route *route;    /* slot -> how its accesses are served */
    uint32_t    *hash;      /* open addressing: frame -> slot + 1, 0 = empty */
    uint32_t     used;      /* slots handed out so far */
    uint32_t     next;      /* round-robin victim once all are used */
};

#define PADDR_NONE UINT64_MAX     /* no address (a free slot's backing) */

/* Hash bucket of a frame address. */
static uint32_t bucket(paddr_t frame)
{
    return (uint32_t)((frame >> MMSIM_PAGE_SHIFT) * 2654435761u) & (HASHSIZE - 1);
}

/* Slot of `frame`, or NONE. */
static uint32_t lookup(const struct shadow *sh, paddr_t frame)
{
    for (uint32_t b = bucket(frame);; b = (b + 1) & (HASHSIZE - 1)) {
        uint32_t s = sh->hash[b];
        if (s == 0)
            return NONE;
        if (sh->frame[s - 1] == frame)
            return s - 1;
    }
}

/* Enter slot s (holding frame) into the hash. */
static void insert(struct shadow *sh, paddr_t frame, uint32_t s)
{
    uint32_t b = bucket(frame);
    while (sh->hash[b] != 0)
        b = (b + 1) & (HASHSIZE - 1);
    sh->hash[b] = s + 1;
}

/* Rebuild the hash from the slot table (after a recycle removed one). */
static void rehash(struct shadow *sh)
{
    memset(sh->hash, 0, HASHSIZE * sizeof *sh->hash);
    for (uint32_t s = 0; s < sh->used; s++)
        if (sh->frame[s] != 0)
            insert(sh, sh->frame[s], s);
}

/* Address behind window offset `off`; PADDR_NONE if the slot is free. */
static paddr_t backing(const struct shadow *sh, uint64_t off)
{
    paddr_t f = sh->frame[off >> MMSIM_PAGE_SHIFT];
    return f == 0 ? PADDR_NONE : (f & ~(paddr_t)MMSIM_PAGE_MASK) + (off & MMSIM_PAGE_MASK);
}

/* Byte i of an access's value sits at value bit shift_of(i): the CPU's
 * byte order, reversed on a little-endian (E) page. */
static unsigned shift_of(const struct shadow *sh, const struct route *r, unsigned i, unsigned size)
{
    bool be = sh->s->arch->big_endian && !(r->bits & ROUTE_LE);
    return 8 * (be ? size - 1 - i : i);
}

/* mmio read: `size` bytes at the slot's address, through its route. */
static uint64_t sh_read(uc_engine *uc, uint64_t off, unsigned size, void *ud)
{
    (void)uc;
    struct shadow *sh = ud;
    uint8_t b[8] = {0};
    uint64_t v = 0;
    paddr_t pa = backing(sh, off);
    if (size > sizeof b || pa == PADDR_NONE)
        return 0;
    const struct route *r = &sh->route[off >> MMSIM_PAGE_SHIFT];
    if (r->bits & (ROUTE_MODEL | ROUTE_DEVICE))
        checker_load(sh->s->as_proc, r, pa, b, size);
    else if (phys_read(&sh->s->phys, pa, b, size) != 0)
        return 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t)b[i] << shift_of(sh, r, i, size);
    return v;
}

/* mmio write: `value` stored at the slot's address, through its route. */
static void sh_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t value, void *ud)
{
    (void)uc;
    struct shadow *sh = ud;
    uint8_t b[8];
    paddr_t pa = backing(sh, off);
    if (size > sizeof b || pa == PADDR_NONE)
        return;
    const struct route *r = &sh->route[off >> MMSIM_PAGE_SHIFT];
    for (unsigned i = 0; i < size; i++)
        b[i] = (uint8_t)(value >> shift_of(sh, r, i, size));
    if (r->bits & (ROUTE_MODEL | ROUTE_DEVICE))
        checker_store(sh->s->as_proc, r, pa, b, size);
    else
        phys_write(&sh->s->phys, pa, b, size);
}

struct shadow *shadow_create(struct sim *s)
{
    struct shadow *sh = calloc(1, sizeof *sh);
    if (!sh)
        return NULL;
    sh->s = s;
    sh->frame = calloc(NSLOTS, sizeof *sh->frame);
    sh->hash = calloc(HASHSIZE, sizeof *sh->hash);
    sh->route = calloc(NSLOTS, sizeof *sh->route);
    if (!sh->frame || !sh->hash || !sh->route ||
        uc_mmio_map(s->uc, PHYS_SHADOW_BASE, PHYS_SHADOW_SIZE, sh_read, sh, sh_write, sh) != UC_ERR_OK) {
        shadow_destroy(sh);
        return NULL;
    }
    return sh;
}

void shadow_destroy(struct shadow *sh)
{
    if (!sh)
        return;
    free(sh->frame);
    free(sh->hash);
    free(sh->route);
    free(sh);
}

/* The part of a route that selects a slot, in 12 bits. */
static paddr_t route_key(const struct route *r)
{
    return (paddr_t)(r->bits & 7) | (paddr_t)r->pol.cacheable << 3 |
           (paddr_t)r->pol.write_through << 4 | (paddr_t)r->pol.write_allocate << 5 |
           (paddr_t)r->pol.coherent << 6 | (paddr_t)r->speculative << 7 | 1u << 8;
}

paddr_t shadow_addr(struct shadow *sh, paddr_t pa, const struct route *r)
{
    paddr_t frame = (pa & ~(paddr_t)MMSIM_PAGE_MASK) | route_key(r);
    uint32_t s = lookup(sh, frame);
    if (s == NONE) {
        if (sh->used < NSLOTS) {
            s = sh->used++;
            sh->frame[s] = frame;
            insert(sh, frame, s);
        } else {                       /* all taken: recycle round-robin */
            s = sh->next;
            sh->next = (sh->next + 1) % NSLOTS;
            sh->frame[s] = frame;
            rehash(sh);
            uc_ctl_flush_tlb(sh->s->uc);   /* drop translations to the old frame */
        }
    }
    sh->route[s] = *r;
    return PHYS_SHADOW_BASE + (paddr_t)s * MMSIM_PAGE_SIZE + (pa & MMSIM_PAGE_MASK);
}
