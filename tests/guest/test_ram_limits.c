/*
 * test_ram_limits.c - run with a small RAM (`mmsim run --ram 4M`): requests
 * larger than RAM fail with ENOMEM and leave the program running; memory
 * given back (close + shm_unlink, munmap, private copies) really returns
 * to the allocator, so allocating and freeing far more than RAM in a loop
 * never runs out; MAP_LAZY defers allocation to the first touch
 * (REFERENCE.md section 2).
 */
#include "check.h"
#include "testutil.h"

#define MB (1024u * 1024u)

int main(void)
{
	int fd;

	/* Too big for RAM. */
	shm_unlink("/t_big");
	REQUIRE_OK(fd = shm_open("/t_big", O_RDWR | O_CREAT | O_EXCL, 0600), "create");
	CHECK_ERR(shm_ctl(fd, SHMCTL_ANON, 0, 8 * MB), ENOMEM, "SHMCTL_ANON of 8 MiB in 4 MiB of RAM -> ENOMEM");
	CHECK_ERR(shm_ctl(fd, SHMCTL_ANON | SHMCTL_PHYS, 0, 8 * MB), ENOMEM, "SHMCTL_ANON|PHYS of 8 MiB -> ENOMEM");
	CHECK_OK(shm_ctl(fd, SHMCTL_ANON, 0, PG), "a small shm_ctl still works on the same object");
	close(fd);
	shm_unlink("/t_big");
	CHECK_ERR(mmap(0, 8 * MB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0), ENOMEM,
		  "MAP_ANON of 8 MiB (not lazy) -> ENOMEM");
	CHECK_ERR(mmap(0, 8 * MB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON | MAP_PHYS, NOFD, 0), ENOMEM,
		  "MAP_PHYS|MAP_ANON of 8 MiB -> ENOMEM");
	char *lazy = mmap(0, 8 * MB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON | MAP_LAZY, NOFD, 0);
	if (CHECK(lazy != MAP_FAILED, "MAP_ANON|MAP_LAZY of 8 MiB is fine: nothing is allocated yet")) {
		lazy[0] = 1;
		lazy[8 * MB - 1] = 2;
		CHECK(lazy[0] == 1 && lazy[8 * MB - 1] == 2, "touching two of its pages works");
		munmap(lazy, 8 * MB);
	}

	/* Allocate and free 2 MiB forty times (80 MiB in all). */
	int ok = 1, i;
	for (i = 0; i < 40 && ok; i++) {
		fd = make_obj("/t_cycle", SHMCTL_ANON, 0, 2 * MB);
		if (fd == -1) {
			ok = 0;
			break;
		}
		close(fd);
		shm_unlink("/t_cycle");
	}
	CHECK(ok, "40 x (shm_ctl 2 MiB, close, shm_unlink): frames come back (stopped at %d, errno %s)", i,
	      check_errname(errno));
	ok = 1;
	for (i = 0; i < 40 && ok; i++) {
		char *p = mmap(0, 2 * MB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
		if (p == MAP_FAILED) {
			ok = 0;
			break;
		}
		p[0] = 1;
		p[2 * MB - 1] = 1;
		munmap(p, 2 * MB);
	}
	CHECK(ok, "40 x (mmap 2 MiB, touch, munmap): frames come back (stopped at %d)", i);
	ok = 1;
	for (i = 0; i < 40 && ok; i++) {
		char *p = mmap(0, 2 * MB, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON | MAP_PHYS, NOFD, 0);
		if (p == MAP_FAILED) {
			ok = 0;
			break;
		}
		munmap(p, 2 * MB);
	}
	CHECK(ok, "40 x (MAP_PHYS|MAP_ANON 2 MiB, munmap): contiguous runs come back (stopped at %d)", i);

	/* Private copies of a shared object are freed with their mapping. */
	REQUIRE_OK(fd = make_obj("/t_cow", SHMCTL_ANON, 0, MB), "1 MiB object");
	ok = 1;
	for (i = 0; i < 20 && ok; i++) {
		char *p = mmap(0, MB, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
		if (p == MAP_FAILED) {
			ok = 0;
			break;
		}
		for (unsigned k = 0; k < MB; k += PG)
			p[k] = 1; /* copy every page */
		munmap(p, MB);
	}
	CHECK(ok, "20 x (MAP_PRIVATE 1 MiB, write every page, munmap): copies come back (stopped at %d)", i);
	close(fd);

	/* An unlinked object whose last fd closed lives while mapped, then goes. */
	ok = 1;
	for (i = 0; i < 20 && ok; i++) {
		fd = make_obj("/t_cycle2", SHMCTL_ANON, 0, 2 * MB);
		char *p = fd == -1 ? MAP_FAILED : mmap(0, 2 * MB, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED) {
			ok = 0;
			break;
		}
		close(fd);
		shm_unlink("/t_cycle2");
		p[5] = 5;
		ok = p[5] == 5;
		munmap(p, 2 * MB);
	}
	CHECK(ok, "20 x (2 MiB object, map, close, unlink, use, munmap): freed at the last munmap (stopped at %d)", i);
	shm_unlink("/t_cow");
	return done();
}
