/*
 * test_libc.c - host-side tests of the guest libc (guest/libc/printf.c,
 * string.c, stdlib.c, ctype.c, malloc.c), built natively with a guest_
 * prefix on every symbol (rename.h).  The host's libc is the reference:
 * guest_snprintf must produce what snprintf produces for every format
 * the guest printf supports (on the host, long is 64-bit, so "%lx" reads
 * 64 bits here; the logic tested is the same).  Prints each failure and
 * exits 1 if there was any.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* The guest functions under test (guest/include prototypes, guest_ prefix). */
int guest_snprintf(char *buf, size_t n, const char *fmt, ...);
int guest_sprintf(char *buf, const char *fmt, ...);
void *guest_malloc(size_t n);
void *guest_calloc(size_t n, size_t size);
void *guest_realloc(void *p, size_t n);
void guest_free(void *p);
void *guest_memcpy(void *d, const void *s, size_t n);
void *guest_memmove(void *d, const void *s, size_t n);
void *guest_memset(void *d, int c, size_t n);
int guest_memcmp(const void *a, const void *b, size_t n);
size_t guest_strlen(const char *s);
int guest_strcmp(const char *a, const char *b);
int guest_strncmp(const char *a, const char *b, size_t n);
char *guest_strncpy(char *d, const char *s, size_t n);
char *guest_strncat(char *d, const char *s, size_t n);
char *guest_strchr(const char *s, int c);
char *guest_strrchr(const char *s, int c);
char *guest_strstr(const char *h, const char *n);
char *guest_strdup(const char *s);
long guest_strtol(const char *s, char **end, int base);
unsigned long guest_strtoul(const char *s, char **end, int base);
long long guest_strtoll(const char *s, char **end, int base);
unsigned long long guest_strtoull(const char *s, char **end, int base);
void guest_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* What the guest libc imports, provided here. */
int guest_errno;
void *guest_stderr, *guest_stdout, *guest_stdin;
static int mmap_calls;
static jmp_buf abort_jmp;
static int abort_armed;
static char last_message[256];

/* guest_mmap(...): anonymous host memory, as the guest's MAP_ANON|MAP_PRIVATE mmap gives. */
void *guest_mmap(void *addr, size_t len, int prot, int flags, int fd, int64_t off)
{
	(void)addr; (void)prot; (void)flags; (void)fd; (void)off;
	mmap_calls++;
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p;   /* MAP_FAILED is (void *)-1 on both sides */
}

/* guest_munmap(addr, len): the host's munmap. */
int guest_munmap(void *addr, size_t len)
{
	return munmap(addr, len);
}

/* guest_fprintf(f, fmt, ...): keep the message (malloc's error reports) for the test to check. */
int guest_fprintf(void *f, const char *fmt, ...)
{
	(void)f;
	va_list ap;
	va_start(ap, fmt);
	int r = vsnprintf(last_message, sizeof last_message, fmt, ap);
	va_end(ap);
	return r;
}

/* guest_abort(): jump back to the test that expected it, or fail hard. */
_Noreturn void guest_abort(void)
{
	if (abort_armed) {
		abort_armed = 0;
		longjmp(abort_jmp, 1);
	}
	fprintf(stderr, "unexpected guest abort: %s", last_message);
	exit(2);
}

static int failures, checks;

/* fail(fmt, ...): report one failed check. */
static void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "FAIL: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	failures++;
}

/* Compare guest_snprintf with the host's snprintf, with a big buffer and truncating ones. */
#define CHECK(...) check_fmt(__LINE__, guest_snprintf(NULL, 0, __VA_ARGS__), \
	snprintf(NULL, 0, __VA_ARGS__), \
	(guest_snprintf(g[0], sizeof g[0], __VA_ARGS__), guest_snprintf(g[1], 1, __VA_ARGS__), \
	 guest_snprintf(g[2], 5, __VA_ARGS__), g), \
	(snprintf(h[0], sizeof h[0], __VA_ARGS__), snprintf(h[1], 1, __VA_ARGS__), \
	 snprintf(h[2], 5, __VA_ARGS__), h))

static char g[3][4096], h[3][4096];

/* check_fmt(line, gr, hr, gb, hb): results and the three buffers must match. */
static void check_fmt(int line, int gr, int hr, char (*gb)[4096], char (*hb)[4096])
{
	checks++;
	if (gr != hr)
		fail("line %d: length %d, host %d (\"%s\" vs \"%s\")", line, gr, hr, gb[0], hb[0]);
	for (int i = 0; i < 3; i++)
		if (strcmp(gb[i], hb[i]) != 0)
			fail("line %d: buffer %d \"%s\", host \"%s\"", line, i, gb[i], hb[i]);
}

