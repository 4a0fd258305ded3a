/*
 * test_byteorder.c - every multi-byte field of every message and
 * structure this program exchanges with mmsim, round-tripped with values
 * whose byte-swapped (or word-swapped) form would give a different,
 * detectable outcome (issue 4, item 2: "a byte-order bug must be caught by
 * a test, not by luck").  On the big-endian PowerPC flavours these checks
 * fail if the memory manager decodes or encodes anything in host (little-
 * endian) order; on ARM they pin the same values, so the program runs
 * unchanged on all five CPUs.
 *
 *   _MEM_OBJ_INFO request: type, zero, fd, offset, length
 *   _MEM_OBJ_INFO reply:   offset, paddr, length of each segment, checked
 *                          against mem_offset of the mapped pages
 *   mem_offset:            64-bit off, size_t contig_len
 *   fstat:                 st_ino, st_size, st_mode, st_nlink, st_blksize, st_blocks
 *   64-bit arguments split over two registers: ftruncate length,
 *                          shm_ctl paddr and size, mmap offset
 *
 * The one field whose byte order cannot show is _MEM_OBJ_INFO's `zero`
 * (any non-zero value is EINVAL either way); 0x0100 and 0x0001 check
 * that both of its bytes are read.
 *
 * argv[1] is the byte order the CPU flavour must have ("big" or
 * "little", from CMake): a PowerPC build that came out little-endian
 * would make the rest pointless.  argv[1] "touch64" instead maps a
 * one-page object at offset 0x100000000 and reads it: the run must die
 * with SIGBUS and a report naming offset 0x100000000 (CMakeLists.txt).
 */
#include <sys/stat.h>

#include "check.h"
#include "testutil.h"

#define NPG 8
#define GUARD32 0xA5C3E1F7u
#define GUARD64 0xA5C3E1F70F1E2D3Cull

static uint64_t pa[NPG];          /* paddr of each page of the main object */

static uint32_t hi32(uint64_t v)
{
	return (uint32_t)(v >> 32);
}

static uint32_t bswap32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
}

static uint64_t bswap64(uint64_t v)
{
	return (uint64_t)bswap32((uint32_t)v) << 32 | bswap32((uint32_t)(v >> 32));
}

static uint16_t bswap16(uint16_t v)
{
	return (uint16_t)(v >> 8 | v << 8);
}

/* _MEM_OBJ_INFO with every request field chosen by the caller. */
static long send_info(uint16_t type, uint16_t zero, int32_t fd, uint64_t offset, uint64_t length,
		      void *reply, size_t rbytes)
{
	struct _mem_obj_info m;
	memset(&m, 0, sizeof m);
	m.type = type;
	m.zero = zero;
	m.fd = fd;
	m.offset = offset;
	m.length = length;
	return MsgSend(MEMMGR_COID, &m, sizeof m, reply, rbytes);
}

#define MAXSEG 16
static struct _mem_obj_segment seg[MAXSEG + 1];

/* Fill the reply buffer with a guard pattern. */
static void seg_guard(void)
{
	memset(seg, 0xA5, sizeof seg);
}

/* Every field of segments [0, n) is a plain 32-bit value in the low word
 * (a word swap puts it in the high word), and page by page the paddr
 * agrees with mem_offset of the main object's mapping.  Returns the sum
 * of lengths, or ~0 when a field is wrong (with a FAIL line). */
static uint64_t check_segments(long n, const char *what)
{
	uint64_t sum = 0;
	for (long i = 0; i < n; i++) {
		const struct _mem_obj_segment *s = &seg[i];
		int ok = CHECK(hi32(s->offset) == 0 && hi32(s->paddr) == 0 && hi32(s->length) == 0,
			       "%s: segment %ld offset 0x%llx paddr 0x%llx length 0x%llx have high words 0 "
			       "(a word swap would put the value there; paddr < 4 GiB)",
			       what, i, (unsigned long long)s->offset, (unsigned long long)s->paddr,
			       (unsigned long long)s->length);
		ok &= CHECK(s->offset % PG == 0 && s->length % PG == 0 && s->length > 0 &&
			    s->offset + s->length <= NPG * PG,
			    "%s: segment %ld offset and length are page multiples inside the object", what, i);
		if (!ok)
			return ~(uint64_t)0;
		int match = 1;
		for (uint64_t off = s->offset; off < s->offset + s->length; off += PG)
			if (s->paddr + (off - s->offset) != pa[off / PG])
				match = 0;
		CHECK(match, "%s: segment %ld paddr 0x%08x + (page - offset) equals mem_offset of every "
		      "page it covers", what, i, (unsigned)s->paddr);
		sum += s->length;
	}
	return sum;
}

