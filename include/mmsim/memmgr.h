/*
 * memmgr.h - the QNX-style memory manager: memory objects, the shm
 * namespace, per-process fd tables and address spaces, shm_ctl, the mmap
 * family, mem_offset and _MEM_OBJ_INFO.
 *
 * Plain C, no CPU: sim/ decodes guest registers and messages (in guest
 * byte order) into these calls and encodes the results back.  Every call
 * returns 0 / a count / an fd, or a negative *host* errno (-EINVAL...).
 * Constants are the QNX values of REFERENCE.md section 1 (MM_ names here
 * so host headers do not clash).  PTEs are written through pt.h; the
 * tables in RAM are the truth for translation.
 *
 * Choices the callers must know (where REFERENCE.md is silent):
 * - Every mapping maps an object: MAP_ANON memory is an anonymous object
 *   of its own, MAP_PHYS without MAP_ANON a window object that owns no
 *   frames, a MAP_PRIVATE view of a shm object is copy-on-write (reads see
 *   the object, PTEs start read-only, a write fault copies the page).
 * - PTEs of resident pages are written at mmap/mprotect time; lazy pages,
 *   pages that appear later (ftruncate growth, another process's lazy
 *   fault) and COW copies are written by mm_fault.  After any call, ask
 *   pt_take_flush() whether the TLB must be flushed.
 * - ftruncate shrinking an object clears the PTEs past the new end in
 *   every process that maps it (private copies included): later access
 *   there is MMF_PAST_END.
 * - Errors: mmap of a console fd is -ENODEV; MAP_PHYS / SHMCTL_PHYS
 *   ranges that are neither RAM nor inside one device window are -EINVAL;
 *   O_TRUNC on an object whose size shm_ctl fixed is -EINVAL;
 *   _MEM_OBJ_INFO with offset == size is -EINVAL; mprotect and msync with
 *   len 0 succeed after the alignment checks; shm_unlink needs no
 *   permission.  MAP_NOX64K, MAP_BELOW16M and the SHMCTL_ bits other than
 *   ANON/PHYS/LAZY are accepted and kept, with no effect on allocation.
 * - shm_ctl with SHMCTL_ANON rounds the object's size up to whole pages
 *   (fstat and _MEM_OBJ_INFO show the RAM given); ftruncate keeps the
 *   exact byte size.  mem_offset works on any resident page of a mapping,
 *   PROT_NONE included; lazy pages not yet touched are -EACCES.
 * - Object ids (st_ino, mm_map_info.objid) count every object, anonymous
 *   ones too, from 1 in creation order.
 */
#ifndef MMSIM_MEMMGR_H
#define MMSIM_MEMMGR_H

#include "mmsim/pt.h"

/* QNX <sys/mman.h> values. */
#define MM_PROT_NONE    0x000
#define MM_PROT_READ    0x100
#define MM_PROT_WRITE   0x200
#define MM_PROT_EXEC    0x400
#define MM_PROT_NOCACHE 0x800
#define MM_MAP_SHARED   0x00001
#define MM_MAP_PRIVATE  0x00002
#define MM_MAP_TYPE     0x0000f
#define MM_MAP_FIXED    0x00010
#define MM_MAP_LAZY     0x00080
#define MM_MAP_PHYS     0x10000
#define MM_MAP_NOX64K   0x20000
#define MM_MAP_BELOW16M 0x40000
#define MM_MAP_ANON     0x80000
#define MM_MS_ASYNC      1
#define MM_MS_SYNC       2
#define MM_MS_INVALIDATE 4
#define MM_NOFD          (-1)

#define MM_SHMCTL_ANON        0x1
#define MM_SHMCTL_PHYS        0x2
#define MM_SHMCTL_ISADMA      0x4
#define MM_SHMCTL_GLOBAL      0x10
#define MM_SHMCTL_PRIV        0x20
#define MM_SHMCTL_LOWERPROT   0x40
#define MM_SHMCTL_LAZYWRITE   0x80
#define MM_SHMCTL_NOX64K      0x100
#define MM_SHMCTL_HIGHUSAGE   0x200
#define MM_SHMCTL_LAZY        0x400
#define MM_SHMCTL_HAS_SPECIAL 0x8000

