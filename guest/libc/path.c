/*
 * path.c - paths and directories: getcwd/chdir, umask, access, mkdir,
 * rmdir, rename, fsync, opendir/readdir, pathconf, mkstemp/mkdtemp,
 * mmap2 (kernel calls 150-179, sim/kcall/kcall_path.c).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "libc.h"

char *getcwd(char *buf, size_t size)
{
	if (!buf || size == 0) {
		errno = buf ? EINVAL : ERANGE;
		return NULL;
	}
	return __kc_ret(KC2(KC_GETCWD, KA_PTR(buf), (long)size)) < 0 ? NULL : buf;
}

int chdir(const char *path)
{
	return (int)__kc_ret(KC1(KC_CHDIR, KA_PTR(path)));
}

mode_t umask(mode_t mask)
{
	return (mode_t)KC1(KC_UMASK, (long)mask);
}

int access(const char *path, int mode)
{
	return (int)__kc_ret(KC2(KC_ACCESS, KA_PTR(path), mode));
}

int mkdir(const char *path, mode_t mode)
{
	return (int)__kc_ret(KC2(KC_MKDIR, KA_PTR(path), (long)mode));
}

int rmdir(const char *path)
{
	return (int)__kc_ret(KC1(KC_RMDIR, KA_PTR(path)));
}

int rename(const char *from, const char *to)
{
	return (int)__kc_ret(KC2(KC_RENAME, KA_PTR(from), KA_PTR(to)));
}

int fsync(int fd)
{
	return (int)__kc_ret(KC1(KC_FSYNC, fd));
}

int fdatasync(int fd)
{
	return fsync(fd);
}

/* The _PC_ value every mmsim file system has. */
static long pc_value(int name)
{
	switch (name) {
	case _PC_LINK_MAX:   return 127;
	case _PC_MAX_CANON:  return 255;
	case _PC_MAX_INPUT:  return 255;
	case _PC_NAME_MAX:   return NAME_MAX;
	case _PC_PATH_MAX:   return PATH_MAX;
	case _PC_PIPE_BUF:   return PIPE_BUF;
	case _PC_CHOWN_RESTRICTED: return 1;
	case _PC_NO_TRUNC:   return 1;
	case _PC_VDISABLE:   return 0;
	default:
		errno = EINVAL;
		return -1;
	}
}

long pathconf(const char *path, int name)
{
	if (access(path, F_OK) < 0)
		return -1;
	return pc_value(name);
}

long fpathconf(int fd, int name)
{
	if (fcntl(fd, F_GETFD) < 0)
		return -1;
	return pc_value(name);
}

/* ---- directories --------------------------------------------------------- */

struct __dir {
	char          path[PATH_MAX];
	unsigned      index;
	struct dirent ent;
};

DIR *opendir(const char *path)
{
	char buf[260];
	long r = __kc_ret(KC5(KC_READDIR, KA_PTR(path), 0, KA_PTR(buf), (long)sizeof buf, 0));
	if (r < 0)
		return NULL;
	DIR *d = malloc(sizeof *d);
	if (!d) {
		errno = ENOMEM;
		return NULL;
	}
	if (path[0] != '/' && getcwd(d->path, sizeof d->path)) {   /* later chdirs do not move it */
		size_t n = strlen(d->path);
		snprintf(d->path + n, sizeof d->path - n, "/%s", path);
	} else {
		snprintf(d->path, sizeof d->path, "%s", path);
	}
	d->index = 0;
	return d;
}

struct dirent *readdir(DIR *d)
{
	char buf[260];
	int e = errno;
	long r = __kc_ret(KC5(KC_READDIR, KA_PTR(d->path), (long)d->index, KA_PTR(buf),
			      (long)sizeof buf, 0));
	if (r <= 0) {
		if (r == 0)
			errno = e;
		return NULL;
	}
	d->index++;
	d->ent.d_ino = 0;
	d->ent.d_type = (unsigned char)buf[0];
	snprintf(d->ent.d_name, sizeof d->ent.d_name, "%s", buf + 2);
	return &d->ent;
}

void rewinddir(DIR *d)
{
	d->index = 0;
}

int closedir(DIR *d)
{
	free(d);
	return 0;
}

/* ---- temporary names ------------------------------------------------------ */

/* Fill the XXXXXX of t (checked by the caller) with try number n of this
 * process: deterministic names, different per process. */
static void temp_name(char *x, unsigned n)
{
	static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned v = (unsigned)getpid() * 7919u + n * 104729u;
	for (int i = 0; i < 6; i++) {
		x[i] = digits[v % 36];
		v /= 36;
	}
}

/* The XXXXXX at the end of t, or NULL with EINVAL. */
static char *temp_x(char *t)
{
	size_t n = strlen(t);
	if (n < 6 || strcmp(t + n - 6, "XXXXXX")) {
		errno = EINVAL;
		return NULL;
	}
	return t + n - 6;
}

static unsigned temp_count;

int mkstemp(char *t)
{
	char *x = temp_x(t);
	if (!x)
		return -1;
	for (int tries = 0; tries < 1000; tries++) {
		temp_name(x, temp_count++);
		int fd = open(t, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

char *mkdtemp(char *t)
{
	char *x = temp_x(t);
	if (!x)
		return NULL;
	for (int tries = 0; tries < 1000; tries++) {
		temp_name(x, temp_count++);
		if (mkdir(t, 0700) == 0)
			return t;
		if (errno != EEXIST)
			return NULL;
	}
	return NULL;
}

/* remap_file_pages(addr, size, prot, pgoff, flags): Linux's deprecated
 * call, emulated as Linux does (an mmap of the same object). */
int remap_file_pages(void *addr, size_t size, int prot, size_t pgoff, int flags)
{
	return (int)__kc_ret(__kcall(KC_REMAP_FILE_PAGES, KA_PTR(addr), (long)size, prot,
				     (long)pgoff, flags, 0, 0));
}

/* mmap2(addr, len, prot, flags, fd, pgoff): mmap with the offset in
 * 4096-byte units (Linux's call). */
void *mmap2(void *addr, size_t len, int prot, int flags, int fd, off_t pgoff)
{
	return mmap(addr, len, prot, flags, fd, pgoff * 4096);
}

/* ---- scandir ------------------------------------------------------------ */

int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcoll((*a)->d_name, (*b)->d_name);
}

/* qsort's comparison, calling scandir's comparator on the entries. */
static int by_compar(const void *a, const void *b, void *compar)
{
	return (*(int (**)(const struct dirent **, const struct dirent **))compar)(
		(const struct dirent **)a, (const struct dirent **)b);
}

int scandir(const char *dir, struct dirent ***list, int (*filter)(const struct dirent *),
	    int (*compar)(const struct dirent **, const struct dirent **))
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	struct dirent **v = NULL, *e;
	size_t n = 0, cap = 0;
	while ((e = readdir(d))) {
		if (filter && !filter(e))
			continue;
		if (n == cap) {
			struct dirent **nv = realloc(v, (cap = cap ? 2 * cap : 16) * sizeof *v);
			if (!nv)
				goto nomem;
			v = nv;
		}
		if (!(v[n] = malloc(sizeof *e)))
			goto nomem;
		memcpy(v[n++], e, sizeof *e);
	}
	closedir(d);
	if (compar)
		qsort_r(v, n, sizeof *v, by_compar, &compar);
	*list = v;
	return (int)n;
nomem:
	while (n)
		free(v[--n]);
	free(v);
	closedir(d);
	errno = ENOMEM;
	return -1;
}
