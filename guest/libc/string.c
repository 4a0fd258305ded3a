/*
 * string.c - <string.h>.  Must be built with -fno-tree-loop-distribute-patterns
 * (guest/CMakeLists.txt does): otherwise GCC turns the loops of memset and
 * memcpy back into calls to memset and memcpy.
 */
#include <string.h>
#include <stdint.h>
#include <stdlib.h>

/* A word that may alias anything, for the aligned fast paths. */
typedef uint32_t __attribute__((__may_alias__)) word_t;

#define ALIGNED(p) (((uintptr_t)(p) & (sizeof(word_t) - 1)) == 0)

/* memcpy(d, s, n): copy n bytes (no overlap); d. */
void *memcpy(void *restrict d, const void *restrict s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	if (ALIGNED(dp) && ALIGNED(sp)) {
		for (; n >= 4 * sizeof(word_t); n -= 4 * sizeof(word_t)) {
			word_t *dw = (word_t *)dp;
			const word_t *sw = (const word_t *)sp;
			dw[0] = sw[0]; dw[1] = sw[1]; dw[2] = sw[2]; dw[3] = sw[3];
			dp += 4 * sizeof(word_t);
			sp += 4 * sizeof(word_t);
		}
		for (; n >= sizeof(word_t); n -= sizeof(word_t)) {
			*(word_t *)dp = *(const word_t *)sp;
			dp += sizeof(word_t);
			sp += sizeof(word_t);
		}
	}
	while (n--)
		*dp++ = *sp++;
	return d;
}

/* memmove(d, s, n): copy n bytes, overlap allowed; d. */
void *memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	if (dp == sp || n == 0)
		return d;
	if ((uintptr_t)dp - (uintptr_t)sp >= n) {   /* d before s, or no overlap: forwards */
		if ((uintptr_t)sp - (uintptr_t)dp >= n)
			return memcpy(d, s, n);     /* really disjoint */
		for (size_t i = 0; i < n; i++)
			dp[i] = sp[i];
		return d;
	}
	while (n--)                                 /* d overlaps the end of s: backwards */
		dp[n] = sp[n];
	return d;
}

/* memset(d, c, n): fill n bytes with (unsigned char)c; d. */
void *memset(void *d, int c, size_t n)
{
	unsigned char *dp = d;
	unsigned char b = (unsigned char)c;
	while (n && !ALIGNED(dp)) {
		*dp++ = b;
		n--;
	}
	word_t w = b * 0x01010101u;
	for (; n >= sizeof(word_t); n -= sizeof(word_t)) {
		*(word_t *)dp = w;
		dp += sizeof(word_t);
	}
	while (n--)
		*dp++ = b;
	return d;
}

/* memcmp(a, b, n): <0, 0, >0 comparing n bytes as unsigned char. */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

/* memchr(s, c, n): first (unsigned char)c in n bytes, or NULL. */
void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

/* strlen(s): length of s. */
size_t strlen(const char *s)
{
	const char *p = s;
	while (*p)
		p++;
	return (size_t)(p - s);
}

/* strnlen(s, n): length of s, at most n. */
size_t strnlen(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i])
		i++;
	return i;
}

/* strcmp(a, b): <0, 0, >0 comparing as unsigned char. */
int strcmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
	while (*x && *x == *y)
		x++, y++;
	return *x - *y;
}

/* strncmp(a, b, n): strcmp on at most n chars. */
int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
	for (; n; n--, x++, y++) {
		if (*x != *y)
			return *x - *y;
		if (!*x)
			break;
	}
	return 0;
}

/* strcpy(d, s): copy s with its NUL; d. */
char *strcpy(char *restrict d, const char *restrict s)
{
	char *p = d;
	while ((*p++ = *s++))
		;
	return d;
}

/* stpcpy(d, s): copy s with its NUL; the address of d's NUL. */
char *stpcpy(char *restrict d, const char *restrict s)
{
	while ((*d = *s++))
		d++;
	return d;
}

/* strncpy(d, s, n): copy at most n chars, NUL-padding to n (no NUL if s is n long or more); d. */
char *strncpy(char *restrict d, const char *restrict s, size_t n)
{
	size_t i = 0;
	for (; i < n && s[i]; i++)
		d[i] = s[i];
	for (; i < n; i++)
		d[i] = '\0';
	return d;
}

/* strcat(d, s): append s to d; d. */
char *strcat(char *restrict d, const char *restrict s)
{
	strcpy(d + strlen(d), s);
	return d;
}

/* strncat(d, s, n): append at most n chars of s and a NUL; d. */
char *strncat(char *restrict d, const char *restrict s, size_t n)
{
	char *p = d + strlen(d);
	while (n-- && *s)
		*p++ = *s++;
	*p = '\0';
	return d;
}

/* strchr(s, c): first c in s (c may be NUL), or NULL. */
char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

/* strrchr(s, c): last c in s, or NULL. */
char *strrchr(const char *s, int c)
{
	const char *last = NULL;
	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

/* strstr(h, n): first n in h (h if n is empty), or NULL. */
char *strstr(const char *h, const char *n)
{
	size_t len = strlen(n);
	if (len == 0)
		return (char *)h;
	for (; *h; h++)
		if (*h == *n && strncmp(h, n, len) == 0)
			return (char *)h;
	return NULL;
}

/* strspn(s, set): length of the prefix of s made of chars in set. */
size_t strspn(const char *s, const char *set)
{
	size_t i = 0;
	while (s[i] && strchr(set, s[i]))
		i++;
	return i;
}

/* strcspn(s, set): length of the prefix of s with no char in set. */
size_t strcspn(const char *s, const char *set)
{
	size_t i = 0;
	while (s[i] && !strchr(set, s[i]))
		i++;
	return i;
}

/* strdup(s): a malloc'd copy of s, or NULL. */
char *strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	return d ? memcpy(d, s, n) : NULL;
}

/* strndup(s, n): a malloc'd copy of at most n chars of s, or NULL. */
char *strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = malloc(len + 1);
	if (!d)
		return NULL;
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}
