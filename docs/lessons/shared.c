/*
 * shared.c - lesson 4, one object mapped by two processes
 * (docs/lessons/04-shared-object.md).  The parent creates /board, 4
 * pages, and maps it; its child opens the object by name and maps it
 * again, at another virtual address.  Both page tables point at the same
 * frames: what one writes, the other reads.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define SIZE (4 * 4096)

int main(void)
{
	int fd = shm_open("/board", O_RDWR | O_CREAT, 0600);
	if (fd < 0 || shm_ctl(fd, SHMCTL_ANON, 0, SIZE) != 0)
		return 1;
	char *p = mmap(0, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return 1;
	fflush(stdout);
	pid_t c = fork();
	if (c < 0)
		return 1;
	if (c == 0) {
		/* a mapping of its own: a new mmap, not the one fork copied */
		int cfd = shm_open("/board", O_RDWR, 0);
		char *q = mmap(0, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 0);
		if (cfd < 0 || q == MAP_FAILED)
			_exit(1);
		q[2 * 4096] = 'x';
		printf("child: mapped /board at %p, wrote page 2\n", (void *)q);
		fflush(stdout);
		_exit(0);
	}
	int st;
	waitpid(c, &st, 0);
	printf("parent: /board at %p, page 2 reads %c\n", (void *)p, p[2 * 4096]);
	shm_unlink("/board");
	return p[2 * 4096] == 'x' ? 0 : 1;
}
