/*
 * test_shm_ctl_special.c - the arch-neutral part of shm_ctl_special
 * (seed 002, REFERENCE.md section 2): special == 0 is shm_ctl; bits that no
 * CPU flavour accepts (outside ARMv5 0x3CC, ARMv6/v7 0x5CD, PPC 0x1F) are
 * EINVAL; one shm_ctl/shm_ctl_special per object ("already special");
 * EBADF.  Arch-specific values are in test_special_arm.c.
 */
#include "check.h"
#include "testutil.h"

static struct _mem_obj_segment seg[8];

int main(void)
{
	int fd;

	/* special 0 behaves exactly as shm_ctl. */
	shm_unlink("/t_sp0");
	REQUIRE_OK(fd = shm_open("/t_sp0", O_RDWR | O_CREAT | O_EXCL, 0600), "create");
	CHECK_OK(shm_ctl_special(fd, SHMCTL_ANON | SHMCTL_PHYS, 0, 4 * PG, 0), "shm_ctl_special(ANON|PHYS, special 0)");
	CHECK_EQ(obj_info(fd, 0, UINT64_MAX, seg, sizeof seg), 1, "contiguous: one segment, as with shm_ctl");
	CHECK_EQ(seg[0].length, 4 * PG, "of the size given");
	char *p = mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (CHECK(p != MAP_FAILED, "map it")) {
		CHECK(all_zero(p, 4 * PG), "zero-filled");
		p[3] = 3;
		CHECK(p[3] == 3, "read/write");
		CHECK_EQ(paddr_of(p), seg[0].paddr, "mem_offset agrees with the segment");
		munmap(p, 4 * PG);
	}
	CHECK_ERR(shm_ctl_special(fd, SHMCTL_ANON, 0, 4 * PG, 0), EINVAL, "second shm_ctl_special -> EINVAL (already special)");
	CHECK_ERR(shm_ctl(fd, SHMCTL_ANON, 0, 4 * PG), EINVAL, "shm_ctl after shm_ctl_special -> EINVAL");
	CHECK_ERR(ftruncate(fd, 8 * PG), EINVAL, "ftruncate after shm_ctl_special -> EINVAL");
	close(fd);
	shm_unlink("/t_sp0");

	/* Bits no CPU flavour knows. */
	shm_unlink("/t_spbad");
	REQUIRE_OK(fd = shm_open("/t_spbad", O_RDWR | O_CREAT | O_EXCL, 0600), "create");
	CHECK_ERR(shm_ctl_special(fd, SHMCTL_ANON, 0, PG, 0x80000000u), EINVAL, "special bit 31 -> EINVAL");
	CHECK_ERR(shm_ctl_special(fd, SHMCTL_ANON, 0, PG, 0x10000u), EINVAL, "special bit 16 -> EINVAL");
	CHECK_ERR(shm_ctl_special(fd, SHMCTL_ANON, 0, PG, 0xFFFFFFFFu), EINVAL, "special ~0 -> EINVAL");
	/* The usual shm_ctl errors apply too. */
	CHECK_ERR(shm_ctl_special(fd, 0, 0, PG, 0), EINVAL, "neither ANON nor PHYS -> EINVAL");
	CHECK_ERR(shm_ctl_special(fd, SHMCTL_ANON | SHMCTL_PHYS | SHMCTL_LAZY, 0, PG, 0), EINVAL, "ANON|PHYS|LAZY -> EINVAL");
	CHECK_ERR(shm_ctl_special(-1, SHMCTL_ANON, 0, PG, 0), EBADF, "shm_ctl_special(-1) -> EBADF");
	CHECK_ERR(shm_ctl_special(555, SHMCTL_ANON, 0, PG, 0), EBADF, "shm_ctl_special of a never-opened fd -> EBADF");
	/* Rejected calls leave the object empty. */
	CHECK_OK(shm_ctl_special(fd, SHMCTL_ANON, 0, 2 * PG, 0), "after the rejected calls the object can still be populated");
	close(fd);
	shm_unlink("/t_spbad");
	return done();
}
