/*
 * lazy.c - lesson 1, demand paging (docs/lessons/01-demand-paging.md).
 * Two anonymous mappings of 8 pages: one with MAP_LAZY, whose pages get a
 * frame and a PTE only when first touched, and one without, whose pages
 * are all allocated and mapped by mmap itself.
 */
#include <stdio.h>
#include <sys/mman.h>

#define PAGES 8
#define PG    4096

int main(void)
{
	char *lazy = mmap(0, PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON | MAP_LAZY, NOFD, 0);
	char *eager = mmap(0, PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	if (lazy == MAP_FAILED || eager == MAP_FAILED)
		return 1;
	printf("lazy mapping at %p, eager mapping at %p\n", (void *)lazy, (void *)eager);
	lazy[0] = 1;            /* first touch of page 0: a fault, then a PTE */
	lazy[3 * PG] = 2;       /* page 3: another fault */
	lazy[3 * PG + 1] = 3;   /* same page: no fault, the PTE is there */
	eager[5 * PG] = 4;      /* already mapped: no fault */
	printf("touched lazy pages 0 and 3, eager page 5\n");
	return 0;
}
