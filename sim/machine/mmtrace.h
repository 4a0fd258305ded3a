/*
 * mmtrace.h - the memory-manager calls sim/ makes, each traced as one "mm"
 * record (traces/README.md): pid, op, decoded arguments, outputs, result.
 * Records of PTE writes the call causes nest inside it.  `mmsim replay`
 * re-issues exactly these calls (traces/lib/replay.c), so every call that can
 * change the memory manager's state must go through a tm_ function.
 * Pure queries (mm_fd_is_console, mm_lookup, mm_foreach_map) need not.
 */
#ifndef MMSIM_MMTRACE_H
#define MMSIM_MMTRACE_H

#include "mmsim/memmgr.h"
#include "names.h"

struct proc;

/* Create / destroy p->mm (pid p->pid). */
int  tm_proc_create(struct proc *p, bool privileged);
void tm_proc_destroy(struct proc *p);
/* fork's address space: c->mm becomes a copy of p's (mm_proc_fork). */
int  tm_proc_fork(struct proc *p, struct proc *c);

int  tm_shm_open(struct proc *p, const char *name, int oflag, unsigned mode);
int  tm_shm_unlink(struct proc *p, const char *name);
int  tm_close(struct proc *p, int fd);
int  tm_ftruncate(struct proc *p, int fd, uint64_t len);
int  tm_fstat(struct proc *p, int fd, struct mm_stat *st);
int  tm_shm_ctl(struct proc *p, int fd, int flags, uint64_t paddr, uint64_t size,
                bool has_special, uint32_t special);
int  tm_mmap(struct proc *p, uint32_t addr, uint32_t len, int prot, int flags, int fd,
             uint64_t off, uint32_t *out);
int  tm_munmap(struct proc *p, uint32_t addr, uint32_t len);
int  tm_mprotect(struct proc *p, uint32_t addr, uint32_t len, int prot);
int  tm_msync(struct proc *p, uint32_t addr, uint32_t len, int flags);
int  tm_mem_offset(struct proc *p, uint32_t addr, int fd, uint32_t len, uint64_t *off,
                   uint32_t *contig);
long tm_obj_info(struct proc *p, int fd, uint16_t zero, uint64_t offset, uint64_t length,
                 struct mm_segment *segs, size_t max);
enum mm_fault_kind tm_fault(struct proc *p, uint32_t va, unsigned access);

/* Credentials (--uid/--gid) of a new process. */
int  tm_proc_creds(struct proc *p, uint32_t uid, uint32_t gid);
/* Real and effective IDs separately (setuid & co., sim/kcall/kcall_sys.c). */
int  tm_proc_ids(struct proc *p, uint32_t uid, uint32_t euid, uint32_t gid, uint32_t egid);
/* System V calls; `now` is the simulated time they run at (mm_set_time). */
int  tm_shmget(struct proc *p, uint32_t now, int32_t key, uint64_t size, int flags);
int  tm_shmat(struct proc *p, uint32_t now, int shmid, uint32_t addr, int flags, uint32_t *out);
int  tm_shmdt(struct proc *p, uint32_t now, uint32_t addr);
int  tm_shmctl(struct proc *p, uint32_t now, int shmid, int cmd, struct mm_shmid_ds *ds);
int  tm_shm_info(struct proc *p, uint32_t now, struct mm_ipc_limits *lim,
                 struct mm_shm_info *info);
int  tm_mremap(struct proc *p, uint32_t old, uint32_t oldsize, uint32_t newsize, int flags,
               uint32_t newaddr, uint32_t *out);
int  tm_mlock(struct proc *p, bool lock, uint32_t addr, uint32_t len);   /* or munlock */
int  tm_mlockall(struct proc *p, int flags);
int  tm_munlockall(struct proc *p);
int  tm_madvise(struct proc *p, uint32_t addr, uint32_t len, int advice);
/* Files: mm_file_open of host fd hostfd (its fstat recorded: the file's
 * trace number, type, size, mode, uid), mm_file_ino, read/write, lseek. */
int  tm_file_open(struct proc *p, int hostfd, int oflag);
int  tm_file_ino(struct proc *p, uint64_t hdev, uint64_t hino, uint64_t *gino);
long tm_rw(struct proc *p, bool write, int fd, void *buf, uint32_t len);
int  tm_lseek(struct proc *p, int fd, int64_t off, int whence, uint64_t *res);
/* "reg", "dir", "other": a file's type in traces. */
const char *tm_file_type_name(unsigned mode);
/* Descriptors (kcall_fd.c): pipe2, dup/F_DUPFD (mm_dup), dup2/dup3,
 * fcntl's other commands, /dev/null and /dev/zero opens, exec's close of
 * FD_CLOEXEC fds. */
int  tm_pipe(struct proc *p, int flags, int fds[2]);
int  tm_dup(struct proc *p, int old, int min, bool cloexec);
int  tm_dup2(struct proc *p, int old, int nfd, int flags);
int  tm_fcntl(struct proc *p, int fd, int cmd, int arg);
/* setrlimit(RLIMIT_NOFILE): p's fd limit (mm_proc_set_fd_limit). */
int  tm_fd_limit(struct proc *p, unsigned n);
int  tm_open_device(struct proc *p, int dev, int oflag);
void tm_close_on_exec(struct proc *p);
/* remap_file_pages. */
int  tm_remap_file_pages(struct proc *p, uint32_t start, uint32_t size, int prot, uint64_t pgoff,
                         int flags);
/* exec: mm_proc_exec. */
int  tm_exec(struct proc *p);
/* posix_spawn: child c inherits parent p's fds (recorded on p). */
int  tm_fd_inherit(struct proc *p, struct proc *c);


#endif
