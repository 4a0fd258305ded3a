/*
 * vm.h - one process's address space: map entries sorted by address
 * (binary search), splitting and removal, and keeping the page table in
 * step with them.
 *
 * Every entry maps a page-aligned range onto an object.  Anonymous memory
 * is an OBJ_ANON object of its own (MAP_PRIVATE: `own_pages`, its pages
 * belong to this entry alone and go when unmapped); a MAP_PRIVATE view of
 * a shm object is copy-on-write: reads see the object, the first write to
 * a page copies it into `priv`, an OBJ_ANON object indexed by the same
 * page numbers as the shm object.  Split halves share obj and priv, each
 * with its own reference.
 */
#ifndef MMSIM_MEMMGR_VM_H
#define MMSIM_MEMMGR_VM_H

#include "object.h"

struct mm_map {
    uint32_t        start, end;    /* page aligned, start < end */
    int             prot;          /* MM_PROT_* */
    int             flags;         /* MM_MAP_* as given to mmap */
    int             fd_hint;       /* fd it was mapped from, or -1 */
    bool            cow;           /* private view of a shared object */
    bool            own_pages;     /* obj pages in range belong to this entry */
    bool            may_write;     /* false: MAP_SHARED of an O_RDONLY fd */
    bool            locked;        /* mlock / mlockall: pages kept resident */
    struct mm_obj  *obj;
    uint64_t        objoff;        /* byte offset of `start` in obj (page aligned) */
    struct mm_obj  *priv;          /* COW copies, NULL until the first one */
    struct mm_proc *proc;
    struct mm_map  *rprev, *rnext; /* obj->maps */
};

/* State of one page of an entry. */
enum vm_page_state {
    VP_PAST_END,   /* beyond the object's end: SIGBUS */
    VP_ABSENT,     /* within the object, no frame yet (lazy) */
    VP_COW,        /* shared object's frame, mapped read-only until written */
    VP_RESIDENT,   /* frame mapped with the entry's full protection */
};

/* Object page index of virtual page va in e. */
uint64_t vm_pgoff(const struct mm_map *e, uint32_t va);
/* State and frame of the page at va in e. */
enum vm_page_state vm_page(const struct mm_map *e, uint32_t va, paddr_t *pa);
/* PT_R/W/X allowed by MM_PROT_* bits (write implies read). */
unsigned vm_prot_to_pt(int prot);

/* The entry containing va, or NULL. */
struct mm_map *vm_find(const struct mm_proc *p, uint32_t va);
/* Index of the first entry that ends after va. */
size_t vm_index_from(const struct mm_proc *p, uint32_t va);
/* True if no entry overlaps [start, end). */
bool vm_range_free(const struct mm_proc *p, uint32_t start, uint64_t end);
/* True if entries cover every page of [start, end). */
bool vm_covered(const struct mm_proc *p, uint32_t start, uint64_t end);
/* A free page-aligned range of len bytes: the hint, else first fit from
 * MM_MMAP_BASE, else from MM_USER_BASE.  0 or -ENOMEM. */
int vm_find_free(const struct mm_proc *p, uint32_t hint, uint64_t len, uint32_t *out);

/* Insert a fully built entry (takes its obj/priv references). 0 or -ENOMEM. */
int vm_insert(struct mm_proc *p, struct mm_map *e);
/* Split the entry containing va so that an entry starts at va. 0 or -ENOMEM. */
int vm_split(struct mm_proc *p, uint32_t va);
/* Merge back neighbours in [start, end] (the entry ending at start and the
 * one starting at end included) that map the same objects contiguously
 * with the same attributes, undoing splits as Linux merges VMAs.  Entries
 * of System V segments are never merged (each counts as an attach, as
 * Linux never merges shm VMAs). */
void vm_merge(struct mm_proc *p, uint32_t start, uint64_t end);

/* Unmap [start, end): split, clear PTEs, release pages and references. */
int vm_remove(struct mm_proc *p, uint32_t start, uint64_t end);

/* Move entry e (whole) to start at `to`: its PTEs go, its pages, object
 * references and attach count stay; the range at `to` must be free.
 * PTEs are written at the new place.  0 or -ENOMEM. */
int vm_move(struct mm_proc *p, struct mm_map *e, uint32_t to);

/* mlock.c: make the pages of e in [va0, va1) resident as an access would
 * (write for writable mappings).  0 or -EAGAIN (out of frames). */
int vm_populate(struct mm_map *e, uint32_t va0, uint32_t va1);

/* Write the PTE of every resident page of e in [va0, va1) from e's prot
 * (clearing them for PROT_NONE).  0 or -ENOMEM. */
int vm_sync(struct mm_map *e, uint32_t va0, uint32_t va1);
/* Clear the PTE of every resident page of e in [va0, va1). */
void vm_clear(struct mm_map *e, uint32_t va0, uint32_t va1);
/* Object o shrinks to pg pages: clear those pages in every mapping of o
 * and free private copies past the new end. */
void vm_obj_truncate(struct mm_obj *o, uint64_t pg);

#endif
