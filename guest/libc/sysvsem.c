/*
 * sysvsem.c - System V semaphore wrappers (kernel calls 60-62; served by
 * sim/kcall/kcall_sem.c over ipc/semtab.c).
 */
#include <stdarg.h>
#include <sys/sem.h>
#include "libc.h"

int semget(key_t key, int nsems, int semflg)
{
	return (int)__kc_ret(__kcall(KC_SEMGET, key, nsems, semflg, 0, 0, 0, 0));
}

int semop(int semid, struct sembuf *sops, size_t nsops)
{
	return (int)__kc_ret(__kcall(KC_SEMOP, semid, KA_PTR(sops), (long)nsops, 0, 0, 0, 0));
}

/* The union semun the caller passes (its own definition, same layout). */
union __semun {
	int              val;
	struct semid_ds *buf;
	unsigned short  *array;
};

int semctl(int semid, int semnum, int cmd, ...)
{
	long arg = 0;
	if (cmd == SETVAL || cmd == GETALL || cmd == SETALL || cmd == IPC_STAT || cmd == IPC_SET) {
		va_list ap;
		va_start(ap, cmd);
		union __semun u = va_arg(ap, union __semun);
		va_end(ap);
		arg = cmd == SETVAL ? u.val : (long)(uintptr_t)u.buf;
	}
	return (int)__kc_ret(__kcall(KC_SEMCTL, semid, semnum, cmd, arg, 0, 0, 0));
}
