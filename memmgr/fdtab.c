/*
 * fdtab.c - per-process fd tables: open file descriptions shared by dup
 * and fork (kind, status flags, offset), per-fd FD_CLOEXEC, the fd limit
 * (RLIMIT_NOFILE), close, dup2/dup3 and fcntl.
 *
 * A slot points at a reference-counted struct mm_fd; the description
 * holds the object (or pipe end) and goes with its last slot.
 */
#include "memmgr_internal.h"
#include "object.h"

#include <stdlib.h>

/* Status flags F_SETFL may change (Linux: also O_ASYNC, O_DIRECT...). */
#define FL_SETTABLE (MM_O_APPEND | MM_O_NONBLOCK)
/* Flags that only matter at open time: F_GETFL does not report them. */
#define FL_OPEN_ONLY (MM_O_CREAT | MM_O_EXCL | MM_O_TRUNC | MM_O_CLOEXEC | MM_O_NOCTTY)

/* Make the table hold at least n slots (n <= fd_limit).  0 or -ENOMEM. */
static int fd_grow(struct mm_proc *p, unsigned n)
{
    if (n <= p->nfds)
        return 0;
    unsigned cap = p->nfds ? p->nfds : 16;
    while (cap < n)
        cap *= 2;
    struct mm_fdslot *v = realloc(p->fds, cap * sizeof *v);
    if (!v)
        return -ENOMEM;
    for (unsigned i = p->nfds; i < cap; i++)
        v[i] = (struct mm_fdslot){ NULL, false };
    p->fds = v;
    p->nfds = cap;
    return 0;
}

/* Lowest free fd >= min below the limit, its slot allocated; or -EMFILE
 * (-EINVAL if min itself is past the limit: F_DUPFD's rule). */
static int fd_alloc_from(struct mm_proc *p, int min)
{
    if (min < 0 || (unsigned)min >= p->fd_limit)
        return -EINVAL;
    for (unsigned fd = (unsigned)min; fd < p->fd_limit; fd++) {
        if (fd >= p->nfds && fd_grow(p, fd + 1))
            return -ENOMEM;
        if (!p->fds[fd].f)
            return (int)fd;
    }
    return -EMFILE;
}

int fd_alloc(struct mm_proc *p)
{
    int fd = fd_alloc_from(p, 0);
    return fd == -EINVAL ? -EMFILE : fd;
}

struct mm_fd *fd_get(const struct mm_proc *p, int fd)
{
    if (fd < 0 || (unsigned)fd >= p->nfds)
        return NULL;
    return p->fds[fd].f;
}

int fd_install(struct mm_proc *p, int fd, enum mm_fd_kind kind, int oflag, struct mm_obj *obj)
{
    struct mm_fd *f = calloc(1, sizeof *f);
    if (!f)
        return -ENOMEM;
    *f = (struct mm_fd){ .kind = kind, .oflag = oflag & ~MM_O_CLOEXEC, .obj = obj, .refs = 1 };
    p->fds[fd] = (struct mm_fdslot){ f, (oflag & MM_O_CLOEXEC) != 0 };
    return 0;
}

/* Drop one slot's reference on f; the last one releases what f holds. */
static void fd_release(struct mm_proc *p, struct mm_fd *f)
{
    if (--f->refs)
        return;
    if (f->obj)
        obj_unref(f->obj);
    if (f->kind == FD_PIPE)
        pipe_end_close(p->m, f->pipe, f->wr_end);
    free(f);
}

int mm_close(struct mm_proc *p, int fd)
{
    struct mm_fd *f = fd_get(p, fd);
    if (!f)
        return -EBADF;
    p->fds[fd] = (struct mm_fdslot){ NULL, false };
    fd_release(p, f);
    return 0;
}

/* Console fds 0-2 of a new process (fd_limit set). 0 or -ENOMEM. */
int fd_table_init(struct mm_proc *p)
{
    if (fd_grow(p, 3))
        return -ENOMEM;
    for (int fd = 0; fd < 3; fd++) {
        if (fd_install(p, fd, FD_CONSOLE, fd == 0 ? MM_O_RDONLY : MM_O_WRONLY, NULL))
            return -ENOMEM;
        p->fds[fd].f->console = fd;
    }
    return 0;
}

/* Close every fd and free the table (process end). */
void fd_table_free(struct mm_proc *p)
{
    for (unsigned fd = 0; fd < p->nfds; fd++)
        if (p->fds[fd].f)
            mm_close(p, (int)fd);
    free(p->fds);
    p->fds = NULL;
    p->nfds = 0;
}

int fd_table_copy(struct mm_proc *c, const struct mm_proc *p)
{
    fd_table_free(c);
    c->fd_limit = p->fd_limit;
    if (fd_grow(c, p->nfds))
        return -ENOMEM;
    for (unsigned fd = 0; fd < p->nfds; fd++) {
        c->fds[fd] = p->fds[fd];
        if (c->fds[fd].f)
            c->fds[fd].f->refs++;
    }
    return 0;
}

