/* <spawn.h> - posix_spawn: run another guest program as a new process.
 * The path names a guest ELF in the directory of the program mmsim was
 * started with (relative names are looked up there; nothing outside it is
 * reachable: EACCES).  File actions and attributes must be empty (as made
 * by the _init functions): anything else is ENOSYS.  The child starts
 * with console fds 0-2 and an empty environment. */
#ifndef _SPAWN_H_INCLUDED
#define _SPAWN_H_INCLUDED

#include <sys/types.h>

typedef struct { int __count; } posix_spawn_file_actions_t;
typedef struct { int __flags; } posix_spawnattr_t;

/* posix_spawn(pid, path, actions, attr, argv, envp): 0 and *pid, or an errno
 * value (ENOENT, EACCES, ENOEXEC, E2BIG, EFAULT, ENOMEM, ENOSYS). */
int posix_spawn(pid_t *__pid, const char *__path, const posix_spawn_file_actions_t *__fa,
		const posix_spawnattr_t *__attr, char *const __argv[], char *const __envp[]);
/* posix_spawnp: the same (no PATH search: names are looked up as above). */
int posix_spawnp(pid_t *__pid, const char *__file, const posix_spawn_file_actions_t *__fa,
		 const posix_spawnattr_t *__attr, char *const __argv[], char *const __envp[]);
int posix_spawn_file_actions_init(posix_spawn_file_actions_t *__fa);
int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *__fa);
int posix_spawnattr_init(posix_spawnattr_t *__attr);
int posix_spawnattr_destroy(posix_spawnattr_t *__attr);

#endif
