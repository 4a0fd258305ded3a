/*
 * fork.c - a copy of a process's address space and fd table for fork().
 *
 * MAP_SHARED entries (shm views, shared anonymous memory, physical
 * windows) are shared: the child's entry maps the same object.
 * MAP_PRIVATE memory becomes copy-on-write in both processes:
 * - private anonymous memory (own_pages) is frozen: the anonymous object
 *   stops belonging to one entry and becomes the shared, read-only
 *   backing of a COW view in parent and child alike (cow = true,
 *   own_pages = false); the first write to a page by either copies it
 *   into that entry's `priv` (memmgr/fault.c).  Lazy pages not yet
 *   touched stay absent: a write gets a zeroed private page, a read fills
 *   the frozen object (a zero page both may read).
 * - a view that is already COW (a MAP_PRIVATE shm view, or memory frozen
 *   by an earlier fork) keeps its backing object; the private copies the
 *   parent has made so far are copied into the child at once (one level
 *   of COW, no chains of private objects: memory is copied eagerly only
 *   for pages the parent wrote since its previous fork).
 * Parent PTEs of frozen pages are rewritten read-only (the flush flag of
 * its page table is set); the child's resident pages get PTEs at once.
 */
#include "vm.h"

#include <stdlib.h>

/* Copy every private page of src (pages [pg0, pg1)) into a new object. */
static int fork_copy_priv(struct mm *m, const struct mm_obj *src, uint64_t pg0,
                          uint64_t pg1, struct mm_obj **out)
{
    struct mm_obj *o = obj_create(m, OBJ_ANON);
    if (!o)
        return -ENOMEM;
    o->size = src->size;
    uint64_t pg = pg0;
    while (pg < pg1 && obj_next_page(src, pg, &pg) && pg < pg1) {
        paddr_t from, to;
        uint64_t n;
        uint8_t buf[MMSIM_PAGE_SIZE];
        obj_page(src, pg, &from);
        if (frames_alloc_run(m->frames, 1, &to, &n)) {
            obj_unref(o);
            return -ENOMEM;
        }
        if (phys_read(m->phys, from, buf, sizeof buf) || phys_write(m->phys, to, buf, sizeof buf) ||
            obj_insert(o, pg, to, 1)) {
            frames_free(m->frames, to, 1);
            obj_unref(o);
            return -ENOMEM;
        }
        pg++;
    }
    *out = o;
    return 0;
}

/* The child's copy of parent entry e (e may be turned into a COW view). */
static int fork_entry(struct mm_proc *child, struct mm_map *e)
{
    struct mm_map *n = malloc(sizeof *n);
    if (!n)
        return -ENOMEM;
    *n = *e;
    n->locked = false;                  /* memory locks are not inherited */
    n->priv = NULL;
    bool private = (e->flags & MM_MAP_TYPE) == MM_MAP_PRIVATE;
    if (private && e->own_pages) {
        e->own_pages = false;          /* freeze: both see it read-only */
        e->cow = true;
        n->own_pages = false;
        n->cow = true;
    } else if (e->cow && e->priv) {
        uint64_t pg0 = vm_pgoff(e, e->start);
        uint64_t pg1 = pg0 + ((uint64_t)(e->end - e->start) >> MMSIM_PAGE_SHIFT);
        if (fork_copy_priv(child->m, e->priv, pg0, pg1, &n->priv)) {
            free(n);
            return -ENOMEM;
        }
    }
    obj_ref(n->obj);
    if (vm_insert(child, n)) {
        obj_unref(n->obj);
        obj_unref(n->priv);
        free(n);
        return -ENOMEM;
    }
    if (vm_sync(e, e->start, e->end) || vm_sync(n, n->start, n->end))
        return -ENOMEM;
    return 0;
}

/* fork: a new process `pid` with p's fd table and a COW copy of its
 * address space.  NULL on ENOMEM (p stays usable: entries already frozen
 * are valid COW views). */
struct mm_proc *mm_proc_fork(struct mm_proc *p, uint32_t pid)
{
    struct mm_proc *c = mm_proc_create(p->m, pid, p->privileged);
    if (!c)
        return NULL;
    c->uid = p->uid;
    c->euid = p->euid;
    c->gid = p->gid;
    c->egid = p->egid;
    if (fd_table_copy(c, p)) {
        mm_proc_destroy(c);
        return NULL;
    }
    for (size_t i = 0; i < p->nmaps; i++) {
        if (fork_entry(c, p->maps[i])) {
            mm_proc_destroy(c);
            return NULL;
        }
    }
    return c;
}
