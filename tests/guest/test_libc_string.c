/*
 * test_libc_string.c - <string.h>, <strings.h>, <stdlib.h> and getopt as
 * conformance programs use them: strtod/strtof/atof (correctly rounded,
 * end pointers, ERANGE), strtok/strtok_r, strcasecmp, strpbrk, qsort,
 * bsearch, the environment, getopt with its globals and messages.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "check.h"

/* bits(d): the IEEE bits of d, to compare results exactly. */
static unsigned long long bits(double d)
{
	unsigned long long b;
	memcpy(&b, &d, sizeof b);
	return b;
}

/* cmp_int(a, b): qsort order of ints. */
static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* test_strtod(): values glibc gives, bit for bit. */
static void test_strtod(void)
{
	char *end;
	CHECK_EQ(bits(strtod("0.1", &end)), 0x3fb999999999999aULL, "strtod(0.1)");
	CHECK_EQ(*end, 0, "... end at the NUL");
	CHECK_EQ(bits(strtod("1e23", NULL)), 0x44b52d02c7e14af6ULL, "strtod(1e23): halfway case");
	CHECK_EQ(bits(strtod("2.2250738585072011e-308", NULL)), 0x000fffffffffffffULL, "largest subnormal");
	CHECK_EQ(bits(strtod("4.9406564584124654e-324", NULL)), 1, "smallest subnormal");
	CHECK_EQ(bits(strtod("-0x1.8p1", NULL)), 0xc008000000000000ULL, "hex float -3");
	CHECK_EQ(bits(atof("  +12.5e-1xyz")), 0x3ff4000000000000ULL, "atof skips space, stops at junk");
	errno = 0;
	double h = strtod("1e400", &end);
	CHECK(h > 1e308 && errno == ERANGE, "strtod(1e400): HUGE_VAL and ERANGE");
	errno = 0;
	CHECK(strtod("1e-400", NULL) == 0.0 && errno == ERANGE, "strtod(1e-400): 0 and ERANGE");
	const char *s = "abc";
	CHECK(strtod(s, &end) == 0.0 && end == s, "no number: 0, end = the string");
	s = "1e+";
	strtod(s, &end);
	CHECK_EQ(end - s, 1, "\"1e+\": only the 1 is the number");
	CHECK(strtod("inf", NULL) > 1e308, "strtod(inf)");
	double n = strtod("nan", NULL);
	CHECK(n != n, "strtod(nan) is a NaN");
	float f = strtof("3.4028235e38", NULL);
	CHECK(f > 3.4e38f, "strtof(FLT_MAX)");
	unsigned fb;
	f = strtof("1.00000005960464477539062501", NULL);
	memcpy(&fb, &f, sizeof fb);
	CHECK_EQ(fb, 0x3f800001u, "strtof rounds once (not via double)");
}

/* test_strings(): tokenizers and comparisons. */
static void test_strings(void)
{
	char buf[] = "  alpha, beta,,gamma ";
	char *save, *t;
	t = strtok_r(buf, " ,", &save);
	CHECK(t && strcmp(t, "alpha") == 0, "strtok_r first token");
	t = strtok_r(NULL, " ,", &save);
	CHECK(t && strcmp(t, "beta") == 0, "strtok_r second token");
	t = strtok_r(NULL, " ,", &save);
	CHECK(t && strcmp(t, "gamma") == 0, "strtok_r skips empty fields");
	CHECK(strtok_r(NULL, " ,", &save) == NULL, "strtok_r: NULL at the end");
	char b2[] = "a:b";
	CHECK(strcmp(strtok(b2, ":"), "a") == 0 && strcmp(strtok(NULL, ":"), "b") == 0, "strtok");
	CHECK(strcasecmp("Hello", "hELLO") == 0, "strcasecmp equal");
	CHECK(strcasecmp("abc", "ABD") < 0, "strcasecmp order");
	CHECK(strncasecmp("ABCx", "abcy", 3) == 0, "strncasecmp prefix");
	CHECK(strpbrk("hello", "xyl") == (char *)"hello" + 2 || strcmp(strpbrk("hello", "xyl"), "llo") == 0,
	      "strpbrk");
	CHECK(strpbrk("hello", "xyz") == NULL, "strpbrk none");
	CHECK_EQ(strspn("aabbc", "ab"), 4, "strspn");
	CHECK_EQ(strcspn("hello", "l"), 2, "strcspn");
	char *d = strndup("abcdef", 3);
	CHECK(d && strcmp(d, "abc") == 0, "strndup");
	free(d);
	char eb[64];
#if defined(NATIVE_HOST) && defined(_GNU_SOURCE)
	const char *et = strerror_r(ENOENT, eb, sizeof eb);   /* glibc's GNU variant */
	CHECK(et != NULL, "strerror_r");
#else
	const char *et = eb;
	CHECK_EQ(strerror_r(ENOENT, eb, sizeof eb), 0, "strerror_r");
#endif
	CHECK(strstr(et, "No such file") != NULL, "strerror_r(ENOENT) text: %s", et);
}

