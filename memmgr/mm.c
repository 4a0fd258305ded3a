/*
 * mm.c - the machine-wide memory manager and its processes: creation,
 * teardown, and the read-only views (mm_lookup, mm_foreach_map).
 */
#include "file.h"

#include <stdlib.h>

/* Machine-wide manager over one MMU, or NULL on ENOMEM. */
struct mm *mm_create(struct mmu *mmu, struct phys *phys, struct frames *frames)
{
    struct mm *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->mmu = mmu;
    m->phys = phys;
    m->frames = frames;
    m->next_id = 1;
    m->fd_limit_default = MM_FD_LIMIT_DEFAULT;
    shmtab_init(m);
    return m;
}

/* Destroy every remaining process, drop every name, free every object. */
void mm_destroy(struct mm *m)
{
    if (!m)
        return;
    while (m->procs)
        mm_proc_destroy(m->procs);
    ns_clear(m);
    shmtab_clear(m);
    while (m->objs) {                 /* only if references were leaked */
        m->objs->refs = 1;
        obj_unref(m->objs);
    }
    file_table_clear(m);
    free(m);
}

/* Install the msync cache-maintenance observer (NULL to remove). */
void mm_set_cache_hook(struct mm *m, mm_cache_hook_fn fn, void *ctx)
{
    m->cache_hook = fn;
    m->cache_ctx = ctx;
}

/* Install the kernel-copy observer (NULL to remove). */
void mm_set_kmem_hook(struct mm *m, mm_kmem_hook_fn fn, void *ctx)
{
    m->kmem_hook = fn;
    m->kmem_ctx = ctx;
}

void mm_kmem(struct mm *m, paddr_t pa, uint64_t len)
{
    if (m->kmem_hook)
        m->kmem_hook(m->kmem_ctx, pa, len);
}

/* A process with console fds 0-2 and an empty address space, or NULL. */
struct mm_proc *mm_proc_create(struct mm *m, uint32_t pid, bool privileged)
{
    struct mm_proc *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    if (!(p->pt = pt_create(m->mmu, pid))) {
        free(p);
        return NULL;
    }
    p->m = m;
    p->pid = pid;
    p->privileged = privileged;
    p->uid = p->euid = privileged ? MM_UID_ROOT : MM_UID_USER;
    p->gid = p->egid = p->uid;
    p->fd_limit = m->fd_limit_default;
    if (fd_table_init(p)) {
        fd_table_free(p);
        pt_destroy(p->pt);
        free(p);
        return NULL;
    }
    p->next = m->procs;
    if (m->procs)
        m->procs->prev = p;
    m->procs = p;
    return p;
}

int mm_proc_exec(struct mm_proc *p)
{
    vm_remove(p, MM_USER_BASE, MM_USER_END);   /* no splits: cannot fail */
    p->lock_future = false;
    mm_close_on_exec(p);
    return 0;
}

/* Unmap everything, close every fd, free the page table and p. */
void mm_proc_destroy(struct mm_proc *p)
{
    if (!p)
        return;
    vm_remove(p, MM_USER_BASE, MM_USER_END);   /* no splits: cannot fail */
    fd_table_free(p);
    pt_destroy(p->pt);
    if (p->prev)
        p->prev->next = p->next;
    else
        p->m->procs = p->next;
    if (p->next)
        p->next->prev = p->prev;
    free(p->maps);
    free(p);
}

/* The process's page table. */
struct pt *mm_proc_pt(struct mm_proc *p)
{
    return p->pt;
}

/* Reason for the last -EINVAL returned to p, or "" if none yet. */
const char *mm_last_reason(const struct mm_proc *p)
{
    return p->reason ? p->reason : "";
}

/* Describe entry e. */
static void mm_info(const struct mm_map *e, struct mm_map_info *mi)
{
    *mi = (struct mm_map_info){
        .start = e->start, .len = e->end - e->start, .prot = e->prot, .flags = e->flags,
        .fd_hint = e->fd_hint, .objoff = e->objoff, .objsize = e->obj->size,
        .objflags = e->obj->flags, .objid = e->obj->id, .locked = e->locked,
    };
}

/* Mapping containing va: 0 and *info, or -ENOENT. */
int mm_lookup(const struct mm_proc *p, uint32_t va, struct mm_map_info *info)
{
    const struct mm_map *e = vm_find(p, va);
    if (!e)
        return -ENOENT;
    mm_info(e, info);
    return 0;
}

/* Call fn for every mapping in address order. */
void mm_foreach_map(const struct mm_proc *p,
                    void (*fn)(void *ctx, const struct mm_map_info *mi), void *ctx)
{
    for (size_t i = 0; i < p->nmaps; i++) {
        struct mm_map_info mi;
        mm_info(p->maps[i], &mi);
        fn(ctx, &mi);
    }
}
