/*
 * printf.c - the printf engine (__format) and the string printers
 * (sprintf, snprintf, vsprintf, vsnprintf).  Stream printers are in stdio.c.
 *
 * Conversions: d i u o x X c s p n %, flags - + space # 0, width and
 * precision (also *), length hh h l ll z j t (L accepted).  Each length
 * reads exactly the C type it names, so on ILP32 "%lx" reads 32 bits and
 * "%llx" (PRIx64) 64.  %p prints 0x and hex digits ("0x0" for NULL);
 * %s of NULL prints "(null)".  Floating conversions f F e E g G a A are
 * exact (the decimal expansion of the double, rounded half-to-even, as
 * glibc prints it) and use integer arithmetic only; %Lf on PowerPC prints
 * the high double of the long double.  An unknown conversion is printed
 * as written.
 *
 * No kernel calls here: tests/host_libc builds this file on the host.
 */
#include <stdio.h>
#include <stdint.h>
#include <stddef.h>
#include <stdarg.h>
#include <limits.h>
#include <errno.h>
#include "format.h"

enum { F_MINUS = 1, F_PLUS = 2, F_SPACE = 4, F_HASH = 8, F_ZERO = 16 };
enum { L_NONE, L_HH, L_H, L_L, L_LL, L_Z, L_J, L_T, L_BIG_L };

/* One conversion being printed, and where its text goes. */
struct fmt_state {
	__format_out out;
	void *ctx;
	size_t total;
	int flags;
	int width;
	int prec;               /* -1: none given */
};

/* emit(st, s, n): send n bytes to the sink and count them. */
static void emit(struct fmt_state *st, const char *s, size_t n)
{
	if (n) {
		st->out(st->ctx, s, n);
		st->total += n;
	}
}

/* pad(st, c, n): send n copies of c (nothing if n <= 0). */
static void pad(struct fmt_state *st, char c, int n)
{
	char buf[16];
	for (int i = 0; i < (int)sizeof buf; i++)
		buf[i] = c;
	while (n > 0) {
		int k = n < (int)sizeof buf ? n : (int)sizeof buf;
		emit(st, buf, (size_t)k);
		n -= k;
	}
}

