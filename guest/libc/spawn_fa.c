/*
 * spawn_fa.c - posix_spawn file actions and attributes, and the spawn
 * that applies them: fork, the actions in the child, execve.  The child
 * reports a failing action or exec through an O_CLOEXEC pipe (nothing
 * arrives when the exec succeeds), so posix_spawn returns that errno.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "libc.h"

enum { FA_OPEN = 1, FA_CLOSE, FA_DUP2 };

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *fa)
{
	fa->__count = fa->__cap = 0;
	fa->__acts = 0;
	return 0;
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *fa)
{
	for (int i = 0; i < fa->__count; i++)
		free(fa->__acts[i].__path);
	free(fa->__acts);
	return posix_spawn_file_actions_init(fa);
}

/* Append one action; 0, EBADF or ENOMEM. */
static int fa_add(posix_spawn_file_actions_t *fa, struct __spawn_action a)
{
	if (a.__fd < 0 || (a.__op == FA_DUP2 && a.__newfd < 0)) {
		free(a.__path);
		return EBADF;
	}
	if (fa->__count == fa->__cap) {
		int cap = fa->__cap ? fa->__cap * 2 : 4;
		struct __spawn_action *v = realloc(fa->__acts, (size_t)cap * sizeof *v);
		if (!v) {
			free(a.__path);
			return ENOMEM;
		}
		fa->__acts = v;
		fa->__cap = cap;
	}
	fa->__acts[fa->__count++] = a;
	return 0;
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *fa, int fd, const char *path,
				     int oflag, mode_t mode)
{
	char *p = strdup(path);
	if (!p)
		return ENOMEM;
	return fa_add(fa, (struct __spawn_action){ FA_OPEN, fd, 0, oflag, mode, p });
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *fa, int fd)
{
	return fa_add(fa, (struct __spawn_action){ FA_CLOSE, fd, 0, 0, 0, 0 });
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *fa, int fd, int newfd)
{
	return fa_add(fa, (struct __spawn_action){ FA_DUP2, fd, newfd, 0, 0, 0 });
}

int posix_spawnattr_init(posix_spawnattr_t *attr)
{
	memset(attr, 0, sizeof *attr);
	return 0;
}

int posix_spawnattr_destroy(posix_spawnattr_t *attr)
{
	(void)attr;
	return 0;
}

int posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags)
{
	if (flags & ~0x3f)
		return EINVAL;
	attr->__flags = flags;
	return 0;
}

int posix_spawnattr_getflags(const posix_spawnattr_t *attr, short *flags)
{
	*flags = attr->__flags;
	return 0;
}

int posix_spawnattr_setpgroup(posix_spawnattr_t *attr, pid_t pgroup)
{
	attr->__pgroup = pgroup;
	return 0;
}

int posix_spawnattr_getpgroup(const posix_spawnattr_t *attr, pid_t *pgroup)
{
	*pgroup = attr->__pgroup;
	return 0;
}

int posix_spawnattr_setsigmask(posix_spawnattr_t *attr, const sigset_t *mask)
{
	attr->__mask = *mask;
	return 0;
}

int posix_spawnattr_getsigmask(const posix_spawnattr_t *attr, sigset_t *mask)
{
	*mask = attr->__mask;
	return 0;
}

int posix_spawnattr_setsigdefault(posix_spawnattr_t *attr, const sigset_t *def)
{
	attr->__def = *def;
	return 0;
}

int posix_spawnattr_getsigdefault(const posix_spawnattr_t *attr, sigset_t *def)
{
	*def = attr->__def;
	return 0;
}

/* Apply the actions in the child: 0 or the errno of the first failure. */
static int apply_actions(const posix_spawn_file_actions_t *fa)
{
	for (int i = 0; fa && i < fa->__count; i++) {
		const struct __spawn_action *a = &fa->__acts[i];
		if (a->__op == FA_OPEN) {
			int fd = open(a->__path, a->__oflag, a->__mode);
			if (fd < 0)
				return errno;
			if (fd != a->__fd) {
				if (dup2(fd, a->__fd) < 0)
					return errno;
				close(fd);
			}
		} else if (a->__op == FA_CLOSE) {
			close(a->__fd);                /* an fd already closed is fine */
		} else if (a->__fd == a->__newfd) {    /* dup2 onto itself: FD_CLOEXEC off */
			if (fcntl(a->__fd, F_SETFD, 0) < 0)
				return errno;
		} else if (dup2(a->__fd, a->__newfd) < 0) {
			return errno;
		}
	}
	return 0;
}

/* In the child, before the file actions (POSIX's order): the attributes
 * the flags ask for.  0 or an errno. */
static int apply_attrs(const posix_spawnattr_t *at)
{
	if (!at)
		return 0;
	if ((at->__flags & POSIX_SPAWN_SETPGROUP) && setpgid(0, at->__pgroup) < 0)
		return errno;
	if ((at->__flags & POSIX_SPAWN_RESETIDS) && (setegid(getgid()) < 0 || seteuid(getuid()) < 0))
		return errno;
	if (at->__flags & POSIX_SPAWN_SETSIGDEF)
		for (int sig = 1; sig < NSIG; sig++)
			if (sig != SIGKILL && sig != SIGSTOP && sigismember(&at->__def, sig) == 1)
				signal(sig, SIG_DFL);
	if ((at->__flags & POSIX_SPAWN_SETSIGMASK) && sigprocmask(SIG_SETMASK, &at->__mask, NULL) < 0)
		return errno;
	return 0;
}

int __spawn_slow(int *pid, const char *path, const void *fav, const void *attrv,
		 char *const argv[], char *const envp[])
{
	const posix_spawn_file_actions_t *fa = fav;
	int rep[2];
	if (pipe2(rep, O_CLOEXEC) < 0)
		return errno;
	pid_t c = fork();
	if (c < 0) {
		int e = errno;
		close(rep[0]);
		close(rep[1]);
		return e;
	}
	if (c == 0) {
		close(rep[0]);
		int e = apply_attrs(attrv);
		if (!e)
			e = apply_actions(fa);
		if (!e) {
			execve(path, argv, envp);
			e = errno;
		}
		write(rep[1], &e, sizeof e);
		_exit(127);
	}
	close(rep[1]);
	int e = 0;
	ssize_t n = read(rep[0], &e, sizeof e);
	close(rep[0]);
	if (n == (ssize_t)sizeof e) {
		waitpid(c, 0, 0);
		return e;
	}
	if (pid)
		*pid = c;
	return 0;
}
