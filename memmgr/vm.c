/*
 * vm.c - address-space map entries and their page-table entries (see vm.h).
 */
#include "vm.h"

#include <stdlib.h>
#include <string.h>

/* Object page index of virtual page va in e. */
uint64_t vm_pgoff(const struct mm_map *e, uint32_t va)
{
    return (e->objoff >> MMSIM_PAGE_SHIFT) + ((uint64_t)(va - e->start) >> MMSIM_PAGE_SHIFT);
}

/* Virtual address of object page pg in e (pg must lie in e). */
static uint32_t vm_va_of(const struct mm_map *e, uint64_t pg)
{
    return e->start + (uint32_t)((pg - (e->objoff >> MMSIM_PAGE_SHIFT)) << MMSIM_PAGE_SHIFT);
}

/* State and frame of the page at va in e. */
enum vm_page_state vm_page(const struct mm_map *e, uint32_t va, paddr_t *pa)
{
    uint64_t pg = vm_pgoff(e, va);
    if (pg >= obj_npages(e->obj))
        return VP_PAST_END;
    if (e->priv && obj_page(e->priv, pg, pa))
        return VP_RESIDENT;
    if (!obj_page(e->obj, pg, pa))
        return VP_ABSENT;
    return e->cow ? VP_COW : VP_RESIDENT;
}

/* PT_R/W/X allowed by MM_PROT_* bits (write implies read, as on ARM). */
unsigned vm_prot_to_pt(int prot)
{
    unsigned a = 0;
    if (prot & (MM_PROT_READ | MM_PROT_WRITE))
        a |= PT_R;
    if (prot & MM_PROT_WRITE)
        a |= PT_W;
    if (prot & MM_PROT_EXEC)
        a |= PT_X;
    return a;
}

/* PTE attributes of a page of e; COW pages lose write. */
static void vm_attr(const struct mm_map *e, enum vm_page_state st, struct pt_attr *a)
{
    a->prot = vm_prot_to_pt(e->prot);
    if (st == VP_COW)
        a->prot &= ~PT_W;
    a->has_special = (e->obj->flags & MM_SHMCTL_HAS_SPECIAL) != 0;
    a->special = a->has_special ? e->obj->special : 0;
    /* special bits override PROT_NOCACHE (REFERENCE.md section 2) */
    a->nocache = !a->has_special && (e->prot & MM_PROT_NOCACHE);
}

/* True and *found: the first resident object page of e in [pg, pend). */
static bool vm_next_resident(const struct mm_map *e, uint64_t pg, uint64_t pend,
                             uint64_t *found)
{
    uint64_t a = 0, b = 0;
    bool ha = obj_next_page(e->obj, pg, &a);
    bool hb = e->priv && obj_next_page(e->priv, pg, &b);
    if (!ha && !hb)
        return false;
    *found = !ha ? b : !hb ? a : (a < b ? a : b);
    return *found < pend;
}

/* Object page range [*pg0, *pg1) of e's pages in [va0, va1), clipped at
 * the object's end. */
static void vm_page_range(const struct mm_map *e, uint32_t va0, uint32_t va1,
                          uint64_t *pg0, uint64_t *pg1)
{
    uint64_t end = obj_npages(e->obj);
    *pg0 = vm_pgoff(e, va0);
    *pg1 = *pg0 + ((uint64_t)(va1 - va0) >> MMSIM_PAGE_SHIFT);
    if (*pg1 > end)
        *pg1 = end;
}

/* Clear the PTE of every resident page of e in [va0, va1). */
void vm_clear(struct mm_map *e, uint32_t va0, uint32_t va1)
{
    uint64_t pg, pend;
    vm_page_range(e, va0, va1, &pg, &pend);
    while (pg < pend && vm_next_resident(e, pg, pend, &pg)) {
        pt_unmap(e->proc->pt, vm_va_of(e, pg));
        pg++;
    }
}

/* Write the PTE of every resident page of e in [va0, va1). */
int vm_sync(struct mm_map *e, uint32_t va0, uint32_t va1)
{
    if (!vm_prot_to_pt(e->prot)) {             /* PROT_NONE: a reservation */
        vm_clear(e, va0, va1);
        return 0;
    }
    uint64_t pg, pend;
    vm_page_range(e, va0, va1, &pg, &pend);
    while (pg < pend && vm_next_resident(e, pg, pend, &pg)) {
        uint32_t va = vm_va_of(e, pg);
        paddr_t pa;
        struct pt_attr a;
        enum vm_page_state st = vm_page(e, va, &pa);
        vm_attr(e, st, &a);
        if (pt_map(e->proc->pt, va, pa, &a))
            return -ENOMEM;
        pg++;
    }
    return 0;
}

