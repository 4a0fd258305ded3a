/*
 * cache.c - QNX libcache (<sys/cache.h>) over the KC_CACHE_* kernel calls.
 */
#include <errno.h>
#include <string.h>
#include <sys/cache.h>

#include "libc.h"

int cache_init(int flags, struct cache_ctrl *cinfo, const char *dllname)
{
	(void)dllname;
	if (!cinfo) {
		errno = EINVAL;
		return -1;
	}
	memset(cinfo, 0, sizeof *cinfo);
	cinfo->flags = (unsigned long)flags;
	cinfo->cache_line_size = (unsigned long)KC0(KC_CACHE_INFO);
	cinfo->fd = -1;
	return 0;
}

int cache_fini(struct cache_ctrl *cinfo)
{
	(void)cinfo;
	return 0;
}

int __cache_flush(struct cache_ctrl *cinfo, const void *vaddr, uint64_t paddr, size_t len)
{
	(void)cinfo; (void)paddr;
	return (int)__kc_ret(KC3(KC_CACHE_OP, KA_PTR(vaddr), (long)len, KC_CACHE_FLUSH));
}

int __cache_inval(struct cache_ctrl *cinfo, const void *vaddr, uint64_t paddr, size_t len)
{
	(void)cinfo; (void)paddr;
	return (int)__kc_ret(KC3(KC_CACHE_OP, KA_PTR(vaddr), (long)len, KC_CACHE_INVAL));
}
