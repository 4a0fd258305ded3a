/*
 * <sys/cache.h> - QNX's libcache interface for drivers: keep a DMA buffer
 * and the CPU's data cache consistent.
 *
 *   struct cache_ctrl cinfo;
 *   cache_init(0, &cinfo, NULL);
 *   CACHE_FLUSH(&cinfo, buf, paddr, len);   before a device reads buf
 *   CACHE_INVAL(&cinfo, buf, paddr, len);   before the CPU reads what a device wrote
 *
 * In mmsim, CACHE_FLUSH writes dirty lines back and invalidates them
 * (clean + invalidate), CACHE_INVAL drops the lines (dirty data in them is
 * lost, as on hardware).  The virtual address is used; paddr is accepted
 * for source compatibility.  cache_init fills cache_line_size with the
 * simulated core's data-cache line.
 */
#ifndef _SYS_CACHE_H
#define _SYS_CACHE_H

#include <stddef.h>
#include <stdint.h>

#define CACHE_INIT_FLAG_IGNORE_SCAN 0x00000001u

struct cache_ctrl {
	unsigned long flags;
	unsigned long cache_line_size;
	unsigned long cache_flush_rate;
	unsigned long cache_invalidate_rate;
	int           fd;
};

/* cache_init(flags, cinfo, dllname): fill cinfo; 0, or -1 and errno (EINVAL: cinfo NULL). */
int cache_init(int __flags, struct cache_ctrl *__cinfo, const char *__dllname);
/* cache_fini(cinfo): release cinfo; 0. */
int cache_fini(struct cache_ctrl *__cinfo);
/* The functions behind the macros: 0, or -1 and errno (EFAULT: a page of the range is not mapped). */
int __cache_flush(struct cache_ctrl *__cinfo, const void *__vaddr, uint64_t __paddr, size_t __len);
int __cache_inval(struct cache_ctrl *__cinfo, const void *__vaddr, uint64_t __paddr, size_t __len);

#define CACHE_FLUSH(cinfo, vaddr, paddr, len) __cache_flush((cinfo), (vaddr), (paddr), (len))
#define CACHE_INVAL(cinfo, vaddr, paddr, len) __cache_inval((cinfo), (vaddr), (paddr), (len))

#endif
