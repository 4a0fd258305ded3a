/*
 * object.c - memory objects and their extent lists (see object.h).
 */
#include "object.h"

#include <stdlib.h>
#include <string.h>

/* A new empty object with one reference, linked into m->objs, or NULL. */
struct mm_obj *obj_create(struct mm *m, enum mm_obj_kind kind)
{
    struct mm_obj *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->m = m;
    o->id = m->next_id++;
    o->refs = 1;
    o->kind = kind;
    o->owns_frames = true;
    o->lnext = m->objs;
    if (m->objs)
        m->objs->lprev = o;
    m->objs = o;
    return o;
}

/* Take one more reference. */
void obj_ref(struct mm_obj *o)
{
    o->refs++;
}

/* Free every owned frame, the extent array and the object itself. */
static void obj_free(struct mm_obj *o)
{
    struct mm *m = o->m;
    if (o->ops && o->ops->release)
        o->ops->release(o);
    if (o->owns_frames)
        for (size_t i = 0; i < o->n_ext; i++)
            frames_free(m->frames, o->ext[i].pa, o->ext[i].npages);
    if (o->lprev)
        o->lprev->lnext = o->lnext;
    else
        m->objs = o->lnext;
    if (o->lnext)
        o->lnext->lprev = o->lprev;
    free(o->ext);
    free(o);
}

/* Drop a reference; the last one frees the object. */
void obj_unref(struct mm_obj *o)
{
    if (o && --o->refs == 0)
        obj_free(o);
}

/* Number of pages the object spans. */
uint64_t obj_npages(const struct mm_obj *o)
{
    return mm_pages(o->size);
}