/* QNX <fcntl.h> open flags. */
#define MM_O_RDONLY 0x0000
#define MM_O_WRONLY 0x0001
#define MM_O_RDWR   0x0002
#define MM_O_ACCMODE 0x0003
#define MM_O_APPEND 0x0008
#define MM_O_TRUNC  0x0200
#define MM_O_CREAT  0x0100
#define MM_O_EXCL   0x0400
#define MM_O_NONBLOCK 0x0080
#define MM_O_NOCTTY 0x0800
#define MM_O_CLOEXEC 0x2000

/* fcntl commands (QNX values; F_DUPFD_CLOEXEC: Linux's number, QNX's is
 * not in our reference) and FD_CLOEXEC. */
#define MM_F_DUPFD 0
#define MM_F_GETFD 1
#define MM_F_SETFD 2
#define MM_F_GETFL 3
#define MM_F_SETFL 4
#define MM_F_DUPFD_CLOEXEC 1030
#define MM_FD_CLOEXEC 1

/* User address space of every process: [MM_USER_BASE, MM_USER_END). */
#define MM_USER_BASE 0x00001000u
#define MM_USER_END  0x80000000u
/* Where mmap without a usable hint starts looking (first fit upward). */
#define MM_MMAP_BASE 0x40000000u

struct mm;
struct mm_proc;

/* fstat result (host side; sim encodes the guest struct stat). */
struct mm_stat {
    uint64_t ino;
    uint64_t size;
    uint32_t mode;   /* shm: 0100000 (S_IFREG) | perms; console: 0020620 */
    uint32_t nlink;  /* 1 while named, 0 after shm_unlink */
    uint32_t objflags; /* shm_ctl flags incl. MM_SHMCTL_HAS_SPECIAL */
    uint32_t dev;      /* 0: shm and console; MM_FILE_DEV: files under --root */
    uint32_t uid, gid; /* files: the host's; shm: the creator's effective ids */
};

/* One _MEM_OBJ_INFO segment. */
struct mm_segment {
    uint64_t offset; /* offset within the object */
    uint64_t paddr;
    uint64_t length;
};

/* Outcome of a guest page fault handed to mm_fault(). */
enum mm_fault_kind {
    MMF_RESOLVED = 0,   /* lazy page allocated or COW copy made: retry */
    MMF_UNMAPPED,       /* SIGSEGV: no mapping at that address */
    MMF_PROTECTION,     /* SIGSEGV: mapping forbids the access */
    MMF_PAST_END,       /* SIGBUS: page beyond the end of the object */
    MMF_NOMEM,          /* SIGBUS: lazy allocation failed */
};

/* One mapping, for reports and dumps. */
struct mm_map_info {
    uint32_t start, len;
    int      prot, flags;
    int      fd_hint;      /* fd it was mapped from at mmap time, or -1 */
    uint64_t objoff;       /* offset of `start` in the object */
    uint64_t objsize;
    uint32_t objflags;
    uint64_t objid;
    bool     locked;       /* mlock / mlockall */
};

/* Machine-wide manager over one MMU (the privilege is per process, see
 * mm_proc_create).  NULL on ENOMEM. */
struct mm *mm_create(struct mmu *mmu, struct phys *phys, struct frames *frames);
/* Destroy every process still alive, then every object. */
void mm_destroy(struct mm *m);

/* msync's cache-maintenance hook: called once per successful msync with
 * len > 0, with the page-rounded range (every page of it mapped) and the
 * MM_MS_* flags (SYNC/ASYNC: clean; INVALIDATE: invalidate). */
typedef void (*mm_cache_hook_fn)(void *ctx, struct mm_proc *p, uint32_t va,
                                 uint32_t len, int flags);
/* Install the msync observer (sim/'s cache model); NULL removes it. */
void mm_set_cache_hook(struct mm *m, mm_cache_hook_fn fn, void *ctx);

