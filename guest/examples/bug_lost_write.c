/*
 * bug_lost_write.c - a DMA driver that fills its transmit buffer and
 * starts the device without cleaning the cache: the newest bytes are
 * still only in the CPU's dirty lines, so the device copies the old
 * memory.  (The driver read the buffer first, so its lines are cached;
 * the stores then dirty them.)  mmsim reports "lost-write" at the store that started the
 * transfer.  Fix: CACHE_FLUSH (or msync(MS_SYNC)) before starting it.
 */
#include <sys/cache.h>

#include "board.h"

int main(void)
{
	struct cache_ctrl cinfo;
	uint64_t spa, dpa;
	volatile uint32_t *dma = board_dma();
	uint8_t *src = board_buffer(0, &spa), *dst = board_buffer(PROT_NOCACHE, &dpa);
	if (!dma || !src || !dst || cache_init(0, &cinfo, NULL) != 0)
		return 2;
	printf("transmit buffer checksum before filling: %u\n", board_sum(src));
	board_pattern(src, 5);
	/* BUG: no CACHE_FLUSH(&cinfo, src, spa, BUF_LEN) here. */
	dma[MMSIM_DMA_SRC / 4] = (uint32_t)spa;
	dma[MMSIM_DMA_DST / 4] = (uint32_t)dpa;
	dma[MMSIM_DMA_LEN / 4] = BUF_LEN;
	dma[MMSIM_DMA_CTRL / 4] = MMSIM_DMA_START;   /* <- lost-write */
	if (board_dma_wait(dma) != 0)
		return 2;
	return board_mismatches("device's copy", dst, 5) == 0 ? 0 : 1;
}
