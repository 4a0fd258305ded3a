/*
 * scanf.c - the scanf family over one input abstraction (a string or a
 * FILE).  Numbers are collected as text following the C grammar, then
 * converted by strtoull/strtoll/strtod/strtof (so floating point is
 * correctly rounded).  Like glibc, at most one character is pushed back:
 * "1e+" read by %f consumes the "e+" and gives 1, "0x" read by %x gives 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <stdint.h>
#include <stddef.h>
#include "libc.h"

/* An input: next byte or EOF, push one byte back; count of bytes consumed. */
struct in {
	FILE *f;                /* NULL: the string s */
	const unsigned char *s;
	size_t count;
	int eof;
};

/* in_get(in): the next byte, or EOF. */
static int in_get(struct in *in)
{
	int c;
	if (in->f) {
		c = fgetc(in->f);
	} else {
		c = *in->s ? *in->s++ : EOF;
	}
	if (c == EOF)
		in->eof = 1;
	else
		in->count++;
	return c;
}

/* in_unget(in, c): give c back (c may be EOF: nothing). */
static void in_unget(struct in *in, int c)
{
	if (c == EOF)
		return;
	in->count--;
	if (in->f)
		ungetc(c, in->f);
	else
		in->s--;
}

/* Length modifiers. */
enum len { L_NONE, L_HH, L_H, L_L, L_LL, L_J, L_Z, L_T, L_BIGL };

/* store_int(ap, len, v): assign v through the next pointer argument of the right size. */
static void store_int(va_list *ap, enum len len, unsigned long long v)
{
	switch (len) {
	case L_HH: *va_arg(*ap, char *) = (char)v; break;
	case L_H: *va_arg(*ap, short *) = (short)v; break;
	case L_L: *va_arg(*ap, long *) = (long)v; break;
	case L_LL: case L_BIGL: *va_arg(*ap, long long *) = (long long)v; break;
	case L_J: *va_arg(*ap, intmax_t *) = (intmax_t)v; break;
	case L_Z: *va_arg(*ap, size_t *) = (size_t)v; break;
	case L_T: *va_arg(*ap, ptrdiff_t *) = (ptrdiff_t)v; break;
	default: *va_arg(*ap, int *) = (int)v; break;
	}
}

/* Text of one number being collected, at most width chars. */
struct tok {
	char b[512];
	int n, width;
};

/* take(in, t, c): append c to the token and read the next byte; the next byte, or EOF when full. */
static int take(struct in *in, struct tok *t, int c)
{
	if (t->n >= t->width || t->n >= (int)sizeof t->b - 1)
		return EOF;
	t->b[t->n++] = (char)c;
	if (t->n >= t->width)
		return EOF;
	return in_get(in);
}

/* scan_int(in, width, base, t): collect an integer (sign, 0x prefix, digits); the base used, or 0 if none. */
static int scan_int(struct in *in, int base, struct tok *t)
{
	int c = in_get(in), digits = 0;
	if (c == '+' || c == '-')
		c = take(in, t, c);
	if ((base == 0 || base == 16) && c == '0') {
		c = take(in, t, c);
		digits = 1;                      /* "0x" alone is 0, as glibc */
		if (c == 'x' || c == 'X') {
			c = take(in, t, c);
			base = 16;
		} else if (base == 0) {
			base = 8;
		}
	} else if (base == 0) {
		base = 10;
	}
	for (;; digits++) {
		int d = isdigit(c) ? c - '0' : isalpha(c) ? tolower(c) - 'a' + 10 : 99;
		if (c == EOF || d >= base)
			break;
		c = take(in, t, c);
	}
	in_unget(in, c);
	t->b[t->n] = '\0';
	return digits ? base : 0;
}

