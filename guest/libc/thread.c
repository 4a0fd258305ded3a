/*
 * thread.c - errno per thread, pthreads, mutexes and condition variables
 * on futex words (see <pthread.h>).
 *
 * Mutex word: 0 free, 1 locked, 2 locked and someone may wait (Drepper,
 * "Futexes Are Tricky", mutex 2).  Condition variable: a sequence number;
 * a waiter sleeps while it is unchanged, signal/broadcast bump it.
 */
#include <errno.h>
#include <pthread.h>
#include <unistd.h>
#include <sys/mman.h>
#include <mmsim/guest_abi.h>
#include "libc.h"
#include "atomic.h"
#include "thread.h"

static struct __tdesc main_desc = { .tid = 1 };
struct __altstk __altstacks[__ALTSTK_MAX];   /* filled by sigaltstack (signal.c) */
int __naltstacks;
void (*__key_exit_hook)(void);

struct __tdesc *__self(void)
{
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
	if (sp >= GUEST_STACK_TOP - GUEST_STACK_SIZE && sp <= GUEST_STACK_TOP)
		return &main_desc;
	for (int i = 0; i < __naltstacks; i++)       /* a handler on an alternate stack */
		if (sp >= __altstacks[i].lo && sp <= __altstacks[i].hi)
			return __altstacks[i].d;
	return (struct __tdesc *)(sp & ~(uintptr_t)(__TSTACK - 1));
}

int *__errno(void)
{
	return &__self()->err;
}

void __thread_after_fork(void)
{
	struct __tdesc *d = __self();
	d->tid = 1;
	d->pid = 0;
}

int __owner_id(void)
{
	struct __tdesc *d = __self();
	if (!d->pid)
		d->pid = (uint32_t)getpid();
	return (int)(d->pid << 16 | (d->tid & 0xffff));
}

/* ---- threads -------------------------------------------------------- */

/* First code of every new thread: its descriptor in r0/r3. */
static _Noreturn void thread_start(struct __tdesc *d)
{
	d->tid = (uint32_t)__kcall(KC_GETTID, 0, 0, 0, 0, 0, 0, 0);
	pthread_exit(d->fn(d->arg));
}

int pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
	/* twice the size, then keep the aligned half */
	uint32_t len = 2 * __TSTACK;
	char *m = mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON | MAP_LAZY, NOFD, 0);
	if (m == MAP_FAILED)
		return EAGAIN;
	uintptr_t base = ((uintptr_t)m + __TSTACK - 1) & ~(uintptr_t)(__TSTACK - 1);
	if (base > (uintptr_t)m)
		munmap(m, base - (uintptr_t)m);
	if ((uintptr_t)m + len > base + __TSTACK)
		munmap((void *)(base + __TSTACK), (uintptr_t)m + len - (base + __TSTACK));
	struct __tdesc *d = (struct __tdesc *)base;
	d->err = 0;
	d->fn = fn;
	d->arg = arg;
	d->pid = __self()->pid;
	d->map = (void *)base;
	d->maplen = __TSTACK;
	d->cancel_disabled = d->cancel_async = d->cancel_pending = 0;
	d->wait_word = NULL;
	d->cleanup = NULL;
	d->keys = NULL;
	d->policy = attr && attr->__inherit == PTHREAD_EXPLICIT_SCHED ? attr->__policy : __self()->policy;
	d->prio = attr && attr->__inherit == PTHREAD_EXPLICIT_SCHED ? attr->__prio : __self()->prio;
	uint32_t sp = (uint32_t)(base + __TSTACK - 64);
	*(volatile uint32_t *)sp = 0;          /* PowerPC back chain: end of frames */
	long r = __kcall(KC_THREAD_CREATE, (long)(uintptr_t)thread_start, sp, (long)(uintptr_t)d, 0, 0, 0, 0);
	if (__kc_failed(r)) {
		munmap(d, __TSTACK);
		return (int)-r;
	}
	d->tid = (uint32_t)r;
	*t = (pthread_t)d;
	if (attr && attr->__detach == PTHREAD_CREATE_DETACHED)
		pthread_detach(*t);
	return 0;
}

int pthread_join(pthread_t t, void **value)
{
	struct __tdesc *d = (struct __tdesc *)t;
	if (!d)
		return ESRCH;
	uint32_t v = 0;
	__cancel_point();
	long r = __kcall(KC_THREAD_JOIN, d == &main_desc ? 1 : d->tid, KA_PTR(&v), 0, 0, 0, 0, 0);
	__cancel_point();
	if (__kc_failed(r))
		return (int)-r;
	if (value)
		*value = (void *)(uintptr_t)v;
	if (d != &main_desc)
		munmap(d->map, d->maplen);
	return 0;
}

_Noreturn void pthread_exit(void *value)
{
	__run_cleanup();
	if (__key_exit_hook)
		__key_exit_hook();
	for (;;)
		__kcall(KC_THREAD_EXIT, (long)(uintptr_t)value, 0, 0, 0, 0, 0, 0);
}

