/*
 * mlock.c - mlock, munlock, mlockall, munlockall and posix_madvise (see
 * the mmap-family notes in mmsim/memmgr.h).
 */
#include "vm.h"

#define MM_MCL_ALL (MM_MCL_CURRENT | MM_MCL_FUTURE)

/* Make the pages of e in [va0, va1) resident as an access would. */
int vm_populate(struct mm_map *e, uint32_t va0, uint32_t va1)
{
    unsigned acc = (e->prot & MM_PROT_WRITE) ? PT_W : PT_R;
    if (!vm_prot_to_pt(e->prot))
        return 0;                                   /* PROT_NONE: nothing to touch */
    for (uint64_t va = va0; va < va1; va += MMSIM_PAGE_SIZE) {
        paddr_t pa;
        enum vm_page_state st = vm_page(e, (uint32_t)va, &pa);
        if (st == VP_PAST_END)
            break;
        if (st == VP_RESIDENT || (st == VP_COW && acc == PT_R))
            continue;
        if (mm_fault(e->proc, (uint32_t)va, acc) == MMF_NOMEM)
            return -EAGAIN;
    }
    return 0;
}

/* The page range [*start, *end) of mlock(addr, len): addr rounded down;
 * -EINVAL on wrap-around, -ENOMEM outside user space or if its first page
 * is unmapped.  *mapped: end of the mapped run from *start (Linux applies
 * mlock/munlock up to the first hole, then fails with ENOMEM). */
static int lock_range(struct mm_proc *p, uint32_t addr, uint32_t len, uint32_t *start,
                      uint64_t *end, uint64_t *mapped)
{
    uint64_t e = (uint64_t)addr + len;
    if (e > UINT32_MAX + 1ull)
        return mm_einval(p, "addr + len wraps around");
    *start = addr & ~(uint32_t)MMSIM_PAGE_MASK;
    *end = *mapped = mm_pages(e) << MMSIM_PAGE_SHIFT;
    if (*end == *start)
        return 0;
    if (!mm_in_user(*start, *end - *start))
        return -ENOMEM;
    uint64_t cur = *start;
    for (size_t i = vm_index_from(p, *start); cur < *end; i++) {
        if (i == p->nmaps || p->maps[i]->start > cur)
            break;
        cur = p->maps[i]->end;
    }
    *mapped = cur < *end ? cur : *end;
    return *mapped == *start ? -ENOMEM : 0;
}

/* Set the locked flag of [start, end) (split to fit); populate if locking. */
static int lock_set(struct mm_proc *p, uint32_t start, uint64_t end, bool on)
{
    if (end == start)
        return 0;
    if (vm_split(p, start) || (end < MM_USER_END && vm_split(p, (uint32_t)end)))
        return -ENOMEM;
    int r = 0;
    for (size_t i = vm_index_from(p, start); i < p->nmaps && p->maps[i]->start < end; i++) {
        struct mm_map *e = p->maps[i];
        e->locked = on;
        if (on && !r)
            r = vm_populate(e, e->start, e->end);
    }
    vm_merge(p, start, end);
    return r;
}

/* mlock / munlock over the mapped prefix; -ENOMEM if a hole cut it short. */
static int lock_apply(struct mm_proc *p, uint32_t addr, uint32_t len, bool on)
{
    uint32_t start;
    uint64_t end, mapped;
    int r = lock_range(p, addr, len, &start, &end, &mapped);
    if (!r)
        r = lock_set(p, start, mapped, on);
    return r ? r : mapped < end ? -ENOMEM : 0;
}

uint64_t mm_locked_bytes(const struct mm_proc *p)
{
    uint64_t n = 0;
    for (size_t i = 0; i < p->nmaps; i++)
        if (p->maps[i]->locked)
            n += p->maps[i]->end - p->maps[i]->start;
    return n;
}

uint64_t mm_mapped_bytes(const struct mm_proc *p)
{
    uint64_t n = 0;
    for (size_t i = 0; i < p->nmaps; i++)
        n += p->maps[i]->end - p->maps[i]->start;
    return n;
}

int mm_mlock(struct mm_proc *p, uint32_t addr, uint32_t len)
{
    return lock_apply(p, addr, len, true);
}

int mm_munlock(struct mm_proc *p, uint32_t addr, uint32_t len)
{
    return lock_apply(p, addr, len, false);
}

/* mlockall: MCL_CURRENT locks and populates every entry now (allocation
 * failures ignored, as Linux's populate for mlockall); MCL_FUTURE is
 * remembered, and forgotten by an mlockall without it (Linux). */
int mm_mlockall(struct mm_proc *p, int flags)
{
    if (!flags || (flags & ~MM_MCL_ALL))
        return mm_einval(p, "mlockall flags must be MCL_CURRENT and/or MCL_FUTURE");
    p->lock_future = (flags & MM_MCL_FUTURE) != 0;
    if (flags & MM_MCL_CURRENT)
        for (size_t i = 0; i < p->nmaps; i++) {
            p->maps[i]->locked = true;
            (void)vm_populate(p->maps[i], p->maps[i]->start, p->maps[i]->end);
        }
    return 0;
}

int mm_munlockall(struct mm_proc *p)
{
    p->lock_future = false;
    for (size_t i = 0; i < p->nmaps; i++)
        p->maps[i]->locked = false;
    return 0;
}

/* posix_madvise: EINVAL for unknown advice or an unaligned addr, ENOMEM
 * if the range has holes; WILLNEED populates what is mapped. */
int mm_madvise(struct mm_proc *p, uint32_t addr, uint32_t len, int advice)
{
    if (advice < MM_POSIX_MADV_NORMAL || advice > MM_POSIX_MADV_DONTNEED)
        return mm_einval(p, "unknown posix_madvise advice");
    if (addr & MMSIM_PAGE_MASK)
        return mm_einval(p, "address is not page aligned");
    uint64_t end = mm_pages((uint64_t)addr + len) << MMSIM_PAGE_SHIFT;
    if (len == 0)
        return 0;
    if (!mm_in_user(addr, end - addr))
        return -ENOMEM;
    if (advice == MM_POSIX_MADV_WILLNEED)
        for (size_t i = vm_index_from(p, addr); i < p->nmaps && p->maps[i]->start < end; i++) {
            struct mm_map *e = p->maps[i];
            uint32_t a = e->start > addr ? e->start : addr;
            uint32_t b = e->end < end ? e->end : (uint32_t)end;
            (void)vm_populate(e, a, b);
        }
    return vm_covered(p, addr, end) ? 0 : -ENOMEM;
}
