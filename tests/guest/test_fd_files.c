/*
 * test_fd_files.c - files without --root (issue 12): the writable /tmp
 * (create, read, write, mmap, unlink), mkstemp/mkdtemp, mkdir/rmdir/
 * rename, opendir/readdir/rewinddir, getcwd/chdir with relative paths,
 * umask, access, fsync, pathconf/fpathconf, mmap2.
 *
 * POSIX only: the same source is built with the host's gcc (-DNATIVE)
 * and run in the host's /tmp.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "check.h"

static char base[64];        /* /tmp/mmsim_fdf_<pid>: this run's directory */

/* base + "/" + name into a static buffer. */
static const char *at(const char *name)
{
	static char buf[4][128];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", base, name);
	return buf[k];
}

static void test_tmp_file(void)
{
	struct stat st;
	CHECK_OK(stat("/tmp", &st), "stat /tmp");
	CHECK(S_ISDIR(st.st_mode), "/tmp is a directory");
	REQUIRE_OK(mkdir(base, 0755), "mkdir %s", base);
	CHECK_ERR(mkdir(base, 0755), EEXIST, "mkdir again -> EEXIST");
	int fd = open(at("f"), O_RDWR | O_CREAT | O_EXCL, 0644);
	REQUIRE(fd >= 0, "create a file in /tmp");
	CHECK_ERR(open(at("f"), O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST, "O_EXCL on an existing file -> EEXIST");
	CHECK_EQ(write(fd, "0123456789", 10), 10, "write 10 bytes");
	CHECK_OK(fsync(fd), "fsync");
	CHECK_OK(fdatasync(fd), "fdatasync");
	CHECK_OK(stat(at("f"), &st), "stat by path");
	CHECK_EQ(st.st_size, 10, "size 10");
	CHECK(S_ISREG(st.st_mode), "a regular file");
	CHECK_EQ(st.st_mode & 0777, 0644 & ~022, "mode 0644 & ~umask");
	char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(m != MAP_FAILED, "mmap the file");
	CHECK(!memcmp(m, "0123456789", 10), "the mapping sees the written bytes");
	m[0] = 'X';
	char buf[16] = {0};
	CHECK_EQ(pread(fd, buf, 10, 0), 10, "pread");
	CHECK_EQ(buf[0], 'X', "read sees the store through the mapping");
	munmap(m, 4096);
	int fd2 = open(at("f"), O_RDONLY);
	REQUIRE(fd2 >= 0, "open it again read-only");
	CHECK_OK(unlink(at("f")), "unlink");
	CHECK_ERR(stat(at("f"), &st), ENOENT, "gone from the directory");
	CHECK_ERR(open(at("f"), O_RDONLY), ENOENT, "open -> ENOENT");
	CHECK_EQ(read(fd2, buf, 16), 10, "an open fd still reads the unlinked file");
	close(fd);
	close(fd2);
	CHECK_ERR(open("/tmp/no/such/dir/file", O_RDWR | O_CREAT, 0600), ENOENT, "create in a missing directory -> ENOENT");
	CHECK_ERR(unlink(base), EISDIR, "unlink of a directory -> EISDIR");
}

static void test_temp_names(void)
{
	char t[128];
	snprintf(t, sizeof t, "%s/tmpXXXXXX", base);
	int fd = mkstemp(t);
	REQUIRE(fd >= 0, "mkstemp");
	CHECK(strcmp(t + strlen(t) - 6, "XXXXXX") != 0, "the X's were replaced: %s", t);
	struct stat st;
	CHECK_OK(fstat(fd, &st), "fstat");
	CHECK_EQ(st.st_mode & 0777, 0600, "mode 0600");
	char t2[128];
	snprintf(t2, sizeof t2, "%s/tmpXXXXXX", base);
	int fd2 = mkstemp(t2);
	CHECK(fd2 >= 0 && strcmp(t, t2) != 0, "a second mkstemp gives another name");
	close(fd);
	close(fd2);
	unlink(t);
	unlink(t2);
	char bad[] = "/tmp/noXs";
	CHECK_ERR(mkstemp(bad), EINVAL, "mkstemp without XXXXXX -> EINVAL");
	char d[128];
	snprintf(d, sizeof d, "%s/dirXXXXXX", base);
	CHECK(mkdtemp(d) == d, "mkdtemp");
	CHECK_OK(stat(d, &st), "stat it");
	CHECK(S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700, "a directory, mode 0700 (0%o)", (unsigned)st.st_mode);
	CHECK_OK(rmdir(d), "rmdir it");
}

static void test_dirs(void)
{
	REQUIRE_OK(mkdir(at("d"), 0755), "mkdir d");
	int fd = open(at("d/b"), O_WRONLY | O_CREAT, 0600);
	CHECK(fd >= 0, "create d/b");
	close(fd);
	CHECK_OK(mkdir(at("d/a"), 0755), "mkdir d/a");
	fd = open(at("d/c"), O_WRONLY | O_CREAT, 0600);
	close(fd);
	DIR *dir = opendir(at("d"));
	REQUIRE(dir, "opendir d");
	char names[8][256];
	int n = 0, dirs = 0;
	struct dirent *e;
	while ((e = readdir(dir)) && n < 8) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(names[n++], sizeof names[0], "%s", e->d_name);
		dirs += e->d_type == DT_DIR;
	}
	CHECK_EQ(n, 3, "three entries besides . and ..");
	int seen = 0;
	for (int i = 0; i < n; i++)
		seen |= !strcmp(names[i], "a") ? 1 : !strcmp(names[i], "b") ? 2 : !strcmp(names[i], "c") ? 4 : 8;
	CHECK_EQ(seen, 7, "a, b and c");
	CHECK_EQ(dirs, 1, "one of them (a) is a directory");
	rewinddir(dir);
	int again = 0;
	while (readdir(dir))
		again++;
	CHECK_EQ(again, 5, "after rewinddir: all five again");
	closedir(dir);
	CHECK(opendir(at("nothere")) == NULL && errno == ENOENT, "opendir of a missing directory -> ENOENT");
	CHECK(opendir(at("d/b")) == NULL && errno == ENOTDIR, "opendir of a file -> ENOTDIR");
	CHECK_ERR(rmdir(at("d")), ENOTEMPTY, "rmdir of a non-empty directory -> ENOTEMPTY");
	CHECK_ERR(rmdir(at("d/b")), ENOTDIR, "rmdir of a file -> ENOTDIR");
	CHECK_OK(rename(at("d/b"), at("d/a/moved")), "rename d/b into d/a");
	struct stat st;
	CHECK_OK(stat(at("d/a/moved"), &st), "it is there");
	CHECK_ERR(stat(at("d/b"), &st), ENOENT, "and not here");
	CHECK_OK(rename(at("d/c"), at("d/a/moved")), "rename over an existing file");
	CHECK_ERR(stat(at("d/c"), &st), ENOENT, "the source is gone");
	CHECK_OK(rename(at("d/a"), at("d/e")), "rename a directory");
	CHECK_OK(stat(at("d/e/moved"), &st), "its contents moved with it");
	CHECK_ERR(rename(at("d/nothere"), at("d/x")), ENOENT, "rename of a missing file -> ENOENT");
	CHECK_OK(unlink(at("d/e/moved")), "unlink");
	CHECK_OK(rmdir(at("d/e")), "rmdir d/e");
	CHECK_OK(rmdir(at("d")), "rmdir d");
}