pthread_t pthread_self(void)
{
	return (pthread_t)__self();
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

int pthread_detach(pthread_t t)
{
	struct __tdesc *d = (struct __tdesc *)t;
	long r = __kcall(KC_THREAD_DETACH, d->tid, 0, 0, 0, 0, 0, 0);
	return __kc_failed(r) ? (int)-r : 0;
}

int pthread_attr_init(pthread_attr_t *a)
{
	a->__detach = PTHREAD_CREATE_JOINABLE;
	a->__stacksize = __TSTACK;
	a->__inherit = PTHREAD_INHERIT_SCHED;
	a->__policy = SCHED_OTHER;
	a->__prio = 10;
	a->__scope = PTHREAD_SCOPE_SYSTEM;
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *a)
{
	(void)a;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *a, int s)
{
	if (s != PTHREAD_CREATE_JOINABLE && s != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	a->__detach = s;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *a, int *s)
{
	*s = a->__detach;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *a, size_t size)
{
	if (size < 16384)
		return EINVAL;
	a->__stacksize = size;
	return 0;
}

/* ---- mutexes -------------------------------------------------------- */

int pthread_mutexattr_init(pthread_mutexattr_t *a)
{
	a->__type = PTHREAD_MUTEX_DEFAULT;
	a->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *a)
{
	(void)a;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *a, int type)
{
	if (type < PTHREAD_MUTEX_NORMAL || type > PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	a->__type = type;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *a, int *type)
{
	*type = a->__type;
	return 0;
}

int pthread_mutexattr_setpshared(pthread_mutexattr_t *a, int ps)
{
	if (ps != PTHREAD_PROCESS_PRIVATE && ps != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	a->__pshared = ps;
	return 0;
}

int pthread_mutexattr_getpshared(const pthread_mutexattr_t *a, int *ps)
{
	*ps = a->__pshared;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *a)
{
	m->__lock = 0;
	m->__type = a ? a->__type : PTHREAD_MUTEX_DEFAULT;
	m->__pshared = a ? a->__pshared : PTHREAD_PROCESS_PRIVATE;
	m->__owner = 0;
	m->__count = 0;
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	return m->__lock ? EBUSY : 0;
}

/* Take the lock word, waiting in the kernel; 0 or ETIMEDOUT/EINVAL. */
static int lock_word(volatile int *w, const struct timespec *abs)
{
	int c = __cas(w, 0, 1);
	if (c == 0)
		return 0;
	if (c != 2)
		c = __xchg(w, 2);
	while (c != 0) {
		long r = __futex_wait(w, 2, abs);
		if (r == -ETIMEDOUT || r == -EINVAL)
			return (int)-r;
		c = __xchg(w, 2);
	}
	return 0;
}

/* Lock with an optional deadline (timedlock). */
static int mutex_lock(pthread_mutex_t *m, const struct timespec *abs)
{
	int me = 0;
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		me = __owner_id();
		if (m->__owner == me) {
			if (m->__type == PTHREAD_MUTEX_ERRORCHECK)
				return EDEADLK;
			m->__count++;
			return 0;
		}
	}
	int r = lock_word(&m->__lock, abs);
	if (r)
		return r;
	m->__owner = me;
	m->__count = 1;
	return 0;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	return mutex_lock(m, 0);
}

int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abs)
{
	return mutex_lock(m, abs);
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		int me = __owner_id();
		if (m->__owner == me) {
			if (m->__type == PTHREAD_MUTEX_ERRORCHECK)
				return EBUSY;
			m->__count++;
			return 0;
		}
		if (__cas(&m->__lock, 0, 1) != 0)
			return EBUSY;
		m->__owner = me;
		m->__count = 1;
		return 0;
	}
	return __cas(&m->__lock, 0, 1) == 0 ? 0 : EBUSY;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		if (m->__owner != __owner_id())
			return EPERM;
		if (--m->__count > 0)
			return 0;
		m->__owner = 0;
	}
	if (__xchg(&m->__lock, 0) == 2)
		__futex_wake(&m->__lock, 1);
	return 0;
}

/* ---- condition variables -------------------------------------------- */

int pthread_condattr_init(pthread_condattr_t *a)
{
	a->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *a)
{
	(void)a;
	return 0;
}

int pthread_condattr_setpshared(pthread_condattr_t *a, int ps)
{
	if (ps != PTHREAD_PROCESS_PRIVATE && ps != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	a->__pshared = ps;
	return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t *a, int *ps)
{
	*ps = a->__pshared;
	return 0;
}

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *a)
{
	c->__seq = 0;
	c->__pshared = a ? a->__pshared : PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
	(void)c;
	return 0;
}

int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *abs)
{
	if (abs && (abs->tv_nsec < 0 || abs->tv_nsec >= 1000000000L))
		return EINVAL;
	__cancel_point();
	int seq = (int)c->__seq;
	int r = pthread_mutex_unlock(m);
	if (r)
		return r;
	long w = __cancel_wait((volatile int *)&c->__seq) ? 0 :
		 __futex_wait((volatile int *)&c->__seq, seq, abs);
	__cancel_wait(NULL);
	/* relock as a contended lock: other waiters may be woken too */
	int saved = m->__count;
	int me = m->__type != PTHREAD_MUTEX_NORMAL ? __owner_id() : 0;
	lock_word(&m->__lock, 0);
	m->__owner = me;
	m->__count = saved > 0 ? saved : 1;
	__cancel_point();                      /* cancelled: handlers run with the mutex held */
	return w == -ETIMEDOUT ? ETIMEDOUT : 0;
}

int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
	return pthread_cond_timedwait(c, m, 0);
}

int pthread_cond_signal(pthread_cond_t *c)
{
	__fetch_add((volatile int *)&c->__seq, 1);
	__futex_wake((volatile int *)&c->__seq, 1);
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	__fetch_add((volatile int *)&c->__seq, 1);
	__futex_wake((volatile int *)&c->__seq, 0x7fffffff);
	return 0;
}
