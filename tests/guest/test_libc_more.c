/*
 * test_libc_more.c - the smaller POSIX/GNU/BSD interfaces programs
 * expect: getopt_long, asprintf, aligned allocation, qsort_r, the
 * drand48 family, realpath, isatty, readv/writev, the C locale,
 * basename/dirname, strlcpy, wide characters, pthread_once, thread-specific data,
 * read-write locks, barriers, spin locks and the compiler's atomics
 * (out of line on ARMv5).  Built natively too
 * (native_libc_more), so each result is Linux's.
 */
#include <dirent.h>
#include <endian.h>
#include <err.h>
#include <errno.h>
#include <fnmatch.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <search.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>
#include <sys/param.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include "check.h"

/* ---- getopt_long ---------------------------------------------------------- */

static void test_getopt_long(void)
{
	int verbose = 0, idx = -1;
	const struct option lo[] = {
		{ "verbose", no_argument, &verbose, 7 },
		{ "name", required_argument, NULL, 'n' },
		{ "size", required_argument, NULL, 's' },
		{ "flag", no_argument, NULL, 'f' },
		{ "level", optional_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	char *av[] = { "prog", "--verbose", "--name=x", "--size", "12", "-a", "--fl", "--level",
		       "--level=3", "rest", NULL };
	int ac = 10;
	opterr = 0;
	optind = 0;
	CHECK_EQ(getopt_long(ac, av, "ab", lo, &idx), 0, "--verbose sets its flag, returns 0");
	CHECK(verbose == 7 && idx == 0, "flag %d index %d", verbose, idx);
	CHECK_EQ(getopt_long(ac, av, "ab", lo, &idx), 'n', "--name=x");
	CHECK(optarg && !strcmp(optarg, "x") && idx == 1, "--name=x optarg");
	CHECK_EQ(getopt_long(ac, av, "ab", lo, &idx), 's', "--size 12");
	CHECK(optarg && !strcmp(optarg, "12"), "--size optarg is the next word");
	CHECK_EQ(getopt_long(ac, av, "ab", lo, &idx), 'a', "short option between long ones");
	CHECK_EQ(getopt_long(ac, av, "ab", lo, &idx), 'f', "--fl: unique prefix of --flag");
	CHECK_EQ(getopt_long(ac, av, "ab", lo, &idx), 'l', "--level");
	CHECK(optarg == NULL, "--level alone: no optional argument");
	CHECK_EQ(getopt_long(ac, av, "ab", lo, &idx), 'l', "--level=3");
	CHECK(optarg && !strcmp(optarg, "3"), "--level=3 optarg");
	CHECK_EQ(getopt_long(ac, av, "ab", lo, &idx), -1, "operand ends the options");
	CHECK(optind == 9 && !strcmp(av[optind], "rest"), "optind %d at the operand", optind);

	char *bad[] = { "prog", "--bogus", "--verbose=1", "--name", NULL };
	optind = 0;
	CHECK_EQ(getopt_long(4, bad, "", lo, NULL), '?', "unknown long option");
	CHECK_EQ(getopt_long(4, bad, "", lo, NULL), '?', "argument to a no_argument option");
	CHECK_EQ(getopt_long(4, bad, "", lo, NULL), '?', "--name without its argument");
	CHECK_EQ(getopt_long(4, bad, ":", lo, NULL), -1, "then the end");
	char *miss[] = { "prog", "--size", NULL };
	optind = 0;
	CHECK_EQ(getopt_long(2, miss, ":", lo, NULL), ':', "missing argument with a leading ':'");

	char *only[] = { "prog", "-name=y", "-a", NULL };
	optind = 0;
	CHECK_EQ(getopt_long_only(3, only, "a", lo, &idx), 'n', "getopt_long_only: -name=y");
	CHECK(optarg && !strcmp(optarg, "y"), "getopt_long_only optarg");
	CHECK_EQ(getopt_long_only(3, only, "a", lo, &idx), 'a', "getopt_long_only: -a stays short");
	char *only2[] = { "prog", "-n", "v", "-fl", "-s", "4", NULL };
	optind = 0;
	CHECK_EQ(getopt_long_only(6, only2, "n:", lo, &idx), 'n', "getopt_long_only: -n is the short option n");
	CHECK(optarg && !strcmp(optarg, "v"), "its argument");
	CHECK_EQ(getopt_long_only(6, only2, "n:", lo, &idx), 'f', "getopt_long_only: -fl is --flag");
	CHECK_EQ(getopt_long_only(6, only2, "n:", lo, &idx), 's', "getopt_long_only: -s (not short) is --size");
	CHECK(optarg && !strcmp(optarg, "4"), "--size's argument");
	optind = 1;
	opterr = 1;
}

/* ---- stdlib, stdio, string ------------------------------------------------------- */

static int by_key(const void *a, const void *b, void *arg)
{
	int x = *(const int *)a, y = *(const int *)b, dir = *(const int *)arg;
	return dir * ((x > y) - (x < y));
}

static void test_stdlib_more(void)
{
	char *s = NULL;
	CHECK_EQ(asprintf(&s, "%d-%s", 42, "x"), 4, "asprintf length");
	CHECK(s && !strcmp(s, "42-x"), "asprintf text");
	free(s);

	void *p = NULL;
	CHECK_EQ(posix_memalign(&p, 4096, 100), 0, "posix_memalign 4096");
	CHECK(p && ((uintptr_t)p & 4095) == 0, "aligned to 4096: %p", p);
	memset(p, 0x5a, 100);
	char *q = realloc(p, 10000);
	CHECK(q && q[0] == 0x5a && q[99] == 0x5a, "realloc of an aligned block keeps its bytes");
	free(q);
	CHECK_EQ(posix_memalign(&p, 3, 8), EINVAL, "posix_memalign: alignment not a power of two");
	CHECK_EQ(posix_memalign(&p, 64, 8), 0, "posix_memalign 64");
	CHECK(((uintptr_t)p & 63) == 0, "aligned to 64");
	free(p);
	void *a = aligned_alloc(256, 512), *v = valloc(10);
	CHECK(a && ((uintptr_t)a & 255) == 0, "aligned_alloc 256");
	CHECK(v && ((uintptr_t)v & 4095) == 0, "valloc: page aligned");
	free(a);
	free(v);
	void *big = NULL;
	CHECK_EQ(posix_memalign(&big, 65536, 300000), 0, "posix_memalign of a large block");
	CHECK(((uintptr_t)big & 65535) == 0, "large block aligned to 64 KiB");
	memset(big, 1, 300000);
	free(big);

	int arr[] = { 5, 1, 4, 2, 3 }, down = -1;
	qsort_r(arr, 5, sizeof arr[0], by_key, &down);
	CHECK(arr[0] == 5 && arr[1] == 4 && arr[4] == 1, "qsort_r passes its argument (descending)");

	unsigned seed = 7, seed2 = 7;
	int r0 = rand_r(&seed);
	CHECK(r0 >= 0 && r0 <= RAND_MAX && r0 == rand_r(&seed2) && seed == seed2, "rand_r: the seed is the whole state");
	CHECK(rand_r(&seed) != r0 || rand_r(&seed) != r0, "rand_r moves on");

	srand48(12345);
	long r1 = lrand48(), r2 = lrand48(), r3 = mrand48();
	double d = drand48();
	CHECK(r1 == 483889296 && r2 == 1973930609 && r3 == 888376418, "lrand48/mrand48 after srand48: %ld %ld %ld",
	      r1, r2, r3);
	CHECK(d > 0.7247797202 && d < 0.7247797203, "drand48 %.12f", d);
	unsigned short x[3] = { 1, 2, 3 };
	long n1 = nrand48(x), j1 = jrand48(x);
	CHECK(n1 == 949179875 && j1 == 1130126687, "nrand48/jrand48 on their own state: %ld %ld", n1, j1);
	CHECK(x[0] == 61731 && x[1] == 23903 && x[2] == 17244, "the state advanced");
	unsigned short s48[3] = { 0x1111, 0x2222, 0x3333 };
	seed48(s48);
	CHECK_EQ(lrand48(), 175951553, "seed48");
	unsigned short p7[7] = { 1, 2, 3, 5, 0, 0, 7 };
	lcong48(p7);
	CHECK_EQ(lrand48(), 491525, "lcong48 sets the multiplier and addend");

#if !defined(NATIVE_HOST) || (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 38)
	char b4[4];
	CHECK_EQ(strlcpy(b4, "hello", sizeof b4), 5, "strlcpy returns the source length");
	CHECK(!strcmp(b4, "hel"), "strlcpy cuts and terminates");
	char b8[8] = "ab";
	CHECK_EQ(strlcat(b8, "cdefghij", sizeof b8), 10, "strlcat returns the length it tried");
	CHECK(!strcmp(b8, "abcdefg"), "strlcat cuts and terminates: %s", b8);
#endif
}

/* ---- files ------------------------------------------------------------------------- */

static void test_files_more(void)
{
	char buf[PATH_MAX];
	CHECK(realpath("/tmp/../tmp/./", buf) && !strcmp(buf, "/tmp"), "realpath folds . and ..");
	char *m = realpath("//tmp", NULL);
	CHECK(m && !strcmp(m, "/tmp"), "realpath into a malloc'd buffer: %s", m ? m : "(null)");
	free(m);
	CHECK(realpath("/", buf) && !strcmp(buf, "/"), "realpath of /");
	errno = 0;
	CHECK(realpath("/tmp/no-such-file-here", buf) == NULL && errno == ENOENT, "realpath: ENOENT");

	int fd = open("/tmp/libc_more_file", O_CREAT | O_RDWR | O_TRUNC, 0600);
	REQUIRE(fd >= 0, "open a file");
	errno = 0;
	CHECK(isatty(fd) == 0 && errno == ENOTTY, "isatty(file): 0, ENOTTY");
	errno = 0;
	CHECK(isatty(99) == 0 && errno == EBADF, "isatty(closed): 0, EBADF");
	CHECK(ttyname(fd) == NULL, "ttyname(file): NULL");
	close(fd);
	unlink("/tmp/libc_more_file");

	int pfd[2];
	REQUIRE(pipe(pfd) == 0, "pipe");
	struct iovec out[3] = { { "ab", 2 }, { "", 0 }, { "cdef", 4 } };
	CHECK_EQ(writev(pfd[1], out, 3), 6, "writev gathers");
	char x[3], y[5] = { 0 };
	struct iovec in[2] = { { x, sizeof x }, { y, 4 } };
	CHECK_EQ(readv(pfd[0], in, 2), 6, "readv scatters");
	CHECK(!memcmp(x, "abc", 3) && !strcmp(y, "def"), "readv filled the buffers in order");
	CHECK_EQ(writev(pfd[1], out, 0), 0, "writev of 0 buffers: nothing written");
	volatile int neg = -1;                   /* (hidden from the compiler's checks) */
	CHECK_ERR(writev(pfd[1], out, neg), EINVAL, "writev of -1 buffers");
	CHECK_ERR(readv(99, in, 2), EBADF, "readv of a closed fd");
	close(pfd[0]);
	close(pfd[1]);

	/* CPU time goes up (under mmsim, simulated: 1 us per kernel call). */
	struct tms t0, t1;
	clock_t c0 = times(&t0), c1 = c0;
	long calls = 0;
	do {
		getppid();
		c1 = times(&t1);
	} while (t1.tms_utime + t1.tms_stime == t0.tms_utime + t0.tms_stime && ++calls < 5000000);
	CHECK(c0 != (clock_t)-1 && c1 - c0 < 100000, "times: elapsed ticks %lu", (unsigned long)(c1 - c0));
	CHECK(t1.tms_utime + t1.tms_stime > t0.tms_utime + t0.tms_stime, "times: CPU time went up (%ld calls)",
	      calls);
	CHECK(t1.tms_cutime == 0 && t1.tms_cstime == 0, "times: no children yet");
	CHECK(times(NULL) != (clock_t)-1, "times(NULL), as on Linux");
}

/* ---- locale, libgen ----------------------------------------------------------------- */

static void test_locale_libgen(void)
{
	CHECK(setlocale(LC_ALL, "C") && !strcmp(setlocale(LC_ALL, NULL), "C"), "setlocale C");
	CHECK(setlocale(LC_NUMERIC, "POSIX") != NULL, "setlocale POSIX");
	CHECK(setlocale(LC_ALL, "xx_NO.such-locale") == NULL, "setlocale of an unknown locale");
	struct lconv *lc = localeconv();
	CHECK(lc && !strcmp(lc->decimal_point, ".") && lc->frac_digits == CHAR_MAX, "localeconv: C values");

	static const struct { const char *path, *base, *dir; } t[] = {
		{ "/usr/lib", "lib", "/usr" }, { "/usr/", "usr", "/" }, { "usr", "usr", "." },
		{ "/", "/", "/" }, { ".", ".", "." }, { "..", "..", "." }, { "a/b//", "b", "a" },
		{ "/a/b/c", "c", "/a/b" }, { "", ".", "." },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char b1[32], b2[32];
		strcpy(b1, t[i].path);
		strcpy(b2, t[i].path);
		const char *bn = basename(b1), *dn = dirname(b2);
		CHECK(!strcmp(bn, t[i].base) && !strcmp(dn, t[i].dir), "basename/dirname \"%s\": \"%s\" \"%s\"",
		      t[i].path, bn, dn);
	}
	CHECK(!strcmp(dirname(NULL), ".") && !strcmp(basename(NULL), "."), "NULL path: \".\"");
}

/* ---- processes, messages, directories ---------------------------------------------- */

/* Run fn in a child with stderr on a pipe; its exit status and what it wrote. */
static int child_stderr(void (*fn)(void), char *out, size_t n)
{
	int p[2];
	if (pipe(p) != 0)
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 2);
		close(p[0]);
		fn();
		_exit(0);
	}
	close(p[1]);
	size_t k = 0;
	ssize_t r;
	while (k + 1 < n && (r = read(p[0], out + k, n - 1 - k)) > 0)
		k += (size_t)r;
	out[k] = 0;
	close(p[0]);
	int st;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void say_errs(void)
{
	warnx("x %d", 1);
	errno = ENOENT;
	warn("w");
	errno = EACCES;
	err(3, "bye");
}

static int no_dots(const struct dirent *e) { return e->d_name[0] != '.'; }

static void test_process_more(void)
{
	char out[512], want[512];
	const char *me = program_invocation_short_name;
	CHECK_EQ(child_stderr(say_errs, out, sizeof out), 3, "err exits with its status");
	snprintf(want, sizeof want, "%s: x 1\n%s: w: %s\n%s: bye: %s\n", me, me, strerror(ENOENT), me,
		 strerror(EACCES));
	CHECK(!strcmp(out, want), "warnx/warn/err messages: \"%s\"", out);

	if (system(NULL)) {                       /* a shell: the host, or a --root with one */
		int st = system("exit 3");
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3, "system: the shell's status");
		FILE *f = popen("echo hi", "r");
		char line[16] = "";
		CHECK(f && fgets(line, sizeof line, f) && !strcmp(line, "hi\n"), "popen r reads the output");
		CHECK(f && pclose(f) == 0, "pclose: status 0");
	} else {                                  /* mmsim: no /bin/sh */
		int st = system("true");
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 127, "system without a shell: 127");
		FILE *f = popen("echo hi", "r");
		CHECK(f && fgetc(f) == EOF, "popen without a shell: end of file");
		st = f ? pclose(f) : -1;
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 127, "pclose without a shell: 127");
	}
