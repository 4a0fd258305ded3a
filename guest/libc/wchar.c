/*
 * wchar.c - <wchar.h>, <wctype.h> and the multibyte calls of <stdlib.h>
 * in the C locale: a multibyte character is one byte 0x00-0x7f and its
 * wide character has the same value; anything else is EILSEQ.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#define BAD ((size_t)-1)

/* ---- conversions -------------------------------------------------------- */

wint_t btowc(int c)       { return c >= 0 && c < 0x80 ? (wint_t)c : WEOF; }
int wctob(wint_t c)       { return c < 0x80 ? (int)c : -1; }
int mbsinit(const mbstate_t *ps) { (void)ps; return 1; }

size_t mbrtowc(wchar_t *restrict wc, const char *restrict s, size_t n, mbstate_t *restrict ps)
{
	(void)ps;
	if (!s)
		return 0;
	if (n == 0)
		return (size_t)-2;
	unsigned char c = (unsigned char)*s;
	if (c >= 0x80) {
		errno = EILSEQ;
		return BAD;
	}
	if (wc)
		*wc = (wchar_t)c;
	return c != 0;
}

size_t mbrlen(const char *restrict s, size_t n, mbstate_t *restrict ps)
{
	return mbrtowc(NULL, s, n, ps);
}

size_t wcrtomb(char *restrict s, wchar_t wc, mbstate_t *restrict ps)
{
	(void)ps;
	if (!s)
		return 1;
	if ((unsigned long)wc >= 0x80) {
		errno = EILSEQ;
		return BAD;
	}
	*s = (char)wc;
	return 1;
}

size_t mbsrtowcs(wchar_t *restrict d, const char **restrict s, size_t n, mbstate_t *restrict ps)
{
	(void)ps;
	const unsigned char *p = (const unsigned char *)*s;
	size_t k = 0;
	for (; !d || k < n; k++, p++) {
		if (*p >= 0x80) {
			if (d)
				*s = (const char *)p;
			errno = EILSEQ;
			return BAD;
		}
		if (d)
			d[k] = (wchar_t)*p;
		if (*p == 0) {
			if (d)
				*s = NULL;
			return k;
		}
	}
	*s = (const char *)p;
	return k;
}

size_t wcsrtombs(char *restrict d, const wchar_t **restrict s, size_t n, mbstate_t *restrict ps)
{
	(void)ps;
	const wchar_t *p = *s;
	size_t k = 0;
	for (; !d || k < n; k++, p++) {
		if ((unsigned long)*p >= 0x80) {
			if (d)
				*s = p;
			errno = EILSEQ;
			return BAD;
		}
		if (d)
			d[k] = (char)*p;
		if (*p == 0) {
			if (d)
				*s = NULL;
			return k;
		}
	}
	*s = p;
	return k;
}

int mblen(const char *s, size_t n)
{
	return mbtowc(NULL, s, n);
}

int mbtowc(wchar_t *restrict wc, const char *restrict s, size_t n)
{
	if (!s)
		return 0;                   /* no shift states */
	size_t r = mbrtowc(wc, s, n, NULL);
	return r == BAD || r == (size_t)-2 ? -1 : (int)r;
}

int wctomb(char *s, wchar_t wc)
{
	if (!s)
		return 0;
	size_t r = wcrtomb(s, wc, NULL);
	return r == BAD ? -1 : (int)r;
}

size_t mbstowcs(wchar_t *restrict d, const char *restrict s, size_t n)
{
	const char *p = s;
	return mbsrtowcs(d, &p, n, NULL);
}

size_t wcstombs(char *restrict d, const wchar_t *restrict s, size_t n)
{
	const wchar_t *p = s;
	return wcsrtombs(d, &p, n, NULL);
}

/* ---- wide strings --------------------------------------------------------- */

size_t wcslen(const wchar_t *s)             { const wchar_t *p = s; while (*p) p++; return (size_t)(p - s); }
size_t wcsnlen(const wchar_t *s, size_t n)  { size_t k = 0; while (k < n && s[k]) k++; return k; }
wchar_t *wcscpy(wchar_t *restrict d, const wchar_t *restrict s) { return wmemcpy(d, s, wcslen(s) + 1); }
wchar_t *wcscat(wchar_t *restrict d, const wchar_t *restrict s) { wcscpy(d + wcslen(d), s); return d; }

wchar_t *wcsncpy(wchar_t *restrict d, const wchar_t *restrict s, size_t n)
{
	size_t k = wcsnlen(s, n);
	wmemcpy(d, s, k);
	wmemset(d + k, 0, n - k);
	return d;
}

wchar_t *wcsncat(wchar_t *restrict d, const wchar_t *restrict s, size_t n)
{
	wchar_t *e = d + wcslen(d);
	size_t k = wcsnlen(s, n);
	wmemcpy(e, s, k);
	e[k] = 0;
	return d;
}

int wcsncmp(const wchar_t *a, const wchar_t *b, size_t n)
{
	for (; n; n--, a++, b++)
		if (*a != *b || !*a)
			return *a < *b ? -1 : *a > *b;
	return 0;
}

int wcscmp(const wchar_t *a, const wchar_t *b)  { return wcsncmp(a, b, (size_t)-1); }
int wcscoll(const wchar_t *a, const wchar_t *b) { return wcscmp(a, b); }

wchar_t *wcschr(const wchar_t *s, wchar_t c)
{
	for (;; s++) {
		if (*s == c)
			return (wchar_t *)s;
		if (!*s)
			return NULL;
	}
}

