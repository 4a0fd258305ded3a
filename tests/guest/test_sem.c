/*
 * test_sem.c - POSIX semaphores (issue 6): sem_init/sem_destroy (unnamed,
 * pshared in shared memory across fork), sem_open/sem_close/sem_unlink
 * (named), sem_wait, sem_trywait (EAGAIN), sem_timedwait against the clock
 * (ETIMEDOUT, EINVAL), sem_post, sem_getvalue.  POSIX only: also built
 * natively (-DNATIVE) and run on Linux.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "check.h"

/* Nanoseconds of CLOCK_REALTIME. */
static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* An absolute CLOCK_REALTIME deadline ms from now. */
static struct timespec deadline_ms(int ms)
{
	int64_t t = now_ns() + (int64_t)ms * 1000000;
	struct timespec ts = { (time_t)(t / 1000000000), (long)(t % 1000000000) };
	return ts;
}

static void test_unnamed(void)
{
	sem_t s;
	int v = -1;
	CHECK_OK(sem_init(&s, 0, 3), "sem_init value 3");
	CHECK_OK(sem_getvalue(&s, &v), "sem_getvalue");
	CHECK_EQ(v, 3, "value 3");
	CHECK_OK(sem_trywait(&s), "trywait 1");
	CHECK_OK(sem_wait(&s), "wait 2");
	CHECK_OK(sem_trywait(&s), "trywait 3");
	CHECK_ERR(sem_trywait(&s), EAGAIN, "trywait at 0 -> EAGAIN");
	CHECK_OK(sem_post(&s), "post");
	sem_getvalue(&s, &v);
	CHECK_EQ(v, 1, "value 1 after post");
	CHECK_OK(sem_wait(&s), "wait takes it");

	struct timespec dl = deadline_ms(25);
	int64_t t0 = now_ns();
	CHECK_ERR(sem_timedwait(&s, &dl), ETIMEDOUT, "timedwait at 0 -> ETIMEDOUT");
	int64_t waited = now_ns() - t0;
	CHECK(waited >= 24000000, "... after the deadline (%lld ns)", (long long)waited);
	struct timespec past = deadline_ms(-5);
	CHECK_ERR(sem_timedwait(&s, &past), ETIMEDOUT, "timedwait with a past deadline -> ETIMEDOUT");
	struct timespec bad = { 0, 1000000000 };
	CHECK_ERR(sem_timedwait(&s, &bad), EINVAL, "timedwait with tv_nsec 1e9 -> EINVAL");
	struct timespec neg = { 0, -1 };
	CHECK_ERR(sem_timedwait(&s, &neg), EINVAL, "timedwait with tv_nsec -1 -> EINVAL");
	sem_post(&s);
	dl = deadline_ms(10);
	CHECK_OK(sem_timedwait(&s, &dl), "timedwait with a unit available succeeds at once");
	CHECK_ERR(sem_init(&s, 0, (unsigned)SEM_VALUE_MAX + 1u), EINVAL, "sem_init above SEM_VALUE_MAX -> EINVAL");
	CHECK_OK(sem_init(&s, 0, SEM_VALUE_MAX), "sem_init at SEM_VALUE_MAX");
	CHECK_ERR(sem_post(&s), EOVERFLOW, "post past SEM_VALUE_MAX -> EOVERFLOW");
	CHECK_OK(sem_destroy(&s), "sem_destroy");
}

static sem_t tsem;
static volatile int woke;

static void *waiter(void *arg)
{
	(void)arg;
	sem_wait(&tsem);
	woke = 1;
	return NULL;
}

static void test_wake_thread(void)
{
	pthread_t t;
	sem_init(&tsem, 0, 0);
	woke = 0;
	CHECK_EQ(pthread_create(&t, NULL, waiter, NULL), 0, "create a waiter");
	struct timespec req = { 0, 5000000 };
	nanosleep(&req, NULL);
	CHECK_EQ(woke, 0, "the thread waits on the empty semaphore");
	sem_post(&tsem);
	pthread_join(t, NULL);
	CHECK_EQ(woke, 1, "sem_post wakes it");
	sem_destroy(&tsem);
}

