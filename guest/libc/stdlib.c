/*
 * stdlib.c - number parsing (strto*, ato*), abs/div, qsort, bsearch, rand.
 */
#include <stdlib.h>
#include <inttypes.h>
#include <limits.h>
#include <ctype.h>
#include <errno.h>

/* digit_value(c): the value of c as a digit in bases up to 36, or 99. */
static int digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* parse(s, end, base, &neg, &over): the magnitude of the number at s (C's strtoull rules); sets *neg, *over. */
static unsigned long long parse(const char *s, char **end, int base, int *neg, int *over)
{
	const char *p = s;
	unsigned long long v = 0;
	int any = 0;

	*neg = 0;
	*over = 0;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value((unsigned char)p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	for (;; p++) {
		int d = digit_value((unsigned char)*p);
		if (d >= base)
			break;
		any = 1;
		if (v > (ULLONG_MAX - (unsigned)d) / (unsigned)base)
			*over = 1;
		else
			v = v * (unsigned)base + (unsigned)d;
	}
	if (end)
		*end = (char *)(any ? p : s);
	return v;
}

/* strtoull(s, end, base): parse an unsigned long long. */
unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
	int neg, over;
	unsigned long long v = parse(s, end, base, &neg, &over);
	if (over) {
		errno = ERANGE;
		return ULLONG_MAX;
	}
	return neg ? -v : v;
}

/* strtoll(s, end, base): parse a long long. */
long long strtoll(const char *restrict s, char **restrict end, int base)
{
	int neg, over;
	unsigned long long v = parse(s, end, base, &neg, &over);
	if (neg) {
		if (over || v > (unsigned long long)LLONG_MAX + 1) {
			errno = ERANGE;
			return LLONG_MIN;
		}
		return (long long)(0 - v);
	}
	if (over || v > LLONG_MAX) {
		errno = ERANGE;
		return LLONG_MAX;
	}
	return (long long)v;
}

/* strtoul(s, end, base): parse an unsigned long (a leading '-' negates, as C says). */
unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	int neg, over;
	unsigned long long v = parse(s, end, base, &neg, &over);
	if (over || v > ULONG_MAX) {
		errno = ERANGE;
		return ULONG_MAX;
	}
	return neg ? -(unsigned long)v : (unsigned long)v;
}

/* strtol(s, end, base): parse a long; clamps and sets ERANGE on overflow. */
long strtol(const char *restrict s, char **restrict end, int base)
{
	int neg, over;
	unsigned long long v = parse(s, end, base, &neg, &over);
	if (neg) {
		if (over || v > (unsigned long long)LONG_MAX + 1) {
			errno = ERANGE;
			return LONG_MIN;
		}
		return (long)(0 - (unsigned long)v);
	}
	if (over || v > LONG_MAX) {
		errno = ERANGE;
		return LONG_MAX;
	}
	return (long)v;
}

/* strtoimax(s, end, base): strtoll for intmax_t. */
intmax_t strtoimax(const char *s, char **end, int base)
{
	return strtoll(s, end, base);
}

/* strtoumax(s, end, base): strtoull for uintmax_t. */
uintmax_t strtoumax(const char *s, char **end, int base)
{
	return strtoull(s, end, base);
}

/* atoi(s): strtol(s, NULL, 10) as an int. */
int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

/* atol(s): strtol(s, NULL, 10). */
long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

/* atoll(s): strtoll(s, NULL, 10). */
long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}

/* abs(n): |n|. */
int abs(int n)
{
	return n < 0 ? -n : n;
}

/* labs(n): |n|. */
long labs(long n)
{
	return n < 0 ? -n : n;
}

/* llabs(n): |n|. */
long long llabs(long long n)
{
	return n < 0 ? -n : n;
}

/* div(a, b): quotient and remainder. */
div_t div(int a, int b)
{
	div_t r = { a / b, a % b };
	return r;
}

/* ldiv(a, b): quotient and remainder. */
ldiv_t ldiv(long a, long b)
{
	ldiv_t r = { a / b, a % b };
	return r;
}

/* swap_bytes(a, b, n): exchange n bytes of a and b. */
static void swap_bytes(unsigned char *a, unsigned char *b, size_t n)
{
	while (n--) {
		unsigned char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* sift_down(base, root, n, size, cmp, arg): restore the max-heap below root in base[0..n). */
static void sift_down(unsigned char *base, size_t root, size_t n, size_t size,
		      int (*cmp)(const void *, const void *, void *), void *arg)
{
	for (;;) {
		size_t child = 2 * root + 1;
		if (child >= n)
			return;
		if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size, arg) < 0)
			child++;
		if (cmp(base + root * size, base + child * size, arg) >= 0)
			return;
		swap_bytes(base + root * size, base + child * size, size);
		root = child;
	}
}

/* qsort_r(base, n, size, cmp, arg): qsort whose cmp gets arg as a third
 * argument (the glibc and POSIX 2024 form; heapsort, not stable). */
void qsort_r(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *, void *),
	     void *arg)
{
	unsigned char *b = base;
	if (n < 2 || size == 0)
		return;
	for (size_t i = n / 2; i-- > 0; )
		sift_down(b, i, n, size, cmp, arg);
	for (size_t end = n - 1; end > 0; end--) {
		swap_bytes(b, b + end * size, size);
		sift_down(b, 0, end, size, cmp, arg);
	}
}

/* qsort's comparison, called through qsort_r. */
struct plain_cmp { int (*cmp)(const void *, const void *); };
static int call_plain(const void *a, const void *b, void *arg)
{
	return ((const struct plain_cmp *)arg)->cmp(a, b);
}

/* qsort(base, n, size, cmp): sort n items of size bytes in place (heapsort: O(n log n), no recursion, not stable). */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	struct plain_cmp c = { cmp };
	qsort_r(base, n, size, call_plain, &c);
}

/* bsearch(key, base, n, size, cmp): a matching item of the sorted array, or NULL. */
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *))
{
	const unsigned char *b = base;
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp(key, b + mid * size);
		if (c == 0)
			return (void *)(b + mid * size);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static unsigned long long rand_state = 1;

/* rand(): next pseudo-random number in [0, RAND_MAX] (deterministic sequence). */
int rand(void)
{
	rand_state = rand_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)(rand_state >> 33);
}

/* rand_r(seed): the next number of the sequence whose whole state is
 * *seed (32 bits: a 32-bit LCG, the top 31 bits out), in [0, RAND_MAX]. */
int rand_r(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (int)(*seed >> 1);
}

/* srand(seed): restart rand()'s sequence from seed. */
void srand(unsigned seed)
{
	rand_state = seed;
}

/* random(): rand() under the BSD name. */
long random(void)
{
	return rand();
}

/* srandom(seed): srand(seed). */
void srandom(unsigned seed)
{
	srand(seed);
}

/* lldiv(a, b): quotient and remainder. */
lldiv_t lldiv(long long a, long long b)
{
	lldiv_t r = { a / b, a % b };
	return r;
}
