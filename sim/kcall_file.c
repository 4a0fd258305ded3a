/*
 * kcall_file.c - the rest of the mmap family (mremap, mlock, munlock,
 * mlockall, munlockall, posix_madvise).  The memory manager does the
 * work (memmgr/mremap.c, memmgr/mlock.c); the dispatcher flushes the TLB
 * when the page table asks for it.
 */
#include <errno.h>

#include "mmsim/kcall.h"
#include "kcall.h"
#include "sim.h"

/* Record the reason of an -EINVAL from the memory manager. */
static long mm_ret(struct call *c, long r)
{
    if (r == -EINVAL)
        c->why = mm_last_reason(c->p->mm);
    return r;
}

static long k_mremap(struct call *c)
{
    uint32_t out = 0;
    int r = mm_mremap(c->p->mm, c->a[0], c->a[1], c->a[2], (int)c->a[3], c->a[4], &out);
    return r ? mm_ret(c, r) : (long)out;
}

static long k_mlock(struct call *c)
{
    return mm_ret(c, mm_mlock(c->p->mm, c->a[0], c->a[1]));
}

static long k_munlock(struct call *c)
{
    return mm_ret(c, mm_munlock(c->p->mm, c->a[0], c->a[1]));
}

static long k_mlockall(struct call *c)
{
    return mm_ret(c, mm_mlockall(c->p->mm, (int)c->a[0]));
}

static long k_munlockall(struct call *c)
{
    return mm_munlockall(c->p->mm);
}

static long k_madvise(struct call *c)
{
    return mm_ret(c, mm_madvise(c->p->mm, c->a[0], c->a[1], (int)c->a[2]));
}

static const struct kcall_def file_defs[] = {
    {KC_MREMAP, "mremap", 5, k_mremap},
    {KC_MLOCK, "mlock", 2, k_mlock},
    {KC_MUNLOCK, "munlock", 2, k_munlock},
    {KC_MLOCKALL, "mlockall", 1, k_mlockall},
    {KC_MUNLOCKALL, "munlockall", 0, k_munlockall},
    {KC_MADVISE, "posix_madvise", 3, k_madvise},
};

const struct kcall_table kcall_file_table = KCALL_TABLE(file_defs);