static void test_cwd(void)
{
	char buf[128];
	char *save = getcwd(buf, sizeof buf) ? strdup(buf) : NULL;
	REQUIRE(save, "getcwd");
	REQUIRE_OK(chdir(base), "chdir %s", base);
	CHECK(getcwd(buf, sizeof buf) && !strcmp(buf, base), "getcwd: %s", buf);
	CHECK(getcwd(buf, 3) == NULL && errno == ERANGE, "getcwd with a short buffer -> ERANGE");
	int fd = open("rel", O_RDWR | O_CREAT, 0600);
	CHECK(fd >= 0, "create a file by a relative name");
	close(fd);
	struct stat st;
	CHECK_OK(stat(at("rel"), &st), "it is in the working directory");
	CHECK_OK(stat("./rel", &st), "./rel");
	CHECK_OK(mkdir("sub", 0700), "mkdir sub (relative)");
	CHECK_OK(chdir("sub"), "chdir sub");
	CHECK_OK(stat("../rel", &st), "../rel from sub");
	CHECK_ERR(chdir("../rel"), ENOTDIR, "chdir to a file -> ENOTDIR");
	CHECK_ERR(chdir("nothere"), ENOENT, "chdir to a missing directory -> ENOENT");
	CHECK_OK(chdir(".."), "chdir ..");
	CHECK(getcwd(buf, sizeof buf) && !strcmp(buf, base), "back in %s", buf);
	CHECK_OK(rmdir("sub"), "rmdir sub");
	CHECK_OK(unlink("rel"), "unlink rel");
	CHECK_OK(chdir(save), "chdir back to %s", save);
	free(save);
}

