/*
 * dma_driver.c - a correct DMA driver for the simulated board's DMA0
 * engine (<mmsim/devices.h>): it gets no checker report on any CPU.
 *
 * Three ways to keep the CPU's cache and the device consistent:
 *  1. a cacheable buffer with explicit maintenance: CACHE_FLUSH (clean)
 *     before the device reads it, CACHE_INVAL after the device wrote it;
 *  2. msync(MS_SYNC) / msync(MS_INVALIDATE), the POSIX spelling of the same;
 *  3. a non-cacheable buffer (PROT_NOCACHE): nothing to maintain.
 * The registers are mapped with PROT_NOCACHE (device memory, guarded on
 * PowerPC), so the CPU never touches them speculatively.
 */
#include <mmsim/devices.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/cache.h>
#include <sys/mman.h>

#define LEN 4096u

static volatile uint32_t *dma;
static struct cache_ctrl cinfo;

/* Start a copy of len bytes from physical src to dst and wait for it. */
static int dma_copy(uint64_t src, uint64_t dst, uint32_t len)
{
	dma[MMSIM_DMA_SRC / 4] = (uint32_t)src;
	dma[MMSIM_DMA_DST / 4] = (uint32_t)dst;
	dma[MMSIM_DMA_LEN / 4] = len;
	dma[MMSIM_DMA_CTRL / 4] = MMSIM_DMA_START;
	while (!(dma[MMSIM_DMA_STATUS / 4] & MMSIM_DMA_DONE))
		;
	return dma[MMSIM_DMA_STATUS / 4] & MMSIM_DMA_ERROR ? -1 : 0;
}

/* A buffer of LEN bytes and its physical address. */
static uint8_t *buffer(int prot, uint64_t *pa)
{
	uint8_t *b = mmap(NULL, LEN, PROT_READ | PROT_WRITE | prot, MAP_PRIVATE | MAP_ANON | MAP_PHYS, NOFD, 0);
	off_t off;
	if (b == MAP_FAILED || mem_offset(b, NOFD, LEN, &off, NULL) != 0)
		return NULL;
	*pa = (uint64_t)off;
	return b;
}

static int check(const char *what, const uint8_t *dst, uint8_t seed)
{
	for (uint32_t i = 0; i < LEN; i++)
		if (dst[i] != (uint8_t)(seed + i * 7)) {
			printf("%s: byte %u is 0x%02x, expected 0x%02x\n", what, i, dst[i], (uint8_t)(seed + i * 7));
			return 1;
		}
	printf("%s: %u bytes copied correctly\n", what, LEN);
	return 0;
}

int main(void)
{
	int bad = 0;
	uint64_t spa, dpa;
	dma = mmap_device_memory(NULL, MMSIM_DMA0_SIZE, PROT_READ | PROT_WRITE | PROT_NOCACHE, 0, MMSIM_DMA0_PADDR);
	uint8_t *src = buffer(0, &spa), *dst = buffer(0, &dpa);
	if (dma == MAP_FAILED || !src || !dst || cache_init(0, &cinfo, NULL) != 0) {
		printf("setup failed\n");
		return 1;
	}

	/* 1. libcache */
	for (uint32_t i = 0; i < LEN; i++)
		src[i] = (uint8_t)(1 + i * 7);
	memset(dst, 0, LEN);
	CACHE_FLUSH(&cinfo, src, spa, LEN);      /* the device must see the CPU's data */
	CACHE_FLUSH(&cinfo, dst, dpa, LEN);      /* no dirty line may land on the DMA data */
	bad |= dma_copy(spa, dpa, LEN);
	CACHE_INVAL(&cinfo, dst, dpa, LEN);      /* the CPU must not read old lines */
	bad |= check("libcache", dst, 1);

	/* 2. msync */
	for (uint32_t i = 0; i < LEN; i++)
		src[i] = (uint8_t)(2 + i * 7);
	msync(src, LEN, MS_SYNC);
	msync(dst, LEN, MS_SYNC | MS_INVALIDATE);
	bad |= dma_copy(spa, dpa, LEN);
	msync(dst, LEN, MS_INVALIDATE);
	bad |= check("msync", dst, 2);

	/* 3. non-cacheable buffers */
	uint64_t upa, vpa;
	uint8_t *usrc = buffer(PROT_NOCACHE, &upa), *udst = buffer(PROT_NOCACHE, &vpa);
	if (!usrc || !udst)
		return 1;
	for (uint32_t i = 0; i < LEN; i++)
		usrc[i] = (uint8_t)(3 + i * 7);
	bad |= dma_copy(upa, vpa, LEN);
	bad |= check("uncached", udst, 3);
	printf(bad ? "dma_driver: FAILED\n" : "dma_driver: all transfers correct\n");
	return bad;
}
