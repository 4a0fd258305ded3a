/*
 * test_mon_shm.c - the mon_shm library (seed 003): a producer (master)
 * and a consumer (peer, a second program started with posix_spawn and
 * handed the segment by mon_shm_encode/mon_shm_decode through argv)
 * stream a known byte sequence through the ring buffer, across many
 * wrap-arounds, with each implementation (POSIX, SYSV, AUTO); every byte
 * is checked.  Also: trylock gives EAGAIN while the peer holds the lock,
 * mon_shm_data_alloc, MON_SHM_ADDR, reference counting.
 * Built natively too (-DNATIVE, host mon_shm build).
 */
#include <errno.h>
#include <sched.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <monitor/monitor.h>

#include "check.h"

#define TOTAL   60000u
#define SEGSIZE 8192u

/* Shared control block in the common data area. */
struct ctl {
	volatile int hold;        /* 1: master holds the lock; 2: peer has tried */
	volatile int try_result;  /* the peer's trylock result */
	volatile unsigned got;    /* bytes the consumer checked */
	volatile unsigned bad;    /* bytes that were wrong */
};

static unsigned char pat(unsigned i)
{
	return (unsigned char)(i * 131u + (i >> 9));
}

static void yield(void)
{
	sched_yield();
}

static const char *hexd = "0123456789abcdef";

static void to_hex(const mon_buffer *b, char *out)
{
	for (size_t i = 0; i < b->len; i++) {
		out[2 * i] = hexd[b->data[i] >> 4];
		out[2 * i + 1] = hexd[b->data[i] & 15];
	}
	out[2 * b->len] = 0;
}

static int from_hex(const char *s, mon_buffer *b)
{
	mon_buffer_init(b);
	size_t n = strlen(s);
	if (n % 2 || n / 2 > MON_BUFFER_MAX)
		return -1;
	for (size_t i = 0; i < n / 2; i++) {
		const char *h = strchr(hexd, s[2 * i]), *l = strchr(hexd, s[2 * i + 1]);
		if (!h || !l)
			return -1;
		b->data[i] = (unsigned char)((h - hexd) << 4 | (l - hexd));
	}
	b->len = n / 2;
	return 0;
}

/* The peer: decode, answer the trylock probe, consume TOTAL bytes. */
static int consumer(const char *hex)
{
	mon_buffer b;
	if (from_hex(hex, &b) != 0)
		return 10;
	mon_shm_desc *d = mon_shm_decode(&b, SEGSIZE);
	if (!d)
		return 11;
	if (d->is_master)
		return 12;
	struct ctl *c = MON_SHM_ADDR(d, cdata_begin);
	while (c->hold != 1)
		yield();
	c->try_result = mon_shm_trylock(d);
	c->hold = 2;
	unsigned char buf[997];
	unsigned i = 0;
	while (i < TOTAL) {
		mon_shm_lock(d);
		size_t n = mon_shm_rbuf_len(&d->header->rbuf);
		if (n > sizeof buf)
			n = sizeof buf - (i % 13);
		mon_shm_rbuf_read(&d->header->rbuf, d->header, buf, n);
		mon_shm_unlock(d);
		for (size_t k = 0; k < n; k++, i++)
			if (buf[k] != pat(i))
				c->bad++;
		c->got = i;
		if (n == 0)
			yield();
	}
	mon_shm_done(d);
	return 0;
}

static char *prog;

