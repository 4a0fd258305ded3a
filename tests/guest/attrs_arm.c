/*
 * attrs_arm.c - page attributes on ARMv6/v7 (REFERENCE.md sections 2-3):
 * makes mappings with different protections, PROT_NOCACHE and
 * shm_ctl_special bits, touches them, and prints "attr <label> <va>" for
 * each.  check_attrs.cmake runs it with --trace and checks the raw PTE
 * written for each address (QNX templates RW 0x83E / RO 0xA2E, PROT_NOCACHE
 * clears C|B, special bits replace TEX/C/B/S/XN, AP and nG from the
 * template).  Exits 0 when every mapping could be made.
 */
#include <stdio.h>

#include "testutil.h"

static int failed;

static void show(const char *label, volatile char *p, int write)
{
	if (p == (volatile char *)MAP_FAILED) {
		printf("could not map %s\n", label);
		failed = 1;
		return;
	}
	if (write)
		p[0] = 1;
	else
		(void)p[0];
	printf("attr %s 0x%08lx\n", label, (unsigned long)(uintptr_t)p);
}

static volatile char *map_special(const char *name, unsigned special, int prot)
{
	int fd;
	shm_unlink(name);
	fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd == -1 || shm_ctl_special(fd, SHMCTL_ANON, 0, PG, special) == -1) {
		perror(name);
		return MAP_FAILED;
	}
	volatile char *p = mmap(0, PG, prot, MAP_SHARED, fd, 0);
	close(fd);
	shm_unlink(name);
	return p;
}

int main(void)
{
	const int rw = PROT_READ | PROT_WRITE;
	show("rw", mmap(0, PG, rw, MAP_PRIVATE | MAP_ANON, NOFD, 0), 1);
	show("ro", mmap(0, PG, PROT_READ, MAP_PRIVATE | MAP_ANON, NOFD, 0), 0);
	show("rwx", mmap(0, PG, rw | PROT_EXEC, MAP_PRIVATE | MAP_ANON, NOFD, 0), 1);
	show("rw_nocache", mmap(0, PG, rw | PROT_NOCACHE, MAP_PRIVATE | MAP_ANON, NOFD, 0), 1);
	show("ro_nocache", mmap(0, PG, PROT_READ | PROT_NOCACHE, MAP_PRIVATE | MAP_ANON, NOFD, 0), 0);
	show("sp_device", map_special("/t_at1", 0x004, rw), 1);
	show("sp_device_nocache", map_special("/t_at2", 0x004, rw | PROT_NOCACHE), 1);
	show("sp_xn_exec", map_special("/t_at3", 0x001, rw | PROT_EXEC), 1);
	show("sp_wbwa_s", map_special("/t_at4", 0x44C, rw), 1);
	show("sp_nc_ro", map_special("/t_at5", 0x040, PROT_READ), 0);
	show("sp_wbwa_s_nocache", map_special("/t_at6", 0x44C, rw | PROT_NOCACHE), 1);
	return failed;
}
