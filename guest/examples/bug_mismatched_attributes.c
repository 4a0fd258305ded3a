/*
 * bug_mismatched_attributes.c - one shared-memory object mapped twice,
 * once cacheable and once with PROT_NOCACHE.  A store through the cached
 * view stays in the CPU's cache, while the uncached view reads memory:
 * the two views disagree.  mmsim reports "mismatched-attributes" at the
 * mmap that creates the second view.  Fix: map every view of a physical
 * page with the same cache attributes.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
	int fd = shm_open("/mismatch", O_RDWR | O_CREAT, 0600);
	if (fd < 0 || ftruncate(fd, 4096) != 0)
		return 2;
	volatile unsigned *cached = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	int nc = PROT_READ | PROT_WRITE | PROT_NOCACHE;
	volatile unsigned *uncached = mmap(NULL, 4096, nc, MAP_SHARED, fd, 0); /* <- mismatched-attributes */
	if (cached == MAP_FAILED || uncached == MAP_FAILED)
		return 2;
	(void)cached[0];          /* the line is now in the cache */
	cached[0] = 42;           /* ... and the store stays there */
	unsigned seen = uncached[0];
	printf("cached view wrote 42, uncached view reads %u\n", seen);
	shm_unlink("/mismatch");
	return seen == 42 ? 0 : 1;
}
