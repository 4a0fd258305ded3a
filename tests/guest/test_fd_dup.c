/*
 * test_fd_dup.c - dup/dup2/dup3/fcntl (issue 12): a dup shares the open
 * file description (offset, status flags) but not FD_CLOEXEC; fork shares
 * it too; dup2 onto stdout; F_DUPFD/F_DUPFD_CLOEXEC/F_GETFD/F_SETFD/
 * F_GETFL/F_SETFL on shm, pipe and console fds; the errors; the fd limit.
 *
 * POSIX only: the same source is built with the host's gcc (-DNATIVE).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "check.h"

#define SHM_NAME "/mmsim_fd_dup"

static void test_shared_offset(void)
{
	shm_unlink(SHM_NAME);
	int fd = shm_open(SHM_NAME, O_RDWR | O_CREAT, 0600);
	REQUIRE(fd >= 0, "shm_open");
	CHECK_EQ(write(fd, "abcdef", 6), 6, "write 6 bytes to a shm fd");
	int d = dup(fd);
	CHECK(d > fd, "dup gives a new fd (%d)", d);
	CHECK_EQ(lseek(d, 0, SEEK_CUR), 6, "the dup shares the offset (6)");
	CHECK_EQ(lseek(fd, 1, SEEK_SET), 1, "lseek the original to 1");
	char c = 0;
	CHECK_EQ(read(d, &c, 1), 1, "read one byte through the dup");
	CHECK_EQ(c, 'b', "it is the byte at offset 1");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 2, "and the original's offset moved to 2");
	CHECK_EQ(fcntl(d, F_GETFL) & O_ACCMODE, O_RDWR, "F_GETFL: access mode O_RDWR");
	CHECK_OK(fcntl(fd, F_SETFL, O_APPEND), "F_SETFL O_APPEND on the original");
	CHECK(fcntl(d, F_GETFL) & O_APPEND, "the dup sees O_APPEND (shared status flags)");
	CHECK_OK(fcntl(fd, F_SETFL, 0), "F_SETFL 0");
	CHECK(!(fcntl(d, F_GETFL) & O_APPEND), "O_APPEND cleared for both");
	CHECK_EQ(fcntl(fd, F_SETFL, O_RDONLY) & 0, 0, "F_SETFL cannot change the access mode");
	CHECK_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR, "still O_RDWR");

	pid_t c1 = fork();
	REQUIRE(c1 >= 0, "fork");
	if (c1 == 0) {
		char two[2];
		_exit(read(fd, two, 2) == 2 && two[0] == 'c' ? 0 : 1);
	}
	int st = -1;
	waitpid(c1, &st, 0);
	CHECK_EQ(st, 0, "the child read \"cd\" at the shared offset");
	CHECK_EQ(lseek(d, 0, SEEK_CUR), 4, "fork shares the offset too: 4 now");
	CHECK_OK(close(fd), "close the original");
	CHECK_EQ(read(d, &c, 1), 1, "the dup still works");
	CHECK_EQ(c, 'e', "reads 'e'");
	close(d);
	shm_unlink(SHM_NAME);
}

static void test_cloexec(void)
{
	int fds[2];
	REQUIRE_OK(pipe(fds), "pipe");
	CHECK_EQ(fcntl(fds[0], F_GETFD), 0, "a new fd has no FD_CLOEXEC");
	CHECK_OK(fcntl(fds[0], F_SETFD, FD_CLOEXEC), "F_SETFD FD_CLOEXEC");
	CHECK_EQ(fcntl(fds[0], F_GETFD), FD_CLOEXEC, "F_GETFD shows it");
	int d = dup(fds[0]);
	CHECK_EQ(fcntl(d, F_GETFD), 0, "dup does not copy FD_CLOEXEC");
	int e = fcntl(fds[0], F_DUPFD_CLOEXEC, 20);
	CHECK(e >= 20, "F_DUPFD_CLOEXEC with min 20 gives %d", e);
	CHECK_EQ(fcntl(e, F_GETFD), FD_CLOEXEC, "... with FD_CLOEXEC");
	int f = fcntl(fds[0], F_DUPFD, 20);
	CHECK(f > e, "F_DUPFD 20 gives the next free one (%d)", f);
	CHECK_EQ(dup3(fds[0], 30, O_CLOEXEC), 30, "dup3 onto 30 with O_CLOEXEC");
	CHECK_EQ(fcntl(30, F_GETFD), FD_CLOEXEC, "30 has FD_CLOEXEC");
	CHECK_EQ(dup2(fds[0], 30), 30, "dup2 onto 30 (open: closed first)");
	CHECK_EQ(fcntl(30, F_GETFD), 0, "dup2 clears FD_CLOEXEC");
	CHECK_EQ(fcntl(fds[0], F_GETFL) & O_ACCMODE, O_RDONLY, "read end: O_RDONLY");
	CHECK_EQ(fcntl(fds[1], F_GETFL) & O_ACCMODE, O_WRONLY, "write end: O_WRONLY");
	close(d);
	close(e);
	close(f);
	close(30);
	close(fds[0]);
	close(fds[1]);
}

static void test_dup2_stdout(void)
{
	int fds[2];
	REQUIRE_OK(pipe(fds), "pipe");
	fflush(stdout);
	int save = dup(1);
	REQUIRE(save >= 0, "save stdout");
	int d = dup2(fds[1], 1);         /* no output until stdout is back */
	int w = (int)write(1, "to stdout", 9);
	CHECK_EQ(dup2(save, 1), 1, "restore stdout");
	CHECK_EQ(d, 1, "dup2 the pipe onto stdout");
	CHECK_EQ(w, 9, "write(1, ...) went through");
	char buf[16] = {0};
	CHECK_EQ(read(fds[0], buf, sizeof buf), 9, "the pipe got the 9 bytes");
	CHECK(!strcmp(buf, "to stdout"), "\"%s\"", buf);
	CHECK_EQ(dup2(2, save), save, "dup2 stderr onto the saved fd");
	CHECK_EQ(fcntl(save, F_GETFD), 0, "no FD_CLOEXEC on it");
	close(save);
	close(fds[0]);
	close(fds[1]);
}

