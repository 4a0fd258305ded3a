/*
 * test_mmap_family.c - mprotect, msync, mremap, mlock/munlock/mlockall/
 * munlockall and posix_madvise: results and documented errors.
 *
 * Plain POSIX plus Linux's mremap: the same source runs under mmsim on
 * every flavour and natively on Linux (built with the host's gcc,
 * -DNATIVE_HOST), so the errors expected here are a real kernel's.  Flag
 * values differ between QNX and Linux; only the names are used.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include "check.h"

#define PG 4096u

/* n fresh private anonymous pages, filled with their page number + seed. */
static unsigned char *anon(unsigned n, int seed)
{
	unsigned char *p = mmap(NULL, n * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0);
	REQUIRE(p != MAP_FAILED, "mmap %u pages", n);
	for (unsigned i = 0; i < n; i++)
		memset(p + i * PG, seed + (int)i, PG);
	return p;
}

/* anon(n, seed) with the page after it certainly unmapped. */
static unsigned char *anon_end(unsigned n, int seed)
{
	unsigned char *p = anon(n + 1, seed);
	munmap(p + n * PG, PG);
	return p;
}

/* True if [p, p+len) is mapped (msync says ENOMEM otherwise). */
static int mapped(void *p, size_t len)
{
	return msync(p, len, MS_ASYNC) == 0;
}

/* An address range of n pages that is certainly unmapped. */
static unsigned char *hole(unsigned n)
{
	unsigned char *p = anon(n, 0);
	munmap(p, n * PG);
	return p;
}

static void t_mprotect(void)
{
	unsigned char *a = anon_end(2, 1);
	CHECK_ERR(mprotect(a + 1, PG, PROT_READ), EINVAL, "mprotect: unaligned address");
	CHECK_ERR(mprotect(a, PG, 0x10000000), EINVAL, "mprotect: unknown PROT_ bit");
	CHECK_ERR(mprotect(hole(1), PG, PROT_READ), ENOMEM, "mprotect: unmapped");
	CHECK_ERR(mprotect(a, 3 * PG, PROT_READ), ENOMEM, "mprotect: range runs past the mapping");
	CHECK_OK(mprotect(a, 0, PROT_READ), "mprotect: length 0");
	CHECK_OK(mprotect(a, PG, PROT_READ), "mprotect: read-only");
	CHECK_EQ(a[0], 1, "still readable");
	CHECK_OK(mprotect(a, 2 * PG, PROT_READ | PROT_WRITE), "mprotect: back to read-write");
	a[0] = 9;
	CHECK_EQ(a[0], 9, "writable again");
	int id = shmget(IPC_PRIVATE, PG, 0600);
	void *s = shmat(id, NULL, SHM_RDONLY);
	CHECK(s != (void *)-1, "read-only System V attach");
	CHECK_ERR(mprotect(s, PG, PROT_READ | PROT_WRITE), EACCES, "mprotect: write on a SHM_RDONLY attach");
	shmdt(s);
	shmctl(id, IPC_RMID, NULL);
	munmap(a, 2 * PG);
}

static void t_msync(void)
{
	unsigned char *a = anon_end(2, 1);
	CHECK_OK(msync(a, 2 * PG, MS_SYNC), "msync MS_SYNC");
	CHECK_OK(msync(a, 2 * PG, MS_ASYNC), "msync MS_ASYNC");
	CHECK_OK(msync(a, PG, MS_INVALIDATE), "msync MS_INVALIDATE");
	CHECK_OK(msync(a, PG, MS_SYNC | MS_INVALIDATE), "msync MS_SYNC|MS_INVALIDATE");
	CHECK_OK(msync(a, 0, MS_SYNC), "msync length 0");
	CHECK_ERR(msync(a, PG, MS_SYNC | MS_ASYNC), EINVAL, "msync MS_SYNC|MS_ASYNC");
	CHECK_ERR(msync(a, PG, 0x100), EINVAL, "msync unknown flag");
	CHECK_ERR(msync(a + 8, PG, MS_SYNC), EINVAL, "msync unaligned address");
	CHECK_ERR(msync(hole(1), PG, MS_SYNC), ENOMEM, "msync unmapped");
	CHECK_ERR(msync(a, 3 * PG, MS_SYNC), ENOMEM, "msync range runs past the mapping");
	REQUIRE_OK(mlock(a, PG), "mlock");
	CHECK_ERR(msync(a, PG, MS_INVALIDATE), EBUSY, "msync MS_INVALIDATE of locked pages");
	CHECK_OK(msync(a + PG, PG, MS_INVALIDATE), "the unlocked page is fine");
	CHECK_OK(msync(a, PG, MS_SYNC), "MS_SYNC of locked pages is fine");
	CHECK_OK(munlock(a, PG), "munlock");
	CHECK_OK(msync(a, PG, MS_INVALIDATE), "MS_INVALIDATE after munlock");
	munmap(a, 2 * PG);
}