/* Index of the first extent whose end lies after page pg. */
size_t obj_ext_from(const struct mm_obj *o, uint64_t pg)
{
    size_t lo = 0, hi = o->n_ext;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct mm_extent *e = &o->ext[mid];
        if (e->pgoff + e->npages <= pg)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* True and *pa if page pg is resident. */
bool obj_page(const struct mm_obj *o, uint64_t pg, paddr_t *pa)
{
    size_t i = obj_ext_from(o, pg);
    if (i == o->n_ext || o->ext[i].pgoff > pg)
        return false;
    *pa = o->ext[i].pa + ((pg - o->ext[i].pgoff) << MMSIM_PAGE_SHIFT);
    return true;
}

/* True and *found = the first resident page at or after pg. */
bool obj_next_page(const struct mm_obj *o, uint64_t pg, uint64_t *found)
{
    size_t i = obj_ext_from(o, pg);
    if (i == o->n_ext)
        return false;
    *found = o->ext[i].pgoff > pg ? o->ext[i].pgoff : pg;
    return true;
}

/* Make room for `more` extents.  0 or -ENOMEM. */
static int obj_reserve(struct mm_obj *o, size_t more)
{
    if (o->n_ext + more <= o->ext_cap)
        return 0;
    size_t cap = o->ext_cap ? o->ext_cap * 2 : 4;
    while (cap < o->n_ext + more)
        cap *= 2;
    struct mm_extent *e = realloc(o->ext, cap * sizeof *e);
    if (!e)
        return -ENOMEM;
    o->ext = e;
    o->ext_cap = cap;
    return 0;
}

/* True if extent b continues extent a in the object and in RAM. */
static bool ext_joins(const struct mm_extent *a, const struct mm_extent *b)
{
    return a->pgoff + a->npages == b->pgoff &&
           a->pa + (a->npages << MMSIM_PAGE_SHIFT) == b->pa;
}

/* Record pages [pg, pg+n) at frames pa..; merges with neighbours. */
int obj_insert(struct mm_obj *o, uint64_t pg, paddr_t pa, uint64_t n)
{
    struct mm_extent x = { pg, pa, n };
    size_t i = obj_ext_from(o, pg);
    bool left = i > 0 && ext_joins(&o->ext[i - 1], &x);
    bool right = i < o->n_ext && ext_joins(&x, &o->ext[i]);
    if (left && right) {
        o->ext[i - 1].npages += n + o->ext[i].npages;
        memmove(&o->ext[i], &o->ext[i + 1], (o->n_ext - i - 1) * sizeof x);
        o->n_ext--;
    } else if (left) {
        o->ext[i - 1].npages += n;
    } else if (right) {
        o->ext[i].pgoff = pg;
        o->ext[i].pa = pa;
        o->ext[i].npages += n;
    } else {
        if (obj_reserve(o, 1))
            return -ENOMEM;
        memmove(&o->ext[i + 1], &o->ext[i], (o->n_ext - i) * sizeof x);
        o->ext[i] = x;
        o->n_ext++;
    }
    return 0;
}

/* Free the frames of pages [pg0, pg1) of extent e (owned objects only). */
static void ext_release(struct mm_obj *o, const struct mm_extent *e,
                        uint64_t pg0, uint64_t pg1)
{
    if (o->owns_frames && pg1 > pg0)
        frames_free(o->m->frames, e->pa + ((pg0 - e->pgoff) << MMSIM_PAGE_SHIFT),
                    pg1 - pg0);
}

/* Forget pages [pg0, pg1): trim the extents at both ends, remove the
 * ones inside with a single move.  0 or -ENOMEM (nothing changed). */
int obj_drop(struct mm_obj *o, uint64_t pg0, uint64_t pg1)
{
    size_t i = obj_ext_from(o, pg0);
    if (pg0 >= pg1 || i == o->n_ext || o->ext[i].pgoff >= pg1)
        return 0;
    struct mm_extent *e = &o->ext[i];
    uint64_t end = e->pgoff + e->npages;
    if (e->pgoff < pg0 && end > pg1) {        /* hole inside one extent */
        if (obj_reserve(o, 1))
            return -ENOMEM;
        e = &o->ext[i];
        ext_release(o, e, pg0, pg1);
        struct mm_extent tail = { pg1, e->pa + ((pg1 - e->pgoff) << MMSIM_PAGE_SHIFT),
                                  end - pg1 };
        e->npages = pg0 - e->pgoff;
        memmove(&o->ext[i + 2], &o->ext[i + 1], (o->n_ext - i - 1) * sizeof tail);
        o->ext[i + 1] = tail;
        o->n_ext++;
        return 0;
    }
    if (e->pgoff < pg0) {                     /* keep the head of ext[i] */
        ext_release(o, e, pg0, end);
        e->npages = pg0 - e->pgoff;
        i++;
    }
    size_t j = i;
    while (j < o->n_ext && o->ext[j].pgoff + o->ext[j].npages <= pg1) {
        ext_release(o, &o->ext[j], o->ext[j].pgoff, o->ext[j].pgoff + o->ext[j].npages);
        j++;
    }
    if (j < o->n_ext && o->ext[j].pgoff < pg1) {  /* keep the tail of ext[j] */
        e = &o->ext[j];
        ext_release(o, e, e->pgoff, pg1);
        e->pa += (pg1 - e->pgoff) << MMSIM_PAGE_SHIFT;
        e->npages -= pg1 - e->pgoff;
        e->pgoff = pg1;
    }
    memmove(&o->ext[i], &o->ext[j], (o->n_ext - j) * sizeof *e);
    o->n_ext -= j - i;
    return 0;
}

/* Allocate, zero and record one run for pages starting at pg. */
static int obj_fill_run(struct mm_obj *o, uint64_t pg, uint64_t max, uint64_t *got)
{
    struct mm *m = o->m;
    paddr_t pa;
    uint64_t n;
    if (frames_alloc_run(m->frames, max, &pa, &n))
        return -ENOMEM;
    mm_kmem(m, pa, n << MMSIM_PAGE_SHIFT);
    if (phys_zero(m->phys, pa, n << MMSIM_PAGE_SHIFT) || obj_insert(o, pg, pa, n)) {
        frames_free(m->frames, pa, n);
        return -ENOMEM;
    }
    *got = n;
    return 0;
}

/* Allocate one zeroed contiguous run for pages [pg, pg+n). */
static int obj_fill_contig(struct mm_obj *o, uint64_t pg, uint64_t n)
{
    struct mm *m = o->m;
    paddr_t pa;
    if (frames_alloc_contig(m->frames, n, 1, &pa))
        return -ENOMEM;
    mm_kmem(m, pa, n << MMSIM_PAGE_SHIFT);
    if (phys_zero(m->phys, pa, n << MMSIM_PAGE_SHIFT) || obj_insert(o, pg, pa, n)) {
        frames_free(m->frames, pa, n);
        return -ENOMEM;
    }
    return 0;
}

/* Allocate zeroed frames for the absent pages [pg, pg+n). */
int obj_fill(struct mm_obj *o, uint64_t pg, uint64_t n, bool contig)
{
    if (n > o->m->frames->nfree)
        return -ENOMEM;
    if (contig)
        return obj_fill_contig(o, pg, n);
    uint64_t done = 0;
    while (done < n) {
        uint64_t got;
        if (obj_fill_run(o, pg + done, n - done, &got)) {
            obj_drop(o, pg, pg + done);   /* trims at the ends: cannot fail */
            return -ENOMEM;
        }
        done += got;
    }
    return 0;
}
