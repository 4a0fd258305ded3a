/*
 * test_mem_obj_info.c - _MEM_OBJ_INFO through MsgSend to MEMMGR_COID
 * (REFERENCE.md section 2 and seed 000): errors (EBADF; EINVAL for not
 * shm, not populated by shm_ctl, zero != 0, offset beyond the object),
 * clipping, SIZE_MAX, reply room = rbytes / 24 (the rest of the buffer
 * untouched, 0 when rbytes < 24), continuation from the end of the last
 * segment, offsets inside a run, increasing offsets, merged runs; and
 * MsgSend to any other coid.  Runs plain and with --phys-frag.
 */
#include "check.h"
#include "testutil.h"

#define MAXSEG 64
static struct _mem_obj_segment seg[MAXSEG + 1];

/* Segments are well formed: inside [lo, hi), increasing, page multiples,
 * and two segments that touch in offset are not physically adjacent
 * (they would have been merged). */
static int well_formed(const struct _mem_obj_segment *s, long n, uint64_t lo, uint64_t hi)
{
	for (long i = 0; i < n; i++) {
		if (s[i].length == 0 || s[i].offset < lo || s[i].offset + s[i].length > hi)
			return 0;
		if (s[i].offset % PG || s[i].length % PG || s[i].paddr % PG)
			return 0;
		if (i > 0) {
			if (s[i].offset < s[i - 1].offset + s[i - 1].length)
				return 0;
			if (s[i].offset == s[i - 1].offset + s[i - 1].length &&
			    s[i].paddr == s[i - 1].paddr + s[i - 1].length)
				return 0;
		}
	}
	return 1;
}

/* Walk the object with `room` segments per call; total length covered,
 * calls made; checks that each call continues where the last one ended. */
static uint64_t walk(int fd, uint64_t size, size_t room, int *calls, int *contiguous)
{
	uint64_t off = 0, total = 0;
	*calls = 0;
	*contiguous = 1;
	while (off < size && *calls < 10000) {
		long n = obj_info(fd, off, UINT64_MAX, seg, room * sizeof seg[0]);
		(*calls)++;
		if (n <= 0 || (size_t)n > room)
			break;
		if (seg[0].offset != off)
			*contiguous = 0;
		if (!well_formed(seg, n, off, size))
			*contiguous = 0;
		for (long i = 0; i < n; i++)
			total += seg[i].length;
		off = seg[n - 1].offset + seg[n - 1].length;
	}
	return total;
}

static void test_errors(void)
{
	int fd;
	struct _mem_obj_info m;

	CHECK_ERR(obj_info(-1, 0, UINT64_MAX, seg, sizeof seg), EBADF, "fd -1 -> EBADF");
	CHECK_ERR(obj_info(200, 0, UINT64_MAX, seg, sizeof seg), EBADF, "an unopened fd -> EBADF");
	CHECK_ERR(obj_info(1, 0, UINT64_MAX, seg, sizeof seg), EINVAL, "fd 1 (the console, not shm) -> EINVAL");

	shm_unlink("/t_oi_trunc");
	REQUIRE_OK(fd = shm_open("/t_oi_trunc", O_RDWR | O_CREAT | O_EXCL, 0600), "create");
	CHECK_ERR(obj_info(fd, 0, UINT64_MAX, seg, sizeof seg), EINVAL, "an empty object -> EINVAL");
	REQUIRE_OK(ftruncate(fd, 4 * PG), "ftruncate it to 4 pages");
	char *p = mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p != MAP_FAILED) {
		p[0] = 1; /* even with memory behind it */
		munmap(p, 4 * PG);
	}
	CHECK_ERR(obj_info(fd, 0, UINT64_MAX, seg, sizeof seg), EINVAL,
		  "an object sized by ftruncate, not populated by shm_ctl -> EINVAL");
	close(fd);
	shm_unlink("/t_oi_trunc");

	REQUIRE_OK(fd = make_obj("/t_oi_err", SHMCTL_ANON, 0, 4 * PG), "object of 4 pages");
	memset(&m, 0, sizeof m);
	m.type = _MEM_OBJ_INFO;
	m.zero = 1;
	m.fd = fd;
	m.length = UINT64_MAX;
	CHECK_ERR(MsgSend(MEMMGR_COID, &m, sizeof m, seg, sizeof seg), EINVAL, "zero = 1 -> EINVAL");
	m.zero = 0x8000;
	CHECK_ERR(MsgSend(MEMMGR_COID, &m, sizeof m, seg, sizeof seg), EINVAL, "zero = 0x8000 -> EINVAL");
	CHECK_ERR(obj_info(fd, 5 * PG, UINT64_MAX, seg, sizeof seg), EINVAL, "offset beyond the object -> EINVAL");
	CHECK_ERR(obj_info(fd, 1ull << 40, PG, seg, sizeof seg), EINVAL, "offset 1 TiB -> EINVAL");
	CHECK_ERR(obj_info(fd, UINT64_MAX - PG + 1, PG, seg, sizeof seg), EINVAL,
		  "offset near 2^64 (offset+length wraps) -> EINVAL");
	CHECK_OK(obj_info(fd, 3 * PG, UINT64_MAX, seg, sizeof seg), "the last page's offset is fine");
	close(fd);
	CHECK_ERR(obj_info(fd, 0, UINT64_MAX, seg, sizeof seg), EBADF, "a closed fd -> EBADF");
	shm_unlink("/t_oi_err");
}

