/* <pthread.h> - threads, mutexes and condition variables.
 *
 * Each thread has its own register context on its process's engine and is
 * scheduled deterministically by mmsim (sim/machine/sched.c).  Mutexes and
 * condition variables are futex words: uncontended operations stay in the
 * guest (atomic compare-and-swap), waiting goes to the kernel (futex_wait
 * keyed by the word's physical address), so PTHREAD_PROCESS_SHARED objects
 * in shared memory work across processes and nobody spins.
 * Thread stacks: 256 KiB (pthread_attr_setstacksize is accepted and
 * ignored); the stack of a detached thread is not given back. */
#ifndef _PTHREAD_H_INCLUDED
#define _PTHREAD_H_INCLUDED

#include <sys/types.h>
#include <time.h>

typedef unsigned long pthread_t;   /* address of the thread's descriptor */

typedef struct {
	int    __detach;
	size_t __stacksize;
	int    __inherit, __policy, __prio, __scope;   /* scheduling (sched.h values) */
} pthread_attr_t;

typedef struct {
	volatile int __lock;     /* 0 free, 1 locked, 2 locked with waiters */
	int          __type;
	int          __pshared;
	volatile int __owner;    /* pid << 16 | tid of the owner (not NORMAL) */
	int          __count;    /* recursion depth */
} pthread_mutex_t;
typedef struct { int __type; int __pshared; } pthread_mutexattr_t;

typedef struct { volatile unsigned __seq; int __pshared; } pthread_cond_t;
typedef struct { int __pshared; } pthread_condattr_t;

#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1

#define PTHREAD_MUTEX_NORMAL     0
#define PTHREAD_MUTEX_RECURSIVE  1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_DEFAULT    PTHREAD_MUTEX_NORMAL

#define PTHREAD_PROCESS_PRIVATE 0
#define PTHREAD_PROCESS_SHARED  1

#define PTHREAD_MUTEX_INITIALIZER { 0, PTHREAD_MUTEX_NORMAL, 0, 0, 0 }
#define PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP { 0, PTHREAD_MUTEX_RECURSIVE, 0, 0, 0 }
#define PTHREAD_COND_INITIALIZER  { 0, 0 }

/* Threads: 0 or an errno value (EAGAIN, EINVAL, ESRCH, EDEADLK). */
int pthread_create(pthread_t *__t, const pthread_attr_t *__attr, void *(*__fn)(void *), void *__arg);
int pthread_join(pthread_t __t, void **__value);
_Noreturn void pthread_exit(void *__value);
pthread_t pthread_self(void);
int pthread_equal(pthread_t __a, pthread_t __b);
int pthread_detach(pthread_t __t);
int pthread_attr_init(pthread_attr_t *__a);
int pthread_attr_destroy(pthread_attr_t *__a);
int pthread_attr_setdetachstate(pthread_attr_t *__a, int __state);
int pthread_attr_getdetachstate(const pthread_attr_t *__a, int *__state);
int pthread_attr_setstacksize(pthread_attr_t *__a, size_t __size);

/* Mutexes: 0 or an errno value (EBUSY, EDEADLK, EPERM, EINVAL). */
int pthread_mutexattr_init(pthread_mutexattr_t *__a);
int pthread_mutexattr_destroy(pthread_mutexattr_t *__a);
int pthread_mutexattr_settype(pthread_mutexattr_t *__a, int __type);
int pthread_mutexattr_gettype(const pthread_mutexattr_t *__a, int *__type);
int pthread_mutexattr_setpshared(pthread_mutexattr_t *__a, int __pshared);
int pthread_mutexattr_getpshared(const pthread_mutexattr_t *__a, int *__pshared);
int pthread_mutex_init(pthread_mutex_t *__m, const pthread_mutexattr_t *__a);
int pthread_mutex_destroy(pthread_mutex_t *__m);
int pthread_mutex_lock(pthread_mutex_t *__m);
int pthread_mutex_trylock(pthread_mutex_t *__m);
int pthread_mutex_timedlock(pthread_mutex_t *__m, const struct timespec *__abs);
int pthread_mutex_unlock(pthread_mutex_t *__m);

