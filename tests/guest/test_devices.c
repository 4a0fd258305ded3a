/*
 * test_devices.c - the board's DMA0 and FIFO0 devices and the libcache
 * interface, on every flavour: register behaviour, completion latency,
 * errors that touch no memory, fills, snooping transfers on coherent
 * memory, and the documented errors of cache_init / CACHE_FLUSH and the
 * KC_CACHE_OP call.  A correct program: the run must make no checker
 * report (ctest checks stderr).
 */
#include <fcntl.h>
#include <mmsim/devices.h>
#include <mmsim/kcall.h>
#include <stdint.h>
#include <string.h>
#include <sys/cache.h>
#include <sys/mman.h>
#include <sys/mmsim.h>

#include "check.h"

#define LEN 4096u

static volatile uint32_t *dma;

/* A contiguous buffer mapped with prot and its physical address. */
static uint8_t *buffer(int prot, uint64_t *pa)
{
	uint8_t *b = mmap(NULL, LEN, PROT_READ | PROT_WRITE | prot, MAP_PRIVATE | MAP_ANON | MAP_PHYS, NOFD, 0);
	off_t off = 0;
	if (b == MAP_FAILED || mem_offset(b, NOFD, LEN, &off, NULL) != 0)
		return NULL;
	*pa = (uint64_t)off;
	return b;
}

/* Start a transfer; returns how many STATUS polls saw BUSY. */
static unsigned run(uint32_t src, uint32_t dst, uint32_t len, uint32_t ctrl)
{
	unsigned polls = 0;
	dma[MMSIM_DMA_SRC / 4] = src;
	dma[MMSIM_DMA_DST / 4] = dst;
	dma[MMSIM_DMA_LEN / 4] = len;
	dma[MMSIM_DMA_CTRL / 4] = ctrl | MMSIM_DMA_START;
	while (!(dma[MMSIM_DMA_STATUS / 4] & MMSIM_DMA_DONE))
		polls++;
	return polls;
}

/* A shareable (ARMv6/v7) or coherent (PowerPC, M=1 by default) write-back
 * buffer, or NULL where the flavour has none (ARMv5). */
static uint8_t *coherent_buffer(uint64_t *pa)
{
#ifdef __PPC__
	return buffer(0, pa);
#else
	int fd = shm_open("/coherent", O_RDWR | O_CREAT, 0600);
	shm_unlink("/coherent");
	if (fd < 0 || shm_ctl_special(fd, SHMCTL_ANON | SHMCTL_PHYS, 0, LEN, ARM_SHMCTL_WBWA | ARM_SHMCTL_SH) != 0)
		return NULL;                    /* ARMv5: no S bit, EINVAL */
	uint8_t *b = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	off_t off = 0;
	if (b == MAP_FAILED || mem_offset(b, NOFD, LEN, &off, NULL) != 0)
		return NULL;
	*pa = (uint64_t)off;
	return b;
#endif
}

