/*
 * kcall.h - what a kernel-call handler sees, shared by the files that
 * serve calls (kcall.c: console, shm and mmap; other kcall_*.c files: one
 * family each).  A family exports one `struct kcall_table`; kcall.c's
 * dispatcher looks the call number up in every table it lists.
 *
 * A handler returns a result >= 0 or a negative host errno; it may set
 * c->why to a short static reason that goes into the trace, and may add
 * decoded details to the open "kcall" trace record through c->t.
 */
#ifndef MMSIM_SIM_KCALL_H
#define MMSIM_SIM_KCALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "names.h"

struct proc;
struct trace;
struct sim_kernel;
struct sim;

/* One call being served: decoded registers and the trace record. */
struct call {
    struct proc  *p;
    uint32_t      a[7];
    struct trace *t;
    const char   *why;     /* optional reason for an error */
    bool          keep_regs; /* the handler set every register (sigreturn): no result */
};

struct kcall_def {
    unsigned    num;
    const char *name;
    int         nargs;
    long      (*fn)(struct call *c);
};

/* The calls of one family. */
struct kcall_table {
    const struct kcall_def *defs;
    size_t                  n;
};

#define KCALL_TABLE(defs_) { (defs_), sizeof(defs_) / sizeof((defs_)[0]) }

/* The 64-bit argument passed in registers i (low) and i+1 (high). */
static inline uint64_t kcall_arg64(const struct call *c, int i)
{
    return (uint64_t)c->a[i + 1] << 32 | c->a[i];
}

/* Fetch a guest string argument (at most max-1 chars) and note it in the
 * trace as "name".  0, -EFAULT or -ENAMETOOLONG. */
int kcall_name_arg(struct call *c, uint32_t va, char *buf, uint32_t max);

/* Write the decoded "args" object of call `num` (kcall_args.c). */
void kcall_trace_args(struct trace *t, unsigned num, const uint32_t a[7], int nargs);
/* kcall_file.c: open() of a path that is not a /dev/shmem/ name (a file
 * under --root), and read()/write() of any fd that is not the console. */
long kcall_file_open(struct call *c, const char *path);
long kcall_file_rw(struct call *c, bool write);
/* kcall_path.c: guest path at va made absolute against the working
 * directory and normalised into out (1024 bytes).  0, -EFAULT,
 * -ENAMETOOLONG, -ENOENT (empty). */
int kcall_path_arg(struct call *c, uint32_t va, char *out);
/* The part of absolute path abs below /tmp when the in-memory /tmp
 * serves it ("" for /tmp itself), else NULL. */
const char *kcall_tmpfs_rel(struct sim *s, const char *abs);
struct stat;
int  kcall_tmpfs_open(struct sim *s, const char *rel, int hflags, unsigned mode);
int  kcall_tmpfs_stat(struct sim *s, const char *rel, struct stat *st);
int  kcall_tmpfs_unlink(struct sim *s, const char *rel);
void kcall_path_fini(struct sim *s);
/* kcall_proc.c, for exec (kcall_fd.c): a program name resolved as
 * posix_spawn resolves it (-ENOENT, -EACCES...); a guest argv copied
 * (argv[0] = name when empty), and freed. */
int  spawn_path(struct sim *s, const char *name, char *out);
/* The program of a spawn or exec call: the guest name at a[0] resolved
 * into path (PATH_MAX bytes), the argv at a[1] copied into *argv.  0 or
 * -errno (with c->why); free the vector with free_args. */
int  program_args(struct call *c, char *path, char ***argv, int *argc);
int  copy_args(struct proc *p, uint32_t va, const char *name, char ***out, int *argc);
void free_args(char **v, int n);
/* kcall_fd.c: read()/write() of a pipe, /dev/null, /dev/zero or shm fd. */
long kcall_fd_rw(struct call *c, bool write);

/* kcall_sys.c: resource limits checked before the memory manager runs.
 * RLIMIT_MEMLOCK (mlock of [addr, addr+len), or mlockall(MCL_CURRENT) of
 * everything when `all`): -ENOMEM over it, -EPERM when it is 0; root is
 * exempt (Linux's CAP_IPC_LOCK).  RLIMIT_AS (mmap of len more bytes):
 * -ENOMEM over it, for everyone.  0 when allowed. */
long sys_check_mlock(struct proc *p, uint32_t addr, uint32_t len, bool all);
long sys_check_mmap(struct proc *p, uint32_t len);

/* Host errno -> guest (QNX) errno value. */
int  guest_errno(int host_errno);
/* kcall_sem.c: p ends: its blocked semops stop counting, SEM_UNDO applied. */
void sem_proc_exit(struct proc *p);
/* The kernel-call layer as the machine calls it (kcall.c). */
extern const struct sim_kernel kcall_kernel;

/* Families (one per file). */
extern const struct kcall_table kcall_core_table;
extern const struct kcall_table kcall_ipc_table;      /* kcall_ipc.c: System V shm, credentials */
extern const struct kcall_table kcall_file_table;     /* kcall_file.c: files, rest of the mmap family */
extern const struct kcall_table kcall_proc_table;
extern const struct kcall_table kcall_sem_table;
extern const struct kcall_table kcall_cache_table;
extern const struct kcall_table kcall_fd_table;       /* kcall_fd.c: pipes, dup, fcntl, poll */
extern const struct kcall_table kcall_path_table;     /* kcall_path.c: cwd, umask, directories */
extern const struct kcall_table kcall_signal_table;   /* kcall_signal.c: signals, timers, process groups */
extern const struct kcall_table kcall_sys_table;      /* kcall_sys.c: system info, creds, limits, policy */

#endif