/* --- _MEM_OBJ_INFO ------------------------------------------------------ */

static void test_obj_info(int fd)
{
	long n;
	uint64_t sum;

	/* The request as it should be: the whole object. */
	seg_guard();
	CHECK_OK(n = send_info(_MEM_OBJ_INFO, 0, fd, 0, UINT64_MAX, seg, MAXSEG * sizeof seg[0]),
		 "_MEM_OBJ_INFO for the whole object");
	if (n > 0) {
		sum = check_segments(n, "whole object");
		CHECK_EQ(sum, NPG * PG, "whole object: segment lengths add up to the object size");
		CHECK_EQ(seg[0].offset, 0, "whole object: the first segment starts at offset 0");
	}

	/* type: 0x004A is served; 0x4A00 (what a byte-swapped read of 0x004A
	 * would give, and vice versa) is not a message mmsim serves. */
	CHECK_ERR(send_info(bswap16(_MEM_OBJ_INFO), 0, fd, 0, UINT64_MAX, seg, sizeof seg),
		  ENOSYS, "type 0x%04x (_MEM_OBJ_INFO byte-swapped) -> ENOSYS: type is read in guest order",
		  bswap16(_MEM_OBJ_INFO));

	/* zero: any non-zero value is EINVAL; one value per byte catches a
	 * decoder that looks at only one byte of the field. */
	CHECK_ERR(send_info(_MEM_OBJ_INFO, 0x0100, fd, 0, UINT64_MAX, seg, sizeof seg), EINVAL,
		  "zero = 0x0100 -> EINVAL: the field's high byte is read");
	CHECK_ERR(send_info(_MEM_OBJ_INFO, 0x0001, fd, 0, UINT64_MAX, seg, sizeof seg), EINVAL,
		  "zero = 0x0001 -> EINVAL: the field's low byte is read");

	/* fd: the byte-swapped fd (fd 3 -> 0x03000000) is no open fd; read in
	 * the wrong order it would be our valid, populated object. */
	int32_t bad = (int32_t)bswap32((uint32_t)fd);
	REQUIRE(fd > 0 && fd < 0x1000000, "the object's fd %d is small, so its byte swap 0x%08x is not open",
		fd, (unsigned)bad);
	CHECK_ERR(send_info(_MEM_OBJ_INFO, 0, bad, 0, UINT64_MAX, seg, sizeof seg), EBADF,
		  "fd 0x%08x (fd %d byte-swapped) -> EBADF: fd is read in guest order", (unsigned)bad, fd);

	/* offset 0x1000 must give a first segment at exactly 0x1000; read
	 * byte-swapped it would be 0x0010000000000000, beyond the object
	 * (EINVAL); read as the wrong word it would be 0x100000000000. */
	seg_guard();
	n = send_info(_MEM_OBJ_INFO, 0, fd, PG, UINT64_MAX, seg, MAXSEG * sizeof seg[0]);
	if (CHECK(n >= 1, "offset 0x1000 to the end: at least one segment (got %ld, errno %s)", n,
		  n < 0 ? check_errname(errno) : "-")) {
		CHECK_EQ(seg[0].offset, PG, "offset 0x1000: the first segment's offset is exactly 0x1000");
		CHECK_EQ(seg[0].paddr, pa[1], "offset 0x1000: the first segment's paddr is page 1's mem_offset");
		sum = check_segments(n, "offset 0x1000");
		CHECK_EQ(sum, (NPG - 1) * PG, "offset 0x1000: segments cover the 7 pages to the end");
	}
	/* A high word in offset is not dropped: 0x100001000 is beyond the object. */
	CHECK_ERR(send_info(_MEM_OBJ_INFO, 0, fd, 0x100000000ull + PG, UINT64_MAX, seg, sizeof seg), EINVAL,
		  "offset 0x100001000 -> EINVAL (beyond the object), not served as offset 0x1000");
	CHECK_ERR(send_info(_MEM_OBJ_INFO, 0, fd, bswap64(PG), UINT64_MAX, seg, sizeof seg), EINVAL,
		  "offset 0x1000 byte-swapped (0x%llx) -> EINVAL: beyond the object",
		  (unsigned long long)bswap64(PG));

	/* length 0x2000 from 0x3000: segments sum to exactly 0x2000; read
	 * byte-swapped (0x0020000000000000) it would clip to the end (0x5000). */
	seg_guard();
	n = send_info(_MEM_OBJ_INFO, 0, fd, 3 * PG, 2 * PG, seg, MAXSEG * sizeof seg[0]);
	if (CHECK(n >= 1, "offset 0x3000 length 0x2000: at least one segment (got %ld)", n)) {
		CHECK_EQ(seg[0].offset, 3 * PG, "offset 0x3000 length 0x2000: first segment at 0x3000");
		sum = check_segments(n, "offset 0x3000 length 0x2000");
		CHECK_EQ(sum, 2 * PG, "length 0x2000: segment lengths sum to exactly 0x2000 (not clipped to the end)");
		CHECK_EQ(seg[n - 1].offset + seg[n - 1].length, 5 * PG, "length 0x2000: the last segment ends at 0x5000");
	}
	/* A length whose low word is 0: read as 32 bits it would be 0 pages. */
	seg_guard();
	n = send_info(_MEM_OBJ_INFO, 0, fd, 3 * PG, 0x100000000ull, seg, MAXSEG * sizeof seg[0]);
	if (CHECK(n >= 1, "offset 0x3000 length 0x100000000: at least one segment (got %ld)", n)) {
		sum = check_segments(n, "length 0x100000000");
		CHECK_EQ(sum, (NPG - 3) * PG, "length 0x100000000 clips to the end of the object (its high word is read)");
	}

	/* rbytes 24: exactly one 24-byte segment written, nothing after it. */
	seg_guard();
	n = send_info(_MEM_OBJ_INFO, 0, fd, PG, 2 * PG, seg, sizeof seg[0]);
	CHECK_EQ(n, 1, "rbytes 24: one segment");
	CHECK_EQ(seg[0].offset, PG, "rbytes 24: its offset is 0x1000");
	unsigned char *after = (unsigned char *)&seg[1];
	int untouched = 1;
	for (size_t i = 0; i < sizeof seg[1]; i++)
		if (after[i] != 0xA5)
			untouched = 0;
	CHECK(untouched, "rbytes 24: the 24 bytes after the segment are untouched");
}

