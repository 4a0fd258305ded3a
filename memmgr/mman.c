/*
 * mman.c - the mmap family: mmap, munmap, mprotect, msync, mem_offset.
 * QNX semantics (REFERENCE.md section 2); errors are negative host errno.
 */
#include "file.h"

#include <stdlib.h>

/* What mmap maps: an object, where in it, and how. */
struct mmap_src {
    struct mm_obj *obj;       /* one reference held */
    uint64_t       objoff;    /* page aligned */
    bool           cow, own_pages, may_write;
    int            fd_hint;
};

/* A fresh anonymous object of npages: eager, lazy or contiguous. */
static int mmap_anon(struct mm_proc *p, int flags, uint64_t npages, struct mmap_src *s)
{
    struct mm_obj *o = obj_create(p->m, OBJ_ANON);
    if (!o)
        return -ENOMEM;
    o->size = npages << MMSIM_PAGE_SHIFT;
    bool contig = flags & MM_MAP_PHYS;
    if ((contig || !(flags & MM_MAP_LAZY)) && obj_fill(o, 0, npages, contig)) {
        obj_unref(o);
        return -ENOMEM;
    }
    s->obj = o;
    s->own_pages = (flags & MM_MAP_TYPE) == MM_MAP_PRIVATE;
    return 0;
}

/* MAP_PHYS without MAP_ANON: a window onto physical address off.
 * Unaligned off or a range that is neither RAM nor inside one device
 * window is -EINVAL (our choice, rather than ENXIO); needs privilege. */
static int mmap_phys(struct mm_proc *p, uint64_t off, uint64_t npages, struct mmap_src *s)
{
    uint64_t len = npages << MMSIM_PAGE_SHIFT;
    if (off & MMSIM_PAGE_MASK)
        return mm_einval(p, "MAP_PHYS address is not page aligned");
    if (!p->privileged)
        return -EPERM;
    if (off > UINT64_MAX - len || phys_kind(p->m->phys, off, len) == PHYS_NONE)
        return mm_einval(p, "MAP_PHYS range is neither RAM nor one device window");
    struct mm_obj *o = obj_create(p->m, OBJ_PHYS);
    if (!o)
        return -ENOMEM;
    o->owns_frames = false;
    o->size = len;
    if (obj_insert(o, 0, off, npages)) {
        obj_unref(o);
        return -ENOMEM;
    }
    s->obj = o;
    return 0;
}

/* A view of the shm object or file behind fd at off. */
static int mmap_fd(struct mm_proc *p, int prot, int flags, int fd, uint64_t off,
                   uint64_t len, struct mmap_src *s)
{
    int err;
    struct mm_obj *o = fd_obj(p, fd, &err);
    if (!o)
        return err == -EINVAL ? -ENODEV : err;   /* the console cannot be mapped */
    int acc = fd_get(p, fd)->oflag & MM_O_ACCMODE;
    bool shared = (flags & MM_MAP_TYPE) == MM_MAP_SHARED;
    if (acc != MM_O_RDONLY && acc != MM_O_RDWR)
        return -EACCES;
    if (shared && (prot & MM_PROT_WRITE) && acc == MM_O_RDONLY)
        return -EACCES;
    if (off > UINT64_MAX - len)
        return mm_einval(p, "offset + length overflows");
    obj_ref(o);
    s->obj = o;
    s->objoff = off & ~MMSIM_PAGE_MASK;
    s->cow = !shared;
    s->may_write = !(shared && acc == MM_O_RDONLY);
    s->fd_hint = fd;
    return 0;
}

/* Pick and reference the object an mmap call maps. */
static int mmap_source(struct mm_proc *p, int prot, int flags, int fd, uint64_t off,
                       uint64_t span, struct mmap_src *s)
{
    *s = (struct mmap_src){ .may_write = true, .fd_hint = -1 };
    uint64_t npages = span >> MMSIM_PAGE_SHIFT;
    if (flags & MM_MAP_ANON)
        return mmap_anon(p, flags, npages, s);
    if (flags & MM_MAP_PHYS)
        return mmap_phys(p, off, npages, s);
    return mmap_fd(p, prot, flags, fd, off, span, s);
}

