/*
 * test_unpriv.c - run with `mmsim run --unprivileged`: physical-memory
 * operations need the privilege (REFERENCE.md section 2: SHMCTL_PHYS
 * "needs the physical-memory privilege (EPERM without it)"; MAP_PHYS
 * without ANON with fd NOFD "maps physical address off (privileged)"),
 * while ordinary memory calls still work.
 */
#include "check.h"
#include "testutil.h"

int main(void)
{
	char *a = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	REQUIRE(a != MAP_FAILED, "unprivileged MAP_ANON works");
	a[0] = 1;
	uint64_t pa = paddr_of(a);
	REQUIRE(pa != ~0ull, "mem_offset gives a paddr to try");

	int fd;
	shm_unlink("/t_unpriv");
	REQUIRE_OK(fd = shm_open("/t_unpriv", O_RDWR | O_CREAT | O_EXCL, 0600), "shm_open works");
	CHECK_ERR(shm_ctl(fd, SHMCTL_PHYS, pa, PG), EPERM, "SHMCTL_PHYS without the privilege -> EPERM");
	CHECK_ERR(shm_ctl_special(fd, SHMCTL_PHYS, pa, PG, 0), EPERM, "shm_ctl_special(PHYS) without the privilege -> EPERM");
	CHECK_ERR(mmap(0, PG, PROT_READ, MAP_PHYS | MAP_SHARED, NOFD, pa), EPERM,
		  "MAP_PHYS of a physical address without the privilege -> EPERM");
	CHECK_OK(shm_ctl(fd, SHMCTL_ANON, 0, 2 * PG), "SHMCTL_ANON needs no privilege (and the object was left empty)");
	char *p = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (CHECK(p != MAP_FAILED, "map it")) {
		p[PG] = 2;
		CHECK(p[PG] == 2, "usable");
		munmap(p, 2 * PG);
	}
	close(fd);
	shm_unlink("/t_unpriv");
	munmap(a, 2 * PG);
	return done();
}
