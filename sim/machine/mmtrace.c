/*
 * mmtrace.c - traced memory-manager calls (see mmtrace.h).  Each wrapper
 * opens the "mm" record before the call (so the call's PTE records nest
 * inside it), writes the decoded arguments, calls the memory manager,
 * then writes the outputs and the result.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mmtrace.h"
#include "sim.h"
#include "trace.h"

/* Open the record and its "args" object. */
static struct trace *rec(struct proc *p, const char *op)
{
    struct trace *t = p->sim->trace;
    trace_begin(t, "mm");
    trace_uint(t, "pid", p->pid);
    trace_str(t, "op", op);
    trace_obj_begin(t, "args");
    return t;
}

/* Close "args" (the call runs after this). */
static void args_done(struct trace *t)
{
    trace_obj_end(t);
}

/* Write the result (and errno name, and the memory manager's reason for
 * an EINVAL) and close the record; returns r. */
static long done(struct proc *p, struct trace *t, long r)
{
    if (r < 0) {
        trace_int(t, "ret", -1);
        trace_str(t, "errno", kcall_errno_name((int)-r));
        const char *why = r == -EINVAL && p->mm ? mm_last_reason(p->mm) : "";
        if (why && *why)
            trace_str(t, "why", why);
    } else {
        trace_int(t, "ret", r);
    }
    trace_end(t);
    return r;
}

int tm_proc_create(struct proc *p, bool privileged)
{
    struct trace *t = rec(p, "proc_create");
    trace_bool(t, "privileged", privileged);
    args_done(t);
    p->mm = mm_proc_create(p->sim->mm, p->pid, privileged);
    return (int)done(p, t, p->mm ? 0 : -ENOMEM);
}

int tm_proc_fork(struct proc *p, struct proc *c)
{
    struct trace *t = rec(p, "proc_fork");
    trace_uint(t, "child", c->pid);
    args_done(t);
    c->mm = mm_proc_fork(p->mm, c->pid);
    return (int)done(p, t, c->mm ? 0 : -ENOMEM);
}

void tm_proc_destroy(struct proc *p)
{
    struct trace *t = rec(p, "proc_destroy");
    args_done(t);
    mm_proc_destroy(p->mm);
    p->mm = NULL;
    done(p, t, 0);
}

int tm_shm_open(struct proc *p, const char *name, int oflag, unsigned mode)
{
    struct trace *t = rec(p, "shm_open");
    trace_str(t, "name", name);
    trace_hex(t, "oflag", (uint32_t)oflag);
    trace_hex(t, "mode", mode);
    args_done(t);
    return (int)done(p, t, mm_shm_open(p->mm, name, oflag, mode));
}

int tm_shm_unlink(struct proc *p, const char *name)
{
    struct trace *t = rec(p, "shm_unlink");
    trace_str(t, "name", name);
    args_done(t);
    return (int)done(p, t, mm_shm_unlink(p->mm, name));
}

int tm_close(struct proc *p, int fd)
{
    struct trace *t = rec(p, "close");
    trace_int(t, "fd", fd);
    args_done(t);
    return (int)done(p, t, mm_close(p->mm, fd));
}

int tm_ftruncate(struct proc *p, int fd, uint64_t len)
{
    struct trace *t = rec(p, "ftruncate");
    trace_int(t, "fd", fd);
    trace_hex(t, "len", len);
    args_done(t);
    return (int)done(p, t, mm_ftruncate(p->mm, fd, len));
}

int tm_fstat(struct proc *p, int fd, struct mm_stat *st)
{
    struct trace *t = rec(p, "fstat");
    trace_int(t, "fd", fd);
    args_done(t);
    int r = mm_fstat(p->mm, fd, st);
    if (r == 0) {
        trace_obj_begin(t, "st");
        trace_uint(t, "ino", st->ino);
        trace_hex(t, "size", st->size);
        trace_hex(t, "mode", st->mode);
        trace_uint(t, "nlink", st->nlink);
        trace_hex(t, "objflags", st->objflags);
        trace_obj_end(t);
    }
    return (int)done(p, t, r);
}

int tm_shm_ctl(struct proc *p, int fd, int flags, uint64_t paddr, uint64_t size,
               bool has_special, uint32_t special)
{
    struct trace *t = rec(p, "shm_ctl");
    trace_int(t, "fd", fd);
    trace_hex(t, "flags", (uint32_t)flags);
    trace_hex(t, "paddr", paddr);
    trace_hex(t, "size", size);
    trace_bool(t, "has_special", has_special);
    trace_hex(t, "special", special);
    args_done(t);
    return (int)done(p, t, mm_shm_ctl(p->mm, fd, flags, paddr, size, has_special, special));
}

