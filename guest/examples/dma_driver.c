/*
 * dma_driver.c - a correct DMA driver for the simulated board's DMA0
 * engine: it gets no checker report on any CPU flavour.
 *
 * Three ways to keep the CPU's data cache and the device consistent:
 *  1. a cacheable buffer with QNX libcache: CACHE_FLUSH before the device
 *     reads it (and before it writes it, so no dirty line lands on the
 *     DMA data later), CACHE_INVAL before the CPU reads what it wrote;
 *  2. the POSIX spelling: msync(MS_SYNC) and msync(MS_INVALIDATE);
 *  3. non-cacheable buffers (PROT_NOCACHE): nothing to maintain.
 * The registers are mapped with PROT_NOCACHE (device memory, guarded on
 * PowerPC), so the CPU never touches them speculatively.
 */
#include <sys/cache.h>

#include "board.h"

int main(void)
{
	struct cache_ctrl cinfo;
	unsigned bad = 0;
	uint64_t spa, dpa, upa, vpa;
	volatile uint32_t *dma = board_dma();
	uint8_t *src = board_buffer(0, &spa), *dst = board_buffer(0, &dpa);
	uint8_t *usrc = board_buffer(PROT_NOCACHE, &upa), *udst = board_buffer(PROT_NOCACHE, &vpa);
	if (!dma || !src || !dst || !usrc || !udst || cache_init(0, &cinfo, NULL) != 0) {
		printf("setup failed\n");
		return 1;
	}

	/* 1. libcache */
	board_pattern(src, 1);
	memset(dst, 0, BUF_LEN);
	CACHE_FLUSH(&cinfo, src, spa, BUF_LEN);
	CACHE_FLUSH(&cinfo, dst, dpa, BUF_LEN);
	board_dma_start(dma, spa, dpa, BUF_LEN, 0);
	bad += board_dma_wait(dma) != 0;
	CACHE_INVAL(&cinfo, dst, dpa, BUF_LEN);
	bad += board_mismatches("libcache", dst, 1);

	/* 2. msync */
	board_pattern(src, 2);
	msync(src, BUF_LEN, MS_SYNC);
	msync(dst, BUF_LEN, MS_SYNC | MS_INVALIDATE);
	board_dma_start(dma, spa, dpa, BUF_LEN, 0);
	bad += board_dma_wait(dma) != 0;
	msync(dst, BUF_LEN, MS_INVALIDATE);
	bad += board_mismatches("msync", dst, 2);

	/* 3. non-cacheable buffers */
	board_pattern(usrc, 3);
	board_dma_start(dma, upa, vpa, BUF_LEN, 0);
	bad += board_dma_wait(dma) != 0;
	bad += board_mismatches("uncached", udst, 3);

	printf(bad ? "dma_driver: FAILED\n" : "dma_driver: every transfer correct\n");
	return bad != 0;
}
