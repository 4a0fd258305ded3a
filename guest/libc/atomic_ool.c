/*
 * atomic_ool.c - the out-of-line atomics GCC calls where the CPU cannot
 * do them inline (what libatomic and libgcc's Linux helpers give
 * elsewhere): on ARMv5, which has no exclusive loads and stores,
 * __atomic_*_N and __sync_*_N for N = 1, 2, 4 and 8; on 32-bit PowerPC,
 * which has no 64-bit reservation, N = 8.  4-byte operations are a
 * compare-and-swap loop (ARMv5: the kernel's KC_ATOMIC_CAS, never
 * pre-empted); 1- and 2-byte ones work on their aligned word; 8-byte ones
 * take one process-wide lock.  ARMv6/v7 inline all of them.
 */
#include <stdbool.h>
#include <stdint.h>
#include <sched.h>
#include "atomic.h"

#if defined(__arm__) && (!defined(__ARM_ARCH) || __ARM_ARCH < 6)
#define OOL_SMALL 1
#define OOL_64    1
#elif defined(__powerpc__)
#define OOL_SMALL 0
#define OOL_64    1
#else
#define OOL_SMALL 0
#define OOL_64    0
#endif

#if OOL_64   /* (ARMv5 and PowerPC: everything below) */
/* The operations, one shape for every size: the new value from the old
 * one and ctx (ctx[0] the operand; op_cas: {expected, desired}). */
typedef uint64_t op_fn(uint64_t old, const uint64_t *ctx);
static uint64_t op_add(uint64_t a, const uint64_t *b)  { return a + *b; }
static uint64_t op_sub(uint64_t a, const uint64_t *b)  { return a - *b; }
static uint64_t op_and(uint64_t a, const uint64_t *b)  { return a & *b; }
static uint64_t op_or(uint64_t a, const uint64_t *b)   { return a | *b; }
static uint64_t op_xor(uint64_t a, const uint64_t *b)  { return a ^ *b; }
static uint64_t op_nand(uint64_t a, const uint64_t *b) { return ~(a & *b); }
static uint64_t op_set(uint64_t a, const uint64_t *b)  { (void)a; return *b; }
static uint64_t op_cas(uint64_t a, const uint64_t *b)  { return a == b[0] ? b[1] : a; }

#if OOL_SMALL
/* Replace the n-byte value at p (n = 1, 2, 4) with f(old, ctx) as one
 * compare-and-swap of its aligned word (little-endian lanes); the old value. */
static uint64_t update_word(volatile void *p, unsigned n, op_fn *f, const uint64_t *ctx)
{
	volatile int *w = (volatile int *)((uintptr_t)p & ~(uintptr_t)3);
	unsigned shift = 8 * ((uintptr_t)p & 3);
	uint32_t mask = n == 4 ? 0xffffffffu : ((1u << (8 * n)) - 1) << shift;
	for (;;) {
		uint32_t word = (uint32_t)*w;
		uint32_t old = (word & mask) >> shift;
		uint32_t nw = (word & ~mask) | (((uint32_t)f(old, ctx) << shift) & mask);
		if (nw == word || (uint32_t)__cas(w, (int)word, (int)nw) == word)
			return old;
	}
}
#endif

/* One lock for the 8-byte operations. */
static volatile int lock8;

/* Replace the 8-byte value at p with f(old, ctx) under the lock; the old value. */
static uint64_t update_locked(volatile void *p, op_fn *f, const uint64_t *ctx)
{
	while (__cas(&lock8, 0, 1) != 0)
		sched_yield();
	uint64_t old = *(volatile uint64_t *)p;
	*(volatile uint64_t *)p = f(old, ctx);
	__xchg(&lock8, 0);
	return old;
}

/* Replace the n-byte value at p with f(old, ctx); the old value. */
static uint64_t update(volatile void *p, unsigned n, op_fn *f, const uint64_t *ctx)
{
#if OOL_SMALL
	if (n < 8)
		return update_word(p, n, f, ctx);
#endif
	(void)n;
	return update_locked(p, f, ctx);
}

/* *p = f(old, v); the old value. */
static uint64_t rmw(volatile void *p, unsigned n, op_fn *f, uint64_t v)
{
	return update(p, n, f, &v);
}