/* test_errno(): every POSIX errno name exists, has its own value (POSIX
 * allows only EWOULDBLOCK == EAGAIN and EOPNOTSUPP == ENOTSUP to share
 * one) and a text of its own in strerror. */
static void test_errno(void)
{
	static const struct { int e; const char *name; } posix[] = {
#define E_(n) { n, #n }
		E_(E2BIG), E_(EACCES), E_(EADDRINUSE), E_(EADDRNOTAVAIL), E_(EAFNOSUPPORT),
		E_(EAGAIN), E_(EALREADY), E_(EBADF), E_(EBADMSG), E_(EBUSY), E_(ECANCELED),
		E_(ECHILD), E_(ECONNABORTED), E_(ECONNREFUSED), E_(ECONNRESET), E_(EDEADLK),
		E_(EDESTADDRREQ), E_(EDOM), E_(EDQUOT), E_(EEXIST), E_(EFAULT), E_(EFBIG),
		E_(EHOSTUNREACH), E_(EIDRM), E_(EILSEQ), E_(EINPROGRESS), E_(EINTR), E_(EINVAL),
		E_(EIO), E_(EISCONN), E_(EISDIR), E_(ELOOP), E_(EMFILE), E_(EMLINK), E_(EMSGSIZE),
		E_(EMULTIHOP), E_(ENAMETOOLONG), E_(ENETDOWN), E_(ENETRESET), E_(ENETUNREACH),
		E_(ENFILE), E_(ENOBUFS), E_(ENODATA), E_(ENODEV), E_(ENOENT), E_(ENOEXEC),
		E_(ENOLCK), E_(ENOLINK), E_(ENOMEM), E_(ENOMSG), E_(ENOPROTOOPT), E_(ENOSPC),
		E_(ENOSR), E_(ENOSTR), E_(ENOSYS), E_(ENOTCONN), E_(ENOTDIR), E_(ENOTEMPTY),
		E_(ENOTRECOVERABLE), E_(ENOTSOCK), E_(ENOTSUP), E_(ENOTTY), E_(ENXIO),
		E_(EOVERFLOW), E_(EOWNERDEAD), E_(EPERM), E_(EPIPE), E_(EPROTO),
		E_(EPROTONOSUPPORT), E_(EPROTOTYPE), E_(ERANGE), E_(EROFS), E_(ESPIPE), E_(ESRCH),
		E_(ESTALE), E_(ETIME), E_(ETIMEDOUT), E_(ETXTBSY), E_(EXDEV),
#undef E_
	};
	size_t n = sizeof posix / sizeof posix[0];
	CHECK(EWOULDBLOCK == EAGAIN, "EWOULDBLOCK == EAGAIN");
	CHECK(EOPNOTSUPP > 0, "EOPNOTSUPP defined");
	for (size_t i = 0; i < n; i++) {
		CHECK(posix[i].e > 0, "%s > 0", posix[i].name);
		const char *t = strerror(posix[i].e);
		CHECK(t && *t && strncmp(t, "Unknown error", 13) != 0, "strerror(%s) has a text: %s",
		      posix[i].name, t ? t : "(null)");
		for (size_t j = 0; j < i; j++)
			CHECK(posix[i].e != posix[j].e, "%s and %s differ", posix[i].name, posix[j].name);
	}
	CHECK(strncmp(strerror(ENOTEMPTY), "Directory not empty", 19) == 0, "strerror(ENOTEMPTY): %s",
	      strerror(ENOTEMPTY));
}

