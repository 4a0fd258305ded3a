/*
 * shadow.h - the shadow window: physical addresses that stand for pages
 * needing per-access semantics, which Unicorn must not access directly:
 * PowerPC little-endian (E) pages (byte-swapped), RAM pages the cache
 * model must see, and device registers (checker.h's routes).  The window
 * is one mmio region of the engine at [PHYS_SHADOW_BASE, +PHYS_SHADOW_SIZE);
 * each 4 KiB slot stands for one (frame, route) pair, assigned on first
 * use (deterministically, in fill order) and recycled round-robin when all
 * are taken.
 */
#ifndef MMSIM_SIM_SHADOW_H
#define MMSIM_SIM_SHADOW_H

#include "checker.h"
#include "sim.h"

struct shadow;

/* Map the window into the engine (s->uc).  NULL on failure. */
struct shadow *shadow_create(struct sim *s);
void shadow_destroy(struct shadow *sh);

/* Window address that reaches address `pa` (same in-page offset) the way
 * route r says.  The slot keeps r's mapping details (virtual page, decode)
 * for reports.  Recycling a slot flushes Unicorn's TLB. */
paddr_t shadow_addr(struct shadow *sh, paddr_t pa, const struct route *r);

#endif
