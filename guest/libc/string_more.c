/*
 * string_more.c - the rest of <string.h> and <strings.h> that test
 * programs use: tokenizers, case-insensitive comparison, strpbrk ...
 * (the C locale only).
 */
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <errno.h>

/* strcasecmp(a, b): strcmp ignoring ASCII case. */
int strcasecmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
	while (*x && tolower(*x) == tolower(*y))
		x++, y++;
	return tolower(*x) - tolower(*y);
}

/* strncasecmp(a, b, n): strncmp ignoring ASCII case. */
int strncasecmp(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
	for (; n; n--, x++, y++) {
		int d = tolower(*x) - tolower(*y);
		if (d || !*x)
			return d;
	}
	return 0;
}

/* strcasestr(h, n): strstr ignoring ASCII case. */
char *strcasestr(const char *h, const char *n)
{
	size_t len = strlen(n);
	for (; *h; h++)
		if (strncasecmp(h, n, len) == 0)
			return (char *)h;
	return len ? NULL : (char *)h;
}

/* strpbrk(s, set): first char of s that is in set, or NULL. */
char *strpbrk(const char *s, const char *set)
{
	s += strcspn(s, set);
	return *s ? (char *)s : NULL;
}

/* strtok_r(s, sep, save): the next token of s (NULL: continue from *save). */
char *strtok_r(char *restrict s, const char *restrict sep, char **restrict save)
{
	if (!s)
		s = *save;
	if (!s)
		return NULL;
	s += strspn(s, sep);
	if (!*s) {
		*save = s;
		return NULL;
	}
	char *end = s + strcspn(s, sep);
	if (*end)
		*end++ = '\0';
	*save = end;
	return s;
}

/* strtok(s, sep): strtok_r with one hidden save pointer. */
char *strtok(char *restrict s, const char *restrict sep)
{
	static char *save;
	return strtok_r(s, sep, &save);
}

/* strsep(sp, sep): the token at *sp; *sp moves past its separator (NULL after the last). */
char *strsep(char **restrict sp, const char *restrict sep)
{
	char *s = *sp;
	if (!s)
		return NULL;
	char *end = s + strcspn(s, sep);
	if (*end)
		*end++ = '\0', *sp = end;
	else
		*sp = NULL;
	return s;
}

/* strerror_r(e, buf, n): the text of e into buf; 0, or ERANGE when it does not fit. */
int strerror_r(int e, char *buf, size_t n)
{
	const char *m = strerror(e);
	size_t len = strlen(m);
	if (n == 0)
		return ERANGE;
	if (len >= n) {
		memcpy(buf, m, n - 1);
		buf[n - 1] = '\0';
		return ERANGE;
	}
	memcpy(buf, m, len + 1);
	return 0;
}

/* memrchr(s, c, n): last (unsigned char)c in n bytes, or NULL. */
void *memrchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	while (n--)
		if (p[n] == (unsigned char)c)
			return (void *)(p + n);
	return NULL;
}

/* memccpy(d, s, c, n): copy up to and including c; the byte after it in d, or NULL. */
void *memccpy(void *restrict d, const void *restrict s, int c, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	for (; n; n--) {
		*dp = *sp++;
		if (*dp++ == (unsigned char)c)
			return dp;
	}
	return NULL;
}

/* strcoll(a, b): strcmp (the C locale). */
int strcoll(const char *a, const char *b)
{
	return strcmp(a, b);
}

/* strxfrm(d, s, n): copy s if it fits in n (C locale); the length of s. */
size_t strxfrm(char *restrict d, const char *restrict s, size_t n)
{
	size_t len = strlen(s);
	if (len < n)
		memcpy(d, s, len + 1);
	return len;
}

/* stpncpy(d, s, n): strncpy; the address of the first NUL written in d, or d + n. */
char *stpncpy(char *restrict d, const char *restrict s, size_t n)
{
	size_t len = strnlen(s, n);
	memcpy(d, s, len);
	memset(d + len, 0, n - len);
	return d + len;
}

/* ffs(i): 1 + the index of the lowest set bit of i, 0 if none. */
int ffs(int i)
{
	return i ? __builtin_ctz((unsigned)i) + 1 : 0;
}

/* bzero(d, n): memset(d, 0, n). */
void bzero(void *d, size_t n)
{
	memset(d, 0, n);
}

/* bcopy(s, d, n): memmove(d, s, n). */
void bcopy(const void *s, void *d, size_t n)
{
	memmove(d, s, n);
}

/* index(s, c): strchr. */
char *index(const char *s, int c)
{
	return strchr(s, c);
}

/* rindex(s, c): strrchr. */
char *rindex(const char *s, int c)
{
	return strrchr(s, c);
}

/* strlcpy(d, s, n): copy s into d (n bytes, always terminated if n > 0);
 * strlen(s), so a result >= n says it was cut. */
size_t strlcpy(char *d, const char *s, size_t n)
{
	size_t len = strlen(s);
	if (n) {
		size_t k = len < n - 1 ? len : n - 1;
		memcpy(d, s, k);
		d[k] = '\0';
	}
	return len;
}

/* strlcat(d, s, n): append s to the string in d (n bytes in all); the
 * length it tried to make: strnlen(d, n) + strlen(s). */
size_t strlcat(char *d, const char *s, size_t n)
{
	size_t dl = strnlen(d, n);
	if (dl == n)
		return n + strlen(s);
	return dl + strlcpy(d + dl, s, n - dl);
}
