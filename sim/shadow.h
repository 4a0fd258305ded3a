/*
 * shadow.h - the shadow window: physical addresses that stand for RAM
 * frames needing per-access semantics, for pages Unicorn must not access
 * directly.  Today: PowerPC little-endian (E) pages, whose accesses are
 * byte-swapped.  The window is one mmio region of the engine at
 * [PHYS_SHADOW_BASE, +PHYS_SHADOW_SIZE); each 4 KiB slot forwards to one
 * frame, assigned on first use (deterministically, in fill order) and
 * recycled round-robin when all are taken.
 */
#ifndef MMSIM_SIM_SHADOW_H
#define MMSIM_SIM_SHADOW_H

#include "sim.h"

struct shadow;

/* Map the window into p's engine.  NULL on failure. */
struct shadow *shadow_create(struct proc *p);
void shadow_destroy(struct shadow *sh);

/* Window address that reaches RAM address `pa` (same in-page offset) with
 * little-endian byte order.  Recycling a slot flushes Unicorn's TLB. */
paddr_t shadow_le_addr(struct shadow *sh, paddr_t pa);

#endif