wchar_t *wcsrchr(const wchar_t *s, wchar_t c)
{
	const wchar_t *last = NULL;
	for (;; s++) {
		if (*s == c)
			last = s;
		if (!*s)
			return (wchar_t *)last;
	}
}

wchar_t *wcsstr(const wchar_t *h, const wchar_t *n)
{
	size_t k = wcslen(n);
	for (; *h; h++)
		if (!wcsncmp(h, n, k))
			return (wchar_t *)h;
	return k ? NULL : (wchar_t *)h;
}

size_t wcsspn(const wchar_t *s, const wchar_t *set)
{
	size_t k = 0;
	while (s[k] && wcschr(set, s[k]))
		k++;
	return k;
}

size_t wcscspn(const wchar_t *s, const wchar_t *set)
{
	size_t k = 0;
	while (s[k] && !wcschr(set, s[k]))
		k++;
	return k;
}

wchar_t *wcspbrk(const wchar_t *s, const wchar_t *set)
{
	s += wcscspn(s, set);
	return *s ? (wchar_t *)s : NULL;
}

wchar_t *wcstok(wchar_t *restrict s, const wchar_t *restrict delim, wchar_t **restrict save)
{
	if (!s)
		s = *save;
	s += wcsspn(s, delim);
	if (!*s) {
		*save = s;
		return NULL;
	}
	wchar_t *e = s + wcscspn(s, delim);
	if (*e)
		*e++ = 0;
	*save = e;
	return s;
}

wchar_t *wcsdup(const wchar_t *s)
{
	size_t n = wcslen(s) + 1;
	wchar_t *d = malloc(n * sizeof *d);
	return d ? wmemcpy(d, s, n) : NULL;
}

wchar_t *wmemcpy(wchar_t *restrict d, const wchar_t *restrict s, size_t n) { return memcpy(d, s, n * sizeof *d); }
wchar_t *wmemmove(wchar_t *d, const wchar_t *s, size_t n)                   { return memmove(d, s, n * sizeof *d); }

wchar_t *wmemset(wchar_t *d, wchar_t c, size_t n)
{
	for (size_t k = 0; k < n; k++)
		d[k] = c;
	return d;
}

int wmemcmp(const wchar_t *a, const wchar_t *b, size_t n)
{
	for (; n; n--, a++, b++)
		if (*a != *b)
			return *a < *b ? -1 : 1;
	return 0;
}

wchar_t *wmemchr(const wchar_t *s, wchar_t c, size_t n)
{
	for (; n; n--, s++)
		if (*s == c)
			return (wchar_t *)s;
	return NULL;
}

/* strtol/strtoul on a narrowed copy of the number's characters; *end
 * points into the wide string the same distance in. */
static unsigned long wide_strto(const wchar_t *s, wchar_t **end, int base, int sgn)
{
	char buf[80];
	size_t k = 0;
	while (k < sizeof buf - 1 && s[k] && (unsigned long)s[k] < 0x80) {
		buf[k] = (char)s[k];
		k++;
	}
	buf[k] = 0;
	char *e;
	unsigned long v = sgn ? (unsigned long)strtol(buf, &e, base) : strtoul(buf, &e, base);
	if (end)
		*end = (wchar_t *)s + (e - buf);
	return v;
}

long wcstol(const wchar_t *restrict s, wchar_t **restrict end, int base)
{
	return (long)wide_strto(s, end, base, 1);
}

unsigned long wcstoul(const wchar_t *restrict s, wchar_t **restrict end, int base)
{
	return wide_strto(s, end, base, 0);
}

/* ---- classes -------------------------------------------------------------- */

#define CLASS(name, fn) int name(wint_t c) { return c < 0x80 && fn((int)c); }
CLASS(iswalnum, isalnum)
CLASS(iswalpha, isalpha)
CLASS(iswblank, isblank)
CLASS(iswcntrl, iscntrl)
CLASS(iswdigit, isdigit)
CLASS(iswgraph, isgraph)
CLASS(iswlower, islower)
CLASS(iswprint, isprint)
CLASS(iswpunct, ispunct)
CLASS(iswspace, isspace)
CLASS(iswupper, isupper)
CLASS(iswxdigit, isxdigit)

wint_t towlower(wint_t c) { return c < 0x80 ? (wint_t)tolower((int)c) : c; }
wint_t towupper(wint_t c) { return c < 0x80 ? (wint_t)toupper((int)c) : c; }

static const struct { const char *name; int (*fn)(wint_t); } classes[] = {
	{ "alnum", iswalnum }, { "alpha", iswalpha }, { "blank", iswblank }, { "cntrl", iswcntrl },
	{ "digit", iswdigit }, { "graph", iswgraph }, { "lower", iswlower }, { "print", iswprint },
	{ "punct", iswpunct }, { "space", iswspace }, { "upper", iswupper }, { "xdigit", iswxdigit },
};

wctype_t wctype(const char *name)
{
	for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
		if (!strcmp(name, classes[i].name))
			return (wctype_t)i + 1;
	return 0;
}

int iswctype(wint_t c, wctype_t t)
{
	return t >= 1 && (size_t)t <= sizeof classes / sizeof classes[0] && classes[t - 1].fn(c);
}

wctrans_t wctrans(const char *name)
{
	return !strcmp(name, "tolower") ? 1 : !strcmp(name, "toupper") ? 2 : 0;
}

wint_t towctrans(wint_t c, wctrans_t t)
{
	return t == 1 ? towlower(c) : t == 2 ? towupper(c) : c;
}
