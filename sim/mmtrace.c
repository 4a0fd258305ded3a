/*
 * mmtrace.c - traced memory-manager calls (see mmtrace.h).  Each wrapper
 * opens the "mm" record before the call (so the call's PTE records nest
 * inside it), writes the decoded arguments, calls the memory manager,
 * then writes the outputs and the result.
 */
#include <errno.h>

#include "kcall.h"
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