#ifndef NATIVE_HOST                              /* undefined by POSIX; glibc closes it */
	errno = 0;
	CHECK(pclose(stdin) == -1 && errno == ECHILD, "pclose of a stream popen did not make: ECHILD");
#endif

	struct timespec t0, t1, d = { 0, 2000000 };
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &d, NULL), 0, "clock_nanosleep relative");
	struct timespec abs = t0;
	abs.tv_nsec += 5000000;
	if (abs.tv_nsec >= 1000000000L) {
		abs.tv_nsec -= 1000000000L;
		abs.tv_sec++;
	}
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL), 0, "clock_nanosleep absolute");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	CHECK(t1.tv_sec > abs.tv_sec || (t1.tv_sec == abs.tv_sec && t1.tv_nsec >= abs.tv_nsec),
	      "woke at or after the absolute time");
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t0, NULL), 0, "absolute time in the past");
	errno = 0;
	CHECK(clock_nanosleep(12345, 0, &d, NULL) == EINVAL && errno == 0, "bad clock: EINVAL, errno untouched");
	struct timespec bad = { 0, 1000000000L };
	CHECK_EQ(clock_nanosleep(CLOCK_REALTIME, 0, &bad, NULL), EINVAL, "bad nanoseconds: EINVAL");

	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0)
		_exit(5);
	int st = 0;
	struct rusage ru;
	CHECK(wait4(pid, &st, 0, &ru) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 5, "wait4");
	CHECK(ru.ru_utime.tv_sec < 10 && ru.ru_utime.tv_usec < 1000000 && ru.ru_stime.tv_usec < 1000000,
	      "wait4 fills the usage (a short child: %ld.%06ld s)", (long)ru.ru_utime.tv_sec,
	      (long)ru.ru_utime.tv_usec);
	if ((pid = fork()) == 0)
		_exit(6);
	CHECK(wait3(&st, 0, NULL) == pid && WEXITSTATUS(st) == 6, "wait3");

	mkdir("/tmp/scandir_t", 0755);
	const char *names[] = { "b", "c", "a" };
	for (int i = 0; i < 3; i++) {
		char path[64];
		snprintf(path, sizeof path, "/tmp/scandir_t/%s", names[i]);
		close(open(path, O_CREAT | O_WRONLY, 0600));
	}
	struct dirent **list;
	int n = scandir("/tmp/scandir_t", &list, no_dots, alphasort);
	CHECK(n == 3 && !strcmp(list[0]->d_name, "a") && !strcmp(list[1]->d_name, "b") &&
	      !strcmp(list[2]->d_name, "c"), "scandir with a filter and alphasort: %d", n);
	for (int i = 0; i < n; i++)
		free(list[i]);
	free(list);
	errno = 0;
	CHECK(scandir("/tmp/no-such-dir", &list, NULL, NULL) == -1 && errno == ENOENT, "scandir: ENOENT");
	for (int i = 0; i < 3; i++) {
		char path[64];
		snprintf(path, sizeof path, "/tmp/scandir_t/%s", names[i]);
		unlink(path);
	}
	rmdir("/tmp/scandir_t");

	CHECK(MIN(3, 4) == 3 && MAX(3, 4) == 4 && howmany(10, 4) == 3 && roundup(10, 4) == 12 &&
	      MAXPATHLEN >= 256, "<sys/param.h>");
