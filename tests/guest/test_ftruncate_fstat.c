/*
 * test_ftruncate_fstat.c - ftruncate (grow, shrink, EINVAL after shm_ctl,
 * EBADF) and fstat (st_size, S_ISREG, mode bits, EBADF) of shared memory
 * objects (REFERENCE.md section 2; the seed 002: "on ARM the size can't
 * change after shm_ctl").
 */
#include <sys/stat.h>

#include "check.h"
#include "testutil.h"

static void test_fstat(void)
{
	struct stat st;
	int fd;

	shm_unlink("/t_fstat");
	REQUIRE_OK(fd = shm_open("/t_fstat", O_RDWR | O_CREAT | O_EXCL, 0640), "create an object with mode 0640");
	CHECK_OK(fstat(fd, &st), "fstat");
	CHECK(S_ISREG(st.st_mode), "S_ISREG(st_mode) for a shared memory object (st_mode 0%o)", (unsigned)st.st_mode);
	CHECK_EQ(st.st_mode & 0777, 0640, "permission bits are the mode given to shm_open");
	CHECK_EQ(st.st_size, 0, "st_size of a new object is 0");
	CHECK_EQ(st.st_nlink, 1, "st_nlink is 1 while the object is named");
	CHECK_ERR(fstat(-1, &st), EBADF, "fstat(-1) -> EBADF");
	CHECK_ERR(fstat(999, &st), EBADF, "fstat of a never-opened fd -> EBADF");
	close(fd);
	CHECK_ERR(fstat(fd, &st), EBADF, "fstat of a closed fd -> EBADF");
	shm_unlink("/t_fstat");

	/* shm_ctl sets the size. */
	REQUIRE_OK(fd = make_obj("/t_fstat2", SHMCTL_ANON, 0, 5 * PG), "object populated with shm_ctl(ANON, 5 pages)");
	CHECK(fstat(fd, &st) == 0 && st.st_size == 5 * PG, "st_size after shm_ctl is the size given (%lld)",
	      (long long)st.st_size);
	close(fd);
	shm_unlink("/t_fstat2");
}

static off_t size_of(int fd)
{
	struct stat st;
	if (fstat(fd, &st) == -1)
		return -1;
	return st.st_size;
}

static void test_ftruncate(void)
{
	int fd;
	char *p;

	shm_unlink("/t_trunc");
	REQUIRE_OK(fd = shm_open("/t_trunc", O_RDWR | O_CREAT | O_EXCL, 0600), "create an object");
	CHECK_OK(ftruncate(fd, 4 * PG), "grow to 4 pages");
	CHECK_EQ(size_of(fd), 4 * PG, "st_size after growing");
	p = mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(p != MAP_FAILED, "map the 4 pages");
	CHECK(all_zero(p, 4 * PG), "grown object reads as zero");
	fill_pattern(p, 4 * PG, 1);
	CHECK(has_pattern(p, 4 * PG, 1), "written through the mapping");
	CHECK_OK(munmap(p, 4 * PG), "munmap");

	CHECK_OK(ftruncate(fd, 2 * PG), "shrink to 2 pages");
	CHECK_EQ(size_of(fd), 2 * PG, "st_size after shrinking");
	CHECK_OK(ftruncate(fd, 2 * PG + 100), "a size that is not a page multiple");
	CHECK_EQ(size_of(fd), 2 * PG + 100, "st_size is the byte size asked for");
	CHECK_OK(ftruncate(fd, 4 * PG), "grow back to 4 pages");
	p = mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(p != MAP_FAILED, "map again");
	CHECK(has_pattern(p, 2 * PG, 1), "the first 2 pages kept their data");
	CHECK(all_zero(p + 2 * PG, 2 * PG), "the pages cut off and grown back read as zero (POSIX ftruncate)");
	CHECK_OK(munmap(p, 4 * PG), "munmap");
	CHECK_OK(ftruncate(fd, 0), "truncate to 0");
	CHECK_EQ(size_of(fd), 0, "st_size 0");

	CHECK_ERR(ftruncate(fd, -1), EINVAL, "negative length -> EINVAL");
	CHECK_ERR(ftruncate(-1, PG), EBADF, "ftruncate(-1) -> EBADF");
	CHECK_ERR(ftruncate(777, PG), EBADF, "ftruncate of a never-opened fd -> EBADF");
	close(fd);
	CHECK_ERR(ftruncate(fd, PG), EBADF, "ftruncate of a closed fd -> EBADF");
	shm_unlink("/t_trunc");

	/* After shm_ctl the size is fixed (seed 002; REFERENCE.md section 2). */
	REQUIRE_OK(fd = make_obj("/t_trunc2", SHMCTL_ANON, 0, 2 * PG), "object populated by shm_ctl");
	CHECK_ERR(ftruncate(fd, 4 * PG), EINVAL, "ftruncate (grow) after shm_ctl -> EINVAL");
	CHECK_ERR(ftruncate(fd, PG), EINVAL, "ftruncate (shrink) after shm_ctl -> EINVAL");
	CHECK_ERR(ftruncate(fd, 2 * PG), EINVAL, "ftruncate (same size) after shm_ctl -> EINVAL");
	CHECK_EQ(size_of(fd), 2 * PG, "size unchanged");
	close(fd);
	shm_unlink("/t_trunc2");

	REQUIRE_OK(fd = make_obj("/t_trunc3", SHMCTL_ANON | SHMCTL_PHYS, 0, 2 * PG), "object populated by shm_ctl(ANON|PHYS)");
	CHECK_ERR(ftruncate(fd, 4 * PG), EINVAL, "ftruncate after shm_ctl(ANON|PHYS) -> EINVAL");
	close(fd);
	shm_unlink("/t_trunc3");
}

/* Shrinking an object that is mapped: the pages past the new end go away
 * (touching them is SIGBUS, checked in the fault tests); pages below stay. */
static void test_shrink_mapped(void)
{
	int fd;
	shm_unlink("/t_trunc4");
	REQUIRE_OK(fd = shm_open("/t_trunc4", O_RDWR | O_CREAT | O_EXCL, 0600), "create");
	REQUIRE_OK(ftruncate(fd, 3 * PG), "3 pages");
	char *p = mmap(0, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(p != MAP_FAILED, "map 3 pages");
	p[0] = 1;
	p[2 * PG] = 3;
	CHECK_OK(ftruncate(fd, PG), "shrink the mapped object to 1 page");
	CHECK(p[0] == 1, "the page below the new end is still mapped and intact");
	off_t off;
	size_t contig;
	CHECK_OK(mem_offset(p, NOFD, PG, &off, &contig), "mem_offset of the first page still works");
	CHECK_ERR(mem_offset(p + 2 * PG, NOFD, PG, &off, &contig), EACCES,
		  "no memory behind a page past the new end (mem_offset EACCES)");
	CHECK_OK(ftruncate(fd, 3 * PG), "grow it back to 3 pages while still mapped");
	CHECK(p[2 * PG] == 0 && p[PG] == 0, "the pages are back, zero-filled");
	p[2 * PG] = 4;
	CHECK(p[2 * PG] == 4 && p[0] == 1, "and writable");
	munmap(p, 3 * PG);
	close(fd);
	shm_unlink("/t_trunc4");
}

int main(void)
{
	test_fstat();
	test_ftruncate();
	test_shrink_mapped();
	return done();
}
