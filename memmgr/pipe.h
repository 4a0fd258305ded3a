/*
 * pipe.h - the byte buffer behind a pipe: plain C, no CPU, no blocking.
 * The memory manager keeps one per pipe() (fd kind FD_PIPE); sim/kcall
 * decides whether a -EAGAIN blocks (sched_sleep) or reaches the guest.
 *
 * Rules (Linux and POSIX): capacity MM_PIPE_CAP bytes; a write of at most
 * MM_PIPE_BUF bytes is atomic (all of it or -EAGAIN), a longer one takes
 * what fits (-EAGAIN only when nothing fits); a write with no reader left
 * is -EPIPE; a read of an empty pipe is 0 (EOF) once every writer is
 * gone, else -EAGAIN.
 */
#ifndef MMSIM_MEMMGR_PIPE_H
#define MMSIM_MEMMGR_PIPE_H

#include <stdbool.h>
#include <stdint.h>

#define MM_PIPE_CAP 65536u   /* bytes buffered (Linux's default pipe size) */
#define MM_PIPE_BUF 4096u    /* atomic write size (Linux's PIPE_BUF; QNX's is not documented to us) */

struct mm_pipe {
    uint64_t id;             /* 1, 2, ... in creation order (sleep channels, traces) */
    uint8_t *buf;            /* MM_PIPE_CAP bytes, a ring */
    uint32_t head, len;      /* first unread byte, bytes buffered */
    unsigned readers, writers; /* open descriptions of each end */
};

/* A new empty pipe with one reader and one writer, or NULL (ENOMEM). */
struct mm_pipe *pipebuf_create(uint64_t id);
/* Free it (both ends gone). */
void pipebuf_free(struct mm_pipe *pp);
/* Read up to len bytes: count, 0 at EOF, -EAGAIN when empty with writers. */
long pipebuf_read(struct mm_pipe *pp, void *buf, uint32_t len);
/* Write len bytes by the rules above: count, -EAGAIN or -EPIPE. */
long pipebuf_write(struct mm_pipe *pp, const void *buf, uint32_t len);
/* Would a read / a write of one byte not block?  (poll: POLLIN covers
 * EOF, POLLOUT needs MM_PIPE_BUF free, as Linux; a write with no reader
 * does not block either.) */
bool pipebuf_readable(const struct mm_pipe *pp);
bool pipebuf_writable(const struct mm_pipe *pp);

#endif
