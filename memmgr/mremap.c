/*
 * mremap.c - mremap with Linux semantics (see mmsim/memmgr.h): shrink in
 * place, grow in place, move (MREMAP_MAYMOVE), move to a fixed address
 * (MREMAP_FIXED); the old_size == 0 duplicate of a shared mapping.
 */
#include "vm.h"

#include <stdlib.h>

#define MREMAP_ALL (MM_MREMAP_MAYMOVE | MM_MREMAP_FIXED)

/* Object page range [*pg0, *pg1) that e would cover if it were len bytes. */
static void grow_pages(const struct mm_map *e, uint64_t len, uint64_t *pg0, uint64_t *pg1)
{
    *pg0 = vm_pgoff(e, e->end - 1) + 1;
    *pg1 = (e->objoff >> MMSIM_PAGE_SHIFT) + (len >> MMSIM_PAGE_SHIFT);
}

/* True if an entry other than e maps object pages [pg0, pg1) of e->obj. */
static bool obj_pages_shared(const struct mm_map *e, uint64_t pg0, uint64_t pg1)
{
    for (const struct mm_map *o = e->obj->maps; o; o = o->rnext) {
        uint64_t a = vm_pgoff(o, o->start), b = a + ((o->end - o->start) >> MMSIM_PAGE_SHIFT);
        if (o != e && a < pg1 && b > pg0)
            return true;
    }
    return false;
}

/* True if e is private anonymous memory: its own (own_pages) or, after
 * a fork froze it, a copy-on-write view of an anonymous object. */
static bool anon_private(const struct mm_map *e)
{
    return (e->flags & MM_MAP_TYPE) == MM_MAP_PRIVATE && e->obj->kind == OBJ_ANON;
}

/* Can e grow to len bytes?  Views of shared objects always can; private
 * anonymous memory only if nobody else maps the object pages it takes. */
static bool grow_ok(const struct mm_map *e, uint64_t len)
{
    uint64_t pg0, pg1;
    if (!anon_private(e))
        return true;
    grow_pages(e, len, &pg0, &pg1);
    return !obj_pages_shared(e, pg0, pg1);
}

/* Make e len bytes long from its start (range beyond it is free).
 * Private anonymous memory grows its object with zero pages: stale pages
 * there (left by a shrink of frozen, copy-on-write memory) are dropped;
 * memory of its own is allocated now unless lazy, a frozen view gets
 * zero pages on first touch. */
static int grow(struct mm_map *e, uint64_t len)
{
    uint64_t pg0, pg1;
    uint32_t old_end = e->end;
    grow_pages(e, len, &pg0, &pg1);
    if (anon_private(e)) {
        struct mm_obj *o = e->obj;
        if (obj_drop(o, pg0, pg1) || (e->priv && obj_drop(e->priv, pg0, pg1)))
            return -ENOMEM;
        if (obj_npages(o) < pg1)
            o->size = pg1 << MMSIM_PAGE_SHIFT;
        if (e->own_pages && !(e->flags & MM_MAP_LAZY) && obj_fill(o, pg0, pg1 - pg0, false))
            return -ENOMEM;
    }
    e->end = (uint32_t)(e->start + len);
    if (vm_sync(e, old_end, e->end))
        return -ENOMEM;
    return e->locked ? vm_populate(e, old_end, e->end) : 0;
}

/* old_size == 0: a second mapping of the same pages of a shared entry. */
static int mremap_dup(struct mm_proc *p, uint32_t old, uint64_t newlen, int flags,
                      uint32_t newaddr, uint32_t *out)
{
    struct mm_map *e = vm_find(p, old);
    if (!e)
        return -EFAULT;
    if ((e->flags & MM_MAP_TYPE) != MM_MAP_SHARED)
        return mm_einval(p, "old_size 0 needs a shared mapping");
    if (!(flags & MM_MREMAP_MAYMOVE))
        return -ENOMEM;
    uint32_t base = newaddr;
    int r = (flags & MM_MREMAP_FIXED) ? 0 : vm_find_free(p, 0, newlen, &base);
    struct mm_map *n = r ? NULL : malloc(sizeof *n);
    if (!n)
        return r ? r : -ENOMEM;
    *n = *e;
    n->start = base;
    n->end = (uint32_t)(base + newlen);
    n->objoff = e->objoff + (old - e->start);
    n->fd_hint = -1;
    obj_ref(n->obj);
    if (n->priv)
        obj_ref(n->priv);
    if (vm_insert(p, n)) {
        obj_unref(n->obj);
        obj_unref(n->priv);
        free(n);
        return -ENOMEM;
    }
    if (vm_sync(n, n->start, n->end)) {
        vm_remove(p, base, (uint64_t)base + newlen);
        return -ENOMEM;
    }
    *out = base;
    return 0;
}