/* bounded_len(s, max): strlen(s) but never reading past s[max-1]. */
static size_t bounded_len(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

/* put_text(st, s, n): s[0..n) padded to the field width with spaces. */
static void put_text(struct fmt_state *st, const char *s, size_t n)
{
	int fill = st->width > (int)n ? st->width - (int)n : 0;
	if (!(st->flags & F_MINUS))
		pad(st, ' ', fill);
	emit(st, s, n);
	if (st->flags & F_MINUS)
		pad(st, ' ', fill);
}

/* to_digits(buf_end, v, base, upper): write v's digits backwards ending at buf_end; the digit count. */
static int to_digits(char *buf_end, uintmax_t v, unsigned base, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *p = buf_end;
	/* 32-bit division while it fits: 64-bit division is a libgcc call on ILP32. */
	while (v > UINT32_MAX) {
		*--p = digits[v % base];
		v /= base;
	}
	uint32_t w = (uint32_t)v;
	do {
		*--p = digits[w % base];
		w /= base;
	} while (w);
	return (int)(buf_end - p);
}

/* put_int(st, v, neg, base, upper, is_signed, prefix): one integer conversion with sign, prefix, precision and padding. */
static void put_int(struct fmt_state *st, uintmax_t v, int neg, unsigned base, int upper,
		    int is_signed, const char *prefix)
{
	char buf[24];
	int ndig = 0;
	char *end = buf + sizeof buf;

	if (!(v == 0 && st->prec == 0))
		ndig = to_digits(end, v, base, upper);
	char *digits = end - ndig;

	char sign = 0;
	if (neg)
		sign = '-';
	else if (is_signed && (st->flags & F_PLUS))
		sign = '+';
	else if (is_signed && (st->flags & F_SPACE))
		sign = ' ';

	int zeros = st->prec > ndig ? st->prec - ndig : 0;
	if (base == 8 && (st->flags & F_HASH) && zeros == 0 && (ndig == 0 || digits[0] != '0'))
		zeros = 1;               /* %#o: the first digit is 0 */
	size_t plen = 0;
	while (prefix && prefix[plen])
		plen++;

	int len = (sign != 0) + (int)plen + zeros + ndig;
	int fill = st->width > len ? st->width - len : 0;
	int zero_pad = (st->flags & F_ZERO) && !(st->flags & F_MINUS) && st->prec < 0;

	if (!zero_pad && !(st->flags & F_MINUS))
		pad(st, ' ', fill);
	if (sign)
		emit(st, &sign, 1);
	emit(st, prefix, plen);
	if (zero_pad)
		pad(st, '0', fill);
	pad(st, '0', zeros);
	emit(st, digits, (size_t)ndig);
	if (st->flags & F_MINUS)
		pad(st, ' ', fill);
}

/* --- floating point ------------------------------------------------------ */

#define INT_DIGITS_MAX  310     /* DBL_MAX has 309 integer digits */
#define FRAC_DIGITS_MAX 1080    /* every double's fraction ends within 1074 digits */
#define FRAC_WORDS      34      /* 1088 fraction bits */

/* exact_digits(bits, d, &dp): |x|'s exact decimal digits into d (no leading integer zeros, no trailing zeros); the point is after d[dp-1]; the count. */
static int exact_digits(uint64_t bits, char *d, int *dp)
{
	int e2 = (int)(bits >> 52) & 0x7FF;
	uint64_t m = bits & UINT64_C(0x000FFFFFFFFFFFFF);
	uint32_t iw[34] = { 0 }, fw[FRAC_WORDS] = { 0 };
	uint32_t chunk[36];
	int n = 0, nchunk = 0;

	if (e2)
		m |= UINT64_C(1) << 52;
	else
		e2 = 1;
	int e = e2 - 1075;                      /* |x| = m * 2^e */
	for (int i = 0; i < 53; i++) {
		if (!((m >> i) & 1))
			continue;
		int b = i + e;
		if (b >= 0)
			iw[b / 32] |= UINT32_C(1) << (b % 32);
		else                            /* weight 2^b: bit (32*FRAC_WORDS + b) of the fraction */
			fw[(32 * FRAC_WORDS + b) / 32] |= UINT32_C(1) << ((32 * FRAC_WORDS + b) % 32);
	}

	/* Integer part: base 10^9 chunks, least significant first. */
	for (int top = 33; top >= 0; ) {
		if (!iw[top]) {
			top--;
			continue;
		}
		uint64_t rem = 0;
		for (int i = top; i >= 0; i--) {
			uint64_t t = (rem << 32) | iw[i];
			iw[i] = (uint32_t)(t / 1000000000u);
			rem = t % 1000000000u;
		}
		chunk[nchunk++] = (uint32_t)rem;
	}
	for (int c = nchunk - 1; c >= 0; c--) {
		char tmp[9];
		for (int k = 8; k >= 0; k--, chunk[c] /= 10)
			tmp[k] = (char)('0' + chunk[c] % 10);
		int k = 0;
		if (c == nchunk - 1)
			while (k < 8 && tmp[k] == '0')
				k++;
		for (; k < 9; k++)
			d[n++] = tmp[k];
	}
	*dp = n;

	/* Fraction: multiply by 10^9, the carry out of the top is the next 9 digits. */
	for (;;) {
		int any = 0;
		for (int i = 0; i < FRAC_WORDS; i++)
			any |= fw[i] != 0;
		if (!any)
			break;
		uint64_t carry = 0;
		for (int i = 0; i < FRAC_WORDS; i++) {
			uint64_t t = (uint64_t)fw[i] * 1000000000u + carry;
			fw[i] = (uint32_t)t;
			carry = t >> 32;
		}
		for (int k = 8; k >= 0; k--, carry /= 10)
			d[n + k] = (char)('0' + carry % 10);
		n += 9;
	}
	while (n > *dp && d[n - 1] == '0')
		n--;
	return n;
}

/* round_digits(d, n, k, out): out[0..k) = d[0..n) (zero-extended) rounded half-to-even to k digits; 1 if it carried out of out[0]. */
static int round_digits(const char *d, int n, int k, char *out)
{
	for (int i = 0; i < k; i++)
		out[i] = i < n ? d[i] : '0';
	if (k >= n || d[k] < '5')
		return 0;
	int up = d[k] > '5';
	for (int i = k + 1; i < n && !up; i++)
		up = d[i] != '0';
	if (!up)                                /* exactly half: to even */
		up = k > 0 && ((out[k - 1] - '0') & 1);
	if (!up)
		return 0;
	for (int i = k - 1; i >= 0; i--) {
		if (out[i] != '9') {
			out[i]++;
			return 0;
		}
		out[i] = '0';
	}
	return 1;
}

/* fmt_fixed(d, n, dp, prec, hash, out): %f text of digits d (point after dp); its length. */
static int fmt_fixed(const char *d, int n, int dp, int prec, int hash, char *out)
{
	char r[INT_DIGITS_MAX + FRAC_DIGITS_MAX + 1];
	int len = 0;
	int carry = round_digits(d, n, dp + prec, r);
	if (carry)
		out[len++] = '1';
	if (dp == 0 && !carry)
		out[len++] = '0';
	for (int i = 0; i < dp; i++)
		out[len++] = r[i];
	if (prec > 0 || hash)
		out[len++] = '.';
	for (int i = 0; i < prec; i++)
		out[len++] = r[dp + i];
	return len;
}

/* fmt_exp(d, n, dp, prec, hash, upper, out, &x): %e text of digits d; its length; *x = the decimal exponent printed. */
static int fmt_exp(const char *d, int n, int dp, int prec, int hash, int upper, char *out, int *x)
{
	char r[FRAC_DIGITS_MAX + 2];
	int z = 0, len = 0;
	while (z < n && d[z] == '0')
		z++;
	if (z == n) {                           /* zero */
		*x = 0;
		for (int i = 0; i <= prec; i++)
			r[i] = '0';
	} else {
		*x = dp - z - 1;
		if (round_digits(d + z, n - z, prec + 1, r)) {
			r[0] = '1';             /* 9.99 -> 10.0: one more power of ten */
			(*x)++;
		}
	}
	out[len++] = r[0];
	if (prec > 0 || hash)
		out[len++] = '.';
	for (int i = 1; i <= prec; i++)
		out[len++] = r[i];
	out[len++] = upper ? 'E' : 'e';
	int ax = *x < 0 ? -*x : *x;
	out[len++] = *x < 0 ? '-' : '+';
	char ex[4];
	int ne = 0;
	do {
		ex[ne++] = (char)('0' + ax % 10);
		ax /= 10;
	} while (ax);
	if (ne < 2)
		ex[ne++] = '0';
	while (ne)
		out[len++] = ex[--ne];
	return len;
}

/* fmt_hex(bits, prec, hash, upper, out): %a text of |x| (finite); its length. */
static int fmt_hex(uint64_t bits, int prec, int hash, int upper, char *out)
{
	const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int e2 = (int)(bits >> 52) & 0x7FF, len = 0;
	uint64_t mant = bits & UINT64_C(0x000FFFFFFFFFFFFF);
	int exp = e2 ? e2 - 1023 : (mant ? -1022 : 0);
	if (e2)
		mant |= UINT64_C(1) << 52;
	int digits = 13;
	if (prec >= 0 && prec < 13) {           /* round half-to-even to prec hex digits */
		int shift = 4 * (13 - prec);
		uint64_t rem = mant & ((UINT64_C(1) << shift) - 1), half = UINT64_C(1) << (shift - 1);
		mant >>= shift;
		if (rem > half || (rem == half && (mant & 1)))
			mant++;
		digits = prec;
	} else if (prec < 0) {
		while (digits > 0 && !(mant & 0xF)) {
			mant >>= 4;
			digits--;
		}
	}
	out[len++] = '0';
	out[len++] = upper ? 'X' : 'x';
	out[len++] = hex[(mant >> (4 * digits)) & 0xF];
	if (digits > 0 || prec > 0 || hash)
		out[len++] = '.';
	for (int i = digits - 1; i >= 0; i--)
		out[len++] = hex[(mant >> (4 * i)) & 0xF];
	for (int i = digits; i < prec; i++)
		out[len++] = '0';
	len += snprintf(out + len, 12, "%c%+d", upper ? 'P' : 'p', exp);
	return len;
}

/* put_float(st, bits, conv): one floating conversion of the double with these bits. */
static __attribute__((noinline)) void put_float(struct fmt_state *st, uint64_t bits, char conv)
{
	static char digits[INT_DIGITS_MAX + FRAC_DIGITS_MAX + 16];
	char text[INT_DIGITS_MAX + FRAC_DIGITS_MAX + 16];
	int upper = conv == 'F' || conv == 'E' || conv == 'G' || conv == 'A';
	int hash = st->flags & F_HASH;
	int neg = (int)(bits >> 63), len = 0;
	int zero_pad = (st->flags & F_ZERO) && !(st->flags & F_MINUS);
	uint64_t mag = bits & ~(UINT64_C(1) << 63);
	char sign = neg ? '-' : (st->flags & F_PLUS) ? '+' : (st->flags & F_SPACE) ? ' ' : 0;
	int prec = st->prec;

	if ((mag >> 52) == 0x7FF) {             /* inf, nan: never zero-padded */
		const char *t = (mag << 12) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
		for (len = 0; len < 3; len++)
			text[len] = t[len];
		zero_pad = 0;
	} else if (conv == 'a' || conv == 'A') {
		len = fmt_hex(mag, prec, hash, upper, text);
	} else {
		int dp, x;
		int n = exact_digits(mag, digits, &dp);
		if (prec < 0)
			prec = 6;
		if (prec > FRAC_DIGITS_MAX)
			prec = FRAC_DIGITS_MAX;         /* digits past 1074 are zeros: pad_zeros below */
		if (conv == 'f' || conv == 'F') {
			len = fmt_fixed(digits, n, dp, prec, hash, text);
		} else if (conv == 'e' || conv == 'E') {
			len = fmt_exp(digits, n, dp, prec, hash, upper, text, &x);
		} else {                        /* %g: %e or %f by the exponent, trailing zeros dropped */
			int p = prec == 0 ? 1 : prec;
			fmt_exp(digits, n, dp, p - 1, hash, upper, text, &x);
			if (p > x && x >= -4)
				len = fmt_fixed(digits, n, dp, p - 1 - x, hash, text);
			else
				len = fmt_exp(digits, n, dp, p - 1, hash, upper, text, &x);
			if (!hash) {
				int epos = 0;
				while (epos < len && text[epos] != 'e' && text[epos] != 'E')
					epos++;
				int dot = 0;
				while (dot < epos && text[dot] != '.')
					dot++;
				if (dot < epos) {
					int end = epos;
					while (end > dot + 1 && text[end - 1] == '0')
						end--;
					if (end == dot + 1)
						end = dot;
					for (int i = epos; i < len; i++)
						text[end + i - epos] = text[i];
					len = end + (len - epos);
				}
			}
		}
	}

	int extra = 0;                          /* %.1100f: zeros past the exact digits */
	if (st->prec > FRAC_DIGITS_MAX && (conv == 'f' || conv == 'F' || conv == 'e' || conv == 'E') &&
	    (mag >> 52) != 0x7FF)
		extra = st->prec - FRAC_DIGITS_MAX;
	int total = (sign != 0) + len + extra;
	int fill = st->width > total ? st->width - total : 0;
	if (!zero_pad && !(st->flags & F_MINUS))
		pad(st, ' ', fill);
	if (sign)
		emit(st, &sign, 1);
	int skip = 0;
	if (zero_pad && (conv == 'a' || conv == 'A')) {
		emit(st, text, 2);              /* zeros go after the 0x */
		skip = 2;
	}
	if (zero_pad)
		pad(st, '0', fill);
	if (extra && (conv == 'e' || conv == 'E')) {
		int epos = len;
		while (text[epos - 1] != 'e' && text[epos - 1] != 'E')
			epos--;
		emit(st, text, (size_t)(epos - 1));
		pad(st, '0', extra);
		emit(st, text + epos - 1, (size_t)(len - epos + 1));
	} else {
		emit(st, text + skip, (size_t)(len - skip));
		pad(st, '0', extra);
	}
	if (st->flags & F_MINUS)
		pad(st, ' ', fill);
}

/* DOUBLE_BITS(v, d): v = the bits of double d. */
#define DOUBLE_BITS(v, d) do { double d_ = (d); __builtin_memcpy(&(v), &d_, sizeof(v)); } while (0)

/* parse_int(pp): read decimal digits at *pp (capped at INT_MAX), advancing *pp. */
static int parse_int(const char **pp)
{
	const char *p = *pp;
	int v = 0;
	while (*p >= '0' && *p <= '9') {
		int d = *p++ - '0';
		v = v > (INT_MAX - d) / 10 ? INT_MAX : v * 10 + d;
	}
	*pp = p;
	return v;
}

/* __format(out, ctx, fmt, ap): format fmt with ap into out; the total length (C's printf result). */
int __format(__format_out out, void *ctx, const char *fmt, va_list ap)
{
	struct fmt_state st = { .out = out, .ctx = ctx, .total = 0 };
	const char *p = fmt;

	while (*p) {
		if (*p != '%') {
			const char *q = p;
			while (*q && *q != '%')
				q++;
			emit(&st, p, (size_t)(q - p));
			p = q;
			continue;
		}
		const char *start = p++;

		st.flags = 0;
		for (;; p++) {
			if (*p == '-') st.flags |= F_MINUS;
			else if (*p == '+') st.flags |= F_PLUS;
			else if (*p == ' ') st.flags |= F_SPACE;
			else if (*p == '#') st.flags |= F_HASH;
			else if (*p == '0') st.flags |= F_ZERO;
			else break;
		}

		st.width = 0;
		if (*p == '*') {
			p++;
			int w = va_arg(ap, int);
			if (w < 0) {
				st.flags |= F_MINUS;
				w = w == INT_MIN ? INT_MAX : -w;
			}
			st.width = w;
		} else {
			st.width = parse_int(&p);
		}

		st.prec = -1;
		if (*p == '.') {
			p++;
			if (*p == '*') {
				p++;
				int pr = va_arg(ap, int);
				st.prec = pr < 0 ? -1 : pr;
			} else {
				st.prec = parse_int(&p);
			}
		}

		int len = L_NONE;
		switch (*p) {
		case 'h': p++; len = L_H; if (*p == 'h') { p++; len = L_HH; } break;
		case 'l': p++; len = L_L; if (*p == 'l') { p++; len = L_LL; } break;
		case 'z': p++; len = L_Z; break;
		case 'j': p++; len = L_J; break;
		case 't': p++; len = L_T; break;
		case 'L': p++; len = L_BIG_L; break;
		}

		char conv = *p;
		if (conv)
			p++;
		switch (conv) {
		case 'd':
		case 'i': {
			intmax_t v;
			switch (len) {
			case L_HH: v = (signed char)va_arg(ap, int); break;
			case L_H:  v = (short)va_arg(ap, int); break;
			case L_L:  v = va_arg(ap, long); break;
			case L_LL: v = va_arg(ap, long long); break;
			case L_Z:  v = va_arg(ap, __PTRDIFF_TYPE__); break;  /* signed size_t */
			case L_J:  v = va_arg(ap, intmax_t); break;
			case L_T:  v = va_arg(ap, __PTRDIFF_TYPE__); break;
			default:   v = va_arg(ap, int); break;
			}
			uintmax_t mag = v < 0 ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v;
			put_int(&st, mag, v < 0, 10, 0, 1, NULL);
			break;
		}
		case 'u':
		case 'o':
		case 'x':
		case 'X': {
			uintmax_t v;
			switch (len) {
			case L_HH: v = (unsigned char)va_arg(ap, unsigned); break;
			case L_H:  v = (unsigned short)va_arg(ap, unsigned); break;
			case L_L:  v = va_arg(ap, unsigned long); break;
			case L_LL: v = va_arg(ap, unsigned long long); break;
			case L_Z:  v = va_arg(ap, size_t); break;
			case L_J:  v = va_arg(ap, uintmax_t); break;
			case L_T:  v = (size_t)va_arg(ap, __PTRDIFF_TYPE__); break;
			default:   v = va_arg(ap, unsigned); break;
			}
			unsigned base = conv == 'u' ? 10 : conv == 'o' ? 8 : 16;
			const char *prefix = NULL;
			if ((st.flags & F_HASH) && base == 16 && v != 0)
				prefix = conv == 'X' ? "0X" : "0x";
			put_int(&st, v, 0, base, conv == 'X', 0, prefix);
			break;
		}
		case 'p': {
			uintptr_t v = (uintptr_t)va_arg(ap, void *);
			put_int(&st, v, 0, 16, 0, 0, "0x");
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			put_text(&st, &c, 1);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			put_text(&st, s, bounded_len(s, st.prec < 0 ? SIZE_MAX : (size_t)st.prec));
			break;
		}
		case 'n': {
			void *dst = va_arg(ap, void *);
			switch (len) {
			case L_HH: *(signed char *)dst = (signed char)st.total; break;
			case L_H:  *(short *)dst = (short)st.total; break;
			case L_L:  *(long *)dst = (long)st.total; break;
			case L_LL: *(long long *)dst = (long long)st.total; break;
			case L_Z:  *(size_t *)dst = st.total; break;
			case L_J:  *(intmax_t *)dst = (intmax_t)st.total; break;
			case L_T:  *(__PTRDIFF_TYPE__ *)dst = (__PTRDIFF_TYPE__)st.total; break;
			default:   *(int *)dst = (int)st.total; break;
			}
			break;
		}
		case 'a': case 'A': case 'e': case 'E':
		case 'f': case 'F': case 'g': case 'G': {
			uint64_t bits;
			if (len == L_BIG_L) {
				long double ld = va_arg(ap, long double);
#if __SIZEOF_LONG_DOUBLE__ == 8 || __LDBL_MANT_DIG__ == 106
				__builtin_memcpy(&bits, &ld, 8);   /* a double, or IBM double-double's high part */
#else
				DOUBLE_BITS(bits, (double)ld);  /* the host test's x87 long double */
#endif
			} else {
				DOUBLE_BITS(bits, va_arg(ap, double));
			}
			put_float(&st, bits, conv);
			break;
		}
		case '%':
			emit(&st, "%", 1);
			break;
		default:                /* unknown or truncated: print it as written */
			emit(&st, start, (size_t)(p - start));
			break;
		}
	}

	if (st.total > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)st.total;
}

/* Where vsnprintf's text goes: buf[0..cap) receives the first cap bytes. */
struct str_sink {
	char *buf;
	size_t cap;
	size_t len;
};

/* str_out(ctx, s, n): append what fits of s[0..n) to a str_sink. */
static void str_out(void *ctx, const char *s, size_t n)
{
	struct str_sink *k = ctx;
	for (size_t i = 0; i < n; i++, k->len++)
		if (k->len < k->cap)
			k->buf[k->len] = s[i];
}

/* vsnprintf(buf, n, fmt, ap): format into buf, at most n-1 chars + NUL; the full length. */
int vsnprintf(char *restrict buf, size_t n, const char *restrict fmt, va_list ap)
{
	struct str_sink k = { buf, n ? n - 1 : 0, 0 };
	int r = __format(str_out, &k, fmt, ap);
	if (n)
		buf[k.len < k.cap ? k.len : k.cap] = '\0';
	return r;
}

/* snprintf(buf, n, fmt, ...): format into buf, at most n-1 chars + NUL; the full length. */
int snprintf(char *restrict buf, size_t n, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

/* vsprintf(buf, fmt, ap): format into buf (no size check); the length. */
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	return vsnprintf(buf, (size_t)INT_MAX + 1, fmt, ap);
}

/* sprintf(buf, fmt, ...): format into buf (no size check); the length. */
int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsprintf(buf, fmt, ap);
	va_end(ap);
	return r;
}
