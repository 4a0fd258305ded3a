/*
 * devices.h - the board's memory-mapped devices (<mmsim/devices.h> gives
 * the guest's view): the DMA engine DMA0 and the receive FIFO FIFO0.
 *
 * Register accesses arrive from the shadow window (every device page is
 * routed there, see checker.h) as bytes in memory order; registers are
 * 32-bit words in the CPU's byte order.  A DMA transfer completes
 * MMSIM_DMA_LATENCY guest instructions after its START store: the engine's
 * instruction hook calls devices_tick() while one is pending.
 */
#ifndef MMSIM_SIM_DEVICES_H
#define MMSIM_SIM_DEVICES_H

#include <stdbool.h>
#include <stdint.h>

#include "sim.h"

/* Declare the device windows in s->phys and reset the devices. 0 or -errno. */
int  devices_init(struct sim *s);
void devices_fini(struct sim *s);

/* True if pa is inside a device window. */
bool devices_claim(const struct sim *s, paddr_t pa);

/* A read of n bytes at device address pa by p; `speculative` for the
 * CPU's read-ahead.  Returns true if the read had a side effect (a FIFO
 * pop). */
bool devices_read(struct proc *p, paddr_t pa, uint8_t *b, unsigned n, bool speculative);
/* A write of n bytes at device address pa by p. */
void devices_write(struct proc *p, paddr_t pa, const uint8_t *b, unsigned n);

/* True while a DMA transfer is counting down. */
bool devices_busy(const struct sim *s);
/* One guest instruction retired by p: completes a due transfer. */
void devices_tick(struct proc *p);

#endif