/* Enter [base, base+span) -> s into the address space and write its PTEs. */
static int mmap_enter(struct mm_proc *p, uint32_t base, uint64_t span, int prot,
                      int flags, struct mmap_src *s)
{
    struct mm_map *e = calloc(1, sizeof *e);
    if (!e)
        return -ENOMEM;
    *e = (struct mm_map){
        .start = base, .end = (uint32_t)(base + span), .prot = prot, .flags = flags,
        .fd_hint = s->fd_hint, .cow = s->cow, .own_pages = s->own_pages,
        .may_write = s->may_write, .obj = s->obj, .objoff = s->objoff,
    };
    if (vm_insert(p, e)) {
        free(e);
        return -ENOMEM;
    }
    s->obj = NULL;                       /* the entry holds the reference now */
    if (vm_sync(e, e->start, e->end)) {
        vm_remove(p, base, base + span);
        return -ENOMEM;
    }
    return 0;
}

/* mmap: validate, build the object, place it, write its PTEs. */
int mm_mmap(struct mm_proc *p, uint32_t addr, uint32_t len, int prot, int flags,
            int fd, uint64_t off, uint32_t *out)
{
    int type = flags & MM_MAP_TYPE;
    if (len == 0)
        return mm_einval(p, "mmap of length 0");
    if (type != MM_MAP_SHARED && type != MM_MAP_PRIVATE)
        return mm_einval(p, "mapping type is neither MAP_SHARED nor MAP_PRIVATE");
    if (prot & ~MM_PROT_ALL)
        return mm_einval(p, "unknown PROT_ bits");
    if (!(flags & (MM_MAP_ANON | MM_MAP_PHYS)) && mm_fd_device(p, fd) == MM_DEV_ZERO) {
        flags |= MM_MAP_ANON;            /* /dev/zero: zeroed anonymous memory, as Linux */
        off = 0;
    }
    /* As on QNX, a file mapping keeps off's offset within the page. */
    uint32_t inpage = (flags & (MM_MAP_ANON | MM_MAP_PHYS)) ? 0 : (uint32_t)(off & MMSIM_PAGE_MASK);
    uint64_t span = mm_pages((uint64_t)inpage + len) << MMSIM_PAGE_SHIFT;
    uint32_t base = 0;
    if (flags & MM_MAP_FIXED) {
        if ((addr & MMSIM_PAGE_MASK) != inpage)
            return mm_einval(p, "MAP_FIXED address and offset differ within the page");
        base = addr - inpage;
        if (!mm_in_user(base, span))
            return -ENOMEM;
    } else if (span > MM_USER_END - MM_USER_BASE) {
        return -ENOMEM;
    }
    struct mmap_src s;
    int r = mmap_source(p, prot, flags, fd, off, span, &s);
    if (r)
        return r;
    if (flags & MM_MAP_FIXED)
        r = vm_remove(p, base, (uint64_t)base + span);
    else
        r = vm_find_free(p, addr, span, &base);
    if (!r)
        r = mmap_enter(p, base, span, prot, flags, &s);
    obj_unref(s.obj);
    if (!r && p->lock_future) {          /* mlockall(MCL_FUTURE); failures ignored, as Linux */
        struct mm_map *e = vm_find(p, base);
        e->locked = true;
        (void)vm_populate(e, e->start, e->end);
    }
    if (!r)
        *out = base + inpage;
    return r;
}

/* munmap: unaligned addr, len 0 or a range outside user space is -EINVAL;
 * unmapped parts of the range are fine. */
int mm_munmap(struct mm_proc *p, uint32_t addr, uint32_t len)
{
    if (addr & MMSIM_PAGE_MASK)
        return mm_einval(p, "munmap address is not page aligned");
    if (len == 0)
        return mm_einval(p, "munmap of length 0");
    uint64_t end = (uint64_t)addr + (mm_pages(len) << MMSIM_PAGE_SHIFT);
    if (!mm_in_user(addr, end - addr))
        return mm_einval(p, "munmap range outside the user address space");
    return vm_remove(p, addr, end);
}