/* Compare-and-swap: the old value (new stored only if it was `old`). */
static uint64_t cas_n(volatile void *p, unsigned n, uint64_t old, uint64_t new)
{
	uint64_t ctx[2] = { old, new };
	return update(p, n, op_cas, ctx);
}

/* Define every entry point of size N (type T) under its GCC name. */
#define SIZED(N, T)                                                                          \
	T a_load_##N(const volatile void *p, int mo) __asm__("__atomic_load_" #N);           \
	T a_load_##N(const volatile void *p, int mo) { (void)mo; return (T)rmw((volatile void *)p, N, op_add, 0); } \
	void a_store_##N(volatile void *p, T v, int mo) __asm__("__atomic_store_" #N);       \
	void a_store_##N(volatile void *p, T v, int mo) { (void)mo; rmw(p, N, op_set, v); }  \
	T a_xchg_##N(volatile void *p, T v, int mo) __asm__("__atomic_exchange_" #N);        \
	T a_xchg_##N(volatile void *p, T v, int mo) { (void)mo; return (T)rmw(p, N, op_set, v); } \
	bool a_cmpxchg_##N(volatile void *p, void *e, T d, bool weak, int s, int f)          \
		__asm__("__atomic_compare_exchange_" #N);                                    \
	bool a_cmpxchg_##N(volatile void *p, void *e, T d, bool weak, int s, int f)          \
	{                                                                                    \
		(void)weak; (void)s; (void)f;                                                \
		T want = *(T *)e, cur = (T)cas_n(p, N, want, d);                             \
		if (cur == want)                                                             \
			return true;                                                         \
		*(T *)e = cur;                                                               \
		return false;                                                                \
	}                                                                                    \
	T s_vcas_##N(volatile void *p, T o, T n) __asm__("__sync_val_compare_and_swap_" #N); \
	T s_vcas_##N(volatile void *p, T o, T n) { return (T)cas_n(p, N, o, n); }            \
	bool s_bcas_##N(volatile void *p, T o, T n) __asm__("__sync_bool_compare_and_swap_" #N); \
	bool s_bcas_##N(volatile void *p, T o, T n) { return (T)cas_n(p, N, o, n) == o; }    \
	T s_tas_##N(volatile void *p, T v) __asm__("__sync_lock_test_and_set_" #N);         \
	T s_tas_##N(volatile void *p, T v) { return (T)rmw(p, N, op_set, v); }               \
	void s_rel_##N(volatile void *p) __asm__("__sync_lock_release_" #N);                \
	void s_rel_##N(volatile void *p) { rmw(p, N, op_set, 0); }

#define OP(N, T, NAME, FN)                                                                   \
	T af_##NAME##_##N(volatile void *p, T v, int mo) __asm__("__atomic_fetch_" #NAME "_" #N); \
	T af_##NAME##_##N(volatile void *p, T v, int mo) { (void)mo; return (T)rmw(p, N, FN, v); } \
	T aa_##NAME##_##N(volatile void *p, T v, int mo) __asm__("__atomic_" #NAME "_fetch_" #N); \
	T aa_##NAME##_##N(volatile void *p, T v, int mo) { (void)mo; uint64_t w = v; return (T)FN(rmw(p, N, FN, v), &w); } \
	T sf_##NAME##_##N(volatile void *p, T v) __asm__("__sync_fetch_and_" #NAME "_" #N);   \
	T sf_##NAME##_##N(volatile void *p, T v) { return (T)rmw(p, N, FN, v); }              \
	T sa_##NAME##_##N(volatile void *p, T v) __asm__("__sync_" #NAME "_and_fetch_" #N);   \
	T sa_##NAME##_##N(volatile void *p, T v) { uint64_t w = v; return (T)FN(rmw(p, N, FN, v), &w); }

#define ALL(N, T)                                                                            \
	SIZED(N, T)                                                                          \
	OP(N, T, add, op_add) OP(N, T, sub, op_sub) OP(N, T, and, op_and)                    \
	OP(N, T, or, op_or) OP(N, T, xor, op_xor) OP(N, T, nand, op_nand)

#if OOL_SMALL
ALL(1, uint8_t)
ALL(2, uint16_t)
ALL(4, uint32_t)

/* A full barrier: nothing to order on one simulated core. */
void s_sync(void) __asm__("__sync_synchronize");
void s_sync(void) {}
#endif

ALL(8, uint64_t)
#endif
