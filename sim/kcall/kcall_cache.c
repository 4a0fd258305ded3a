/*
 * kcall_cache.c - data-cache maintenance calls, the kernel side of the
 * guest's libcache (cache_init, CACHE_FLUSH, CACHE_INVAL in <sys/cache.h>).
 */
#include <errno.h>

#include "mmsim/kcall.h"
#include "checker.h"
#include "kcall.h"
#include "trace.h"

/* cache_op(addr, len, op): any byte range, every page of it mapped. */
static long k_cache_op(struct call *c)
{
    static const char *const names[] = { "?", "clean", "invalidate", "flush" };
    unsigned op = c->a[2];
    trace_str(c->t, "op", op <= KC_CACHE_FLUSH ? names[op] : "?");
    int rc = checker_cache_op(c->p, c->a[0], c->a[1], op);
    if (rc == -EINVAL)
        c->why = "op must be KC_CACHE_CLEAN, KC_CACHE_INVAL or KC_CACHE_FLUSH";
    else if (rc == -EFAULT)
        c->why = "part of the range is not mapped";
    return rc;
}

/* cache_info() -> line size. */
static long k_cache_info(struct call *c)
{
    return cache_geom(checker_cache(c->p->sim))->line;
}

static const struct kcall_def cache_defs[] = {
    {KC_CACHE_OP, "cache_op", 3, k_cache_op},
    {KC_CACHE_INFO, "cache_info", 0, k_cache_info},
};

const struct kcall_table kcall_cache_table = KCALL_TABLE(cache_defs);
