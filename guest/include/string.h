/* <string.h> - memory and string functions. */
#ifndef _STRING_H_INCLUDED
#define _STRING_H_INCLUDED

#include <stddef.h>

/* memcpy(d, s, n): copy n bytes (no overlap); d. */
void *memcpy(void *restrict __d, const void *restrict __s, size_t __n);
/* memmove(d, s, n): copy n bytes, overlap allowed; d. */
void *memmove(void *__d, const void *__s, size_t __n);
/* memset(d, c, n): fill n bytes with (unsigned char)c; d. */
void *memset(void *__d, int __c, size_t __n);
/* memcmp(a, b, n): <0, 0, >0 comparing n bytes as unsigned char. */
int memcmp(const void *__a, const void *__b, size_t __n);
/* memchr(s, c, n): first (unsigned char)c in n bytes, or NULL. */
void *memchr(const void *__s, int __c, size_t __n);

/* strlen(s): length of s. */
size_t strlen(const char *__s);
/* strnlen(s, n): length of s, at most n. */
size_t strnlen(const char *__s, size_t __n);
/* strcmp(a, b): <0, 0, >0 comparing as unsigned char. */
int strcmp(const char *__a, const char *__b);
/* strncmp(a, b, n): strcmp on at most n chars. */
int strncmp(const char *__a, const char *__b, size_t __n);
/* strcpy(d, s): copy s with its NUL; d. */
char *strcpy(char *restrict __d, const char *restrict __s);
/* stpcpy(d, s): copy s with its NUL; the address of d's NUL. */
char *stpcpy(char *restrict __d, const char *restrict __s);
/* strncpy(d, s, n): copy at most n chars, NUL-padding to n (no NUL if s is n long or more); d. */
char *strncpy(char *restrict __d, const char *restrict __s, size_t __n);
/* strcat(d, s): append s to d; d. */
char *strcat(char *restrict __d, const char *restrict __s);
/* strncat(d, s, n): append at most n chars of s and a NUL; d. */
char *strncat(char *restrict __d, const char *restrict __s, size_t __n);
/* strchr(s, c): first c in s (c may be NUL), or NULL. */
char *strchr(const char *__s, int __c);
/* strrchr(s, c): last c in s, or NULL. */
char *strrchr(const char *__s, int __c);
/* strstr(h, n): first n in h (h if n is empty), or NULL. */
char *strstr(const char *__h, const char *__n);
/* strspn(s, set): length of the prefix of s made of chars in set. */
size_t strspn(const char *__s, const char *__set);
/* strcspn(s, set): length of the prefix of s with no char in set. */
size_t strcspn(const char *__s, const char *__set);
/* strdup(s): a malloc'd copy of s, or NULL. */
char *strdup(const char *__s);
/* strndup(s, n): a malloc'd copy of at most n chars of s, or NULL. */
char *strndup(const char *__s, size_t __n);
/* strerror(e): text for errno value e ("Unknown error N" for others). */
char *strerror(int __e);

/* ---- more of <string.h> (docs/posix/libc.md) ---------------------------- */
#include <strings.h>
/* strpbrk(s, set): first char of s that is in set, or NULL. */
char *strpbrk(const char *__s, const char *__set);
/* strtok(s, sep) / strtok_r(s, sep, &save): the next token of s (NULL: continue the last string). */
char *strtok(char *restrict __s, const char *restrict __sep);
char *strtok_r(char *restrict __s, const char *restrict __sep, char **restrict __save);
/* strsep(&s, sep): the token at *s, *s moved past its separator (NULL at the end). */
char *strsep(char **restrict __sp, const char *restrict __sep);
/* strerror_r(e, buf, n): POSIX form: the text of e into buf; 0, or ERANGE if it does not fit. */
int strerror_r(int __e, char *__buf, size_t __n);
/* memrchr(s, c, n): last (unsigned char)c in n bytes, or NULL. */
void *memrchr(const void *__s, int __c, size_t __n);
/* memccpy(d, s, c, n): copy up to and including c; the byte after it in d, or NULL. */
void *memccpy(void *restrict __d, const void *restrict __s, int __c, size_t __n);
/* strcoll(a, b): strcmp (the C locale only). */
int strcoll(const char *__a, const char *__b);
/* strxfrm(d, s, n): copy s (C locale); the length of s. */
size_t strxfrm(char *restrict __d, const char *restrict __s, size_t __n);
/* strcasestr(h, n): strstr ignoring ASCII case. */
char *strcasestr(const char *__h, const char *__n);
/* stpncpy(d, s, n): strncpy returning the end of what was copied. */
char *stpncpy(char *restrict __d, const char *restrict __s, size_t __n);

/* strlcpy(d, s, n) / strlcat(d, s, n): BSD bounded copy and append,
 * always terminated (n > 0); the length of the string they tried to make. */
size_t strlcpy(char *restrict __d, const char *restrict __s, size_t __n);
size_t strlcat(char *restrict __d, const char *restrict __s, size_t __n);

#endif
