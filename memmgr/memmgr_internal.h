/*
 * memmgr_internal.h - private to memmgr/: the machine-wide manager, the
 * process (fd table + address space), and the helpers every file of the
 * module shares.  Objects live in object.h, map entries in vm.h.
 */
#ifndef MMSIM_MEMMGR_INTERNAL_H
#define MMSIM_MEMMGR_INTERNAL_H

#include "mmsim/memmgr.h"
#include <errno.h>

#define MM_FD_MAX   64     /* fds per process; the 65th open is -EMFILE */
#define MM_NAME_MAX 255    /* longest shm name component */
#define MM_UID_ROOT 0      /* uid of privileged processes */
#define MM_UID_USER 1000   /* uid of unprivileged processes */

#define MM_PROT_ALL (MM_PROT_READ | MM_PROT_WRITE | MM_PROT_EXEC | MM_PROT_NOCACHE)

struct mm_obj;
struct mm_map;

/* One entry of the shm namespace (kept sorted by name). */
struct mm_name {
    char          *name;
    struct mm_obj *obj;   /* the name holds one reference */
};

struct mm {
    struct mmu     *mmu;
    struct phys    *phys;
    struct frames  *frames;
    uint64_t        next_id;      /* object ids: 1, 2, ... in creation order */
    struct mm_obj  *objs;         /* every live object (list head) */
    struct mm_name *names;        /* sorted by strcmp */
    size_t          nnames, names_cap;
    struct mm_proc *procs;        /* every live process (list head) */
    mm_cache_hook_fn cache_hook;  /* see mm_set_cache_hook() */
    void           *cache_ctx;
    mm_kmem_hook_fn kmem_hook;    /* see mm_set_kmem_hook() */
    void           *kmem_ctx;
};

enum mm_fd_kind { FD_FREE = 0, FD_CONSOLE, FD_SHM };

struct mm_fd {
    enum mm_fd_kind kind;
    int             oflag;        /* as passed to shm_open */
    struct mm_obj  *obj;          /* FD_SHM: holds one reference */
};

struct mm_proc {
    struct mm      *m;
    uint32_t        pid;
    bool            privileged;   /* physical-memory privilege, uid 0 */
    uint32_t        uid;
    struct pt      *pt;
    struct mm_fd    fd[MM_FD_MAX];
    struct mm_map **maps;         /* sorted by start, never overlapping */
    size_t          nmaps, maps_cap;
    const char     *reason;       /* last -EINVAL reason (static string) */
    struct mm_proc *prev, *next;
};

/* Record why a call failed with EINVAL and return -EINVAL. */
static inline int mm_einval(struct mm_proc *p, const char *why)
{
    p->reason = why;
    return -EINVAL;
}

/* Round a byte count up to whole pages (caller checks overflow). */
static inline uint64_t mm_pages(uint64_t bytes)
{
    return (bytes + MMSIM_PAGE_MASK) >> MMSIM_PAGE_SHIFT;
}

/* True if [start, start+len) lies inside the user address space. */
static inline bool mm_in_user(uint64_t start, uint64_t len)
{
    return start >= MM_USER_BASE && start <= MM_USER_END &&
           len <= MM_USER_END - start;
}

/* fd table (shm.c): the shm object behind fd, or NULL with *err set to
 * -EBADF (not open) or -EINVAL (open, but the console). */
struct mm_obj *fd_shm(struct mm_proc *p, int fd, int *err);
/* Namespace (shm.c): drop every name, for mm_destroy. */
void ns_clear(struct mm *m);

/* Announce that the manager is about to touch frame contents (mm.c). */
void mm_kmem(struct mm *m, paddr_t pa, uint64_t len);

#endif
