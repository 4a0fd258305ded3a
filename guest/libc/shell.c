/*
 * shell.c - system() and popen()/pclose(): the command runs as
 * "/bin/sh -c command" in a child, as POSIX says.  mmsim's root file
 * system has no shell unless --root provides one, so usually the child's
 * exec fails and it exits with 127: system() returns that status and a
 * popen'd stream reads end of file, exactly as on a system without
 * /bin/sh.  system(NULL) says whether /bin/sh exists.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#define SHELL "/bin/sh"

/* In the child: run the command; never returns. */
static _Noreturn void run_shell(const char *cmd)
{
	char *argv[] = { "sh", "-c", (char *)cmd, NULL };
	execv(SHELL, argv);
	_exit(127);
}

/* Wait for the child pid (through EINTR): its status, or -1. */
static int wait_child(pid_t pid)
{
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

int system(const char *cmd)
{
	if (!cmd)
		return access(SHELL, X_OK) == 0;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		run_shell(cmd);
	return wait_child(pid);
}

/* Streams popen made, with their children. */
struct piped {
	FILE *f;
	pid_t pid;
	struct piped *next;
};
static struct piped *piped;

FILE *popen(const char *cmd, const char *mode)
{
	int reading = mode[0] == 'r', cloexec = strchr(mode, 'e') != NULL;
	if ((mode[0] != 'r' && mode[0] != 'w') || (mode[1] && mode[1] != 'e')) {
		errno = EINVAL;
		return NULL;
	}
	struct piped *p = malloc(sizeof *p);
	int fds[2];
	if (!p || pipe(fds) != 0) {
		free(p);
		return NULL;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		free(p);
		return NULL;
	}
	if (pid == 0) {
		int mine = reading ? fds[1] : fds[0], want = reading ? 1 : 0;
		close(reading ? fds[0] : fds[1]);
		for (struct piped *q = piped; q; q = q->next)   /* POSIX: earlier popen streams close */
			close(fileno(q->f));
		if (mine != want) {
			dup2(mine, want);
			close(mine);
		}
		run_shell(cmd);
	}
	close(reading ? fds[1] : fds[0]);
	int fd = reading ? fds[0] : fds[1];
	if (cloexec)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	FILE *f = fdopen(fd, reading ? "r" : "w");
	if (!f) {
		close(fd);
		waitpid(pid, NULL, 0);
		free(p);
		return NULL;
	}
	*p = (struct piped){ f, pid, piped };
	piped = p;
	return f;
}

int pclose(FILE *f)
{
	struct piped **pp = &piped;
	while (*pp && (*pp)->f != f)
		pp = &(*pp)->next;
	if (!*pp) {
		errno = ECHILD;
		return -1;
	}
	struct piped *p = *pp;
	*pp = p->next;
	pid_t pid = p->pid;
	free(p);
	fclose(f);
	return wait_child(pid);
}