static void test_msgsend(void)
{
	int fd;
	REQUIRE_OK(fd = make_obj("/t_oi_coid", SHMCTL_ANON, 0, PG), "object");
	struct _mem_obj_info m;
	memset(&m, 0, sizeof m);
	m.type = _MEM_OBJ_INFO;
	m.fd = fd;
	m.length = UINT64_MAX;
	CHECK_ERR(MsgSend(0, &m, sizeof m, seg, sizeof seg), EBADF, "MsgSend to coid 0 -> EBADF");
	CHECK_ERR(MsgSend(1, &m, sizeof m, seg, sizeof seg), EBADF, "MsgSend to coid 1 -> EBADF");
	CHECK_ERR(MsgSend(-1, &m, sizeof m, seg, sizeof seg), EBADF, "MsgSend to coid -1 -> EBADF");
	CHECK_ERR(MsgSend(MEMMGR_COID + 1, &m, sizeof m, seg, sizeof seg), EBADF, "MsgSend to MEMMGR_COID+1 -> EBADF");
	CHECK_ERR(MsgSend(fd, &m, sizeof m, seg, sizeof seg), EBADF, "MsgSend to a shm fd used as coid -> EBADF");
	CHECK_EQ(MsgSend(MEMMGR_COID, &m, sizeof m, seg, sizeof seg), 1, "the same message to MEMMGR_COID works");
	m.type = 0x7777;
	CHECK_ERR(MsgSend(MEMMGR_COID, &m, sizeof m, seg, sizeof seg), ENOSYS,
		  "a message type the memory manager does not serve -> ENOSYS");
	close(fd);
	shm_unlink("/t_oi_coid");
}

