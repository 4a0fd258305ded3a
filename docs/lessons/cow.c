/*
 * cow.c - lesson 2, copy-on-write after fork (docs/lessons/02-copy-on-write.md).
 * The parent fills 4 private pages and forks; the child writes page 1.
 * After the fork both processes map the same frames read-only; the
 * child's write faults, and only that page gets a new frame of its own.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define PG 4096

int main(void)
{
	char *p = mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	if (p == MAP_FAILED)
		return 1;
	memset(p, 'a', 4 * PG);
	fflush(stdout);
	pid_t c = fork();
	if (c < 0)
		return 1;
	if (c == 0) {
		p[PG] = 'c';            /* copy-on-write fault: page 1 is copied */
		printf("child: page 1 now starts with %c\n", p[PG]);
		fflush(stdout);
		_exit(0);
	}
	int st;
	waitpid(c, &st, 0);
	printf("parent: page 1 still starts with %c\n", p[PG]);
	return p[PG] == 'a' ? 0 : 1;
}
