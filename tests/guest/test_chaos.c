/*
 * test_chaos.c - every kernel call with hostile arguments: a deterministic
 * stream (seeded xorshift) of calls with NULL, unaligned, read-only,
 * PROT_NONE, kernel-space and huge pointers, negative and enormous sizes,
 * unknown flags and unknown call numbers.  The host must survive every one
 * (run under the sanitizer build in CI, too), and each result must be
 * either a success value or -errno with a QNX errno the guest knows.
 *
 *   test_chaos SEED ITERATIONS [phys]
 *
 * Without "phys" the run is meant for --unprivileged (physical-memory
 * calls get EPERM); with it, PHYS flags are masked so that the chaos never
 * maps random physical RAM (page tables included) into the test itself.
 * Calls that would end or blind the test are steered: no exit, no closing
 * or reading of the console, address-space changes only inside a scratch
 * region.  Memory is never touched directly, only through kernel calls.
 */
#include <errno.h>
#include <mmsim/kcall.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/mmsim.h>
#include <sys/neutrino.h>
#include <unistd.h>

#include "check.h"

#define SCRATCH_PAGES 16

static uint32_t rng;
static uint8_t *scratch, *ro, *none;

/* xorshift32: the next pseudo-random word. */
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* A hostile pointer: NULL, odd, unmapped, read-only, PROT_NONE, kernel
 * space, straddling the end of a mapping, or inside the scratch region. */
static long any_ptr(void)
{
	switch (rnd() % 10) {
	case 0: return 0;
	case 1: return 1;
	case 2: return (long)(ro + (rnd() & 0xfff));
	case 3: return (long)(none + (rnd() & 0xfff));
	case 4: return (long)(0x80000000u | rnd());
	case 5: return (long)0xFFFFFFFFu;
	case 6: return (long)(scratch + SCRATCH_PAGES * 4096 - 1 - (rnd() & 7));
	case 7: return (long)(0x60000000u + (rnd() & 0x0fffffff));   /* unmapped */
	default: return (long)(scratch + (rnd() % (SCRATCH_PAGES * 4096)));
	}
}

/* A hostile integer: zero, small, negative, page-ish, huge or random. */
static long any_int(void)
{
	switch (rnd() % 10) {
	case 0: return 0;
	case 1: return 1;
	case 2: return -1;
	case 3: return 3 + (rnd() & 7);
	case 4: return 4096;
	case 5: return 4096 * (1 + (rnd() & 15));
	case 6: return 0x7FFFFFFF;
	case 7: return (long)0x80000000u;
	case 8: return MEMMGR_COID;
	default: return (long)rnd();
	}
}

/* An address inside the scratch region, page aligned or not. */
static long scratch_addr(void)
{
	uint32_t off = rnd() % (SCRATCH_PAGES * 4096);
	return (long)(scratch + ((rnd() & 1) ? (off & ~0xfffu) : off));
}

/* True if -r is an errno value the guest's <errno.h> names. */
static int known_errno(long r)
{
	switch (-r) {
	case EPERM: case ENOENT: case EBADF: case EAGAIN: case ENOMEM: case EACCES:
	case EFAULT: case EBUSY: case EEXIST: case ENODEV: case EINVAL: case EMFILE:
	case ENOSPC: case ERANGE: case ENAMETOOLONG: case ENOSYS: case EOVERFLOW:
	case ENOTSUP: case ENXIO: case EIO: case ESPIPE: case EFBIG: case EISDIR:
	case ENOTDIR: case EXDEV: case ELOOP:
		return 1;
	default:
		return 0;
	}
}

/* First address past the scratch region. */
static unsigned long scratch_end(void)
{
	return (unsigned long)scratch + 4096 * SCRATCH_PAGES;
}

static const long calls[] = {
	KC_WRITE, KC_READ, KC_GETPID, KC_CLOCK, KC_ARGS, KC_SHM_OPEN, KC_SHM_UNLINK, KC_CLOSE,
	KC_FTRUNCATE, KC_FSTAT, KC_SHM_CTL, KC_OPEN, KC_MMAP, KC_MUNMAP, KC_MPROTECT, KC_MSYNC,
	KC_MEM_OFFSET, KC_MSGSEND, KC_CACHE_OP, KC_CACHE_INFO, 0, 7, 99, 0x7fffffff,
	KC_SHMGET, KC_SHMAT, KC_SHMDT, KC_SHMCTL, KC_GETUID, KC_GETEUID, KC_GETGID, KC_GETEGID,
	KC_STAT, KC_LSEEK, KC_UNLINK, KC_MREMAP, KC_MLOCK, KC_MUNLOCK, KC_MLOCKALL,
	KC_MUNLOCKALL, KC_MADVISE,
};