/* expect_str(line, got, want): a string the host cannot produce the same way. */
static void expect_str(int line, const char *got, const char *want)
{
	checks++;
	if (strcmp(got, want) != 0)
		fail("line %d: \"%s\", want \"%s\"", line, got, want);
}

static void test_printf(void)
{
	int ints[] = { 0, 1, -1, 7, 42, -42, 255, 4096, 123456789, INT_MAX, INT_MIN };
	const char *iflags[] = { "%d", "%i", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%8.3d",
				 "%-8.3d|", "%08.3d", "%+05d", "% 05d", "%.0d", "%5.0d", "%u", "%x",
				 "%X", "%o", "%#x", "%#X", "%#o", "%#.0o", "%#10x", "%#-10x|", "%#010x",
				 "%10.6x", "%.0x", "%hhd", "%hhu", "%hd", "%hu", "%hx", "%c", "%3c", "%-3c|" };
	for (size_t f = 0; f < sizeof iflags / sizeof iflags[0]; f++)
		for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
			if (strchr(iflags[f], 'c') && (ints[i] == 0 || ints[i] < 0 || ints[i] > 127))
				continue;       /* NUL and non-ASCII chars: strings can't compare them */
			CHECK(iflags[f], ints[i]);
		}

	long longs[] = { 0, 1, -1, LONG_MAX, LONG_MIN, 0x123456789L };
	for (size_t i = 0; i < sizeof longs / sizeof longs[0]; i++) {
		CHECK("%ld %lu %lx %lX %lo", longs[i], (unsigned long)longs[i], (unsigned long)longs[i],
		      (unsigned long)longs[i], (unsigned long)longs[i]);
		CHECK("[%20ld] [%-20lx] [%+.15ld]", longs[i], (unsigned long)longs[i], longs[i]);
	}

	int64_t s64[] = { 0, 1, -1, INT64_MAX, INT64_MIN, 0x100000000LL, -0x100000000LL,
			  1000000000000LL, 0x0123456789ABCDEFLL };
	for (size_t i = 0; i < sizeof s64 / sizeof s64[0]; i++) {
		uint64_t u = (uint64_t)s64[i];
		CHECK("%" PRId64 " %" PRIu64 " %" PRIx64 " %" PRIX64 " %" PRIo64, s64[i], u, u, u, u);
		CHECK("%lld %llu %llx %#llx %025lld|%-25llu|", (long long)s64[i], (unsigned long long)u,
		      (unsigned long long)u, (unsigned long long)u, (long long)s64[i],
		      (unsigned long long)u);
		CHECK("%jd %ju %.20jx", (intmax_t)s64[i], (uintmax_t)u, (uintmax_t)u);
		CHECK("0x%016" PRIx64 " %" PRIi64, u, s64[i]);
	}

	CHECK("%zu %zx %zd %td %tx", (size_t)12345, (size_t)SIZE_MAX, (ssize_t)-5, (ptrdiff_t)-7,
	      (ptrdiff_t)-1);
	CHECK("%*d|%-*d|%*d|%.*d|%.*d", 6, 42, 6, 42, -6, 42, 4, 7, -1, 7);
	CHECK("%s|%10s|%-10s|%.2s|%10.2s|%-10.2s|%.0s|%.10s", "hello", "hello", "hello", "hello",
	      "hello", "hello", "hello", "hello");
	CHECK("%s", "");
	CHECK("%5s|%-5s|", "", "");
	CHECK("100%% done %c%c", 'o', 'k');
	CHECK("no conversions at all");
	CHECK("%d %s %x %c %lld %u", -3, "mix", 0xbeefu, 'z', -4000000000LL, 3000000000u);
	int x = 0;
	CHECK("%p", (void *)&x);
	CHECK("%20p|%-20p|", (void *)&x, (void *)&x);

	/* Guest-specific behaviour. */
	char buf[64];
	guest_snprintf(buf, sizeof buf, "%p", (void *)0);
	expect_str(__LINE__, buf, "0x0");
	guest_snprintf(buf, sizeof buf, "%s", (char *)NULL);
	expect_str(__LINE__, buf, "(null)");
	guest_snprintf(buf, sizeof buf, "%d%n|%lld", 12345, &x, 7LL);
	expect_str(__LINE__, buf, "12345|7");
	checks++;
	if (x != 5)
		fail("%%n stored %d, want 5", x);
	guest_snprintf(buf, sizeof buf, "%y%d", 3);
	expect_str(__LINE__, buf, "%y3");
	checks++;
	if (guest_sprintf(buf, "%s-%d", "abc", 12) != 6 || strcmp(buf, "abc-12") != 0)
		fail("sprintf gave \"%s\"", buf);
	checks++;
	if (guest_snprintf(buf, 0, "abc") != 3)
		fail("snprintf(buf, 0) must return the full length");
}