/* A SHMCTL_PHYS object on a RAM page given by a 64-bit paddr: a high word
 * makes it no RAM at all; the plain paddr comes back in the reply. */
static void test_shm_ctl_paddr(void)
{
	int fd;
	uint64_t page = pa[2];          /* a RAM page (in use: PHYS objects do not own frames) */

	shm_unlink("/t_bo_phys");
	REQUIRE_OK(fd = shm_open("/t_bo_phys", O_RDWR | O_CREAT | O_EXCL, 0600), "create a SHMCTL_PHYS object");
	CHECK_ERR(shm_ctl(fd, SHMCTL_PHYS, 0x100000000ull | page, PG), EINVAL,
		  "shm_ctl(PHYS, paddr 0x1%08x) -> EINVAL (above 4 GiB: no RAM), not paddr 0x%08x",
		  (unsigned)page, (unsigned)page);
	CHECK_OK(shm_ctl(fd, SHMCTL_PHYS, page, PG), "shm_ctl(PHYS, paddr 0x%08x, one page)", (unsigned)page);
	seg_guard();
	long n = send_info(_MEM_OBJ_INFO, 0, fd, 0, UINT64_MAX, seg, MAXSEG * sizeof seg[0]);
	CHECK_EQ(n, 1, "_MEM_OBJ_INFO of the PHYS object: one segment");
	CHECK_EQ(seg[0].paddr, page, "its paddr is exactly the paddr passed to shm_ctl (in as a register "
		 "pair, out as a reply field)");
	CHECK_EQ(seg[0].length, PG, "its length is one page");
	CHECK_EQ(seg[0].offset, 0, "its offset is 0");
	close(fd);
	shm_unlink("/t_bo_phys");
}

