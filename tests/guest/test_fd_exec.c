/*
 * test_fd_exec.c - exec (issue 12): execl/execv/execvp of this program in
 * a forked child keeps the pid and the parent, passes argv, keeps fds
 * without FD_CLOEXEC (a pipe the new image writes to) and closes those
 * with it (pipe2 O_CLOEXEC and F_SETFD); a failed exec returns with the
 * old image intact.
 *
 * POSIX only: the same source is built with the host's gcc (-DNATIVE).
 * Arguments "image PID PPID FD CFD": the exec'd image.
 */
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <unistd.h>
#include <sys/wait.h>

#include "check.h"

static char *prog;
static int survivor = 1234;

/* The new image: report what it sees through fd, exit 5 if all is right. */
static int image(char **argv)
{
	int pid = atoi(argv[2]), ppid = atoi(argv[3]), fd = atoi(argv[4]), cfd = atoi(argv[5]);
	char msg[64];
	int ok = getpid() == pid && getppid() == ppid;
	int closed = fcntl(cfd, F_GETFD) == -1 && errno == EBADF;
	snprintf(msg, sizeof msg, "image pid=%d ppid=%d closed=%d", ok, ok, closed);
	if (write(fd, msg, strlen(msg)) != (ssize_t)strlen(msg))
		return 1;
	return ok && closed ? 5 : 2;
}

/* A thread that blocks forever in a pipe read (exec must end it). */
static void *blocker(void *arg)
{
	char c;
	read(*(int *)arg, &c, 1);
	return NULL;
}

/* Fork a child that execs this program by `how` (3: from a process with a
 * second thread blocked in read); check what it reports. */
static void exec_child(int how)
{
	int p[2], c[2];
	REQUIRE_OK(pipe(p), "pipe");
	REQUIRE_OK(pipe2(c, O_CLOEXEC), "pipe2(O_CLOEXEC)");
	int fl = dup(p[1]);
	REQUIRE_OK(fcntl(fl, F_SETFD, FD_CLOEXEC), "F_SETFD FD_CLOEXEC on a dup of the write end");
	pid_t parent = getpid();
	pid_t k = fork();
	REQUIRE(k >= 0, "fork");
	if (k == 0) {
		char a1[16], a2[16], a3[16], a4[16];
		snprintf(a1, sizeof a1, "%d", (int)getpid());
		snprintf(a2, sizeof a2, "%d", (int)parent);
		snprintf(a3, sizeof a3, "%d", p[1]);
		snprintf(a4, sizeof a4, "%d", c[1]);
		char *argv[] = { prog, "image", a1, a2, a3, a4, NULL };
		static int hold[2];
		pthread_t th;
		if (how == 3 && (pipe(hold) < 0 || pthread_create(&th, NULL, blocker, &hold[0]) != 0))
			_exit(98);
		if (how == 3)
			sched_yield();               /* let it block */
		if (how == 0)
			execl(prog, prog, "image", a1, a2, a3, a4, (char *)NULL);
		else if (how == 1)
			execv(prog, argv);
		else
			execvp(prog, argv);
		_exit(99);
	}
	close(p[1]);
	close(c[1]);
	close(fl);
	char buf[64] = {0};
	ssize_t n = 0, r;
	while ((r = read(p[0], buf + n, sizeof buf - 1 - (size_t)n)) > 0)
		n += r;
	CHECK(!strcmp(buf, "image pid=1 ppid=1 closed=1"), "exec #%d: the new image writes \"%s\"", how, buf);
	CHECK_EQ(read(c[0], buf, 1), 0, "the O_CLOEXEC pipe's write end went at exec: EOF");
	int st = -1;
	CHECK_EQ(waitpid(k, &st, 0), k, "waitpid");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 5, "the new image's exit status 5 (0x%x)", st);
	close(p[0]);
	close(c[0]);
}

static void test_failure(void)
{
	char *argv[] = { "no_such_program", NULL };
	CHECK_ERR(execv("no_such_program_at_all", argv), ENOENT, "exec of a missing program -> ENOENT");
	CHECK_EQ(survivor, 1234, "the old image is intact");
	survivor++;
	CHECK_EQ(survivor, 1235, "and keeps running");
}

int main(int argc, char **argv)
{
	if (argc >= 6 && !strcmp(argv[1], "image"))
		return image(argv);
	prog = argv[0];
#ifndef NATIVE
	if (strrchr(prog, '/'))
		prog = strrchr(prog, '/') + 1;
#endif
	exec_child(0);
	exec_child(1);
	exec_child(2);
	exec_child(3);
	test_failure();
	return done();
}