static void test_modes(void)
{
	umask(022);
	CHECK_EQ(umask(077), 022, "umask returns the old mask");
	int fd = open(at("m"), O_RDWR | O_CREAT, 0666);
	struct stat st;
	CHECK_OK(fstat(fd, &st), "fstat");
	CHECK_EQ(st.st_mode & 0777, 0600, "0666 & ~077");
	CHECK_EQ(umask(022), 077, "restore 022");
	CHECK_OK(access(at("m"), F_OK), "access F_OK");
	CHECK_OK(access(at("m"), R_OK | W_OK), "access R_OK|W_OK of one's own file");
	CHECK_ERR(access(at("none"), F_OK), ENOENT, "access of a missing file -> ENOENT");
	CHECK_ERR(access(at("m"), 0x100), EINVAL, "access with a bad mode -> EINVAL");
	CHECK_EQ(pathconf("/tmp", _PC_NAME_MAX), 255, "pathconf _PC_NAME_MAX");
	int p[2];
	REQUIRE_OK(pipe(p), "pipe");
	CHECK_EQ(fpathconf(p[0], _PC_PIPE_BUF), 4096, "fpathconf _PC_PIPE_BUF of a pipe");
	CHECK_ERR(fsync(p[1]), EINVAL, "fsync of a pipe -> EINVAL");
	CHECK_ERR(fsync(99), EBADF, "fsync of a closed fd -> EBADF");
	close(p[0]);
	close(p[1]);
#ifndef NATIVE
	CHECK_EQ(ftruncate(fd, 3 * 4096), 0, "ftruncate to 3 pages");
	CHECK_EQ(pwrite(fd, "pg2", 3, 2 * 4096), 3, "write at page 2");
	char *m2 = mmap2(NULL, 4096, PROT_READ, MAP_SHARED, fd, 2);
	CHECK(m2 != MAP_FAILED && !memcmp(m2, "pg2", 3), "mmap2 at page offset 2 sees page 2");
#endif
	close(fd);
	unlink(at("m"));
}

/* Argument "marker": leave /tmp/mmsim_fd_marker behind, so the host
 * side can see where /tmp was (run_fd_root.cmake). */
int main(int argc, char **argv)
{
	snprintf(base, sizeof base, "/tmp/mmsim_fdf_%d", (int)getpid());
	test_tmp_file();
	test_temp_names();
	test_dirs();
	test_cwd();
	test_modes();
	CHECK_OK(rmdir(base), "rmdir %s", base);
	if (argc >= 2 && !strcmp(argv[1], "marker")) {
		int fd = open("/tmp/mmsim_fd_marker", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		CHECK_EQ(write(fd, "marker", 6), 6, "write the marker file");
		close(fd);
	}
	return done();
}
