/* <wchar.h> - wide characters in the C locale, the only one mmsim guests
 * have: a multibyte character is one byte, 0x00-0x7f, equal to its wide
 * character; bytes 0x80-0xff are not characters (EILSEQ).  No wide stdio. */
#ifndef _WCHAR_H_INCLUDED
#define _WCHAR_H_INCLUDED

#include <stddef.h>
#include <stdarg.h>

#ifndef __WINT_TYPE__
#define __WINT_TYPE__ unsigned int
#endif
typedef __WINT_TYPE__ wint_t;
typedef struct { int __unused; } mbstate_t;

#define WEOF      ((wint_t)-1)
#define WCHAR_MIN __WCHAR_MIN__
#define WCHAR_MAX __WCHAR_MAX__

/* Conversions: restartable forms ignore *ps (the C locale has no shift state). */
wint_t btowc(int __c);
int wctob(wint_t __c);
int mbsinit(const mbstate_t *__ps);
size_t mbrlen(const char *restrict __s, size_t __n, mbstate_t *restrict __ps);
size_t mbrtowc(wchar_t *restrict __wc, const char *restrict __s, size_t __n, mbstate_t *restrict __ps);
size_t wcrtomb(char *restrict __s, wchar_t __wc, mbstate_t *restrict __ps);
size_t mbsrtowcs(wchar_t *restrict __d, const char **restrict __s, size_t __n, mbstate_t *restrict __ps);
size_t wcsrtombs(char *restrict __d, const wchar_t **restrict __s, size_t __n, mbstate_t *restrict __ps);

/* Wide strings, as their <string.h> twins. */
size_t wcslen(const wchar_t *__s);
size_t wcsnlen(const wchar_t *__s, size_t __n);
wchar_t *wcscpy(wchar_t *restrict __d, const wchar_t *restrict __s);
wchar_t *wcsncpy(wchar_t *restrict __d, const wchar_t *restrict __s, size_t __n);
wchar_t *wcscat(wchar_t *restrict __d, const wchar_t *restrict __s);
wchar_t *wcsncat(wchar_t *restrict __d, const wchar_t *restrict __s, size_t __n);
int wcscmp(const wchar_t *__a, const wchar_t *__b);
int wcsncmp(const wchar_t *__a, const wchar_t *__b, size_t __n);
int wcscoll(const wchar_t *__a, const wchar_t *__b);
wchar_t *wcschr(const wchar_t *__s, wchar_t __c);
wchar_t *wcsrchr(const wchar_t *__s, wchar_t __c);
wchar_t *wcsstr(const wchar_t *__h, const wchar_t *__n);
wchar_t *wcspbrk(const wchar_t *__s, const wchar_t *__set);
size_t wcsspn(const wchar_t *__s, const wchar_t *__set);
size_t wcscspn(const wchar_t *__s, const wchar_t *__set);
wchar_t *wcstok(wchar_t *restrict __s, const wchar_t *restrict __delim, wchar_t **restrict __save);
wchar_t *wcsdup(const wchar_t *__s);
wchar_t *wmemcpy(wchar_t *restrict __d, const wchar_t *restrict __s, size_t __n);
wchar_t *wmemmove(wchar_t *__d, const wchar_t *__s, size_t __n);
wchar_t *wmemset(wchar_t *__d, wchar_t __c, size_t __n);
int wmemcmp(const wchar_t *__a, const wchar_t *__b, size_t __n);
wchar_t *wmemchr(const wchar_t *__s, wchar_t __c, size_t __n);
/* wcstol / wcstoul: strtol / strtoul on the wide string. */
long wcstol(const wchar_t *restrict __s, wchar_t **restrict __end, int __base);
unsigned long wcstoul(const wchar_t *restrict __s, wchar_t **restrict __end, int __base);

#endif