#ifndef NATIVE_HOST
	int arr[7];
	CHECK(nitems(arr) == 7 && powerof2(64) && !powerof2(48), "<sys/param.h>: the BSD nitems, powerof2");
#endif
	uint32_t be = htobe32(0x01020304), le = htole32(0x01020304);
	unsigned char b[4], l[4];
	memcpy(b, &be, 4);
	memcpy(l, &le, 4);
	CHECK(b[0] == 1 && b[3] == 4 && l[0] == 4 && l[3] == 1 && be32toh(be) == 0x01020304,
	      "<endian.h> conversions");
}

/* ---- syslog, fnmatch, search.h ------------------------------------------------------ */

static void say_log(void)
{
	openlog("tst", LOG_PID | LOG_PERROR, LOG_USER);
	errno = ENOENT;
	syslog(LOG_ERR, "oops %d: %m", 7);
	setlogmask(LOG_UPTO(LOG_ERR));
	syslog(LOG_DEBUG, "hidden");
	closelog();
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static int walked[16], nwalked;
static void collect(const void *node, VISIT v, int depth)
{
	(void)depth;
	if ((v == postorder || v == leaf) && nwalked < 16)
		walked[nwalked++] = **(int *const *)node;
}

static void test_search_more(void)
{
	char out[256], want[256];
	CHECK_EQ(child_stderr(say_log, out, sizeof out), 0, "syslog child");
	snprintf(want, sizeof want, "tst[");
	char *rb = strchr(out, ']');
	CHECK(!strncmp(out, want, 4) && rb && !strcmp(rb, "]: oops 7: No such file or directory\n"),
	      "syslog: ident[pid]: text with %%m, masked DEBUG line absent: \"%s\"", out);

	static const struct { const char *p, *s; int flags, match; } fm[] = {
		{ "*.c", "main.c", 0, 1 }, { "*.c", "main.h", 0, 0 }, { "m?in.[ch]", "main.h", 0, 1 },
		{ "[a-c]x", "bx", 0, 1 }, { "[!a-c]x", "bx", 0, 0 }, { "[^a-c]x", "dx", 0, 1 },
		{ "[[:digit:]]*", "7up", 0, 1 }, { "[[:alpha:]]", "7", 0, 0 }, { "a\\*", "a*", 0, 1 },
		{ "a\\*", "ab", 0, 0 }, { "*/b", "a/x/b", 0, 1 }, { "*/b", "a/x/b", FNM_PATHNAME, 0 },
		{ "a/*/b", "a/x/b", FNM_PATHNAME, 1 }, { "*", ".hidden", FNM_PERIOD, 0 },
		{ ".*", ".hidden", FNM_PERIOD, 1 }, { "a/*", "a/.h", FNM_PATHNAME | FNM_PERIOD, 0 },
		{ "ABC", "abc", FNM_CASEFOLD, 1 }, { "ABC", "abc", 0, 0 }, { "[a", "[a", 0, 1 },
		{ "", "", 0, 1 }, { "**x", "abx", 0, 1 },
	};
	for (size_t i = 0; i < sizeof fm / sizeof fm[0]; i++)
		CHECK((fnmatch(fm[i].p, fm[i].s, fm[i].flags) == 0) == fm[i].match,
		      "fnmatch(\"%s\", \"%s\", %#x) %s", fm[i].p, fm[i].s, fm[i].flags,
		      fm[i].match ? "matches" : "does not match");
	CHECK_EQ(fnmatch("x", "y", 0), FNM_NOMATCH, "FNM_NOMATCH");

	static int keys[] = { 50, 20, 80, 10, 30, 70, 90 };
	void *root = NULL;
	for (int i = 0; i < 7; i++)
		CHECK(tsearch(&keys[i], &root, cmp_int) != NULL, "tsearch %d", keys[i]);
	int dup = 30;
	CHECK(*(int **)tsearch(&dup, &root, cmp_int) == &keys[4], "tsearch of a present key finds it");
	int k = 70, absent = 55;
	CHECK(tfind(&k, &root, cmp_int) && **(int **)tfind(&k, &root, cmp_int) == 70, "tfind");
	CHECK(tfind(&absent, &root, cmp_int) == NULL, "tfind of an absent key");
	nwalked = 0;
	twalk(root, collect);
	CHECK(nwalked == 7 && walked[0] == 10 && walked[3] == 50 && walked[6] == 90, "twalk in order");
	CHECK(tdelete(&keys[0], &root, cmp_int) != NULL, "tdelete of the root (two children)");
	CHECK(tdelete(&absent, &root, cmp_int) == NULL, "tdelete of an absent key");
	nwalked = 0;
	twalk(root, collect);
	CHECK(nwalked == 6 && walked[2] == 30 && walked[3] == 70, "after tdelete, still in order");
	while (root)
		tdelete(*(int **)root, &root, cmp_int);
	CHECK(root == NULL, "every node deleted");

	int arr[8] = { 4, 2, 9 };
	size_t n = 3;
	int key = 9, add = 7;
	CHECK(lfind(&key, arr, &n, sizeof arr[0], cmp_int) == &arr[2], "lfind");
	CHECK(lsearch(&add, arr, &n, sizeof arr[0], cmp_int) == &arr[3] && n == 4 && arr[3] == 7,
	      "lsearch appends a missing key");

	CHECK(hcreate(8) != 0, "hcreate");
	static char ka[] = "alpha", kb[] = "beta", kx[] = "gamma";
	ENTRY e = { ka, &keys[1] }, *r;
	CHECK(hsearch(e, ENTER) != NULL, "hsearch ENTER");
	e.key = kb;
	e.data = &keys[2];
	hsearch(e, ENTER);
	e.key = ka;
	r = hsearch(e, FIND);
	CHECK(r && r->data == &keys[1], "hsearch FIND");
	e.key = kx;
	CHECK(hsearch(e, FIND) == NULL, "hsearch FIND of an absent key");
	hdestroy();

	struct q { struct q *next, *prev; int v; } a = { 0, 0, 1 }, b = { 0, 0, 2 }, c = { 0, 0, 3 };
	insque(&a, NULL);
	insque(&b, &a);
	insque(&c, &a);
	CHECK(a.next == &c && c.next == &b && b.prev == &c && c.prev == &a, "insque");
	remque(&c);
	CHECK(a.next == &b && b.prev == &a, "remque");
}

/* ---- wide characters (the C locale) ---------------------------------------------- */

static void test_wide(void)
{
	wchar_t w[32];
	CHECK_EQ(mbstowcs(w, "Hello, wide", 32), 11, "mbstowcs");
	CHECK(wcslen(w) == 11 && w[0] == L'H' && w[10] == L'e', "the wide string");
	char back[32];
	CHECK_EQ(wcstombs(back, w, sizeof back), 11, "wcstombs");
	CHECK(!strcmp(back, "Hello, wide"), "round trip");
	CHECK_EQ(mbstowcs(NULL, "abc", 0), 3, "mbstowcs(NULL): the length");
	wchar_t wc = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	CHECK(mbrtowc(&wc, "A", 1, &st) == 1 && wc == L'A' && mbsinit(&st), "mbrtowc");
	CHECK_EQ(mbrtowc(&wc, "", 1, &st), 0, "mbrtowc of the null byte");
	CHECK_EQ(mbrtowc(&wc, "A", 0, &st), (size_t)-2, "mbrtowc of 0 bytes: incomplete");
	char one[4];
	CHECK(wcrtomb(one, L'z', &st) == 1 && one[0] == 'z', "wcrtomb");
	CHECK(MB_CUR_MAX >= 1 && mblen("x", 1) == 1 && mblen("", 1) == 0, "mblen");
	CHECK(btowc('q') == L'q' && wctob(L'q') == 'q' && btowc(EOF) == WEOF, "btowc / wctob");
#ifndef NATIVE_HOST
	errno = 0;
	CHECK(mbrtowc(&wc, "\xe9", 1, &st) == (size_t)-1 && errno == EILSEQ, "a byte above 0x7f: EILSEQ");
	CHECK(wctomb(one, (wchar_t)0xe9) == -1, "wctomb of a character outside the C locale");
#endif
	wchar_t a[16] = L"abc", b[16];
	wcscpy(b, a);
	wcscat(b, L"def");
	CHECK(!wcscmp(b, L"abcdef") && wcsncmp(b, L"abx", 2) == 0 && wcscmp(a, b) < 0, "wcscpy/wcscat/wcscmp");
	CHECK(wcschr(b, L'd') == b + 3 && wcsrchr(L"abca", L'a') != NULL && wcsstr(b, L"cd") == b + 2,
	      "wcschr/wcsrchr/wcsstr");
	CHECK(wcsspn(b, L"ab") == 2 && wcscspn(b, L"e") == 4 && wcspbrk(b, L"fe") == b + 4, "wcsspn/wcscspn/wcspbrk");
	wchar_t t[] = L"x,,y", *save, *tok = wcstok(t, L",", &save);
	CHECK(tok && !wcscmp(tok, L"x") && !wcscmp(wcstok(NULL, L",", &save), L"y") &&
	      wcstok(NULL, L",", &save) == NULL, "wcstok");
	wchar_t *d = wcsdup(b);
	CHECK(d && !wcscmp(d, b), "wcsdup");
	free(d);
	wmemset(a, L'z', 3);
	CHECK(a[0] == L'z' && a[2] == L'z' && wmemchr(a, L'z', 3) == a && wmemcmp(a, L"zzz", 3) == 0, "wmemset/wmemchr/wmemcmp");
	wchar_t *end;
	CHECK(wcstol(L"  -42rest", &end, 10) == -42 && !wcscmp(end, L"rest"), "wcstol");
	CHECK(wcstoul(L"ff", NULL, 16) == 255, "wcstoul");
	CHECK(iswalpha(L'a') && !iswalpha(L'1') && iswdigit(L'7') && iswspace(L' ') && iswupper(L'Q'),
	      "iswalpha/iswdigit/iswspace/iswupper");
	CHECK(towupper(L'a') == L'A' && towlower(L'Z') == L'z', "towupper/towlower");
	CHECK(iswctype(L'x', wctype("alpha")) && !iswctype(L'x', wctype("digit")) && wctype("nonsense") == 0,
	      "wctype/iswctype");
	CHECK(towctrans(L'b', wctrans("toupper")) == L'B', "wctrans/towctrans");
}

/* ---- threads ------------------------------------------------------------------------ */

#define NT 4
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs, destroyed, spin_count, serial, in_write, max_readers, readers_now;
static pthread_key_t key;
static pthread_barrier_t bar;
static pthread_spinlock_t spin;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t stat_lock = PTHREAD_MUTEX_INITIALIZER;

static void init_once(void) { once_runs++; }
static void destroy_value(void *v) { (void)v; __atomic_fetch_add(&destroyed, 1, __ATOMIC_SEQ_CST); }

static void *worker(void *arg)
{
	pthread_once(&once, init_once);
	pthread_setspecific(key, arg);
	if (pthread_getspecific(key) != arg)
		return (void *)1;
	for (int i = 0; i < 200; i++) {
		pthread_spin_lock(&spin);
		spin_count++;
		pthread_spin_unlock(&spin);
	}
	if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD)
		__atomic_fetch_add(&serial, 1, __ATOMIC_SEQ_CST);
	for (int i = 0; i < 20; i++) {
		pthread_rwlock_rdlock(&rw);
		pthread_mutex_lock(&stat_lock);
		if (in_write)
			max_readers = -1000;          /* a reader beside a writer */
		if (++readers_now > max_readers && max_readers >= 0)
			max_readers = readers_now;
		pthread_mutex_unlock(&stat_lock);
		sched_yield();
		pthread_mutex_lock(&stat_lock);
		readers_now--;
		pthread_mutex_unlock(&stat_lock);
		pthread_rwlock_unlock(&rw);
		pthread_rwlock_wrlock(&rw);
		in_write++;
		if (in_write != 1 || readers_now)
			max_readers = -1000;
		sched_yield();
		in_write--;
		pthread_rwlock_unlock(&rw);
	}
	return NULL;
}

