/*
 * test_fd_pipe.c - pipes (issue 12): pipe/pipe2, data through a pipe in
 * one process and between forked and spawned ones, EOF when the last
 * writer closes, SIGPIPE when the last reader is gone, EAGAIN with
 * O_NONBLOCK, the 64 KiB buffer, blocking writes longer than the buffer,
 * PIPE_BUF atomicity with two writers, fstat and lseek of a pipe.
 *
 * POSIX only: the same source is built with the host's gcc (-DNATIVE)
 * and must pass on Linux too.
 * Argument "writer FD": the spawned program, writes "spawned" to FD.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "check.h"

static char *prog;           /* this program, for posix_spawn */

/* waitpid for pid; the status. */
static int reap(pid_t pid)
{
	int st = -1;
	pid_t r = waitpid(pid, &st, 0);
	CHECK_EQ(r, pid, "waitpid returns the child's pid");
	return st;
}

/* Read until EOF or n bytes; the count. */
static size_t read_all(int fd, char *buf, size_t n)
{
	size_t got = 0;
	for (;;) {
		ssize_t r = read(fd, buf + got, n - got);
		if (r <= 0)
			return got;
		got += (size_t)r;
		if (got == n)
			return got;
	}
}

static void test_basic(void)
{
	int fds[2];
	char buf[16] = {0};
	REQUIRE_OK(pipe(fds), "pipe");
	CHECK(fds[0] >= 3 && fds[1] >= 3 && fds[0] != fds[1], "two new fds (%d, %d)", fds[0], fds[1]);
	CHECK_EQ(write(fds[1], "hello", 5), 5, "write 5 bytes");
	CHECK_EQ(read(fds[0], buf, sizeof buf), 5, "read returns what is there (5)");
	CHECK(!memcmp(buf, "hello", 5), "the same bytes");
	struct stat st;
	CHECK_OK(fstat(fds[0], &st), "fstat of the read end");
	CHECK(S_ISFIFO(st.st_mode), "a pipe is S_ISFIFO (mode 0%o)", (unsigned)st.st_mode);
	CHECK_ERR(lseek(fds[0], 0, SEEK_SET), ESPIPE, "lseek on a pipe -> ESPIPE");
	CHECK_ERR(write(fds[0], "x", 1), EBADF, "write to the read end -> EBADF");
	CHECK_ERR(read(fds[1], buf, 1), EBADF, "read from the write end -> EBADF");
	CHECK_OK(close(fds[1]), "close the write end");
	CHECK_EQ(read(fds[0], buf, sizeof buf), 0, "read after the last writer closed: EOF (0)");
	CHECK_OK(close(fds[0]), "close the read end");
	CHECK_ERR(pipe((int *)0), EFAULT, "pipe(NULL) -> EFAULT");
}

static void test_nonblock(void)
{
	int fds[2];
	char buf[4096];
	REQUIRE_OK(pipe2(fds, O_NONBLOCK), "pipe2(O_NONBLOCK)");
	CHECK(fcntl(fds[0], F_GETFL) & O_NONBLOCK, "F_GETFL shows O_NONBLOCK");
	CHECK_ERR(read(fds[0], buf, 1), EAGAIN, "read of an empty pipe -> EAGAIN");
	memset(buf, 'z', sizeof buf);
	size_t total = 0;
	ssize_t w;
	while ((w = write(fds[1], buf, PIPE_BUF)) > 0)
		total += (size_t)w;
	CHECK_EQ(errno, EAGAIN, "a full pipe -> EAGAIN");
	CHECK_EQ(total, 65536, "the pipe holds 64 KiB");
	CHECK_ERR(write(fds[1], buf, 1), EAGAIN, "even one byte -> EAGAIN");
	CHECK_EQ(read(fds[0], buf, PIPE_BUF), PIPE_BUF, "read PIPE_BUF bytes");
	CHECK_EQ(write(fds[1], buf, PIPE_BUF), PIPE_BUF, "now PIPE_BUF bytes fit again");
	CHECK_ERR(write(fds[1], buf, 1), EAGAIN, "and the pipe is full again");
	close(fds[0]);
	close(fds[1]);
	CHECK_ERR(pipe2(fds, 0x40000000), EINVAL, "pipe2 with an unknown flag -> EINVAL");
	REQUIRE_OK(pipe2(fds, O_CLOEXEC), "pipe2(O_CLOEXEC)");
	CHECK_EQ(fcntl(fds[0], F_GETFD), FD_CLOEXEC, "both ends have FD_CLOEXEC");
	CHECK_EQ(fcntl(fds[1], F_GETFD), FD_CLOEXEC, "(write end)");
	close(fds[0]);
	close(fds[1]);
}

/* Child writes a message, parent reads to EOF. */
static void test_fork(void)
{
	int fds[2];
	REQUIRE_OK(pipe(fds), "pipe");
	pid_t c = fork();
	REQUIRE(c >= 0, "fork");
	if (c == 0) {
		close(fds[0]);
		const char *m = "from the child";
		_exit(write(fds[1], m, strlen(m)) == (ssize_t)strlen(m) ? 0 : 1);
	}
	close(fds[1]);
	char buf[64] = {0};
	CHECK_EQ(read_all(fds[0], buf, sizeof buf - 1), 14, "the parent reads 14 bytes then EOF");
	CHECK(!strcmp(buf, "from the child"), "the child's message: \"%s\"", buf);
	CHECK_EQ(reap(c), 0, "the child's write succeeded");
	close(fds[0]);
}

/* The parent blocks in read until the child writes; the child blocks in
 * a 200000-byte write until the parent drains it. */
