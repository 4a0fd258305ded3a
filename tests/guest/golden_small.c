/*
 * golden_small.c - the program behind the golden traces in
 * traces/golden/golden_small.<cpu>.jsonl: a few memory-manager calls
 * with fixed arguments and no libc allocation, so its trace changes only
 * when mmsim's behaviour (or the runtime's code layout) does.  See
 * traces/README.md for how to regenerate the golden files.
 */
#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/memmsg.h>
#include <sys/neutrino.h>

int main(void)
{
	struct _mem_obj_info m = { _MEM_OBJ_INFO, 0, -1, 0, UINT64_MAX };
	struct _mem_obj_segment seg[4];
	off_t pa;
	size_t contig;
	int fd = shm_open("/golden", O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd == -1 || shm_ctl(fd, SHMCTL_ANON, 0, 3 * __PAGESIZE) == -1)
		return 1;
	m.fd = fd;
	if (MsgSend(MEMMGR_COID, &m, sizeof m, seg, sizeof seg) < 1)
		return 2;
	char *p = mmap(0, 3 * __PAGESIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return 3;
	p[__PAGESIZE] = 1;
	if (mem_offset(p + __PAGESIZE, NOFD, __PAGESIZE, &pa, &contig) == -1)
		return 4;
	if (mprotect(p, __PAGESIZE, PROT_READ) == -1 || munmap(p, 3 * __PAGESIZE) == -1)
		return 5;
	if (close(fd) == -1 || shm_unlink("/golden") == -1)
		return 6;
	write(1, "golden done\n", 12);
	return 0;
}
