/*
 * test_libc_cancel.c - deferred cancellation and cleanup handlers:
 * threads cancelled while blocked in sem_wait, pthread_cond_wait (mutex
 * held again when the handlers run) and sleep, cancel state and type,
 * pthread_testcancel, cleanup pop with and without execution, handlers at
 * pthread_exit; the scheduling attributes of threads.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

static sem_t never;                     /* nobody posts it */
static pthread_mutex_t mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static volatile int cleaned, progress, held_in_handler;
static sem_t ready, go;

/* note(arg): a cleanup handler: counts itself. */
static void note(void *arg)
{
	cleaned += (int)(long)arg;
}

/* unlock(arg): a cleanup handler for pthread_cond_wait: checks that it owns the mutex, unlocks. */
static void unlock(void *arg)
{
	held_in_handler = pthread_mutex_trylock(&mtx) == EBUSY;
	pthread_mutex_unlock(arg);
}

/* in_sem_wait(arg): block in sem_wait with a handler pushed. */
static void *in_sem_wait(void *arg)
{
	pthread_cleanup_push(note, (void *)1L);
	progress = 1;
	sem_wait(&never);
	progress = 2;                       /* never reached */
	pthread_cleanup_pop(0);
	return arg;
}

/* in_cond_wait(arg): block in pthread_cond_wait. */
static void *in_cond_wait(void *arg)
{
	pthread_mutex_lock(&mtx);
	pthread_cleanup_push(unlock, &mtx);
	for (;;)
		pthread_cond_wait(&cond, &mtx);
	pthread_cleanup_pop(1);
	return arg;
}

/* in_sleep(arg): sleep long. */
static void *in_sleep(void *arg)
{
	pthread_cleanup_push(note, (void *)10L);
	sleep(100);
	pthread_cleanup_pop(0);
	return arg;
}

/* disabled(arg): cancellation off while working (sem_wait is then no
 * cancellation point), then a test point. */
static void *disabled(void *arg)
{
	int old = -1;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	sem_post(&ready);                   /* tell main we are disabled */
	sem_wait(&go);                      /* main has cancelled us by now */
	for (int i = 0; i < 3; i++) {
		sched_yield();
		progress++;
	}
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
	pthread_testcancel();
	progress = 100;                     /* never reached */
	return arg;
}

/* exiting(arg): pthread_exit runs the handlers; pop(1) and pop(0). */
static void *exiting(void *arg)
{
	pthread_cleanup_push(note, (void *)100L);
	pthread_cleanup_push(note, (void *)1000L);
	pthread_cleanup_pop(1);             /* runs: +1000 */
	pthread_cleanup_push(note, (void *)5000L);
	pthread_cleanup_pop(0);             /* does not run */
	pthread_exit(arg);                  /* runs the outer one: +100 */
	pthread_cleanup_pop(0);
	return NULL;
}