static void t_mremap_errors(void)
{
	unsigned char *a = anon_end(2, 1), *h = hole(4);
	CHECK_ERR(mremap(a, PG, 2 * PG, 0x40), EINVAL, "mremap: unknown flag");
	CHECK_ERR(mremap(a, PG, 2 * PG, MREMAP_FIXED, h), EINVAL, "mremap: MREMAP_FIXED without MAYMOVE");
	CHECK_ERR(mremap(a + 1, PG, 2 * PG, MREMAP_MAYMOVE), EINVAL, "mremap: unaligned old address");
	CHECK_ERR(mremap(a, PG, 0, MREMAP_MAYMOVE), EINVAL, "mremap: new size 0");
	CHECK_ERR(mremap(h, PG, 2 * PG, MREMAP_MAYMOVE), EFAULT, "mremap: old address unmapped");
	CHECK_ERR(mremap(a, 3 * PG, 4 * PG, MREMAP_MAYMOVE), EFAULT, "mremap: old range past the mapping");
	CHECK_ERR(mremap(a, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, h + 1), EINVAL,
		  "mremap: unaligned new address");
	CHECK_ERR(mremap(a, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, a + PG), EINVAL,
		  "mremap: old and new ranges overlap");
	CHECK_ERR(mremap(a, PG, 2 * PG, 0), ENOMEM, "mremap: cannot grow in place, no MAYMOVE");
	CHECK_ERR(mremap(a, 0, PG, MREMAP_MAYMOVE), EINVAL, "mremap: old size 0 of a private mapping");
	CHECK(mapped(a, 2 * PG) && a[0] == 1 && a[PG] == 2, "failed calls left the mapping alone");
	munmap(a, 2 * PG);
}

static void t_mremap(void)
{
	/* grow in place: the pages after it are free */
	unsigned char *a = anon(4, 10);
	CHECK_OK(munmap(a + 2 * PG, 2 * PG), "free the last two pages");
	CHECK_EQ((uintptr_t)mremap(a, 2 * PG, 4 * PG, 0), (uintptr_t)a, "grow in place");
	CHECK(a[0] == 10 && a[PG] == 11, "old contents kept");
	CHECK(a[2 * PG] == 0 && a[4 * PG - 1] == 0, "new pages are zero");
	a[3 * PG] = 7;
	/* shrink */
	CHECK_EQ((uintptr_t)mremap(a, 4 * PG, PG, 0), (uintptr_t)a, "shrink");
	CHECK(mapped(a, PG) && !mapped(a + PG, PG), "the tail is unmapped");
	/* move when blocked */
	unsigned char *b = anon(2, 20), *m;
	CHECK_ERR(mremap(b, PG, 3 * PG, 0), ENOMEM, "blocked by its own second page");
	CHECK_OK(m = mremap(b, 2 * PG, 40 * PG, MREMAP_MAYMOVE), "MREMAP_MAYMOVE");
	if (m != MAP_FAILED) {
		CHECK(m[0] == 20 && m[PG] == 21 && m[39 * PG] == 0, "moved contents, zero tail");
		CHECK(m == b || !mapped(b, PG), "the old range is gone if it moved");
		m[39 * PG] = 5;
		CHECK_EQ(m[39 * PG], 5, "the new tail is writable");
	}
	/* move to a fixed address, shrinking at the same time */
	unsigned char *h = hole(3), *f;
	CHECK_OK(f = mremap(m, 40 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, h), "MREMAP_FIXED");
	CHECK_EQ((uintptr_t)f, (uintptr_t)h, "at the fixed address");
	CHECK(h[0] == 20 && h[PG] == 21, "contents moved");
	CHECK(!mapped(m, PG), "the old range is gone");
	CHECK(!mapped(h + 2 * PG, PG), "only the new size is mapped");
	/* MREMAP_FIXED replaces what was at the target */
	unsigned char *c = anon(1, 30);
	CHECK_EQ((uintptr_t)mremap(c, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, h), (uintptr_t)h,
		 "MREMAP_FIXED over a mapping");
	CHECK(h[0] == 30 && mapped(h + PG, PG) && h[PG] == 21, "first page replaced, second kept");
	munmap(h, 2 * PG);
	munmap(a, PG);
	/* a range split by mprotect and joined again moves as one */
	unsigned char *j = anon(3, 40), *jm;
	CHECK_OK(mprotect(j + PG, PG, PROT_READ), "split by mprotect");
	CHECK_ERR(mremap(j, 3 * PG, 4 * PG, MREMAP_MAYMOVE), EFAULT, "a range over two mappings");
	CHECK_OK(mprotect(j + PG, PG, PROT_READ | PROT_WRITE), "joined again");
	CHECK_OK(jm = mremap(j, 3 * PG, 50 * PG, MREMAP_MAYMOVE), "mremap of the joined range");
	if (jm != MAP_FAILED) {
		CHECK(jm[0] == 40 && jm[PG] == 41 && jm[2 * PG] == 42, "all three pages moved");
		munmap(jm, 50 * PG);
	}
	/* old size 0: a second view of shared pages */
	unsigned char *s = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON, -1, 0);
	REQUIRE(s != MAP_FAILED, "shared anonymous page");
	s[0] = 'a';
	unsigned char *d = mremap(s, 0, PG, MREMAP_MAYMOVE);
	CHECK(d != MAP_FAILED && d != s, "old size 0 duplicates a shared mapping");
	if (d != MAP_FAILED) {
		d[1] = 'b';
		CHECK(d[0] == 'a' && s[1] == 'b', "both views share the pages");
		munmap(d, PG);
	}
	munmap(s, PG);
}

