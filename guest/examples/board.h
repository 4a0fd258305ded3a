/*
 * board.h - helpers the DMA and FIFO examples share: map the simulated
 * board's devices (<mmsim/devices.h>), get physically known buffers, run
 * a DMA transfer and wait for it.
 */
#ifndef EXAMPLES_BOARD_H
#define EXAMPLES_BOARD_H

#include <mmsim/devices.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define BUF_LEN 4096u

/* DMA0's registers, mapped as device memory (PROT_NOCACHE). */
static inline volatile uint32_t *board_dma(void)
{
	void *r = mmap_device_memory(NULL, MMSIM_DMA0_SIZE, PROT_READ | PROT_WRITE | PROT_NOCACHE, 0,
				     MMSIM_DMA0_PADDR);
	return r == MAP_FAILED ? NULL : (volatile uint32_t *)r;
}

/* A physically contiguous buffer of BUF_LEN bytes (prot adds to
 * PROT_READ|PROT_WRITE, e.g. PROT_NOCACHE) and its physical address. */
static inline uint8_t *board_buffer(int prot, uint64_t *pa)
{
	uint8_t *b = mmap(NULL, BUF_LEN, PROT_READ | PROT_WRITE | prot, MAP_PRIVATE | MAP_ANON | MAP_PHYS,
			  NOFD, 0);
	off_t off;
	if (b == MAP_FAILED || mem_offset(b, NOFD, BUF_LEN, &off, NULL) != 0)
		return NULL;
	*pa = (uint64_t)off;
	return b;
}

/* Program a transfer (ctrl: MMSIM_DMA_FILL, MMSIM_DMA_SNOOP) and start it. */
static inline void board_dma_start(volatile uint32_t *dma, uint64_t src, uint64_t dst, uint32_t len,
				   uint32_t ctrl)
{
	dma[MMSIM_DMA_SRC / 4] = (uint32_t)src;
	dma[MMSIM_DMA_DST / 4] = (uint32_t)dst;
	dma[MMSIM_DMA_LEN / 4] = len;
	dma[MMSIM_DMA_CTRL / 4] = ctrl | MMSIM_DMA_START;
}

/* Poll STATUS until the transfer is done; 0, or -1 if the device reported ERROR. */
static inline int board_dma_wait(volatile uint32_t *dma)
{
	while (!(dma[MMSIM_DMA_STATUS / 4] & MMSIM_DMA_DONE))
		;
	return dma[MMSIM_DMA_STATUS / 4] & MMSIM_DMA_ERROR ? -1 : 0;
}

/* Sum of b's bytes: reading a buffer brings its lines into the cache
 * (ARM's default pages do not allocate lines on a store miss). */
static inline unsigned board_sum(const uint8_t *b)
{
	unsigned s = 0;
	for (uint32_t i = 0; i < BUF_LEN; i++)
		s += b[i];
	return s;
}

/* Fill b with the pattern seed + 7*i. */
static inline void board_pattern(uint8_t *b, uint8_t seed)
{
	for (uint32_t i = 0; i < BUF_LEN; i++)
		b[i] = (uint8_t)(seed + i * 7);
}

/* Count the bytes of b that differ from the pattern of seed; prints the first. */
static inline unsigned board_mismatches(const char *what, const uint8_t *b, uint8_t seed)
{
	unsigned bad = 0;
	for (uint32_t i = 0; i < BUF_LEN; i++)
		if (b[i] != (uint8_t)(seed + i * 7) && bad++ == 0)
			printf("%s: byte %u is 0x%02x, expected 0x%02x\n", what, i, b[i],
			       (uint8_t)(seed + i * 7));
	if (!bad)
		printf("%s: all %u bytes as expected\n", what, BUF_LEN);
	return bad;
}

#endif
