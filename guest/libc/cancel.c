/*
 * cancel.c - deferred thread cancellation, cleanup handlers and the
 * scheduling attributes of threads (see <pthread.h>).
 *
 * pthread_cancel marks the target and, if it sleeps on a futex word the
 * runtime registered (sem_wait, pthread_cond_wait), wakes every sleeper
 * of that word: the others see a spurious wake-up and sleep again.  The
 * target acts at its next cancellation point: it runs its cleanup
 * handlers and ends with PTHREAD_CANCELED.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include "libc.h"
#include "atomic.h"
#include "thread.h"

/* __cancel_point(): end the thread if a cancel is pending and enabled. */
void __cancel_point(void)
{
	struct __tdesc *d = __self();
	if (d->cancel_pending && !d->cancel_disabled) {
		d->cancel_pending = 0;
		d->cancel_disabled = 1;          /* no second cancel inside the handlers */
		pthread_exit(PTHREAD_CANCELED);
	}
}

/* __cancel_wait(word): register the futex word about to be slept on; nonzero if a cancel is pending. */
int __cancel_wait(volatile int *word)
{
	struct __tdesc *d = __self();
	d->wait_word = word;
	return word && d->cancel_pending && !d->cancel_disabled;
}

/* pthread_cancel(t): mark t cancelled and wake it if it sleeps on a registered word; 0 or ESRCH. */
int pthread_cancel(pthread_t t)
{
	struct __tdesc *d = (struct __tdesc *)t;
	if (!d)
		return ESRCH;
	d->cancel_pending = 1;
	volatile int *w = d->wait_word;
	if (w && d != __self())
		__futex_wake(w, 0x7fffffff);
	return 0;
}

/* pthread_setcancelstate(state, old): enable or disable cancellation; 0 or EINVAL. */
int pthread_setcancelstate(int state, int *old)
{
	struct __tdesc *d = __self();
	if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE)
		return EINVAL;
	if (old)
		*old = d->cancel_disabled ? PTHREAD_CANCEL_DISABLE : PTHREAD_CANCEL_ENABLE;
	d->cancel_disabled = state == PTHREAD_CANCEL_DISABLE;
	return 0;
}

/* pthread_setcanceltype(type, old): deferred or asynchronous (acted on as deferred); 0 or EINVAL. */
int pthread_setcanceltype(int type, int *old)
{
	struct __tdesc *d = __self();
	if (type != PTHREAD_CANCEL_DEFERRED && type != PTHREAD_CANCEL_ASYNCHRONOUS)
		return EINVAL;
	if (old)
		*old = d->cancel_async ? PTHREAD_CANCEL_ASYNCHRONOUS : PTHREAD_CANCEL_DEFERRED;
	d->cancel_async = type == PTHREAD_CANCEL_ASYNCHRONOUS;
	return 0;
}

/* pthread_testcancel(): a cancellation point. */
void pthread_testcancel(void)
{
	__cancel_point();
}

/* __pthread_cleanup_push(c, fn, arg): push handler c (pthread_cleanup_push). */
void __pthread_cleanup_push(struct __pthread_cleanup *c, void (*fn)(void *), void *arg)
{
	struct __tdesc *d = __self();
	c->__fn = fn;
	c->__arg = arg;
	c->__prev = d->cleanup;
	d->cleanup = c;
}

/* __pthread_cleanup_pop(c, execute): pop c, running it if execute. */
void __pthread_cleanup_pop(struct __pthread_cleanup *c, int execute)
{
	__self()->cleanup = c->__prev;
	if (execute)
		c->__fn(c->__arg);
}

/* __run_cleanup(): pop and run every handler, innermost first (pthread_exit, cancellation). */
void __run_cleanup(void)
{
	struct __tdesc *d = __self();
	while (d->cleanup) {
		struct __pthread_cleanup *c = d->cleanup;
		d->cleanup = c->__prev;
		c->__fn(c->__arg);
	}
}