static pthread_rwlock_t rw2 = PTHREAD_RWLOCK_INITIALIZER;
static volatile int writer2_done;
static void *writer2(void *a)
{
	pthread_rwlock_wrlock(&rw2);
	writer2_done = 1;
	pthread_rwlock_unlock(&rw2);
	return a;
}

static void test_threads_more(void)
{
	REQUIRE(pthread_key_create(&key, destroy_value) == 0, "pthread_key_create");
	CHECK(pthread_getspecific(key) == NULL, "a new key's value is NULL");
	CHECK_EQ(pthread_barrier_init(&bar, NULL, NT), 0, "pthread_barrier_init");
	CHECK_EQ(pthread_barrier_init(&(pthread_barrier_t){0}, NULL, 0), EINVAL, "barrier of count 0");
	CHECK_EQ(pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE), 0, "pthread_spin_init");
	pthread_t t[NT];
	static int vals[NT];
	for (int i = 0; i < NT; i++)
		REQUIRE(pthread_create(&t[i], NULL, worker, &vals[i]) == 0, "pthread_create %d", i);
	int bad = 0;
	for (int i = 0; i < NT; i++) {
		void *r;
		pthread_join(t[i], &r);
		bad += r != NULL;
	}
	CHECK_EQ(bad, 0, "every thread saw its own specific value");
	CHECK_EQ(once_runs, 1, "pthread_once ran its routine once");
	CHECK_EQ(destroyed, NT, "each thread's value went to the destructor");
	CHECK_EQ(spin_count, NT * 200, "spin lock kept the count");
	CHECK_EQ(serial, 1, "one thread got PTHREAD_BARRIER_SERIAL_THREAD");
	CHECK(max_readers >= 1, "read-write lock: no reader beside a writer, no two writers (%d)", max_readers);

	pthread_rwlock_t l;
	CHECK_EQ(pthread_rwlock_init(&l, NULL), 0, "pthread_rwlock_init");
	CHECK_EQ(pthread_rwlock_rdlock(&l), 0, "rdlock");
	CHECK_EQ(pthread_rwlock_tryrdlock(&l), 0, "a second read lock");
	CHECK_EQ(pthread_rwlock_trywrlock(&l), EBUSY, "trywrlock while read-locked");
	CHECK_EQ(pthread_rwlock_rdlock(&l), 0, "the same thread reads again");
	CHECK_EQ(pthread_rwlock_unlock(&l), 0, "unlock that one");
	CHECK_EQ(pthread_rwlock_unlock(&l), 0, "unlock one reader");
	CHECK_EQ(pthread_rwlock_unlock(&l), 0, "unlock the other");
	CHECK_EQ(pthread_rwlock_wrlock(&l), 0, "wrlock");
	CHECK_EQ(pthread_rwlock_tryrdlock(&l), EBUSY, "tryrdlock while write-locked");
	CHECK_EQ(pthread_rwlock_rdlock(&l), EDEADLK, "rdlock by the writer: EDEADLK");
	CHECK_EQ(pthread_rwlock_unlock(&l), 0, "unlock the writer");
	CHECK_EQ(pthread_rwlock_destroy(&l), 0, "destroy");
	pthread_t w;
	CHECK_EQ(pthread_rwlock_rdlock(&rw2), 0, "read lock, then a writer waits");
	REQUIRE(pthread_create(&w, NULL, writer2, NULL) == 0, "pthread_create writer");
	struct timespec ms5 = { 0, 5000000 };
	nanosleep(&ms5, NULL);
	CHECK_EQ(pthread_rwlock_tryrdlock(&rw2), 0, "readers preferred: a reader gets in while the writer waits");
	CHECK(!writer2_done, "the writer still waits");
	pthread_rwlock_unlock(&rw2);
	pthread_rwlock_unlock(&rw2);
	pthread_join(w, NULL);
	CHECK(writer2_done, "the writer got the lock once the readers left");
	CHECK_EQ(pthread_spin_trylock(&spin), 0, "spin trylock");
	CHECK_EQ(pthread_spin_trylock(&spin), EBUSY, "spin trylock when held");
	pthread_spin_unlock(&spin);
	CHECK_EQ(pthread_setspecific(key, &serial), 0, "setspecific in the main thread");
	CHECK_EQ(pthread_key_delete(key), 0, "pthread_key_delete");
	CHECK_EQ(pthread_setspecific(key, &key), EINVAL, "setspecific on a deleted key");
	pthread_key_t k2;
	CHECK_EQ(pthread_key_create(&k2, NULL), 0, "a new key (may reuse the slot)");
	CHECK(pthread_getspecific(k2) == NULL, "a new key reads NULL, whatever the old key held");
	pthread_key_delete(k2);
	CHECK(sysconf(_SC_BARRIERS) > 0 && sysconf(_SC_READER_WRITER_LOCKS) > 0 && sysconf(_SC_SPIN_LOCKS) > 0,
	      "sysconf: barriers, read-write locks and spin locks are there");
