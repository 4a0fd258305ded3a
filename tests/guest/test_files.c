/*
 * test_files.c - regular files: open/read/write/lseek/ftruncate/close/
 * unlink/stat/fstat, mmap of files (MAP_SHARED written back by msync,
 * munmap and exit; MAP_PRIVATE copy-on-write), ftok, and (mmsim only)
 * that no path reaches outside --root.
 *
 * run_rootfs.cmake prepares the directory: data.txt ("hello, files\n"),
 * sub/, and the links out -> /etc/passwd, up -> .., in -> data.txt; it
 * checks afterwards that the victim file beside the root is untouched and
 * that mapped.bin holds what the mapping wrote.
 *
 *   mmsim run --root DIR test_files.elf [walk]   (walk: MMSIM_NO_OPENAT2 set,
 *                                                 every symlink refused)
 *   mmsim run test_files.elf noroot              (no --root: ENOENT)
 *   native_test_files DIR                        (the POSIX part on Linux)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "check.h"

#define PG 4096u

/* Read the whole of path (at most n-1 bytes) into buf; bytes read or -1. */
static long slurp(const char *path, char *buf, size_t n)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	long r = read(fd, buf, n - 1);
	close(fd);
	if (r >= 0)
		buf[r] = 0;
	return r;
}

static void basic_io(void)
{
	char buf[64];
	struct stat st, st2;
	int fd;
	CHECK_EQ(slurp("data.txt", buf, sizeof buf), 13, "read data.txt");
	CHECK(strcmp(buf, "hello, files\n") == 0, "its contents");
	REQUIRE_OK(stat("data.txt", &st), "stat");
	CHECK(S_ISREG(st.st_mode), "a regular file");
	CHECK_EQ(st.st_size, 13, "st_size");
	CHECK_EQ(st.st_nlink, 1, "st_nlink");
	REQUIRE_OK(stat("sub", &st2), "stat of a directory");
	CHECK(S_ISDIR(st2.st_mode), "a directory");
	CHECK_ERR(open("sub", O_RDWR), EISDIR, "open a directory for writing");
	CHECK_ERR(open("nosuch", O_RDONLY), ENOENT, "missing file");
	CHECK_ERR(stat("nosuch", &st2), ENOENT, "stat of a missing file");
	CHECK_ERR(open("data.txt", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST, "O_EXCL on an existing file");

	REQUIRE_OK(fd = open("new.txt", O_RDWR | O_CREAT | O_EXCL, 0644), "create new.txt");
	REQUIRE_OK(fstat(fd, &st2), "fstat");
	CHECK(S_ISREG(st2.st_mode) && st2.st_size == 0, "empty regular file");
	CHECK_EQ(write(fd, "abcdef", 6), 6, "write");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 6, "offset after write");
	CHECK_EQ(lseek(fd, 2, SEEK_SET), 2, "lseek SEEK_SET");
	CHECK_EQ(read(fd, buf, 3), 3, "read 3");
	CHECK(memcmp(buf, "cde", 3) == 0, "read at the offset");
	CHECK_EQ(lseek(fd, -1, SEEK_END), 5, "lseek SEEK_END");
	CHECK_ERR(lseek(fd, -10, SEEK_CUR), EINVAL, "lseek before the start");
	CHECK_ERR(lseek(fd, 0, 7), EINVAL, "lseek bad whence");
	CHECK_EQ(lseek(fd, 10, SEEK_SET), 10, "lseek past the end");
	CHECK_EQ(write(fd, "Z", 1), 1, "write past the end");
	REQUIRE_OK(fstat(fd, &st2), "fstat");
	CHECK_EQ(st2.st_size, 11, "the file grew");
	CHECK_EQ(lseek(fd, 6, SEEK_SET), 6, "back to the hole");
	CHECK_EQ(read(fd, buf, 10), 5, "read to the end");
	CHECK(memcmp(buf, "\0\0\0\0Z", 5) == 0, "the hole reads as zeros");
	CHECK_EQ(read(fd, buf, 10), 0, "end of file");
	CHECK_OK(ftruncate(fd, 3), "ftruncate shrink");
	REQUIRE_OK(fstat(fd, &st2), "fstat");
	CHECK_EQ(st2.st_size, 3, "shrunk");
	CHECK_OK(ftruncate(fd, 5000), "ftruncate grow");
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0, "rewind");
	CHECK_EQ(read(fd, buf, 8), 8, "read after growing");
	CHECK(memcmp(buf, "abc\0\0\0\0\0", 8) == 0, "growth reads as zeros");
	CHECK_OK(close(fd), "close");
	CHECK_ERR(read(fd, buf, 1), EBADF, "read of a closed fd");

	REQUIRE_OK(fd = open("new.txt", O_RDONLY), "reopen read-only");
	CHECK_ERR(write(fd, "x", 1), EBADF, "write to a read-only fd");
	CHECK_ERR(ftruncate(fd, 0), EINVAL, "ftruncate of a read-only fd");
	close(fd);
	REQUIRE_OK(fd = open("new.txt", O_WRONLY | O_APPEND), "O_APPEND");
	CHECK_ERR(read(fd, buf, 1), EBADF, "read from a write-only fd");
	CHECK_EQ(write(fd, "!", 1), 1, "append");
	close(fd);
	REQUIRE_OK(stat("new.txt", &st2), "stat");
	CHECK_EQ(st2.st_size, 5001, "appended at the end");
	REQUIRE_OK(fd = open("new.txt", O_RDWR | O_TRUNC), "O_TRUNC");
	REQUIRE_OK(fstat(fd, &st2), "fstat");
	CHECK_EQ(st2.st_size, 0, "truncated");
	CHECK_OK(unlink("new.txt"), "unlink while open");
	CHECK_ERR(stat("new.txt", &st2), ENOENT, "the name is gone");
	CHECK_EQ(write(fd, "still", 5), 5, "the open file lives on");
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0, "rewind");
	CHECK_EQ(read(fd, buf, 5), 5, "read it back");
	CHECK(memcmp(buf, "still", 5) == 0, "contents");
	REQUIRE_OK(fstat(fd, &st2), "fstat of the unlinked file");
	CHECK_EQ(st2.st_nlink, 0, "st_nlink 0");
	close(fd);
	CHECK_ERR(unlink("new.txt"), ENOENT, "unlink a missing file");
	CHECK_ERR(unlink("sub"), EISDIR, "unlink a directory");

	key_t k1 = ftok("data.txt", 'x'), k2 = ftok("data.txt", 'y');
	CHECK(k1 != -1 && k2 != -1 && k1 != k2, "ftok: keys differ by id");
	CHECK_EQ(((unsigned)k1 >> 24) & 0xff, 'x', "ftok: id in the top byte");
	CHECK_EQ((unsigned)k1 & 0xffff, st.st_ino & 0xffff, "ftok: the inode's low 16 bits");
	CHECK_ERR(ftok("nosuch", 1), ENOENT, "ftok of a missing file");
}

