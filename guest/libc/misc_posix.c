/*
 * misc_posix.c - small POSIX and BSD pieces programs expect: asprintf,
 * the drand48 family, realpath, isatty/ttyname, readv/writev,
 * setlocale/localeconv (the C locale only), basename/dirname, times.
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <time.h>

/* ---- asprintf ------------------------------------------------------ */

int vasprintf(char **s, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return -1;
	char *b = malloc((size_t)n + 1);
	if (!b)
		return -1;
	vsnprintf(b, (size_t)n + 1, fmt, ap);
	*s = b;
	return n;
}

int asprintf(char **s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(s, fmt, ap);
	va_end(ap);
	return n;
}

/* ---- drand48 -------------------------------------------------------- */

static unsigned short x48[3] = { 0x330e, 0xabcd, 0x1234 };
static unsigned short a48[3] = { 0xe66d, 0xdeec, 0x0005 };
static unsigned short c48 = 0x000b;

/* Step x (three 16-bit words, low first) once; the new 48-bit value. */
static unsigned long long step48(unsigned short x[3])
{
	unsigned long long X = (unsigned long long)x[2] << 32 | (unsigned long long)x[1] << 16 | x[0];
	unsigned long long A = (unsigned long long)a48[2] << 32 | (unsigned long long)a48[1] << 16 | a48[0];
	X = (A * X + c48) & 0xffffffffffffull;
	x[0] = (unsigned short)X;
	x[1] = (unsigned short)(X >> 16);
	x[2] = (unsigned short)(X >> 32);
	return X;
}

double erand48(unsigned short x[3]) { return (double)step48(x) / 281474976710656.0; }
double drand48(void)                { return erand48(x48); }
long nrand48(unsigned short x[3])   { return (long)(step48(x) >> 17); }
long lrand48(void)                  { return nrand48(x48); }
long jrand48(unsigned short x[3])   { return (long)(int)(unsigned)(step48(x) >> 16); }
long mrand48(void)                  { return jrand48(x48); }

void srand48(long seed)
{
	x48[0] = 0x330e;
	x48[1] = (unsigned short)seed;
	x48[2] = (unsigned short)((unsigned long)seed >> 16);
	a48[0] = 0xe66d; a48[1] = 0xdeec; a48[2] = 0x0005;
	c48 = 0x000b;
}

unsigned short *seed48(unsigned short s[3])
{
	static unsigned short old[3];
	memcpy(old, x48, sizeof old);
	memcpy(x48, s, sizeof x48);
	a48[0] = 0xe66d; a48[1] = 0xdeec; a48[2] = 0x0005;
	c48 = 0x000b;
	return old;
}

void lcong48(unsigned short p[7])
{
	memcpy(x48, p, sizeof x48);
	memcpy(a48, p + 3, sizeof a48);
	c48 = p[6];
}

/* ---- realpath ------------------------------------------------------- */