/* Range checks shared by mprotect and msync: 0 and *end, or -errno. */
static int mm_range(struct mm_proc *p, uint32_t addr, uint32_t len, uint64_t *end)
{
    if (addr & MMSIM_PAGE_MASK)
        return mm_einval(p, "address is not page aligned");
    *end = (uint64_t)addr + (mm_pages(len) << MMSIM_PAGE_SHIFT);
    if (len && (!mm_in_user(addr, *end - addr) || !vm_covered(p, addr, *end)))
        return -ENOMEM;
    return 0;
}

/* mprotect: change the protection of every page of a fully mapped range. */
int mm_mprotect(struct mm_proc *p, uint32_t addr, uint32_t len, int prot)
{
    uint64_t end;
    if (prot & ~MM_PROT_ALL)
        return mm_einval(p, "unknown PROT_ bits");
    int r = mm_range(p, addr, len, &end);
    if (r || len == 0)
        return r;
    for (size_t i = vm_index_from(p, addr); i < p->nmaps && p->maps[i]->start < end; i++)
        if ((prot & MM_PROT_WRITE) && !p->maps[i]->may_write)
            return -EACCES;
    if (vm_split(p, addr) || (end < MM_USER_END && vm_split(p, (uint32_t)end)))
        return -ENOMEM;
    for (size_t i = vm_index_from(p, addr); i < p->nmaps && p->maps[i]->start < end; i++) {
        p->maps[i]->prot = prot;
        if (vm_sync(p->maps[i], p->maps[i]->start, p->maps[i]->end))
            return -ENOMEM;
    }
    vm_merge(p, addr, end);
    return 0;
}

/* The cache-maintenance hook of msync: once per call with the page-rounded
 * range and the MS_ flags (MS_SYNC/MS_ASYNC clean, MS_INVALIDATE
 * invalidates).  The memory manager keeps no cache state of its own, so it
 * hands the range to the observer sim/ installed with mm_set_cache_hook(). */
static void msync_cache_maintain(struct mm_proc *p, uint32_t va, uint32_t len, int flags)
{
    if (p->m->cache_hook)
        p->m->cache_hook(p->m->cache_ctx, p, va, len, flags);
}

/* Write the shared file pages of [addr, end) back to their host files. */
static int msync_writeback(struct mm_proc *p, uint32_t addr, uint64_t end)
{
    int r = 0;
    for (size_t i = vm_index_from(p, addr); i < p->nmaps && p->maps[i]->start < end; i++) {
        struct mm_map *e = p->maps[i];
        if (e->obj->kind != OBJ_FILE || (e->flags & MM_MAP_TYPE) != MM_MAP_SHARED)
            continue;
        uint32_t a = e->start > addr ? e->start : addr;
        uint64_t b = e->end < end ? e->end : end;
        uint64_t pg0 = vm_pgoff(e, a);
        if (file_writeback(e->obj, pg0, pg0 + ((b - a) >> MMSIM_PAGE_SHIFT)))
            r = -EIO;
    }
    return r;
}

/* msync: unaligned addr, unknown flags or MS_SYNC|MS_ASYNC is -EINVAL, an
 * unmapped page in the range -ENOMEM, MS_INVALIDATE over a locked page
 * -EBUSY. */
int mm_msync(struct mm_proc *p, uint32_t addr, uint32_t len, int flags)
{
    uint64_t end;
    if (flags & ~(MM_MS_ASYNC | MM_MS_SYNC | MM_MS_INVALIDATE))
        return mm_einval(p, "unknown MS_ flags");
    if ((flags & MM_MS_SYNC) && (flags & MM_MS_ASYNC))
        return mm_einval(p, "MS_SYNC and MS_ASYNC together");
    int r = mm_range(p, addr, len, &end);
    if (r || len == 0)
        return r;
    if (flags & MM_MS_INVALIDATE)
        for (size_t i = vm_index_from(p, addr); i < p->nmaps && p->maps[i]->start < end; i++)
            if (p->maps[i]->locked)
                return -EBUSY;                   /* Linux: invalidating locked pages */
    msync_cache_maintain(p, addr, (uint32_t)(end - addr), flags);
    return msync_writeback(p, addr, end);
}