int main(void)
{
	struct cache_ctrl ci;
	uint64_t apa, bpa;
	REQUIRE_OK(dma = mmap_device_memory(NULL, MMSIM_DMA0_SIZE, PROT_READ | PROT_WRITE | PROT_NOCACHE, 0,
					    MMSIM_DMA0_PADDR), "map DMA0");
	uint8_t *a = buffer(PROT_NOCACHE, &apa), *b = buffer(PROT_NOCACHE, &bpa);
	REQUIRE(a && b, "two uncached buffers with physical addresses");

	/* registers */
	dma[MMSIM_DMA_PATTERN / 4] = 0x12345678;
	dma[MMSIM_DMA_SRC / 4] = 0xabc;
	CHECK_EQ(dma[MMSIM_DMA_PATTERN / 4], 0x12345678, "PATTERN reads back");
	CHECK_EQ(dma[MMSIM_DMA_SRC / 4], 0xabc, "SRC reads back");
	CHECK_EQ(dma[0x40 / 4], 0, "an unused register offset reads 0");
	CHECK_EQ(dma[MMSIM_DMA_STATUS / 4], 0, "STATUS is 0 before any transfer");

	/* copy, with latency */
	for (uint32_t i = 0; i < LEN; i++)
		a[i] = (uint8_t)(i * 13 + 5);
	memset(b, 0, LEN);
	unsigned polls = run((uint32_t)apa, (uint32_t)bpa, LEN, 0);
	CHECK(polls > 0 && polls < MMSIM_DMA_LATENCY, "STATUS was BUSY for a while (%u polls)", polls);
	CHECK_EQ(dma[MMSIM_DMA_STATUS / 4], MMSIM_DMA_DONE, "DONE without ERROR");
	CHECK(memcmp(a, b, LEN) == 0, "the copy arrived");

	/* fill */
	dma[MMSIM_DMA_PATTERN / 4] = 0xCAFEF00D;
	run(0, (uint32_t)bpa, LEN / 2, MMSIM_DMA_FILL);
	CHECK_EQ(((volatile uint32_t *)b)[0], 0xCAFEF00D, "FILL stores PATTERN (word 0)");
	CHECK_EQ(((volatile uint32_t *)b)[LEN / 8 - 1], 0xCAFEF00D, "FILL stores PATTERN (last word)");
	CHECK_EQ(b[LEN / 2], a[LEN / 2], "FILL stops after LEN bytes");

	/* errors touch nothing */
	memcpy(b, a, LEN);
	run(MMSIM_FIFO0_PADDR, (uint32_t)bpa, 64, 0);
	CHECK_EQ(dma[MMSIM_DMA_STATUS / 4], MMSIM_DMA_DONE | MMSIM_DMA_ERROR, "SRC in a device: ERROR");
	run((uint32_t)apa, 0xD0000000u, 64, 0);
	CHECK_EQ(dma[MMSIM_DMA_STATUS / 4], MMSIM_DMA_DONE | MMSIM_DMA_ERROR, "DST in no memory: ERROR");
	run((uint32_t)apa, (uint32_t)bpa, MMSIM_DMA_MAX_LEN + 4, 0);
	CHECK_EQ(dma[MMSIM_DMA_STATUS / 4], MMSIM_DMA_DONE | MMSIM_DMA_ERROR, "LEN above the maximum: ERROR");
	run((uint32_t)apa, (uint32_t)(bpa + LEN - 8), 64, 0);
	CHECK_EQ(dma[MMSIM_DMA_STATUS / 4] & MMSIM_DMA_ERROR, 0, "a range crossing into the next RAM frame is fine");
	CHECK(memcmp(a, b, LEN - 8) == 0, "failed transfers wrote nothing");
	dma[MMSIM_DMA_SRC / 4] = (uint32_t)apa;
	dma[MMSIM_DMA_DST / 4] = (uint32_t)bpa;
	dma[MMSIM_DMA_LEN / 4] = 16;
	dma[MMSIM_DMA_CTRL / 4] = MMSIM_DMA_START;
	dma[MMSIM_DMA_CTRL / 4] = MMSIM_DMA_START;     /* while BUSY */
	CHECK(dma[MMSIM_DMA_STATUS / 4] & MMSIM_DMA_ERROR, "START while BUSY sets ERROR");
	while (!(dma[MMSIM_DMA_STATUS / 4] & MMSIM_DMA_DONE))
		;
	CHECK_EQ(dma[MMSIM_DMA_STATUS / 4], MMSIM_DMA_DONE | MMSIM_DMA_ERROR, "the first transfer completes, ERROR kept");

	/* snooping transfer on coherent memory: no maintenance needed */
	uint64_t cpa;
	uint8_t *c = coherent_buffer(&cpa);
	if (c) {
		(void)c[0];
		for (uint32_t i = 0; i < LEN; i++)
			c[i] = (uint8_t)(i * 3 + 1);         /* dirty lines */
		run((uint32_t)cpa, (uint32_t)bpa, LEN, MMSIM_DMA_SNOOP);
		CHECK(memcmp(b, c, LEN) == 0, "a snooping DMA reads the CPU's dirty lines");
		memset(a, 0x5a, LEN);
		run((uint32_t)apa, (uint32_t)cpa, LEN, MMSIM_DMA_SNOOP);
		CHECK(memcmp(a, c, LEN) == 0, "a snooping DMA updates the CPU's lines");
	} else {
		CHECK_EQ(errno, EINVAL, "ARMv5 has no shareable attribute (shm_ctl_special EINVAL)");
	}

	/* FIFO */
	volatile uint32_t *fifo;
	REQUIRE_OK(fifo = mmap_device_memory(NULL, MMSIM_FIFO0_SIZE, PROT_READ | PROT_NOCACHE, 0, MMSIM_FIFO0_PADDR),
		   "map FIFO0");
	CHECK_EQ(fifo[MMSIM_FIFO_COUNT / 4], 0, "COUNT starts at 0");
	CHECK_EQ(fifo[MMSIM_FIFO_DATA / 4], MMSIM_FIFO_WORD(0), "DATA pops word 0");
	CHECK_EQ(fifo[0x10 / 4], MMSIM_FIFO_WORD(1), "offset 0x10 decodes as DATA");
	CHECK_EQ(fifo[0x14 / 4], 2, "offset 0x14 decodes as COUNT");
	CHECK_EQ(fifo[0x08 / 4], 0, "offset 0x08 reads 0");
	CHECK_EQ(fifo[MMSIM_FIFO_COUNT / 4], 2, "reading COUNT pops nothing");

	/* libcache and KC_CACHE_OP errors */
	CHECK_ERR(cache_init(0, NULL, NULL), EINVAL, "cache_init without cinfo: EINVAL");
	CHECK_OK(cache_init(0, &ci, NULL), "cache_init");
	CHECK(ci.cache_line_size == 32, "line size %lu", ci.cache_line_size);
	CHECK_ERR(CACHE_FLUSH(&ci, (void *)0x10, 0, 64), EFAULT, "CACHE_FLUSH of an unmapped range: EFAULT");
	CHECK_ERR(CACHE_INVAL(&ci, (void *)0xfffff000u, 0, 0x2000), EFAULT, "CACHE_INVAL past the top: EFAULT");
	CHECK_OK(CACHE_FLUSH(&ci, a + 3, apa + 3, 5), "CACHE_FLUSH of an unaligned range");
	CHECK_EQ(mmsim_kcall(KC_CACHE_OP, (long)(uintptr_t)a, 64, 7, 0, 0, 0, 0), -EINVAL, "KC_CACHE_OP op 7: EINVAL");
	CHECK_EQ(mmsim_kcall(KC_CACHE_OP, (long)(uintptr_t)a, 0, KC_CACHE_CLEAN, 0, 0, 0, 0), 0, "an empty range is fine");
	CHECK_ERR(mmap_device_memory(NULL, 4096, PROT_READ | PROT_NOCACHE, 0, 0xD0000000u), EINVAL,
		  "mmap_device_memory of no device: EINVAL");
	return done();
}