/* ---- dup, fcntl, limits ----------------------------------------------- */

/* Point slot nfd (free, allocated) at old's description. */
static int fd_share(struct mm_proc *p, int old, int nfd, bool cloexec)
{
    struct mm_fd *f = p->fds[old].f;
    f->refs++;
    p->fds[nfd] = (struct mm_fdslot){ f, cloexec };
    return nfd;
}

int mm_dup(struct mm_proc *p, int old, int min, bool cloexec)
{
    if (!fd_get(p, old))
        return -EBADF;
    int nfd = fd_alloc_from(p, min);
    return nfd < 0 ? nfd : fd_share(p, old, nfd, cloexec);
}

int mm_dup2(struct mm_proc *p, int old, int nfd, int flags)
{
    bool dup3 = flags >= 0;
    if (!fd_get(p, old))
        return -EBADF;
    if (nfd < 0 || (unsigned)nfd >= p->fd_limit)
        return -EBADF;
    if (dup3 && (old == nfd || (flags & ~MM_O_CLOEXEC)))
        return mm_einval(p, old == nfd ? "dup3 onto the same fd" : "dup3 flag other than O_CLOEXEC");
    if (old == nfd)
        return nfd;
    if (fd_grow(p, (unsigned)nfd + 1))
        return -ENOMEM;
    if (p->fds[nfd].f)
        mm_close(p, nfd);
    return fd_share(p, old, nfd, dup3 && (flags & MM_O_CLOEXEC));
}

int mm_fcntl(struct mm_proc *p, int fd, int cmd, int arg)
{
    struct mm_fd *f = fd_get(p, fd);
    if (!f)
        return -EBADF;
    switch (cmd) {
    case MM_F_DUPFD:
    case MM_F_DUPFD_CLOEXEC:
        return mm_dup(p, fd, arg, cmd == MM_F_DUPFD_CLOEXEC);
    case MM_F_GETFD:
        return p->fds[fd].cloexec ? MM_FD_CLOEXEC : 0;
    case MM_F_SETFD:
        p->fds[fd].cloexec = (arg & MM_FD_CLOEXEC) != 0;
        return 0;
    case MM_F_GETFL:
        return f->oflag & ~FL_OPEN_ONLY;
    case MM_F_SETFL:
        f->oflag = (f->oflag & ~FL_SETTABLE) | (arg & FL_SETTABLE);
        return 0;
    default:
        return mm_einval(p, "unknown fcntl command");
    }
}

int mm_fd_oflag(const struct mm_proc *p, int fd)
{
    struct mm_fd *f = fd_get(p, fd);
    return f ? f->oflag : -EBADF;
}

int mm_fd_console(const struct mm_proc *p, int fd)
{
    struct mm_fd *f = fd_get(p, fd);
    return f && f->kind == FD_CONSOLE ? f->console : -1;
}

bool mm_fd_is_console(const struct mm_proc *p, int fd)
{
    return mm_fd_console(p, fd) >= 0;
}

int mm_fd_inherit(struct mm_proc *c, const struct mm_proc *p)
{
    int r = fd_table_copy(c, p);
    if (!r)
        mm_close_on_exec(c);
    return r;
}

void mm_close_on_exec(struct mm_proc *p)
{
    for (unsigned fd = 0; fd < p->nfds; fd++)
        if (p->fds[fd].f && p->fds[fd].cloexec)
            mm_close(p, (int)fd);
}

int mm_proc_set_fd_limit(struct mm_proc *p, unsigned n)
{
    if (n < 1 || n > MM_FD_LIMIT_MAX)
        return mm_einval(p, "fd limit outside 1..2^20");
    p->fd_limit = n;
    return 0;
}

unsigned mm_proc_fd_limit(const struct mm_proc *p)
{
    return p->fd_limit;
}

void mm_set_fd_limit_default(struct mm *m, unsigned n)
{
    m->fd_limit_default = n >= 1 && n <= MM_FD_LIMIT_MAX ? n : MM_FD_LIMIT_DEFAULT;
}

unsigned mm_fd_count(const struct mm_proc *p)
{
    unsigned n = 0;
    for (unsigned fd = 0; fd < p->nfds; fd++)
        n += p->fds[fd].f != NULL;
    return n;
}

int mm_open_device(struct mm_proc *p, int dev, int oflag)
{
    if (dev != MM_DEV_NULL && dev != MM_DEV_ZERO)
        return -ENODEV;
    int fd = fd_alloc(p);
    if (fd < 0)
        return fd;
    int r = fd_install(p, fd, dev == MM_DEV_NULL ? FD_NULL : FD_ZERO, oflag, NULL);
    return r ? r : fd;
}

int mm_fd_device(const struct mm_proc *p, int fd)
{
    struct mm_fd *f = fd_get(p, fd);
    return !f ? 0 : f->kind == FD_NULL ? MM_DEV_NULL : f->kind == FD_ZERO ? MM_DEV_ZERO : 0;
}