/* shm_ctl's 64-bit size: a high word must reach the memory manager. */
static void test_shm_ctl_size(void)
{
	int fd;
	struct stat st;

	shm_unlink("/t_bo_size");
	REQUIRE_OK(fd = shm_open("/t_bo_size", O_RDWR | O_CREAT | O_EXCL, 0600), "create an empty object");
	/* memmgr/object.c obj_fill: more pages than RAM has free -> ENOMEM,
	 * before anything is allocated; 0x100001000 bytes > 3 GiB max RAM. */
	CHECK_ERR(shm_ctl(fd, SHMCTL_ANON, 0, 0x100000000ull + PG), ENOMEM,
		  "shm_ctl(ANON, size 0x100001000) -> ENOMEM, not a one-page object");
	CHECK(fstat(fd, &st) == 0 && st.st_size == 0, "the failed shm_ctl left the object empty (st_size %lld)",
	      (long long)st.st_size);
	CHECK_ERR(shm_ctl(fd, SHMCTL_ANON, 0, 0x100000000ull), ENOMEM,
		  "shm_ctl(ANON, size 0x100000000) -> ENOMEM, not size 0 (EINVAL)");
	CHECK_OK(shm_ctl(fd, SHMCTL_ANON, 0, 3 * PG), "shm_ctl(ANON, size 0x3000) still works on it");
	CHECK(fstat(fd, &st) == 0 && st.st_size == 3 * PG, "st_size 0x3000 after it (got 0x%llx)",
	      (unsigned long long)st.st_size);
	close(fd);
	shm_unlink("/t_bo_size");
}

/* --- mem_offset: off_t (8 bytes) and size_t (4 bytes) ------------------- */

