/*
 * memmgr_internal.h - private to memmgr/: the machine-wide manager, the
 * process (fd table + address space), and the helpers every file of the
 * module shares.  Objects live in object.h, map entries in vm.h.
 */
#ifndef MMSIM_MEMMGR_INTERNAL_H
#define MMSIM_MEMMGR_INTERNAL_H

#include "mmsim/memmgr.h"
#include <errno.h>

#define MM_FD_LIMIT_DEFAULT 1024u  /* fds per process (Linux's RLIMIT_NOFILE soft default) */
#define MM_FD_LIMIT_MAX (1u << 20)   /* highest per-process limit mm_proc_set_fd_limit takes */
#define MM_NAME_MAX 255    /* longest shm name component */
#define MM_UID_ROOT 0      /* uid of privileged processes */
#define MM_UID_USER 1000   /* uid of unprivileged processes */

#define MM_PROT_ALL (MM_PROT_READ | MM_PROT_WRITE | MM_PROT_EXEC | MM_PROT_NOCACHE)

struct mm_obj;
struct mm_map;
struct mm_shmseg;

/* A host file the guest has seen (file.c): guest inode numbers are given
 * in first-seen order, so they are deterministic for a given run. */
struct mm_file_id {
    uint64_t       hdev, hino;    /* host identity */
    uint64_t       gino;          /* guest st_ino */
    struct mm_obj *obj;           /* its page-cache object while open or mapped */
};

/* The System V shared memory table (sysvshm.c). */
struct mm_shm_table {
    struct mm_ipc_limits lim;
    struct mm_shmseg   **slot;     /* slot[index], NULL if free */
    size_t               nslots;   /* allocated entries of slot[] */
    uint32_t             used;     /* segments in the table */
    uint32_t             seq;      /* bumped for every new segment */
    uint64_t             tot_pages;
};

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
    struct mm_shm_table shm;      /* System V segments */
    uint32_t        now;          /* simulated seconds (mm_set_time) */
    struct mm_file_id *files;     /* every host file seen (file.c) */
    size_t          nfiles, files_cap;
    mm_kmem_hook_fn kmem_hook;    /* see mm_set_kmem_hook() */
    void           *kmem_ctx;
    mm_pipe_hook_fn pipe_hook;    /* see mm_set_pipe_hook() */
    void           *pipe_ctx;
    uint64_t        next_pipe_id; /* pipe ids: 1, 2, ... */
    unsigned        fd_limit_default; /* fd limit of new processes */
};

enum mm_fd_kind { FD_FREE = 0, FD_CONSOLE, FD_SHM, FD_FILE, FD_PIPE, FD_NULL, FD_ZERO };

struct mm_pipe;

/* An open file description (POSIX): what dup, dup2, F_DUPFD and fork
 * share -- kind, status flags, offset.  Reference-counted by the fd slots
 * that point at it (fdtab.c). */
struct mm_fd {
    enum mm_fd_kind kind;
    int             oflag;        /* as passed to open/shm_open; F_SETFL changes O_APPEND/O_NONBLOCK */
    struct mm_obj  *obj;          /* FD_SHM, FD_FILE: holds one reference */
    uint64_t        off;          /* file offset (read, write, lseek) */
    unsigned        refs;         /* fd slots pointing here */
    int             console;      /* FD_CONSOLE: 0 stdin, 1 stdout, 2 stderr */
    struct mm_pipe *pipe;         /* FD_PIPE: the pipe (one end counted) */
    bool            wr_end;       /* FD_PIPE: the write end */
};

/* One fd number: its open file description and the per-fd flag. */
struct mm_fdslot {
    struct mm_fd *f;              /* NULL: free */
    bool          cloexec;        /* FD_CLOEXEC */
};

struct mm_proc {
    struct mm      *m;
    uint32_t        pid;
    bool            privileged;   /* physical-memory privilege, uid 0 */
    uint32_t        uid, euid;    /* real and effective user */
    uint32_t        gid, egid;
    struct pt      *pt;
    struct mm_fdslot *fds;        /* fd table, nfds slots (grown on demand) */
    unsigned        nfds;
    unsigned        fd_limit;     /* fds >= this are -EMFILE (RLIMIT_NOFILE) */
    struct mm_map **maps;         /* sorted by start, never overlapping */
    size_t          nmaps, maps_cap;
    const char     *reason;       /* last -EINVAL reason (static string) */
    bool            lock_future;  /* mlockall(MCL_FUTURE) */
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
/* The same for anything mmap can map: a shm object or a file. */
struct mm_obj *fd_obj(struct mm_proc *p, int fd, int *err);
/* fd table (fdtab.c).  Lowest free fd >= 0 (a slot exists for it) or
 * -EMFILE / -ENOMEM; the open file description of fd or NULL. */
int fd_alloc(struct mm_proc *p);
struct mm_fd *fd_get(const struct mm_proc *p, int fd);
/* Put a new open file description {kind, oflag, obj} at free fd (from
 * fd_alloc); takes over the caller's reference on obj.  0 or -ENOMEM. */
int fd_install(struct mm_proc *p, int fd, enum mm_fd_kind kind, int oflag, struct mm_obj *obj);
/* Copy p's table into c (fork): shared descriptions. 0 or -ENOMEM. */
int fd_table_copy(struct mm_proc *c, const struct mm_proc *p);
/* A new process's console fds 0-2; every fd closed and the table freed. */
int fd_table_init(struct mm_proc *p);
void fd_table_free(struct mm_proc *p);
/* Pipes (pipe.c): one end of a description goes. */
void pipe_end_close(struct mm *m, struct mm_pipe *pp, bool wr_end);
long pipe_fd_read(struct mm *m, struct mm_fd *f, void *buf, uint32_t len);
long pipe_fd_write(struct mm *m, struct mm_fd *f, const void *buf, uint32_t len);
/* read/write at f's offset of a shm object (shm.c): bytes or -errno. */
long shm_rw(struct mm_proc *p, struct mm_fd *f, bool write, void *buf, uint32_t len);
/* Namespace (shm.c): drop every name, for mm_destroy. */
void ns_clear(struct mm *m);
/* Files (file.c): ftruncate and fstat of a file fd. */
int file_ftruncate(struct mm_proc *p, int fd, uint64_t len);
int file_fstat(const struct mm_obj *o, struct mm_stat *st);

/* System V table (sysvshm.c): set defaults; destroy every segment. */
void shmtab_init(struct mm *m);
void shmtab_clear(struct mm *m);

/* Announce that the manager is about to touch frame contents (mm.c). */
void mm_kmem(struct mm *m, paddr_t pa, uint64_t len);

#endif