/* Kernel-copy hook: called with a physical range just before the memory
 * manager reads or writes frame contents itself (zero-fill, copy-on-write
 * copy, ftruncate's partial-page zeroing), so a cache model can make RAM
 * current first.  NULL removes it. */
typedef void (*mm_kmem_hook_fn)(void *ctx, paddr_t pa, uint64_t len);
void mm_set_kmem_hook(struct mm *m, mm_kmem_hook_fn fn, void *ctx);

/* A process: fd table (0-2 are the console) and an empty address space
 * with its own page table (asid = pid).  `privileged`: uid 0 with the
 * physical-memory privilege (SHMCTL_PHYS, MAP_PHYS without MAP_ANON);
 * false: uid 1000, shm mode bits apply.  NULL on ENOMEM. */
struct mm_proc *mm_proc_create(struct mm *m, uint32_t pid, bool privileged);
void mm_proc_destroy(struct mm_proc *p);
/* fork(): a new process `pid` with a copy of p's fd table (shm objects
 * referenced again) and of its address space: MAP_SHARED entries shared,
 * MAP_PRIVATE ones copy-on-write in both (memmgr/fork.c).  p's PTEs turn
 * read-only: ask pt_take_flush() on p's table.  NULL on ENOMEM. */
struct mm_proc *mm_proc_fork(struct mm_proc *p, uint32_t pid);
struct pt *mm_proc_pt(struct mm_proc *p);

/* True if fd is an open console descriptor (0-2 until closed, and
 * their dups). */
bool mm_fd_is_console(const struct mm_proc *p, int fd);

/* ---- descriptors (fdtab.c, pipe.c) ---------------------------------
 * An fd points at an open file description (kind, status flags, offset)
 * that dup/dup2/F_DUPFD and fork share; FD_CLOEXEC is per fd.  Every
 * process may have fds 0 .. limit-1 (default 1024, RLIMIT_NOFILE). */
/* Which console stream fd is (0 stdin, 1 stdout, 2 stderr), or -1. */
int mm_fd_console(const struct mm_proc *p, int fd);
/* The status flags of fd's description (O_ACCMODE, O_APPEND,
 * O_NONBLOCK ...), or -EBADF. */
int mm_fd_oflag(const struct mm_proc *p, int fd);
/* dup / F_DUPFD: lowest free fd >= min sharing old's description; -EBADF,
 * -EINVAL (min past the limit), -EMFILE. */
int mm_dup(struct mm_proc *p, int old, int min, bool cloexec);
/* dup2 (flags < 0) and dup3 (flags: 0 or O_CLOEXEC): nfd closed first if
 * open; -EBADF (old not open, nfd out of range), -EINVAL (dup3 rules). */
int mm_dup2(struct mm_proc *p, int old, int nfd, int flags);
/* fcntl F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL, F_SETFL
 * (O_APPEND and O_NONBLOCK change; the access mode is reported). */
int mm_fcntl(struct mm_proc *p, int fd, int cmd, int arg);
/* posix_spawn: child c (fresh) gets p's fds and fd limit, those with
 * FD_CLOEXEC closed.  0 or -ENOMEM. */
int mm_fd_inherit(struct mm_proc *c, const struct mm_proc *p);
/* exec: the whole address space unmapped, mlockall(MCL_FUTURE) dropped,
 * fds with FD_CLOEXEC closed; the process, its ids and other fds stay.  0. */
int mm_proc_exec(struct mm_proc *p);
/* exec: close every fd with FD_CLOEXEC. */
void mm_close_on_exec(struct mm_proc *p);
/* The per-process fd limit (setrlimit RLIMIT_NOFILE): 1 .. 2^20, else
 * -EINVAL; fds already open above it stay. */
int mm_proc_set_fd_limit(struct mm_proc *p, unsigned n);
unsigned mm_proc_fd_limit(const struct mm_proc *p);
/* The limit new processes start with (--max-fds); out of range: 1024. */
void mm_set_fd_limit_default(struct mm *m, unsigned n);
/* Open fds of p. */
unsigned mm_fd_count(const struct mm_proc *p);