static void t_mremap_shm(void)
{
	int id = shmget(IPC_PRIVATE, 2 * PG, 0600);
	unsigned char *a = shmat(id, NULL, 0), *m;
	REQUIRE(a != (void *)-1, "shmat");
	a[PG] = 0x77;
	CHECK_OK(m = mremap(a, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, hole(2)), "move an attach");
	struct shmid_ds ds;
	shmctl(id, IPC_STAT, &ds);
	CHECK_EQ(ds.shm_nattch, 1, "still one attach after the move");
	CHECK_EQ(m[PG], 0x77, "same memory");
	CHECK_OK(shmdt(m), "shmdt at the new address");
	shmctl(id, IPC_STAT, &ds);
	CHECK_EQ(ds.shm_nattch, 0, "detached");
	shmctl(id, IPC_RMID, NULL);
}

static void t_mlock(void)
{
	unsigned char *a = anon_end(3, 1);
	CHECK_OK(mlock(a, 0), "mlock length 0");
	CHECK_OK(mlock(a + 100, PG), "mlock rounds the address down");
	CHECK_ERR(msync(a + PG, PG, MS_INVALIDATE), EBUSY, "... and covers the second page it touches");
	CHECK_OK(munlock(a, 3 * PG), "munlock");
	CHECK_ERR(mlock(hole(1), PG), ENOMEM, "mlock unmapped");
	CHECK_ERR(mlock(a, 4 * PG), ENOMEM, "mlock range past the mapping");
	CHECK_ERR(msync(a + 2 * PG, PG, MS_INVALIDATE), EBUSY,
		  "... yet it locked the mapped part before the hole (Linux)");
	CHECK_ERR(munlock(a, 4 * PG), ENOMEM, "munlock range past the mapping");
	CHECK_OK(msync(a + 2 * PG, PG, MS_INVALIDATE), "... unlocked the mapped part");
	CHECK_ERR(munlock(hole(1), PG), ENOMEM, "munlock unmapped");
	CHECK_ERR(mlockall(0), EINVAL, "mlockall(0)");
	CHECK_ERR(mlockall(0x100), EINVAL, "mlockall unknown flag");
	CHECK_OK(mlockall(MCL_FUTURE), "mlockall(MCL_FUTURE)");
	unsigned char *b = anon(1, 2);
	CHECK_ERR(msync(b, PG, MS_INVALIDATE), EBUSY, "later mappings are locked");
	CHECK_OK(msync(a, PG, MS_INVALIDATE), "earlier ones are not");
	CHECK_OK(mlockall(MCL_CURRENT), "mlockall(MCL_CURRENT) (forgets MCL_FUTURE)");
	CHECK_ERR(msync(a, PG, MS_INVALIDATE), EBUSY, "now the earlier one is locked");
	unsigned char *c = anon(1, 3);
	CHECK_OK(msync(c, PG, MS_INVALIDATE), "MCL_FUTURE was dropped");
	CHECK_OK(munlockall(), "munlockall");
	CHECK_OK(msync(a, PG, MS_INVALIDATE) | msync(b, PG, MS_INVALIDATE), "nothing locked");
	munmap(a, 3 * PG);
	munmap(b, PG);
	munmap(c, PG);
}

static void t_madvise(void)
{
	unsigned char *a = anon(2, 1);
	static const int adv[] = { POSIX_MADV_NORMAL, POSIX_MADV_RANDOM, POSIX_MADV_SEQUENTIAL,
				   POSIX_MADV_WILLNEED, POSIX_MADV_DONTNEED };
	for (unsigned i = 0; i < sizeof adv / sizeof adv[0]; i++)
		CHECK_EQ(posix_madvise(a, 2 * PG, adv[i]), 0, "posix_madvise advice %u", i);
	CHECK_EQ(a[PG], 2, "advice does not change contents");
	errno = 0;
	CHECK_EQ(posix_madvise(a, PG, 99), EINVAL, "unknown advice: EINVAL returned");
	CHECK_EQ(errno, 0, "posix_madvise leaves errno alone");
	CHECK_EQ(posix_madvise(a + 8, PG, POSIX_MADV_WILLNEED), EINVAL, "unaligned address");
	CHECK_EQ(posix_madvise(hole(1), PG, POSIX_MADV_WILLNEED), ENOMEM, "unmapped range");
	CHECK_EQ(posix_madvise(a, 0, POSIX_MADV_NORMAL), 0, "length 0");
	munmap(a, 2 * PG);
}

int main(void)
{
	t_mprotect();
	t_msync();
	t_mremap_errors();
	t_mremap();
	t_mremap_shm();
	t_mlock();
	t_madvise();
	return done();
}