char *realpath(const char *restrict path, char *restrict buf)
{
	if (!path) {
		errno = EINVAL;
		return NULL;
	}
	if (!*path) {
		errno = ENOENT;
		return NULL;
	}
	char full[PATH_MAX];
	size_t len = 0;
	if (path[0] != '/') {
		if (!getcwd(full, sizeof full))
			return NULL;
		len = strlen(full);
	}
	/* Append each component of path to full, folding "." and "..". */
	for (const char *p = path; *p; ) {
		while (*p == '/')
			p++;
		const char *e = p;
		while (*e && *e != '/')
			e++;
		size_t n = (size_t)(e - p);
		if (n == 0 || (n == 1 && p[0] == '.')) {
			/* nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (len > 0 && full[len - 1] != '/')
				len--;
			if (len > 0)
				len--;
		} else {
			if (len + 1 + n >= sizeof full) {
				errno = ENAMETOOLONG;
				return NULL;
			}
			full[len++] = '/';
			memcpy(full + len, p, n);
			len += n;
		}
		p = e;
	}
	if (len == 0)
		full[len++] = '/';
	full[len] = '\0';
	struct stat st;
	if (stat(full, &st) != 0)
		return NULL;
	if (!buf)
		return strdup(full);
	memcpy(buf, full, len + 1);
	return buf;
}

/* ---- terminals -------------------------------------------------------- */

/* No descriptor is a terminal: ENOTTY if fd is open, EBADF if not. */
int ttyname_r(int fd, char *buf, size_t n)
{
	(void)buf; (void)n;
	struct stat st;
	return fstat(fd, &st) == 0 ? ENOTTY : EBADF;
}

int isatty(int fd)
{
	errno = ttyname_r(fd, NULL, 0);
	return 0;
}

char *ttyname(int fd)
{
	errno = ttyname_r(fd, NULL, 0);
	return NULL;
}

/* ---- scatter/gather ------------------------------------------------- */

/* A bounce buffer for iov[0..n) and its size in *total; NULL with errno
 * EINVAL (n negative or over IOV_MAX, or more than SSIZE_MAX in all; n ==
 * 0 is a zero-length transfer, as on Linux) or ENOMEM. */
static char *bounce(const struct iovec *iov, int n, size_t *total)
{
	if (n < 0 || n > IOV_MAX) {
		errno = EINVAL;
		return NULL;
	}
	size_t t = 0;
	for (int i = 0; i < n; i++) {
		if (iov[i].iov_len > (size_t)SSIZE_MAX - t) {
			errno = EINVAL;
			return NULL;
		}
		t += iov[i].iov_len;
	}
	char *b = malloc(t ? t : 1);
	if (!b)
		errno = ENOMEM;
	*total = t;
	return b;
}

/* One write of the gathered buffers, so a pipe keeps it atomic up to PIPE_BUF. */
ssize_t writev(int fd, const struct iovec *iov, int n)
{
	size_t total, off = 0;
	char *b = bounce(iov, n, &total);
	if (!b)
		return -1;
	for (int i = 0; i < n; i++) {
		memcpy(b + off, iov[i].iov_base, iov[i].iov_len);
		off += iov[i].iov_len;
	}
	ssize_t r = write(fd, b, total);
	free(b);
	return r;
}

/* One read, scattered over the buffers in order. */
ssize_t readv(int fd, const struct iovec *iov, int n)
{
	size_t total, off = 0;
	char *b = bounce(iov, n, &total);
	if (!b)
		return -1;
	ssize_t r = read(fd, b, total);
	for (int i = 0; r > 0 && i < n && off < (size_t)r; i++) {
		size_t k = (size_t)r - off < iov[i].iov_len ? (size_t)r - off : iov[i].iov_len;
		memcpy(iov[i].iov_base, b + off, k);
		off += k;
	}
	free(b);
	return r;
}

/* ---- locale ------------------------------------------------------------ */

/* setlocale(cat, name): only the C locale exists ("C", "POSIX" and ""
 * name it); "C", or NULL for another name or a bad category. */
char *setlocale(int cat, const char *name)
{
	static char c[] = "C";
	if (cat < LC_ALL || cat > LC_MESSAGES)
		return NULL;
	if (name && *name && strcmp(name, "C") && strcmp(name, "POSIX"))
		return NULL;
	return c;
}

struct lconv *localeconv(void)
{
	static struct lconv l = {
		".", "", "", "", "", "", "", "", "", "",
		CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX,
		CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX,
	};
	return &l;
}

/* ---- basename / dirname (POSIX: they may modify path) ------------------ */

char *basename(char *path)
{
	static char dot[] = ".", slash[] = "/";
	if (!path || !*path)
		return dot;
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0';
	if (n == 1 && path[0] == '/')
		return slash;
	char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

char *dirname(char *path)
{
	static char dot[] = ".", slash[] = "/";
	if (!path || !*path)
		return dot;
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	while (n > 0 && path[n - 1] != '/')
		n--;
	if (n == 0)
		return dot;
	while (n > 1 && path[n - 1] == '/')
		n--;
	if (n == 1 && path[0] == '/')
		return slash;
	path[n] = '\0';
	return path;
}

/* ---- times ------------------------------------------------------------- */

/* A timeval in clock ticks (100 a second). */
static clock_t ticks_of(const struct timeval *tv)
{
	return (clock_t)((unsigned long long)tv->tv_sec * 100 + (unsigned long long)tv->tv_usec / 10000);
}

clock_t times(struct tms *t)
{
	struct rusage self, kids;
	if (t && (getrusage(RUSAGE_SELF, &self) != 0 || getrusage(RUSAGE_CHILDREN, &kids) != 0))
		return (clock_t)-1;
	if (t) {
		t->tms_utime = ticks_of(&self.ru_utime);
		t->tms_stime = ticks_of(&self.ru_stime);
		t->tms_cutime = ticks_of(&kids.ru_utime);
		t->tms_cstime = ticks_of(&kids.ru_stime);
	}
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (clock_t)((unsigned long long)now.tv_sec * 100 + (unsigned long long)now.tv_nsec / 10000000);
}
