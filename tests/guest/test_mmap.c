/*
 * test_mmap.c - mmap (REFERENCE.md section 2, issue 3): MAP_SHARED,
 * MAP_PRIVATE copy-on-write, MAP_ANON zero fill, MAP_FIXED replacing,
 * MAP_PHYS|MAP_ANON contiguous, MAP_PHYS of a paddr, PROT_NOCACHE, hints,
 * the loader pattern (PROT_NONE|MAP_LAZY reservation, MAP_FIXED pieces)
 * and the argument errors.
 */
#include "check.h"
#include "testutil.h"

static void test_shared(void)
{
	int fd;
	REQUIRE_OK(fd = make_obj("/t_msh", SHMCTL_ANON, 0, 4 * PG), "object of 4 pages");
	char *a = mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *b = mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(a != MAP_FAILED && b != MAP_FAILED && a != b, "two MAP_SHARED mappings of one object");
	CHECK_EQ((uintptr_t)a % PG, 0, "mmap returns a page-aligned address");
	a[PG + 3] = 'S';
	CHECK(b[PG + 3] == 'S', "MAP_SHARED: a write through one mapping is seen through the other");
	b[3 * PG] = 'T';
	CHECK(a[3 * PG] == 'T', "and the other way round");

	/* An offset into the object. */
	char *c = mmap(0, 2 * PG, PROT_READ, MAP_SHARED, fd, 2 * PG);
	if (CHECK(c != MAP_FAILED, "map 2 pages at object offset 2 pages")) {
		CHECK(c[PG] == 'T', "the offset mapping shows object page 3 at its page 1");
		CHECK_EQ(paddr_of(c), paddr_of(a + 2 * PG), "same frame as the full mapping's page 2");
		munmap(c, 2 * PG);
	}
	munmap(a, 4 * PG);
	munmap(b, 4 * PG);
	close(fd);
	shm_unlink("/t_msh");
}

static void test_private(void)
{
	int fd;
	REQUIRE_OK(fd = make_obj("/t_mpriv", SHMCTL_ANON, 0, 2 * PG), "object of 2 pages");
	char *s = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *p = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	REQUIRE(s != MAP_FAILED && p != MAP_FAILED, "a MAP_SHARED and a MAP_PRIVATE mapping of one object");
	s[0] = 'A';
	s[PG] = 'a';
	CHECK(p[0] == 'A' && p[PG] == 'a', "before any private write, the private mapping shows the object");
	s[0] = 'B';
	CHECK(p[0] == 'B', "before the private write, a shared write shows through the private mapping");
	p[0] = 'P';
	CHECK(p[0] == 'P', "the private write is seen through the private mapping");
	CHECK(s[0] == 'B', "the private write is not seen through the shared mapping (copy-on-write)");
	s[0] = 'C';
	CHECK(p[0] == 'P', "after the private write, shared writes no longer show on that private page");
	CHECK(paddr_of(p) != paddr_of(s), "the private page has its own frame now");
	CHECK_EQ(paddr_of(p + PG), paddr_of(s + PG), "an unwritten private page still shares the object's frame");
	/* A second private mapping is independent of the first. */
	char *p2 = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (CHECK(p2 != MAP_FAILED, "a second MAP_PRIVATE mapping")) {
		CHECK(p2[0] == 'C', "it shows the object, not the first private copy");
		p2[0] = 'Q';
		CHECK(p[0] == 'P' && s[0] == 'C', "its write touches neither the first private copy nor the object");
		munmap(p2, 2 * PG);
	}
	munmap(p, 2 * PG);
	CHECK(s[0] == 'C', "unmapping the private copy leaves the object alone");
	munmap(s, 2 * PG);
	close(fd);
	shm_unlink("/t_mpriv");
}

