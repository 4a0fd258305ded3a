/*
 * kcall_fd.c - descriptors: pipe2, dup2/dup3, fcntl, poll, and read/write
 * of every fd that is neither the console nor a file under --root (pipes,
 * /dev/null, /dev/zero, shm objects).
 *
 * The memory manager keeps the fd tables and the pipe buffers and says
 * -EAGAIN when a pipe call would block; here such a call sleeps (unless
 * O_NONBLOCK) on the pipe's channel and is re-issued when the pipe
 * changes.  A pipe write longer than PIPE_BUF may block after writing
 * part of its bytes: the part is kept in the thread (t->fdwait) so the
 * re-issued call goes on where it stopped.  poll sleeps on one channel
 * every pipe change wakes, with its timeout on the simulated clock.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmsim/kcall.h"
#include "kcall.h"
#include "ksignal.h"
#include "mmtrace.h"
#include "sim.h"
#include "trace.h"

#define RW_CHUNK 65536u
#define POLL_MAX 4096u           /* nfds above this: EINVAL (Linux: RLIMIT_NOFILE) */

/* Sleep channel kinds of this file (sim.h's CHAN(); kinds 1-5 are sched's). */
#define CHAN_PIPE 0x40           /* value: the pipe id */
#define CHAN_POLL 0x41           /* value 0: any pipe changed */

/* The memory manager's pipe hook: wake whoever waits on pipe `id`. */
static void pipe_changed(void *ctx, uint64_t id)
{
    struct sim *s = ctx;
    sched_wakeup(s, CHAN(CHAN_PIPE, id));
    sched_wakeup(s, CHAN(CHAN_POLL, 0));
}

/* Install the pipe hook once (the first pipe of a run; only pipe2 makes
 * pipes, so nothing can change before). */
static void hook_pipes(struct sim *s)
{
    mm_set_pipe_hook(s->mm, pipe_changed, s);
}

/* A write to a pipe with no reader: EPIPE, and SIGPIPE to the writer. */
static long broken_pipe(struct call *c)
{
    /* SIGPIPE to the writing thread: delivered as the call returns (its
     * default action ends the process; handled or ignored, EPIPE stays). */
    sig_send_thread(sched_current(c->p), GSIG_PIPE, 0);
    c->why = "no reader left on the pipe";
    return -EPIPE;
}

/* Block the running thread on pipe `id` (done: bytes written so far). */
static long pipe_block(struct call *c, uint64_t id, uint32_t done, bool write)
{
    struct thread *t = sched_current(c->p);
    t->fdwait.active = true;
    t->fdwait.done = done;
    t->fdwait.deadline = 0;
    return sched_sleep(c->p, CHAN(CHAN_PIPE, id), 0, 0, write ? "pipe write" : "pipe read");
}

/* One chunk of a read or write through the memory manager. */
static long rw_chunk(struct call *c, bool write, int fd, uint8_t *buf, uint32_t va, uint32_t n)
{
    struct proc *p = c->p;
    if (write && copyin(p, buf, va, n))
        return -EFAULT;
    long r = tm_rw(p, write, fd, buf, n);
    if (!write && r > 0 && copyout(p, va, buf, (uint32_t)r))
        return -EFAULT;
    return r;
}

long kcall_fd_rw(struct call *c, bool write)
{
    struct proc *p = c->p;
    int fd = (int)c->a[0], oflag = mm_fd_oflag(p->mm, fd);
    if (oflag < 0)
        return -EBADF;
    uint64_t pipe_id = 0;
    mm_fd_poll(p->mm, fd, &pipe_id);
    struct thread *t = sched_current(p);
    uint32_t va = c->a[1], len = c->a[2];
    uint32_t done = t->fdwait.active ? t->fdwait.done : 0;
    t->fdwait.active = false;
    uint8_t *buf = malloc(RW_CHUNK);
    if (!buf)
        return -ENOMEM;
    long r = 0;
    do {
        uint32_t n = len - done < RW_CHUNK ? len - done : RW_CHUNK;
        r = rw_chunk(c, write, fd, buf, va + done, n);
        if (r > 0)
            done += (uint32_t)r;
        if (r <= 0 || (!write && pipe_id) || (!write && (uint32_t)r < n))
            break;                              /* a pipe read returns what is there */
    } while (done < len);
    free(buf);
    if (r == -EAGAIN && pipe_id && !(oflag & MM_O_NONBLOCK))
        return pipe_block(c, pipe_id, done, write);
    if (done)
        return (long)done;
    if (r == -EPIPE)
        return broken_pipe(c);
    return r;
}

/* pipe2(int fds[2], flags): O_NONBLOCK and O_CLOEXEC, nothing else. */
static long k_pipe2(struct call *c)
{
    int flags = (int)c->a[1], fds[2];
    if (flags & ~(MM_O_NONBLOCK | MM_O_CLOEXEC)) {
        c->why = "pipe2 flag other than O_NONBLOCK, O_CLOEXEC";
        return -EINVAL;
    }
    hook_pipes(c->p->sim);
    int r = tm_pipe(c->p, flags, fds);
    if (r)
        return r;
    uint8_t g[8];
    p32(c->p, g, (uint32_t)fds[0]);
    p32(c->p, g + 4, (uint32_t)fds[1]);
    if (copyout(c->p, c->a[0], g, sizeof g)) {
        tm_close(c->p, fds[0]);
        tm_close(c->p, fds[1]);
        return -EFAULT;
    }
    return 0;
}