#if defined(_POSIX_BARRIERS) && _POSIX_BARRIERS > 0 && defined(_POSIX_SPIN_LOCKS) && \
    defined(_POSIX_READER_WRITER_LOCKS)
	CHECK(1, "<unistd.h> defines _POSIX_BARRIERS, _POSIX_SPIN_LOCKS, _POSIX_READER_WRITER_LOCKS");
#else
	CHECK(0, "<unistd.h> defines _POSIX_BARRIERS, _POSIX_SPIN_LOCKS, _POSIX_READER_WRITER_LOCKS");
#endif
	pthread_once_t o2 = PTHREAD_ONCE_INIT;
	pthread_once(&o2, init_once);
	pthread_once(&o2, init_once);
	CHECK_EQ(once_runs, 2, "a second once object runs once more");
}

/* ---- atomics (out of line on ARMv5: guest/libc/atomic_armv5.c) ------------------- */

static volatile uint8_t a8[4];
static volatile uint16_t a16[2];
static volatile uint64_t a64;
static volatile uint32_t a32;

static void *atomic_worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < 500; i++) {
		__atomic_fetch_add(&a8[1], 1, __ATOMIC_SEQ_CST);
		__atomic_fetch_add(&a16[1], 1, __ATOMIC_SEQ_CST);
		__atomic_fetch_add(&a64, 3, __ATOMIC_SEQ_CST);
		__sync_fetch_and_add(&a32, 1);
	}
	return NULL;
}

