/*
 * <mmsim/devices.h> - the simulated board's memory-mapped devices, shared
 * by guest programs and the simulator.  Registers are 32 bits wide, in the
 * CPU's byte order (a little-endian (E) mapping on PowerPC sees them
 * byte-swapped, as it would on a board).  Map them with
 * mmap_device_memory(), mmap(MAP_PHYS|MAP_SHARED, NOFD, paddr) or a
 * shm_ctl_special(SHMCTL_PHYS) object: the page attributes of that mapping
 * are the ones the device sees.  Use PROT_NOCACHE (or device / strongly
 * ordered / guarded special bits): a mapping that allows speculation lets
 * the CPU read ahead into the registers.
 *
 * DMA0: a memory-to-memory copy engine.  Write SRC, DST, LEN (physical
 * addresses, bytes), then CTRL with MMSIM_DMA_START (plus FILL to store the
 * PATTERN word instead of reading SRC, plus SNOOP for a cache-coherent
 * transfer).  STATUS is BUSY until the transfer completes
 * MMSIM_DMA_LATENCY guest instructions after the START store, then DONE
 * (or ERROR: a range that is not entirely RAM, LEN above MMSIM_DMA_MAX_LEN,
 * or START while BUSY; an erroneous transfer touches no memory).  The copy
 * happens at once at completion.  A non-snooping transfer reads and writes
 * RAM only: the CPU's caches must be cleaned before it reads and
 * invalidated before the CPU reads what it wrote.  A snooping transfer
 * sees and updates lines cached through coherent mappings (PowerPC M=1,
 * ARM shareable).  FILL stores PATTERN in the CPU's byte order, so the CPU
 * reads the PATTERN value back from every aligned word.
 *
 * FIFO0: a receive FIFO.  Every read of DATA pops the next word of the
 * sequence MMSIM_FIFO_WORD(0), (1), ... ; COUNT says how many words were
 * popped so far.  Like many small peripherals it decodes only address bits
 * [3:2]: every offset with (offset & 0xC) == 0 is DATA, == 4 is COUNT, the
 * rest read 0.  Writes are ignored.
 */
#ifndef MMSIM_DEVICES_H
#define MMSIM_DEVICES_H

#define MMSIM_DMA0_PADDR   0xC0000000u
#define MMSIM_DMA0_SIZE    0x1000u
#define MMSIM_FIFO0_PADDR  0xC0001000u
#define MMSIM_FIFO0_SIZE   0x1000u

/* DMA register offsets */
#define MMSIM_DMA_SRC      0x00
#define MMSIM_DMA_DST      0x04
#define MMSIM_DMA_LEN      0x08
#define MMSIM_DMA_CTRL     0x0C
#define MMSIM_DMA_STATUS   0x10
#define MMSIM_DMA_PATTERN  0x14
/* CTRL bits */
#define MMSIM_DMA_START    0x1u
#define MMSIM_DMA_FILL     0x2u
#define MMSIM_DMA_SNOOP    0x4u
/* STATUS bits */
#define MMSIM_DMA_BUSY     0x1u
#define MMSIM_DMA_DONE     0x2u
#define MMSIM_DMA_ERROR    0x4u

/* The same bits, named after their register. */
#define MMSIM_DMA_CTRL_START   MMSIM_DMA_START
#define MMSIM_DMA_CTRL_FILL    MMSIM_DMA_FILL
#define MMSIM_DMA_CTRL_SNOOP   MMSIM_DMA_SNOOP
#define MMSIM_DMA_STATUS_BUSY  MMSIM_DMA_BUSY
#define MMSIM_DMA_STATUS_DONE  MMSIM_DMA_DONE
#define MMSIM_DMA_STATUS_ERROR MMSIM_DMA_ERROR

#define MMSIM_DMA_LATENCY  64u          /* guest instructions from START to DONE */
#define MMSIM_DMA_MAX_LEN  (16u << 20)

/* FIFO register offsets */
#define MMSIM_FIFO_DATA    0x00
#define MMSIM_FIFO_COUNT   0x04
/* The k-th word the FIFO delivers (k = 0, 1, ...). */
#define MMSIM_FIFO_WORD(k) (0xF1F00000u + (unsigned)(k))

#endif
