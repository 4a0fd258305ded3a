/*
 * strtod.c - strtod, strtof, strtold, atof: decimal and hexadecimal text
 * to binary floating point, correctly rounded (to nearest, ties to even)
 * as glibc does, with exact big-integer arithmetic and no floating-point
 * operations (the runtime is soft-float on every CPU).
 *
 * A decimal number is D x 10^E with D the first 800 significant digits
 * (a dropped non-zero tail becomes one more digit 1, which rounds the
 * same way).  N / S = D x 10^E is divided to a 62-bit quotient plus a
 * sticky bit, which one rounding step turns into the result.
 */
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>

#define MAX_DIGITS 800
#define LIMBS 160                      /* 5120 bits: 10^1150 shifted by 64 fits */

/* An unsigned big integer, little-endian 32-bit limbs, n used. */
struct big {
	int n;
	uint32_t w[LIMBS];
};

/* big_set(b, v): b = v. */
static void big_set(struct big *b, uint32_t v)
{
	b->n = v ? 1 : 0;
	b->w[0] = v;
}

/* big_muladd(b, m, a): b = b * m + a. */
static void big_muladd(struct big *b, uint32_t m, uint32_t a)
{
	uint64_t carry = a;
	for (int i = 0; i < b->n; i++) {
		uint64_t t = (uint64_t)b->w[i] * m + carry;
		b->w[i] = (uint32_t)t;
		carry = t >> 32;
	}
	if (carry && b->n < LIMBS)
		b->w[b->n++] = (uint32_t)carry;
}

/* big_bits(b): the number of significant bits of b. */
static int big_bits(const struct big *b)
{
	if (b->n == 0)
		return 0;
	return (b->n - 1) * 32 + (32 - __builtin_clz(b->w[b->n - 1]));
}

/* big_shl(b, k): b <<= k. */
static void big_shl(struct big *b, int k)
{
	int words = k / 32, bits = k % 32;
	if (b->n == 0 || k == 0)
		return;
	int n = b->n + words + 1;
	if (n > LIMBS)
		n = LIMBS;
	for (int i = n - 1; i >= 0; i--) {
		int s = i - words;
		uint32_t hi = s >= 0 && s < b->n ? b->w[s] : 0;
		uint32_t lo = s - 1 >= 0 && s - 1 < b->n ? b->w[s - 1] : 0;
		b->w[i] = bits ? (hi << bits) | (lo >> (32 - bits)) : hi;
	}
	b->n = n;
	while (b->n && b->w[b->n - 1] == 0)
		b->n--;
}

/* big_shr1(b): b >>= 1. */
static void big_shr1(struct big *b)
{
	for (int i = 0; i < b->n; i++)
		b->w[i] = (b->w[i] >> 1) | (i + 1 < b->n ? b->w[i + 1] << 31 : 0);
	while (b->n && b->w[b->n - 1] == 0)
		b->n--;
}

