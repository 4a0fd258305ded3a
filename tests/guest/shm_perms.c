/* shm_perms.c - who may open and unlink POSIX shared memory and named
 * semaphores, as on Linux: the effective ids decide (a root program that
 * seteuid()s is checked as the new user), owner/group/other bits apply,
 * the umask masks a new object's mode, only the owner or root may unlink
 * (/dev/shm is sticky), and a semaphore name unlinked is gone for
 * sem_open.  Run as root (mmsim's default; natively as root). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	if (geteuid() != 0) {
		printf("not root: nothing to check\n0 passed, 0 failed\n");
		return 0;
	}
	shm_unlink("/perms_a");
	shm_unlink("/perms_b");
	shm_unlink("/perms_c");
	umask(022);
	int a = shm_open("/perms_a", O_CREAT | O_RDWR, 0666);
	int b = shm_open("/perms_b", O_CREAT | O_RDWR, 0600);
	CHECK(a >= 0 && b >= 0, "create two objects as root");
	struct stat st;
	CHECK_OK(fstat(a, &st), "fstat");
	CHECK_EQ(st.st_mode & 0777, 0644, "umask 022 masks mode 0666 to 0644");

	CHECK_OK(seteuid(1000), "seteuid(1000)");
	CHECK_ERR(shm_open("/perms_b", O_RDWR, 0), EACCES, "0600 root's object: EACCES for euid 1000");
	CHECK_ERR(shm_open("/perms_a", O_RDWR, 0), EACCES, "0644: no write for others");
	int r = shm_open("/perms_a", O_RDONLY, 0);
	CHECK(r >= 0, "0644: others may read");
	close(r);
	CHECK_ERR(shm_unlink("/perms_b"), EACCES, "only the owner or root may unlink");
	int c = shm_open("/perms_c", O_CREAT | O_RDWR, 0600);
	CHECK(c >= 0, "create as euid 1000");
	CHECK_OK(fstat(c, &st), "fstat");
	CHECK_EQ(st.st_uid, 1000, "owned by the effective uid");
	close(c);
	CHECK_OK(shm_unlink("/perms_c"), "the owner unlinks");
	CHECK_OK(seteuid(0), "back to root");
	CHECK_OK(shm_unlink("/perms_b"), "root unlinks anything");
	CHECK_OK(shm_unlink("/perms_a"), "unlink");
	close(a);
	close(b);

	sem_unlink("/perms_s");
	sem_t *s = sem_open("/perms_s", O_CREAT, 0600, 1);
	CHECK(s != SEM_FAILED, "sem_open O_CREAT");
	CHECK_OK(sem_unlink("/perms_s"), "sem_unlink");
	errno = 0;
	CHECK(sem_open("/perms_s", 0) == SEM_FAILED && errno == ENOENT,
	      "sem_open of an unlinked name: ENOENT (errno %d)", errno);
	sem_t *n = sem_open("/perms_s", O_CREAT, 0600, 5);
	int v = -1;
	CHECK(n != SEM_FAILED && n != s, "O_CREAT after unlink makes a new semaphore");
	sem_getvalue(n, &v);
	CHECK_EQ(v, 5, "with its own value");
	sem_close(n);
	sem_close(s);
	sem_unlink("/perms_s");
	return done();
}