int tm_mmap(struct proc *p, uint32_t addr, uint32_t len, int prot, int flags, int fd,
            uint64_t off, uint32_t *out)
{
    struct trace *t = rec(p, "mmap");
    trace_hex(t, "addr", addr);
    trace_hex(t, "len", len);
    trace_hex(t, "prot", (uint32_t)prot);
    trace_hex(t, "flags", (uint32_t)flags);
    trace_int(t, "fd", fd);
    trace_hex(t, "off", off);
    args_done(t);
    int r = mm_mmap(p->mm, addr, len, prot, flags, fd, off, out);
    if (r == 0)
        trace_hex(t, "out", *out);
    return (int)done(p, t, r);
}

int tm_munmap(struct proc *p, uint32_t addr, uint32_t len)
{
    struct trace *t = rec(p, "munmap");
    trace_hex(t, "addr", addr);
    trace_hex(t, "len", len);
    args_done(t);
    return (int)done(p, t, mm_munmap(p->mm, addr, len));
}

int tm_mprotect(struct proc *p, uint32_t addr, uint32_t len, int prot)
{
    struct trace *t = rec(p, "mprotect");
    trace_hex(t, "addr", addr);
    trace_hex(t, "len", len);
    trace_hex(t, "prot", (uint32_t)prot);
    args_done(t);
    return (int)done(p, t, mm_mprotect(p->mm, addr, len, prot));
}

int tm_msync(struct proc *p, uint32_t addr, uint32_t len, int flags)
{
    struct trace *t = rec(p, "msync");
    trace_hex(t, "addr", addr);
    trace_hex(t, "len", len);
    trace_hex(t, "flags", (uint32_t)flags);
    args_done(t);
    return (int)done(p, t, mm_msync(p->mm, addr, len, flags));
}

int tm_mem_offset(struct proc *p, uint32_t addr, int fd, uint32_t len, uint64_t *off,
                  uint32_t *contig)
{
    struct trace *t = rec(p, "mem_offset");
    trace_hex(t, "addr", addr);
    trace_int(t, "fd", fd);
    trace_hex(t, "len", len);
    args_done(t);
    int r = mm_mem_offset(p->mm, addr, fd, len, off, contig);
    if (r == 0) {
        trace_hex(t, "paddr", *off);
        trace_hex(t, "contig", *contig);
    }
    return (int)done(p, t, r);
}

long tm_obj_info(struct proc *p, int fd, uint16_t zero, uint64_t offset, uint64_t length,
                 struct mm_segment *segs, size_t max)
{
    struct trace *t = rec(p, "obj_info");
    trace_int(t, "fd", fd);
    trace_hex(t, "zero", zero);
    trace_hex(t, "offset", offset);
    trace_hex(t, "length", length);
    trace_uint(t, "max", max);
    args_done(t);
    long n = mm_obj_info(p->mm, fd, zero, offset, length, segs, max);
    if (n > 0) {
        trace_arr_begin(t, "segments");
        for (long i = 0; i < n; i++) {
            trace_obj_begin(t, NULL);
            trace_hex(t, "offset", segs[i].offset);
            trace_hex(t, "paddr", segs[i].paddr);
            trace_hex(t, "length", segs[i].length);
            trace_obj_end(t);
        }
        trace_arr_end(t);
    }
    return done(p, t, n);
}

enum mm_fault_kind tm_fault(struct proc *p, uint32_t va, unsigned access)
{
    struct trace *t = rec(p, "fault");
    trace_hex(t, "va", va);
    trace_str(t, "access", tm_access_name(access));
    args_done(t);
    enum mm_fault_kind k = mm_fault(p->mm, va, access);
    trace_str(t, "kind", tm_fault_kind_name(k));
    done(p, t, 0);
    return k;
}

/* ---- credentials and System V shared memory (kcall_ipc.c, sim.c) -------- */

int tm_proc_creds(struct proc *p, uint32_t uid, uint32_t gid)
{
    struct trace *t = rec(p, "creds");
    trace_uint(t, "uid", uid);
    trace_uint(t, "gid", gid);
    args_done(t);
    mm_proc_set_creds(p->mm, uid, gid);
    return (int)done(p, t, 0);
}

