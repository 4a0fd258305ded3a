/*
 * objinfo.c - _MEM_OBJ_INFO: the physical layout of a shm object populated
 * by shm_ctl/shm_ctl_special, as segments.
 *
 * The object's extents are already merged wherever pages are contiguous
 * in both the object and RAM, so one binary search finds the first extent
 * and every further extent gives at most one segment: the cost is linear
 * in the segments returned, never in pages.
 */
#include "object.h"

/* Check the request; 0 and *end (exclusive byte offset), or -errno.
 * offset == size counts as "beyond the object" (our choice). */
static int objinfo_check(struct mm_proc *p, const struct mm_obj *o, uint16_t zero,
                         uint64_t offset, uint64_t length, uint64_t *end)
{
    if (o->kind != OBJ_SHM || !o->populated)
        return mm_einval(p, "object was not populated by shm_ctl");
    if (zero != 0)
        return mm_einval(p, "_MEM_OBJ_INFO zero field is not 0");
    if (offset >= o->size)
        return mm_einval(p, "offset is at or beyond the end of the object");
    /* Clip to the object; SIZE_MAX / UINT64_MAX and overflow mean "to the end". */
    *end = length > o->size - offset ? o->size : offset + length;
    return 0;
}

/* Append [off, off+len) at pa to the reply, merging with the last
 * segment when both offsets and addresses continue it.  False when a new
 * segment is needed and the reply is full. */
static bool objinfo_add(struct mm_segment *segs, size_t max, size_t *n,
                        uint64_t off, paddr_t pa, uint64_t len)
{
    struct mm_segment *last = *n ? &segs[*n - 1] : NULL;
    if (last && last->offset + last->length == off && last->paddr + last->length == pa) {
        last->length += len;
        return true;
    }
    if (*n == max)
        return false;
    segs[(*n)++] = (struct mm_segment){ off, pa, len };
    return true;
}

/* _MEM_OBJ_INFO: fills at most `max` segments, returns the count. */
long mm_obj_info(struct mm_proc *p, int fd, uint16_t zero, uint64_t offset,
                 uint64_t length, struct mm_segment *segs, size_t max)
{
    int err;
    uint64_t end;
    const struct mm_obj *o = fd_shm(p, fd, &err);
    if (!o)
        return err;
    if ((err = objinfo_check(p, o, zero, offset, length, &end)))
        return err;
    size_t n = 0;
    for (size_t i = obj_ext_from(o, offset >> MMSIM_PAGE_SHIFT); i < o->n_ext; i++) {
        const struct mm_extent *e = &o->ext[i];
        uint64_t from = e->pgoff << MMSIM_PAGE_SHIFT;
        uint64_t to = from + (e->npages << MMSIM_PAGE_SHIFT);
        if (from >= end)
            break;
        if (from < offset)
            from = offset;
        if (to > end)
            to = end;
        paddr_t pa = e->pa + (from - (e->pgoff << MMSIM_PAGE_SHIFT));
        if (!objinfo_add(segs, max, &n, from, pa, to - from))
            break;
    }
    return (long)n;
}
