/*
 * sem.c - POSIX semaphores on a futex word (see <semaphore.h>).
 *
 * sem_wait takes one unit with compare-and-swap; when the value is 0 it
 * counts itself in __waiters and sleeps in the kernel while the value is
 * still 0.  sem_post adds one and wakes one sleeper if any is counted.
 * Named semaphores live in the shm object "/sem.<name>" mapped shared;
 * one mapping per name and process, counted by sem_open/sem_close.
 */
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "libc.h"
#include "atomic.h"
#include "thread.h"

#define SEM_MAGIC 0x53454d21u   /* "SEM!" once initialised */
#define NAMED_MAX 16
#define SEM_NAME_MAX 250

/* Named semaphores open in this process. */
static struct named {
	char   name[SEM_NAME_MAX + 6];
	sem_t *sem;
	int    refs;
} named[NAMED_MAX];

int sem_init(sem_t *s, int pshared, unsigned value)
{
	if (value > SEM_VALUE_MAX) {
		errno = EINVAL;
		return -1;
	}
	s->__value = (int)value;
	s->__waiters = 0;
	s->__pshared = pshared != 0;
	s->__magic = SEM_MAGIC;
	return 0;
}

int sem_destroy(sem_t *s)
{
	if (s->__magic != SEM_MAGIC) {
		errno = EINVAL;
		return -1;
	}
	if (s->__waiters) {
		errno = EBUSY;
		return -1;
	}
	s->__magic = 0;
	return 0;
}

/* One unit if the value is positive: 0, else -1 (value 0). */
static int try_take(sem_t *s)
{
	int v;
	while ((v = s->__value) > 0)
		if (__cas(&s->__value, v, v - 1) == v)
			return 0;
	return -1;
}

int sem_trywait(sem_t *s)
{
	if (s->__magic != SEM_MAGIC) {
		errno = EINVAL;
		return -1;
	}
	if (try_take(s) == 0)
		return 0;
	errno = EAGAIN;
	return -1;
}

int sem_timedwait(sem_t *s, const struct timespec *abs)
{
	if (s->__magic != SEM_MAGIC) {
		errno = EINVAL;
		return -1;
	}
	/* checked before trying, as Linux (glibc) does */
	if (abs && (abs->tv_nsec < 0 || abs->tv_nsec >= 1000000000L)) {
		errno = EINVAL;
		return -1;
	}
	for (;;) {
		if (try_take(s) == 0)
			return 0;
		__cancel_point();
		__fetch_add((volatile int *)&s->__waiters, 1);
		long r = __cancel_wait(&s->__value) ? 0 : __futex_wait(&s->__value, 0, abs);
		__cancel_wait(NULL);
		__fetch_add((volatile int *)&s->__waiters, -1);
		__cancel_point();
		if (r == -ETIMEDOUT) {
			if (try_take(s) == 0)
				return 0;
			errno = ETIMEDOUT;
			return -1;
		}
		if (__kc_failed(r) && r != -EAGAIN) {
			errno = (int)-r;
			return -1;
		}
	}
}

int sem_wait(sem_t *s)
{
	return sem_timedwait(s, 0);
}

int sem_post(sem_t *s)
{
	if (s->__magic != SEM_MAGIC) {
		errno = EINVAL;
		return -1;
	}
	int v;
	do {
		v = s->__value;
		if (v == SEM_VALUE_MAX) {
			errno = EOVERFLOW;
			return -1;
		}
	} while (__cas(&s->__value, v, v + 1) != v);
	if (s->__waiters)
		__futex_wake(&s->__value, 1);
	return 0;
}

int sem_getvalue(sem_t *s, int *value)
{
	if (s->__magic != SEM_MAGIC) {
		errno = EINVAL;
		return -1;
	}
	*value = s->__value;
	return 0;
}

/* "/sem.<name without its leading slash>"; -1 and errno if name is bad. */
static int shm_name(const char *name, char *out)
{
	if (!name || name[0] != '/' || !name[1] || strchr(name + 1, '/')) {
		errno = name && name[0] == '/' && !strchr(name + 1, '/') ? EINVAL : EINVAL;
		return -1;
	}
	if (strlen(name) > SEM_NAME_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(out, "/sem.");
	strcpy(out + 5, name + 1);
	return 0;
}

sem_t *sem_open(const char *name, int oflag, ...)
{
	char obj[SEM_NAME_MAX + 6];
	unsigned mode = 0, value = 0;
	if (shm_name(name, obj) != 0)
		return SEM_FAILED;
	if (oflag & O_CREAT) {
		va_list ap;
		va_start(ap, oflag);
		mode = va_arg(ap, unsigned);
		value = va_arg(ap, unsigned);
		va_end(ap);
		if (value > SEM_VALUE_MAX) {
			errno = EINVAL;
			return SEM_FAILED;
		}
	}
	if ((oflag & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL))
		for (int i = 0; i < NAMED_MAX; i++)
			if (named[i].refs && !strcmp(named[i].name, obj)) {
				/* mapped already: the same semaphore, if the name still
				 * leads to it and the caller may use it */
				int fd = shm_open(obj, O_RDWR, 0);
				if (fd >= 0) {
					close(fd);
					named[i].refs++;
					return named[i].sem;
				}
				if (errno != ENOENT || !(oflag & O_CREAT))
					return SEM_FAILED;
				named[i].name[0] = 0;   /* unlinked elsewhere: a new one */
			}
	int slot = -1;
	for (int i = 0; i < NAMED_MAX && slot < 0; i++)
		if (!named[i].refs)
			slot = i;
	if (slot < 0) {
		errno = EMFILE;
		return SEM_FAILED;
	}
	int created = 1;
	int fd = -1;
	if (oflag & O_CREAT)
		fd = shm_open(obj, O_RDWR | O_CREAT | O_EXCL, mode);
	if (fd == -1) {
		if ((oflag & O_CREAT) && ((oflag & O_EXCL) || errno != EEXIST))
			return SEM_FAILED;
		created = 0;
		if ((fd = shm_open(obj, O_RDWR, 0)) == -1)
			return SEM_FAILED;
	}
	if (created && ftruncate(fd, sizeof(sem_t)) == -1) {
		int e = errno;
		close(fd);
		shm_unlink(obj);
		errno = e;
		return SEM_FAILED;
	}
	sem_t *s = mmap(0, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	int e = errno;
	close(fd);
	if (s == MAP_FAILED) {
		errno = e;
		return SEM_FAILED;
	}
	if (created)
		sem_init(s, 1, value);
	else
		while (s->__magic != SEM_MAGIC)   /* its creator is still setting it up */
			__kcall(KC_SCHED_YIELD, 0, 0, 0, 0, 0, 0, 0);
	strcpy(named[slot].name, obj);
	named[slot].sem = s;
	named[slot].refs = 1;
	return s;
}

int sem_close(sem_t *s)
{
	for (int i = 0; i < NAMED_MAX; i++)
		if (named[i].refs && named[i].sem == s) {
			if (--named[i].refs == 0)
				munmap(s, sizeof(sem_t));
			return 0;
		}
	errno = EINVAL;
	return -1;
}

int sem_unlink(const char *name)
{
	char obj[SEM_NAME_MAX + 6];
	if (shm_name(name, obj) != 0 || shm_unlink(obj) != 0)
		return -1;
	for (int i = 0; i < NAMED_MAX; i++)      /* the name no longer leads here */
		if (named[i].refs && !strcmp(named[i].name, obj))
			named[i].name[0] = 0;
	return 0;
}