/* Flag, alignment and size checks, in Linux's order. */
static int mremap_check(struct mm_proc *p, uint32_t old, uint64_t newlen, int flags)
{
    if (flags & ~MREMAP_ALL)
        return mm_einval(p, "unknown MREMAP_ flags");
    if ((flags & MM_MREMAP_FIXED) && !(flags & MM_MREMAP_MAYMOVE))
        return mm_einval(p, "MREMAP_FIXED without MREMAP_MAYMOVE");
    if (old & MMSIM_PAGE_MASK)
        return mm_einval(p, "old address is not page aligned");
    if (newlen == 0)
        return mm_einval(p, "new size 0");
    return 0;
}

/* MREMAP_FIXED's own checks (Linux mremap_to). */
static int mremap_fixed_check(struct mm_proc *p, uint32_t old, uint64_t oldlen,
                              uint32_t newaddr, uint64_t newlen)
{
    if (newaddr & MMSIM_PAGE_MASK)
        return mm_einval(p, "new address is not page aligned");
    if (!mm_in_user(newaddr, newlen))
        return mm_einval(p, "new range outside the user address space");
    if ((uint64_t)newaddr < (uint64_t)old + oldlen && (uint64_t)old < newaddr + newlen)
        return mm_einval(p, "old and new ranges overlap");
    return 0;
}

/* Move the entry e (isolated, already cut to at most newlen) to a new
 * place (newaddr with MREMAP_FIXED: already unmapped) and size. */
static int mremap_move(struct mm_proc *p, struct mm_map *e, uint64_t newlen, int flags,
                       uint32_t newaddr, uint32_t *out)
{
    uint32_t base = newaddr;
    uint64_t oldlen = e->end - e->start;
    if (newlen > oldlen && !grow_ok(e, newlen))
        return -ENOMEM;
    int r = (flags & MM_MREMAP_FIXED) ? 0 : vm_find_free(p, 0, newlen, &base);
    if (r || (r = vm_move(p, e, base)))
        return r;
    if (newlen > oldlen && (r = grow(e, newlen)))
        return r;
    *out = base;
    return 0;
}

/* The entry exactly covering [old, old+oldlen), split out of a larger one;
 * -EFAULT if the range is not inside one entry. */
static int mremap_isolate(struct mm_proc *p, uint32_t old, uint64_t oldlen, struct mm_map **out)
{
    struct mm_map *e = vm_find(p, old);
    if (!e || (uint64_t)old + oldlen > e->end)
        return -EFAULT;
    if (vm_split(p, old) || (old + oldlen < MM_USER_END && vm_split(p, (uint32_t)(old + oldlen))))
        return -ENOMEM;
    *out = vm_find(p, old);
    return 0;
}

int mm_mremap(struct mm_proc *p, uint32_t old, uint32_t oldsize, uint32_t newsize,
              int flags, uint32_t newaddr, uint32_t *out)
{
    uint64_t oldlen = mm_pages(oldsize) << MMSIM_PAGE_SHIFT;
    uint64_t newlen = mm_pages(newsize) << MMSIM_PAGE_SHIFT;
    struct mm_map *e;
    int r = mremap_check(p, old, newlen, flags);
    if (r)
        return r;
    if (!vm_find(p, old))
        return -EFAULT;
    if (flags & MM_MREMAP_FIXED) {
        if ((r = mremap_fixed_check(p, old, oldlen, newaddr, newlen)) ||
            (r = vm_remove(p, newaddr, (uint64_t)newaddr + newlen)))
            return r;
    }
    if (oldlen == 0)
        return mremap_dup(p, old, newlen, flags, newaddr, out);
    if (oldlen > newlen) {               /* shrinking: Linux cuts the tail first */
        if ((r = vm_remove(p, (uint32_t)(old + newlen), old + oldlen)))
            return r;
        oldlen = newlen;
    }
    if (!(flags & MM_MREMAP_FIXED) && oldlen == newlen) {
        *out = old;
        return 0;
    }
    e = vm_find(p, old);
    if ((uint64_t)old + oldlen > e->end)
        return -EFAULT;
    /* In place only if the range ends the entry and the space after it
     * is free: decided before any split, so a refusal changes nothing. */
    bool in_place = !(flags & MM_MREMAP_FIXED) && e->end == old + oldlen &&
                    mm_in_user(old, newlen) && vm_range_free(p, e->end, (uint64_t)old + newlen) &&
                    grow_ok(e, (uint64_t)e->end - e->start + (newlen - oldlen));
    if (!in_place && !(flags & MM_MREMAP_MAYMOVE))
        return -ENOMEM;
    if ((r = mremap_isolate(p, old, oldlen, &e)))
        return r;
    if (in_place) {
        if ((r = grow(e, newlen)))
            return r;
        *out = old;
        return 0;
    }
    return mremap_move(p, e, newlen, flags, newaddr, out);
}
