/*
 * test_mon_shm_kill.c - a producer killed in the middle of a transfer
 * leaves the consumer and the shared objects in a consistent, documented
 * state (issue 6):
 * 1. killed between two appends (blocked waiting for room): the ring's
 *    offsets are valid, every byte in it continues the sequence (tail is
 *    stored only after the bytes), the lock is free, the segment stays
 *    mapped and its shm object named until the master unlinks it;
 * 2. killed while holding the mon_shm POSIX lock: the lock stays taken
 *    (a POSIX semaphore has no owner to undo: trylock -> EAGAIN, a timed
 *    wait -> ETIMEDOUT), the data stays consistent;
 * 3. a System V semaphore taken with SEM_UNDO is given back at the
 *    killed holder's exit (the MON_SHM_IMPL_SYSV lock).
 * Built natively too (-DNATIVE).
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <monitor/monitor.h>

#include "check.h"

struct ctl {
	sem_t        room;        /* posted by the consumer after reading */
	volatile int waiting;     /* the producer is (about to be) blocked on room */
	volatile int locked;      /* case 2: the producer holds the lock */
};

static unsigned char pat(unsigned i)
{
	return (unsigned char)(i * 29u + 3);
}

/* Wait for *flag == v, pausing (bounded: ~10 s of pauses). */
static int wait_flag(volatile int *flag, int v)
{
	struct timespec ts = { 0, 1000000 };
	for (int i = 0; i < 10000 && *flag != v; i++)
		nanosleep(&ts, NULL);
	return *flag == v;
}

/* The producer: append the sequence forever, waiting for room. */
static void produce(mon_shm_desc *d, struct ctl *c)
{
	unsigned i = 0;
	unsigned char buf[300];
	for (;;) {
		mon_shm_lock(d);
		size_t n = mon_shm_rbuf_avail(&d->header->rbuf);
		if (n > sizeof buf)
			n = sizeof buf;
		for (size_t k = 0; k < n; k++)
			buf[k] = pat(i + (unsigned)k);
		mon_shm_rbuf_append(&d->header->rbuf, d->header, buf, n);
		i += (unsigned)n;
		mon_shm_unlock(d);
		if (n == 0) {
			c->waiting = 1;
			sem_wait(&c->room);
			c->waiting = 0;
		}
	}
}

static void test_killed_between_appends(void)
{
	mon_shm_desc *d = mon_shm_new(8192, NULL, MON_SHM_IMPL_POSIX);
	REQUIRE(d != NULL, "mon_shm_new");
	struct ctl *c;
	REQUIRE(mon_shm_data_alloc(d, sizeof *c, (void **)&c) == 0, "data_alloc");
	sem_init(&c->room, 1, 0);
	c->waiting = 0;
	pid_t p = fork();
	if (p < 0)
		REQUIRE(0, "fork failed");
	if (p == 0) {
		produce(d, c);
		_exit(0);
	}
	/* read 3 ring-fulls, then kill the producer while it waits for room */
	unsigned got = 0, bad = 0;
	unsigned char buf[500];
	mon_shm_rbuf *r = &d->header->rbuf;
	for (int round = 0; round < 3; round++) {
		CHECK(wait_flag(&c->waiting, 1), "round %d: the ring is full, the producer waits", round);
		mon_shm_lock(d);
		size_t n = mon_shm_rbuf_len(r);
		n = n > 1000 ? 1000 : n;
		while (n) {
			size_t k = n > sizeof buf ? sizeof buf : n;
			mon_shm_rbuf_read(r, d->header, buf, k);
			for (size_t j = 0; j < k; j++, got++)
				bad += buf[j] != pat(got);
			n -= k;
		}
		mon_shm_unlock(d);
		if (round < 2)
			sem_post(&c->room);
	}
	CHECK(kill(p, SIGKILL) == 0, "kill the producer mid-transfer (%u bytes read so far)", got);
	int st;
	waitpid(p, &st, 0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "it died of SIGKILL");
	CHECK(r->head >= r->begin && r->head < r->end && r->tail >= r->begin && r->tail < r->end,
	      "the ring's offsets are inside the ring");
	CHECK_EQ(mon_shm_trylock(d), 0, "the lock is free (the producer died outside it)");
	size_t left = mon_shm_rbuf_len(r);
	CHECK(left > 0, "data the producer appended before dying is still there (%u bytes)", (unsigned)left);
	while (mon_shm_rbuf_len(r)) {
		size_t k = mon_shm_rbuf_len(r) > sizeof buf ? sizeof buf : mon_shm_rbuf_len(r);
		mon_shm_rbuf_read(r, d->header, buf, k);
		for (size_t j = 0; j < k; j++, got++)
			bad += buf[j] != pat(got);
	}
	CHECK_EQ(bad, 0, "all %u bytes continue the sequence: nothing torn", got);
	unsigned char one = 42;
	mon_shm_rbuf_append(r, d->header, &one, 1);
	CHECK_EQ(mon_shm_rbuf_len(r), 1, "the segment is still usable");
	mon_shm_unlock(d);
	sem_destroy(&c->room);
	mon_shm_done(d);
}