/* pipe/pipe2 (flags: O_NONBLOCK, O_CLOEXEC): fds[0] reads, fds[1] writes.
 * Reads and writes go through mm_read/mm_write: a read of an empty pipe
 * with writers is -EAGAIN, at EOF 0; a write with no reader -EPIPE, with
 * no room -EAGAIN (at most 4096 bytes: all or nothing).  The caller
 * blocks on -EAGAIN unless O_NONBLOCK.  0, -EMFILE, -ENOMEM. */
int mm_pipe(struct mm_proc *p, int flags, int fds[2]);
/* A pipe's state changed (data, room, an end closed): pipe id. */
typedef void (*mm_pipe_hook_fn)(void *ctx, uint64_t pipe_id);
void mm_set_pipe_hook(struct mm *m, mm_pipe_hook_fn fn, void *ctx);
/* poll() readiness of fd (Linux's rules and values): pipe read end
 * POLLIN with data, POLLHUP once no writer is left; write end POLLOUT
 * with PIPE_BUF bytes of room, POLLERR once no reader is left; any other
 * kind always POLLIN|POLLOUT; not open POLLNVAL.  *pipe_id: the pipe, or 0. */
#define MM_POLLIN     0x001
#define MM_POLLPRI    0x002
#define MM_POLLOUT    0x004
#define MM_POLLERR    0x008
#define MM_POLLHUP    0x010
#define MM_POLLNVAL   0x020
#define MM_POLLRDNORM 0x040
#define MM_POLLRDBAND 0x080
#define MM_POLLWRNORM 0x100
#define MM_POLLWRBAND 0x200
int mm_fd_poll(const struct mm_proc *p, int fd, uint64_t *pipe_id);
/* /dev/null (MM_DEV_NULL) and /dev/zero (MM_DEV_ZERO): an fd or -errno. */
#define MM_DEV_NULL 1
#define MM_DEV_ZERO 2
int mm_open_device(struct mm_proc *p, int dev, int oflag);
/* The device behind fd (MM_DEV_*), or 0. */
int mm_fd_device(const struct mm_proc *p, int fd);

/* shm_open: name rules, O_CREAT/O_EXCL/O_TRUNC/O_RDONLY/O_RDWR, mode.
 * Returns the lowest free fd or -EINVAL/-ENAMETOOLONG/-ENOENT/-EEXIST/
 * -EACCES/-EMFILE. */
int mm_shm_open(struct mm_proc *p, const char *name, int oflag, unsigned mode);
/* shm_unlink: the name goes at once, the object when the last fd/mapping does. */
int mm_shm_unlink(struct mm_proc *p, const char *name);
int mm_close(struct mm_proc *p, int fd);
int mm_ftruncate(struct mm_proc *p, int fd, uint64_t len);
int mm_fstat(struct mm_proc *p, int fd, struct mm_stat *st);

/* shm_ctl / shm_ctl_special (has_special false for plain shm_ctl). */
int mm_shm_ctl(struct mm_proc *p, int fd, int flags, uint64_t paddr, uint64_t size,
               bool has_special, uint32_t special);
/* Reason for the last -EINVAL any mm_ call returned to this process
 * (static string, for traces; "" before the first). */
const char *mm_last_reason(const struct mm_proc *p);

/* mmap: returns 0 and *out, or -errno. */
int mm_mmap(struct mm_proc *p, uint32_t addr, uint32_t len, int prot, int flags,
            int fd, uint64_t off, uint32_t *out);
int mm_munmap(struct mm_proc *p, uint32_t addr, uint32_t len);
/* remap_file_pages (Linux's emulation): [start, start+size) of a shared
 * mapping of a file or shm object re-mapped at object page pgoff with the
 * mapping's protection; prot != 0, an empty or wrapping range, a range
 * not inside one shared mapping: -EINVAL. */
int mm_remap_file_pages(struct mm_proc *p, uint32_t start, uint32_t size, int prot,
                        uint64_t pgoff, int flags);
