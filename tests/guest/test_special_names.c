/*
 * test_special_names.c - the shm_ctl_special() bit names of <sys/special.h>
 * (brought in by <sys/mman.h>, as on QNX): every name has the value of
 * REFERENCE.md sections 3-4, on every flavour (the header is the same for
 * all); then the flavour named by argv[1] accepts its own names and
 * refuses what its reference table refuses.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"

/* Every name, against the number written out from the reference. */
static void values(void)
{
	/* PowerPC WIMGE */
	CHECK_EQ(PPC_SPECIAL_E, 0x01, "PPC_SPECIAL_E");
	CHECK_EQ(PPC_SPECIAL_G, 0x02, "PPC_SPECIAL_G");
	CHECK_EQ(PPC_SPECIAL_M, 0x04, "PPC_SPECIAL_M");
	CHECK_EQ(PPC_SPECIAL_I, 0x08, "PPC_SPECIAL_I");
	CHECK_EQ(PPC_SPECIAL_W, 0x10, "PPC_SPECIAL_W");
	CHECK_EQ(PPC_SPECIAL_MASK, 0x1F, "PPC_SPECIAL_MASK");
	CHECK_EQ(PPC_SPECIAL_DEVICE, 0x0A, "PPC_SPECIAL_DEVICE = I|G");
	CHECK_EQ(PPC_SPECIAL_UNCACHED, 0x0C, "PPC_SPECIAL_UNCACHED = I|M");
	CHECK_EQ(PPC_SPECIAL_WB, 0x04, "PPC_SPECIAL_WB = M");
	CHECK_EQ(PPC_SPECIAL_WT, 0x14, "PPC_SPECIAL_WT = W|M");

	/* ARM C/B, both formats */
	CHECK_EQ(ARM_PTE_B, 0x4, "ARM_PTE_B");
	CHECK_EQ(ARM_PTE_C, 0x8, "ARM_PTE_C");
	CHECK_EQ(ARM_PTE_CB, 0xC, "ARM_PTE_CB");
	CHECK_EQ(ARM_PTE_WT, 0x8, "ARM_PTE_WT");
	CHECK_EQ(ARM_PTE_WB, 0xC, "ARM_PTE_WB");

	/* ARMv5 XScale extended small page */
	CHECK_EQ(ARM_PTE_V5_SP_TEX(1), 0x040, "ARM_PTE_V5_SP_TEX(1) is bit 6");
	CHECK_EQ(ARM_PTE_V5_SP_TEX(15), 0x3C0, "ARM_PTE_V5_SP_TEX(15) is bits 9:6");
	CHECK_EQ(ARM_PTE_V5_SP_TEX_MASK, 0x3C0, "ARM_PTE_V5_SP_TEX_MASK");
	CHECK_EQ(ARM_PTE_XS_X, 0x040, "ARM_PTE_XS_X");
	CHECK_EQ(ARM_V5_SPECIAL_MASK, 0x3CC, "ARM_V5_SPECIAL_MASK");
	CHECK_EQ(ARM_PTE_XS_BUFFERED, 0x004, "X/C/B 0/0/1 uncached buffered");
	CHECK_EQ(ARM_PTE_XS_WT, 0x008, "X/C/B 0/1/0 write-through");
	CHECK_EQ(ARM_PTE_XS_WB, 0x00C, "X/C/B 0/1/1 write-back read-allocate");
	CHECK_EQ(ARM_PTE_XS_NOCOALESCE, 0x044, "X/C/B 1/0/1 uncached buffered no coalescing");
	CHECK_EQ(ARM_PTE_XS_MC, 0x048, "X/C/B 1/1/0 mini-data cache");
	CHECK_EQ(ARM_PTE_XS_WA, 0x04C, "X/C/B 1/1/1 write-back read/write-allocate");

	/* ARMv6/v7 small page */
	CHECK_EQ(ARM_PTE_V6_SP_TEX(1), 0x040, "ARM_PTE_V6_SP_TEX(1)");
	CHECK_EQ(ARM_PTE_V6_SP_TEX(7), 0x1C0, "ARM_PTE_V6_SP_TEX(7) is bits 8:6");
	CHECK_EQ(ARM_PTE_V6_SP_TEX(8), 0x200, "ARM_PTE_V6_SP_TEX(8) is not folded into TEX");
	CHECK_EQ(ARM_PTE_V6_SP_TEX_MASK, 0x1C0, "ARM_PTE_V6_SP_TEX_MASK");
	CHECK_EQ(ARM_PTE_V6_S, 0x400, "ARM_PTE_V6_S");
	CHECK_EQ(ARM_PTE_V6_SP_XN, 0x001, "ARM_PTE_V6_SP_XN");
	CHECK_EQ(ARM_V6_SPECIAL_MASK, 0x5CD, "ARM_V6_SPECIAL_MASK");
	CHECK_EQ(ARM_V6_SPECIAL_MASK, ARM_PTE_V6_S | ARM_PTE_V6_SP_TEX_MASK | ARM_PTE_CB |
					      ARM_PTE_V6_SP_XN, "mask = S|TEX|C|B|XN");
	CHECK_EQ(ARM_SHMCTL_SO, 0x000, "TEX/C/B 000/0/0 strongly ordered");
	CHECK_EQ(ARM_SHMCTL_DEV, 0x004, "000/0/1 shareable device");
	CHECK_EQ(ARM_SHMCTL_DEV_NSH, 0x080, "010/0/0 non-shareable device");
	CHECK_EQ(ARM_SHMCTL_WT, 0x008, "000/1/0 normal WT");
	CHECK_EQ(ARM_SHMCTL_WB, 0x00C, "000/1/1 normal WB no write-allocate");
	CHECK_EQ(ARM_SHMCTL_NC, 0x040, "001/0/0 normal non-cacheable");
	CHECK_EQ(ARM_SHMCTL_WBWA, 0x04C, "001/1/1 normal WB write-allocate");
	CHECK_EQ(ARM_SHMCTL_SH, 0x400, "ARM_SHMCTL_SH = S");
	CHECK_EQ(ARM_SHMCTL_NORMAL(ARM_POLICY_NC, ARM_POLICY_NC), 0x100, "1BB/A/A 100/0/0");
	CHECK_EQ(ARM_SHMCTL_NORMAL(ARM_POLICY_NC, ARM_POLICY_WBWA), 0x104,
		 "outer NC, inner WB-WA: 100/0/1");
	CHECK_EQ(ARM_SHMCTL_NORMAL(ARM_POLICY_WBWA, ARM_POLICY_WT), 0x148,
		 "outer WB-WA, inner WT: 101/1/0");
	CHECK_EQ(ARM_SHMCTL_NORMAL(ARM_POLICY_WT, ARM_POLICY_WB), 0x18C,
		 "outer WT, inner WB no-WA: 110/1/1");
	CHECK_EQ(ARM_SHMCTL_NORMAL(ARM_POLICY_WB, ARM_POLICY_NC), 0x1C0,
		 "outer WB no-WA, inner NC: 111/0/0");
	CHECK_EQ(ARM_SHMCTL_NORMAL(4, 0), 0x200, "an out-of-range policy leaves the TEX field");
}

