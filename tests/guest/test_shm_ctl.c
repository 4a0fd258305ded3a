/*
 * test_shm_ctl.c - shm_ctl with every flag of REFERENCE.md section 2:
 * SHMCTL_ANON (zero-filled RAM), SHMCTL_PHYS (the object is physical
 * memory at paddr), SHMCTL_ANON|SHMCTL_PHYS (one contiguous run),
 * SHMCTL_LAZY (frames on first touch), the invalid combinations, one
 * shm_ctl per object, alignment of PHYS paddr/size, EBADF.
 */
#include <sys/stat.h>

#include "check.h"
#include "testutil.h"

static struct _mem_obj_segment seg[16];

static void test_anon(void)
{
	int fd, fd2;
	REQUIRE_OK(fd = make_obj("/t_anon", SHMCTL_ANON, 0, 6 * PG), "shm_ctl(SHMCTL_ANON, 6 pages)");
	char *p = mmap(0, 6 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(p != MAP_FAILED, "map it");
	CHECK(all_zero(p, 6 * PG), "SHMCTL_ANON memory is zero-filled");
	fill_pattern(p, 6 * PG, 2);

	/* A second mapping, through a second fd, sees the same memory. */
	REQUIRE_OK(fd2 = shm_open("/t_anon", O_RDWR, 0), "reopen");
	char *q = mmap(0, 6 * PG, PROT_READ, MAP_SHARED, fd2, 0);
	if (CHECK(q != MAP_FAILED && q != p, "a second mapping at another address")) {
		CHECK(has_pattern(q, 6 * PG, 2), "the second mapping sees the data");
		CHECK_EQ(paddr_of(q + 3 * PG), paddr_of(p + 3 * PG), "both map the same frame");
		munmap(q, 6 * PG);
	}
	close(fd2);

	/* Segments cover the whole object. */
	long n = obj_info(fd, 0, UINT64_MAX, seg, sizeof seg);
	uint64_t total = 0;
	for (long i = 0; i < n; i++)
		total += seg[i].length;
	CHECK(n >= 1, "_MEM_OBJ_INFO gives %ld segment(s)", n);
	CHECK_EQ(total, 6 * PG, "segments cover the 6 pages");

	/* A size that is not a page multiple is rounded up to pages. */
	int fd3;
	if (CHECK_OK(fd3 = make_obj("/t_anon_odd", SHMCTL_ANON, 0, PG + 10), "shm_ctl(SHMCTL_ANON, 1 page + 10 bytes)")) {
		n = obj_info(fd3, 0, UINT64_MAX, seg, sizeof seg);
		total = 0;
		for (long i = 0; i < n; i++)
			total += seg[i].length;
		CHECK(total >= PG + 10 && total <= 2 * PG,
		      "the segments cover the 1 page + 10 bytes (clipped to the object: %llu bytes)",
		      (unsigned long long)total);
		CHECK(n >= 1 && seg[n - 1].offset + seg[n - 1].length > PG, "the last segment reaches into page 2");
		char *r = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd3, 0);
		if (CHECK(r != MAP_FAILED, "map both pages")) {
			r[PG + 5] = 9;
			r[2 * PG - 1] = 8;
			CHECK(r[PG + 5] == 9 && r[2 * PG - 1] == 8 && r[0] == 0,
			      "both pages are usable to their last byte (RAM rounded up to pages)");
			munmap(r, 2 * PG);
		}
		close(fd3);
		shm_unlink("/t_anon_odd");
	}

	munmap(p, 6 * PG);
	close(fd);
	shm_unlink("/t_anon");
}

