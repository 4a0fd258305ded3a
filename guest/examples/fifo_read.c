/*
 * fifo_read.c - reading the board's receive FIFO through a device mapping
 * (PROT_NOCACHE: device / strongly-ordered memory on ARM, I=1 G=1 on
 * PowerPC).  The CPU never reads it speculatively, so every word of the
 * sequence arrives, in order, and COUNT agrees: no checker report.
 */
#include "board.h"

#define WORDS 64

int main(void)
{
	volatile uint32_t *fifo = mmap_device_memory(NULL, MMSIM_FIFO0_SIZE, PROT_READ | PROT_WRITE | PROT_NOCACHE,
						     0, MMSIM_FIFO0_PADDR);
	if (fifo == MAP_FAILED)
		return 2;
	unsigned lost = 0;
	for (unsigned k = 0; k < WORDS; k++) {
		uint32_t w = fifo[MMSIM_FIFO_DATA / 4];
		if (w != MMSIM_FIFO_WORD(k) && lost++ == 0)
			printf("word %u: got 0x%08x, expected 0x%08x\n", k, (unsigned)w, MMSIM_FIFO_WORD(k));
	}
	uint32_t count = fifo[MMSIM_FIFO_COUNT / 4];
	printf("read %u words, FIFO says %u popped, %u wrong\n", WORDS, (unsigned)count, lost);
	return lost || count != WORDS;
}