static void test_blocking(void)
{
	enum { N = 200000 };
	int fds[2];
	REQUIRE_OK(pipe(fds), "pipe");
	pid_t c = fork();
	REQUIRE(c >= 0, "fork");
	if (c == 0) {
		close(fds[0]);
		char *big = malloc(N);
		for (int i = 0; i < N; i++)
			big[i] = (char)(i * 7 + i / 251);
		_exit(write(fds[1], big, N) == N ? 0 : 1);
	}
	close(fds[1]);
	char *got = malloc(N + 1);
	REQUIRE(got, "malloc");
	size_t n = read_all(fds[0], got, N + 1);
	CHECK_EQ(n, N, "200000 bytes through a 64 KiB pipe");
	int bad = 0;
	for (int i = 0; i < N && (size_t)i < n; i++)
		bad += got[i] != (char)(i * 7 + i / 251);
	CHECK_EQ(bad, 0, "in order, none lost");
	CHECK_EQ(reap(c), 0, "the child's blocking write returned 200000");
	free(got);
	close(fds[0]);
}

/* Write with no reader: SIGPIPE ends the writer. */
static void test_sigpipe(void)
{
	int fds[2], sync[2];
	char b;
	REQUIRE_OK(pipe(fds), "pipe");
	REQUIRE_OK(pipe(sync), "a pipe to wait on");
	pid_t c = fork();
	REQUIRE(c >= 0, "fork");
	if (c == 0) {
		close(fds[0]);
		close(sync[1]);
		read(sync[0], &b, 1);          /* EOF once the parent closed the read end */
		write(fds[1], "x", 1);
		_exit(7);
	}
	close(fds[0]);
	close(fds[1]);
	close(sync[0]);
	close(sync[1]);
	int st = reap(c);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE, "the writer dies of SIGPIPE (status 0x%x)", st);
}

/* Two writers of PIPE_BUF-sized blocks: blocks never interleave. */
static void test_atomic(void)
{
	enum { BLOCKS = 40 };
	int fds[2];
	REQUIRE_OK(pipe(fds), "pipe");
	CHECK(PIPE_BUF >= 512, "PIPE_BUF (%d) >= 512", PIPE_BUF);
	pid_t w[2];
	for (int k = 0; k < 2; k++) {
		w[k] = fork();
		REQUIRE(w[k] >= 0, "fork writer %d", k);
		if (w[k] == 0) {
			close(fds[0]);
			char *blk = malloc(PIPE_BUF);
			memset(blk, 'A' + k, PIPE_BUF);
			int ok = 1;
			for (int i = 0; i < BLOCKS; i++)
				ok &= write(fds[1], blk, PIPE_BUF) == PIPE_BUF;
			_exit(ok ? 0 : 1);
		}
	}
	close(fds[1]);
	char *all = malloc(2 * BLOCKS * PIPE_BUF);
	REQUIRE(all, "malloc");
	size_t n = read_all(fds[0], all, 2 * BLOCKS * PIPE_BUF);
	CHECK_EQ(n, 2 * BLOCKS * PIPE_BUF, "every block arrives");
	int mixed = 0, a = 0;
	for (size_t b = 0; b + PIPE_BUF <= n; b += PIPE_BUF) {
		a += all[b] == 'A';
		for (size_t i = 1; i < PIPE_BUF; i++)
			if (all[b + i] != all[b]) {
				mixed++;
				break;
			}
	}
	CHECK_EQ(mixed, 0, "no block is interleaved with the other writer's");
	CHECK_EQ(a, BLOCKS, "half the blocks are writer A's");
	CHECK_EQ(reap(w[0]), 0, "writer A");
	CHECK_EQ(reap(w[1]), 0, "writer B");
	free(all);
	close(fds[0]);
}

/* A spawned program inherits the write end (without FD_CLOEXEC). */
static void test_spawn(void)
{
	int fds[2], cl[2];
	REQUIRE_OK(pipe(fds), "pipe");
	REQUIRE_OK(pipe2(cl, O_CLOEXEC), "pipe2(O_CLOEXEC)");
	char num[16], num2[16];
	snprintf(num, sizeof num, "%d", fds[1]);
	snprintf(num2, sizeof num2, "%d", cl[1]);
	char *argv[] = { prog, "writer", num, num2, NULL };
	pid_t pid;
	int rc = posix_spawn(&pid, prog, NULL, NULL, argv, NULL);
	REQUIRE(rc == 0, "posix_spawn (%d)", rc);
	close(fds[1]);
	close(cl[1]);
	char buf[32] = {0};
	CHECK_EQ(read_all(fds[0], buf, sizeof buf - 1), 7, "7 bytes from the spawned program, then EOF");
	CHECK(!strcmp(buf, "spawned"), "its message: \"%s\"", buf);
	CHECK_EQ(read(cl[0], buf, 1), 0, "the FD_CLOEXEC pipe: EOF (the child did not get it)");
	CHECK_EQ(reap(pid), 0, "the spawned program found only the inherited fd open");
	close(fds[0]);
	close(cl[0]);
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "writer")) {
		int fd = atoi(argv[2]), cfd = atoi(argv[3]);
		int ok = write(fd, "spawned", 7) == 7;
		ok &= fcntl(cfd, F_GETFD) == -1 && errno == EBADF;
		return ok ? 0 : 1;
	}
	prog = argv[0];
#ifndef NATIVE
	if (strrchr(prog, '/'))
		prog = strrchr(prog, '/') + 1;
#endif
	test_basic();
	test_nonblock();
	test_fork();
	test_blocking();
	test_sigpipe();
	test_atomic();
	test_spawn();
	return done();
}