static void test_clip_and_room(void)
{
	int fd;
	/* LAZY with pages 0, 2, 4, 6 touched: four segments, whatever the fragmentation. */
	REQUIRE_OK(fd = make_obj("/t_oi_lazy", SHMCTL_ANON | SHMCTL_LAZY, 0, 8 * PG), "LAZY object of 8 pages");
	char *p = mmap(0, 8 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(p != MAP_FAILED, "map it");
	for (int i = 0; i < 8; i += 2)
		p[i * PG] = (char)(i + 1);
	long n = obj_info(fd, 0, UINT64_MAX, seg, sizeof seg);
	CHECK_EQ(n, 4, "four touched pages apart: four segments");
	int ok = n == 4;
	for (long i = 0; ok && i < 4; i++)
		ok = seg[i].offset == (uint64_t)i * 2 * PG && seg[i].length == PG &&
		     seg[i].paddr == paddr_of(p + i * 2 * PG);
	CHECK(ok, "segment i is page 2i with the frame mem_offset sees");

	/* rbytes = 24: only one segment is written, the next slot is untouched. */
	memset(seg, 0xA5, sizeof seg);
	CHECK_EQ(obj_info(fd, 0, UINT64_MAX, seg, 24), 1, "rbytes 24: one segment returned");
	CHECK_EQ(seg[0].offset, 0, "it is the first one");
	const unsigned char *b = (const unsigned char *)&seg[1];
	int untouched = 1;
	for (unsigned i = 0; i < 2 * sizeof seg[0]; i++)
		if (b[i] != 0xA5)
			untouched = 0;
	CHECK(untouched, "the second and third slots of the buffer are untouched");
	memset(seg, 0xA5, sizeof seg);
	CHECK_EQ(obj_info(fd, 0, UINT64_MAX, seg, 47), 1, "rbytes 47: still one segment");
	CHECK(((unsigned char *)&seg[1])[0] == 0xA5, "slot 2 untouched with rbytes 47");
	CHECK_EQ(obj_info(fd, 0, UINT64_MAX, seg, 48), 2, "rbytes 48: two segments");
	CHECK(((unsigned char *)&seg[2])[0] == 0xA5, "slot 3 untouched with rbytes 48");
	memset(seg, 0xA5, sizeof seg);
	CHECK_EQ(obj_info(fd, 0, UINT64_MAX, seg, 23), 0, "rbytes 23: returns 0");
	CHECK_EQ(obj_info(fd, 0, UINT64_MAX, seg, 0), 0, "rbytes 0: returns 0");
	CHECK(((unsigned char *)&seg[0])[0] == 0xA5, "nothing written with rbytes < 24");

	/* Continuation from the end of the last segment. */
	CHECK_EQ(obj_info(fd, PG, UINT64_MAX, seg, sizeof seg), 3, "from offset 1 page: three segments (pages 2, 4, 6)");
	CHECK_EQ(seg[0].offset, 2 * PG, "first is page 2 (page 1 is not allocated)");
	CHECK_EQ(obj_info(fd, 7 * PG, UINT64_MAX, seg, sizeof seg), 0, "from the last (untouched) page: 0 segments");

	/* Clipping the length. */
	CHECK_EQ(obj_info(fd, 0, 3 * PG, seg, sizeof seg), 2, "length 3 pages: pages 0 and 2");
	CHECK_EQ(obj_info(fd, 0, 2 * PG, seg, sizeof seg), 1, "length 2 pages: page 0 only");
	CHECK_EQ(obj_info(fd, 2 * PG, PG, seg, sizeof seg), 1, "offset 2 pages, length 1 page: page 2");
	munmap(p, 8 * PG);
	close(fd);
	shm_unlink("/t_oi_lazy");
}

static void test_inside_run(void)
{
	int fd;
	REQUIRE_OK(fd = make_obj("/t_oi_run", SHMCTL_ANON | SHMCTL_PHYS, 0, 6 * PG), "contiguous object of 6 pages");
	CHECK_EQ(obj_info(fd, 0, UINT64_MAX, seg, sizeof seg), 1, "one segment");
	uint64_t pa = seg[0].paddr;
	CHECK_EQ(obj_info(fd, 2 * PG, UINT64_MAX, seg, sizeof seg), 1, "from offset 2 pages: one segment");
	CHECK_EQ(seg[0].offset, 2 * PG, "it starts at the offset asked for");
	CHECK_EQ(seg[0].paddr, pa + 2 * PG, "its paddr is the run's paddr + 2 pages");
	CHECK_EQ(seg[0].length, 4 * PG, "it runs to the end of the object");
	CHECK_EQ(obj_info(fd, 2 * PG, 2 * PG, seg, sizeof seg), 1, "offset 2 pages, length 2 pages");
	CHECK_EQ(seg[0].length, 2 * PG, "clipped to the length asked for");
	CHECK_EQ(obj_info(fd, PG, 1ull << 40, seg, sizeof seg), 1, "length 1 TiB");
	CHECK_EQ(seg[0].length, 5 * PG, "clipped to the object");
	CHECK_EQ(obj_info(fd, PG + 100, UINT64_MAX, seg, sizeof seg), 1, "an offset that is not page-aligned");
	CHECK_EQ(seg[0].offset, PG + 100, "the segment starts at exactly that offset");
	CHECK_EQ(seg[0].paddr, pa + PG + 100, "its paddr is the run's paddr + the same delta");
	CHECK_EQ(seg[0].length, 5 * PG - 100, "to the end of the object");
	CHECK_EQ(obj_info(fd, 0, 100, seg, sizeof seg), 1, "a length of 100 bytes");
	CHECK_EQ(seg[0].length, 100, "the segment is clipped to those 100 bytes");
	CHECK_EQ(obj_info(fd, 6 * PG - 1, UINT64_MAX, seg, sizeof seg), 1, "the last byte of the object");
	CHECK(seg[0].offset == 6 * PG - 1 && seg[0].length == 1 && seg[0].paddr == pa + 6 * PG - 1,
	      "one byte at the right paddr");
	CHECK_EQ(obj_info(fd, 0, SIZE_MAX, seg, sizeof seg), 1, "length SIZE_MAX (as the documented example)");
	CHECK_EQ(seg[0].length, 6 * PG, "SIZE_MAX covers the whole object");
	CHECK_EQ(obj_info(fd, 0, UINT64_MAX, seg, sizeof seg), 1, "length UINT64_MAX");
	CHECK_EQ(seg[0].length, 6 * PG, "UINT64_MAX covers the whole object");
	close(fd);
	shm_unlink("/t_oi_run");
}

static void test_big(void)
{
	/* 64 pages: with --phys-frag, many segments; continuation with tiny replies. */
	int fd;
	REQUIRE_OK(fd = make_obj("/t_oi_big", SHMCTL_ANON, 0, 64 * PG), "object of 64 pages");
	long n = obj_info(fd, 0, UINT64_MAX, seg, MAXSEG * sizeof seg[0]);
	CHECK(n >= 1 && n <= MAXSEG, "%ld segment(s)", n);
	uint64_t total = 0;
	for (long i = 0; i < n; i++)
		total += seg[i].length;
	CHECK_EQ(total, 64 * PG, "segments cover the whole object");
	CHECK(n >= 1 && seg[0].offset == 0, "first segment at offset 0");
	CHECK(well_formed(seg, n, 0, 64 * PG), "offsets increasing, page multiples, adjacent runs merged");
	int ok = 1;
	for (long i = 1; i < n; i++)
		ok &= seg[i].offset == seg[i - 1].offset + seg[i - 1].length;
	CHECK(ok, "no gaps in a non-LAZY object");

	/* The merged segments agree with mem_offset page by page. */
	char *p = mmap(0, 64 * PG, PROT_READ, MAP_SHARED, fd, 0);
	if (CHECK(p != MAP_FAILED, "map it")) {
		ok = 1;
		for (long i = 0; i < n; i++)
			for (uint64_t k = 0; k < seg[i].length; k += PG)
				ok &= paddr_of(p + seg[i].offset + k) == seg[i].paddr + k;
		CHECK(ok, "every page's mem_offset paddr matches its segment");
		munmap(p, 64 * PG);
	}

	int calls, cont;
	struct _mem_obj_segment first = seg[0];
	total = walk(fd, 64 * PG, 1, &calls, &cont);
	CHECK_EQ(total, 64 * PG, "one segment per call, continuing from the end of the last: covers the object");
	CHECK_EQ(calls, n, "in as many calls as there are segments");
	CHECK(cont, "each call starts where the previous one ended");
	total = walk(fd, 64 * PG, 3, &calls, &cont);
	CHECK_EQ(total, 64 * PG, "three segments per call: covers the object");
	CHECK(cont, "each call starts where the previous one ended");
	CHECK(obj_info(fd, 0, UINT64_MAX, seg, sizeof seg[0]) == 1 && seg[0].offset == first.offset &&
	      seg[0].paddr == first.paddr && seg[0].length == first.length,
	      "repeating the request gives the same answer");

	/* Offset inside a segment: starts there, paddr shifted by the same amount. */
	ok = 1;
	for (uint64_t off = 0; off < 64 * PG; off += 5 * PG) {
		struct _mem_obj_segment s1;
		if (obj_info(fd, off, UINT64_MAX, &s1, sizeof s1) != 1) {
			ok = 0;
			break;
		}
		uint64_t want = ~0ull;
		n = obj_info(fd, 0, UINT64_MAX, seg, MAXSEG * sizeof seg[0]);
		for (long i = 0; i < n; i++)
			if (off >= seg[i].offset && off < seg[i].offset + seg[i].length) {
				want = seg[i].paddr + (off - seg[i].offset);
				ok &= s1.length == seg[i].offset + seg[i].length - off;
			}
		ok &= s1.offset == off && s1.paddr == want;
	}
	CHECK(ok, "from any page offset: the segment starts there, paddr = run paddr + delta, to the run's end");
	close(fd);
	shm_unlink("/t_oi_big");
}

static void test_phys_obj(void)
{
	/* A SHMCTL_PHYS object over two separate runs' worth: one segment, the paddr given. */
	int src, fd;
	REQUIRE_OK(src = make_obj("/t_oi_src", SHMCTL_ANON | SHMCTL_PHYS, 0, 4 * PG), "contiguous source");
	REQUIRE(obj_info(src, 0, UINT64_MAX, seg, sizeof seg) == 1, "its segment");
	uint64_t pa = seg[0].paddr;
	REQUIRE_OK(fd = make_obj("/t_oi_phys", SHMCTL_PHYS, pa, 4 * PG), "SHMCTL_PHYS object at that paddr");
	CHECK_EQ(obj_info(fd, 0, UINT64_MAX, seg, sizeof seg), 1, "one segment");
	CHECK(seg[0].offset == 0 && seg[0].paddr == pa && seg[0].length == 4 * PG, "offset 0, the paddr given, 4 pages");
	CHECK_EQ(obj_info(fd, 3 * PG, UINT64_MAX, seg, sizeof seg), 1, "from the last page");
	CHECK(seg[0].offset == 3 * PG && seg[0].paddr == pa + 3 * PG && seg[0].length == PG, "the last page");
	close(fd);
	shm_unlink("/t_oi_phys");
	close(src);
	shm_unlink("/t_oi_src");
}

int main(void)
{
	test_errors();
	test_msgsend();
	test_clip_and_room();
	test_inside_run();
	test_big();
	test_phys_obj();
	return done();
}