int tm_proc_ids(struct proc *p, uint32_t uid, uint32_t euid, uint32_t gid, uint32_t egid)
{
    struct trace *t = rec(p, "setids");
    trace_uint(t, "uid", uid);
    trace_uint(t, "euid", euid);
    trace_uint(t, "gid", gid);
    trace_uint(t, "egid", egid);
    args_done(t);
    mm_proc_set_ids(p->mm, uid, euid, gid, egid);
    return (int)done(p, t, 0);
}

/* Every System V call records the simulated time it ran at ("now"). */
static struct trace *rec_ipc(struct proc *p, const char *op, uint32_t now)
{
    struct trace *t = rec(p, op);
    trace_uint(t, "now", now);
    mm_set_time(p->sim->mm, now);
    return t;
}

int tm_shmget(struct proc *p, uint32_t now, int32_t key, uint64_t size, int flags)
{
    struct trace *t = rec_ipc(p, "shmget", now);
    trace_int(t, "key", key);
    trace_hex(t, "size", size);
    trace_hex(t, "flags", (uint32_t)flags);
    args_done(t);
    return (int)done(p, t, mm_shmget(p->mm, key, size, flags));
}

int tm_shmat(struct proc *p, uint32_t now, int shmid, uint32_t addr, int flags, uint32_t *out)
{
    struct trace *t = rec_ipc(p, "shmat", now);
    trace_int(t, "shmid", shmid);
    trace_hex(t, "addr", addr);
    trace_hex(t, "flags", (uint32_t)flags);
    args_done(t);
    int r = mm_shmat(p->mm, shmid, addr, flags, out);
    if (r == 0)
        trace_hex(t, "out", *out);
    return (int)done(p, t, r);
}

int tm_shmdt(struct proc *p, uint32_t now, uint32_t addr)
{
    struct trace *t = rec_ipc(p, "shmdt", now);
    trace_hex(t, "addr", addr);
    args_done(t);
    return (int)done(p, t, mm_shmdt(p->mm, addr));
}

int tm_shmctl(struct proc *p, uint32_t now, int shmid, int cmd, struct mm_shmid_ds *ds)
{
    struct trace *t = rec_ipc(p, "shmctl", now);
    trace_int(t, "shmid", shmid);
    trace_int(t, "cmd", cmd);
    trace_uint(t, "uid", ds->perm.uid);      /* IPC_SET's input (else 0) */
    trace_uint(t, "gid", ds->perm.gid);
    trace_hex(t, "mode", ds->perm.mode);
    args_done(t);
    int r = mm_shmctl(p->mm, shmid, cmd, ds);
    if (r >= 0 && (cmd == MM_IPC_STAT || cmd == MM_SHM_STAT)) {
        trace_obj_begin(t, "ds");
        trace_hex(t, "key", (uint32_t)ds->perm.key);
        trace_uint(t, "uid", ds->perm.uid);
        trace_uint(t, "gid", ds->perm.gid);
        trace_uint(t, "cuid", ds->perm.cuid);
        trace_uint(t, "cgid", ds->perm.cgid);
        trace_hex(t, "mode", ds->perm.mode);
        trace_uint(t, "seq", ds->perm.seq);
        trace_hex(t, "segsz", ds->segsz);
        trace_uint(t, "atime", ds->atime);
        trace_uint(t, "dtime", ds->dtime);
        trace_uint(t, "ctime", ds->ctime);
        trace_uint(t, "cpid", ds->cpid);
        trace_uint(t, "lpid", ds->lpid);
        trace_uint(t, "nattch", ds->nattch);
        trace_obj_end(t);
    }
    return (int)done(p, t, r);
}

int tm_shm_info(struct proc *p, uint32_t now, struct mm_ipc_limits *lim,
                struct mm_shm_info *info)
{
    struct trace *t = rec_ipc(p, "shm_info", now);
    args_done(t);
    int r = mm_shm_info(p->sim->mm, lim, info);
    trace_obj_begin(t, "lim");
    trace_hex(t, "shmmax", lim->shmmax);
    trace_hex(t, "shmmin", lim->shmmin);
    trace_hex(t, "shmmni", lim->shmmni);
    trace_hex(t, "shmseg", lim->shmseg);
    trace_hex(t, "shmall", lim->shmall);
    trace_obj_end(t);
    trace_obj_begin(t, "info");
    trace_uint(t, "used_ids", info->used_ids);
    trace_hex(t, "shm_tot", info->shm_tot);
    trace_hex(t, "shm_rss", info->shm_rss);
    trace_obj_end(t);
    return (int)done(p, t, r);
}

