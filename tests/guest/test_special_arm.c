/*
 * test_special_arm.c - ARMv6/v7 values of shm_ctl_special's `special`
 * (REFERENCE.md section 3: mask 0x5CD = S 0x400 | TEX 0x1C0 | C 0x8 |
 * B 0x4 | XN 0x1; reserved TEX/C/B combinations -> EINVAL).  Built only
 * for the ARMv6/v7 flavours (tests/guest/CMakeLists.txt); ARMv5 has
 * another mask and gets its own table when that flavour lands.
 */
#include "check.h"
#include "testutil.h"

#define SP_XN  0x001u
#define SP_B   0x004u
#define SP_C   0x008u
#define SP_TEX(t) ((unsigned)(t) << 6)
#define SP_S   0x400u

static const struct { unsigned special; int ok; const char *what; } cases[] = {
	{ SP_XN,                       1, "XN (0x1)" },
	{ SP_B,                        1, "shareable device: TEX 000 C 0 B 1 (0x4)" },
	{ SP_B | SP_XN,                1, "shareable device + XN (0x5)" },
	{ SP_TEX(2),                   1, "non-shareable device: TEX 010 C 0 B 0 (0x80)" },
	{ SP_C,                        1, "normal write-through: TEX 000 C 1 B 0 (0x8)" },
	{ SP_C | SP_B,                 1, "normal write-back no write-allocate (0xC)" },
	{ SP_TEX(1),                   1, "normal non-cacheable: TEX 001 (0x40)" },
	{ SP_TEX(1) | SP_C | SP_B,     1, "normal write-back write-allocate: TEX 001 C 1 B 1 (0x4C)" },
	{ SP_TEX(1) | SP_C | SP_B | SP_S, 1, "shareable normal write-back (0x44C)" },
	{ SP_TEX(4) | SP_C | SP_B,     1, "normal, outer non-cacheable, inner WB no-WA: TEX 100 C 1 B 1 (0x10C)" },
	{ SP_TEX(7),                   1, "normal, outer WB no-WA, inner non-cacheable: TEX 111 C 0 B 0 (0x1C0)" },
	{ SP_TEX(5) | SP_B | SP_S | SP_XN, 1, "normal outer WB+WA inner WB+WA, shareable, XN (0x545)" },
	{ 0x002u,                      0, "bit 1 (a type bit, outside the mask 0x5CD) -> EINVAL" },
	{ 0x010u,                      0, "bit 4 (AP, outside the mask) -> EINVAL" },
	{ 0x200u,                      0, "bit 9 (APX, outside the mask) -> EINVAL" },
	{ 0x800u,                      0, "bit 11 (nG, outside the mask) -> EINVAL" },
	{ 0x1000u,                     0, "bit 12 (outside the mask) -> EINVAL" },
	{ SP_TEX(1) | SP_B,            0, "reserved TEX 001 C 0 B 1 (0x44) -> EINVAL" },
	{ SP_TEX(1) | SP_C,            0, "reserved TEX 001 C 1 B 0 (0x48) -> EINVAL" },
	{ SP_TEX(2) | SP_B,            0, "reserved TEX 010 C 0 B 1 (0x84) -> EINVAL" },
	{ SP_TEX(2) | SP_C,            0, "reserved TEX 010 C 1 B 0 (0x88) -> EINVAL" },
	{ SP_TEX(3),                   0, "reserved TEX 011 (0xC0) -> EINVAL" },
	{ SP_TEX(3) | SP_C | SP_B,     0, "reserved TEX 011 C 1 B 1 (0xCC) -> EINVAL" },
};

int main(void)
{
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int fd;
		shm_unlink("/t_sparm");
		REQUIRE_OK(fd = shm_open("/t_sparm", O_RDWR | O_CREAT | O_EXCL, 0600), "create");
		if (cases[i].ok) {
			if (CHECK_OK(shm_ctl_special(fd, SHMCTL_ANON, 0, 2 * PG, cases[i].special),
				     "accepted: %s", cases[i].what)) {
				/* Mapped read/write (no PROT_EXEC), the object works. */
				char *p = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
				if (CHECK(p != MAP_FAILED, "  and maps read/write")) {
					p[PG + 1] = (char)i;
					CHECK(p[PG + 1] == (char)i && p[0] == 0, "  and reads back what was written");
					munmap(p, 2 * PG);
				}
				CHECK_ERR(shm_ctl_special(fd, SHMCTL_ANON, 0, 2 * PG, cases[i].special), EINVAL,
					  "  a second shm_ctl_special -> EINVAL (already special)");
			}
		} else {
			CHECK_ERR(shm_ctl_special(fd, SHMCTL_ANON, 0, 2 * PG, cases[i].special), EINVAL,
				  "rejected: %s", cases[i].what);
		}
		close(fd);
		shm_unlink("/t_sparm");
	}

	/* Special bits work with a PHYS object too (a device-style mapping of RAM we own). */
	int src, fd;
	struct _mem_obj_segment seg[2];
	REQUIRE_OK(src = make_obj("/t_sparm_src", SHMCTL_ANON | SHMCTL_PHYS, 0, PG), "contiguous source");
	REQUIRE(obj_info(src, 0, UINT64_MAX, seg, sizeof seg) == 1, "its segment");
	shm_unlink("/t_sparm_dev");
	REQUIRE_OK(fd = shm_open("/t_sparm_dev", O_RDWR | O_CREAT | O_EXCL, 0600), "create");
	CHECK_OK(shm_ctl_special(fd, SHMCTL_PHYS, seg[0].paddr, PG, SP_B | SP_XN),
		 "shm_ctl_special(PHYS, shareable device + XN)");
	volatile unsigned *d = mmap(0, PG, PROT_READ | PROT_WRITE | PROT_NOCACHE, MAP_SHARED, fd, 0);
	if (CHECK(d != MAP_FAILED, "map it with PROT_NOCACHE (special bits override it)")) {
		d[1] = 0x12345678u;
		CHECK_EQ(d[1], 0x12345678u, "word access through the device-type mapping");
		CHECK_EQ(paddr_of((const void *)d), seg[0].paddr, "mem_offset gives the paddr given");
		munmap((void *)d, PG);
	}
	close(fd);
	shm_unlink("/t_sparm_dev");
	close(src);
	shm_unlink("/t_sparm_src");
	return done();
}
