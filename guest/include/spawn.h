/* <spawn.h> - posix_spawn: run another guest program as a new process.
 * The path names a guest ELF in the directory of the program mmsim was
 * started with (relative names are looked up there; nothing outside it is
 * reachable: EACCES).  The child inherits the fds without FD_CLOEXEC and
 * gets an empty environment.  With file actions (open, close, dup2) or
 * attribute flags, the spawn is a fork, the actions in the child, then
 * execve; an action or exec that fails makes posix_spawn return its errno
 * (the child is reaped).  POSIX_SPAWN_SETPGROUP, RESETIDS, SETSIGDEF and
 * SETSIGMASK are applied in the child before the file actions, as POSIX
 * orders them; SETSCHEDPARAM and SETSCHEDULER are accepted and ignored. */
#ifndef _SPAWN_H_INCLUDED
#define _SPAWN_H_INCLUDED

#include <sys/types.h>
#include <signal.h>

/* Attribute flags (Linux's values). */
#define POSIX_SPAWN_RESETIDS      0x01
#define POSIX_SPAWN_SETPGROUP     0x02
#define POSIX_SPAWN_SETSIGDEF     0x04
#define POSIX_SPAWN_SETSIGMASK    0x08
#define POSIX_SPAWN_SETSCHEDPARAM 0x10
#define POSIX_SPAWN_SETSCHEDULER  0x20

struct __spawn_action {
	int    __op;               /* 1 open, 2 close, 3 dup2 */
	int    __fd, __newfd, __oflag;
	mode_t __mode;
	char  *__path;
};
typedef struct {
	int                    __count, __cap;
	struct __spawn_action *__acts;
} posix_spawn_file_actions_t;
typedef struct {
	short    __flags;
	pid_t    __pgroup;
	sigset_t __mask, __def;
} posix_spawnattr_t;

/* posix_spawn(pid, path, actions, attr, argv, envp): 0 and *pid, or an errno
 * value (ENOENT, EACCES, ENOEXEC, E2BIG, EFAULT, ENOMEM, ENOSYS). */
int posix_spawn(pid_t *__pid, const char *__path, const posix_spawn_file_actions_t *__fa,
		const posix_spawnattr_t *__attr, char *const __argv[], char *const __envp[]);
/* posix_spawnp: the same (no PATH search: names are looked up as above). */
int posix_spawnp(pid_t *__pid, const char *__file, const posix_spawn_file_actions_t *__fa,
		 const posix_spawnattr_t *__attr, char *const __argv[], char *const __envp[]);
int posix_spawn_file_actions_init(posix_spawn_file_actions_t *__fa);
int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *__fa);
/* File actions, applied in order in the child: 0 or an errno value
 * (EBADF for a negative fd, ENOMEM). */
int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *__fa, int __fd,
				     const char *__path, int __oflag, mode_t __mode);
int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *__fa, int __fd);
int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *__fa, int __fd, int __newfd);
int posix_spawnattr_init(posix_spawnattr_t *__attr);
int posix_spawnattr_destroy(posix_spawnattr_t *__attr);
/* Attributes: flags (EINVAL for unknown bits), process group, signal
 * mask and defaults (stored; see above). */
int posix_spawnattr_setflags(posix_spawnattr_t *__attr, short __flags);
int posix_spawnattr_getflags(const posix_spawnattr_t *__attr, short *__flags);
int posix_spawnattr_setpgroup(posix_spawnattr_t *__attr, pid_t __pgroup);
int posix_spawnattr_getpgroup(const posix_spawnattr_t *__attr, pid_t *__pgroup);
int posix_spawnattr_setsigmask(posix_spawnattr_t *__attr, const sigset_t *__mask);
int posix_spawnattr_getsigmask(const posix_spawnattr_t *__attr, sigset_t *__mask);
int posix_spawnattr_setsigdefault(posix_spawnattr_t *__attr, const sigset_t *__def);
int posix_spawnattr_getsigdefault(const posix_spawnattr_t *__attr, sigset_t *__def);

#endif