static void test_atomics(void)
{
	uint32_t v = 5, e = 5;
	CHECK(__atomic_compare_exchange_n(&v, &e, 9, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) && v == 9,
	      "compare_exchange succeeds");
	CHECK(!__atomic_compare_exchange_n(&v, &e, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) && e == 9,
	      "compare_exchange fails and returns the value");
	CHECK_EQ(__atomic_exchange_n(&v, 4, __ATOMIC_SEQ_CST), 9, "exchange");
	CHECK_EQ(__atomic_add_fetch(&v, 2, __ATOMIC_SEQ_CST), 6, "add_fetch");
	CHECK_EQ(__atomic_fetch_or(&v, 0x10, __ATOMIC_SEQ_CST), 6, "fetch_or");
	CHECK_EQ(__atomic_fetch_and(&v, 0x12, __ATOMIC_SEQ_CST), 0x16, "fetch_and");
	CHECK_EQ(__atomic_xor_fetch(&v, 0x3, __ATOMIC_SEQ_CST), 0x11, "xor_fetch");
	CHECK_EQ(__sync_val_compare_and_swap(&v, 0x11, 7), 0x11, "__sync_val_compare_and_swap");
	CHECK(__sync_bool_compare_and_swap(&v, 7, 8) && v == 8, "__sync_bool_compare_and_swap");
	CHECK_EQ(__sync_lock_test_and_set(&v, 1), 8, "__sync_lock_test_and_set");
	__sync_lock_release(&v);
	CHECK_EQ(v, 0, "__sync_lock_release");
	uint8_t b[4] = { 1, 2, 3, 4 };
	CHECK_EQ(__atomic_fetch_sub(&b[2], 5, __ATOMIC_SEQ_CST), 3, "byte fetch_sub");
	CHECK(b[0] == 1 && b[1] == 2 && b[2] == 254 && b[3] == 4, "only its byte changed");
	uint16_t h[2] = { 0x1234, 0x5678 };
	uint16_t he = 0x5678;
	CHECK(__atomic_compare_exchange_n(&h[1], &he, 0xffff, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) &&
	      h[0] == 0x1234 && h[1] == 0xffff, "halfword compare_exchange leaves its neighbour");
	uint64_t q = 1ull << 40, qe = q;
	CHECK(__atomic_fetch_add(&q, 1, __ATOMIC_SEQ_CST) == qe && q == qe + 1, "64-bit fetch_add");
	CHECK(__atomic_sub_fetch(&q, 1, __ATOMIC_SEQ_CST) == qe, "64-bit sub_fetch");
	CHECK(__sync_or_and_fetch(&q, 1) == (qe | 1), "64-bit __sync_or_and_fetch");
	CHECK(__sync_fetch_and_xor(&q, 1) == (qe | 1) && q == qe, "64-bit __sync_fetch_and_xor");
	q = qe + 1;
	CHECK(__atomic_compare_exchange_n(&q, &(uint64_t){ qe + 1 }, 7, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) &&
	      __atomic_load_n(&q, __ATOMIC_SEQ_CST) == 7, "64-bit compare_exchange and load");
	pthread_t t[NT];
	for (int i = 0; i < NT; i++)
		REQUIRE(pthread_create(&t[i], NULL, atomic_worker, NULL) == 0, "pthread_create");
	for (int i = 0; i < NT; i++)
		pthread_join(t[i], NULL);
	CHECK(a8[1] == (uint8_t)(NT * 500) && a8[0] == 0 && a8[2] == 0, "threads: byte counter %u", a8[1]);
	CHECK(a16[1] == NT * 500 && a16[0] == 0, "threads: halfword counter %u", a16[1]);
	CHECK(a64 == 3ull * NT * 500, "threads: 64-bit counter");
	CHECK(a32 == NT * 500, "threads: __sync counter");
}

int main(void)
{
	test_getopt_long();
	test_stdlib_more();
	test_files_more();
	test_locale_libgen();
	test_wide();
	test_process_more();
	test_search_more();
	test_threads_more();
	test_atomics();
	return done();
}