/* A fresh, empty shared-memory object. */
static int fresh(void)
{
	shm_unlink("/names");
	return shm_open("/names", O_RDWR | O_CREAT | O_EXCL, 0600);
}

/* shm_ctl_special of one page with sp must give errno want (0: success). */
static void try_special(unsigned sp, int want, const char *name)
{
	int fd = fresh();
	if (!CHECK(fd >= 0, "shm_open for %s", name))
		return;
	if (want)
		CHECK_ERR(shm_ctl_special(fd, SHMCTL_ANON, 0, 4096, sp), want,
			  "%s (%#x) refused", name, sp);
	else if (CHECK_OK(shm_ctl_special(fd, SHMCTL_ANON, 0, 4096, sp), "%s (%#x) accepted", name, sp)) {
		volatile unsigned *p = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (CHECK(p != MAP_FAILED, "map the %s object", name)) {
			p[1] = 0x5A5A0000u | sp;
			CHECK_EQ(p[1], 0x5A5A0000u | sp, "%s memory reads back", name);
			munmap((void *)p, 4096);
		}
	}
	close(fd);
	shm_unlink("/names");
}

#define T(sp, want) try_special((sp), (want), #sp)

int main(int argc, char **argv)
{
	const char *cpu = argc > 1 ? argv[1] : "";
	values();
	if (!strcmp(cpu, "armv5")) {
		T(ARM_PTE_XS_BUFFERED, 0);
		T(ARM_PTE_XS_WT, 0);
		T(ARM_PTE_XS_WB, 0);
		T(ARM_PTE_XS_NOCOALESCE, 0);
		T(ARM_PTE_XS_MC, 0);
		T(ARM_PTE_XS_WA, 0);
		T(ARM_PTE_XS_X, EINVAL);                 /* 1/0/0 unpredictable */
		T(ARM_PTE_V5_SP_TEX(2) | ARM_PTE_CB, EINVAL);
		T(ARM_PTE_V6_S | ARM_PTE_CB, EINVAL);    /* outside 0x3CC */
	} else if (!strcmp(cpu, "armv6") || !strcmp(cpu, "armv7")) {
		T(ARM_SHMCTL_SO | ARM_PTE_V6_SP_XN, 0);
		T(ARM_SHMCTL_DEV, 0);
		T(ARM_SHMCTL_DEV_NSH, 0);
		T(ARM_SHMCTL_WT, 0);
		T(ARM_SHMCTL_WB, 0);
		T(ARM_SHMCTL_NC, 0);
		T(ARM_SHMCTL_WBWA | ARM_SHMCTL_SH, 0);
		T(ARM_SHMCTL_NORMAL(ARM_POLICY_WB, ARM_POLICY_WBWA) | ARM_PTE_V6_SP_XN, 0);
		T(ARM_PTE_V6_SP_TEX(3), EINVAL);          /* reserved */
		T(ARM_PTE_V6_SP_TEX(1) | ARM_PTE_B, EINVAL);
		T(ARM_SHMCTL_NORMAL(4, 0), EINVAL);       /* outside 0x5CD */
	} else if (!strcmp(cpu, "e500") || !strcmp(cpu, "ppc600")) {
		T(PPC_SPECIAL_DEVICE, 0);
		T(PPC_SPECIAL_UNCACHED, 0);
		T(PPC_SPECIAL_WB, 0);
		T(PPC_SPECIAL_WT, 0);
		T(PPC_SPECIAL_M | PPC_SPECIAL_G, 0);
		T(PPC_SPECIAL_W | PPC_SPECIAL_I, EINVAL);
		T(PPC_SPECIAL_MASK + 1, EINVAL);
		T(PPC_SPECIAL_E | PPC_SPECIAL_M, strcmp(cpu, "e500") ? EINVAL : 0);
	} else {
		CHECK(0, "argv[1] names the flavour (got '%s')", cpu);
	}
	return done();
}
