/*
 * test_fd_poll.c - poll and select (issue 12) over pipes, shm fds and
 * the console: readiness, POLLHUP/POLLERR/POLLNVAL, timeouts on the
 * (simulated) clock, waking when another process writes.
 *
 * POSIX only: the same source is built with the host's gcc (-DNATIVE).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/wait.h>

#include "check.h"

/* Milliseconds on CLOCK_MONOTONIC. */
static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_pipe_states(void)
{
	int fds[2];
	REQUIRE_OK(pipe(fds), "pipe");
	struct pollfd p[3] = {
		{ fds[0], POLLIN, 0x7777 }, { fds[1], POLLOUT, 0 }, { -1, POLLIN, 0x55 },
	};
	CHECK_EQ(poll(p, 3, 0), 1, "empty pipe: only the write end is ready");
	CHECK_EQ(p[0].revents, 0, "read end: no events");
	CHECK_EQ(p[1].revents & POLLOUT, POLLOUT, "write end: POLLOUT");
	CHECK_EQ(p[2].revents, 0, "fd -1 is ignored (revents 0)");
	long t0 = now_ms();
	CHECK_EQ(poll(p, 1, 50), 0, "poll of the empty read end for 50 ms -> 0");
	long dt = now_ms() - t0;
	CHECK(dt >= 50 && dt < 1000, "about 50 ms passed (%ld)", dt);
	CHECK_EQ(write(fds[1], "x", 1), 1, "write a byte");
	CHECK_EQ(poll(p, 1, -1), 1, "now the read end is ready");
	CHECK_EQ(p[0].revents, POLLIN, "POLLIN");
	close(fds[1]);
	CHECK_EQ(poll(p, 1, 0), 1, "write end closed");
	CHECK_EQ(p[0].revents, POLLIN | POLLHUP, "POLLIN|POLLHUP (a byte left, no writer)");
	char c;
	read(fds[0], &c, 1);
	CHECK_EQ(poll(p, 1, 0), 1, "drained");
	CHECK_EQ(p[0].revents, POLLHUP, "POLLHUP only");
	close(fds[0]);
	p[0].events = POLLIN;
	CHECK_EQ(poll(p, 1, 0), 1, "a closed fd is reported");
	CHECK_EQ(p[0].revents, POLLNVAL, "POLLNVAL");

	REQUIRE_OK(pipe(fds), "pipe");
	close(fds[0]);
	struct pollfd w = { fds[1], POLLOUT, 0 };
	CHECK_EQ(poll(&w, 1, 0), 1, "write end with no reader");
	CHECK(w.revents & POLLERR, "POLLERR (revents 0x%x)", w.revents);
	close(fds[1]);
}

static void test_wakeup(void)
{
	int fds[2];
	REQUIRE_OK(pipe(fds), "pipe");
	long t0 = now_ms();                 /* before the child's sleep starts */
	pid_t c = fork();
	REQUIRE(c >= 0, "fork");
	if (c == 0) {
		struct timespec ts = { 0, 20 * 1000000 };
		nanosleep(&ts, NULL);
		_exit(write(fds[1], "late", 4) == 4 ? 0 : 1);
	}
	struct pollfd p = { fds[0], POLLIN, 0 };
	CHECK_EQ(poll(&p, 1, 5000), 1, "poll wakes when the child writes");
	long dt = now_ms() - t0;
	CHECK(dt >= 20 && dt < 5000, "after the child's 20 ms sleep (%ld ms), not the timeout", dt);
	CHECK_EQ(p.revents, POLLIN, "POLLIN");
	int st = -1;
	waitpid(c, &st, 0);
	CHECK_EQ(st, 0, "child done");
	close(fds[0]);
	close(fds[1]);
}

static void test_select(void)
{
	int fds[2];
	REQUIRE_OK(pipe(fds), "pipe");
	fd_set r, w;
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	struct timeval tv = { 0, 20000 };
	CHECK_EQ(select(fds[0] + 1, &r, NULL, NULL, &tv), 0, "select on an empty pipe times out");
	CHECK(!FD_ISSET(fds[0], &r), "the set is cleared");
	write(fds[1], "y", 1);
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	FD_ZERO(&w);
	FD_SET(fds[1], &w);
	int n = fds[0] > fds[1] ? fds[0] : fds[1];
	CHECK_EQ(select(n + 1, &r, &w, NULL, NULL), 2, "both ends ready");
	CHECK(FD_ISSET(fds[0], &r) && FD_ISSET(fds[1], &w), "FD_ISSET for both");
	FD_ZERO(&r);
	FD_SET(60, &r);
	tv.tv_sec = 0;
	tv.tv_usec = 0;
	CHECK_ERR(select(61, &r, NULL, NULL, &tv), EBADF, "select on a closed fd -> EBADF");
	CHECK_ERR(select(-1, NULL, NULL, NULL, &tv), EINVAL, "select with n < 0 -> EINVAL");
	close(fds[0]);
	close(fds[1]);
}

static void test_other_kinds(void)
{
	shm_unlink("/mmsim_fd_poll");
	int fd = shm_open("/mmsim_fd_poll", O_RDWR | O_CREAT, 0600);
	REQUIRE(fd >= 0, "shm_open");
	struct pollfd p[2] = { { fd, POLLIN | POLLOUT, 0 }, { 1, POLLOUT, 0 } };
	CHECK_EQ(poll(p, 2, 0), 2, "a shm fd and stdout are ready");
	CHECK_EQ(p[0].revents & (POLLIN | POLLOUT), POLLIN | POLLOUT, "shm fd: POLLIN|POLLOUT");
	CHECK(p[1].revents & POLLOUT, "stdout: POLLOUT");
	CHECK_EQ(poll(NULL, 0, 10), 0, "poll of nothing sleeps and returns 0");
	close(fd);
	shm_unlink("/mmsim_fd_poll");
}

int main(void)
{
	test_pipe_states();
	test_wakeup();
	test_select();
	test_other_kinds();
	return done();
}
