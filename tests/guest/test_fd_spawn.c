/*
 * test_fd_spawn.c - posix_spawn file actions and attributes (issue 12):
 * addopen onto stdout, adddup2 of a pipe onto stdout with addclose of
 * the other end, a failing action or program reported as posix_spawn's
 * result, attribute flags and process group stored.
 *
 * POSIX only: the same source is built with the host's gcc (-DNATIVE).
 * Arguments "say TEXT": the spawned program writes TEXT to stdout, exits 3.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "check.h"

static char *prog;

/* Spawn "say text" with fa; 0 and the exit status in *st, or the error. */
static int run(posix_spawn_file_actions_t *fa, posix_spawnattr_t *at, const char *text, int *st)
{
	char *argv[] = { prog, "say", (char *)text, NULL };
	pid_t pid = -1;
	int rc = posix_spawn(&pid, prog, fa, at, argv, NULL);
	if (rc == 0)
		CHECK_EQ(waitpid(pid, st, 0), pid, "waitpid");
	return rc;
}

static void test_open_stdout(void)
{
	char path[64];
	snprintf(path, sizeof path, "/tmp/mmsim_fds_%d", (int)getpid());
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	CHECK_EQ(posix_spawn_file_actions_addopen(&fa, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0600), 0, "addopen");
	int st = -1;
	fflush(stdout);
	CHECK_EQ(run(&fa, NULL, "into the file", &st), 0, "posix_spawn with an addopen onto stdout");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3, "the program ran (0x%x)", st);
	posix_spawn_file_actions_destroy(&fa);
	int fd = open(path, O_RDONLY);
	char buf[32] = {0};
	CHECK_EQ(read(fd, buf, sizeof buf - 1), 13, "the file holds its 13 bytes");
	CHECK(!strcmp(buf, "into the file"), "\"%s\"", buf);
	close(fd);
	unlink(path);
}

static void test_dup2_pipe(void)
{
	int p[2];
	REQUIRE_OK(pipe(p), "pipe");
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	CHECK_EQ(posix_spawn_file_actions_adddup2(&fa, p[1], 1), 0, "adddup2 the write end onto stdout");
	CHECK_EQ(posix_spawn_file_actions_addclose(&fa, p[0]), 0, "addclose the read end");
	CHECK_EQ(posix_spawn_file_actions_addclose(&fa, p[1]), 0, "addclose the write end");
	int st = -1;
	fflush(stdout);
	CHECK_EQ(run(&fa, NULL, "through the pipe", &st), 0, "posix_spawn");
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	char buf[32] = {0};
	ssize_t n = 0, r;
	while ((r = read(p[0], buf + n, sizeof buf - 1 - (size_t)n)) > 0)
		n += r;
	CHECK(!strcmp(buf, "through the pipe"), "the parent reads \"%s\" then EOF", buf);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3, "exit 3 (0x%x)", st);
	close(p[0]);
}

static void test_failures(void)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	CHECK_EQ(posix_spawn_file_actions_addclose(&fa, -1), EBADF, "addclose(-1) -> EBADF");
	CHECK_EQ(posix_spawn_file_actions_adddup2(&fa, 0, -2), EBADF, "adddup2 onto -2 -> EBADF");
	CHECK_EQ(posix_spawn_file_actions_addopen(&fa, 5, "/tmp/no/such/dir/f", O_RDONLY, 0), 0,
		 "addopen of a missing file (fails in the child)");
	int st;
	CHECK_EQ(run(&fa, NULL, "x", &st), ENOENT, "posix_spawn reports the action's ENOENT");
	posix_spawn_file_actions_destroy(&fa);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addclose(&fa, 50);
	char *argv[] = { "nope", NULL };
	pid_t pid;
	CHECK_EQ(posix_spawn(&pid, "no_such_program_here", &fa, NULL, argv, NULL), ENOENT,
		 "a missing program with file actions -> ENOENT");
	posix_spawn_file_actions_destroy(&fa);
}

static void test_attrs(void)
{
	posix_spawnattr_t at;
	CHECK_EQ(posix_spawnattr_init(&at), 0, "posix_spawnattr_init");
	short f = -1;
	CHECK_EQ(posix_spawnattr_getflags(&at, &f), 0, "getflags");
	CHECK_EQ(f, 0, "no flags at first");
	CHECK_EQ(posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP), 0, "setflags");
	posix_spawnattr_getflags(&at, &f);
	CHECK_EQ(f, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP, "getflags returns them");
	CHECK_EQ(posix_spawnattr_setpgroup(&at, 0), 0, "setpgroup 0");
	pid_t g = -1;
	posix_spawnattr_getpgroup(&at, &g);
	CHECK_EQ(g, 0, "getpgroup");
	sigset_t m, m2;
	memset(&m, 0, sizeof m);
	CHECK_EQ(posix_spawnattr_setsigmask(&at, &m), 0, "setsigmask");
	CHECK_EQ(posix_spawnattr_getsigmask(&at, &m2), 0, "getsigmask");
	CHECK_EQ(posix_spawnattr_setsigdefault(&at, &m), 0, "setsigdefault");
	int st = -1;
	fflush(stdout);
	CHECK_EQ(run(NULL, &at, "", &st), 0, "posix_spawn with attributes");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3, "the program ran (0x%x)", st);
	CHECK_EQ(posix_spawnattr_destroy(&at), 0, "destroy");
}

/* The child of test_attrs_applied: its own process group, SIGUSR1
 * blocked, SIGUSR2 back to SIG_DFL (the parent ignores it).  Exit 5. */
static int attrs_child(void)
{
	sigset_t cur;
	struct sigaction old;
	sigprocmask(SIG_SETMASK, NULL, &cur);
	sigaction(SIGUSR2, NULL, &old);
	int ok = getpgrp() == getpid() && sigismember(&cur, SIGUSR1) == 1 &&
		 old.sa_handler == SIG_DFL;
	return ok ? 5 : 6;
}

/* POSIX_SPAWN_SETPGROUP, SETSIGMASK and SETSIGDEF take effect in the child. */
static void test_attrs_applied(void)
{
	posix_spawnattr_t at;
	sigset_t mask, def;
	posix_spawnattr_init(&at);
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigemptyset(&def);
	sigaddset(&def, SIGUSR2);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
				      POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(&at, 0);
	posix_spawnattr_setsigmask(&at, &mask);
	posix_spawnattr_setsigdefault(&at, &def);
	signal(SIGUSR2, SIG_IGN);
	char *argv[] = {(char *)prog, (char *)"attrs", NULL};
	pid_t pid;
	int st = -1;
	fflush(stdout);
	CHECK_EQ(posix_spawn(&pid, prog, NULL, &at, argv, NULL), 0, "posix_spawn with SETPGROUP|SETSIGMASK|SETSIGDEF");
	CHECK_EQ(waitpid(pid, &st, 0), pid, "reap it");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 5,
	      "own group, SIGUSR1 blocked, SIGUSR2 default in the child (0x%x)", st);
	signal(SIGUSR2, SIG_DFL);
	posix_spawnattr_destroy(&at);
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "attrs"))
		return attrs_child();
	if (argc >= 3 && !strcmp(argv[1], "say")) {
		ssize_t n = write(1, argv[2], strlen(argv[2]));
		return n == (ssize_t)strlen(argv[2]) ? 3 : 1;
	}
	prog = argv[0];
#ifndef NATIVE
	if (strrchr(prog, '/'))
		prog = strrchr(prog, '/') + 1;
#endif
	test_open_stdout();
	test_dup2_pipe();
	test_attrs_applied();
	test_failures();
	test_attrs();
	return done();
}
