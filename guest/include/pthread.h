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

typedef struct { int __detach; size_t __stacksize; } pthread_attr_t;

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

#endif