static void test_errors(void)
{
	int fds[2];
	REQUIRE_OK(pipe(fds), "pipe");
	CHECK_ERR(dup(999), EBADF, "dup of a closed fd -> EBADF");
	CHECK_ERR(dup2(999, 5), EBADF, "dup2 of a closed fd -> EBADF");
	CHECK_ERR(dup2(fds[0], -1), EBADF, "dup2 onto -1 -> EBADF");
	CHECK_ERR(dup2(fds[0], 1 << 24), EBADF, "dup2 onto an fd past the limit -> EBADF");
	CHECK_EQ(dup2(fds[0], fds[0]), fds[0], "dup2(fd, fd) returns fd");
	CHECK_ERR(dup2(999, 999), EBADF, "dup2(closed, closed) -> EBADF");
	CHECK_ERR(dup3(fds[0], fds[0], 0), EINVAL, "dup3(fd, fd) -> EINVAL");
	CHECK_ERR(dup3(fds[0], 40, O_NONBLOCK), EINVAL, "dup3 with O_NONBLOCK -> EINVAL");
	CHECK_ERR(fcntl(999, F_GETFD), EBADF, "fcntl on a closed fd -> EBADF");
	CHECK_ERR(fcntl(fds[0], 12345), EINVAL, "an unknown fcntl command -> EINVAL");
	CHECK_ERR(fcntl(fds[0], F_DUPFD, -1), EINVAL, "F_DUPFD with a negative minimum -> EINVAL");
	CHECK_ERR(fcntl(fds[0], F_DUPFD, 1 << 24), EINVAL, "F_DUPFD past the limit -> EINVAL");
	CHECK_ERR(close(999), EBADF, "close of a closed fd -> EBADF");
	CHECK_EQ(fcntl(1, F_GETFD), 0, "the console has no FD_CLOEXEC");
	close(fds[0]);
	close(fds[1]);
}

/* The fd limit: 1024 by default (mmsim's; the host's may be higher),
 * `limit N` when run with --max-fds N. */
static void test_limit(int limit)
{
#ifndef NATIVE
	int n = 0, last = -1, fd;
	while ((fd = dup(0)) >= 0) {
		n++;
		last = fd;
	}
	CHECK_EQ(errno, EMFILE, "dup past the limit -> EMFILE");
	CHECK_EQ(last, limit - 1, "the last fd is %d", limit - 1);
	CHECK_ERR(open("/dev/null", O_RDONLY), EMFILE, "open with no fd left -> EMFILE");
	int fds[2];
	CHECK_ERR(pipe(fds), EMFILE, "pipe with no fd left -> EMFILE");
	close(limit - 1);
	CHECK_ERR(pipe(fds), EMFILE, "pipe with one fd left -> EMFILE");
	for (int i = 3; i < limit - 1; i++)
		close(i);
	CHECK_OK(pipe(fds), "pipe again after closing");
	close(fds[0]);
	close(fds[1]);
	CHECK_EQ(n, limit - 3, "%d dups", n);
#else
	(void)limit;
#endif
}

int main(int argc, char **argv)
{
	int limit = argc >= 3 && !strcmp(argv[1], "limit") ? atoi(argv[2]) : 1024;
	test_shared_offset();
	test_cloexec();
	test_dup2_stdout();
	test_errors();
	test_limit(limit);
	return done();
}