int mm_mprotect(struct mm_proc *p, uint32_t addr, uint32_t len, int prot);
int mm_msync(struct mm_proc *p, uint32_t addr, uint32_t len, int flags);
/* ---- the rest of the mmap family (mremap.c, mlock.c) ---------------
 * mremap follows Linux (values MREMAP_MAYMOVE 1, MREMAP_FIXED 2): the old
 * range must lie in one map entry (-EFAULT otherwise; like Linux VMAs,
 * entries split by mprotect/mlock merge back when their attributes match
 * again, except System V attaches); shrinking only unmaps the tail.  Growing a private anonymous mapping grows its object
 * (new pages zeroed, eager unless MAP_LAZY); growing a view of a shared
 * object only widens the view (pages past the object's end SIGBUS).
 * Moving keeps pages, COW copies and the System V attach count.
 * mlock/munlock round addr down to a page as Linux and, as Linux, apply
 * to the mapped run from addr up to the first hole before failing with
 * -ENOMEM (mprotect stays all-or-nothing); locked pages are made
 * resident as an access would (write for writable private mappings:
 * copy-on-write broken), PROT_NONE and past-end pages are skipped, a
 * failed allocation is -EAGAIN.  No privilege or RLIMIT_MEMLOCK applies
 * (our choice).  mlockall(MCL_FUTURE) locks and populates later mmaps.
 * msync(MS_INVALIDATE) over a locked page is -EBUSY (Linux).
 * posix_madvise checks its arguments (EINVAL, ENOMEM for holes);
 * POSIX_MADV_WILLNEED populates, the other advice changes nothing. */
#define MM_MREMAP_MAYMOVE 1
#define MM_MREMAP_FIXED   2
#define MM_MCL_CURRENT    1
#define MM_MCL_FUTURE     2
#define MM_POSIX_MADV_NORMAL     0
#define MM_POSIX_MADV_RANDOM     1
#define MM_POSIX_MADV_SEQUENTIAL 2
#define MM_POSIX_MADV_WILLNEED   3
#define MM_POSIX_MADV_DONTNEED   4

int mm_mremap(struct mm_proc *p, uint32_t old, uint32_t oldsize, uint32_t newsize,
              int flags, uint32_t newaddr, uint32_t *out);
int mm_mlock(struct mm_proc *p, uint32_t addr, uint32_t len);
/* Bytes of p's locked mappings / of all its mappings (RLIMIT_MEMLOCK, RLIMIT_AS). */
uint64_t mm_locked_bytes(const struct mm_proc *p);
uint64_t mm_mapped_bytes(const struct mm_proc *p);
int mm_munlock(struct mm_proc *p, uint32_t addr, uint32_t len);
int mm_mlockall(struct mm_proc *p, int flags);
int mm_munlockall(struct mm_proc *p);
int mm_madvise(struct mm_proc *p, uint32_t addr, uint32_t len, int advice);

/* mem_offset: *off = physical address of addr, *contig = contiguous
 * length from there capped at len. */
int mm_mem_offset(struct mm_proc *p, uint32_t addr, int fd, uint32_t len,
                  uint64_t *off, uint32_t *contig);
/* _MEM_OBJ_INFO: fills at most `max` segments, returns the count. */
long mm_obj_info(struct mm_proc *p, int fd, uint16_t zero, uint64_t offset,
                 uint64_t length, struct mm_segment *segs, size_t max);

/* Resolve a fault at `va` for access PT_R/PT_W/PT_X (0 = read) that the
 * walker could not satisfy (or that hit a read-only COW page).  On
 * MMF_RESOLVED the page table now has an entry that allows `access`
 * (checked with pt_walk; anything else is MMF_PROTECTION, so retrying
 * never loops); flush the TLB if pt_take_flush() says so. */
enum mm_fault_kind mm_fault(struct mm_proc *p, uint32_t va, unsigned access);

/* Mapping containing va: 0 and *info, or -ENOENT. */
int mm_lookup(const struct mm_proc *p, uint32_t va, struct mm_map_info *info);
/* Call fn for every mapping in address order. */
void mm_foreach_map(const struct mm_proc *p,
                    void (*fn)(void *ctx, const struct mm_map_info *mi), void *ctx);