static void test_anon_phys(void)
{
	int fd;
	REQUIRE_OK(fd = make_obj("/t_aphys", SHMCTL_ANON | SHMCTL_PHYS, 0, 8 * PG),
		   "shm_ctl(SHMCTL_ANON|SHMCTL_PHYS, 8 pages)");
	long n = obj_info(fd, 0, UINT64_MAX, seg, sizeof seg);
	CHECK_EQ(n, 1, "ANON|PHYS: exactly one _MEM_OBJ_INFO segment");
	CHECK_EQ(seg[0].offset, 0, "it starts at offset 0");
	CHECK_EQ(seg[0].length, 8 * PG, "and covers the 8 pages");
	CHECK_EQ(seg[0].paddr % PG, 0, "its paddr is page-aligned");
	char *p = mmap(0, 8 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (CHECK(p != MAP_FAILED, "map it")) {
		CHECK(all_zero(p, 8 * PG), "ANON|PHYS memory is zero-filled");
		off_t off;
		size_t contig;
		CHECK_OK(mem_offset(p, NOFD, 8 * PG, &off, &contig), "mem_offset of the mapping");
		CHECK_EQ(off, seg[0].paddr, "mem_offset agrees with the segment's paddr");
		CHECK_EQ(contig, 8 * PG, "mem_offset: all 8 pages are contiguous");
		munmap(p, 8 * PG);
	}
	close(fd);
	shm_unlink("/t_aphys");

	/* No contiguous run that large (more than the 3 GiB RAM maximum). */
	shm_unlink("/t_aphys_big");
	REQUIRE_OK(fd = shm_open("/t_aphys_big", O_RDWR | O_CREAT | O_EXCL, 0600), "create");
	CHECK_ERR(shm_ctl(fd, SHMCTL_ANON | SHMCTL_PHYS, 0, 0xF0000000ull), ENOMEM,
		  "ANON|PHYS larger than any RAM -> ENOMEM");
	/* The failed call left the object empty: it can still be populated. */
	CHECK_OK(shm_ctl(fd, SHMCTL_ANON | SHMCTL_PHYS, 0, PG), "a failed shm_ctl leaves the object empty");
	close(fd);
	shm_unlink("/t_aphys_big");
}

static void test_phys(void)
{
	int src, fd;
	/* A physical address we own: a contiguous ANON|PHYS object. */
	REQUIRE_OK(src = make_obj("/t_phys_src", SHMCTL_ANON | SHMCTL_PHYS, 0, 4 * PG), "contiguous source object");
	REQUIRE(obj_info(src, 0, UINT64_MAX, seg, sizeof seg) == 1, "its single segment");
	uint64_t pa = seg[0].paddr;
	char *s = mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, src, 0);
	REQUIRE(s != MAP_FAILED, "map the source");
	fill_pattern(s, 4 * PG, 3);

	shm_unlink("/t_phys");
	REQUIRE_OK(fd = shm_open("/t_phys", O_RDWR | O_CREAT | O_EXCL, 0600), "create the PHYS object");
	CHECK_ERR(shm_ctl(fd, SHMCTL_PHYS, pa + 1, 2 * PG), EINVAL, "SHMCTL_PHYS with an unaligned paddr -> EINVAL");
	CHECK_ERR(shm_ctl(fd, SHMCTL_PHYS, pa, 2 * PG + 1), EINVAL, "SHMCTL_PHYS with an unaligned size -> EINVAL");
	CHECK_ERR(shm_ctl(fd, SHMCTL_PHYS, pa + 100, 100), EINVAL, "SHMCTL_PHYS with both unaligned -> EINVAL");
	CHECK_ERR(shm_ctl(fd, SHMCTL_PHYS, 1ull << 52, 2 * PG), EINVAL,
		  "SHMCTL_PHYS of an address outside RAM and devices -> EINVAL");
	CHECK_OK(shm_ctl(fd, SHMCTL_PHYS, pa + PG, 2 * PG), "SHMCTL_PHYS at paddr+1 page, 2 pages");
	struct stat st;
	CHECK(fstat(fd, &st) == 0 && st.st_size == 2 * PG, "size of the PHYS object is 2 pages");
	long n = obj_info(fd, 0, UINT64_MAX, seg, sizeof seg);
	CHECK_EQ(n, 1, "PHYS object: one segment");
	CHECK_EQ(seg[0].paddr, pa + PG, "PHYS object: the segment is at the paddr given");
	CHECK_EQ(seg[0].length, 2 * PG, "PHYS object: of the size given");
	char *p = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (CHECK(p != MAP_FAILED, "map the PHYS object")) {
		/* p[i] is source byte PG+i. */
		int same = 1;
		for (unsigned i = 0; i < 2 * PG; i++)
			if (p[i] != s[PG + i])
				same = 0;
		CHECK(same, "the PHYS object shows the source's physical pages");
		CHECK_EQ(paddr_of(p), pa + PG, "mem_offset of the PHYS mapping is the paddr given");
		p[10] = 'Z';
		CHECK(s[PG + 10] == 'Z', "a write through the PHYS object is seen by the source");
		munmap(p, 2 * PG);
	}
	close(fd);
	shm_unlink("/t_phys");
	munmap(s, 4 * PG);
	close(src);
	shm_unlink("/t_phys_src");

	/* A paddr found with mem_offset of a MAP_PHYS|MAP_ANON mapping. */
	char *a = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PHYS | MAP_ANON | MAP_SHARED, NOFD, 0);
	if (CHECK(a != MAP_FAILED, "contiguous MAP_PHYS|MAP_ANON memory")) {
		strcpy(a, "hello phys");
		uint64_t apa = paddr_of(a);
		if (CHECK_OK(fd = make_obj("/t_phys2", SHMCTL_PHYS, apa, 2 * PG), "SHMCTL_PHYS at the paddr from mem_offset")) {
			char *q = mmap(0, 2 * PG, PROT_READ, MAP_SHARED, fd, 0);
			if (CHECK(q != MAP_FAILED, "map it")) {
				CHECK(strcmp(q, "hello phys") == 0, "the object shows that memory");
				munmap(q, 2 * PG);
			}
			close(fd);
			shm_unlink("/t_phys2");
		}
		munmap(a, 2 * PG);
	}
}