static void test_anon(void)
{
	char *p = mmap(0, 8 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	REQUIRE(p != MAP_FAILED, "MAP_PRIVATE|MAP_ANON 8 pages");
	CHECK(all_zero(p, 8 * PG), "MAP_ANON memory is zero-filled");
	fill_pattern(p, 8 * PG, 5);
	CHECK(has_pattern(p, 8 * PG, 5), "and writable");
	CHECK_OK(munmap(p, 8 * PG), "munmap");

	char *q = mmap(0, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON, NOFD, 0);
	if (CHECK(q != MAP_FAILED, "MAP_SHARED|MAP_ANON 3 pages")) {
		CHECK(all_zero(q, 3 * PG), "zero-filled");
		q[2 * PG] = 1;
		CHECK(q[2 * PG] == 1, "writable");
		munmap(q, 3 * PG);
	}
	/* A length that is not a page multiple maps whole pages. */
	char *r = mmap(0, PG + 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	if (CHECK(r != MAP_FAILED, "MAP_ANON of 1 page + 1 byte")) {
		r[2 * PG - 1] = 7;
		CHECK(r[2 * PG - 1] == 7, "the last page is fully usable");
		munmap(r, 2 * PG);
	}
}

static void test_fixed(void)
{
	char *p = mmap(0, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	REQUIRE(p != MAP_FAILED, "3 anonymous pages");
	memset(p, 'x', 3 * PG);
	char *m = mmap(p + PG, PG, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE | MAP_ANON, NOFD, 0);
	CHECK(m == p + PG, "MAP_FIXED over the middle page returns exactly that address");
	CHECK(all_zero(p + PG, PG), "MAP_FIXED replaced the page (fresh zero page)");
	CHECK(p[0] == 'x' && p[PG - 1] == 'x' && p[2 * PG] == 'x' && p[3 * PG - 1] == 'x',
	      "the pages on both sides are untouched");

	/* MAP_FIXED of an object over anonymous memory. */
	int fd;
	if (CHECK_OK(fd = make_obj("/t_mfix", SHMCTL_ANON, 0, PG), "object of 1 page")) {
		char *o = mmap(0, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (CHECK(o != MAP_FAILED, "map the object"))
			strcpy(o, "object");
		char *f = mmap(p + 2 * PG, PG, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_SHARED, fd, 0);
		if (CHECK(f == p + 2 * PG, "MAP_FIXED|MAP_SHARED of the object over the last page")) {
			CHECK(strcmp(f, "object") == 0, "the object shows there now");
			CHECK_EQ(paddr_of(f), paddr_of(o), "same frame as the other mapping");
		}
		CHECK(p[0] == 'x', "page 0 untouched");
		if (o != MAP_FAILED)
			munmap(o, PG);
		close(fd);
		shm_unlink("/t_mfix");
	}
	munmap(p, 3 * PG);

	/* MAP_FIXED at a free address. */
	char *hole = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	if (CHECK(hole != MAP_FAILED, "find a free range")) {
		munmap(hole, 2 * PG);
		char *f = mmap(hole, 2 * PG, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE | MAP_ANON, NOFD, 0);
		CHECK(f == hole, "MAP_FIXED at a free address");
		if (f != MAP_FAILED)
			munmap(f, 2 * PG);
	}
}

static void test_hint(void)
{
	/* Find a free range, free it again, then ask for it as a hint. */
	char *h = mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	REQUIRE(h != MAP_FAILED, "find a free range");
	munmap(h, 4 * PG);
	char *want = h + PG;
	char *p = mmap(want, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	CHECK(p == want, "a free hint is honoured (got %p, hint %p)", (void *)p, (void *)want);
	/* A busy hint is not an error: the mapping goes elsewhere. */
	char *q = mmap(want, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	CHECK(q != MAP_FAILED && q != want, "a busy hint without MAP_FIXED maps elsewhere");
	if (p != MAP_FAILED) {
		p[0] = 'h';
		CHECK(p[0] == 'h', "the hinted mapping works");
		munmap(p, 2 * PG);
	}
	if (q != MAP_FAILED)
		munmap(q, 2 * PG);
}

static void test_phys(void)
{
	char *p = mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_PHYS | MAP_ANON | MAP_SHARED, NOFD, 0);
	REQUIRE(p != MAP_FAILED, "MAP_PHYS|MAP_ANON 4 pages");
	CHECK(all_zero(p, 4 * PG), "zero-filled");
	off_t pa;
	size_t contig;
	CHECK_OK(mem_offset(p, NOFD, 4 * PG, &pa, &contig), "mem_offset");
	CHECK_EQ(contig, 4 * PG, "MAP_PHYS|MAP_ANON is physically contiguous: contig_len covers all 4 pages");
	fill_pattern(p, 4 * PG, 6);

	/* MAP_PHYS of that paddr (fd NOFD, off = paddr). */
	char *q = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PHYS | MAP_SHARED, NOFD, pa + PG);
	if (CHECK(q != MAP_FAILED, "MAP_PHYS of a physical address (NOFD, off = paddr)")) {
		int same = 1;
		for (unsigned i = 0; i < 2 * PG; i++)
			if (q[i] != p[PG + i])
				same = 0;
		CHECK(same, "it shows those physical pages");
		CHECK_EQ(paddr_of(q), (uint64_t)pa + PG, "mem_offset of it is the paddr given");
		q[0] = 'Q';
		CHECK(p[PG] == 'Q', "writes go to the same memory");
		munmap(q, 2 * PG);
	}
	munmap(p, 4 * PG);

	/* MAP_PRIVATE|MAP_PHYS|MAP_ANON is contiguous too. */
	char *r = mmap(0, 3 * PG, PROT_READ | PROT_WRITE, MAP_PHYS | MAP_ANON | MAP_PRIVATE, NOFD, 0);
	if (CHECK(r != MAP_FAILED, "MAP_PRIVATE|MAP_PHYS|MAP_ANON 3 pages")) {
		r[0] = r[PG] = r[2 * PG] = 1; /* touch (a lazy or COW layer must not break contiguity) */
		CHECK(mem_offset(r, NOFD, 3 * PG, &pa, &contig) == 0 && contig == 3 * PG,
		      "contiguous (contig_len %u)", (unsigned)contig);
		munmap(r, 3 * PG);
	}
}

static void test_nocache(void)
{
	volatile unsigned *p = mmap(0, 2 * PG, PROT_READ | PROT_WRITE | PROT_NOCACHE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	if (CHECK(p != MAP_FAILED, "PROT_NOCACHE is accepted for anonymous memory")) {
		p[0] = 0xdeadbeef;
		CHECK_EQ(p[0], 0xdeadbeef, "and the memory works");
		munmap((void *)p, 2 * PG);
	}
	int fd;
	if (CHECK_OK(fd = make_obj("/t_mnc", SHMCTL_ANON | SHMCTL_PHYS, 0, PG), "object")) {
		volatile unsigned *q = mmap(0, PG, PROT_READ | PROT_WRITE | PROT_NOCACHE, MAP_SHARED, fd, 0);
		if (CHECK(q != MAP_FAILED, "PROT_NOCACHE is accepted for a shared object")) {
			q[3] = 77;
			CHECK_EQ(q[3], 77, "and the memory works");
			munmap((void *)q, PG);
		}
		close(fd);
		shm_unlink("/t_mnc");
	}
}

static void test_loader_pattern(void)
{
	/* Reserve 16 pages as the QNX loader does, then map pieces over it. */
	char *base = mmap(0, 16 * PG, PROT_NONE, MAP_PRIVATE | MAP_ANON | MAP_LAZY, NOFD, 0);
	REQUIRE(base != MAP_FAILED, "reserve 16 pages PROT_NONE|MAP_LAZY");
	char *t = mmap(base, 4 * PG, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE | MAP_ANON, NOFD, 0);
	CHECK(t == base, "MAP_FIXED piece at the start of the reservation");
	int fd = make_obj("/t_mload", SHMCTL_ANON, 0, 2 * PG);
	char *o = MAP_FAILED;
	if (CHECK(fd != -1, "object for the second piece")) {
		o = mmap(base + 6 * PG, 2 * PG, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_SHARED, fd, 0);
		CHECK(o == base + 6 * PG, "MAP_FIXED object piece in the middle of the reservation");
	}
	char *d = mmap(base + 12 * PG, 4 * PG, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE | MAP_ANON | MAP_LAZY,
		       NOFD, 0);
	CHECK(d == base + 12 * PG, "MAP_FIXED|MAP_LAZY piece at the end of the reservation");
	if (t == base) {
		CHECK(all_zero(t, 4 * PG), "first piece zero-filled");
		memset(t, 1, 4 * PG);
	}
	if (o == base + 6 * PG) {
		CHECK(all_zero(o, 2 * PG), "object piece zero-filled");
		o[0] = 2;
	}
	if (d == base + 12 * PG) {
		CHECK(all_zero(d, 4 * PG), "lazy piece reads as zero");
		d[3 * PG] = 3;
		CHECK(d[3 * PG] == 3, "lazy piece is writable");
	}
	off_t pa;
	size_t contig;
	CHECK_OK(mem_offset(base + 6 * PG, NOFD, PG, &pa, &contig), "mem_offset of the object piece");
	CHECK(t == base && o == base + 6 * PG && t[4 * PG - 1] == 1 && o[0] == 2, "pieces keep their data");
	CHECK_OK(munmap(base, 16 * PG), "munmap the whole reservation with its pieces");
	CHECK_ERR(mem_offset(base + 6 * PG, NOFD, PG, &pa, &contig), EACCES, "all of it is gone");
	if (fd != -1) {
		close(fd);
		shm_unlink("/t_mload");
	}
}

/* A leaf function small enough to copy: no calls, no literal pool. */
__attribute__((noinline)) static int add_one(int x)
{
	return x + 1;
}

static void test_exec(void)
{
	char *code = mmap(0, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	REQUIRE(code != MAP_FAILED, "a page for code");
	memcpy(code, (const void *)(uintptr_t)add_one, 256);
	CHECK_OK(msync(code, PG, MS_SYNC | MS_INVALIDATE), "clean the data cache over the copied code");
	CHECK_OK(mprotect(code, PG, PROT_READ | PROT_EXEC), "mprotect it PROT_READ|PROT_EXEC");
	int (*fn)(int) = (int (*)(int))(uintptr_t)code;
	CHECK_EQ(fn(41), 42, "code copied into an anonymous page runs once PROT_EXEC");
	munmap(code, PG);
	char *rx = mmap(0, PG, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	if (CHECK(rx != MAP_FAILED, "a PROT_READ|PROT_WRITE|PROT_EXEC page")) {
		memcpy(rx, (const void *)(uintptr_t)add_one, 256);
		fn = (int (*)(int))(uintptr_t)rx;
		CHECK_EQ(fn(9), 10, "code in it runs");
		munmap(rx, PG);
	}
}

static void test_limits(void)
{
	CHECK_ERR(mmap(0, 0xF0000000u, PROT_READ, MAP_PRIVATE | MAP_ANON | MAP_LAZY, NOFD, 0), ENOMEM,
		  "3.75 GiB does not fit the user address space -> ENOMEM");
	char *p = mmap((void *)0x50000123u, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	if (CHECK(p != MAP_FAILED, "an unaligned hint without MAP_FIXED is only a hint")) {
		CHECK_EQ((uintptr_t)p % PG, 0, "the mapping is page-aligned");
		munmap(p, PG);
	}
}

static void test_errors(void)
{
	char *p = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	REQUIRE(p != MAP_FAILED, "a mapping for the MAP_FIXED checks");
	CHECK_ERR(mmap(p + 1, PG, PROT_READ, MAP_FIXED | MAP_PRIVATE | MAP_ANON, NOFD, 0), EINVAL,
		  "MAP_FIXED at an unaligned address -> EINVAL");
	CHECK_ERR(mmap(p + 100, PG, PROT_READ, MAP_FIXED | MAP_PRIVATE | MAP_ANON, NOFD, 0), EINVAL,
		  "MAP_FIXED at address+100 -> EINVAL");
	munmap(p, 2 * PG);
	CHECK_ERR(mmap(0, 0, PROT_READ, MAP_PRIVATE | MAP_ANON, NOFD, 0), EINVAL, "len 0 -> EINVAL");
	CHECK_ERR(mmap(0, PG, PROT_READ, MAP_SHARED, 99, 0), EBADF, "MAP_SHARED of a never-opened fd -> EBADF");
	CHECK_ERR(mmap(0, PG, PROT_READ, MAP_PRIVATE, 99, 0), EBADF, "MAP_PRIVATE of a never-opened fd -> EBADF");
	CHECK_ERR(mmap(0, PG, PROT_READ, MAP_SHARED, NOFD, 0), EBADF, "fd NOFD without MAP_ANON or MAP_PHYS -> EBADF");
	CHECK_ERR(mmap(0, PG, PROT_READ, MAP_ANON, NOFD, 0), EINVAL, "neither MAP_SHARED nor MAP_PRIVATE -> EINVAL");
	int fd;
	if (CHECK_OK(fd = make_obj("/t_merr", SHMCTL_ANON, 0, PG), "object")) {
		CHECK_ERR(mmap(0, PG, PROT_READ, 0, fd, 0), EINVAL, "object, neither SHARED nor PRIVATE -> EINVAL");
		close(fd);
		CHECK_ERR(mmap(0, PG, PROT_READ, MAP_SHARED, fd, 0), EBADF, "a closed fd -> EBADF");
		shm_unlink("/t_merr");
	}
}

int main(void)
{
	test_shared();
	test_private();
	test_anon();
	test_fixed();
	test_hint();
	test_phys();
	test_nocache();
	test_loader_pattern();
	test_exec();
	test_limits();
	test_errors();
	return done();
}