/* ---- regular files (file.c) ---------------------------------------
 *
 * sim/ resolves guest paths under --root and hands over host descriptors;
 * the memory manager keeps one page-cache object per host file (shared by
 * every open fd and mapping of it), so read/write and mmap see the same
 * bytes, as on Linux.  Pages come from the host file on first touch
 * (zero past its end); write() goes through the cache to the host file at
 * once; MAP_SHARED stores reach the host file at msync (MS_SYNC and
 * MS_ASYNC alike, synchronously), at munmap and at exit (the unmap of
 * every mapping), whole resident pages clipped at the file's size.
 * MAP_PRIVATE views are copy-on-write and never written back.  Guest
 * st_ino numbers are given in first-seen order (deterministic), st_dev is
 * MM_FILE_DEV, times are 0. */
#define MM_FILE_DEV 1
#define MM_SEEK_SET 0
#define MM_SEEK_CUR 1
#define MM_SEEK_END 2

/* Open fd for a host regular file (hostfd is owned from here on, closed
 * on error too); O_TRUNC and O_APPEND are done here, O_CREAT/O_EXCL were
 * the host's job.  The lowest free fd, or -EMFILE/-EISDIR/-EIO/-ENOMEM. */
int mm_file_open(struct mm_proc *p, int hostfd, int oflag);
/* The same with the file's attributes given (st_dev/st_ino: its identity,
 * st_mode, st_uid, st_size) instead of fstat(hostfd): mmsim replay opens
 * an in-memory stand-in with the recorded attributes. */
struct stat;
int mm_file_open_stat(struct mm_proc *p, int hostfd, int oflag, const struct stat *st);
bool mm_fd_is_file(const struct mm_proc *p, int fd);
/* read/write at the fd's offset (advanced): bytes done, or -EBADF (not
 * open for that), -EIO, -EFBIG, -ENOMEM. */
long mm_read(struct mm_proc *p, int fd, void *buf, uint32_t len);
long mm_write(struct mm_proc *p, int fd, const void *buf, uint32_t len);
/* lseek on a file or shm fd: 0 and *res, -ESPIPE (console), -EINVAL. */
int mm_lseek(struct mm_proc *p, int fd, int64_t off, int whence, uint64_t *res);
/* Guest st_ino of a host file (stat by path), assigned if new. */
int mm_file_ino(struct mm *m, uint64_t hdev, uint64_t hino, uint64_t *gino);

/* ---- System V shared memory (sysvshm.c) -------------------------------
 *
 * Linux semantics (REFERENCE.md section 6, seed 004) with Linux's flag and
 * command values, which the guest's <sys/ipc.h> and <sys/shm.h> use too.
 *
 * Contract with the address-space code (vm.c) and whoever creates or
 * destroys processes: an attachment is an ordinary MAP_SHARED map entry
 * of the segment's memory object (obj->sysv set).  shm_nattch counts the
 * map entries of that object in every process and is kept by vm.c itself
 * whenever an entry of such an object is linked (mmap-style insertion, a
 * split, an entry copied for fork) or unlinked (munmap, shmdt, exit,
 * exec).  So fork needs only to copy the entries with vm_insert (the child
 * is counted), and exit/exec need only to unmap (the segment goes with its
 * last attachment if IPC_RMID marked it).  As on Linux, splitting an
 * attachment (mprotect or munmap of part of it) counts one more attach.
 * shm_atime/shm_dtime/shm_lpid follow the same events; times come from
 * mm_set_time().
 *
 * Ids are Linux's: index + seq * 32768 (seq counts created segments), the
 * index the lowest free slot; keys are looked up linearly over the table
 * (at most SHMMNI slots).  Segment memory is allocated on first touch,
 * zero-filled. */
