/*
 * bug_fifo_speculative.c - the FIFO mapped without PROT_NOCACHE: normal,
 * cacheable memory (PowerPC: G=0), which the CPU may read speculatively.
 * The read-ahead after each load of DATA reads the next line, which the
 * FIFO decodes as DATA again (it decodes address bits [3:2] only), so
 * words vanish.  mmsim reports "speculative-side-effect" at the load.
 * Fix: map device registers with PROT_NOCACHE (or device / strongly
 * ordered / guarded special bits).
 */
#include "board.h"

#define WORDS 16

int main(void)
{
	volatile uint32_t *fifo = mmap_device_memory(NULL, MMSIM_FIFO0_SIZE, PROT_READ | PROT_WRITE, 0,
						     MMSIM_FIFO0_PADDR);   /* BUG: no PROT_NOCACHE */
	if (fifo == MAP_FAILED)
		return 2;
	unsigned lost = 0;
	for (unsigned k = 0; k < WORDS; k++) {
		uint32_t w = fifo[MMSIM_FIFO_DATA / 4];   /* <- speculative-side-effect */
		if (w != MMSIM_FIFO_WORD(k))
			lost++;
	}
	uint32_t count = fifo[MMSIM_FIFO_COUNT / 4];
	printf("read %u words, FIFO says %u popped, %u not in sequence\n", WORDS, (unsigned)count, lost);
	return lost || count != WORDS;
}