static void mapped_files(void)
{
	char buf[64];
	int fd;
	unsigned char *s, *p;
	REQUIRE_OK(fd = open("mapped.bin", O_RDWR | O_CREAT | O_TRUNC, 0644), "create mapped.bin");
	REQUIRE_OK(ftruncate(fd, 2 * PG), "size it to two pages");
	REQUIRE_OK(s = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), "MAP_SHARED");
	REQUIRE_OK(p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0), "MAP_PRIVATE");
	CHECK(s[0] == 0 && s[2 * PG - 1] == 0, "a new file maps as zeros");
	memcpy(s, "shared store", 12);
	CHECK(memcmp(p, "shared store", 12) == 0, "the private view sees the file until it writes");
	memcpy(p + PG, "private", 7);
	CHECK_EQ(s[PG], 0, "a private store stays private");
	CHECK_OK(msync(s, PG, MS_SYNC), "msync MS_SYNC");
	CHECK_EQ(pread(fd, buf, 12, 0), 12, "pread after msync");
	CHECK(memcmp(buf, "shared store", 12) == 0, "write() and read() see the mapping");
	CHECK_EQ(pwrite(fd, "WRITE", 5, 100), 5, "pwrite into the mapped range");
	CHECK(memcmp(s + 100, "WRITE", 5) == 0, "the mapping sees write()");
	s[PG + 5] = 'M';
	CHECK_OK(munmap(s, 2 * PG), "munmap writes back");
	CHECK_OK(munmap(p, 2 * PG), "munmap the private view");
	close(fd);

	/* a fresh look: nothing of it is open or mapped any more */
	REQUIRE_OK(fd = open("mapped.bin", O_RDONLY), "reopen");
	CHECK_EQ(pread(fd, buf, 1, PG + 5), 1, "pread");
	CHECK_EQ(buf[0], 'M', "the munmap write-back reached the file");
	CHECK_EQ(pread(fd, buf, 7, PG), 7, "pread");
	CHECK(memcmp(buf, "\0\0\0\0\0M\0", 7) == 0, "the private store never did");
	CHECK_ERR(mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), EACCES,
		  "MAP_SHARED PROT_WRITE of a read-only fd");
	REQUIRE_OK(s = mmap(NULL, 3 * PG, PROT_READ, MAP_SHARED, fd, 0), "map past the end");
	CHECK_EQ(s[PG + 5], 'M', "read-only shared view");
	CHECK_OK(msync(s, 2 * PG, MS_SYNC), "msync of a read-only shared view");
	munmap(s, 3 * PG);
	close(fd);

	/* left mapped at exit: the exit writes it back (run_rootfs.cmake checks) */
	REQUIRE_OK(fd = open("mapped.bin", O_RDWR), "reopen read-write");
	REQUIRE_OK(s = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), "map");
	close(fd);
	memcpy(s + 200, "written at exit", 15);
}