/* The entry containing va, or NULL. */
struct mm_map *vm_find(const struct mm_proc *p, uint32_t va)
{
    size_t i = vm_index_from(p, va);
    if (i == p->nmaps || p->maps[i]->start > va)
        return NULL;
    return p->maps[i];
}

/* Index of the first entry that ends after va (binary search). */
size_t vm_index_from(const struct mm_proc *p, uint32_t va)
{
    size_t lo = 0, hi = p->nmaps;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->maps[mid]->end <= va)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* True if no entry overlaps [start, end). */
bool vm_range_free(const struct mm_proc *p, uint32_t start, uint64_t end)
{
    size_t i = vm_index_from(p, start);
    return i == p->nmaps || p->maps[i]->start >= end;
}

/* True if entries cover every page of [start, end). */
bool vm_covered(const struct mm_proc *p, uint32_t start, uint64_t end)
{
    uint64_t cur = start;
    for (size_t i = vm_index_from(p, start); cur < end; i++) {
        if (i == p->nmaps || p->maps[i]->start > cur)
            return false;
        cur = p->maps[i]->end;
    }
    return true;
}

/* First gap of len bytes inside [from, to), or false. */
static bool vm_gap(const struct mm_proc *p, uint64_t from, uint64_t to, uint64_t len,
                   uint32_t *out)
{
    uint64_t cur = from;
    for (size_t i = vm_index_from(p, (uint32_t)from); i < p->nmaps; i++) {
        const struct mm_map *e = p->maps[i];
        if (e->start >= to)
            break;
        if (e->start >= cur && e->start - cur >= len)
            break;
        if (e->end > cur)
            cur = e->end;
    }
    if (cur >= to || to - cur < len)
        return false;
    *out = (uint32_t)cur;
    return true;
}

/* A free range of len bytes: hint, else first fit from MM_MMAP_BASE, else
 * from MM_USER_BASE.  0 or -ENOMEM. */
int vm_find_free(const struct mm_proc *p, uint32_t hint, uint64_t len, uint32_t *out)
{
    uint32_t base = hint & ~(uint32_t)MMSIM_PAGE_MASK;
    if (base && mm_in_user(base, len) && vm_range_free(p, base, (uint64_t)base + len)) {
        *out = base;
        return 0;
    }
    if (vm_gap(p, MM_MMAP_BASE, MM_USER_END, len, out) ||
        vm_gap(p, MM_USER_BASE, MM_USER_END, len, out))
        return 0;
    return -ENOMEM;
}

/* Room for one more entry.  0 or -ENOMEM. */
static int vm_reserve(struct mm_proc *p)
{
    if (p->nmaps < p->maps_cap)
        return 0;
    size_t cap = p->maps_cap ? p->maps_cap * 2 : 16;
    struct mm_map **v = realloc(p->maps, cap * sizeof *v);
    if (!v)
        return -ENOMEM;
    p->maps = v;
    p->maps_cap = cap;
    return 0;
}

/* Add e to its object's list of mappings (a System V segment counts one
 * more attach: see the contract in mmsim/memmgr.h). */
static void vm_link(struct mm_map *e)
{
    if (e->obj->ops && e->obj->ops->map_linked)
        e->obj->ops->map_linked(e);
    e->rprev = NULL;
    e->rnext = e->obj->maps;
    if (e->obj->maps)
        e->obj->maps->rprev = e;
    e->obj->maps = e;
}

/* Remove e from its object's list of mappings (a System V segment
 * counts one attach less, and may go with it). */
static void vm_unlink(struct mm_map *e)
{
    if (e->obj->ops && e->obj->ops->map_unlinked)
        e->obj->ops->map_unlinked(e);
    if (e->rprev)
        e->rprev->rnext = e->rnext;
    else
        e->obj->maps = e->rnext;
    if (e->rnext)
        e->rnext->rprev = e->rprev;
}

/* Put e at index i of the sorted array (room reserved). */
static void vm_place(struct mm_proc *p, size_t i, struct mm_map *e)
{
    memmove(&p->maps[i + 1], &p->maps[i], (p->nmaps - i) * sizeof e);
    p->maps[i] = e;
    p->nmaps++;
    vm_link(e);
}

/* Insert a fully built entry.  0 or -ENOMEM. */
int vm_insert(struct mm_proc *p, struct mm_map *e)
{
    if (vm_reserve(p))
        return -ENOMEM;
    e->proc = p;
    vm_place(p, vm_index_from(p, e->start), e);
    return 0;
}