#define ROUNDS 200

static void test_pshared_pingpong(void)
{
	struct pp { sem_t ping, pong; volatile int ball; } *pp;
	pp = mmap(NULL, sizeof *pp, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON, -1, 0);
	REQUIRE(pp != MAP_FAILED, "mmap shared");
	CHECK_OK(sem_init(&pp->ping, 1, 0), "sem_init pshared ping");
	CHECK_OK(sem_init(&pp->pong, 1, 0), "sem_init pshared pong");
	pp->ball = 0;
	pid_t c = fork();
	if (c < 0)
		REQUIRE(0, "fork failed");
	if (c == 0) {
		int ok = 1;
		for (int i = 0; i < ROUNDS; i++) {
			sem_wait(&pp->ping);
			ok &= pp->ball == 2 * i + 1;
			pp->ball++;
			sem_post(&pp->pong);
		}
		_exit(ok ? 0 : 1);
	}
	int ok = 1;
	for (int i = 0; i < ROUNDS; i++) {
		pp->ball++;
		sem_post(&pp->ping);
		sem_wait(&pp->pong);
		ok &= pp->ball == 2 * i + 2;
	}
	CHECK(ok, "%d round trips between two processes, strictly alternating", ROUNDS);
	int st;
	waitpid(c, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child saw every ball too");
	sem_destroy(&pp->ping);
	sem_destroy(&pp->pong);
	munmap(pp, sizeof *pp);
}

static void test_named(void)
{
	sem_unlink("/t_sem_named");
	CHECK(sem_open("/t_sem_named", 0) == SEM_FAILED && errno == ENOENT, "sem_open of a missing name -> ENOENT");
	sem_t *s = sem_open("/t_sem_named", O_CREAT | O_EXCL, 0600, 0);
	REQUIRE(s != SEM_FAILED, "sem_open O_CREAT|O_EXCL");
	CHECK(sem_open("/t_sem_named", O_CREAT | O_EXCL, 0600, 0) == SEM_FAILED && errno == EEXIST,
	      "O_CREAT|O_EXCL on an existing name -> EEXIST");
	sem_t *s2 = sem_open("/t_sem_named", O_CREAT, 0600, 5);
	CHECK(s2 == s, "a second sem_open in the process gives the same semaphore");
	int v = -1;
	sem_getvalue(s, &v);
	CHECK_EQ(v, 0, "O_CREAT on an existing semaphore keeps its value");
	CHECK(sem_open("/t_sem_named2", O_CREAT, 0600, (unsigned)SEM_VALUE_MAX + 1u) == SEM_FAILED &&
	      errno == EINVAL, "value above SEM_VALUE_MAX -> EINVAL");
	pid_t c = fork();
	if (c < 0)
		REQUIRE(0, "fork failed");
	if (c == 0) {
		sem_t *cs = sem_open("/t_sem_named", 0);
		if (cs == SEM_FAILED)
			_exit(1);
		sem_post(cs);
		sem_post(cs);
		sem_close(cs);
		_exit(0);
	}
	CHECK_OK(sem_wait(s), "wait for the child's first post");
	CHECK_OK(sem_wait(s), "and its second");
	int st;
	waitpid(c, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child opened the semaphore by name");
	CHECK_OK(sem_close(s2), "sem_close (one of two opens)");
	CHECK_OK(sem_unlink("/t_sem_named"), "sem_unlink");
	CHECK_ERR(sem_unlink("/t_sem_named"), ENOENT, "sem_unlink again -> ENOENT");
	CHECK_OK(sem_post(s), "the unlinked semaphore still works while open");
	CHECK_OK(sem_trywait(s), "... both ways");
	CHECK_OK(sem_close(s), "sem_close");
	CHECK(sem_open("/t_sem_named", 0) == SEM_FAILED && errno == ENOENT, "the name is gone");
}

int main(void)
{
	test_unnamed();
	test_wake_thread();
	test_pshared_pingpong();
	test_named();
	return done();
}
