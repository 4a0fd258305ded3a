/*
 * pthread_more.c - pthread_once, thread-specific data, read-write locks,
 * barriers and spin locks, on the futex words and the mutexes and
 * condition variables of thread.c.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include "atomic.h"
#include "thread.h"

/* ---- once ------------------------------------------------------------- */

int pthread_once(pthread_once_t *o, void (*fn)(void))
{
	if (o->__state == 2)
		return 0;
	if (__cas(&o->__state, 0, 1) == 0) {
		fn();
		__xchg(&o->__state, 2);
		__futex_wake(&o->__state, 0x7fffffff);
		return 0;
	}
	while (o->__state != 2)
		__futex_wait(&o->__state, 1, 0);
	return 0;
}

/* ---- thread-specific data -------------------------------------------- */

/* A key's slot is reused after pthread_key_delete; its generation tells a
 * thread's value of the old key (ignored: it reads as NULL) from one of
 * the new. */
static struct { int used; unsigned gen; void (*destructor)(void *); } keytab[PTHREAD_KEYS_MAX];
static pthread_mutex_t keylock = PTHREAD_MUTEX_INITIALIZER;
struct tkey { unsigned gen; void *v; };      /* a thread's value of one key */
static void run_key_destructors(void);

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	__key_exit_hook = run_key_destructors;
	pthread_mutex_lock(&keylock);
	for (unsigned k = 0; k < PTHREAD_KEYS_MAX; k++)
		if (!keytab[k].used) {
			keytab[k].used = 1;
			keytab[k].gen++;
			keytab[k].destructor = destructor;
			pthread_mutex_unlock(&keylock);
			*key = k;
			return 0;
		}
	pthread_mutex_unlock(&keylock);
	return EAGAIN;
}

int pthread_key_delete(pthread_key_t key)
{
	pthread_mutex_lock(&keylock);
	int ok = key < PTHREAD_KEYS_MAX && keytab[key].used;
	if (ok) {
		keytab[key].used = 0;
		keytab[key].destructor = 0;
	}
	pthread_mutex_unlock(&keylock);
	return ok ? 0 : EINVAL;
}

/* The calling thread's slot for key (a live key), or NULL if it has none yet. */
static struct tkey *slot(pthread_key_t key)
{
	struct tkey *t = __self()->keys;
	return t && t[key].gen == keytab[key].gen ? &t[key] : NULL;
}

void *pthread_getspecific(pthread_key_t key)
{
	if (key >= PTHREAD_KEYS_MAX || !keytab[key].used)
		return NULL;
	struct tkey *t = slot(key);
	return t ? t->v : NULL;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	struct __tdesc *d = __self();
	if (key >= PTHREAD_KEYS_MAX || !keytab[key].used)
		return EINVAL;
	if (!d->keys && !(d->keys = calloc(PTHREAD_KEYS_MAX, sizeof(struct tkey))))
		return ENOMEM;
	struct tkey *t = d->keys;
	t[key].gen = keytab[key].gen;
	t[key].v = (void *)value;
	return 0;
}

/* At pthread_exit: the values to their destructors, then the table goes. */
static void run_key_destructors(void)
{
	struct __tdesc *d = __self();
	for (int round = 0; d->keys && round < PTHREAD_DESTRUCTOR_ITERATIONS; round++) {
		int any = 0;
		for (unsigned k = 0; k < PTHREAD_KEYS_MAX; k++) {
			struct tkey *t = keytab[k].used ? slot(k) : NULL;
			if (!t || !t->v || !keytab[k].destructor)
				continue;
			void *v = t->v;
			t->v = NULL;
			keytab[k].destructor(v);
			any = 1;
		}
		if (!any)
			break;
	}
	free(d->keys);
	d->keys = NULL;
}

/* ---- read-write locks ------------------------------------------------ */

int pthread_rwlockattr_init(pthread_rwlockattr_t *a)    { a->__pshared = PTHREAD_PROCESS_PRIVATE; return 0; }
int pthread_rwlockattr_destroy(pthread_rwlockattr_t *a) { (void)a; return 0; }

int pthread_rwlock_init(pthread_rwlock_t *l, const pthread_rwlockattr_t *a)
{
	(void)a;
	*l = (pthread_rwlock_t)PTHREAD_RWLOCK_INITIALIZER;
	return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *l)
{
	return l->__readers || l->__writer ? EBUSY : 0;
}