/* ---- the rest of the mmap family (kcall_file.c) ------------------------- */

int tm_mremap(struct proc *p, uint32_t old, uint32_t oldsize, uint32_t newsize, int flags,
              uint32_t newaddr, uint32_t *out)
{
    struct trace *t = rec(p, "mremap");
    trace_hex(t, "old", old);
    trace_hex(t, "oldsize", oldsize);
    trace_hex(t, "newsize", newsize);
    trace_hex(t, "flags", (uint32_t)flags);
    trace_hex(t, "newaddr", newaddr);
    args_done(t);
    int r = mm_mremap(p->mm, old, oldsize, newsize, flags, newaddr, out);
    if (r == 0)
        trace_hex(t, "out", *out);
    return (int)done(p, t, r);
}

/* mlock (lock true) or munlock of [addr, addr+len). */
int tm_mlock(struct proc *p, bool lock, uint32_t addr, uint32_t len)
{
    struct trace *t = rec(p, lock ? "mlock" : "munlock");
    trace_hex(t, "addr", addr);
    trace_hex(t, "len", len);
    args_done(t);
    return (int)done(p, t, lock ? mm_mlock(p->mm, addr, len) : mm_munlock(p->mm, addr, len));
}

int tm_mlockall(struct proc *p, int flags)
{
    struct trace *t = rec(p, "mlockall");
    trace_hex(t, "flags", (uint32_t)flags);
    args_done(t);
    return (int)done(p, t, mm_mlockall(p->mm, flags));
}

int tm_munlockall(struct proc *p)
{
    struct trace *t = rec(p, "munlockall");
    args_done(t);
    return (int)done(p, t, mm_munlockall(p->mm));
}

int tm_madvise(struct proc *p, uint32_t addr, uint32_t len, int advice)
{
    struct trace *t = rec(p, "madvise");
    trace_hex(t, "addr", addr);
    trace_hex(t, "len", len);
    trace_int(t, "advice", advice);
    args_done(t);
    return (int)done(p, t, mm_madvise(p->mm, addr, len, advice));
}

/* ---- files (kcall_file.c) ------------------------------------------------ */

/* The trace's number of host file (dev, ino): 1, 2 ... in first-seen
 * order (deterministic, unlike host inode numbers); 0 when out of memory. */
static uint32_t file_id(struct sim *s, uint64_t dev, uint64_t ino)
{
    for (size_t i = 0; i < s->nfile_ids; i++)
        if (s->file_ids[2 * i] == dev && s->file_ids[2 * i + 1] == ino)
            return (uint32_t)i + 1;
    uint64_t *v = realloc(s->file_ids, (s->nfile_ids + 1) * 2 * sizeof *v);
    if (!v)
        return 0;
    s->file_ids = v;
    v[2 * s->nfile_ids] = dev;
    v[2 * s->nfile_ids + 1] = ino;
    return (uint32_t)++s->nfile_ids;
}

const char *tm_file_type_name(unsigned mode)
{
    return S_ISREG(mode) ? "reg" : S_ISDIR(mode) ? "dir" : "other";
}

int tm_file_open(struct proc *p, int hostfd, int oflag)
{
    struct stat st;
    if (fstat(hostfd, &st) != 0) {       /* the memory manager is not asked */
        close(hostfd);
        return -EIO;
    }
    struct trace *t = rec(p, "file_open");
    trace_uint(t, "file", S_ISREG(st.st_mode) ? file_id(p->sim, st.st_dev, st.st_ino) : 0);
    trace_str(t, "type", tm_file_type_name(st.st_mode));
    trace_hex(t, "size", (uint64_t)st.st_size);
    trace_hex(t, "mode", st.st_mode & 07777);
    trace_uint(t, "uid", st.st_uid);
    trace_hex(t, "oflag", (uint32_t)oflag);
    args_done(t);
    return (int)done(p, t, mm_file_open_stat(p->mm, hostfd, oflag, &st));
}

int tm_file_ino(struct proc *p, uint64_t hdev, uint64_t hino, uint64_t *gino)
{
    struct trace *t = rec(p, "file_ino");
    trace_uint(t, "file", file_id(p->sim, hdev, hino));
    args_done(t);
    int r = mm_file_ino(p->sim->mm, hdev, hino, gino);
    if (r == 0)
        trace_uint(t, "ino", *gino);
    return (int)done(p, t, r);
}

