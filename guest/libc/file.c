/*
 * file.c - files under mmsim's --root: stat, lseek, unlink, and ftok
 * (include/mmsim/kcall.h, calls 80-82; open/read/write/close are in
 * syscalls.c).
 */
#include <unistd.h>
#include <sys/stat.h>
#include <sys/ipc.h>
#include "libc.h"

/* stat(path, st): 0, or -1 and errno. */
int stat(const char *path, struct stat *st)
{
	return (int)__kc_ret(__kcall(KC_STAT, KA_PTR(path), KA_PTR(st), 0, 0, 0, 0, 0));
}

/* lseek(fd, off, whence): the new offset, or -1 and errno. */
off_t lseek(int fd, off_t off, int whence)
{
	off_t res = 0;
	long r = __kcall(KC_LSEEK, fd, KA_LO(off), KA_HI(off), whence, KA_PTR(&res), 0, 0);
	if (__kc_failed(r)) {
		errno = (int)-r;
		return -1;
	}
	return res;
}

/* unlink(path): 0, or -1 and errno. */
int unlink(const char *path)
{
	return (int)__kc_ret(__kcall(KC_UNLINK, KA_PTR(path), 0, 0, 0, 0, 0, 0));
}

/* ftok(path, id): glibc's key: id's low 8 bits, the device's low 8 bits
 * and the inode's low 16 bits. */
key_t ftok(const char *path, int id)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return (key_t)-1;
	return (key_t)((st.st_ino & 0xffff) | ((st.st_dev & 0xff) << 16) |
		       (((unsigned)id & 0xff) << 24));
}

/* pread(fd, buf, n, off): read at off, the fd's offset unchanged (done
 * with lseek: mmsim guests are single-threaded). */
ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	off_t save = lseek(fd, 0, SEEK_CUR);
	if (save < 0 || lseek(fd, off, SEEK_SET) < 0)
		return -1;
	ssize_t r = read(fd, buf, n);
	int e = errno;
	lseek(fd, save, SEEK_SET);
	errno = e;
	return r;
}

/* pwrite(fd, buf, n, off): write at off, the fd's offset unchanged. */
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	off_t save = lseek(fd, 0, SEEK_CUR);
	if (save < 0 || lseek(fd, off, SEEK_SET) < 0)
		return -1;
	ssize_t r = write(fd, buf, n);
	int e = errno;
	lseek(fd, save, SEEK_SET);
	errno = e;
	return r;
}
