/*
 * test_libc_scanf.c - sscanf/vsscanf as glibc behaves: every conversion,
 * widths, '*', %n, %[ sets, floating point, return values (count, 0 on
 * a matching failure, EOF on an input failure).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

/* vs(s, fmt, ...): vsscanf through a va_list. */
static int vs(const char *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsscanf(s, fmt, ap);
	va_end(ap);
	return r;
}

int main(void)
{
	int i = 0, j = 0, n = 0;
	unsigned u = 0;
	long l = 0;
	long long ll = 0;
	short h = 0;
	signed char hh = 0;
	double d = 0;
	float f = 0;
	char s[32] = "", t[32] = "";
	void *p = NULL;

	CHECK_EQ(sscanf("42 -17", "%d %d", &i, &j), 2, "two ints");
	CHECK(i == 42 && j == -17, "... values %d %d", i, j);
	CHECK_EQ(sscanf("0x1f 017 10", "%i %i %i", &i, &j, &n), 3, "%%i with bases");
	CHECK(i == 31 && j == 15 && n == 10, "... 31 15 10: %d %d %d", i, j, n);
	CHECK_EQ(sscanf("ff", "%x", &u), 1, "%%x");
	CHECK_EQ(u, 255, "... 255");
	CHECK_EQ(sscanf("777", "%o", &u), 1, "%%o");
	CHECK_EQ(u, 511, "... 511");
	CHECK_EQ(sscanf("-123456789012", "%lld", &ll), 1, "%%lld");
	CHECK(ll == -123456789012LL, "... value");
	CHECK_EQ(sscanf("70000 300", "%hd %hhd", &h, &hh), 2, "%%hd %%hhd");
	CHECK(h == (short)70000 && hh == (signed char)300, "... truncated as glibc: %d %d", h, hh);
	CHECK_EQ(sscanf("123456", "%3d%d", &i, &j), 2, "widths");
	CHECK(i == 123 && j == 456, "... 123 456");
	CHECK_EQ(sscanf("12 34", "%*d %d", &i), 1, "%%*d is not counted");
	CHECK_EQ(i, 34, "... 34");
	CHECK_EQ(sscanf("3.25 -1e-3", "%lf %f", &d, &f), 2, "%%lf %%f");
	CHECK(d == 3.25 && f == -1e-3f, "... values");
	CHECK_EQ(sscanf("0x1p4", "%lf", &d), 1, "hex float");
	CHECK(d == 16.0, "... 16");
	CHECK_EQ(sscanf("inf nan", "%lf %f", &d, &f), 2, "inf nan");
	CHECK(d > 1e308 && f != f, "... values");
	CHECK_EQ(sscanf("hello world", "%s %s", s, t), 2, "%%s %%s");
	CHECK(strcmp(s, "hello") == 0 && strcmp(t, "world") == 0, "... words");
	CHECK_EQ(sscanf("abcdef", "%3s", s), 1, "%%3s");
	CHECK(strcmp(s, "abc") == 0, "... abc");
	memset(s, 'x', sizeof s);
	CHECK_EQ(sscanf("abcd", "%3c", s), 1, "%%3c");
	CHECK(memcmp(s, "abcx", 4) == 0, "... 3 bytes, no NUL");
	CHECK_EQ(sscanf("key=value;rest", "%[^=]=%[a-z]", s, t), 2, "%%[^=] and %%[a-z]");
	CHECK(strcmp(s, "key") == 0 && strcmp(t, "value") == 0, "... key value");
	CHECK_EQ(sscanf("]]x", "%[]]", s), 1, "%%[]] with ] first");
	CHECK(strcmp(s, "]]") == 0, "... ]]");
	CHECK_EQ(sscanf("  12  ab", "%d%n %s", &i, &n, s), 2, "%%n is not counted");
	CHECK_EQ(n, 4, "... %%n = 4");
	CHECK_EQ(sscanf("100%", "%d%%", &i), 1, "%%%% matches a percent");
	CHECK_EQ(sscanf("abc", "%d", &i), 0, "matching failure -> 0");
	CHECK_EQ(sscanf("", "%d", &i), EOF, "empty input -> EOF");
	CHECK_EQ(sscanf("   ", "%d", &i), EOF, "only space -> EOF");
	CHECK_EQ(sscanf("7", "%d %d", &i, &j), 1, "input ends after one -> 1");
	CHECK_EQ(sscanf("x7", "x%d", &i), 1, "literal then int");
	CHECK_EQ(sscanf("y7", "x%d", &i), 0, "literal mismatch -> 0");
	CHECK_EQ(sscanf("123", "%ld", &l), 1, "%%ld");
	CHECK_EQ(l, 123, "... 123");
	CHECK_EQ(sscanf("0x1234", "%p", &p), 1, "%%p");
	CHECK(p == (void *)0x1234, "... 0x1234");
	CHECK_EQ(vs("5 6", "%d %d", &i, &j), 2, "vsscanf");
	CHECK(i == 5 && j == 6, "... 5 6");
	CHECK_EQ(sscanf("-", "%d", &i), 0, "lone sign -> 0");
	CHECK_EQ(sscanf("1.5e", "%lf%n", &d, &n), 1, "\"1.5e\": glibc takes it all");
	CHECK(d == 1.5 && n == 4, "... 1.5, 4 chars");
	CHECK_EQ(sscanf("0xg", "%x%n", &u, &n), 1, "\"0xg\" by %%x: 0");
	CHECK(u == 0 && n == 2, "... 0, 2 chars");
	CHECK_EQ(sscanf("1e5x", "%lf%n", &d, &n), 1, "1e5x");
	CHECK(d == 100000.0 && n == 3, "... 1e5, 3 chars");
	CHECK_EQ(sscanf("infinit", "%lf", &d), 0, "\"infinit\": matching failure");
	return done();
}
