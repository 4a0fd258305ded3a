/*
 * libc.h - internals of the mmsim guest libc (not installed for programs).
 * Kernel calls: __kcall() from arch/<arch>/kcall_arch.h, call numbers from
 * include/mmsim/kcall.h.  A result in [-4095, -1] is -errno.
 */
#ifndef MMSIM_GUEST_LIBC_H
#define MMSIM_GUEST_LIBC_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <errno.h>
#include <mmsim/kcall.h>
#include "kcall_arch.h"
#include "format.h"

/* Pointer and 64-bit argument helpers: 64-bit values go low word first. */
#define KA_PTR(p) ((long)(uintptr_t)(p))
#define KA_LO(v)  ((long)(uint32_t)((uint64_t)(v)))
#define KA_HI(v)  ((long)(uint32_t)((uint64_t)(v) >> 32))

/* Kernel calls with fewer than seven arguments. */
#define KC0(n)                   __kcall((n), 0, 0, 0, 0, 0, 0, 0)
#define KC1(n, a)                __kcall((n), (a), 0, 0, 0, 0, 0, 0)
#define KC2(n, a, b)             __kcall((n), (a), (b), 0, 0, 0, 0, 0)
#define KC3(n, a, b, c)          __kcall((n), (a), (b), (c), 0, 0, 0, 0)
#define KC5(n, a, b, c, d, e)    __kcall((n), (a), (b), (c), (d), (e), 0, 0)

/* posix_spawn with file actions or attribute flags (spawn_fa.c). */
int __spawn_slow(int *pid, const char *path, const void *fa, const void *attr,
		 char *const argv[], char *const envp[]);

/* __kc_failed(r): true when a raw kernel-call result is an error (-4095..-1). */
static inline int __kc_failed(long r)
{
	return (unsigned long)r >= (unsigned long)-4095L;
}

/* __kc_ret(r): a raw kernel-call result as a libc result: errno = -r and -1 on error, else r. */
static inline long __kc_ret(long r)
{
	if (__kc_failed(r)) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

/* __stdio_flush_all(): write out every stdio buffer (exit, abort, stderr output). */
void __stdio_flush_all(void);

/* __libc_start(): entry from crt0: arguments, constructors, main, exit. */
_Noreturn void __libc_start(void);

#endif
