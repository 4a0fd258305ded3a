/*
 * test_proc.c - processes (issue 6): fork with copy-on-write private
 * memory and shared MAP_SHARED memory, waitpid and the <sys/wait.h>
 * macros, exit statuses, deaths by SIGSEGV/SIGBUS/SIGTERM/SIGKILL,
 * getpid/getppid, kill's errors, posix_spawn of a program.
 *
 * POSIX only: the same source is built with the host's gcc (-DNATIVE)
 * and must pass on Linux too, so the expectations are a real kernel's.
 * Argument "child N": the spawned program, exits with N.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "check.h"

static char *prog;           /* this program, for posix_spawn */
static int private_var = 1;

/* Block for a long (simulated) time: only a signal ends it. */
static void sleep_forever(void)
{
	struct timespec ts = { 1000, 0 };
	for (;;)
		nanosleep(&ts, NULL);
}

/* waitpid for pid; the status. */
static int reap(pid_t pid)
{
	int st = -1;
	pid_t r = waitpid(pid, &st, 0);
	CHECK_EQ(r, pid, "waitpid returns the child's pid");
	return st;
}

static void test_fork_memory(void)
{
	volatile int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON, -1, 0);
	volatile char *priv = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0);
	REQUIRE(shared != MAP_FAILED && priv != MAP_FAILED, "mmap shared and private memory");
	shared[0] = 5;
	priv[0] = 'p';
	private_var = 10;
	pid_t parent = getpid();
	pid_t c = fork();
	if (c < 0)
		REQUIRE(0, "fork failed");
	if (c == 0) {
		int ok = private_var == 10 && priv[0] == 'p' && shared[0] == 5 && getppid() == parent &&
			 getpid() != parent;
		private_var = 20;        /* private: only the child's copy */
		priv[0] = 'c';
		priv[4096] = 'c';
		shared[0] = 6;           /* shared: the parent sees it */
		shared[1] = ok;
		_exit(3);
	}
	int st = reap(c);
	CHECK(WIFEXITED(st), "child exited normally (status 0x%x)", st);
	CHECK_EQ(WEXITSTATUS(st), 3, "exit status 3");
	CHECK(!WIFSIGNALED(st), "not WIFSIGNALED");
	CHECK_EQ(shared[1], 1, "child saw the parent's memory and getppid()");
	CHECK_EQ(shared[0], 6, "MAP_SHARED write of the child is seen by the parent");
	CHECK_EQ(private_var, 10, "the child's write to .data is private (copy-on-write)");
	CHECK_EQ(priv[0], 'p', "the child's write to MAP_PRIVATE memory is private");
	CHECK_EQ(priv[4096], 0, "a page the parent never touched stays zero for the parent");
	/* the parent can still write its own copy */
	priv[0] = 'q';
	CHECK_EQ(priv[0], 'q', "the parent writes its copy after the child left");
	munmap((void *)shared, 4096);
	munmap((void *)priv, 8192);
}

static void test_parent_writes_after_fork(void)
{
	volatile int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON, -1, 0);
	REQUIRE(shared != MAP_FAILED, "mmap shared");
	shared[0] = 0;
	private_var = 100;
	pid_t c = fork();
	if (c < 0)
		REQUIRE(0, "fork failed");
	if (c == 0) {
		while (shared[0] == 0)  /* the parent writes, then releases us */
			sched_yield();
		_exit(private_var == 100 ? 0 : 1);
	}
	private_var = 200;              /* parent's write must not reach the child */
	shared[0] = 1;
	int st = reap(c);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the parent's write after fork is invisible to the child");
	munmap((void *)shared, 4096);
}

