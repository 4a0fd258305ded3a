/*
 * test_threads.c - pthreads (issue 6): create/join/exit/self, errno per
 * thread, mutexes (normal, recursive, error-checking; process-private and
 * PTHREAD_PROCESS_SHARED across fork), condition variables, timed waits,
 * clock_gettime/nanosleep.  POSIX only: also built natively (-DNATIVE).
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "check.h"

#define NTHREADS 4
#define ROUNDS   500

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static volatile int counter;

/* Nanoseconds of CLOCK_MONOTONIC. */
static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* An absolute CLOCK_REALTIME deadline ms from now. */
static struct timespec deadline_ms(int ms)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += (long)(ms % 1000) * 1000000;
	ts.tv_sec += ms / 1000 + ts.tv_nsec / 1000000000;
	ts.tv_nsec %= 1000000000;
	return ts;
}

static void *adder(void *arg)
{
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		int v = counter;
		if ((i & 7) == 0)
			sched_yield();
		counter = v + 1;
		pthread_mutex_unlock(&lock);
	}
	return (void *)((uintptr_t)arg * 10);
}

static void *set_errno(void *arg)
{
	(void)arg;
	errno = 1234;
	return (void *)(uintptr_t)(errno == 1234);
}

static void *exit_early(void *arg)
{
	(void)arg;
	pthread_exit((void *)77);
	return NULL;
}

static void test_create_join(void)
{
	pthread_t t[NTHREADS];
	counter = 0;
	for (int i = 0; i < NTHREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, adder, (void *)(uintptr_t)(i + 1)), 0, "pthread_create %d", i);
	int ok = 1;
	for (int i = 0; i < NTHREADS; i++) {
		void *r = NULL;
		ok &= pthread_join(t[i], &r) == 0 && r == (void *)(uintptr_t)((i + 1) * 10);
	}
	CHECK(ok, "every thread joined with its own return value");
	CHECK_EQ(counter, NTHREADS * ROUNDS, "the mutex kept every increment");

	errno = 5;
	pthread_t e;
	void *r = NULL;
	CHECK_EQ(pthread_create(&e, NULL, set_errno, NULL), 0, "create");
	CHECK_EQ(pthread_join(e, &r), 0, "join");
	CHECK(r == (void *)1, "the thread saw its own errno");
	CHECK_EQ(errno, 5, "main's errno untouched by another thread");

	CHECK_EQ(pthread_create(&e, NULL, exit_early, NULL), 0, "create");
	CHECK_EQ(pthread_join(e, &r), 0, "join");
	CHECK(r == (void *)77, "pthread_exit's value reaches join");
	CHECK(pthread_equal(pthread_self(), pthread_self()), "pthread_equal(self, self)");
	CHECK(!pthread_equal(pthread_self(), e), "another thread is not self");
	CHECK_EQ(pthread_join(pthread_self(), NULL), EDEADLK, "join self -> EDEADLK");
}

static pthread_mutex_t held;
static void *try_held(void *arg)
{
	(void)arg;
	return (void *)(uintptr_t)pthread_mutex_trylock(&held);
}

static void *unlock_held(void *arg)
{
	(void)arg;
	return (void *)(uintptr_t)pthread_mutex_unlock(&held);
}

/* Result of fn run in a new thread. */
static int in_thread(void *(*fn)(void *))
{
	pthread_t t;
	void *r = (void *)-1;
	if (pthread_create(&t, NULL, fn, NULL) != 0 || pthread_join(t, &r) != 0)
		return -1;
	return (int)(uintptr_t)r;
}