/* valid_policy(p): FIFO, RR or OTHER. */
static int valid_policy(int p)
{
	return p == SCHED_FIFO || p == SCHED_RR || p == SCHED_OTHER;
}

/* pthread_attr_setinheritsched(a, v): PTHREAD_INHERIT_SCHED or PTHREAD_EXPLICIT_SCHED. */
int pthread_attr_setinheritsched(pthread_attr_t *a, int v)
{
	if (v != PTHREAD_INHERIT_SCHED && v != PTHREAD_EXPLICIT_SCHED)
		return EINVAL;
	a->__inherit = v;
	return 0;
}

/* pthread_attr_getinheritsched(a, v): see setinheritsched. */
int pthread_attr_getinheritsched(const pthread_attr_t *a, int *v)
{
	*v = a->__inherit;
	return 0;
}

/* pthread_attr_setschedpolicy(a, p): FIFO, RR or OTHER; else EINVAL (ENOTSUP for SCHED_SPORADIC). */
int pthread_attr_setschedpolicy(pthread_attr_t *a, int p)
{
	if (p == SCHED_SPORADIC)
		return ENOTSUP;
	if (!valid_policy(p))
		return EINVAL;
	a->__policy = p;
	return 0;
}

/* pthread_attr_getschedpolicy(a, p): see setschedpolicy. */
int pthread_attr_getschedpolicy(const pthread_attr_t *a, int *p)
{
	*p = a->__policy;
	return 0;
}

/* pthread_attr_setschedparam(a, p): the priority (1..255); else EINVAL. */
int pthread_attr_setschedparam(pthread_attr_t *a, const struct sched_param *p)
{
	if (p->sched_priority < 1 || p->sched_priority > 255)
		return EINVAL;
	a->__prio = p->sched_priority;
	return 0;
}

/* pthread_attr_getschedparam(a, p): see setschedparam. */
int pthread_attr_getschedparam(const pthread_attr_t *a, struct sched_param *p)
{
	p->sched_priority = p->sched_curpriority = a->__prio;
	return 0;
}

/* pthread_attr_setscope(a, s): PTHREAD_SCOPE_SYSTEM; PROCESS is ENOTSUP (as Linux). */
int pthread_attr_setscope(pthread_attr_t *a, int s)
{
	if (s == PTHREAD_SCOPE_PROCESS)
		return ENOTSUP;
	if (s != PTHREAD_SCOPE_SYSTEM)
		return EINVAL;
	a->__scope = s;
	return 0;
}

/* pthread_attr_getscope(a, s): see setscope. */
int pthread_attr_getscope(const pthread_attr_t *a, int *s)
{
	*s = a->__scope;
	return 0;
}

/* pthread_attr_getstacksize(a, size): the stack size asked for. */
int pthread_attr_getstacksize(const pthread_attr_t *a, size_t *size)
{
	*size = a->__stacksize;
	return 0;
}

/* pthread_setschedparam(t, policy, p): record t's policy and priority; 0, EINVAL or ESRCH. */
int pthread_setschedparam(pthread_t t, int policy, const struct sched_param *p)
{
	struct __tdesc *d = (struct __tdesc *)t;
	if (!d)
		return ESRCH;
	if (!valid_policy(policy) || p->sched_priority < 1 || p->sched_priority > 255)
		return EINVAL;
	d->policy = policy;
	d->prio = p->sched_priority;
	return 0;
}

/* pthread_getschedparam(t, policy, p): t's policy and priority (the process's until set). */
int pthread_getschedparam(pthread_t t, int *policy, struct sched_param *p)
{
	struct __tdesc *d = (struct __tdesc *)t;
	if (!d)
		return ESRCH;
	if (d->policy) {
		*policy = d->policy;
		p->sched_priority = p->sched_curpriority = d->prio;
		return 0;
	}
	int pol = sched_getscheduler(0);
	if (pol < 0 || sched_getparam(0, p) < 0)
		return errno;
	*policy = pol;
	return 0;
}
