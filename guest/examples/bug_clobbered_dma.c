/*
 * bug_clobbered_dma.c - a driver that cleans its receive buffer *after*
 * the transfer instead of before it.  The CPU had dirtied the buffer's
 * lines (memset) before starting the DMA; the late CACHE_FLUSH writes
 * those dirty lines back over the data the device had just put in memory.
 * mmsim reports "clobbered-dma" at the kernel call that wrote the lines
 * back.  Fix: clean or invalidate the buffer before starting the DMA and
 * only invalidate it afterwards.
 */
#include <sys/cache.h>

#include "board.h"

int main(void)
{
	struct cache_ctrl cinfo;
	uint64_t spa, dpa;
	volatile uint32_t *dma = board_dma();
	uint8_t *src = board_buffer(PROT_NOCACHE, &spa), *dst = board_buffer(0, &dpa);
	if (!dma || !src || !dst || cache_init(0, &cinfo, NULL) != 0)
		return 2;
	board_pattern(src, 9);
	printf("receive buffer checksum: %u\n", board_sum(dst));
	memset(dst, 0xff, BUF_LEN);                 /* dirty lines */
	board_dma_start(dma, spa, dpa, BUF_LEN, 0);
	if (board_dma_wait(dma) != 0)
		return 2;
	CACHE_FLUSH(&cinfo, dst, dpa, BUF_LEN);   /* <- clobbered-dma: BUG, writes the 0xff lines back */
	return board_mismatches("received", dst, 9) == 0 ? 0 : 1;
}
