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
#define MM_O_TRUNC  0x0200
#define MM_O_CREAT  0x0100
#define MM_O_EXCL   0x0400

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
struct pt *mm_proc_pt(struct mm_proc *p);

/* True if fd is an open console descriptor (0-2 until closed). */
bool mm_fd_is_console(const struct mm_proc *p, int fd);

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
int mm_mprotect(struct mm_proc *p, uint32_t addr, uint32_t len, int prot);
int mm_msync(struct mm_proc *p, uint32_t addr, uint32_t len, int flags);
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

#endif