static void test_lazy(void)
{
	int fd;
	REQUIRE_OK(fd = make_obj("/t_lazy", SHMCTL_ANON | SHMCTL_LAZY, 0, 4 * PG), "shm_ctl(ANON|LAZY, 4 pages)");
	struct stat st;
	CHECK(fstat(fd, &st) == 0 && st.st_size == 4 * PG, "the LAZY object has its size at once");
	CHECK_EQ(obj_info(fd, 0, UINT64_MAX, seg, sizeof seg), 0, "no segments before any page is touched");
	char *p = mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(p != MAP_FAILED, "map it");
	p[2 * PG + 7] = 1;
	long n = obj_info(fd, 0, UINT64_MAX, seg, sizeof seg);
	CHECK_EQ(n, 1, "one segment after touching page 2");
	CHECK_EQ(seg[0].offset, 2 * PG, "it is page 2");
	CHECK_EQ(seg[0].length, PG, "of one page");
	CHECK_EQ(seg[0].paddr, paddr_of(p + 2 * PG), "at the frame mem_offset sees");
	CHECK(p[0] == 0, "an untouched LAZY page reads as zero");
	n = obj_info(fd, 0, UINT64_MAX, seg, sizeof seg);
	CHECK(n >= 1 && n <= 2, "after reading page 0: %ld segment(s)", n);
	p[0] = 2;
	n = obj_info(fd, 0, UINT64_MAX, seg, sizeof seg);
	CHECK_EQ(n, 2, "pages 0 and 2 touched: two segments (gap at page 1)");
	CHECK_EQ(seg[0].offset, 0, "first segment: page 0");
	CHECK_EQ(seg[0].length, PG, "first segment: one page");
	CHECK_EQ(seg[1].offset, 2 * PG, "second segment: page 2");
	CHECK(p[0] == 2 && p[2 * PG + 7] == 1 && p[PG] == 0 && p[3 * PG] == 0, "data as written, others zero");
	munmap(p, 4 * PG);
	close(fd);
	shm_unlink("/t_lazy");
}

static void test_errors(void)
{
	int fd;
	shm_unlink("/t_err");
	REQUIRE_OK(fd = shm_open("/t_err", O_RDWR | O_CREAT | O_EXCL, 0600), "create an empty object");
	CHECK_ERR(shm_ctl(fd, SHMCTL_ANON | SHMCTL_PHYS | SHMCTL_LAZY, 0, PG), EINVAL, "ANON|PHYS|LAZY -> EINVAL");
	CHECK_ERR(shm_ctl(fd, 0, 0, PG), EINVAL, "neither ANON nor PHYS (flags 0) -> EINVAL");
	CHECK_ERR(shm_ctl(fd, SHMCTL_LAZY, 0, PG), EINVAL, "LAZY alone (neither ANON nor PHYS) -> EINVAL");
	CHECK_ERR(shm_ctl(fd, SHMCTL_GLOBAL | SHMCTL_LAZYWRITE, 0, PG), EINVAL,
		  "other flags without ANON or PHYS -> EINVAL");
	CHECK_ERR(shm_ctl(-1, SHMCTL_ANON, 0, PG), EBADF, "shm_ctl(-1) -> EBADF");
	CHECK_ERR(shm_ctl(4321, SHMCTL_ANON, 0, PG), EBADF, "shm_ctl of a never-opened fd -> EBADF");

	CHECK_OK(shm_ctl(fd, SHMCTL_ANON, 0, 2 * PG), "the failed calls left it empty: shm_ctl(ANON) works");
	CHECK_ERR(shm_ctl(fd, SHMCTL_ANON, 0, 2 * PG), EINVAL, "a second shm_ctl -> EINVAL");
	CHECK_ERR(shm_ctl(fd, SHMCTL_ANON | SHMCTL_PHYS, 0, 4 * PG), EINVAL, "a second shm_ctl with other flags -> EINVAL");
	CHECK_ERR(shm_ctl_special(fd, SHMCTL_ANON, 0, 2 * PG, 0), EINVAL, "shm_ctl_special after shm_ctl -> EINVAL");
	close(fd);
	CHECK_ERR(shm_ctl(fd, SHMCTL_ANON, 0, PG), EBADF, "shm_ctl of a closed fd -> EBADF");
	shm_unlink("/t_err");

	/* Only an empty object can be populated (REFERENCE.md: "while it is still empty"). */
	shm_unlink("/t_err2");
	REQUIRE_OK(fd = shm_open("/t_err2", O_RDWR | O_CREAT | O_EXCL, 0600), "create");
	REQUIRE_OK(ftruncate(fd, 2 * PG), "give it a size with ftruncate");
	CHECK_ERR(shm_ctl(fd, SHMCTL_ANON, 0, 2 * PG), EINVAL, "shm_ctl of an object that is no longer empty -> EINVAL");
	close(fd);
	shm_unlink("/t_err2");
}

int main(void)
{
	test_anon();
	test_anon_phys();
	test_phys();
	test_lazy();
	test_errors();
	return done();
}
