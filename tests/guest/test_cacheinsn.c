/*
 * test_cacheinsn.c - PowerPC user-mode cache instructions drive the cache
 * model: dcbst before a DMA reads a buffer and dcbf before the CPU reads
 * what a DMA wrote keep the transfer correct with no checker report;
 * dcbz zeroes a whole line.  Arguments:
 *   (none)     the correct driver: self-checks, no report
 *   nodcbst    the same without dcbst: the device gets old data (ctest
 *              expects a lost-write report, proving the hooks matter)
 *   dcbi       executes dcbi, which is privileged: SIGILL
 *   fork       the correct driver in a forked child (its copy of the
 *              program's cache instructions reaches the model too)
 */
#include <mmsim/devices.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define LEN  4096u
#define LINE 32u

static void dcbst(const void *p) { __asm__ volatile("dcbst 0, %0" :: "r"(p) : "memory"); }
static void dcbf(const void *p)  { __asm__ volatile("dcbf 0, %0" :: "r"(p) : "memory"); }
static void dcbz(void *p)        { __asm__ volatile("dcbz 0, %0" :: "r"(p) : "memory"); }

static uint8_t *buffer(uint64_t *pa)
{
	uint8_t *b = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON | MAP_PHYS, NOFD, 0);
	off_t off = 0;
	if (b == MAP_FAILED || mem_offset(b, NOFD, LEN, &off, NULL) != 0)
		return NULL;
	*pa = (uint64_t)off;
	return b;
}

/* DMA a buffer the CPU wrote into one the CPU then reads, with the cache
 * instructions a driver needs (dcbst left out if skip_dcbst). */
static int driver(int skip_dcbst)
{
	uint64_t spa, dpa;
	volatile uint32_t *dma = mmap_device_memory(NULL, MMSIM_DMA0_SIZE, PROT_READ | PROT_WRITE | PROT_NOCACHE, 0,
						    MMSIM_DMA0_PADDR);
	uint8_t *src = buffer(&spa), *dst = buffer(&dpa);
	REQUIRE(dma != MAP_FAILED && src && dst, "DMA0 and two buffers");

	for (uint32_t i = 0; i < LEN; i++)
		src[i] = (uint8_t)(i * 11 + 3);          /* dirty lines */
	if (!skip_dcbst)
		for (uint32_t i = 0; i < LEN; i += LINE)
			dcbst(src + i);
	CHECK_EQ(dst[0], 0, "dst starts zero (and is now cached)");
	for (uint32_t i = 0; i < LEN; i += LINE)
		dcbf(dst + i);
	dma[MMSIM_DMA_SRC / 4] = (uint32_t)spa;
	dma[MMSIM_DMA_DST / 4] = (uint32_t)dpa;
	dma[MMSIM_DMA_LEN / 4] = LEN;
	dma[MMSIM_DMA_CTRL / 4] = MMSIM_DMA_START;
	while (!(dma[MMSIM_DMA_STATUS / 4] & MMSIM_DMA_DONE))
		;
	for (uint32_t i = 0; i < LEN; i += LINE)
		dcbf(dst + i);
	CHECK(memcmp(src, dst, LEN) == 0, "the device copied what the CPU wrote");

	memset(dst, 0xee, 2 * LINE);
	dcbz(dst + LINE);
	CHECK_EQ(dst[LINE], 0, "dcbz zeroes its line (first byte)");
	CHECK_EQ(dst[2 * LINE - 1], 0, "dcbz zeroes its line (last byte)");
	CHECK_EQ(dst[LINE - 1], 0xee, "dcbz leaves the line before alone");
	return done();
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "dcbi")) {
		static uint8_t line[LINE] __attribute__((aligned(LINE)));
		__asm__ volatile("dcbi 0, %0" :: "r"(line) : "memory");
		printf("dcbi did not trap\n");
		return 1;
	}
	if (argc > 1 && !strcmp(argv[1], "fork")) {
		pid_t c = fork();
		if (c == 0)
			_exit(driver(0));
		int st = -1;
		if (c < 0 || waitpid(c, &st, 0) != c || !WIFEXITED(st))
			return 2;
		return WEXITSTATUS(st);
	}
	return driver(argc > 1 && !strcmp(argv[1], "nodcbst"));
}
