/*
 * test_shm_open.c - shm_open, shm_unlink and close (REFERENCE.md section 2,
 * issue 3 "shm_open (O_CREAT, O_EXCL, O_TRUNC, O_RDONLY/O_RDWR, name
 * rules), shm_unlink, close").
 */
#include <limits.h>
#include <sys/stat.h>

#include "check.h"
#include "testutil.h"

static char longname[PATH_MAX + 64];

/* "/" followed by n copies of c. */
static const char *name_of_len(size_t n, char c)
{
	longname[0] = '/';
	memset(longname + 1, c, n);
	longname[n + 1] = '\0';
	return longname;
}

static void test_create_and_flags(void)
{
	int fd, fd2;
	struct stat st;

	shm_unlink("/t_open");
	CHECK_ERR(shm_open("/t_open", O_RDWR, 0600), ENOENT, "missing object without O_CREAT -> ENOENT");
	CHECK_OK(fd = shm_open("/t_open", O_RDWR | O_CREAT, 0600), "O_CREAT creates the object");
	CHECK(fd > 2, "new fd %d is above the console fds 0-2", fd);
	CHECK_OK(fstat(fd, &st), "fstat of the new object");
	CHECK_EQ(st.st_size, 0, "a new object is empty");

	CHECK_ERR(shm_open("/t_open", O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST,
		  "O_CREAT|O_EXCL on an existing name -> EEXIST");
	CHECK_OK(fd2 = shm_open("/t_open", O_RDWR | O_CREAT, 0600), "O_CREAT without O_EXCL opens the existing object");
	CHECK(fd2 != fd, "a second open gives a second fd");
	if (CHECK_OK(fd2 = shm_open("/t_open", O_RDWR, 0), "open an existing object without O_CREAT"))
		close(fd2);

	/* Both fds name one object: a size set through one shows in the other. */
	CHECK_OK(ftruncate(fd, 3 * PG), "ftruncate to 3 pages");
	CHECK_OK(fd2 = shm_open("/t_open", O_RDWR, 0), "reopen");
	CHECK_OK(fstat(fd2, &st), "fstat through the second fd");
	CHECK_EQ(st.st_size, 3 * PG, "the second fd sees the same object");
	CHECK_OK(close(fd2), "close the second fd");

	/* O_TRUNC empties an existing object. */
	char *p = mmap(0, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (CHECK(p != MAP_FAILED, "map the object")) {
		p[0] = 'x';
		munmap(p, PG);
	}
	CHECK_OK(fd2 = shm_open("/t_open", O_RDWR | O_TRUNC, 0), "open with O_TRUNC");
	CHECK_OK(fstat(fd2, &st), "fstat after O_TRUNC");
	CHECK_EQ(st.st_size, 0, "O_TRUNC sets the size to 0");
	CHECK_OK(ftruncate(fd2, PG), "grow it again");
	p = mmap(0, PG, PROT_READ, MAP_SHARED, fd2, 0);
	if (CHECK(p != MAP_FAILED, "map it again")) {
		CHECK(all_zero(p, PG), "the data from before O_TRUNC is gone (zero-filled)");
		munmap(p, PG);
	}
	close(fd2);

	/* The fd is the lowest free one (POSIX open rule). */
	CHECK_OK(close(fd), "close");
	CHECK_OK(fd2 = shm_open("/t_open", O_RDWR, 0), "reopen after close");
	CHECK_EQ(fd2, fd, "the lowest free fd is reused");
	close(fd2);
	CHECK_OK(shm_unlink("/t_open"), "shm_unlink");
}

static void test_rdonly(void)
{
	int fd, ro;
	void *p;

	REQUIRE_OK(fd = make_obj("/t_ro", SHMCTL_ANON, 0, 2 * PG), "object for the O_RDONLY checks");
	char *w = mmap(0, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (CHECK(w != MAP_FAILED, "writable shared mapping through the O_RDWR fd"))
		w[0] = 'R';
	REQUIRE_OK(ro = shm_open("/t_ro", O_RDONLY, 0), "open O_RDONLY");
	CHECK_ERR(mmap(0, PG, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0), EACCES,
		  "O_RDONLY fd, MAP_SHARED|PROT_WRITE -> EACCES");
	p = mmap(0, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
	if (CHECK(p != MAP_FAILED, "O_RDONLY fd, MAP_PRIVATE|PROT_WRITE is fine (a private copy)")) {
		CHECK(w != MAP_FAILED && *(char *)p == 'R', "the private mapping shows the object");
		*(char *)p = 'p';
		CHECK(w != MAP_FAILED && w[0] == 'R', "its write does not reach the object");
		munmap(p, PG);
	}
	CHECK_OK(p = mmap(0, PG, PROT_READ, MAP_SHARED, ro, 0), "O_RDONLY fd, MAP_SHARED|PROT_READ is fine");
	if (p != MAP_FAILED) {
		CHECK(w != MAP_FAILED && *(char *)p == 'R', "the read-only mapping sees the data");
		CHECK_ERR(mprotect(p, PG, PROT_READ | PROT_WRITE), EACCES,
			  "mprotect(PROT_WRITE) of a MAP_SHARED mapping of an O_RDONLY fd -> EACCES");
		munmap(p, PG);
	}
	errno = 0;
	int r = ftruncate(ro, 4 * PG);
	CHECK(r == -1 && (errno == EBADF || errno == EINVAL),
	      "ftruncate through an O_RDONLY fd fails (EBADF or EINVAL; got %d errno %d)", r, errno);
	close(ro);
	if (w != MAP_FAILED)
		munmap(w, PG);
	close(fd);
	shm_unlink("/t_ro");
}

static void test_names(void)
{
	int fd, fd2;

	CHECK_ERR(shm_open("", O_RDWR | O_CREAT, 0600), EINVAL, "name \"\" -> EINVAL");
	CHECK_ERR(shm_open("/", O_RDWR | O_CREAT, 0600), EINVAL, "name \"/\" -> EINVAL");
	CHECK_ERR(shm_open("/t_a/b", O_RDWR | O_CREAT, 0600), EINVAL, "a second '/' (\"/t_a/b\") -> EINVAL");
	CHECK_ERR(shm_open("/t_a/", O_RDWR | O_CREAT, 0600), EINVAL, "a second '/' at the end (\"/t_a/\") -> EINVAL");
	CHECK_ERR(shm_open(name_of_len(NAME_MAX + 1, 'n'), O_RDWR | O_CREAT, 0600), ENAMETOOLONG,
		  "a component of NAME_MAX+1 (%d) characters -> ENAMETOOLONG", NAME_MAX + 1);
	CHECK_ERR(shm_open(name_of_len(PATH_MAX + 8, 'p'), O_RDWR | O_CREAT, 0600), ENAMETOOLONG,
		  "a name longer than PATH_MAX (%d) -> ENAMETOOLONG", PATH_MAX);
	CHECK_ERR(shm_unlink(name_of_len(NAME_MAX + 1, 'n')), ENAMETOOLONG,
		  "shm_unlink of a too long name -> ENAMETOOLONG");

	/* The longest valid component works. */
	shm_unlink(name_of_len(NAME_MAX, 'm'));
	if (CHECK_OK(fd = shm_open(name_of_len(NAME_MAX, 'm'), O_RDWR | O_CREAT | O_EXCL, 0600),
		     "a component of exactly NAME_MAX (%d) characters is accepted", NAME_MAX)) {
		close(fd);
		CHECK_OK(shm_unlink(name_of_len(NAME_MAX, 'm')), "and can be unlinked");
	}

	/* The leading slash is optional: "t_lead" and "/t_lead" are one object. */
	shm_unlink("/t_lead");
	CHECK_OK(fd = shm_open("t_lead", O_RDWR | O_CREAT | O_EXCL, 0600), "name without a leading slash is accepted");
	CHECK_ERR(shm_open("/t_lead", O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST,
		  "\"/t_lead\" names the object created as \"t_lead\"");
	CHECK_OK(ftruncate(fd, PG), "size it through the first name");
	struct stat st;
	if (CHECK_OK(fd2 = shm_open("/t_lead", O_RDWR, 0), "open it with the slash")) {
		CHECK(fstat(fd2, &st) == 0 && st.st_size == PG, "same object (size seen through the other name)");
		close(fd2);
	}
	close(fd);
	CHECK_OK(shm_unlink("t_lead"), "shm_unlink without the slash");
	CHECK_ERR(shm_open("/t_lead", O_RDWR, 0), ENOENT, "gone under both spellings");
}

static void test_unlink(void)
{
	int fd, fd2;
	struct stat st;

	CHECK_ERR(shm_unlink("/t_never_created"), ENOENT, "shm_unlink of a missing name -> ENOENT");

	REQUIRE_OK(fd = make_obj("/t_unl", SHMCTL_ANON, 0, 2 * PG), "object for the unlink checks");
	char *p = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(p != MAP_FAILED, "map it");
	p[0] = 'a';
	p[PG] = 'b';
	CHECK_OK(shm_unlink("/t_unl"), "shm_unlink of an object still open and mapped");
	CHECK_ERR(shm_open("/t_unl", O_RDWR, 0), ENOENT, "the name is gone at once");
	CHECK_ERR(shm_unlink("/t_unl"), ENOENT, "a second shm_unlink -> ENOENT");
	CHECK(p[0] == 'a' && p[PG] == 'b', "the mapping still holds the data");
	p[1] = 'c';
	CHECK(p[1] == 'c', "the mapping is still writable");
	CHECK(fstat(fd, &st) == 0 && st.st_size == 2 * PG, "the fd still works (fstat size)");
	CHECK_EQ(st.st_nlink, 0, "st_nlink is 0 once unlinked");

	/* A new object may take the name; it is a different, empty object. */
	CHECK_OK(fd2 = shm_open("/t_unl", O_RDWR | O_CREAT | O_EXCL, 0600), "the name can be reused at once");
	CHECK(fstat(fd2, &st) == 0 && st.st_size == 0, "the new object is empty, not the old one");
	close(fd2);
	shm_unlink("/t_unl");

	/* Closing the last fd keeps the mapping alive too. */
	CHECK_OK(close(fd), "close the fd of the unlinked object");
	CHECK(p[0] == 'a' && p[1] == 'c', "the mapping survives the last close");
	CHECK_OK(munmap(p, 2 * PG), "munmap the last reference");
}

static void test_close(void)
{
	int fd;

	CHECK_ERR(close(-1), EBADF, "close(-1) -> EBADF");
	CHECK_ERR(close(12345), EBADF, "close of a never-opened fd -> EBADF");
	REQUIRE_OK(fd = make_obj("/t_close", SHMCTL_ANON, 0, PG), "object for the close checks");
	char *p = mmap(0, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED, "map it");
	CHECK_OK(close(fd), "close");
	CHECK_ERR(close(fd), EBADF, "close twice -> EBADF");
	struct stat st;
	CHECK_ERR(fstat(fd, &st), EBADF, "a closed fd is invalid for fstat");
	if (p != MAP_FAILED) {
		p[5] = 42;
		CHECK(p[5] == 42, "a mapping outlives the fd it came from");
		munmap(p, PG);
	}
	CHECK_OK(fd = shm_open("/t_close", O_RDWR, 0), "the object is still named after close");
	if (fd != -1)
		close(fd);
	shm_unlink("/t_close");
}

static void test_emfile(void)
{
	int fds[4096], n = 0, fd;
	shm_unlink("/t_many");
	REQUIRE_OK(fd = shm_open("/t_many", O_RDWR | O_CREAT | O_EXCL, 0600), "object to open many times");
	close(fd);
	errno = 0;
	while (n < 4096 && (fd = shm_open("/t_many", O_RDWR, 0)) != -1)
		fds[n++] = fd;
	CHECK(n > 16 && n < 4096, "the fd table has a limit (%d fds opened)", n);
	CHECK(fd == -1 && errno == EMFILE, "past it shm_open fails with EMFILE (errno %d %s)", errno,
	      check_errname(errno));
	if (n > 0) {
		close(fds[n / 2]);
		CHECK_OK(fd = shm_open("/t_many", O_RDWR, 0), "closing one fd makes room again");
		CHECK_EQ(fd, fds[n / 2], "and it is that fd that is reused");
		fds[n / 2] = fd;
	}
	for (int i = 0; i < n; i++)
		close(fds[i]);
	CHECK_OK(fd = shm_open("/t_many", O_RDWR, 0), "all closed: opening works");
	CHECK(fd > 2 && fd < 8, "and gets a low fd again (%d)", fd);
	close(fd);
	shm_unlink("/t_many");
}

int main(void)
{
	test_create_and_flags();
	test_rdonly();
	test_names();
	test_unlink();
	test_close();
	test_emfile();
	return done();
}