static void test_mem_offset(void)
{
	int fd;
	uint64_t base;
	/* The outputs in one struct with guards around them: exactly 8 and 4
	 * bytes must be written, each in guest order. */
	struct {
		uint64_t g0;
		off_t    off;
		uint32_t g1;
		size_t   contig;
		uint32_t g2;
	} r;

	REQUIRE_OK(fd = make_obj("/t_bo_contig", SHMCTL_ANON | SHMCTL_PHYS, 0, NPG * PG),
		   "a physically contiguous object of 8 pages");
	char *p = mmap(0, NPG * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(p != MAP_FAILED, "map it");
	seg_guard();
	REQUIRE(send_info(_MEM_OBJ_INFO, 0, fd, 0, UINT64_MAX, seg, MAXSEG * sizeof seg[0]) == 1,
		"_MEM_OBJ_INFO: one segment for the contiguous object");
	base = seg[0].paddr;
	CHECK(hi32(base) == 0 && base % PG == 0 && seg[0].length == NPG * PG,
	      "the segment: paddr 0x%08x page-aligned below 4 GiB, length 0x8000", (unsigned)base);

	r.g0 = GUARD64;
	r.g1 = r.g2 = GUARD32;
	r.off = -1;
	r.contig = 0;
	CHECK_OK(mem_offset(p + PG + 0x123, NOFD, 0x5000, &r.off, &r.contig), "mem_offset(page 1 + 0x123, len 0x5000)");
	CHECK_EQ(hi32((uint64_t)r.off), 0, "off: high word 0 (a word swap would put the paddr there)");
	CHECK_EQ((uint32_t)r.off, (uint32_t)base + PG + 0x123,
		 "off: low word is the segment paddr + 0x1123 (byte order of the 0x123 within the page)");
	CHECK_EQ(r.contig, 0x5000, "contig_len is exactly 0x5000 (byte-swapped it would be 0x00500000)");
	CHECK(r.g0 == GUARD64 && r.g1 == GUARD32 && r.g2 == GUARD32,
	      "nothing written around off (8 bytes) and contig_len (4 bytes)");
	CHECK_OK(mem_offset(p + 7 * PG + 0x10, NOFD, 0x30, &r.off, &r.contig), "mem_offset(page 7 + 0x10, len 0x30)");
	CHECK_EQ((uint64_t)r.off, base + 7 * PG + 0x10, "off of page 7 + 0x10");
	CHECK_EQ(r.contig, 0x30, "contig_len capped at len 0x30");
	CHECK(r.g0 == GUARD64 && r.g1 == GUARD32 && r.g2 == GUARD32, "guards still intact");
	munmap(p, NPG * PG);
	close(fd);
	shm_unlink("/t_bo_contig");
}

/* --- fstat and ftruncate's 64-bit length --------------------------------- */

static void test_fstat(int main_fd)
{
	int fd, fd2;
	struct {
		struct stat st;
		uint32_t    guard[4];
	} s;
	struct stat other;

	shm_unlink("/t_bo_stat");
	REQUIRE_OK(fd = shm_open("/t_bo_stat", O_RDWR | O_CREAT | O_EXCL, 0641), "create an object, mode 0641");
	CHECK_OK(ftruncate(fd, 0x12345), "ftruncate(0x12345)");
	memset(&s, 0xA5, sizeof s);
	REQUIRE_OK(fstat(fd, &s.st), "fstat");
	CHECK_EQ((uint64_t)s.st.st_size, 0x12345, "st_size is exactly 0x12345 (64-bit, high word 0)");
	CHECK_EQ(s.st.st_mode, S_IFREG | 0641, "st_mode is S_IFREG | 0641 (32-bit field in guest order)");
	CHECK_EQ(s.st.st_nlink, 1, "st_nlink is 1 (byte-swapped it would be 0x01000000)");
	CHECK_EQ(s.st.st_blksize, PG, "st_blksize is 4096 (byte-swapped it would be 0x00100000)");
	CHECK_EQ((uint64_t)s.st.st_blocks, (0x12345 + 511) / 512, "st_blocks is 0x92, 512-byte blocks (64-bit)");
	CHECK(s.st.st_ino != 0 && hi32(s.st.st_ino) == 0,
	      "st_ino 0x%llx is a small non-zero id (a swap would put it in the high word)",
	      (unsigned long long)s.st.st_ino);
	CHECK(s.guard[0] == 0xA5A5A5A5u && s.guard[3] == 0xA5A5A5A5u, "nothing written past the 64-byte struct stat");

	/* st_ino identifies the object: the same through another fd, another for another object. */
	REQUIRE_OK(fd2 = shm_open("/t_bo_stat", O_RDWR, 0), "open the object again");
	CHECK(fstat(fd2, &other) == 0 && other.st_ino == s.st.st_ino, "st_ino is the same through a second fd");
	CHECK(fstat(main_fd, &other) == 0 && other.st_ino != s.st.st_ino && hi32(other.st_ino) == 0,
	      "another object has another st_ino");
	close(fd2);

	/* ftruncate's length is a register pair: a high word is not dropped. */
	CHECK_ERR(ftruncate(fd, 0x100000000ull + 0x12345), ENOMEM,
		  "ftruncate(0x100012345) -> ENOMEM (more than RAM), not 0x12345");
	CHECK_ERR(ftruncate(fd, 0x100000000ull), ENOMEM, "ftruncate(0x100000000) -> ENOMEM, not 0");
	CHECK(fstat(fd, &s.st) == 0 && s.st.st_size == 0x12345, "st_size is still 0x12345 (got 0x%llx)",
	      (unsigned long long)s.st.st_size);
	close(fd);
	shm_unlink("/t_bo_stat");
}

/* --- mmap's 64-bit offset ----------------------------------------------- */

static void test_mmap_offset(int fd)
{
	off_t off;
	size_t contig;

	char *q = mmap(0, PG, PROT_READ, MAP_SHARED, fd, PG);
	if (CHECK(q != MAP_FAILED, "mmap(offset 0x1000) of the object")) {
		CHECK(mem_offset(q, NOFD, 1, &off, &contig) == 0 && (uint64_t)off == pa[1],
		      "it maps object page 1 (mem_offset 0x%08x, page 1 0x%08x); with the offset's "
		      "words swapped it would be 0x100000000000, past the end", (unsigned)off, (unsigned)pa[1]);
		CHECK(has_pattern(q, PG, 2), "it reads page 1's data");
		munmap(q, PG);
	}

	/* Offset 0x100000000: mapping past the object's end is allowed (a
	 * touch is SIGBUS: the "touch64" run), but it must not be page 0. */
	q = mmap(0, PG, PROT_READ, MAP_SHARED, fd, 0x100000000ull);
	if (CHECK(q != MAP_FAILED, "mmap(offset 0x100000000) of an 8-page object: allowed, past its end")) {
		off = 0;
		int r = mem_offset(q, NOFD, 1, &off, &contig);
		CHECK(r == -1 || (uint64_t)off != pa[0],
		      "it does not map object page 0 (mem_offset %d, 0x%08x; page 0 is 0x%08x)", r,
		      (unsigned)off, (unsigned)pa[0]);
		CHECK_ERR(mem_offset(q, NOFD, 1, &off, &contig), EACCES,
			  "nothing resident there: mem_offset -> EACCES");
		munmap(q, PG);
	}
	q = mmap(0, PG, PROT_READ, MAP_SHARED, fd, 0x100000000ull + PG);
	if (CHECK(q != MAP_FAILED, "mmap(offset 0x100001000)")) {
		off = 0;
		int r = mem_offset(q, NOFD, 1, &off, &contig);
		CHECK(r == -1 || (uint64_t)off != pa[1], "it does not map object page 1 (mem_offset %d, 0x%08x)", r,
		      (unsigned)off);
		munmap(q, PG);
	}
}

/* touch64: read a page mapped at object offset 0x100000000 -> SIGBUS. */
static int touch64(void)
{
	int fd = make_obj("/t_bo_touch", SHMCTL_ANON, 0, PG);
	if (fd == -1) {
		perror("make_obj");
		return 2;
	}
	volatile unsigned char *q = mmap(0, PG, PROT_READ, MAP_SHARED, fd, 0x100000000ull);
	if (q == MAP_FAILED) {
		perror("mmap at 0x100000000");
		return 2;
	}
	printf("mapped offset 0x100000000 at 0x%08x\n", (unsigned)(uintptr_t)q);
	fflush(stdout);
	printf("read 0x%02x: no fault\n", q[0x10]);
	return 3;
}

int main(int argc, char **argv)
{
	const char *order = argc > 1 ? argv[1] : "";
	if (!strcmp(order, "touch64"))
		return touch64();

	/* The guest's byte order, seen from memory. */
	union {
		uint32_t u;
		unsigned char b[4];
	} probe = { 0x01020304u };
	const char *mine = probe.b[0] == 1 ? "big" : probe.b[0] == 4 ? "little" : "mixed";
	CHECK(!strcmp(mine, order), "the guest is %s-endian, as its CPU flavour must be (want %s)", mine, order);

	/* The main object: 8 pages, each with its own pattern, and the
	 * paddr of each page through its mapping. */
	int fd;
	REQUIRE_OK(fd = make_obj("/t_bo", SHMCTL_ANON, 0, NPG * PG), "an 8-page object (shm_ctl ANON)");
	unsigned char *p = mmap(0, NPG * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(p != MAP_FAILED, "map it");
	int ok = 1;
	for (int i = 0; i < NPG; i++) {
		fill_pattern(p + i * PG, PG, (unsigned)i + 1);
		pa[i] = paddr_of(p + i * PG);
		if (pa[i] == ~(uint64_t)0 || hi32(pa[i]) || pa[i] % PG)
			ok = 0;
	}
	REQUIRE(ok, "mem_offset of each page: page-aligned, below 4 GiB");

	test_obj_info(fd);
	test_shm_ctl_paddr();
	test_shm_ctl_size();
	test_mem_offset();
	test_fstat(fd);
	test_mmap_offset(fd);

	munmap(p, NPG * PG);
	close(fd);
	shm_unlink("/t_bo");
	return done();
}