/* test_stdlib(): qsort, bsearch, environment, conversions. */
static void test_stdlib(void)
{
	int a[] = { 5, -3, 9, 0, 7, 7, -10, 2 };
	qsort(a, 8, sizeof a[0], cmp_int);
	int sorted = 1;
	for (int i = 1; i < 8; i++)
		sorted &= a[i - 1] <= a[i];
	CHECK(sorted && a[0] == -10 && a[7] == 9, "qsort");
	int key = 7;
	int *hit = bsearch(&key, a, 8, sizeof a[0], cmp_int);
	CHECK(hit && *hit == 7, "bsearch finds 7");
	key = 4;
	CHECK(bsearch(&key, a, 8, sizeof a[0], cmp_int) == NULL, "bsearch: 4 is not there");
	CHECK(getenv("MMSIM_LIBC_TEST") == NULL, "getenv of an unset name");
	CHECK_EQ(setenv("MMSIM_LIBC_TEST", "one", 1), 0, "setenv");
	CHECK(getenv("MMSIM_LIBC_TEST") && strcmp(getenv("MMSIM_LIBC_TEST"), "one") == 0, "getenv");
	CHECK_EQ(setenv("MMSIM_LIBC_TEST", "two", 0), 0, "setenv without overwrite");
	CHECK(strcmp(getenv("MMSIM_LIBC_TEST"), "one") == 0, "... keeps the value");
	CHECK_EQ(unsetenv("MMSIM_LIBC_TEST"), 0, "unsetenv");
	CHECK(getenv("MMSIM_LIBC_TEST") == NULL, "... gone");
	CHECK_ERR(setenv("A=B", "x", 1), EINVAL, "setenv of a name with '='");
	CHECK_EQ(strtol("  -0x1F", NULL, 16), -31, "strtol hex");
	CHECK_EQ(atoi("42abc"), 42, "atoi");
}

/* test_getopt(): POSIX getopt over a fixed argv. */
static void test_getopt(void)
{
	char *argv[] = { "prog", "-a", "-bfoo", "-c", "bar", "-ab", "--", "-x", NULL };
	int argc = 8, c, seen_a = 0, seen_b = 0;
	char got[32] = "";
	optind = 1;
	while ((c = getopt(argc, argv, "ab::c:")) != -1) {
		if (c == 'a')
			seen_a++;
		else if (c == 'b') {
			seen_b++;
			strcat(got, optarg ? optarg : "(none)");
			strcat(got, ",");
		} else if (c == 'c')
			strcat(got, optarg), strcat(got, ",");
	}
	CHECK_EQ(seen_a, 2, "getopt: -a twice");
	CHECK_EQ(seen_b, 2, "getopt: -b twice");
	CHECK(strcmp(got, "foo,bar,(none),") == 0, "getopt: optarg values: %s", got);
	CHECK_EQ(optind, 7, "getopt: optind after \"--\"");
	char *argv2[] = { "prog", "-z", "-c", NULL };
	optind = 1;
	opterr = 0;
	CHECK_EQ(getopt(3, argv2, ":c:"), '?', "getopt: unknown option -> '?'");
	CHECK_EQ(optopt, 'z', "... optopt");
	CHECK_EQ(getopt(3, argv2, ":c:"), ':', "getopt: missing argument with leading ':' -> ':'");
	CHECK_EQ(getopt(3, argv2, ":c:"), -1, "getopt: then -1");
	opterr = 1;
	optind = 1;
}

int main(void)
{
	test_strtod();
	test_strings();
	test_errno();
	test_stdlib();
	test_getopt();
	return done();
}
