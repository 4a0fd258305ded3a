/*
 * test_fd_dev.c - /dev/null, /dev/zero (read, write, mmap private and
 * shared) and read/write/lseek on shm_open descriptors seeing the same
 * bytes as a mapping of the object (issue 12).
 *
 * POSIX only: the same source is built with the host's gcc (-DNATIVE).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "check.h"

static void test_null(void)
{
	int fd = open("/dev/null", O_RDWR);
	REQUIRE(fd >= 0, "open /dev/null");
	char buf[8] = "abc";
	CHECK_EQ(write(fd, buf, 8), 8, "write to /dev/null: all taken");
	CHECK_EQ(read(fd, buf, 8), 0, "read from /dev/null: EOF");
	struct stat st;
	CHECK_OK(fstat(fd, &st), "fstat");
	CHECK(S_ISCHR(st.st_mode), "a character device");
	close(fd);
}

static void test_zero(void)
{
	int fd = open("/dev/zero", O_RDWR);
	REQUIRE(fd >= 0, "open /dev/zero");
	char buf[100];
	memset(buf, 'x', sizeof buf);
	CHECK_EQ(read(fd, buf, sizeof buf), 100, "read 100 bytes of /dev/zero");
	int nz = 0;
	for (int i = 0; i < 100; i++)
		nz += buf[i] != 0;
	CHECK_EQ(nz, 0, "all zero");
	CHECK_EQ(write(fd, buf, 10), 10, "writes are taken");
	char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	REQUIRE(m != MAP_FAILED, "mmap of /dev/zero, private");
	CHECK(m[0] == 0 && m[8191] == 0, "zeroed");
	m[5] = 7;
	CHECK_EQ(m[5], 7, "writable");
	volatile int *s = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(s != MAP_FAILED, "mmap of /dev/zero, shared");
	CHECK_EQ(s[0], 0, "zeroed");
	pid_t c = fork();
	REQUIRE(c >= 0, "fork");
	if (c == 0) {
		s[1] = 42;
		_exit(0);
	}
	waitpid(c, NULL, 0);
	CHECK_EQ(s[1], 42, "a shared /dev/zero mapping is shared with a forked child");
	munmap(m, 8192);
	munmap((void *)s, 4096);
	close(fd);
}

static void test_shm_rw(void)
{
	const char *name = "/mmsim_fd_dev";
	shm_unlink(name);
	int fd = shm_open(name, O_RDWR | O_CREAT, 0600);
	REQUIRE(fd >= 0, "shm_open");
	REQUIRE_OK(ftruncate(fd, 8192), "ftruncate 8192");
	char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(m != MAP_FAILED, "mmap the object");
	CHECK_EQ(write(fd, "hello", 5), 5, "write 5 bytes to the shm fd");
	CHECK(!memcmp(m, "hello", 5), "the mapping sees them");
	memcpy(m + 4094, "WXYZ", 4);
	char buf[8] = {0};
	CHECK_EQ(lseek(fd, 4094, SEEK_SET), 4094, "lseek to 4094");
	CHECK_EQ(read(fd, buf, 4), 4, "read across the page boundary");
	CHECK(!memcmp(buf, "WXYZ", 4), "the bytes stored through the mapping");
	CHECK_EQ(pread(fd, buf, 8, 8190), 2, "pread at 8190: 2 bytes to the end");
	CHECK_EQ(lseek(fd, 0, SEEK_END), 8192, "SEEK_END is the size");
	CHECK_EQ(read(fd, buf, 8), 0, "read at the end: 0");
	CHECK_EQ(pwrite(fd, "tail", 4, 8192), 4, "pwrite past the end grows the object");
	struct stat st;
	CHECK_OK(fstat(fd, &st), "fstat");
	CHECK_EQ(st.st_size, 8196, "size 8196");
	munmap(m, 8192);
	close(fd);
	int ro = shm_open(name, O_RDONLY, 0);
	REQUIRE(ro >= 0, "shm_open O_RDONLY");
	CHECK_ERR(write(ro, "x", 1), EBADF, "write to a read-only shm fd -> EBADF");
	CHECK_EQ(pread(ro, buf, 4, 8192), 4, "the bytes pwrite put there");
	CHECK(!memcmp(buf, "tail", 4), "\"tail\"");
	close(ro);
	shm_unlink(name);
}

/* remap_file_pages: Linux's emulation, and its EINVAL cases. */
static void test_remap_file_pages(void)
{
	const char *name = "/mmsim_fd_remap";
	shm_unlink(name);
	int fd = shm_open(name, O_RDWR | O_CREAT, 0600);
	REQUIRE(fd >= 0, "shm_open");
	REQUIRE_OK(ftruncate(fd, 4 * 4096), "ftruncate 4 pages");
	for (int i = 0; i < 4; i++)
		pwrite(fd, &"ABCD"[i], 1, i * 4096);
	char *m = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(m != MAP_FAILED, "mmap 4 pages shared");
	CHECK_OK(remap_file_pages(m, 4096, 0, 3, 0), "remap page 0 of the mapping to object page 3");
	CHECK_EQ(m[0], 'D', "page 0 now shows object page 3");
	CHECK_EQ(m[4096], 'B', "page 1 is unchanged");
	m[1] = 'x';
	char c = 0;
	pread(fd, &c, 1, 3 * 4096 + 1);
	CHECK_EQ(c, 'x', "a store lands in object page 3");
	CHECK_ERR(remap_file_pages(m, 4096, PROT_READ, 1, 0), EINVAL, "prot != 0 -> EINVAL");
	CHECK_ERR(remap_file_pages(m, 0, 0, 1, 0), EINVAL, "size 0 -> EINVAL");
	CHECK_ERR(remap_file_pages(m, 8 * 4096, 0, 0, 0), EINVAL, "beyond the mapping -> EINVAL");
	char *pm = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	REQUIRE(pm != MAP_FAILED, "a private mapping");
	CHECK_ERR(remap_file_pages(pm, 4096, 0, 1, 0), EINVAL, "of a private mapping -> EINVAL");
	munmap(pm, 4096);
	munmap(m, 4 * 4096);
	close(fd);
	shm_unlink(name);
}

int main(void)
{
	test_null();
	test_zero();
	test_shm_rw();
	test_remap_file_pages();
	return done();
}
