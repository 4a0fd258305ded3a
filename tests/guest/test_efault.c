/*
 * test_efault.c - every call that takes a guest pointer, given a bad one
 * (NULL, an unmapped address, a PROT_NONE reservation, a pointer running
 * off the end of a mapping, and a read-only page for output parameters),
 * fails with EFAULT and the program keeps running (issue 3 item 7:
 * "a bad pointer in any call is EFAULT").
 */
#include <sys/stat.h>

#include "check.h"
#include "testutil.h"

static const char ro_data[64] = "read-only data in .rodata";

int main(void)
{
	/* The bad places.  Every mapping is made first and the holes are
	 * punched last, so that no later mmap can land in a hole. */
	char *unmapped = mmap(0, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	REQUIRE(unmapped != MAP_FAILED, "a page to unmap");
	char *none = mmap(0, 2 * PG, PROT_NONE, MAP_PRIVATE | MAP_ANON | MAP_LAZY, NOFD, 0);
	REQUIRE(none != MAP_FAILED, "a PROT_NONE|MAP_LAZY reservation");
	char *ro = mmap(0, PG, PROT_READ, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	REQUIRE(ro != MAP_FAILED, "a read-only anonymous page");
	/* Objects that start on a good page and run into an unmapped one /
	 * into a PROT_NONE one. */
	char *edge = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	REQUIRE(edge != MAP_FAILED, "two pages");
	char *guard = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	REQUIRE(guard != MAP_FAILED, "two more pages");
	REQUIRE_OK(mprotect(guard + PG, PG, PROT_NONE), "make the second of them PROT_NONE");
	struct _mem_obj_info *rom = mmap(0, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	REQUIRE(rom != MAP_FAILED, "a page for a read-only request");
	int fd;
	REQUIRE_OK(fd = make_obj("/t_efault", SHMCTL_ANON, 0, 2 * PG), "an object populated by shm_ctl");
	char *obj = mmap(0, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(obj != MAP_FAILED, "map it");
	REQUIRE_OK(munmap(unmapped, PG), "unmap the first page: its address is now unmapped");
	REQUIRE_OK(munmap(edge + PG, PG), "unmap the second of the two pages");
	char *edge_end = edge + PG, *guard_end = guard + PG;

	struct { const char *name; void *p; } out[] = {
		{ "NULL", NULL },
		{ "an unmapped address", unmapped },
		{ "a PROT_NONE reservation", none },
		{ "a read-only page", ro },
		{ "read-only .rodata", (void *)ro_data },
		{ "program code", (void *)(uintptr_t)main },
		{ "an address above user space", (void *)0xFFFF0000u },
	};
	const unsigned nout = sizeof out / sizeof out[0];

	/* fstat's struct stat (output). */
	for (unsigned i = 0; i < nout; i++)
		CHECK_ERR(fstat(fd, (struct stat *)out[i].p), EFAULT, "fstat into %s -> EFAULT", out[i].name);
	CHECK_ERR(fstat(fd, (struct stat *)(edge_end - 8)), EFAULT, "fstat into a struct running off the mapping -> EFAULT");
	CHECK_ERR(fstat(fd, (struct stat *)(guard_end - 8)), EFAULT, "fstat into a struct running into PROT_NONE -> EFAULT");

	/* mem_offset's two outputs. */
	off_t off;
	size_t contig;
	for (unsigned i = 0; i < nout; i++) {
		CHECK_ERR(mem_offset(obj, NOFD, PG, (off_t *)out[i].p, &contig), EFAULT,
			  "mem_offset with off in %s -> EFAULT", out[i].name);
		if (out[i].p != NULL)
			CHECK_ERR(mem_offset(obj, NOFD, PG, &off, (size_t *)out[i].p), EFAULT,
				  "mem_offset with contig_len in %s -> EFAULT", out[i].name);
	}
	CHECK_ERR(mem_offset(obj, NOFD, PG, (off_t *)(edge_end - 4), &contig), EFAULT,
		  "mem_offset with off running off the mapping -> EFAULT");
	CHECK_ERR(mem_offset(obj, NOFD, PG, (off_t *)(guard_end - 4), &contig), EFAULT,
		  "mem_offset with off running into PROT_NONE -> EFAULT");

	/* MsgSend: the request (input) and the reply (output). */
	struct _mem_obj_info m;
	struct _mem_obj_segment seg[4];
	memset(&m, 0, sizeof m);
	m.type = _MEM_OBJ_INFO;
	m.fd = fd;
	m.length = UINT64_MAX;
	CHECK_ERR(MsgSend(MEMMGR_COID, NULL, sizeof m, seg, sizeof seg), EFAULT, "MsgSend with a NULL request -> EFAULT");
	CHECK_ERR(MsgSend(MEMMGR_COID, unmapped, sizeof m, seg, sizeof seg), EFAULT,
		  "MsgSend with an unmapped request -> EFAULT");
	CHECK_ERR(MsgSend(MEMMGR_COID, none, sizeof m, seg, sizeof seg), EFAULT,
		  "MsgSend with a request in a PROT_NONE reservation -> EFAULT");
	memcpy(edge_end - 12, &m, 12);
	CHECK_ERR(MsgSend(MEMMGR_COID, edge_end - 12, sizeof m, seg, sizeof seg), EFAULT,
		  "MsgSend with a request running off the mapping -> EFAULT");
	for (unsigned i = 0; i < nout; i++)
		CHECK_ERR(MsgSend(MEMMGR_COID, &m, sizeof m, out[i].p, sizeof seg), EFAULT,
			  "MsgSend with the reply in %s -> EFAULT", out[i].name);
	CHECK_ERR(MsgSend(MEMMGR_COID, &m, sizeof m, edge_end - 8, 24), EFAULT,
		  "MsgSend with a reply running off the mapping -> EFAULT");
	CHECK_ERR(MsgSend(MEMMGR_COID, &m, sizeof m, guard_end - 8, 24), EFAULT,
		  "MsgSend with a reply running into PROT_NONE -> EFAULT");
	memcpy(guard_end - 12, &m, 12);
	CHECK_ERR(MsgSend(MEMMGR_COID, guard_end - 12, sizeof m, seg, sizeof seg), EFAULT,
		  "MsgSend with a request running into PROT_NONE -> EFAULT");
	CHECK_EQ(MsgSend(MEMMGR_COID, &m, sizeof m, seg, sizeof seg) >= 1, 1, "the same request with good pointers works");
	CHECK_EQ(MsgSend(MEMMGR_COID, &m, sizeof m, NULL, 0), 0, "rbytes 0 with a NULL reply: nothing to write, 0");

	/* Names (input strings). */
	struct { const char *name; const char *p; } in[] = {
		{ "NULL", NULL },
		{ "an unmapped address", unmapped },
		{ "a PROT_NONE reservation", none },
		{ "an address above user space", (const char *)0xFFFF0000u },
	};
	for (unsigned i = 0; i < sizeof in / sizeof in[0]; i++) {
		CHECK_ERR(shm_open(in[i].p, O_RDWR | O_CREAT, 0600), EFAULT, "shm_open with the name at %s -> EFAULT", in[i].name);
		CHECK_ERR(shm_unlink(in[i].p), EFAULT, "shm_unlink with the name at %s -> EFAULT", in[i].name);
		CHECK_ERR(open(in[i].p, O_RDWR), EFAULT, "open with the path at %s -> EFAULT", in[i].name);
	}
	/* A name whose bytes run into unmapped memory with no NUL. */
	memcpy(edge_end - 5, "/t_ab", 5);
	CHECK_ERR(shm_open(edge_end - 5, O_RDWR | O_CREAT, 0600), EFAULT,
		  "shm_open with a name running off the mapping -> EFAULT");
	CHECK_ERR(shm_unlink(edge_end - 5), EFAULT, "shm_unlink with a name running off the mapping -> EFAULT");
	memcpy(guard_end - 5, "/t_cd", 5);
	CHECK_ERR(shm_open(guard_end - 5, O_RDWR | O_CREAT, 0600), EFAULT,
		  "shm_open with a name running into PROT_NONE -> EFAULT");

	/* write(): the buffer is input. */
	CHECK_ERR(write(1, NULL, 10), EFAULT, "write from NULL -> EFAULT");
	CHECK_ERR(write(1, unmapped, 10), EFAULT, "write from an unmapped address -> EFAULT");
	CHECK_ERR(write(1, none, 10), EFAULT, "write from a PROT_NONE reservation -> EFAULT");

	/* Input from a read-only page is fine. */
	*rom = m;
	CHECK_OK(mprotect(rom, PG, PROT_READ), "make the request page read-only");
	CHECK_EQ(MsgSend(MEMMGR_COID, rom, sizeof m, seg, sizeof seg) >= 1, 1, "a request in a read-only page is fine");
	munmap(rom, PG);

	/* Good pointers in unusual places: the kernel resolves lazy and
	 * copy-on-write pages as a user access would. */
	char *lz = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON | MAP_LAZY, NOFD, 0);
	if (CHECK(lz != MAP_FAILED, "two untouched MAP_LAZY pages")) {
		struct stat *sp = (struct stat *)(lz + PG - 16);
		CHECK_OK(fstat(fd, sp), "fstat into a struct spanning two untouched lazy pages");
		CHECK(sp->st_size == 2 * PG, "and the struct is filled in");
		CHECK_OK(mem_offset(obj, NOFD, PG, (off_t *)(lz + 2 * PG - 4 - 8), (size_t *)(lz + 2 * PG - 4)),
			 "mem_offset outputs in a lazy page");
		munmap(lz, 2 * PG);
	}
	int cfd;
	if (CHECK_OK(cfd = make_obj("/t_efault_cow", SHMCTL_ANON, 0, PG), "an object for a private mapping")) {
		char *shared = mmap(0, PG, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 0);
		char *priv = mmap(0, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, cfd, 0);
		if (CHECK(shared != MAP_FAILED && priv != MAP_FAILED, "shared and private mappings of it")) {
			memset(shared, 0x5A, PG);
			CHECK(priv[100] == 0x5A, "the private mapping shows the object before any write");
			long n1 = MsgSend(MEMMGR_COID, &m, sizeof m, priv + 96, sizeof seg);
			CHECK(n1 >= 1, "MsgSend reply into the unwritten private page (%ld)", n1);
			CHECK(shared[100] == 0x5A && shared[96] == 0x5A,
			      "the kernel's write made a private copy: the object is unchanged");
			long n2 = obj_info(fd, 0, UINT64_MAX, seg, sizeof seg);
			CHECK(n1 == n2 && n1 >= 1 && memcmp(priv + 96, seg, (size_t)n1 * sizeof seg[0]) == 0 &&
			      (unsigned char)priv[96 + n1 * sizeof seg[0]] == 0x5A,
			      "the private page holds the reply and, after it, the object's bytes");
			CHECK_OK(fstat(cfd, (struct stat *)(priv + 512)), "fstat into the private page");
			CHECK(shared[512] == 0x5A, "the object is still unchanged");
		}
		if (shared != MAP_FAILED)
			munmap(shared, PG);
		if (priv != MAP_FAILED)
			munmap(priv, PG);
		close(cfd);
		shm_unlink("/t_efault_cow");
	}

	/* Nothing was harmed: the program and the object still work. */
	obj[0] = 'k';
	CHECK(obj[0] == 'k', "the program is still running and its memory works");
	CHECK(ro_data[0] == 'r' && ro[0] == 0, "the read-only pages were not written");
	struct stat st;
	CHECK(fstat(fd, &st) == 0 && st.st_size == 2 * PG, "fstat with a good pointer works");
	munmap(obj, PG);
	munmap(none, 2 * PG);
	munmap(ro, PG);
	munmap(edge, PG);
	munmap(guard, 2 * PG);
	close(fd);
	shm_unlink("/t_efault");
	return done();
}
