/* <semaphore.h> - POSIX semaphores on a futex word.
 * Unnamed: sem_init(sem, pshared, value); with pshared != 0 in shared
 * memory it works across processes.  Named: sem_open("/name") keeps the
 * semaphore in the shared memory object "/sem.name" (as glibc does with
 * /dev/shm/sem.name); sem_unlink removes that object's name. */
#ifndef _SEMAPHORE_H_INCLUDED
#define _SEMAPHORE_H_INCLUDED

#include <sys/types.h>
#include <time.h>

typedef struct {
	volatile int      __value;
	volatile unsigned __waiters;
	int               __pshared;
	unsigned          __magic;
} sem_t;

#define SEM_VALUE_MAX 0x7fffffff
#define SEM_FAILED    ((sem_t *)-1)

int sem_init(sem_t *__s, int __pshared, unsigned __value);
int sem_destroy(sem_t *__s);
sem_t *sem_open(const char *__name, int __oflag, ...);
int sem_close(sem_t *__s);
int sem_unlink(const char *__name);
int sem_wait(sem_t *__s);
int sem_trywait(sem_t *__s);
int sem_timedwait(sem_t *__s, const struct timespec *__abs);
int sem_post(sem_t *__s);
int sem_getvalue(sem_t *__s, int *__value);

#endif