static void test_killed_holding_lock(void)
{
	mon_shm_desc *d = mon_shm_new(4096, NULL, MON_SHM_IMPL_POSIX);
	REQUIRE(d != NULL, "mon_shm_new");
	struct ctl *c;
	REQUIRE(mon_shm_data_alloc(d, sizeof *c, (void **)&c) == 0, "data_alloc");
	c->locked = 0;
	pid_t p = fork();
	if (p < 0)
		REQUIRE(0, "fork failed");
	if (p == 0) {
		mon_shm_lock(d);
		unsigned char b[3] = { pat(0), pat(1), pat(2) };
		mon_shm_rbuf_append(&d->header->rbuf, d->header, b, 3);
		c->locked = 1;
		for (;;) {
			struct timespec ts = { 1, 0 };
			nanosleep(&ts, NULL);
		}
	}
	CHECK(wait_flag(&c->locked, 1), "the producer holds the lock");
	kill(p, SIGKILL);
	int st;
	waitpid(p, &st, 0);
	CHECK(WIFSIGNALED(st), "killed while holding the lock");
	CHECK_EQ(mon_shm_trylock(d), EAGAIN, "documented: a POSIX-semaphore lock stays taken -> EAGAIN");
	CHECK_EQ(mon_shm_rbuf_len(&d->header->rbuf), 3, "its completed append is there");
	mon_shm_done(d);
}

static void test_sysv_undo_releases(void)
{
	int id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	REQUIRE(id >= 0, "semget");
	struct sembuf up = { 0, 1, 0 }, down = { 0, -1, SEM_UNDO }, trydown = { 0, -1, IPC_NOWAIT | SEM_UNDO };
	semop(id, &up, 1);
	volatile int *flag = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON, -1, 0);
	*flag = 0;
	pid_t p = fork();
	if (p < 0)
		REQUIRE(0, "fork failed");
	if (p == 0) {
		semop(id, &down, 1);
		*flag = 1;
		for (;;) {
			struct timespec ts = { 1, 0 };
			nanosleep(&ts, NULL);
		}
	}
	CHECK(wait_flag(flag, 1), "the child holds the System V lock");
	CHECK_ERR(semop(id, &trydown, 1), EAGAIN, "taken");
	kill(p, SIGKILL);
	waitpid(p, NULL, 0);
	CHECK_OK(semop(id, &trydown, 1), "SEM_UNDO released it when the holder was killed");
	semctl(id, 0, IPC_RMID);
	munmap((void *)flag, 4096);
}

int main(void)
{
	test_killed_between_appends();
	test_killed_holding_lock();
	test_sysv_undo_releases();
	return done();
}