/* Condition variables (timeouts on CLOCK_REALTIME = simulated time). */
int pthread_condattr_init(pthread_condattr_t *__a);
int pthread_condattr_destroy(pthread_condattr_t *__a);
int pthread_condattr_setpshared(pthread_condattr_t *__a, int __pshared);
int pthread_condattr_getpshared(const pthread_condattr_t *__a, int *__pshared);
int pthread_cond_init(pthread_cond_t *__c, const pthread_condattr_t *__a);
int pthread_cond_destroy(pthread_cond_t *__c);
int pthread_cond_wait(pthread_cond_t *__c, pthread_mutex_t *__m);
int pthread_cond_timedwait(pthread_cond_t *__c, pthread_mutex_t *__m, const struct timespec *__abs);
int pthread_cond_signal(pthread_cond_t *__c);
int pthread_cond_broadcast(pthread_cond_t *__c);

/* ---- cancellation, cleanup handlers, scheduling (docs/posix/libc.md) ------
 * Deferred cancellation is acted on at pthread_testcancel and at the
 * blocking calls the runtime wraps: sem_wait/sem_timedwait,
 * pthread_cond_wait/timedwait (the mutex is held again when the cleanup
 * handlers run), nanosleep/sleep/usleep and pthread_join (before and
 * after the wait: simulated time runs on, so a sleep ends soon).
 * PTHREAD_CANCEL_ASYNCHRONOUS is accepted and treated as deferred. */
#include <sched.h>

#define PTHREAD_CANCEL_ENABLE       0
#define PTHREAD_CANCEL_DISABLE      1
#define PTHREAD_CANCEL_DEFERRED     0
#define PTHREAD_CANCEL_ASYNCHRONOUS 1
#define PTHREAD_CANCELED            ((void *)-1)
#define PTHREAD_INHERIT_SCHED       0
#define PTHREAD_EXPLICIT_SCHED      1
#define PTHREAD_SCOPE_SYSTEM        0
#define PTHREAD_SCOPE_PROCESS       1

/* pthread_cancel(t): ask t to end at its next cancellation point; 0 or ESRCH. */
int pthread_cancel(pthread_t __t);
/* pthread_setcancelstate(state, &old) / pthread_setcanceltype(type, &old): 0 or EINVAL. */
int pthread_setcancelstate(int __state, int *__old);
int pthread_setcanceltype(int __type, int *__old);
/* pthread_testcancel(): end here (PTHREAD_CANCELED) if a cancel is pending and enabled. */
void pthread_testcancel(void);

/* A cleanup handler on the stack of the thread that pushed it. */
struct __pthread_cleanup {
	void (*__fn)(void *);
	void *__arg;
	struct __pthread_cleanup *__prev;
};
void __pthread_cleanup_push(struct __pthread_cleanup *__c, void (*__fn)(void *), void *__arg);
void __pthread_cleanup_pop(struct __pthread_cleanup *__c, int __execute);
/* pthread_cleanup_push(fn, arg) ... pthread_cleanup_pop(execute): one
 * lexical block; handlers run last-pushed first at cancellation and
 * pthread_exit, and at pop when execute is non-zero. */
#define pthread_cleanup_push(fn, arg) \
	do { struct __pthread_cleanup __cleanup_rec; \
	     __pthread_cleanup_push(&__cleanup_rec, (fn), (arg));
#define pthread_cleanup_pop(execute) \
	     __pthread_cleanup_pop(&__cleanup_rec, (execute)); } while (0)

/* Scheduling attributes: recorded and reported (mmsim runs threads round robin). */
int pthread_attr_setinheritsched(pthread_attr_t *__a, int __inherit);
int pthread_attr_getinheritsched(const pthread_attr_t *__a, int *__inherit);
int pthread_attr_setschedpolicy(pthread_attr_t *__a, int __policy);
int pthread_attr_getschedpolicy(const pthread_attr_t *__a, int *__policy);
int pthread_attr_setschedparam(pthread_attr_t *__a, const struct sched_param *__p);
int pthread_attr_getschedparam(const pthread_attr_t *__a, struct sched_param *__p);
int pthread_attr_setscope(pthread_attr_t *__a, int __scope);
int pthread_attr_getscope(const pthread_attr_t *__a, int *__scope);
int pthread_attr_getstacksize(const pthread_attr_t *__a, size_t *__size);
/* pthread_setschedparam(t, policy, p) / pthread_getschedparam(t, &policy, p): a thread's policy. */
int pthread_setschedparam(pthread_t __t, int __policy, const struct sched_param *__p);
int pthread_getschedparam(pthread_t __t, int *__policy, struct sched_param *__p);