/* next_rand(): xorshift64 bits for the floating-point cases. */
static uint64_t next_rand(void)
{
	static uint64_t x = 88172645463325252ULL;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return x;
}

static void test_printf_float(void)
{
	double vals[] = { 0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.1, 0.3, 2.0 / 3.0,
			  123.456, -9.99999, 9.5, 99.5, 999999.5, 0.0001234, 1e-5, 1e-300, 5e-324,
			  2.2250738585072014e-308, 1e15, 1e16, 1e17, 1e21, 1e22, 1e100, 1.7976931348623157e308,
			  123456789012345678.0, 0.000001, 0.00001, 100000.0, 1000000.0, 3.14159265358979,
			  1.0 / 0.0, -1.0 / 0.0, __builtin_nan(""), -__builtin_nan(""), 0x1.fffffffffffffp+0,
			  0x1p-1074, 0x1.8p+1, 0x1.08p-3 };
	const char *ffmts[] = { "%f", "%.0f", "%.1f", "%.2f", "%.10f", "%.20f", "%#.0f", "%12.3f",
				"%-12.3f|", "%012.3f", "%+f", "% f", "%+012.4f", "%e", "%.0e", "%.3e",
				"%#.0e", "%E", "%15.4e", "%-15.4e|", "%015.4e", "%+.2e", "%g", "%.0g", "%.1g",
				"%.3g", "%.10g", "%.17g", "%#g", "%#.3g", "%G", "%12g", "%-12g|", "%012g",
				"%+g", "%F", "%a", "%A", "%.0a", "%.1a", "%.3a", "%.20a", "%#a", "%20a",
				"%-20a|", "%020a", "%+a", "%.3f%%", "%.60f", "%.330e", "%.40g" };
	for (size_t f = 0; f < sizeof ffmts / sizeof ffmts[0]; f++)
		for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
			/* glibc drops the zeros of "%#g" when rounding carries (999999.5 ->
			 * "1.e+06"); C keeps them ("1.00000e+06"), and so do we. */
			if (strcmp(ffmts[f], "%#g") == 0 && vals[i] == 999999.5)
				continue;
			CHECK(ffmts[f], vals[i]);
		}
	char gb[64];
	guest_snprintf(gb, sizeof gb, "%#g", 999999.5);
	expect_str(__LINE__, gb, "1.00000e+06");
	/* Random doubles: every bit pattern class, shortest and long forms. */
	for (int i = 0; i < 20000; i++) {
		uint64_t u = next_rand();
		double d;
		if (i & 1)      /* moderate exponents, where %f is readable */
			u = (u & 0x800FFFFFFFFFFFFFULL) | ((uint64_t)(0x3FF - 40 + (int)(u >> 56) % 80) << 52);
		memcpy(&d, &u, sizeof d);
		CHECK("%.17g|%e|%.3a", d, d, d);
		if (i & 1)
			CHECK("%.15f|%g", d, d);
	}
	CHECK("%.1074f", 0x1p-1074);
	CHECK("%.1100f|%.1100e", 0x1.123456789abcdp-1060, 3.0);
	CHECK("%f %d %e %s %g", 1.25, 7, 2.5e-10, "mixed", 1e-7);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static void test_strings(void)
{
	char a[64], b[64];
	for (int n = 0; n < 40; n++)
		for (int off = 0; off < 4; off++) {
			for (int i = 0; i < 64; i++)
				a[i] = (char)(i * 7 + 1), b[i] = 0;
			guest_memcpy(b + off, a + 1, (size_t)n);
			checks++;
			if (memcmp(b + off, a + 1, (size_t)n) != 0 || b[off + n] != 0)
				fail("memcpy n=%d off=%d", n, off);
			memcpy(b, a, sizeof a);
			guest_memmove(b + off, b + 4, (size_t)n);   /* overlapping, both directions */
			char ref[64];
			memcpy(ref, a, sizeof ref);
			memmove(ref + off, ref + 4, (size_t)n);
			checks++;
			if (memcmp(b, ref, sizeof ref) != 0)
				fail("memmove forward n=%d off=%d", n, off);
			memcpy(b, a, sizeof a);
			memcpy(ref, a, sizeof a);
			guest_memmove(b + 4 + off, b + 1, (size_t)n);
			memmove(ref + 4 + off, ref + 1, (size_t)n);
			checks++;
			if (memcmp(b, ref, sizeof ref) != 0)
				fail("memmove backward n=%d off=%d", n, off);
			memset(b, 1, sizeof b);
			guest_memset(b + off, 0xAB, (size_t)n);
			checks++;
			for (int i = 0; i < 64; i++)
				if ((unsigned char)b[i] != ((i >= off && i < off + n) ? 0xAB : 1)) {
					fail("memset n=%d off=%d", n, off);
					break;
				}
		}

	checks++;
	if (guest_strlen("") != 0 || guest_strlen("abcdef") != 6 || guest_strcmp("abc", "abd") >= 0 ||
	    guest_strcmp("b", "abc") <= 0 || guest_strcmp("x", "x") != 0 ||
	    guest_strcmp("\xff", "a") <= 0 || guest_strncmp("abcX", "abcY", 3) != 0 ||
	    guest_memcmp("\x01\xff", "\x01\x01", 2) <= 0)
		fail("strlen/strcmp/strncmp/memcmp");
	const char *hs = "hello world";
	checks++;
	if (guest_strchr(hs, 'o') != hs + 4 || guest_strrchr(hs, 'o') != hs + 7 ||
	    guest_strchr(hs, '\0') != hs + 11 || guest_strchr(hs, 'z') != NULL ||
	    guest_strstr(hs, "world") != hs + 6 || guest_strstr(hs, "") != hs ||
	    guest_strstr(hs, "worlds") != NULL)
		fail("strchr/strrchr/strstr");
	guest_strncpy(a, "ab", 5);
	checks++;
	if (memcmp(a, "ab\0\0\0", 5) != 0)
		fail("strncpy must pad with NULs");
	strcpy(a, "foo");
	guest_strncat(a, "barbaz", 3);
	expect_str(__LINE__, a, "foobar");

	/* Number parsing against the host. */
	const char *nums[] = { "0", "42", "-42", "  +17xyz", "0x1F", "0X1f", "017", "0x", "-0x10",
			       "9223372036854775807", "9223372036854775808", "-9223372036854775808",
			       "-9223372036854775809", "18446744073709551615", "18446744073709551616",
			       "99999999999999999999999", "-1", "zzz", "", "  ", "1e5", "0b101" };
	int bases[] = { 0, 10, 16, 8, 2, 36 };
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
		for (size_t k = 0; k < sizeof bases / sizeof bases[0]; k++) {
			char *ge, *he;
			int base = bases[k];
			guest_errno = 0;
			errno = 0;
			long gl = guest_strtol(nums[i], &ge, base);
			long hl = strtol(nums[i], &he, base);
			checks++;
			if (gl != hl || ge != he || (guest_errno == 34) != (errno == ERANGE))
				fail("strtol(\"%s\", %d): %ld end+%td errno %d, host %ld end+%td errno %d",
				     nums[i], base, gl, ge - nums[i], guest_errno, hl, he - nums[i], errno);
			guest_errno = errno = 0;
			unsigned long gu = guest_strtoul(nums[i], &ge, base);
			unsigned long hu = strtoul(nums[i], &he, base);
			checks++;
			if (gu != hu || ge != he || (guest_errno == 34) != (errno == ERANGE))
				fail("strtoul(\"%s\", %d): %lu, host %lu", nums[i], base, gu, hu);
			guest_errno = errno = 0;
			long long gll = guest_strtoll(nums[i], &ge, base);
			long long hll = strtoll(nums[i], &he, base);
			checks++;
			if (gll != hll || ge != he || (guest_errno == 34) != (errno == ERANGE))
				fail("strtoll(\"%s\", %d): %lld, host %lld", nums[i], base, gll, hll);
			guest_errno = errno = 0;
			unsigned long long gull = guest_strtoull(nums[i], &ge, base);
			unsigned long long hull = strtoull(nums[i], &he, base);
			checks++;
			if (gull != hull || ge != he || (guest_errno == 34) != (errno == ERANGE))
				fail("strtoull(\"%s\", %d): %llu, host %llu", nums[i], base, gull, hull);
		}

	int v[200];
	for (int i = 0; i < 200; i++)
		v[i] = (i * 7919) % 211 - 100;
	guest_qsort(v, 200, sizeof v[0], cmp_int);
	checks++;
	for (int i = 1; i < 200; i++)
		if (v[i - 1] > v[i]) {
			fail("qsort: not sorted at %d", i);
			break;
		}
}