/* scan_float(in, t): collect a floating-point number; nonzero if it is one. */
static int scan_float(struct in *in, struct tok *t)
{
	int c = in_get(in), digits = 0;
	if (c == '+' || c == '-')
		c = take(in, t, c);
	if (c == 'i' || c == 'I' || c == 'n' || c == 'N') {
		const char *w = tolower(c) == 'i' ? "infinity" : "nan";
		size_t k = 0;
		while (w[k] && c != EOF && tolower(c) == w[k])
			c = take(in, t, c), k++;
		in_unget(in, c);
		t->b[t->n] = '\0';
		return k == 3 || k == 8;
	}
	int hex = 0;
	if (c == '0') {
		c = take(in, t, c);
		digits = 1;
		if (c == 'x' || c == 'X') {
			c = take(in, t, c);
			hex = 1;
			digits = 0;
		}
	}
	for (; c != EOF && (hex ? isxdigit(c) : isdigit(c)); digits++)
		c = take(in, t, c);
	if (c == '.') {
		c = take(in, t, c);
		for (; c != EOF && (hex ? isxdigit(c) : isdigit(c)); digits++)
			c = take(in, t, c);
	}
	if (digits && (hex ? (c == 'p' || c == 'P') : (c == 'e' || c == 'E'))) {
		c = take(in, t, c);
		if (c == '+' || c == '-')
			c = take(in, t, c);
		while (c != EOF && isdigit(c))   /* "1e" alone: glibc takes it, value 1 */
			c = take(in, t, c);
	}
	in_unget(in, c);
	t->b[t->n] = '\0';
	return digits > 0;
}

/* scanset(fmt, set): parse "[...]" after '%' (fmt at '['); the end of it, or NULL if unterminated. */
static const char *scanset(const char *fmt, unsigned char set[256])
{
	int neg = 0;
	fmt++;
	if (*fmt == '^')
		neg = 1, fmt++;
	memset(set, 0, 256);
	if (*fmt == ']')
		set[']'] = 1, fmt++;
	for (; *fmt && *fmt != ']'; fmt++) {
		if (fmt[1] == '-' && fmt[2] && fmt[2] != ']' && (unsigned char)fmt[2] >= (unsigned char)fmt[0]) {
			for (int c = (unsigned char)fmt[0]; c <= (unsigned char)fmt[2]; c++)
				set[c] = 1;
			fmt += 2;
		} else {
			set[(unsigned char)*fmt] = 1;
		}
	}
	if (!*fmt)
		return NULL;
	if (neg)
		for (int c = 0; c < 256; c++)
			set[c] = !set[c];
	return fmt;
}

/* skip_space(in): consume white space. */
static void skip_space(struct in *in)
{
	int c;
	while ((c = in_get(in)) != EOF && isspace(c))
		;
	in_unget(in, c);
}

