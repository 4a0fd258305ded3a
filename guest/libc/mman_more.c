/*
 * mman_more.c - the rest of the mmap family: mremap, mlock, munlock,
 * mlockall, munlockall, posix_madvise (include/mmsim/kcall.h, 90-95).
 */
#include <stdarg.h>
#include <sys/mman.h>
#include "libc.h"

/* mremap(old, old_size, new_size, flags[, new_addr]): the new address, or MAP_FAILED and errno. */
void *mremap(void *old, size_t old_size, size_t new_size, int flags, ...)
{
	void *new_addr = NULL;
	if (flags & MREMAP_FIXED) {
		va_list ap;
		va_start(ap, flags);
		new_addr = va_arg(ap, void *);
		va_end(ap);
	}
	long r = __kcall(KC_MREMAP, KA_PTR(old), (long)old_size, (long)new_size, flags,
			 KA_PTR(new_addr), 0, 0);
	if (__kc_failed(r)) {
		errno = (int)-r;
		return MAP_FAILED;
	}
	return (void *)(uintptr_t)(unsigned long)r;
}

/* mlock(addr, len): 0, or -1 and errno. */
int mlock(const void *addr, size_t len)
{
	return (int)__kc_ret(__kcall(KC_MLOCK, KA_PTR(addr), (long)len, 0, 0, 0, 0, 0));
}

/* munlock(addr, len): 0, or -1 and errno. */
int munlock(const void *addr, size_t len)
{
	return (int)__kc_ret(__kcall(KC_MUNLOCK, KA_PTR(addr), (long)len, 0, 0, 0, 0, 0));
}

/* mlockall(flags): 0, or -1 and errno. */
int mlockall(int flags)
{
	return (int)__kc_ret(__kcall(KC_MLOCKALL, flags, 0, 0, 0, 0, 0, 0));
}

/* munlockall(): 0, or -1 and errno. */
int munlockall(void)
{
	return (int)__kc_ret(__kcall(KC_MUNLOCKALL, 0, 0, 0, 0, 0, 0, 0));
}

/* posix_madvise(addr, len, advice): 0 or the error number; errno is not set (POSIX). */
int posix_madvise(void *addr, size_t len, int advice)
{
	long r = __kcall(KC_MADVISE, KA_PTR(addr), (long)len, advice, 0, 0, 0, 0);
	return __kc_failed(r) ? (int)-r : 0;
}