/* One-time initialisation: fn runs once, every other caller waits for it. */
typedef struct { volatile int __state; } pthread_once_t;   /* 0 new, 1 running, 2 done */
#define PTHREAD_ONCE_INIT { 0 }
int pthread_once(pthread_once_t *__once, void (*__fn)(void));

/* Thread-specific data: PTHREAD_KEYS_MAX keys; a thread's non-NULL values
 * go to the key's destructor when it exits (up to
 * PTHREAD_DESTRUCTOR_ITERATIONS rounds).  0 or EAGAIN / EINVAL. */
typedef unsigned pthread_key_t;
#define PTHREAD_KEYS_MAX 128
#define PTHREAD_DESTRUCTOR_ITERATIONS 4
int pthread_key_create(pthread_key_t *__key, void (*__destructor)(void *));
int pthread_key_delete(pthread_key_t __key);
void *pthread_getspecific(pthread_key_t __key);
int pthread_setspecific(pthread_key_t __key, const void *__value);

/* Read-write locks (readers preferred, as glibc's default, so a thread may
 * take its read lock again while a writer waits): 0 or EBUSY, EDEADLK,
 * EPERM, ETIMEDOUT, EINVAL. */
typedef struct {
	pthread_mutex_t __m;
	pthread_cond_t  __readers_go, __writers_go;
	int __readers;           /* read locks held */
	int __writer;            /* owner id of the write lock, 0 if none */
	int __writers_waiting;
} pthread_rwlock_t;
typedef struct { int __pshared; } pthread_rwlockattr_t;
#define PTHREAD_RWLOCK_INITIALIZER { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, \
				     PTHREAD_COND_INITIALIZER, 0, 0, 0 }
int pthread_rwlockattr_init(pthread_rwlockattr_t *__a);
int pthread_rwlockattr_destroy(pthread_rwlockattr_t *__a);
int pthread_rwlock_init(pthread_rwlock_t *__l, const pthread_rwlockattr_t *__a);
int pthread_rwlock_destroy(pthread_rwlock_t *__l);
int pthread_rwlock_rdlock(pthread_rwlock_t *__l);
int pthread_rwlock_tryrdlock(pthread_rwlock_t *__l);
int pthread_rwlock_timedrdlock(pthread_rwlock_t *__l, const struct timespec *__abs);
int pthread_rwlock_wrlock(pthread_rwlock_t *__l);
int pthread_rwlock_trywrlock(pthread_rwlock_t *__l);
int pthread_rwlock_timedwrlock(pthread_rwlock_t *__l, const struct timespec *__abs);
int pthread_rwlock_unlock(pthread_rwlock_t *__l);

/* Barriers: pthread_barrier_wait returns PTHREAD_BARRIER_SERIAL_THREAD to
 * one of the count threads and 0 to the others. */
typedef struct {
	pthread_mutex_t __m;
	pthread_cond_t  __c;
	unsigned __count, __waiting, __cycle;
} pthread_barrier_t;
typedef struct { int __pshared; } pthread_barrierattr_t;
#define PTHREAD_BARRIER_SERIAL_THREAD (-1)
int pthread_barrierattr_init(pthread_barrierattr_t *__a);
int pthread_barrierattr_destroy(pthread_barrierattr_t *__a);
int pthread_barrier_init(pthread_barrier_t *__b, const pthread_barrierattr_t *__a, unsigned __count);
int pthread_barrier_destroy(pthread_barrier_t *__b);
int pthread_barrier_wait(pthread_barrier_t *__b);

/* Spin locks (a waiter yields the CPU between tries). */
typedef struct { volatile int __lock; } pthread_spinlock_t;
int pthread_spin_init(pthread_spinlock_t *__l, int __pshared);
int pthread_spin_destroy(pthread_spinlock_t *__l);
int pthread_spin_lock(pthread_spinlock_t *__l);
int pthread_spin_trylock(pthread_spinlock_t *__l);
int pthread_spin_unlock(pthread_spinlock_t *__l);

#endif
