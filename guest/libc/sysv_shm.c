/*
 * sysv_shm.c - System V shared memory and credential wrappers
 * (include/mmsim/kcall.h, calls 70-77).
 */
#include <unistd.h>
#include <sys/shm.h>
#include "libc.h"

/* shmget(key, size, flags): the id of a segment; -1 and errno. */
int shmget(key_t key, size_t size, int flags)
{
	return (int)__kc_ret(__kcall(KC_SHMGET, key, (long)size, flags, 0, 0, 0, 0));
}

/* shmat(id, addr, flags): the attach address, or (void *)-1 and errno. */
void *shmat(int id, const void *addr, int flags)
{
	long r = __kcall(KC_SHMAT, id, KA_PTR(addr), flags, 0, 0, 0, 0);
	if (__kc_failed(r)) {
		errno = (int)-r;
		return (void *)-1;
	}
	return (void *)(uintptr_t)(unsigned long)r;
}

/* shmdt(addr): detach; 0, or -1 and errno. */
int shmdt(const void *addr)
{
	return (int)__kc_ret(__kcall(KC_SHMDT, KA_PTR(addr), 0, 0, 0, 0, 0, 0));
}

/* shmctl(id, cmd, buf): 0 (or an index / id for the INFO and STAT commands), -1 and errno. */
int shmctl(int id, int cmd, struct shmid_ds *buf)
{
	return (int)__kc_ret(__kcall(KC_SHMCTL, id, cmd, KA_PTR(buf), 0, 0, 0, 0));
}

/* getuid(): real user id. */
uid_t getuid(void)
{
	return (uid_t)__kcall(KC_GETUID, 0, 0, 0, 0, 0, 0, 0);
}

/* geteuid(): effective user id. */
uid_t geteuid(void)
{
	return (uid_t)__kcall(KC_GETEUID, 0, 0, 0, 0, 0, 0, 0);
}

/* getgid(): real group id. */
gid_t getgid(void)
{
	return (gid_t)__kcall(KC_GETGID, 0, 0, 0, 0, 0, 0, 0);
}

/* getegid(): effective group id. */
gid_t getegid(void)
{
	return (gid_t)__kcall(KC_GETEGID, 0, 0, 0, 0, 0, 0, 0);
}
