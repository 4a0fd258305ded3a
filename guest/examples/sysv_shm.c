/*
 * sysv_shm.c - System V shared memory and the rest of the mmap family in
 * a few lines: one segment attached twice (a write through one view is
 * seen through the other), IPC_STAT, a failed attach, mremap growing a
 * mapping, mlock and posix_madvise, then shmdt and IPC_RMID.  Its trace
 * (traces/golden/examples/sysv_shm.<cpu>.jsonl) is replayed by the tests.
 *
 *   mmsim-cc -o sysv_shm.elf sysv_shm.c && mmsim run --cpu armv7 sysv_shm.elf
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>

int main(void)
{
	struct shmid_ds ds;
	int id = shmget(IPC_PRIVATE, 8192, IPC_CREAT | 0600);
	char *a = shmat(id, NULL, 0), *b = shmat(id, NULL, SHM_RDONLY);
	if (id < 0 || a == (char *)-1 || b == (char *)-1)
		return 2;
	strcpy(a + 4096, "seen through the other view");
	printf("b: %s\n", b + 4096);
	if (shmctl(id, IPC_STAT, &ds) != 0)
		return 2;
	printf("segsz %u nattch %u\n", (unsigned)ds.shm_segsz, (unsigned)ds.shm_nattch);
	if (shmat(id + 1, NULL, 0) != (void *)-1 || errno != EINVAL)
		return 1;
	char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	m[0] = 'm';
	m = mremap(m, 4096, 12288, MREMAP_MAYMOVE);
	if (m == MAP_FAILED || m[0] != 'm' || mlock(m, 12288) != 0 ||
	    posix_madvise(m, 12288, POSIX_MADV_WILLNEED) != 0)
		return 1;
	if (shmdt(b) != 0 || shmctl(id, IPC_RMID, NULL) != 0 || shmdt(a) != 0)
		return 1;
	printf("done\n");
	return 0;
}
