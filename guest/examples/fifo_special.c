/*
 * fifo_special.c - the FIFO reached through a shared-memory object made
 * with shm_ctl_special(SHMCTL_PHYS): the special bits the program picks
 * are the attributes the device sees.
 *
 *   fifo_special          device attributes (ARM shareable device, PowerPC
 *                         I|G): every word arrives, no report
 *   fifo_special normal   memory that allows speculation (ARMv6/v7 normal
 *                         non-cacheable, ARMv5 write-back, PowerPC I
 *                         without G): the CPU reads ahead, words vanish,
 *                         and mmsim reports "speculative-side-effect"
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "board.h"

#define WORDS 16

#if defined(__PPC__)
#define SPECIAL_DEVICE PPC_SPECIAL_DEVICE
#define SPECIAL_NORMAL PPC_SPECIAL_UNCACHED
#elif __ARM_ARCH >= 6
#define SPECIAL_DEVICE ARM_SHMCTL_DEV
#define SPECIAL_NORMAL ARM_SHMCTL_NC
#else
#define SPECIAL_DEVICE ARM_PTE_XS_BUFFERED
#define SPECIAL_NORMAL ARM_PTE_WB
#endif

int main(int argc, char **argv)
{
	unsigned special = argc > 1 && !strcmp(argv[1], "normal") ? SPECIAL_NORMAL : SPECIAL_DEVICE;
	int fd = shm_open("/fifo0", O_RDWR | O_CREAT, 0600);
	shm_unlink("/fifo0");
	if (fd < 0 || shm_ctl_special(fd, SHMCTL_PHYS, MMSIM_FIFO0_PADDR, MMSIM_FIFO0_SIZE, special) != 0) {
		printf("shm_ctl_special(0x%x) failed\n", special);
		return 2;
	}
	volatile uint32_t *fifo = mmap(NULL, MMSIM_FIFO0_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (fifo == MAP_FAILED)
		return 2;
	unsigned lost = 0;
	for (unsigned k = 0; k < WORDS; k++)
		if (fifo[MMSIM_FIFO_DATA / 4] != MMSIM_FIFO_WORD(k))   /* <- speculative-side-effect */
			lost++;
	uint32_t count = fifo[MMSIM_FIFO_COUNT / 4];
	printf("special 0x%x: read %u words, FIFO says %u popped, %u not in sequence\n", special, WORDS,
	       (unsigned)count, lost);
	return lost || count != WORDS;
}