static void run_pair(mon_shm_impl impl, const char *what)
{
	mon_ipc_creds peer = { 0, getuid(), getgid() };
	mon_shm_desc *d = mon_shm_new(SEGSIZE - 100, &peer, impl);
	if (!d && impl == MON_SHM_IMPL_SYSV && errno == ENOSYS) {
		CHECK(1, "%s: this runtime has no System V shared memory (ENOSYS)", what);
		return;
	}
	REQUIRE(d != NULL, "%s: mon_shm_new (errno %d)", what, errno);
	CHECK(d->is_master && d->orig_size == SEGSIZE, "%s: master, size rounded to %u", what, SEGSIZE);
	CHECK_EQ(d->header->size, SEGSIZE, "%s: header size", what);
	CHECK(d->impl == (impl == MON_SHM_IMPL_AUTO ? MON_SHM_IMPL_POSIX : impl), "%s: implementation", what);
	struct ctl *c = NULL;
	CHECK_EQ(mon_shm_data_alloc(d, sizeof *c, (void **)&c), 0, "%s: data_alloc", what);
	REQUIRE(c != NULL, "%s: control block", what);
	CHECK((void *)c == MON_SHM_ADDR(d, cdata_begin), "%s: the first allocation is at cdata_begin", what);
	void *big;
	CHECK_EQ(mon_shm_data_alloc(d, SEGSIZE, &big), ENOSPC, "%s: data_alloc too large -> ENOSPC", what);
	memset((void *)c, 0, sizeof *c);
	CHECK(mon_shm_addr(d, SEGSIZE) == NULL, "%s: mon_shm_addr past the end -> NULL", what);

	mon_buffer b;
	mon_buffer_init(&b);
	CHECK_EQ(mon_shm_encode(d, &b), 0, "%s: encode", what);
	char hex[2 * MON_BUFFER_MAX + 1];
	to_hex(&b, hex);
	char *argv[] = { prog, "consumer", hex, NULL };
	pid_t pid;
	CHECK_EQ(mon_shm_lock(d), 0, "%s: lock", what);
	REQUIRE(posix_spawn(&pid, prog, NULL, NULL, argv, NULL) == 0, "%s: spawn the consumer", what);
	c->hold = 1;
	while (c->hold != 2)
		yield();
	CHECK_EQ(c->try_result, EAGAIN, "%s: the peer's trylock while we hold the lock -> EAGAIN", what);
	CHECK_EQ(mon_shm_unlock(d), 0, "%s: unlock", what);

	unsigned char buf[1000];
	unsigned i = 0, wraps = 0;
	size_t last_tail = d->header->rbuf.tail;
	while (i < TOTAL) {
		size_t n = 1 + (i * 7919u) % sizeof buf;     /* 1..1000 bytes */
		if (n > TOTAL - i)
			n = TOTAL - i;
		mon_shm_lock(d);
		size_t avail = mon_shm_rbuf_avail(&d->header->rbuf);
		if (n > avail)
			n = avail;
		for (size_t k = 0; k < n; k++)
			buf[k] = pat(i + (unsigned)k);
		mon_shm_rbuf_append(&d->header->rbuf, d->header, buf, n);
		if (d->header->rbuf.tail < last_tail)
			wraps++;
		last_tail = d->header->rbuf.tail;
		mon_shm_unlock(d);
		i += (unsigned)n;
		if (n == 0)
			yield();
	}
	int st = -1;
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: the consumer ended well (status 0x%x)", what, st);
	CHECK_EQ(c->got, TOTAL, "%s: %u bytes streamed", what, TOTAL);
	CHECK_EQ(c->bad, 0, "%s: every byte as sent", what);
	CHECK(wraps >= 10, "%s: the ring wrapped around %u times", what, wraps);
	mon_shm_ref(d);
	CHECK_EQ(d->refcnt, 2, "%s: mon_shm_ref", what);
	mon_shm_done(d);
	CHECK_EQ(d->refcnt, 1, "%s: mon_shm_done keeps it while referenced", what);
	CHECK_EQ(mon_shm_trylock(d), 0, "%s: still usable", what);
	mon_shm_unlock(d);
	mon_shm_done(d);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "consumer"))
		return consumer(argv[2]);
	prog = argv[0];
#ifndef NATIVE
	if (strrchr(prog, '/'))
		prog = strrchr(prog, '/') + 1;
#endif
	mon_buffer bad;
	mon_buffer_init(&bad);
	CHECK(mon_shm_decode(&bad, 0) == NULL, "decode of an empty buffer fails");
	CHECK(mon_shm_new(100, NULL, (mon_shm_impl)7) == NULL && errno == EINVAL, "unknown implementation -> EINVAL");
	run_pair(MON_SHM_IMPL_POSIX, "POSIX");
	run_pair(MON_SHM_IMPL_SYSV, "SYSV");
	run_pair(MON_SHM_IMPL_AUTO, "AUTO");
	return done();
}
