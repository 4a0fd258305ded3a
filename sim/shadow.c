/*
 * shadow.c - the shadow window (see shadow.h).
 */
#include <stdlib.h>
#include <string.h>

#include "shadow.h"

#define NSLOTS   (PHYS_SHADOW_SIZE / MMSIM_PAGE_SIZE)
#define HASHSIZE (2 * NSLOTS)          /* power of two, load <= 1/2 */
#define NONE     UINT32_MAX

struct shadow {
    struct proc *p;
    paddr_t     *frame;     /* slot -> frame address, or PADDR_NONE */
    uint32_t    *hash;      /* open addressing: frame -> slot, NONE = empty */
    uint32_t     used;      /* slots handed out so far */
    uint32_t     next;      /* round-robin victim once all are used */
};

#define PADDR_NONE UINT64_MAX

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
        if (s == NONE || sh->frame[s] == frame)
            return s;
    }
}

/* Enter slot s (holding frame) into the hash. */
static void insert(struct shadow *sh, paddr_t frame, uint32_t s)
{
    uint32_t b = bucket(frame);
    while (sh->hash[b] != NONE)
        b = (b + 1) & (HASHSIZE - 1);
    sh->hash[b] = s;
}

/* Rebuild the hash from the slot table (after a recycle removed one). */
static void rehash(struct shadow *sh)
{
    for (uint32_t b = 0; b < HASHSIZE; b++)
        sh->hash[b] = NONE;
    for (uint32_t s = 0; s < sh->used; s++)
        if (sh->frame[s] != PADDR_NONE)
            insert(sh, sh->frame[s], s);
}

/* RAM address behind window offset `off`; PADDR_NONE if the slot is free. */
static paddr_t backing(const struct shadow *sh, uint64_t off)
{
    paddr_t f = sh->frame[off >> MMSIM_PAGE_SHIFT];
    return f == PADDR_NONE ? PADDR_NONE : f + (off & MMSIM_PAGE_MASK);
}

/* mmio read: `size` bytes of the backing frame, little-endian. */
static uint64_t le_read(uc_engine *uc, uint64_t off, unsigned size, void *ud)
{
    (void)uc;
    struct shadow *sh = ud;
    uint8_t b[8] = {0};
    uint64_t v = 0;
    paddr_t pa = backing(sh, off);
    if (size > sizeof b || pa == PADDR_NONE || phys_read(&sh->p->sim->phys, pa, b, size) != 0)
        return 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t)b[i] << (8 * i);
    return v;
}

/* mmio write: `value` stored little-endian into the backing frame. */
static void le_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t value, void *ud)
{
    (void)uc;
    struct shadow *sh = ud;
    uint8_t b[8];
    paddr_t pa = backing(sh, off);
    if (size > sizeof b || pa == PADDR_NONE)
        return;
    for (unsigned i = 0; i < size; i++)
        b[i] = (uint8_t)(value >> (8 * i));
    phys_write(&sh->p->sim->phys, pa, b, size);
}

struct shadow *shadow_create(struct proc *p)
{
    struct shadow *sh = calloc(1, sizeof *sh);
    if (!sh)
        return NULL;
    sh->p = p;
    sh->frame = malloc(NSLOTS * sizeof *sh->frame);
    sh->hash = malloc(HASHSIZE * sizeof *sh->hash);
    if (!sh->frame || !sh->hash ||
        uc_mmio_map(p->uc, PHYS_SHADOW_BASE, PHYS_SHADOW_SIZE, le_read, sh, le_write, sh) != UC_ERR_OK) {
        shadow_destroy(sh);
        return NULL;
    }
    for (uint32_t s = 0; s < NSLOTS; s++)
        sh->frame[s] = PADDR_NONE;
    rehash(sh);
    return sh;
}

void shadow_destroy(struct shadow *sh)
{
    if (!sh)
        return;
    free(sh->frame);
    free(sh->hash);
    free(sh);
}

paddr_t shadow_le_addr(struct shadow *sh, paddr_t pa)
{
    paddr_t frame = pa & ~(paddr_t)MMSIM_PAGE_MASK;
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
            uc_ctl_flush_tlb(sh->p->uc);   /* drop translations to the old frame */
        }
    }
    return PHYS_SHADOW_BASE + (paddr_t)s * MMSIM_PAGE_SIZE + (pa & MMSIM_PAGE_MASK);
}
