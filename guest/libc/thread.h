/*
 * thread.h - internals of the guest's threads: the descriptor that sits
 * at the base of every thread stack (found from the stack pointer, so no
 * TLS register is needed: ARMv5 and PowerPC have none the ABI reserves).
 */
#ifndef MMSIM_GUEST_THREAD_H
#define MMSIM_GUEST_THREAD_H

#include <stdint.h>

#define __TSTACK (256u << 10)   /* size and alignment of a thread stack */

struct __tdesc {
	int       err;             /* errno */
	uint32_t  tid;
	uint32_t  pid;             /* 0 until first needed */
	void   *(*fn)(void *);
	void     *arg;
	void     *map;             /* mapping to unmap after join */
	uint32_t  maplen;
	/* cancellation (cancel.c) */
	int       cancel_disabled; /* PTHREAD_CANCEL_DISABLE */
	int       cancel_async;    /* PTHREAD_CANCEL_ASYNCHRONOUS (acted on as deferred) */
	volatile int cancel_pending;
	volatile int *volatile wait_word;  /* futex word the thread sleeps on, or NULL */
	struct __pthread_cleanup *cleanup; /* innermost cleanup handler */
	int       policy, prio;    /* pthread_setschedparam; policy 0: the process's */
	void     *keys;            /* pthread_setspecific values (pthread_more.c), malloc'd at the first */
};
/* Run by pthread_exit when set: the calling thread's thread-specific
 * values to their destructors (pthread_more.c sets it, so programs without
 * keys do not link it). */
extern void (*__key_exit_hook)(void);

/* Alternate signal stacks registered with sigaltstack (signal.c): a
 * handler running on one belongs to the thread that registered it. */
struct __altstk {
	uintptr_t       lo, hi;
	struct __tdesc *d;
};
#define __ALTSTK_MAX 16
extern struct __altstk __altstacks[__ALTSTK_MAX];
extern int __naltstacks;
/* __cancel_point(): act on a pending, enabled cancel (does not return then). */
void __cancel_point(void);
/* __cancel_wait(word): the thread is about to sleep on futex word (NULL:
 * done sleeping), where pthread_cancel wakes it; nonzero if a cancel is
 * already pending (then do not sleep; call __cancel_point after cleaning up). */
int __cancel_wait(volatile int *word);
/* __run_cleanup(): pop and run every cleanup handler of the calling thread. */
void __run_cleanup(void);

/* The calling thread's descriptor. */
struct __tdesc *__self(void);
/* In a fork child: the calling thread is now thread 1 of a new pid. */
void __thread_after_fork(void);
/* pid << 16 | tid of the calling thread (mutex owners). */
int __owner_id(void);

#endif