static void test_malloc(void)
{
	enum { N = 500 };
	static unsigned char *ptr[N];
	static size_t len[N];
	unsigned seed = 12345;

	/* Random malloc/free/realloc with a pattern per block: nothing may overlap. */
	for (int round = 0; round < 20000; round++) {
		seed = seed * 1103515245u + 12345u;
		int i = (int)((seed >> 8) % N);
		seed = seed * 1103515245u + 12345u;
		size_t n = (seed >> 8) % 3000;
		if ((seed & 0xff) < 4)
			n = 150000 + (seed >> 12) % 200000;   /* now and then a big block */
		if (ptr[i]) {
			for (size_t k = 0; k < len[i]; k++)
				if (ptr[i][k] != (unsigned char)(i + k)) {
					fail("malloc: block %d byte %zu corrupted", i, k);
					return;
				}
			if (seed & 0x100) {
				guest_free(ptr[i]);
				ptr[i] = NULL;
				continue;
			}
			unsigned char *q = guest_realloc(ptr[i], n ? n : 1);
			if (!q) {
				fail("realloc(%zu) failed", n);
				return;
			}
			ptr[i] = q;
			len[i] = n < len[i] ? n : len[i];
			for (size_t k = len[i]; k < n; k++)
				q[k] = (unsigned char)(i + k);
			len[i] = n;
			continue;
		}
		ptr[i] = (seed & 0x200) ? guest_calloc(1, n) : guest_malloc(n);
		if (!ptr[i]) {
			fail("malloc(%zu) failed", n);
			return;
		}
		if (((uintptr_t)ptr[i] & (_Alignof(max_align_t) - 1)) != 0)
			fail("malloc(%zu) = %p: misaligned", n, (void *)ptr[i]);
		if (seed & 0x200)
			for (size_t k = 0; k < n; k++)
				if (ptr[i][k]) {
					fail("calloc: byte %zu not zero", k);
					break;
				}
		for (size_t k = 0; k < n; k++)
			ptr[i][k] = (unsigned char)(i + k);
		len[i] = n;
	}
	checks++;
	for (int i = 0; i < N; i++) {
		guest_free(ptr[i]);
		ptr[i] = NULL;
	}

	/* Coalescing: after freeing everything, one arena-sized request needs no new mapping. */
	void *small[64];
	for (int i = 0; i < 64; i++)
		small[i] = guest_malloc(900);
	for (int i = 0; i < 64; i += 2)
		guest_free(small[i]);
	for (int i = 1; i < 64; i += 2)
		guest_free(small[i]);
	int before = mmap_calls;
	void *big = guest_malloc(50000);
	checks++;
	if (!big || mmap_calls != before)
		fail("free blocks did not coalesce (%d new mappings)", mmap_calls - before);
	guest_free(big);

	char *s = guest_strdup("copy me");
	expect_str(__LINE__, s, "copy me");
	guest_free(s);

	/* Bad frees are reported and abort. */
	void *p = guest_malloc(32);
	guest_free(p);
	abort_armed = 1;
	if (setjmp(abort_jmp) == 0) {
		guest_free(p);
		fail("double free not detected");
	}
	checks++;
	if (!strstr(last_message, "double free"))
		fail("double free message: %s", last_message);
	char on_stack[64] = { 0 };
	abort_armed = 1;
	if (setjmp(abort_jmp) == 0) {
		guest_free(on_stack + 16);
		fail("free of a non-malloc pointer not detected");
	}
	checks++;
	if (!strstr(last_message, "not a pointer returned by malloc"))
		fail("bad free message: %s", last_message);

	checks++;
	guest_errno = 0;
	if (guest_calloc(SIZE_MAX / 2, 4) != NULL || guest_errno != 12)
		fail("calloc overflow must fail with ENOMEM");
	checks++;
	if (guest_malloc(SIZE_MAX - 8) != NULL)
		fail("malloc(SIZE_MAX - 8) must fail");
}

int main(void)
{
	test_printf();
	test_printf_float();
	test_strings();
	test_malloc();
	printf("%d checks, %d failures\n", checks, failures);
	return failures ? 1 : 0;
}