static void test_signals(void)
{
	/* SIGSEGV: a null pointer store */
	pid_t c = fork();
	if (c < 0)
		REQUIRE(0, "fork failed");
	if (c == 0) {
		*(volatile int *)(uintptr_t)0 = 1;
		_exit(0);
	}
	int st = reap(c);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "null store: killed by SIGSEGV (status 0x%x)", st);
	CHECK(!WIFEXITED(st), "... so not WIFEXITED");

	/* SIGBUS: a page past the end of a shared memory object */
	c = fork();
	if (c < 0)
		REQUIRE(0, "fork failed");
	if (c == 0) {
		shm_unlink("/t_proc_bus");
		int fd = shm_open("/t_proc_bus", O_RDWR | O_CREAT, 0600);
		ftruncate(fd, 4096);
		volatile char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		shm_unlink("/t_proc_bus");
		if (p == MAP_FAILED)
			_exit(2);
		p[4096] = 1;
		_exit(0);
	}
	st = reap(c);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGBUS, "past the object's end: SIGBUS (status 0x%x)", st);

	/* SIGTERM and SIGKILL of a child blocked in nanosleep */
	int sigs[2] = { SIGTERM, SIGKILL };
	for (int i = 0; i < 2; i++) {
		c = fork();
		if (c < 0)
		REQUIRE(0, "fork failed");
		if (c == 0)
			sleep_forever();
		int r = waitpid(c, &st, WNOHANG);
		CHECK_EQ(r, 0, "WNOHANG while the child runs -> 0");
		CHECK_OK(kill(c, 0), "kill(pid, 0) finds the child");
		CHECK_OK(kill(c, sigs[i]), "kill(child, %d)", sigs[i]);
		st = reap(c);
		CHECK(WIFSIGNALED(st) && WTERMSIG(st) == sigs[i], "killed by signal %d (status 0x%x)", sigs[i], st);
	}
	CHECK_ERR(kill(c, SIGTERM), ESRCH, "kill of a reaped child -> ESRCH");
	CHECK_ERR(kill(getpid(), 1000), EINVAL, "kill with signal 1000 -> EINVAL");
	CHECK_ERR(waitpid(-1, &st, 0), ECHILD, "waitpid with no children -> ECHILD");
	CHECK_ERR(waitpid(-1, &st, WNOHANG), ECHILD, "waitpid WNOHANG with no children -> ECHILD");
	CHECK_ERR(waitpid(-1, &st, 0x1000000), EINVAL, "waitpid with unknown options -> EINVAL");
}

static void test_many_children(void)
{
	pid_t kids[5];
	for (int i = 0; i < 5; i++) {
		kids[i] = fork();
		if (kids[i] < 0)
			REQUIRE(0, "fork %d failed", i);
		if (kids[i] == 0)
			_exit(40 + i);
	}
	int seen = 0;
	for (int i = 0; i < 5; i++) {
		int st;
		pid_t r = wait(&st);
		for (int j = 0; j < 5; j++)
			if (r == kids[j] && WIFEXITED(st) && WEXITSTATUS(st) == 40 + j)
				seen |= 1 << j;
	}
	CHECK_EQ(seen, 0x1f, "wait() reaps five children, each with its own status");
}

static void test_spawn(void)
{
	char *argv[] = { prog, "child", "9", NULL };
	pid_t pid = -1;
	int rc = posix_spawn(&pid, prog, NULL, NULL, argv, NULL);
	CHECK_EQ(rc, 0, "posix_spawn of this program");
	if (rc == 0) {
		int st = reap(pid);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 9, "the spawned program exits with 9 (status 0x%x)", st);
	}
	char *argv2[] = { "no_such_program.elf", NULL };
	rc = posix_spawn(&pid, "no_such_program.elf", NULL, NULL, argv2, NULL);
	CHECK_EQ(rc, ENOENT, "posix_spawn of a missing program -> ENOENT");
#ifndef NATIVE
	/* mmsim: only programs in the directory of the first one */
	/* (argv asks any program that does start to exit at once) */
	CHECK_EQ(posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, NULL), EACCES,
		 "posix_spawn of a host program outside the program directory -> EACCES");
	CHECK_EQ(posix_spawn(&pid, "../../../mmsim", NULL, NULL, argv, NULL), EACCES,
		 "a relative name escaping the directory with .. -> EACCES");
	CHECK_EQ(posix_spawn(&pid, "", NULL, NULL, argv, NULL), ENOENT, "an empty name -> ENOENT");
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addclose(&fa, 99);
	CHECK_EQ(posix_spawn(&pid, prog, &fa, NULL, argv, NULL) == 0 ? reap(pid) : -1, 0x900,
		 "file actions (test_fd_spawn tests them): the program runs");
	posix_spawn_file_actions_destroy(&fa);
	CHECK_EQ(posix_spawn(&pid, prog, NULL, NULL, argv, NULL) == 0 ? reap(pid) : -1, 0x900,
		 "spawn again after the refusals");
#endif
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "child"))
		return atoi(argv[2]) == 9 && getppid() > 0 ? 9 : 1;
	prog = argv[0];
#ifndef NATIVE
	if (strrchr(prog, '/'))        /* mmsim: names are looked up in the program's directory */
		prog = strrchr(prog, '/') + 1;
#endif
	test_fork_memory();
	test_parent_writes_after_fork();
	test_signals();
	test_many_children();
	test_spawn();
	return done();
}
