/*
 * test_munmap_mprotect.c - munmap (partial ranges split mappings,
 * alignment), mprotect (read-only and back, split, ENOMEM on unmapped,
 * EINVAL unaligned) and msync argument checking (REFERENCE.md section 2).
 * Holes are observed with mem_offset: EACCES where nothing is mapped.
 */
#include "check.h"
#include "testutil.h"

static int mapped(const void *p)
{
	off_t off;
	size_t contig;
	return mem_offset(p, NOFD, 1, &off, &contig) == 0;
}

static void test_munmap(void)
{
	off_t off;
	size_t contig;
	char *p = mmap(0, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	REQUIRE(p != MAP_FAILED, "3 anonymous pages");
	memset(p, 'L', PG);
	memset(p + PG, 'M', PG);
	memset(p + 2 * PG, 'R', PG);
	CHECK_OK(munmap(p + PG, PG), "munmap the middle page");
	CHECK_ERR(mem_offset(p + PG, NOFD, 1, &off, &contig), EACCES, "the middle page is unmapped (mem_offset EACCES)");
	CHECK_ERR(mem_offset(p + 2 * PG - 1, NOFD, 1, &off, &contig), EACCES, "its last byte too");
	CHECK_OK(mem_offset(p, NOFD, 1, &off, &contig), "the left side is still mapped");
	CHECK_OK(mem_offset(p + 2 * PG, NOFD, 1, &off, &contig), "the right side is still mapped");
	CHECK(p[0] == 'L' && p[PG - 1] == 'L', "the left side is readable with its data");
	CHECK(p[2 * PG] == 'R' && p[3 * PG - 1] == 'R', "the right side is readable with its data");
	p[1] = 'l';
	p[2 * PG + 1] = 'r';
	CHECK(p[1] == 'l' && p[2 * PG + 1] == 'r', "both sides still writable");
	CHECK_OK(munmap(p, 3 * PG), "munmap across the hole removes the rest");
	CHECK(!mapped(p) && !mapped(p + 2 * PG), "both sides gone");

	/* Partial munmap of a shared object mapping; the object is not affected. */
	int fd;
	REQUIRE_OK(fd = make_obj("/t_unmap", SHMCTL_ANON, 0, 4 * PG), "object of 4 pages");
	char *o = mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(o != MAP_FAILED, "map it");
	fill_pattern(o, 4 * PG, 8);
	CHECK_OK(munmap(o, PG), "munmap the first page");
	CHECK_OK(munmap(o + 3 * PG, PG), "munmap the last page");
	CHECK(!mapped(o) && !mapped(o + 3 * PG), "first and last pages gone");
	CHECK(mapped(o + PG) && mapped(o + 2 * PG), "pages 1 and 2 stay");
	CHECK(has_pattern_at(o + PG, 2 * PG, 8, PG), "pages 1-2 readable with their data");
	char *again = mmap(0, 4 * PG, PROT_READ, MAP_SHARED, fd, 0);
	if (CHECK(again != MAP_FAILED, "map the object again")) {
		CHECK(has_pattern(again, 4 * PG, 8), "the object still holds all 4 pages of data");
		munmap(again, 4 * PG);
	}
	munmap(o + PG, 2 * PG);
	close(fd);
	shm_unlink("/t_unmap");

	CHECK_ERR(munmap((char *)0x40000000 + 1, PG), EINVAL, "munmap of an unaligned address -> EINVAL");
	p = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	if (CHECK(p != MAP_FAILED, "2 pages")) {
		CHECK_ERR(munmap(p + 10, PG), EINVAL, "munmap(addr+10) -> EINVAL");
		CHECK(mapped(p) && mapped(p + PG), "the failed munmap removed nothing");
		CHECK_OK(munmap(p, PG + 1), "a length that is not a page multiple covers whole pages");
		CHECK(!mapped(p) && !mapped(p + PG), "both pages gone");
	}
}

static void test_mprotect(void)
{
	off_t off, off2;
	size_t contig;
	char *p = mmap(0, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	REQUIRE(p != MAP_FAILED, "3 anonymous pages");
	memset(p, 'w', 3 * PG);
	CHECK_OK(mem_offset(p + PG, NOFD, 1, &off, &contig), "paddr of page 1");
	CHECK_OK(mprotect(p + PG, PG, PROT_READ), "mprotect the middle page read-only");
	CHECK(p[PG] == 'w' && p[2 * PG - 1] == 'w', "the read-only page is readable with its data");
	CHECK_OK(mem_offset(p + PG, NOFD, 1, &off2, &contig), "mem_offset of the read-only page works");
	CHECK_EQ(off2, off, "same frame after mprotect");
	p[0] = 'a';
	p[2 * PG] = 'c';
	CHECK(p[0] == 'a' && p[2 * PG] == 'c', "the pages on both sides are still writable");
	CHECK_OK(mprotect(p + PG, PG, PROT_READ | PROT_WRITE), "mprotect it back to read/write");
	p[PG] = 'b';
	CHECK(p[PG] == 'b', "writable again");
	CHECK_OK(mprotect(p, 3 * PG, PROT_READ), "mprotect all three pages read-only");
	CHECK(p[0] == 'a' && p[PG] == 'b' && p[2 * PG] == 'c', "all readable");
	CHECK_OK(mprotect(p, 3 * PG, PROT_NONE), "mprotect PROT_NONE");
	CHECK_OK(mprotect(p, 3 * PG, PROT_READ | PROT_WRITE), "and back to read/write");
	CHECK(p[0] == 'a' && p[PG] == 'b' && p[2 * PG] == 'c', "data survived PROT_NONE");
	CHECK_OK(mprotect(p, 2 * PG + 1, PROT_READ | PROT_WRITE), "a length that is not a page multiple");

	CHECK_ERR(mprotect(p + 1, PG, PROT_READ), EINVAL, "mprotect of an unaligned address -> EINVAL");
	CHECK_OK(munmap(p + PG, PG), "punch a hole in the middle");
	CHECK_ERR(mprotect(p + PG, PG, PROT_READ), ENOMEM, "mprotect of an unmapped page -> ENOMEM");
	CHECK_ERR(mprotect(p, 3 * PG, PROT_READ), ENOMEM, "mprotect of a range with a hole -> ENOMEM");
	munmap(p, 3 * PG);
	CHECK_ERR(mprotect(p, PG, PROT_READ), ENOMEM, "mprotect after munmap -> ENOMEM");
}

static void test_msync(void)
{
	char *p = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	REQUIRE(p != MAP_FAILED, "2 anonymous pages");
	p[0] = 1;
	CHECK_OK(msync(p, 2 * PG, MS_SYNC), "msync MS_SYNC");
	CHECK_OK(msync(p, 2 * PG, MS_ASYNC), "msync MS_ASYNC");
	CHECK_OK(msync(p, 2 * PG, MS_INVALIDATE), "msync MS_INVALIDATE");
	CHECK_OK(msync(p, PG, MS_SYNC | MS_INVALIDATE), "msync MS_SYNC|MS_INVALIDATE");
	CHECK_OK(msync(p, 100, MS_SYNC), "msync of part of a page");
	CHECK(p[0] == 1, "data unchanged by msync");
	CHECK_ERR(msync(p + 1, PG, MS_SYNC), EINVAL, "msync of an unaligned address -> EINVAL");
	CHECK_ERR(msync(p, PG, MS_SYNC | MS_ASYNC), EINVAL, "MS_SYNC|MS_ASYNC -> EINVAL");
	munmap(p + PG, PG);
	CHECK_ERR(msync(p + PG, PG, MS_SYNC), ENOMEM, "msync of an unmapped page -> ENOMEM");
	CHECK_ERR(msync(p, 2 * PG, MS_SYNC), ENOMEM, "msync of a range running into unmapped memory -> ENOMEM");
	munmap(p, PG);
	CHECK_ERR(msync(p, PG, MS_ASYNC), ENOMEM, "msync after munmap -> ENOMEM");

	int fd;
	if (CHECK_OK(fd = make_obj("/t_msync", SHMCTL_ANON, 0, PG), "object")) {
		char *o = mmap(0, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (CHECK(o != MAP_FAILED, "map it")) {
			o[0] = 5;
			CHECK_OK(msync(o, PG, MS_SYNC), "msync of a shared object mapping");
			munmap(o, PG);
		}
		close(fd);
		shm_unlink("/t_msync");
	}
}

int main(void)
{
	test_munmap();
	test_mprotect();
	test_msync();
	return done();
}