/* do_scan(in, fmt, ap): the scanf engine; assignments made, or EOF on an input failure before any conversion. */
static int do_scan(struct in *in, const char *fmt, va_list ap0)
{
	va_list ap;
	va_copy(ap, ap0);
	int assigned = 0, converted = 0;
	unsigned char set[256];
	for (; *fmt; fmt++) {
		if (isspace((unsigned char)*fmt)) {
			skip_space(in);
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			if (*fmt == '%') {
				fmt++;
				skip_space(in);
			}
			int c = in_get(in);
			if (c != (unsigned char)*fmt) {
				in_unget(in, c);
				if (c == EOF && !converted)
					goto input_failure;
				break;
			}
			continue;
		}
		fmt++;
		int suppress = 0, width = 0;
		if (*fmt == '*')
			suppress = 1, fmt++;
		while (isdigit((unsigned char)*fmt))
			width = width * 10 + (*fmt++ - '0');
		enum len len = L_NONE;
		switch (*fmt) {
		case 'h': len = fmt[1] == 'h' ? (fmt++, L_HH) : L_H; fmt++; break;
		case 'l': len = fmt[1] == 'l' ? (fmt++, L_LL) : L_L; fmt++; break;
		case 'q': len = L_LL; fmt++; break;
		case 'j': len = L_J; fmt++; break;
		case 'z': len = L_Z; fmt++; break;
		case 't': len = L_T; fmt++; break;
		case 'L': len = L_BIGL; fmt++; break;
		}
		int conv = (unsigned char)*fmt;
		if (!conv)
			break;
		if (conv == 'n') {
			if (!suppress)
				store_int(&ap, len, in->count);
			continue;
		}
		if (conv != '[' && conv != 'c')
			skip_space(in);
		struct tok t = { .n = 0, .width = width ? width : (int)sizeof t.b - 1 };
		switch (conv) {
		case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p': {
			int base = conv == 'd' || conv == 'u' ? 10 : conv == 'o' ? 8 :
				   conv == 'i' ? 0 : 16;
			base = scan_int(in, base, &t);
			if (!base)
				goto fail;
			converted = 1;
			if (suppress)
				break;
			unsigned long long v = (conv == 'd' || conv == 'i') ?
				(unsigned long long)strtoll(t.b, NULL, base) : strtoull(t.b, NULL, base);
			if (conv == 'p')
				*va_arg(ap, void **) = (void *)(uintptr_t)v;
			else
				store_int(&ap, len, v);
			assigned++;
			break;
		}
		case 'a': case 'A': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
			if (!scan_float(in, &t))
				goto fail;
			converted = 1;
			if (suppress)
				break;
			if (len == L_L)
				*va_arg(ap, double *) = strtod(t.b, NULL);
			else if (len == L_BIGL)
				*va_arg(ap, long double *) = strtold(t.b, NULL);
			else
				*va_arg(ap, float *) = strtof(t.b, NULL);
			assigned++;
			break;
		case 's': case 'c': case '[': {
			if (conv == '[') {
				const char *end = scanset(fmt, set);
				if (!end)
					goto done;
				fmt = end;
			} else if (conv == 's') {
				for (int c = 0; c < 256; c++)
					set[c] = !isspace(c);
			} else {
				memset(set, 1, sizeof set);
			}
			int max = width ? width : conv == 'c' ? 1 : INT32_MAX;
			char *d = suppress ? NULL : va_arg(ap, char *);
			int n = 0, c = 0;
			while (n < max && (c = in_get(in)) != EOF && set[c]) {
				if (d)
					d[n] = (char)c;
				n++;
			}
			if (n < max)
				in_unget(in, c);
			if (n == 0 || (conv == 'c' && n < max)) {
				if (in->eof && !converted)
					goto input_failure;
				goto done;
			}
			if (d && conv != 'c')
				d[n] = '\0';
			converted = 1;
			if (d)
				assigned++;
			break;
		}
		default:
			goto done;
		}
		continue;
fail:
		if (in->eof && t.n == 0 && !converted)
			goto input_failure;
		goto done;
	}
done:
	va_end(ap);
	return assigned;
input_failure:
	va_end(ap);
	return assigned ? assigned : EOF;
}

/* vsscanf(s, fmt, ap): scanf from a string. */
int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap)
{
	struct in in = { .s = (const unsigned char *)s };
	return do_scan(&in, fmt, ap);
}

/* sscanf(s, fmt, ...): scanf from a string. */
int sscanf(const char *restrict s, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsscanf(s, fmt, ap);
	va_end(ap);
	return r;
}

/* vfscanf(f, fmt, ap): scanf from a stream. */
int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct in in = { .f = f };
	return do_scan(&in, fmt, ap);
}

/* fscanf(f, fmt, ...): scanf from a stream. */
int fscanf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfscanf(f, fmt, ap);
	va_end(ap);
	return r;
}

/* vscanf(fmt, ap): scanf from stdin. */
int vscanf(const char *restrict fmt, va_list ap)
{
	return vfscanf(stdin, fmt, ap);
}

/* scanf(fmt, ...): from stdin. */
int scanf(const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfscanf(stdin, fmt, ap);
	va_end(ap);
	return r;
}
