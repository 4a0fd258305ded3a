/*
 * pipe.c - pipe buffers (see pipe.h) and the fd side of pipes: mm_pipe,
 * read/write/close of an FD_PIPE description, and the hook that tells
 * the simulator a pipe changed (so blocked readers, writers and pollers
 * re-check).
 */
#include "pipe.h"
#include "memmgr_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- the buffer ------------------------------------------------------ */

struct mm_pipe *pipebuf_create(uint64_t id)
{
    struct mm_pipe *pp = calloc(1, sizeof *pp);
    if (!pp || !(pp->buf = malloc(MM_PIPE_CAP))) {
        free(pp);
        return NULL;
    }
    pp->id = id;
    pp->readers = pp->writers = 1;
    return pp;
}

void pipebuf_free(struct mm_pipe *pp)
{
    if (pp)
        free(pp->buf);
    free(pp);
}

long pipebuf_read(struct mm_pipe *pp, void *buf, uint32_t len)
{
    if (pp->len == 0)
        return pp->writers ? -EAGAIN : 0;
    uint32_t n = len < pp->len ? len : pp->len;
    uint32_t first = MM_PIPE_CAP - pp->head < n ? MM_PIPE_CAP - pp->head : n;
    memcpy(buf, pp->buf + pp->head, first);
    memcpy((uint8_t *)buf + first, pp->buf, n - first);
    pp->head = (pp->head + n) % MM_PIPE_CAP;
    pp->len -= n;
    if (pp->len == 0)
        pp->head = 0;
    return (long)n;
}

long pipebuf_write(struct mm_pipe *pp, const void *buf, uint32_t len)
{
    if (len == 0)
        return 0;                    /* as Linux: even with no reader */
    if (pp->readers == 0)
        return -EPIPE;
    uint32_t room = MM_PIPE_CAP - pp->len;
    if ((len <= MM_PIPE_BUF && room < len) || room == 0)
        return -EAGAIN;
    uint32_t n = len < room ? len : room;
    uint32_t tail = (pp->head + pp->len) % MM_PIPE_CAP;
    uint32_t first = MM_PIPE_CAP - tail < n ? MM_PIPE_CAP - tail : n;
    memcpy(pp->buf + tail, buf, first);
    memcpy(pp->buf, (const uint8_t *)buf + first, n - first);
    pp->len += n;
    return (long)n;
}

bool pipebuf_readable(const struct mm_pipe *pp)
{
    return pp->len > 0 || pp->writers == 0;
}

bool pipebuf_writable(const struct mm_pipe *pp)
{
    return pp->readers == 0 || MM_PIPE_CAP - pp->len >= MM_PIPE_BUF;
}

/* ---- pipes behind fds ------------------------------------------------- */

/* Tell the simulator pipe pp changed. */
static void pipe_changed(struct mm *m, const struct mm_pipe *pp)
{
    if (m->pipe_hook)
        m->pipe_hook(m->pipe_ctx, pp->id);
}

void mm_set_pipe_hook(struct mm *m, mm_pipe_hook_fn fn, void *ctx)
{
    m->pipe_hook = fn;
    m->pipe_ctx = ctx;
}

int mm_pipe(struct mm_proc *p, int flags, int fds[2])
{
    int rfd = fd_alloc(p), wfd, r;
    if (rfd < 0)
        return rfd;
    struct mm_pipe *pp = pipebuf_create(++p->m->next_pipe_id);
    if (!pp)
        return -ENOMEM;
    if ((r = fd_install(p, rfd, FD_PIPE, MM_O_RDONLY | (flags & MM_O_NONBLOCK), NULL))) {
        pipebuf_free(pp);
        return r;
    }
    p->fds[rfd].f->pipe = pp;
    if ((wfd = fd_alloc(p)) < 0 ||
        (r = fd_install(p, wfd, FD_PIPE, MM_O_WRONLY | (flags & MM_O_NONBLOCK), NULL))) {
        pp->writers = 0;
        mm_close(p, rfd);
        return wfd < 0 ? wfd : r;
    }
    p->fds[wfd].f->pipe = pp;
    p->fds[wfd].f->wr_end = true;
    p->fds[rfd].cloexec = p->fds[wfd].cloexec = (flags & MM_O_CLOEXEC) != 0;
    fds[0] = rfd;
    fds[1] = wfd;
    return 0;
}

/* The last description of one end is closed: EOF / EPIPE for the other
 * side; the pipe goes with its last end. */
void pipe_end_close(struct mm *m, struct mm_pipe *pp, bool wr_end)
{
    if (wr_end)
        pp->writers--;
    else
        pp->readers--;
    pipe_changed(m, pp);
    if (!pp->readers && !pp->writers)
        pipebuf_free(pp);
}

long pipe_fd_read(struct mm *m, struct mm_fd *f, void *buf, uint32_t len)
{
    if (f->wr_end)
        return -EBADF;
    if (len == 0)
        return 0;
    long r = pipebuf_read(f->pipe, buf, len);
    if (r > 0)
        pipe_changed(m, f->pipe);
    return r;
}

long pipe_fd_write(struct mm *m, struct mm_fd *f, const void *buf, uint32_t len)
{
    if (!f->wr_end)
        return -EBADF;
    long r = pipebuf_write(f->pipe, buf, len);
    if (r > 0)
        pipe_changed(m, f->pipe);
    return r;
}

int mm_fd_poll(const struct mm_proc *p, int fd, uint64_t *pipe_id)
{
    struct mm_fd *f = fd_get(p, fd);
    *pipe_id = 0;
    if (!f)
        return MM_POLLNVAL;
    if (f->kind != FD_PIPE)          /* never blocks: always ready, as Linux's files */
        return MM_POLLIN | MM_POLLRDNORM | MM_POLLOUT | MM_POLLWRNORM;
    const struct mm_pipe *pp = f->pipe;
    *pipe_id = pp->id;
    if (!f->wr_end)
        return (pp->len ? MM_POLLIN | MM_POLLRDNORM : 0) | (pp->writers ? 0 : MM_POLLHUP);
    return (pipebuf_writable(pp) && pp->readers ? MM_POLLOUT | MM_POLLWRNORM : 0) |
           (pp->readers ? 0 : MM_POLLERR);
}
