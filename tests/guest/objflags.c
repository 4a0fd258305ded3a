/*
 * objflags.c - SHMCTL_HAS_SPECIAL (0x8000) "is set internally by
 * shm_ctl_special with special != 0 and shows in the object's flags";
 * special == 0 is plain shm_ctl (REFERENCE.md section 1, seed 002).
 * The guest cannot read an object's flags, so this maps a 1-page object
 * made with special 0x4 (valid on every flavour: ARM B / ARMv5 B / PPC M)
 * and a 2-page one made with special 0, and ctest reads the flags from
 * `mmsim run --dump-pt`.
 */
#include <stdio.h>

#include "testutil.h"

static int make(const char *name, uint64_t size, unsigned special)
{
	shm_unlink(name);
	int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd == -1 || shm_ctl_special(fd, SHMCTL_ANON, 0, size, special) == -1) {
		perror(name);
		return -1;
	}
	char *p = mmap(0, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		return -1;
	}
	p[0] = 1;
	return 0;
}

int main(void)
{
	if (make("/t_flags_sp", PG, 0x4) || make("/t_flags_0", 2 * PG, 0))
		return 1;
	puts("mapped");
	return 0;
}
