/*
 * object.h - memory objects: reference-counted, sized, with shm_ctl flags
 * and special bits, and their pages stored as sorted extents
 * {pgoff, paddr, npages} (one entry per physically contiguous run, never
 * one per page).  Adjacent extents that are contiguous both in the object
 * and in physical memory are always merged, so the extent list is the
 * object's physical layout in its shortest form; every lookup is a binary
 * search.
 */
#ifndef MMSIM_MEMMGR_OBJECT_H
#define MMSIM_MEMMGR_OBJECT_H

#include "memmgr_internal.h"

enum mm_obj_kind {
    OBJ_SHM,    /* named (or unlinked) POSIX shm object */
    OBJ_ANON,   /* MAP_ANON memory, or the private copies of a COW mapping */
    OBJ_PHYS,   /* MAP_PHYS window onto fixed physical memory */
    OBJ_SYSV,   /* a System V shared memory segment (sysv set while in the table) */
    OBJ_FILE,   /* the page cache of a host file (file.c) */
};

struct mm_extent {
    uint64_t pgoff;   /* first page index within the object */
    paddr_t  pa;      /* its frame */
    uint64_t npages;
};

/* What an object's kind adds to the generic object: file.c and sysvshm.c
 * fill one each; object.c and vm.c call through it and never into those
 * modules, so the layers stay object <- vm <- kinds <- calls.  Any entry
 * may be NULL. */
struct obj_ops {
    /* The last reference is gone (before the frames are freed). */
    void (*release)(struct mm_obj *o);
    /* Pages [pg0, pg1) leave a writable shared mapping (munmap, exit). */
    int  (*writeback)(struct mm_obj *o, uint64_t pg0, uint64_t pg1);
    /* A mapping of the object is linked into / unlinked from it. */
    void (*map_linked)(struct mm_map *e);
    void (*map_unlinked)(struct mm_map *e);
};

struct mm_obj {
    struct mm        *m;
    const struct obj_ops *ops;     /* NULL: plain memory */
    uint64_t          id;          /* 1, 2, ... (fstat st_ino) */
    unsigned          refs;        /* fds + names + mappings */
    enum mm_obj_kind  kind;
    uint64_t          size;        /* bytes; pages = mm_pages(size) */
    uint32_t          flags;       /* shm_ctl flags | MM_SHMCTL_HAS_SPECIAL */
    uint32_t          special;
    bool              populated;   /* a shm_ctl succeeded: size is fixed */
    bool              sized;       /* ftruncate'd to non-zero at some point */
    bool              owns_frames; /* false for physical windows */
    bool              named;       /* still in the namespace (nlink 1) */
    uint32_t          mode;        /* permission bits */
    uint32_t          uid, gid;    /* creator's effective ids */
    struct mm_extent *ext;
    size_t            n_ext, ext_cap;
    struct mm_map    *maps;        /* every mapping of this object (vm.c) */
    struct mm_shmseg *sysv;        /* OBJ_SYSV: its segment, NULL once destroyed */
    int               hostfd;      /* OBJ_FILE: host descriptor (owned) */
    bool              host_writable; /* OBJ_FILE: hostfd was opened for writing */
    size_t            file_slot;   /* OBJ_FILE: index in m->files */
    struct mm_obj    *lprev, *lnext; /* m->objs */
};

/* A new empty object with one reference, or NULL on ENOMEM. */
struct mm_obj *obj_create(struct mm *m, enum mm_obj_kind kind);
/* Take one more reference. */
void obj_ref(struct mm_obj *o);
/* Drop a reference; the last one frees owned frames and the object. */
void obj_unref(struct mm_obj *o);
/* Number of pages the object spans. */
uint64_t obj_npages(const struct mm_obj *o);
/* Index of the first extent that ends after page pg (binary search). */
size_t obj_ext_from(const struct mm_obj *o, uint64_t pg);
/* True and *pa if page pg is resident. */
bool obj_page(const struct mm_obj *o, uint64_t pg, paddr_t *pa);
/* True and *found = the first resident page >= pg. */
bool obj_next_page(const struct mm_obj *o, uint64_t pg, uint64_t *found);
/* Record pages [pg, pg+n) at frames pa.. (range must be absent). 0 or -ENOMEM. */
int obj_insert(struct mm_obj *o, uint64_t pg, paddr_t pa, uint64_t n);
/* Forget pages [pg0, pg1), freeing owned frames.  0 or -ENOMEM (nothing changed). */
int obj_drop(struct mm_obj *o, uint64_t pg0, uint64_t pg1);
/* Allocate zeroed frames for the absent pages [pg, pg+n): lowest runs first,
 * or one contiguous run.  0 or -ENOMEM with nothing allocated. */
int obj_fill(struct mm_obj *o, uint64_t pg, uint64_t n, bool contig);

#endif