static void test_mutex_types(void)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	CHECK_EQ(pthread_mutexattr_settype(&a, 99), EINVAL, "settype 99 -> EINVAL");

	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&held, &a);
	CHECK_EQ(pthread_mutex_lock(&held), 0, "recursive: lock");
	CHECK_EQ(pthread_mutex_lock(&held), 0, "recursive: lock again");
	CHECK_EQ(pthread_mutex_trylock(&held), 0, "recursive: trylock by the owner");
	CHECK_EQ(in_thread(try_held), EBUSY, "recursive: another thread's trylock -> EBUSY");
	CHECK_EQ(in_thread(unlock_held), EPERM, "recursive: unlock by a non-owner -> EPERM");
	CHECK_EQ(pthread_mutex_unlock(&held), 0, "recursive: unlock 1");
	CHECK_EQ(pthread_mutex_unlock(&held), 0, "recursive: unlock 2");
	CHECK_EQ(in_thread(try_held), EBUSY, "recursive: still held once");
	CHECK_EQ(pthread_mutex_unlock(&held), 0, "recursive: unlock 3");
	CHECK_EQ(in_thread(try_held), 0, "recursive: free now, another thread takes it");
	pthread_mutex_destroy(&held);

	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&held, &a);
	CHECK_EQ(pthread_mutex_unlock(&held), EPERM, "errorcheck: unlock of an unlocked mutex -> EPERM");
	CHECK_EQ(pthread_mutex_lock(&held), 0, "errorcheck: lock");
	CHECK_EQ(pthread_mutex_lock(&held), EDEADLK, "errorcheck: relock -> EDEADLK");
	CHECK_EQ(in_thread(unlock_held), EPERM, "errorcheck: unlock by a non-owner -> EPERM");
	CHECK_EQ(pthread_mutex_unlock(&held), 0, "errorcheck: unlock");
	pthread_mutex_destroy(&held);

	pthread_mutex_init(&held, NULL);
	CHECK_EQ(pthread_mutex_trylock(&held), 0, "normal: trylock takes a free mutex");
	CHECK_EQ(pthread_mutex_trylock(&held), EBUSY, "normal: trylock of a held mutex -> EBUSY");
	struct timespec dl = deadline_ms(20);
	int64_t t0 = now_ns();
	CHECK_EQ(pthread_mutex_timedlock(&held, &dl), ETIMEDOUT, "normal: timedlock of a held mutex -> ETIMEDOUT");
	CHECK(now_ns() - t0 >= 19000000, "... after the 20 ms deadline");
	CHECK_EQ(pthread_mutex_unlock(&held), 0, "normal: unlock");
	pthread_mutex_destroy(&held);
	pthread_mutexattr_destroy(&a);
}

/* A one-slot queue between threads with a condition variable. */
static pthread_mutex_t qm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t qc = PTHREAD_COND_INITIALIZER;
static int slot, full;

static void *consumer(void *arg)
{
	(void)arg;
	int sum = 0;
	for (int i = 0; i < 50; i++) {
		pthread_mutex_lock(&qm);
		while (!full)
			pthread_cond_wait(&qc, &qm);
		sum += slot;
		full = 0;
		pthread_cond_broadcast(&qc);
		pthread_mutex_unlock(&qm);
	}
	return (void *)(uintptr_t)sum;
}

static void test_cond(void)
{
	pthread_t t;
	CHECK_EQ(pthread_create(&t, NULL, consumer, NULL), 0, "create consumer");
	for (int i = 1; i <= 50; i++) {
		pthread_mutex_lock(&qm);
		while (full)
			pthread_cond_wait(&qc, &qm);
		slot = i;
		full = 1;
		pthread_cond_signal(&qc);
		pthread_mutex_unlock(&qm);
	}
	void *r;
	pthread_join(t, &r);
	CHECK_EQ((int)(uintptr_t)r, 50 * 51 / 2, "condition variable queue: every item once, in order");

	pthread_mutex_lock(&qm);
	struct timespec dl = deadline_ms(5);
	CHECK_EQ(pthread_cond_timedwait(&qc, &qm, &dl), ETIMEDOUT, "cond_timedwait with nobody signalling -> ETIMEDOUT");
	CHECK_EQ(pthread_mutex_trylock(&qm), EBUSY, "... and the mutex is held again");
	pthread_mutex_unlock(&qm);
}

static void test_time(void)
{
	int64_t t0 = now_ns();
	struct timespec req = { 0, 30000000 };
	CHECK_OK(nanosleep(&req, NULL), "nanosleep 30 ms");
	int64_t t1 = now_ns();
	CHECK(t1 - t0 >= 30000000, "the clock advanced by at least 30 ms (%lld ns)", (long long)(t1 - t0));
	CHECK(t1 - t0 < 2000000000, "... and by less than 2 s");
	struct timespec bad = { 0, 1000000000 };
	CHECK_ERR(nanosleep(&bad, NULL), EINVAL, "nanosleep with tv_nsec 1e9 -> EINVAL");
	CHECK_ERR(clock_gettime((clockid_t)12345, &req), EINVAL, "clock_gettime of an unknown clock -> EINVAL");
}