/* One hostile call; returns its raw result. */
static long one_call(int phys_masked)
{
	long n = calls[rnd() % (sizeof calls / sizeof calls[0])];
	long a[7];
	for (int i = 0; i < 7; i++)
		a[i] = (rnd() & 1) ? any_ptr() : any_int();
	switch (n) {
	case KC_WRITE:                       /* never the console: keep stdout clean */
	case KC_READ:                        /* never stdin: it could block */
	case KC_CLOSE:
		if (a[0] >= 0 && a[0] <= 2)
			a[0] = 3 + (rnd() & 7);
		break;
	case KC_MMAP:
	case KC_MUNMAP:
	case KC_MPROTECT:
	case KC_MSYNC:
		if ((n != KC_MMAP || (a[3] & MAP_FIXED)) || (rnd() & 1))
			a[0] = scratch_addr();   /* never our own text, data or stack */
		if (n == KC_MMAP && phys_masked)
			a[3] &= ~MAP_PHYS;
		if (n == KC_MMAP && (a[3] & MAP_FIXED) && (unsigned long)a[1] > 4096 * SCRATCH_PAGES)
			a[1] = 4096 * (1 + (rnd() % SCRATCH_PAGES));
		if (n != KC_MMAP && (unsigned long)a[0] + (unsigned long)a[1] >
				    (unsigned long)scratch + 4096 * SCRATCH_PAGES)
			a[1] = (long)((unsigned long)scratch + 4096 * SCRATCH_PAGES - (unsigned long)a[0]);
		break;
	case KC_SHM_CTL:
		if (phys_masked)
			a[1] &= ~SHMCTL_PHYS;
		break;
	case KC_SHMAT:                       /* never over our own text, data or stack */
		a[1] = (rnd() & 1) ? 0 : scratch_addr();
		a[2] &= ~SHM_REMAP;
		break;
	case KC_MREMAP:                      /* only scratch moves, only into scratch */
	case KC_MLOCK:
	case KC_MUNLOCK:
		a[0] = scratch_addr();
		a[1] = (long)(((unsigned long)a[1]) % (scratch_end() - (unsigned long)a[0] + 1));
		if (n == KC_MREMAP) {
			a[4] = scratch_addr();
			a[2] = (long)(((unsigned long)a[2]) % (scratch_end() - (unsigned long)a[4] + 1));
		}
		break;
	default:
		break;
	}
	return mmsim_kcall(n, a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
}

int main(int argc, char **argv)
{
	rng = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 0) : 1;
	long iters = argc > 2 ? strtol(argv[2], NULL, 0) : 2000;
	int phys_masked = argc > 3 && strcmp(argv[3], "phys") == 0;
	if (!rng)
		rng = 1;
	scratch = mmap(0, SCRATCH_PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	ro = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	none = mmap(0, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	REQUIRE(scratch != MAP_FAILED && ro != MAP_FAILED && none != MAP_FAILED, "scratch mappings");

	long bad = 0, ok = 0, failed = 0;
	for (long i = 0; i < iters; i++) {
		long r = one_call(phys_masked);
		if (r >= 0 || (unsigned long)r > (unsigned long)-4096L)
			ok += r >= 0, failed += r < 0 && known_errno(r);
		if (r < 0 && (unsigned long)r > (unsigned long)-4096L && !known_errno(r) && bad++ < 5)
			printf("call %ld: unexpected errno %ld\n", i, -r);
	}
	CHECK_EQ(bad, 0, "every failure is -errno with a known QNX errno (%ld ok, %ld failed)", ok, failed);
	CHECK(ok > 0 && failed > 0, "the stream had both successes and failures");

	/* The process still works. */
	CHECK(getpid() > 0, "getpid after the chaos");
	void *p = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	if (CHECK(p != MAP_FAILED, "mmap after the chaos")) {
		memset(p, 0x5a, 4096);
		CHECK(((unsigned char *)p)[4095] == 0x5a, "the new page is usable");
		CHECK_OK(munmap(p, 4096), "munmap after the chaos");
	}
	return done();
}