/* Split the entry containing va so that an entry starts at va. */
int vm_split(struct mm_proc *p, uint32_t va)
{
    size_t i = vm_index_from(p, va);
    if (i == p->nmaps || p->maps[i]->start >= va)
        return 0;
    struct mm_map *e = p->maps[i];
    struct mm_map *n = malloc(sizeof *n);
    if (!n || vm_reserve(p)) {
        free(n);
        return -ENOMEM;
    }
    *n = *e;
    n->start = va;
    n->objoff += va - e->start;
    e->end = va;
    obj_ref(n->obj);
    if (n->priv)
        obj_ref(n->priv);
    vm_place(p, i + 1, n);
    return 0;
}

/* Clear e's PTEs, give back the pages it alone owns, drop its references. */
static void vm_release(struct mm_map *e)
{
    uint64_t pg0 = vm_pgoff(e, e->start);
    uint64_t pg1 = pg0 + ((uint64_t)(e->end - e->start) >> MMSIM_PAGE_SHIFT);
    vm_clear(e, e->start, e->end);
    if (e->obj->ops && e->obj->ops->writeback && (e->flags & MM_MAP_TYPE) == MM_MAP_SHARED &&
        e->may_write)
        (void)e->obj->ops->writeback(e->obj, pg0, pg1);   /* munmap and exit write back */
    /* A failed drop (host out of memory while splitting an extent) only
     * keeps the frames until the object goes. */
    if (e->priv)
        (void)obj_drop(e->priv, pg0, pg1);
    if (e->own_pages)
        (void)obj_drop(e->obj, pg0, pg1);
    vm_unlink(e);
    obj_unref(e->obj);
    obj_unref(e->priv);
    free(e);
}

/* True if b continues a with the same objects and attributes. */
static bool vm_mergeable(const struct mm_map *a, const struct mm_map *b)
{
    return a->end == b->start && a->obj == b->obj && a->priv == b->priv &&
           !a->obj->sysv && a->objoff + (a->end - a->start) == b->objoff &&
           a->prot == b->prot && a->flags == b->flags && a->fd_hint == b->fd_hint &&
           a->cow == b->cow && a->own_pages == b->own_pages &&
           a->may_write == b->may_write && a->locked == b->locked;
}

/* Merge back mergeable neighbours around [start, end]. */
void vm_merge(struct mm_proc *p, uint32_t start, uint64_t end)
{
    size_t i = vm_index_from(p, start ? start - 1 : 0);
    while (i + 1 < p->nmaps && p->maps[i]->start <= end) {
        struct mm_map *a = p->maps[i], *b = p->maps[i + 1];
        if (!vm_mergeable(a, b)) {
            i++;
            continue;
        }
        a->end = b->end;
        vm_unlink(b);
        obj_unref(b->obj);
        obj_unref(b->priv);
        free(b);
        memmove(&p->maps[i + 1], &p->maps[i + 2], (p->nmaps - i - 2) * sizeof a);
        p->nmaps--;
    }
}

/* Unmap [start, end). */
int vm_remove(struct mm_proc *p, uint32_t start, uint64_t end)
{
    if (vm_split(p, start) || (end < MM_USER_END && vm_split(p, (uint32_t)end)))
        return -ENOMEM;
    size_t i = vm_index_from(p, start), j = i;
    while (j < p->nmaps && p->maps[j]->start < end)
        vm_release(p->maps[j++]);
    if (j > i) {
        memmove(&p->maps[i], &p->maps[j], (p->nmaps - j) * sizeof *p->maps);
        p->nmaps -= j - i;
    }
    return 0;
}

/* Move e to `to`: out of the sorted array, PTEs cleared, rebased, back in
 * at its new index; the object's list of mappings is left alone. */
int vm_move(struct mm_proc *p, struct mm_map *e, uint32_t to)
{
    size_t i = vm_index_from(p, e->start);
    vm_clear(e, e->start, e->end);
    memmove(&p->maps[i], &p->maps[i + 1], (p->nmaps - i - 1) * sizeof e);
    p->nmaps--;
    e->end = to + (e->end - e->start);
    e->start = to;
    size_t j = vm_index_from(p, to);
    memmove(&p->maps[j + 1], &p->maps[j], (p->nmaps - j) * sizeof e);
    p->maps[j] = e;
    p->nmaps++;
    return vm_sync(e, e->start, e->end);
}

/* Object o shrinks to pg pages: clear those pages in every mapping and
 * free the private copies past the new end. */
void vm_obj_truncate(struct mm_obj *o, uint64_t pg)
{
    for (struct mm_map *e = o->maps; e; e = e->rnext) {
        uint64_t mp0 = vm_pgoff(e, e->start);
        uint64_t mp1 = mp0 + ((uint64_t)(e->end - e->start) >> MMSIM_PAGE_SHIFT);
        if (mp1 <= pg)
            continue;
        uint64_t from = pg > mp0 ? pg : mp0;
        vm_clear(e, vm_va_of(e, from), e->end);
        if (e->priv)
            (void)obj_drop(e->priv, from, mp1);
    }
}