/* big_cmp(a, b): <0, 0, >0 as a < b, a == b, a > b. */
static int big_cmp(const struct big *a, const struct big *b)
{
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (int i = a->n - 1; i >= 0; i--)
		if (a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	return 0;
}

/* big_sub(a, b): a -= b, where a >= b. */
static void big_sub(struct big *a, const struct big *b)
{
	uint64_t borrow = 0;
	for (int i = 0; i < a->n; i++) {
		uint64_t t = (uint64_t)a->w[i] - (i < b->n ? b->w[i] : 0) - borrow;
		a->w[i] = (uint32_t)t;
		borrow = (t >> 32) & 1;
	}
	while (a->n && a->w[a->n - 1] == 0)
		a->n--;
}

/* big_pow10(b, e): b *= 10^e. */
static void big_pow10(struct big *b, int e)
{
	for (; e >= 9; e -= 9)
		big_muladd(b, 1000000000u, 0);
	static const uint32_t p10[9] = { 1, 10, 100, 1000, 10000, 100000, 1000000,
					 10000000, 100000000 };
	if (e > 0)
		big_muladd(b, p10[e], 0);
}

/* An IEEE binary format: significand bits (with the implicit one), exponent range. */
struct fmt {
	int p, emin, emax;
};

static const struct fmt F64 = { 53, -1022, 1023 };
static const struct fmt F32 = { 24, -126, 127 };

/* rounds_to_normal(f, m, ex, sticky): m (bit 63 set) x 2^(ex-63), below
 * the normal range, rounded to f's precision with an unbounded exponent
 * reaches the smallest normal (glibc's tininess after rounding). */
static int rounds_to_normal(const struct fmt *f, uint64_t m, int ex, int sticky)
{
	int drop = 64 - f->p;
	if (ex != f->emin - 1)
		return 0;
	uint64_t kept = m >> drop, rem = m & (((uint64_t)1 << drop) - 1);
	uint64_t half = (uint64_t)1 << (drop - 1);
	if (rem > half || (rem == half && (sticky || (kept & 1))))
		kept++;
	return kept >> f->p != 0;
}

/* round_pack(f, neg, m, e, sticky): the bits of the value nearest to
 * m x 2^e (plus a little more when sticky), ties to even, in format f;
 * sets ERANGE on overflow and on an inexact result below the normal range. */
static uint64_t round_pack(const struct fmt *f, int neg, uint64_t m, int e, int sticky)
{
	uint64_t sign = (uint64_t)neg << (f->p == 53 ? 63 : 31);
	uint64_t inf = (uint64_t)(f->emax - f->emin + 2) << (f->p - 1);
	if (m == 0)
		return sign;
	int z = __builtin_clzll(m);
	m <<= z;
	e -= z;
	int ex = e + 63;                      /* m x 2^e = 1.xxx x 2^ex */
	if (ex > f->emax + 1) {
		errno = ERANGE;
		return sign | inf;
	}
	int drop = 64 - f->p;
	int tiny = ex < f->emin;
	if (tiny)
		drop += f->emin - ex;
	uint64_t kept = 0;
	int inexact = 1;
	if (drop <= 64) {                     /* else: below half the smallest step */
		uint64_t rem = drop == 64 ? m : m & (((uint64_t)1 << drop) - 1);
		uint64_t half = (uint64_t)1 << (drop - 1);
		kept = drop == 64 ? 0 : m >> drop;
		inexact = rem != 0 || sticky;
		if (rem > half || (rem == half && (sticky || (kept & 1))))
			kept++;
	}
	uint64_t bits = tiny ? kept : ((uint64_t)(ex - f->emin) << (f->p - 1)) + kept;
	if (bits >= inf) {
		errno = ERANGE;
		return sign | inf;
	}
	if (tiny && inexact && !rounds_to_normal(f, m, ex, sticky))
		errno = ERANGE;
	return sign | bits;
}

/* match_word(s, w): the length of the case-insensitive prefix w of s, or 0. */
static size_t match_word(const char *s, const char *w)
{
	size_t i = 0;
	for (; w[i]; i++)
		if (tolower((unsigned char)s[i]) != w[i])
			return 0;
	return i;
}

/* hex_digit(c): the value of hex digit c, or -1. */
static int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* parse_exp(p, &e): a [pPeE][+-]digits suffix at p adds to e; the end of it (p if none). */
static const char *parse_exp(const char *p, long *e)
{
	const char *q = p + 1;
	int neg = 0;
	long v = 0;
	if (*q == '+' || *q == '-')
		neg = *q++ == '-';
	if (!isdigit((unsigned char)*q))
		return p;
	for (; isdigit((unsigned char)*q); q++)
		if (v < 100000000)
			v = v * 10 + (*q - '0');
	*e += neg ? -v : v;
	return q;
}

/* parse_hex(p, f, neg, &bits): a hexadecimal significand after "0x"; its end, or NULL if no digit. */
static const char *parse_hex(const char *p, const struct fmt *f, int neg, uint64_t *bits)
{
	uint64_t m = 0;
	long e = 0;
	int any = 0, sticky = 0, point = 0;
	for (;; p++) {
		if (*p == '.' && !point) {
			point = 1;
			continue;
		}
		int d = hex_digit((unsigned char)*p);
		if (d < 0)
			break;
		any = 1;
		if (m >> 60) {
			sticky |= d != 0;
			if (!point)
				e += 4;
		} else {
			m = m << 4 | (unsigned)d;
			if (point)
				e -= 4;
		}
	}
	if (!any)
		return NULL;
	if (*p == 'p' || *p == 'P')
		p = parse_exp(p, &e);
	if (e > 100000)
		e = 100000;
	if (e < -100000)
		e = -100000;
	*bits = round_pack(f, neg, m, (int)e, sticky);
	return p;
}

/* decimal_bits(f, neg, d, e): the bits of d x 10^e (d and e as parsed) in format f. */
static uint64_t decimal_bits(const struct fmt *f, int neg, struct big *n, long e)
{
	struct big s, t;
	int nbits = big_bits(n);
	if (nbits == 0)
		return round_pack(f, neg, 0, 0, 0);
	/* 10^e x n >= 10^(e + digits - 1); leave the extremes to round_pack. */
	long lg = e + (long)(nbits * 30103L / 100000L);
	if (lg > 330)
		return round_pack(f, neg, 1, 4096, 0);
	if (lg < -360)
		return round_pack(f, neg, 1, -4096, 0);
	big_set(&s, 1);
	if (e >= 0)
		big_pow10(n, (int)e);
	else
		big_pow10(&s, (int)-e);
	int sh = 62 - (big_bits(n) - big_bits(&s));
	if (sh > 0)
		big_shl(n, sh);
	else if (sh < 0)
		big_shl(&s, -sh);
	t = s;
	big_shl(&t, 62);
	uint64_t q = 0;
	for (int i = 62; i >= 0; i--) {
		if (big_cmp(n, &t) >= 0) {
			big_sub(n, &t);
			q |= (uint64_t)1 << i;
		}
		big_shr1(&t);
	}
	return round_pack(f, neg, q, -sh, n->n != 0);
}

/* parse_float(s, end, f): strtod's parser for format f; the result's bits. */
static uint64_t parse_float(const char *s, char **end, const struct fmt *f)
{
	const char *p = s;
	int neg = 0;
	size_t k;
	uint64_t bits;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	uint64_t sign = (uint64_t)neg << (f->p == 53 ? 63 : 31);
	uint64_t expmask = (uint64_t)(f->emax - f->emin + 2) << (f->p - 1);
	if ((k = match_word(p, "inf")) != 0) {
		p += k;
		if ((k = match_word(p, "inity")) != 0)
			p += k;
		if (end)
			*end = (char *)p;
		return sign | expmask;
	}
	if ((k = match_word(p, "nan")) != 0) {
		p += k;
		uint64_t quiet = (uint64_t)1 << (f->p - 2), payload = 0;
		if (*p == '(') {
			const char *q = p + 1;
			while (isalnum((unsigned char)*q) || *q == '_')
				q++;
			if (*q == ')') {
				char *pe;
				int saved = errno;
				payload = strtoull(p + 1, &pe, 0);
				if (pe != q)
					payload = 0;     /* glibc: a payload only from a whole number */
				errno = saved;
				p = q + 1;
			}
		}
		if (end)
			*end = (char *)p;
		return sign | expmask | quiet | (payload & (quiet - 1));
	}
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		const char *q = parse_hex(p + 2, f, neg, &bits);
		if (q) {
			if (end)
				*end = (char *)q;
			return bits;
		}
		if (end)
			*end = (char *)p + 1;       /* just the "0" */
		return sign;
	}
	struct big n;
	big_set(&n, 0);
	long e = 0;
	int digits = 0, any = 0, point = 0, dropped = 0;
	for (;; p++) {
		if (*p == '.' && !point) {
			point = 1;
			continue;
		}
		if (!isdigit((unsigned char)*p))
			break;
		any = 1;
		int d = *p - '0';
		if (digits == 0 && d == 0) {
			if (point)
				e--;
			continue;
		}
		if (digits < MAX_DIGITS) {
			big_muladd(&n, 10, (uint32_t)d);
			digits++;
			if (point)
				e--;
		} else {
			dropped |= d != 0;
			if (!point)
				e++;
		}
	}
	if (!any) {
		if (end)
			*end = (char *)s;
		return 0;
	}
	if (*p == 'e' || *p == 'E')
		p = parse_exp(p, &e);
	if (end)
		*end = (char *)p;
	if (dropped) {
		big_muladd(&n, 10, 1);
		e--;
	}
	return decimal_bits(f, neg, &n, e);
}

/* strtod(s, end): the double nearest to the number at s (decimal, hex,
 * inf, nan); ERANGE on overflow (+-HUGE_VAL) and inexact underflow. */
double strtod(const char *restrict s, char **restrict end)
{
	uint64_t bits = parse_float(s, end, &F64);
	double d;
	memcpy(&d, &bits, sizeof d);
	return d;
}

/* strtof(s, end): strtod rounded once, directly to float. */
float strtof(const char *restrict s, char **restrict end)
{
	uint32_t bits = (uint32_t)parse_float(s, end, &F32);
	float f;
	memcpy(&f, &bits, sizeof f);
	return f;
}

/* strtold(s, end): strtod (long double is double on ARM; on PowerPC the
 * high double of the IBM pair). */
long double strtold(const char *restrict s, char **restrict end)
{
#if __SIZEOF_LONG_DOUBLE__ == __SIZEOF_DOUBLE__
	return strtod(s, end);
#else
	union { long double ld; double d[2]; } u;   /* IBM pair: the value, then 0 */
	u.d[0] = strtod(s, end);
	u.d[1] = 0.0;
	return u.ld;
#endif
}

/* atof(s): strtod(s, NULL). */
double atof(const char *s)
{
	return strtod(s, NULL);
}
