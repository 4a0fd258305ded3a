/* <sys/sem.h> - System V semaphores (QNX / SVR4 command values).
 * The caller defines union semun itself, as POSIX requires:
 *   union semun { int val; struct semid_ds *buf; unsigned short *array; };
 * Limits (SEMMNI 128, SEMMSL 250, SEMMNS 32000, SEMOPM 32, SEMVMX 32767,
 * SEMAEM 32767): ipc/semtab.h.  Errors as in the Linux man pages. */
#ifndef _SYS_SEM_H_INCLUDED
#define _SYS_SEM_H_INCLUDED

#include <sys/ipc.h>
#include <time.h>

#define SEM_UNDO 010000

#define GETNCNT 3
#define GETPID  4
#define GETVAL  5
#define GETALL  6
#define GETZCNT 7
#define SETVAL  8
#define SETALL  9

struct sembuf {
	unsigned short sem_num;
	short          sem_op;
	short          sem_flg;
};

struct semid_ds {
	struct ipc_perm sem_perm;
	void           *sem_base;    /* always NULL */
	unsigned short  sem_nsems;
	time_t          sem_otime;   /* last semop, simulated seconds */
	long            sem_pad1;
	time_t          sem_ctime;   /* last change by semctl / creation */
	long            sem_pad2;
	long            sem_pad3[4];
};

/* semget(key, nsems, semflg): a set id, or -1 and errno. */
int semget(key_t __key, int __nsems, int __semflg);
/* semop(semid, sops, nsops): all operations at once or none; 0, or -1 and errno. */
int semop(int __semid, struct sembuf *__sops, size_t __nsops);
/* semctl(semid, semnum, cmd, ...): the 4th argument is a union semun
 * for SETVAL, GETALL, SETALL, IPC_STAT and IPC_SET. */
int semctl(int __semid, int __semnum, int __cmd, ...);

#endif
