/*
 * test_mem_offset.c - mem_offset (REFERENCE.md section 2): the physical
 * address of addr and the contiguous length from there capped at len;
 * fd other than NOFD -> ENODEV; unmapped -> EACCES.
 */
#include "check.h"
#include "testutil.h"

int main(void)
{
	off_t off, off2;
	size_t contig;

	char *p = mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_PHYS | MAP_ANON | MAP_SHARED, NOFD, 0);
	REQUIRE(p != MAP_FAILED, "4 contiguous pages (MAP_PHYS|MAP_ANON)");
	CHECK_OK(mem_offset(p, NOFD, 4 * PG, &off, &contig), "mem_offset of the start");
	CHECK_EQ(off % PG, 0, "the paddr of a page start is page-aligned");
	CHECK_EQ(contig, 4 * PG, "contig_len is the whole run when len asks for it");
	CHECK_OK(mem_offset(p, NOFD, 100, &off2, &contig), "len 100");
	CHECK_EQ(contig, 100, "contig_len is capped at len");
	CHECK_OK(mem_offset(p, NOFD, PG, &off2, &contig), "len one page");
	CHECK_EQ(contig, PG, "contig_len capped at one page");
	CHECK_OK(mem_offset(p + PG + 10, NOFD, 2 * PG, &off2, &contig), "an address inside page 1");
	CHECK_EQ(off2, off + PG + 10, "paddr keeps the offset within the run (paddr + 1 page + 10)");
	CHECK_EQ(contig, 2 * PG, "contig_len from a mid-page address, capped at len");
	CHECK_OK(mem_offset(p + 3 * PG + 96, NOFD, PG - 96, &off2, &contig), "the last bytes of the run");
	CHECK_EQ(off2, off + 3 * PG + 96, "paddr of the last page + 96");
	CHECK_EQ(contig, PG - 96, "contig_len to the end of the run");
	CHECK_OK(mem_offset(p + 3 * PG, NOFD, 64 * PG, &off2, &contig), "len far past the mapping");
	CHECK(contig >= PG && contig <= 64 * PG, "contig_len at least to the mapping end, at most len (%u)",
	      (unsigned)contig);

	/* Every page of a (maybe fragmented) object: contig_len never claims more than is contiguous. */
	int fd;
	REQUIRE_OK(fd = make_obj("/t_moff", SHMCTL_ANON, 0, 8 * PG), "object of 8 pages");
	char *o = mmap(0, 8 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(o != MAP_FAILED, "map it");
	for (int i = 0; i < 8; i++) {
		off_t a;
		size_t c;
		if (mem_offset(o + i * PG, NOFD, (8 - i) * PG, &a, &c) != 0) {
			CHECK(0, "mem_offset of page %d", i);
			continue;
		}
		int ok = c >= PG && c <= (size_t)(8 - i) * PG && c % PG == 0;
		for (size_t k = PG; ok && k < c; k += PG)
			ok = paddr_of(o + i * PG + k) == (uint64_t)a + k;
		if (ok && i * PG + c < 8 * PG)
			ok = paddr_of(o + i * PG + c) != (uint64_t)a + c;
		CHECK(ok, "page %d: paddr 0x%llx, contig_len %u is exactly the contiguous run", i,
		      (unsigned long long)a, (unsigned)c);
	}
	munmap(o, 8 * PG);
	close(fd);

	/* Errors. */
	fd = shm_open("/t_moff", O_RDWR, 0);
	CHECK_ERR(mem_offset(p, fd, PG, &off2, &contig), ENODEV, "fd of a shm object instead of NOFD -> ENODEV");
	CHECK_ERR(mem_offset(p, 1, PG, &off2, &contig), ENODEV, "fd 1 -> ENODEV");
	CHECK_ERR(mem_offset(p, 77, PG, &off2, &contig), ENODEV, "an unopened fd -> ENODEV");
	close(fd);
	shm_unlink("/t_moff");
	munmap(p, 4 * PG);
	CHECK_ERR(mem_offset(p, NOFD, PG, &off2, &contig), EACCES, "an unmapped address -> EACCES");
	CHECK_ERR(mem_offset((void *)0, NOFD, PG, &off2, &contig), EACCES, "address 0 -> EACCES");
	CHECK_ERR(mem_offset((void *)0xFFFFF000u, NOFD, PG, &off2, &contig), EACCES,
		  "an address above the user space -> EACCES");

	/* Code and data of the program are mapped. */
	static int data_word = 1;
	CHECK_OK(mem_offset(&data_word, NOFD, sizeof data_word, &off2, &contig), "mem_offset of a data variable");
	CHECK_EQ(contig, sizeof data_word, "contig_len capped at its size");
	CHECK_OK(mem_offset((const void *)(uintptr_t)main, NOFD, 4, &off2, &contig), "mem_offset of code");
	int local = 0;
	CHECK_OK(mem_offset(&local, NOFD, sizeof local, &off2, &contig), "mem_offset of the stack");
	return done();
}