/* Take l for reading (write: for writing); abs: deadline or NULL; try: do not wait. */
static int rwlock_take(pthread_rwlock_t *l, int write, const struct timespec *abs, int try)
{
	int me = __owner_id(), r = 0;
	pthread_mutex_lock(&l->__m);
	if (l->__writer == me) {            /* the try forms say busy, as glibc's */
		pthread_mutex_unlock(&l->__m);
		return try ? EBUSY : EDEADLK;
	}
	if (write) {
		l->__writers_waiting++;
		while (r == 0 && (l->__writer || l->__readers))
			r = try ? EBUSY : pthread_cond_timedwait(&l->__writers_go, &l->__m, abs);
		l->__writers_waiting--;
		if (r == 0)
			l->__writer = me;
	} else {
		while (r == 0 && l->__writer)          /* readers first, as glibc's default */
			r = try ? EBUSY : pthread_cond_timedwait(&l->__readers_go, &l->__m, abs);
		if (r == 0)
			l->__readers++;
	}
	pthread_mutex_unlock(&l->__m);
	return r;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *l)    { return rwlock_take(l, 0, 0, 0); }
int pthread_rwlock_tryrdlock(pthread_rwlock_t *l) { return rwlock_take(l, 0, 0, 1); }
int pthread_rwlock_wrlock(pthread_rwlock_t *l)    { return rwlock_take(l, 1, 0, 0); }
int pthread_rwlock_trywrlock(pthread_rwlock_t *l) { return rwlock_take(l, 1, 0, 1); }

int pthread_rwlock_timedrdlock(pthread_rwlock_t *l, const struct timespec *abs)
{
	return rwlock_take(l, 0, abs, 0);
}

int pthread_rwlock_timedwrlock(pthread_rwlock_t *l, const struct timespec *abs)
{
	return rwlock_take(l, 1, abs, 0);
}

int pthread_rwlock_unlock(pthread_rwlock_t *l)
{
	int me = __owner_id(), r = 0;
	pthread_mutex_lock(&l->__m);
	if (l->__writer == me)
		l->__writer = 0;
	else if (l->__readers > 0 && !l->__writer)
		l->__readers--;
	else
		r = EPERM;
	if (r == 0 && !l->__writer && !l->__readers) {
		if (l->__writers_waiting)
			pthread_cond_signal(&l->__writers_go);
		pthread_cond_broadcast(&l->__readers_go);
	}
	pthread_mutex_unlock(&l->__m);
	return r;
}

/* ---- barriers ------------------------------------------------------------ */

int pthread_barrierattr_init(pthread_barrierattr_t *a)    { a->__pshared = PTHREAD_PROCESS_PRIVATE; return 0; }
int pthread_barrierattr_destroy(pthread_barrierattr_t *a) { (void)a; return 0; }

int pthread_barrier_init(pthread_barrier_t *b, const pthread_barrierattr_t *a, unsigned count)
{
	(void)a;
	if (count == 0)
		return EINVAL;
	*b = (pthread_barrier_t){ PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, count, 0, 0 };
	return 0;
}

int pthread_barrier_destroy(pthread_barrier_t *b)
{
	return b->__waiting ? EBUSY : 0;
}

int pthread_barrier_wait(pthread_barrier_t *b)
{
	pthread_mutex_lock(&b->__m);
	unsigned cycle = b->__cycle;
	if (++b->__waiting == b->__count) {
		b->__waiting = 0;
		b->__cycle++;
		pthread_cond_broadcast(&b->__c);
		pthread_mutex_unlock(&b->__m);
		return PTHREAD_BARRIER_SERIAL_THREAD;
	}
	while (cycle == b->__cycle)
		pthread_cond_wait(&b->__c, &b->__m);
	pthread_mutex_unlock(&b->__m);
	return 0;
}

/* ---- spin locks ------------------------------------------------------------ */

int pthread_spin_init(pthread_spinlock_t *l, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	l->__lock = 0;
	return 0;
}

int pthread_spin_destroy(pthread_spinlock_t *l) { return l->__lock ? EBUSY : 0; }

int pthread_spin_lock(pthread_spinlock_t *l)
{
	while (__cas(&l->__lock, 0, 1) != 0)
		sched_yield();
	return 0;
}

int pthread_spin_trylock(pthread_spinlock_t *l) { return __cas(&l->__lock, 0, 1) == 0 ? 0 : EBUSY; }
int pthread_spin_unlock(pthread_spinlock_t *l)  { __xchg(&l->__lock, 0); return 0; }
