/*
 * fault.c - guest page faults the walker could not satisfy: lazy
 * allocation, copy-on-write, and the verdict for everything else.
 */
#include "file.h"

#include <stdlib.h>

/* COW mapping: a private copy of page pg (zeroed if the shared object has
 * no frame there yet) recorded in e->priv.  0 or -ENOMEM. */
static int fault_copy(struct mm_map *e, uint64_t pg)
{
    struct mm *m = e->proc->m;
    paddr_t src, pa;
    uint64_t n;
    if (!e->priv && !(e->priv = obj_create(m, OBJ_ANON)))
        return -ENOMEM;
    if (e->obj->kind == OBJ_FILE && !obj_page(e->obj, pg, &src)) {
        int r = file_page_in(e->obj, pg);     /* a private copy starts from the file */
        if (r)
            return r;
    }
    if (frames_alloc_run(m->frames, 1, &pa, &n))
        return -ENOMEM;
    int r;
    if (obj_page(e->obj, pg, &src)) {
        uint8_t buf[MMSIM_PAGE_SIZE];
        mm_kmem(m, src, MMSIM_PAGE_SIZE);
        mm_kmem(m, pa, MMSIM_PAGE_SIZE);
        r = phys_read(m->phys, src, buf, sizeof buf) ||
            phys_write(m->phys, pa, buf, sizeof buf);
    } else {
        mm_kmem(m, pa, MMSIM_PAGE_SIZE);
        r = phys_zero(m->phys, pa, MMSIM_PAGE_SIZE);
    }
    if (r || obj_insert(e->priv, pg, pa, 1)) {
        frames_free(m->frames, pa, 1);
        return -ENOMEM;
    }
    return 0;
}

/* Make page va of e resident for `access`: allocate a lazy page or copy
 * a COW page.  0 or -ENOMEM. */
static int fault_fill(struct mm_map *e, uint32_t va, unsigned access)
{
    paddr_t pa;
    enum vm_page_state st = vm_page(e, va, &pa);
    uint64_t pg = vm_pgoff(e, va);
    if (e->cow && (access & PT_W) && (st == VP_COW || st == VP_ABSENT))
        return fault_copy(e, pg);
    if (st == VP_ABSENT)
        return e->obj->kind == OBJ_FILE ? file_page_in(e->obj, pg) : obj_fill(e->obj, pg, 1, false);
    return 0;
}

/* True if the table now lets `access` through at va. */
static bool fault_table_allows(const struct mm_proc *p, uint32_t va, unsigned access)
{
    struct pt_walk w;
    pt_walk(p->pt, va, &w);
    return w.status == PTW_OK && (w.d.uprot & access) == access;
}

/* Resolve a fault at va for PT_R/PT_W/PT_X (0 counts as a read). */
enum mm_fault_kind mm_fault(struct mm_proc *p, uint32_t va, unsigned access)
{
    struct mm_map *e = vm_find(p, va);
    if (!e)
        return MMF_UNMAPPED;
    access = access ? access & (PT_R | PT_W | PT_X) : PT_R;
    if ((vm_prot_to_pt(e->prot) & access) != access)
        return MMF_PROTECTION;
    va &= ~(uint32_t)MMSIM_PAGE_MASK;
    paddr_t pa;
    if (vm_page(e, va, &pa) == VP_PAST_END)
        return MMF_PAST_END;
    if (fault_fill(e, va, access) || vm_sync(e, va, va + MMSIM_PAGE_SIZE))
        return MMF_NOMEM;
    /* Never report success for an access the table still refuses: sim/
     * would retry forever. */
    return fault_table_allows(p, va, access) ? MMF_RESOLVED : MMF_PROTECTION;
}
