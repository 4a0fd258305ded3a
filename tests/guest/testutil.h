/*
 * testutil.h - small helpers shared by the guest test programs: the
 * _MEM_OBJ_INFO request, objects populated by shm_ctl, physical
 * addresses through mem_offset.  Arch-neutral (no #ifdef on the CPU).
 */
#ifndef MMSIM_TEST_UTIL_H
#define MMSIM_TEST_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/memmsg.h>
#include <sys/neutrino.h>

#define PG __PAGESIZE

/* Send _MEM_OBJ_INFO for [offset, offset+length) of fd with `rbytes` of
 * reply room at `reply`; MsgSend's result (segments filled, or -1). */
__attribute__((unused)) static long obj_info(int fd, uint64_t offset, uint64_t length, void *reply,
					     size_t rbytes)
{
	struct _mem_obj_info m;
	memset(&m, 0, sizeof m);
	m.type = _MEM_OBJ_INFO;
	m.zero = 0;
	m.fd = fd;
	m.offset = offset;
	m.length = length;
	return MsgSend(MEMMGR_COID, &m, sizeof m, reply, rbytes);
}

/* Create (O_EXCL, after unlinking any stale one) and shm_ctl an object;
 * the fd, or -1 with errno from the failing step. */
__attribute__((unused)) static int make_obj(const char *name, int flags, uint64_t paddr, uint64_t size)
{
	shm_unlink(name);
	int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd == -1)
		return -1;
	if (shm_ctl(fd, flags, paddr, size) == -1) {
		int e = errno;
		close(fd);
		shm_unlink(name);
		errno = e;
		return -1;
	}
	return fd;
}

/* Physical address of a mapped guest address, or ~0 on error. */
__attribute__((unused)) static uint64_t paddr_of(const void *p)
{
	off_t off = 0;
	size_t contig = 0;
	if (mem_offset(p, NOFD, 1, &off, &contig) == -1)
		return ~(uint64_t)0;
	return (uint64_t)off;
}

/* The pattern byte at position i for seed. */
static inline unsigned char pattern_byte(unsigned seed, size_t i)
{
	return (unsigned char)(seed * 131u + i * 7u + (i >> 8));
}

/* Fill n bytes with the pattern for seed. */
__attribute__((unused)) static void fill_pattern(void *p, size_t n, unsigned seed)
{
	unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		b[i] = pattern_byte(seed, i);
}

/* The n bytes at p hold pattern positions [start, start+n) for seed. */
__attribute__((unused)) static int has_pattern_at(const void *p, size_t n, unsigned seed, size_t start)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i] != pattern_byte(seed, start + i))
			return 0;
	return 1;
}

/* The n bytes at p hold the pattern for seed from position 0. */
__attribute__((unused)) static int has_pattern(const void *p, size_t n, unsigned seed)
{
	return has_pattern_at(p, n, seed, 0);
}

/* All n bytes are zero. */
__attribute__((unused)) static int all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return 0;
	return 1;
}

#endif