int main(void)
{
	pthread_t t;
	void *v = NULL;
	sem_init(&never, 0, 0);

	REQUIRE(pthread_create(&t, NULL, in_sem_wait, NULL) == 0, "create (sem_wait)");
	while (progress != 1)
		sched_yield();
	sched_yield();
	CHECK_EQ(pthread_cancel(t), 0, "pthread_cancel");
	CHECK_EQ(pthread_join(t, &v), 0, "join");
	CHECK(v == PTHREAD_CANCELED, "a thread cancelled in sem_wait ends with PTHREAD_CANCELED");
	CHECK_EQ(cleaned, 1, "... its cleanup handler ran");
	CHECK_EQ(progress, 1, "... and it did not go on");

	cleaned = 0;
	REQUIRE(pthread_create(&t, NULL, in_cond_wait, NULL) == 0, "create (cond_wait)");
	for (int i = 0; i < 5; i++)
		sched_yield();
	CHECK_EQ(pthread_cancel(t), 0, "cancel a thread in pthread_cond_wait");
	CHECK_EQ(pthread_join(t, &v), 0, "join");
	CHECK(v == PTHREAD_CANCELED, "... PTHREAD_CANCELED");
	CHECK(held_in_handler, "the mutex was held again when the handler ran");
	CHECK_EQ(pthread_mutex_trylock(&mtx), 0, "the handler unlocked it");
	pthread_mutex_unlock(&mtx);

	cleaned = 0;
	REQUIRE(pthread_create(&t, NULL, in_sleep, NULL) == 0, "create (sleep)");
	sched_yield();
	CHECK_EQ(pthread_cancel(t), 0, "cancel a sleeping thread");
	CHECK_EQ(pthread_join(t, &v), 0, "join");
	CHECK(v == PTHREAD_CANCELED && cleaned == 10, "sleep is a cancellation point");

	sem_init(&ready, 0, 0);
	sem_init(&go, 0, 0);
	progress = 0;
	REQUIRE(pthread_create(&t, NULL, disabled, NULL) == 0, "create (disabled)");
	sem_wait(&ready);
	CHECK_EQ(pthread_cancel(t), 0, "cancel while disabled");
	sem_post(&go);
	CHECK_EQ(pthread_join(t, &v), 0, "join");
	CHECK(v == PTHREAD_CANCELED, "acted on at pthread_testcancel once enabled");
	CHECK_EQ(progress, 3, "... after the disabled part ran to its end");

	cleaned = 0;
	REQUIRE(pthread_create(&t, NULL, exiting, (void *)7L) == 0, "create (exit)");
	CHECK_EQ(pthread_join(t, &v), 0, "join");
	CHECK(v == (void *)7L, "pthread_exit's value");
	CHECK_EQ(cleaned, 1100, "pop(1) ran one handler, pop(0) none, pthread_exit the rest");

	int old;
	CHECK_EQ(pthread_setcancelstate(12345, &old), EINVAL, "bad cancel state: EINVAL");
	CHECK_EQ(pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, &old), 0, "setcanceltype");
	CHECK_EQ(old, PTHREAD_CANCEL_DEFERRED, "... the default was deferred");
	pthread_setcanceltype(PTHREAD_CANCEL_DEFERRED, NULL);
	CHECK_EQ(pthread_setcanceltype(12345, &old), EINVAL, "bad cancel type: EINVAL");

	pthread_attr_t a;
	struct sched_param sp = { .sched_priority = 5 }, got;
	int pol = -1, inh = -1, scope = -1;
	pthread_attr_init(&a);
	CHECK_EQ(pthread_attr_getinheritsched(&a, &inh), 0, "getinheritsched");
	CHECK_EQ(inh, PTHREAD_INHERIT_SCHED, "... inherit by default");
	CHECK_EQ(pthread_attr_setschedpolicy(&a, SCHED_RR), 0, "setschedpolicy RR");
	CHECK_EQ(pthread_attr_getschedpolicy(&a, &pol), 0, "getschedpolicy");
	CHECK_EQ(pol, SCHED_RR, "... RR");
	CHECK_EQ(pthread_attr_setschedparam(&a, &sp), 0, "setschedparam 5");
	memset(&got, 0, sizeof got);
	CHECK_EQ(pthread_attr_getschedparam(&a, &got), 0, "getschedparam");
	CHECK_EQ(got.sched_priority, 5, "... 5");
	CHECK_EQ(pthread_attr_setschedpolicy(&a, 12345), EINVAL, "bad policy: EINVAL");
	CHECK_EQ(pthread_attr_getscope(&a, &scope), 0, "getscope");
	CHECK_EQ(scope, PTHREAD_SCOPE_SYSTEM, "... system scope");
	CHECK_EQ(pthread_attr_setscope(&a, PTHREAD_SCOPE_PROCESS), ENOTSUP, "process scope: ENOTSUP (Linux)");
	pthread_attr_destroy(&a);
	CHECK_EQ(pthread_getschedparam(pthread_self(), &pol, &got), 0, "pthread_getschedparam(self)");
	CHECK_EQ(pol, SCHED_OTHER, "... SCHED_OTHER");
	return done();
}
