/*
 * printf.c - the printf engine (__format) and the string printers
 * (sprintf, snprintf, vsprintf, vsnprintf).  Stream printers are in stdio.c.
 *
 * Conversions: d i u o x X c s p n %, flags - + space # 0, width and
 * precision (also *), length hh h l ll z j t (L accepted).  Each length
 * reads exactly the C type it names, so on ILP32 "%lx" reads 32 bits and
 * "%llx" (PRIx64) 64.  %p prints 0x and hex digits ("0x0" for NULL);
 * %s of NULL prints "(null)".  Floating conversions (a A e E f F g G)
 * consume their double and print "<float>": the guest libc has no
 * floating point.  An unknown conversion is printed as written.
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
		case 'f': case 'F': case 'g': case 'G':
			if (len == L_BIG_L)
				(void)va_arg(ap, long double);
			else
				(void)va_arg(ap, double);
			st.prec = -1;
			put_text(&st, "<float>", 7);
			break;
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