#ifndef NATIVE_HOST
/* mmsim: nothing outside --root, whatever the path says. */
static void escapes(int walk)
{
	struct stat a, b;
	char buf[32];
	CHECK_ERR(open("../victim", O_RDONLY), EXDEV, "../ leaves the root");
	CHECK_ERR(open("/../victim", O_RDONLY), EXDEV, "/../ leaves the root");
	CHECK_ERR(open("sub/../../victim", O_RDONLY), EXDEV, "sub/../../ leaves the root");
	CHECK_ERR(open("../victim", O_RDWR | O_CREAT, 0644), EXDEV, "no creation outside");
	CHECK_ERR(open("out", O_RDONLY), EXDEV, "a link to an absolute path outside");
	CHECK_ERR(stat("out", &a), EXDEV, "stat through it");
	CHECK_ERR(open("up/victim", O_RDONLY), EXDEV, "a link to ..");
	CHECK_ERR(unlink("../victim"), EXDEV, "unlink outside");
	CHECK_ERR(unlink("up/victim"), EXDEV, "unlink through a link outside");
	REQUIRE_OK(stat("/data.txt", &a), "an absolute path resolves inside the root");
	REQUIRE_OK(stat("sub/../data.txt", &b), ".. inside the root is fine");
	CHECK_EQ(a.st_ino, b.st_ino, "the same file");
	if (walk) {
		CHECK_ERR(open("in", O_RDONLY), EXDEV, "without openat2 every link is refused");
	} else {
		CHECK_EQ(slurp("in", buf, sizeof buf), 13, "a link inside the root works");
	}
	CHECK_OK(unlink("/dev/shmem/none") == -1 && errno == ENOENT ? 0 : -1,
		 "unlink of a /dev/shmem/ name is shm_unlink");
}
#endif

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
#ifdef NATIVE_HOST
	REQUIRE(argc > 1 && chdir(argv[1]) == 0, "chdir to the prepared directory");
#else
	if (!strcmp(mode, "noroot")) {
		struct stat st;
		CHECK_ERR(open("data.txt", O_RDONLY), ENOENT, "no --root: no files");
		CHECK_ERR(stat("data.txt", &st), ENOENT, "no --root: stat");
		CHECK_ERR(unlink("data.txt"), ENOENT, "no --root: unlink");
		int fd = open("/dev/shmem/still", O_RDWR | O_CREAT, 0600);
		CHECK(fd >= 0, "/dev/shmem/ names still open");
		CHECK_OK(unlink("/dev/shmem/still"), "and unlink");
		return done();
	}
#endif
	basic_io();
	mapped_files();
#ifndef NATIVE_HOST
	escapes(!strcmp(mode, "walk"));
#endif
	(void)mode;
	return done();
}
