/*
 * test_ppc_special.c - PowerPC special bits (REFERENCE.md section 4), built
 * for e500 and ppc600.  The flavour is told by argv[1] ("e500"/"ppc600").
 *
 * On e500, PPC_SPECIAL_E makes a little-endian page: a word stored through
 * it is seen byte-reversed through a plain (big-endian) MAP_PHYS view of
 * the same frame, and bytes stored through the plain view are read back as
 * a little-endian word.  On ppc600, E has no place in the PTE: EINVAL.
 * On both: bits outside 0x1F and W with I are EINVAL; M|G, I|G are fine.
 */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"

/* A fresh, empty shared-memory object. */
static int fresh(const char *name)
{
	shm_unlink(name);
	return shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
}

/* e500: the E page is little-endian, the plain view of its frame is not. */
static void e500_le_page(void)
{
	int fd = fresh("/le");
	REQUIRE_OK(shm_ctl_special(fd, SHMCTL_ANON, 0, 4096, PPC_SPECIAL_E | PPC_SPECIAL_M),
		   "shm_ctl_special(E|M) accepted on e500");
	volatile uint32_t *le = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(le != MAP_FAILED, "map the E object");
	le[0] = 0;
	off_t pa;
	size_t contig;
	REQUIRE_OK(mem_offset((void *)le, NOFD, 4096, &pa, &contig), "mem_offset of the E page");
	volatile uint8_t *raw = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_PHYS, NOFD, pa);
	REQUIRE(raw != MAP_FAILED, "plain MAP_PHYS view of the same frame");

	le[1] = 0x11223344;
	CHECK_EQ(le[1], 0x11223344, "a word reads back through the E page");
	CHECK(raw[4] == 0x44 && raw[5] == 0x33 && raw[6] == 0x22 && raw[7] == 0x11,
	      "the plain view sees it little-endian: %02x %02x %02x %02x", raw[4], raw[5], raw[6], raw[7]);
	((volatile uint16_t *)le)[4] = 0x5566;
	CHECK(raw[8] == 0x66 && raw[9] == 0x55, "a halfword is stored little-endian too");
	raw[12] = 1, raw[13] = 2, raw[14] = 3, raw[15] = 4;
	CHECK_EQ(le[3], 0x04030201, "bytes stored plainly read back as a little-endian word");
	((volatile uint8_t *)le)[16] = 0xAB;
	CHECK_EQ(raw[16], 0xAB, "a byte is the same byte in both views");
	CHECK_OK(mprotect((void *)le, 4096, PROT_READ | PROT_WRITE | PROT_EXEC),
		 "mprotect(+EXEC) of the E page is allowed (an instruction fetch is what faults)");
	munmap((void *)raw, 4096);
	munmap((void *)le, 4096);
	close(fd);
	shm_unlink("/le");
}

int main(int argc, char **argv)
{
	int e500 = argc > 1 && strcmp(argv[1], "e500") == 0;
	int fd = fresh("/sp");
	CHECK_ERR(shm_ctl_special(fd, SHMCTL_ANON, 0, 4096, 0x20), EINVAL, "bits outside 0x1F");
	CHECK_ERR(shm_ctl_special(fd, SHMCTL_ANON, 0, 4096, PPC_SPECIAL_W | PPC_SPECIAL_I), EINVAL,
		  "W with I is not supported");
	if (!e500)
		CHECK_ERR(shm_ctl_special(fd, SHMCTL_ANON, 0, 4096, PPC_SPECIAL_E), EINVAL,
			  "E has no place in a PPC 600 PTE");
	CHECK_OK(shm_ctl_special(fd, SHMCTL_ANON, 0, 4096, PPC_SPECIAL_I | PPC_SPECIAL_G),
		 "I|G (device-like) accepted");
	close(fd);
	fd = fresh("/sp2");
	CHECK_OK(shm_ctl_special(fd, SHMCTL_ANON, 0, 4096, PPC_SPECIAL_M | PPC_SPECIAL_W),
		 "M|W (coherent write-through) accepted");
	volatile uint32_t *p = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (CHECK(p != MAP_FAILED, "map the M|W object")) {
		p[0] = 0xCAFEF00D;
		CHECK_EQ(p[0], 0xCAFEF00D, "write-through memory reads back");
	}
	close(fd);
	shm_unlink("/sp");
	shm_unlink("/sp2");
	if (e500)
		e500_le_page();
	return done();
}