/* Shared memory for the cross-process mutex. */
struct shared {
	pthread_mutex_t m;
	volatile int counter;
	volatile int child_has_lock;
};

static void test_pshared_mutex(void)
{
	struct shared *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON, -1, 0);
	REQUIRE(sh != MAP_FAILED, "mmap shared");
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	CHECK_EQ(pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED), 0, "setpshared");
	int ps = 0;
	pthread_mutexattr_getpshared(&a, &ps);
	CHECK_EQ(ps, PTHREAD_PROCESS_SHARED, "getpshared");
	CHECK_EQ(pthread_mutexattr_setpshared(&a, 7), EINVAL, "setpshared 7 -> EINVAL");
	pthread_mutex_init(&sh->m, &a);
	sh->counter = 0;
	sh->child_has_lock = 0;

	/* The parent holds the lock: the child must block (in the kernel:
	 * under mmsim without --quantum a spinning child would never let
	 * the parent run again), then get it once the parent unlocks. */
	pthread_mutex_lock(&sh->m);
	pid_t c = fork();
	if (c < 0)
		REQUIRE(0, "fork failed");
	if (c == 0) {
		pthread_mutex_lock(&sh->m);
		sh->child_has_lock = 1;
		for (int i = 0; i < ROUNDS; i++)
			sh->counter++;
		pthread_mutex_unlock(&sh->m);
		for (int i = 0; i < ROUNDS; i++) {
			pthread_mutex_lock(&sh->m);
			sh->counter++;
			pthread_mutex_unlock(&sh->m);
		}
		_exit(0);
	}
	struct timespec req = { 0, 10000000 };
	nanosleep(&req, NULL);                 /* the child runs and blocks */
	CHECK_EQ(sh->child_has_lock, 0, "the child waits while the parent holds the shared mutex");
	pthread_mutex_unlock(&sh->m);
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&sh->m);
		sh->counter++;
		pthread_mutex_unlock(&sh->m);
	}
	int st;
	CHECK_EQ(waitpid(c, &st, 0), c, "waitpid");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child exit 0");
	CHECK_EQ(sh->child_has_lock, 1, "the child got the lock after the unlock");
	CHECK_EQ(sh->counter, 3 * ROUNDS, "every increment of both processes kept");
	pthread_mutex_destroy(&sh->m);
	munmap(sh, sizeof *sh);
}

/* A process-shared condition variable: the child waits, the parent signals. */
static void test_pshared_cond(void)
{
	struct pc { pthread_mutex_t m; pthread_cond_t c; volatile int ready, seen; } *sh;
	sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON, -1, 0);
	REQUIRE(sh != MAP_FAILED, "mmap shared");
	pthread_mutexattr_t ma;
	pthread_condattr_t ca;
	pthread_mutexattr_init(&ma);
	pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
	pthread_condattr_init(&ca);
	CHECK_EQ(pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED), 0, "condattr_setpshared");
	pthread_mutex_init(&sh->m, &ma);
	pthread_cond_init(&sh->c, &ca);
	sh->ready = sh->seen = 0;
	pid_t c = fork();
	if (c < 0)
		REQUIRE(0, "fork failed");
	if (c == 0) {
		pthread_mutex_lock(&sh->m);
		while (!sh->ready)
			pthread_cond_wait(&sh->c, &sh->m);
		sh->seen = 1;
		pthread_mutex_unlock(&sh->m);
		_exit(0);
	}
	struct timespec req = { 0, 5000000 };
	nanosleep(&req, NULL);
	pthread_mutex_lock(&sh->m);
	sh->ready = 1;
	pthread_cond_signal(&sh->c);
	pthread_mutex_unlock(&sh->m);
	int st;
	CHECK_EQ(waitpid(c, &st, 0), c, "waitpid");
	CHECK(WIFEXITED(st) && sh->seen == 1, "the child woke from the shared condition variable");
	munmap(sh, sizeof *sh);
}

int main(void)
{
	test_create_join();
	test_mutex_types();
	test_cond();
	test_time();
	test_pshared_mutex();
	test_pshared_cond();
	return done();
}