long tm_rw(struct proc *p, bool write, int fd, void *buf, uint32_t len)
{
    struct trace *t = rec(p, write ? "write" : "read");
    trace_int(t, "fd", fd);
    trace_hex(t, "len", len);
    args_done(t);
    return done(p, t, write ? mm_write(p->mm, fd, buf, len) : mm_read(p->mm, fd, buf, len));
}

int tm_lseek(struct proc *p, int fd, int64_t off, int whence, uint64_t *res)
{
    struct trace *t = rec(p, "lseek");
    trace_int(t, "fd", fd);
    trace_int(t, "off", off);
    trace_int(t, "whence", whence);
    args_done(t);
    int r = mm_lseek(p->mm, fd, off, whence, res);
    if (r == 0)
        trace_hex(t, "res", *res);
    return (int)done(p, t, r);
}

/* ---- descriptors (kcall_fd.c) -------------------------------------------- */

int tm_pipe(struct proc *p, int flags, int fds[2])
{
    struct trace *t = rec(p, "pipe");
    trace_hex(t, "flags", (uint32_t)flags);
    args_done(t);
    int r = mm_pipe(p->mm, flags, fds);
    if (r == 0) {
        trace_int(t, "fd0", fds[0]);
        trace_int(t, "fd1", fds[1]);
    }
    return (int)done(p, t, r);
}

int tm_dup(struct proc *p, int old, int min, bool cloexec)
{
    struct trace *t = rec(p, "dup");
    trace_int(t, "fd", old);
    trace_int(t, "min", min);
    trace_bool(t, "cloexec", cloexec);
    args_done(t);
    return (int)done(p, t, mm_dup(p->mm, old, min, cloexec));
}

int tm_dup2(struct proc *p, int old, int nfd, int flags)
{
    struct trace *t = rec(p, "dup2");
    trace_int(t, "fd", old);
    trace_int(t, "newfd", nfd);
    trace_int(t, "flags", flags);
    args_done(t);
    return (int)done(p, t, mm_dup2(p->mm, old, nfd, flags));
}

int tm_fcntl(struct proc *p, int fd, int cmd, int arg)
{
    struct trace *t = rec(p, "fcntl");
    trace_int(t, "fd", fd);
    trace_int(t, "cmd", cmd);
    trace_int(t, "arg", arg);
    args_done(t);
    return (int)done(p, t, mm_fcntl(p->mm, fd, cmd, arg));
}

int tm_fd_limit(struct proc *p, unsigned n)
{
    struct trace *t = rec(p, "fd_limit");
    trace_uint(t, "limit", n);
    args_done(t);
    return (int)done(p, t, mm_proc_set_fd_limit(p->mm, n));
}

int tm_open_device(struct proc *p, int dev, int oflag)
{
    struct trace *t = rec(p, "open_device");
    trace_int(t, "dev", dev);
    trace_hex(t, "oflag", (uint32_t)oflag);
    args_done(t);
    return (int)done(p, t, mm_open_device(p->mm, dev, oflag));
}

int tm_remap_file_pages(struct proc *p, uint32_t start, uint32_t size, int prot, uint64_t pgoff,
                        int flags)
{
    struct trace *t = rec(p, "remap_file_pages");
    trace_hex(t, "start", start);
    trace_hex(t, "size", size);
    trace_hex(t, "prot", (uint32_t)prot);
    trace_hex(t, "pgoff", pgoff);
    trace_hex(t, "flags", (uint32_t)flags);
    args_done(t);
    return (int)done(p, t, mm_remap_file_pages(p->mm, start, size, prot, pgoff, flags));
}

int tm_exec(struct proc *p)
{
    struct trace *t = rec(p, "exec");
    args_done(t);
    return (int)done(p, t, mm_proc_exec(p->mm));
}

int tm_fd_inherit(struct proc *p, struct proc *c)
{
    struct trace *t = rec(p, "fd_inherit");
    trace_uint(t, "child", c->pid);
    args_done(t);
    return (int)done(p, t, mm_fd_inherit(c->mm, p->mm));
}

void tm_close_on_exec(struct proc *p)
{
    struct trace *t = rec(p, "close_on_exec");
    args_done(t);
    mm_close_on_exec(p->mm);
    done(p, t, 0);
}