#define MM_IPC_PRIVATE 0
#define MM_IPC_CREAT   01000
#define MM_IPC_EXCL    02000
#define MM_IPC_NOWAIT  04000
#define MM_IPC_RMID    0
#define MM_IPC_SET     1
#define MM_IPC_STAT    2
#define MM_IPC_INFO    3
#define MM_SHM_RDONLY  010000
#define MM_SHM_RND     020000
#define MM_SHM_REMAP   040000
#define MM_SHM_EXEC    0100000
#define MM_SHM_LOCK    11
#define MM_SHM_UNLOCK  12
#define MM_SHM_STAT    13
#define MM_SHM_INFO    14
#define MM_SHM_DEST    01000    /* in shm_perm.mode: IPC_RMID done, attaches remain */
#define MM_SHM_LOCKED  02000    /* in shm_perm.mode: SHM_LOCK done */
#define MM_SHMLBA      4096
#define MM_IPC_SEQ_MULT 32768   /* id = index + seq * MM_IPC_SEQ_MULT */

/* Limits (Linux names; SHMALL in pages).  Defaults are Linux 2.6's:
 * SHMMIN 1, SHMMAX 32 MiB, SHMMNI 4096, SHMSEG = SHMMNI, SHMALL 2097152. */
struct mm_ipc_limits {
    uint64_t shmmin, shmmax, shmall, shmmni, shmseg;
};

struct mm_ipc_perm {
    int32_t  key;
    uint32_t uid, gid, cuid, cgid;
    uint32_t mode;      /* 9 permission bits | MM_SHM_DEST | MM_SHM_LOCKED */
    uint32_t seq;
};

struct mm_shmid_ds {
    struct mm_ipc_perm perm;
    uint64_t segsz;
    uint32_t atime, dtime, ctime;
    uint32_t cpid, lpid;
    uint32_t nattch;
};

struct mm_shm_info {
    uint32_t used_ids;
    uint64_t shm_tot;   /* pages of every segment */
    uint64_t shm_rss;   /* of them resident */
};

/* The defaults above. */
void mm_ipc_limits_default(struct mm_ipc_limits *l);
/* Replace the limits (SHMMNI at most MM_IPC_SEQ_MULT, SHMMIN >= 1,
 * SHMMIN <= SHMMAX); 0 or -EINVAL.  Existing segments stay. */
int mm_set_ipc_limits(struct mm *m, const struct mm_ipc_limits *l);
void mm_get_ipc_limits(const struct mm *m, struct mm_ipc_limits *l);
/* Simulated time, in seconds, for shm_atime/dtime/ctime. */
void mm_set_time(struct mm *m, uint32_t now);

/* Credentials: real and effective uid and gid (set together). */
void mm_proc_set_creds(struct mm_proc *p, uint32_t uid, uint32_t gid);
/* Real and effective IDs set separately (setuid & co.; the caller checks
 * POSIX's permission rules). */
void mm_proc_set_ids(struct mm_proc *p, uint32_t uid, uint32_t euid, uint32_t gid, uint32_t egid);
void mm_proc_creds(const struct mm_proc *p, uint32_t *uid, uint32_t *euid,
                   uint32_t *gid, uint32_t *egid);

/* shmget: the id, or -EEXIST/-ENOENT/-EINVAL/-ENOSPC/-EACCES/-ENOMEM. */
int mm_shmget(struct mm_proc *p, int32_t key, uint64_t size, int flags);
/* shmat: 0 and *out, or -EINVAL (bad id, alignment, overlap without
 * SHM_REMAP, SHM_REMAP without address), -EACCES, -ENOMEM (no room). */
int mm_shmat(struct mm_proc *p, int shmid, uint32_t addr, int flags, uint32_t *out);
/* shmdt: -EINVAL unless an attachment begins at addr. */
int mm_shmdt(struct mm_proc *p, uint32_t addr);
/* shmctl IPC_RMID, IPC_SET (reads perm.uid/gid/mode of *ds), IPC_STAT,
 * SHM_STAT (shmid is a table index; returns the id), SHM_LOCK,
 * SHM_UNLOCK: 0 / id, or -EINVAL/-EACCES/-EPERM. */
int mm_shmctl(struct mm_proc *p, int shmid, int cmd, struct mm_shmid_ds *ds);
/* IPC_INFO and SHM_INFO: fill what is asked (either may be NULL) and
 * return the highest index in use (0 if none), as Linux. */
int mm_shm_info(struct mm *m, struct mm_ipc_limits *lim, struct mm_shm_info *info);

#endif
