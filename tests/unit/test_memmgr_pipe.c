/*
 * test_memmgr_pipe.c - the pipe buffer (memmgr/pipe.c, plain C) and the
 * fd side of pipes and descriptors: ring wrap-around, PIPE_BUF atomicity,
 * EOF/EPIPE/EAGAIN, reference counts across dup and fork, the change
 * hook, dup2/fcntl flags, the fd limit.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include "memmgr_fixture.h"
#include "pipe.h"

TestSuite(memmgr_pipe, .init = mmfx_setup, .fini = mmfx_teardown_checked);

Test(memmgr_pipe, buffer_rules)
{
    static uint8_t big[MM_PIPE_CAP + 10], out[MM_PIPE_CAP + 10];
    struct mm_pipe *pp = pipebuf_create(7);
    cr_assert(pp);
    cr_expect_eq(pp->id, 7);
    cr_expect_eq(pipebuf_read(pp, out, 10), -EAGAIN);       /* empty, a writer left */
    cr_expect(pipebuf_writable(pp));
    cr_expect_not(pipebuf_readable(pp));
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (uint8_t)(i * 13);
    cr_expect_eq(pipebuf_write(pp, big, MM_PIPE_CAP - 100), MM_PIPE_CAP - 100);
    cr_expect_eq(pipebuf_write(pp, big, 101), -EAGAIN);     /* atomic: all or nothing */
    cr_expect_eq(pipebuf_write(pp, big, MM_PIPE_BUF + 1), 100); /* longer: what fits */
    cr_expect_eq(pipebuf_write(pp, big, MM_PIPE_BUF + 1), -EAGAIN); /* full */
    cr_expect_not(pipebuf_writable(pp));
    cr_expect_eq(pipebuf_read(pp, out, 1000), 1000);
    cr_expect_eq(memcmp(out, big, 1000), 0);
    cr_expect_eq(pipebuf_write(pp, big + 5000, 1000), 1000);   /* wraps around */
    cr_expect_eq(pipebuf_read(pp, out, MM_PIPE_CAP), MM_PIPE_CAP);
    cr_expect_eq(memcmp(out, big + 1000, MM_PIPE_CAP - 1100), 0);
    cr_expect_eq(memcmp(out + MM_PIPE_CAP - 1100, big, 100), 0);
    cr_expect_eq(memcmp(out + MM_PIPE_CAP - 1000, big + 5000, 1000), 0);
    cr_expect_eq(pipebuf_write(pp, big, 0), 0);
    pp->writers = 0;
    cr_expect(pipebuf_readable(pp));
    cr_expect_eq(pipebuf_read(pp, out, 10), 0);              /* EOF */
    pp->readers = 0;
    cr_expect_eq(pipebuf_write(pp, big, 1), -EPIPE);
    cr_expect_eq(pipebuf_write(pp, big, 0), 0);             /* Linux: 0 before EPIPE */
    pipebuf_free(pp);
}

static unsigned hook_calls;
static uint64_t hook_last;

static void hook(void *ctx, uint64_t id)
{
    (void)ctx;
    hook_calls++;
    hook_last = id;
}

Test(memmgr_pipe, fds_refcounts_and_hook)
{
    int fds[2];
    char buf[8];
    mm_set_pipe_hook(mm, hook, NULL);
    cr_assert_eq(mm_pipe(P, 0, fds), 0);
    cr_expect_eq(fds[0], 3);
    cr_expect_eq(fds[1], 4);
    cr_expect_eq(mm_write(P, fds[1], "abc", 3), 3);
    cr_expect_eq(hook_calls, 1);
    cr_expect_eq(hook_last, 1);
    cr_expect_eq(mm_write(P, fds[0], "abc", 3), -EBADF);
    uint64_t id;
    cr_expect_eq(mm_fd_poll(P, fds[0], &id), MM_POLLIN | MM_POLLRDNORM);
    cr_expect_eq(id, 1);
    struct mm_proc *c = mm_proc_fork(P, 2);
    cr_assert(c);
    cr_expect_eq(mm_close(P, fds[1]), 0);                    /* the child still writes */
    cr_expect_eq(mm_fd_poll(P, fds[0], &id), MM_POLLIN | MM_POLLRDNORM);
    int d = mm_dup(c, fds[1], 0, false);
    cr_expect_eq(d, 5);
    cr_expect_eq(mm_close(c, fds[1]), 0);
    cr_expect_eq(mm_write(c, d, "de", 2), 2);
    cr_expect_eq(mm_read(P, fds[0], buf, sizeof buf), 5);
    cr_expect_eq(memcmp(buf, "abcde", 5), 0);
    cr_expect_eq(mm_read(P, fds[0], buf, sizeof buf), -EAGAIN);
    mm_proc_destroy(c);                                      /* last writer gone */
    cr_expect_eq(mm_read(P, fds[0], buf, sizeof buf), 0);
    cr_expect_eq(mm_fd_poll(P, fds[0], &id), MM_POLLHUP);
    cr_expect_eq(mm_lseek(P, fds[0], 0, MM_SEEK_SET, &(uint64_t){0}), -ESPIPE);
    cr_expect_eq(mm_close(P, fds[0]), 0);
    mm_set_pipe_hook(mm, NULL, NULL);
}

Test(memmgr_pipe, dup_fcntl_limit)
{
    int fds[2];
    cr_assert_eq(mm_pipe(P, MM_O_CLOEXEC | MM_O_NONBLOCK, fds), 0);
    cr_expect_eq(mm_fcntl(P, fds[0], MM_F_GETFD, 0), MM_FD_CLOEXEC);
    cr_expect_eq(mm_fcntl(P, fds[0], MM_F_GETFL, 0), MM_O_RDONLY | MM_O_NONBLOCK);
    cr_expect_eq(mm_dup2(P, fds[0], 10, -1), 10);
    cr_expect_eq(mm_fcntl(P, 10, MM_F_GETFD, 0), 0);
    cr_expect_eq(mm_fcntl(P, 10, MM_F_SETFL, 0), 0);
    cr_expect_eq(mm_fcntl(P, fds[0], MM_F_GETFL, 0), MM_O_RDONLY);   /* shared */
    cr_expect_eq(mm_dup2(P, fds[0], fds[0], 0), -EINVAL);           /* dup3 */
    cr_expect_eq(mm_dup2(P, 99, 5, -1), -EBADF);
    mm_close_on_exec(P);
    cr_expect_eq(mm_fcntl(P, fds[0], MM_F_GETFD, 0), -EBADF);
    cr_expect_eq(mm_fcntl(P, 10, MM_F_GETFD, 0), 0);                 /* survives */
    cr_expect_eq(mm_proc_set_fd_limit(P, 0), -EINVAL);
    cr_expect_eq(mm_proc_set_fd_limit(P, 12), 0);
    cr_expect_eq(mm_proc_fd_limit(P), 12u);
    cr_expect_eq(mm_dup(P, 10, 0, false), 3);
    cr_expect_eq(mm_dup(P, 10, 11, false), 11);
    cr_expect_eq(mm_dup(P, 10, 4, false), 4);
    int n = 0;
    while (mm_dup(P, 10, 0, false) >= 0)
        n++;
    cr_expect_eq(n, 5);                                 /* 5, 6, 7, 8, 9 */
    cr_expect_eq(mm_dup(P, 10, 0, false), -EMFILE);
    cr_expect_eq(mm_dup(P, 10, 12, false), -EINVAL);
    cr_expect_eq(mm_fd_count(P), 12u);
}