/* dup3(old, new, flags); flags -1: dup2. */
static long k_dup3(struct call *c)
{
    long r = tm_dup2(c->p, (int)c->a[0], (int)c->a[1], (int)c->a[2]);
    if (r == -EINVAL)
        c->why = mm_last_reason(c->p->mm);
    return r;
}

/* fcntl(fd, cmd, arg): the descriptor commands; locks are not modelled. */
static long k_fcntl(struct call *c)
{
    int fd = (int)c->a[0], cmd = (int)c->a[1], arg = (int)c->a[2];
    long r;
    if (cmd == MM_F_DUPFD || cmd == MM_F_DUPFD_CLOEXEC) {
        r = tm_dup(c->p, fd, arg, cmd == MM_F_DUPFD_CLOEXEC);
    } else {
        r = tm_fcntl(c->p, fd, cmd, arg);
    }
    if (r == -EINVAL)
        c->why = mm_last_reason(c->p->mm);
    return r;
}

/* ---- poll ---------------------------------------------------------------- */

/* Fill the revents of the n pollfds in g (guest layout: int fd, short
 * events, short revents); the number of entries with revents != 0. */
static long poll_scan(struct proc *p, uint8_t *g, uint32_t n)
{
    long ready = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint8_t *e = g + 8 * i;
        int fd = (int)g32(p, e);
        uint16_t events = g16(p, e + 4), rev = 0;
        if (fd >= 0) {
            uint64_t id;
            int mask = mm_fd_poll(p->mm, fd, &id);
            rev = (uint16_t)(mask & (events | MM_POLLERR | MM_POLLHUP | MM_POLLNVAL));
        }
        p16(p, e + 6, rev);
        ready += rev != 0;
    }
    return ready;
}

/* poll(fds, nfds, timeout ms): ready count, 0 at the timeout (-1: none). */
static long k_poll(struct call *c)
{
    struct proc *p = c->p;
    struct thread *t = sched_current(p);
    uint32_t n = c->a[1];
    int timeout = (int)c->a[2];
    bool resumed = t->fdwait.active;
    t->fdwait.active = false;
    if (n > POLL_MAX) {
        c->why = "more than 4096 pollfds";
        return -EINVAL;
    }
    uint8_t *g = malloc(n ? 8u * n : 1);
    if (!g)
        return -ENOMEM;
    long r = copyin(p, g, c->a[0], 8u * n);
    if (!r)
        r = poll_scan(p, g, n);
    if (r >= 0 && copyout(p, c->a[0], g, 8u * n))
        r = -EFAULT;
    free(g);
    if (r != 0 || timeout == 0)
        return r;
    uint64_t deadline = resumed ? t->fdwait.deadline
                      : timeout > 0 ? p->sim->now_ns + (uint64_t)timeout * 1000000u : 0;
    if (deadline && p->sim->now_ns >= deadline)
        return 0;
    t->fdwait.active = true;
    t->fdwait.done = 0;
    t->fdwait.deadline = deadline;
    hook_pipes(p->sim);
    /* revents are all 0 in guest memory already: a timeout completes with 0 */
    return sched_sleep(p, CHAN(CHAN_POLL, 0), deadline, 0, "poll");
}

/* ---- exec ---------------------------------------------------------------- */

/* execve(path, argv, envp): the environment is not passed (mmsim guests
 * have an empty one). */
static long k_execve(struct call *c)
{
    struct proc *p = c->p;
    char path[PATH_MAX];
    char **argv;
    int argc;
    int rc = program_args(c, path, &argv, &argc);
    if (rc)
        return rc;
    static char why[256];                /* c->why must outlive the call */
    long r = sched_exec(p, path, argc, argv, why, sizeof why);
    free_args(argv, argc);
    if (r < 0)
        c->why = why;
    return r;
}

/* remap_file_pages(start, size, prot, pgoff, flags): Linux's emulation. */
static long k_remap_file_pages(struct call *c)
{
    int r = tm_remap_file_pages(c->p, c->a[0], c->a[1], (int)c->a[2], c->a[3], (int)c->a[4]);
    if (r == -EINVAL)
        c->why = mm_last_reason(c->p->mm);
    return r;
}

static const struct kcall_def fd_defs[] = {
    {KC_REMAP_FILE_PAGES, "remap_file_pages", 5, k_remap_file_pages},
    {KC_EXECVE, "execve", 3, k_execve},
    {KC_PIPE2, "pipe2", 2, k_pipe2},
    {KC_DUP3, "dup3", 3, k_dup3},
    {KC_FCNTL, "fcntl", 3, k_fcntl},
    {KC_POLL, "poll", 3, k_poll},
};

const struct kcall_table kcall_fd_table = KCALL_TABLE(fd_defs);
