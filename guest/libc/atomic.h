/*
 * atomic.h - compare-and-swap for the guest runtime's futex words.
 * ARMv6/v7 and PowerPC: the compiler's __sync builtins (ldrex/strex,
 * lwarx/stwcx., which Unicorn emulates with a compare-and-exchange of the
 * reserved value, so they also work between engines on shared memory).
 * ARMv5 has neither: the kernel does it (KC_ATOMIC_CAS, never pre-empted).
 */
#ifndef MMSIM_GUEST_ATOMIC_H
#define MMSIM_GUEST_ATOMIC_H

#include "libc.h"

/* __cas(p, old, new): if *p == old, store new; the previous *p. */
static inline int __cas(volatile int *p, int old, int new)
{
#if defined(__arm__) && (!defined(__ARM_ARCH) || __ARM_ARCH < 6)
	int prev = 0;
	__kcall(KC_ATOMIC_CAS, (long)(uintptr_t)p, old, new, (long)(uintptr_t)&prev, 0, 0, 0);
	return prev;
#else
	return __sync_val_compare_and_swap(p, old, new);
#endif
}

/* __xchg(p, v): store v; the previous *p. */
static inline int __xchg(volatile int *p, int v)
{
	int o;
	do
		o = *p;
	while (__cas(p, o, v) != o);
	return o;
}

/* __fetch_add(p, d): add d; the previous *p. */
static inline int __fetch_add(volatile int *p, int d)
{
	int o;
	do
		o = *p;
	while (__cas(p, o, o + d) != o);
	return o;
}

/* Futex calls: wait while *p == v (abs: CLOCK_MONOTONIC deadline or NULL);
 * raw result 0 / -EAGAIN / -ETIMEDOUT / -EINVAL.  wake: woken count. */
static inline long __futex_wait(volatile int *p, int v, const void *abs)
{
	return __kcall(KC_FUTEX_WAIT, (long)(uintptr_t)p, v, (long)(uintptr_t)abs, 0, 0, 0, 0);
}

static inline long __futex_wake(volatile int *p, int n)
{
	return __kcall(KC_FUTEX_WAKE, (long)(uintptr_t)p, n, 0, 0, 0, 0, 0);
}

#endif