/* Frame under va if it is mapped and resident (PROT_NONE included: the
 * mapping and its frame still exist). */
static bool mm_resident(const struct mm_proc *p, uint32_t va, paddr_t *pa)
{
    const struct mm_map *e = vm_find(p, va);
    if (!e)
        return false;
    enum vm_page_state st = vm_page(e, va & ~(uint32_t)MMSIM_PAGE_MASK, pa);
    return st == VP_RESIDENT || st == VP_COW;
}

/* mem_offset: physical address of addr and the physically contiguous
 * length from there (following the mappings page by page), capped at len. */
int mm_mem_offset(struct mm_proc *p, uint32_t addr, int fd, uint32_t len,
                  uint64_t *off, uint32_t *contig)
{
    paddr_t pa, next;
    if (fd != MM_NOFD)
        return -ENODEV;
    if (!mm_resident(p, addr, &pa))
        return -EACCES;
    *off = pa + (addr & MMSIM_PAGE_MASK);
    uint64_t run = MMSIM_PAGE_SIZE - (addr & MMSIM_PAGE_MASK);
    uint64_t va = (uint64_t)(addr & ~(uint32_t)MMSIM_PAGE_MASK) + MMSIM_PAGE_SIZE;
    while (run < len && va < MM_USER_END && mm_resident(p, (uint32_t)va, &next) &&
           next == pa + MMSIM_PAGE_SIZE) {
        run += MMSIM_PAGE_SIZE;
        va += MMSIM_PAGE_SIZE;
        pa = next;
    }
    *contig = run < len ? (uint32_t)run : len;
    return 0;
}

/* remap_file_pages (Linux, deprecated, emulated as Linux 3.16+ does): the
 * shared mapping at [start, start+size) becomes a view of the same
 * object at page pgoff -- an mmap(MAP_SHARED|MAP_FIXED) of it with the
 * mapping's protection.  prot must be 0; flags are ignored. */
int mm_remap_file_pages(struct mm_proc *p, uint32_t start, uint32_t size, int prot,
                        uint64_t pgoff, int flags)
{
    (void)flags;
    if (prot)
        return mm_einval(p, "remap_file_pages: prot must be 0");
    start &= ~MMSIM_PAGE_MASK;
    size &= ~MMSIM_PAGE_MASK;
    uint64_t end = (uint64_t)start + size;
    if (size == 0 || end > MM_USER_END)
        return mm_einval(p, "remap_file_pages: empty or wrapping range");
    if (pgoff + (size >> MMSIM_PAGE_SHIFT) < pgoff || pgoff > (UINT64_MAX >> MMSIM_PAGE_SHIFT))
        return mm_einval(p, "remap_file_pages: page offset wraps");
    struct mm_map *e = vm_find(p, start);
    if (!e || (e->flags & MM_MAP_TYPE) != MM_MAP_SHARED || !e->obj ||
        (e->obj->kind != OBJ_SHM && e->obj->kind != OBJ_FILE))
        return mm_einval(p, "remap_file_pages: not a shared mapping of a file or shm object");
    if (end > e->end)
        return mm_einval(p, "remap_file_pages: range beyond the mapping");
    struct mmap_src s = { .obj = e->obj, .objoff = pgoff << MMSIM_PAGE_SHIFT, .cow = false,
                          .may_write = e->may_write, .fd_hint = e->fd_hint };
    int eprot = e->prot, eflags = (e->flags & ~MM_MAP_LAZY) | MM_MAP_FIXED;
    bool locked = e->locked;
    obj_ref(s.obj);
    int r = vm_remove(p, start, end);
    if (!r)
        r = mmap_enter(p, start, size, eprot, eflags, &s);
    obj_unref(s.obj);
    if (!r && locked) {
        struct mm_map *n = vm_find(p, start);
        n->locked = true;
        (void)vm_populate(n, n->start, n->end);
    }
    return r;
}
