/*
 * bug_stale_read.c - a DMA driver that forgets to invalidate its receive
 * buffer.  The CPU looked at the buffer before the transfer (so its lines
 * are cached); after the DMA wrote memory it reads the old bytes from the
 * cache.  mmsim reports "stale-read" at the load and the program sees the
 * wrong data, as it would on the board.  Fix: CACHE_INVAL (or
 * msync(MS_INVALIDATE)) after the transfer, before reading.
 */
#include <sys/cache.h>

#include "board.h"

int main(void)
{
	struct cache_ctrl cinfo;
	uint64_t spa, dpa;
	volatile uint32_t *dma = board_dma();
	uint8_t *src = board_buffer(0, &spa), *dst = board_buffer(0, &dpa);
	if (!dma || !src || !dst || cache_init(0, &cinfo, NULL) != 0)
		return 2;
	board_pattern(src, 1);
	memset(dst, 0, BUF_LEN);
	CACHE_FLUSH(&cinfo, src, spa, BUF_LEN);
	CACHE_FLUSH(&cinfo, dst, dpa, BUF_LEN);
	printf("receive buffer starts with %u\n", dst[0]);   /* caches dst's first lines */
	board_dma_start(dma, spa, dpa, BUF_LEN, 0);
	if (board_dma_wait(dma) != 0)
		return 2;
	/* BUG: no CACHE_INVAL(&cinfo, dst, dpa, BUF_LEN) here. */
	unsigned first = dst[0];   /* <- stale-read */
	printf("after the DMA the buffer starts with %u (the device wrote 1)\n", first);
	return first == 1 ? 0 : 1;
}
