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
};

/* Alternate signal stacks registered with sigaltstack (signal.c): a
 * handler running on one belongs to the thread that registered it. */
struct __altstk {
	uintptr_t       lo, hi;
	struct __tdesc *d;
};
#define __ALTSTK_MAX 16
extern struct __altstk __altstacks[__ALTSTK_MAX];
extern int __naltstacks;

/* The calling thread's descriptor. */
struct __tdesc *__self(void);
/* In a fork child: the calling thread is now thread 1 of a new pid. */
void __thread_after_fork(void);
/* pid << 16 | tid of the calling thread (mutex owners). */
int __owner_id(void);

#endif
