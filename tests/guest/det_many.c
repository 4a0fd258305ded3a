/*
 * det_many.c - many different calls whose results depend on physical
 * allocation and address-space layout, printed to stdout: the
 * determinism test runs it twice (plain and with --phys-frag) and
 * requires byte-identical traces and output (issue 3: "the same run twice
 * gives byte-identical traces and output").
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"

static struct _mem_obj_segment seg[32];

int main(void)
{
	char name[32];
	int fds[6];
	char *maps[6];
	for (int i = 0; i < 6; i++) {
		snprintf(name, sizeof name, "/det%d", i);
		shm_unlink(name);
		fds[i] = shm_open(name, O_RDWR | O_CREAT, 0600);
		int flags = i % 3 == 0 ? SHMCTL_ANON : i % 3 == 1 ? SHMCTL_ANON | SHMCTL_PHYS : SHMCTL_ANON | SHMCTL_LAZY;
		int rc = shm_ctl(fds[i], flags, 0, (uint64_t)(i + 2) * PG);
		maps[i] = mmap(0, (size_t)(i + 2) * PG, PROT_READ | PROT_WRITE, i & 1 ? MAP_PRIVATE : MAP_SHARED, fds[i], 0);
		if (maps[i] != MAP_FAILED)
			for (int k = 0; k < i + 2; k += 2)
				maps[i][k * PG] = (char)k;
		long n = obj_info(fds[i], 0, UINT64_MAX, seg, sizeof seg);
		printf("obj %d fd %d shm_ctl %d map %p segs %ld:", i, fds[i], rc, (void *)maps[i], n);
		for (long k = 0; k < n; k++)
			printf(" [%" PRIx64 " %" PRIx64 " %" PRIx64 "]", seg[k].offset, seg[k].paddr, seg[k].length);
		printf("\n");
	}
	/* malloc, anonymous memory, COW, mprotect, partial munmap, errors. */
	char *heap = malloc(100000);
	memset(heap, 7, 100000);
	char *a = mmap(0, 5 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	memset(a, 1, 5 * PG);
	printf("anon %p paddr %" PRIx64 " heap paddr %" PRIx64 "\n", (void *)a, paddr_of(a), paddr_of(heap + 50000));
	mprotect(a + PG, PG, PROT_READ);
	munmap(a + 2 * PG, PG);
	char *b = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PHYS | MAP_ANON | MAP_SHARED, NOFD, 0);
	printf("phys %p paddr %" PRIx64 "\n", (void *)b, paddr_of(b));
	errno = 0;
	printf("errors: %d %d %d %d %d\n", shm_open("", O_RDWR, 0) == -1 ? errno : 0,
	       munmap(a + 1, PG) == -1 ? errno : 0, msync(a + 2 * PG, PG, MS_SYNC) == -1 ? errno : 0,
	       mem_offset(a + 2 * PG, NOFD, 1, &(off_t){0}, &(size_t){0}) == -1 ? errno : 0,
	       MsgSend(3, seg, 24, seg, 24) == -1 ? errno : 0);
	struct stat st;
	fstat(fds[2], &st);
	printf("fstat size %lld ino %llu mode 0%o\n", (long long)st.st_size, (unsigned long long)st.st_ino,
	       (unsigned)st.st_mode);
	for (int i = 0; i < 6; i++) {
		snprintf(name, sizeof name, "/det%d", i);
		munmap(maps[i], (size_t)(i + 2) * PG);
		close(fds[i]);
		shm_unlink(name);
	}
	free(heap);
	printf("pid %d done\n", (int)getpid());
	return 0;
}
