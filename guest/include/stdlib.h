/* <stdlib.h> - memory allocation, process exit, number conversion, qsort. */
#ifndef _STDLIB_H_INCLUDED
#define _STDLIB_H_INCLUDED

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX     0x7fffffff

typedef struct { int quot, rem; } div_t;
typedef struct { long quot, rem; } ldiv_t;

/* malloc(n): n bytes aligned for any type, or NULL with ENOMEM. */
void *malloc(size_t __n) __attribute__((__malloc__));
/* calloc(n, size): n*size zeroed bytes, or NULL (ENOMEM, also on overflow). */
void *calloc(size_t __n, size_t __size) __attribute__((__malloc__));
/* realloc(p, n): resize p to n bytes keeping its contents; the new block, or NULL (p unchanged). */
void *realloc(void *__p, size_t __n);
/* free(p): release a block from malloc/calloc/realloc; NULL is ignored, a bad pointer aborts. */
void free(void *__p);

/* exit(status): run atexit handlers, flush stdio, end the process. */
_Noreturn void exit(int __status);
/* _Exit(status): end the process at once. */
_Noreturn void _Exit(int __status);
/* abort(): flush stdio, print "abort" to stderr and exit with status 134 (128 + SIGABRT). */
_Noreturn void abort(void);
/* atexit(fn): call fn at exit (last registered first); 0, or -1 when 32 are registered. */
int atexit(void (*__fn)(void));
/* getenv(name): NULL: mmsim guests have no environment. */
char *getenv(const char *__name);

/* strtol(s, end, base): parse a long; clamps and sets ERANGE on overflow. */
long strtol(const char *restrict __s, char **restrict __end, int __base);
/* strtoul(s, end, base): parse an unsigned long (a leading '-' negates, as C says). */
unsigned long strtoul(const char *restrict __s, char **restrict __end, int __base);
/* strtoll(s, end, base): parse a long long. */
long long strtoll(const char *restrict __s, char **restrict __end, int __base);
/* strtoull(s, end, base): parse an unsigned long long. */
unsigned long long strtoull(const char *restrict __s, char **restrict __end, int __base);
/* atoi(s): strtol(s, NULL, 10) as an int. */
int atoi(const char *__s);
/* atol(s): strtol(s, NULL, 10). */
long atol(const char *__s);
/* atoll(s): strtoll(s, NULL, 10). */
long long atoll(const char *__s);

/* strtod(s, end): the nearest double to the decimal or hex number at s (inf, nan too); ERANGE on overflow / inexact underflow. */
double strtod(const char *restrict __s, char **restrict __end);
/* strtof(s, end): the same for float, rounded once. */
float strtof(const char *restrict __s, char **restrict __end);
/* strtold(s, end): strtod (long double is double on ARM, the IBM pair's high double on PowerPC). */
long double strtold(const char *restrict __s, char **restrict __end);
/* atof(s): strtod(s, NULL). */
double atof(const char *__s);

/* random() / srandom(seed): rand() / srand() under the BSD names. */
long random(void);
void srandom(unsigned __seed);
/* setenv(name, value, overwrite) / unsetenv(name) / putenv(s): the environment (empty at start). */
int setenv(const char *__name, const char *__value, int __overwrite);
int unsetenv(const char *__name);
int putenv(char *__s);
/* lldiv(a, b): quotient and remainder. */
typedef struct { long long quot, rem; } lldiv_t;
lldiv_t lldiv(long long __a, long long __b);

/* abs(n): |n|. */
int abs(int __n);
/* labs(n): |n|. */
long labs(long __n);
/* llabs(n): |n|. */
long long llabs(long long __n);
/* div(a, b): quotient and remainder. */
div_t div(int __a, int __b);
/* ldiv(a, b): quotient and remainder. */
ldiv_t ldiv(long __a, long __b);

/* qsort(base, n, size, cmp): sort n items of size bytes in place (not stable). */
void qsort(void *__base, size_t __n, size_t __size, int (*__cmp)(const void *, const void *));
/* bsearch(key, base, n, size, cmp): a matching item of the sorted array, or NULL. */
void *bsearch(const void *__key, const void *__base, size_t __n, size_t __size,
              int (*__cmp)(const void *, const void *));

/* rand(): next pseudo-random number in [0, RAND_MAX] (deterministic sequence). */
int rand(void);
/* mkstemp(template): replace the trailing "XXXXXX" and create the file
 * O_RDWR|O_CREAT|O_EXCL, mode 0600; the fd, or -1 and errno (EINVAL if
 * the template does not end in XXXXXX). */
int mkstemp(char *__template);
/* mkdtemp(template): the same for a directory (mode 0700); template, or NULL. */
char *mkdtemp(char *__template);
/* srand(seed): restart rand()'s sequence from seed. */
void srand(unsigned __seed);

/* Multibyte characters: the C locale, one byte each (0x00-0x7f; a byte
 * above is EILSEQ), see <wchar.h>. */
#define MB_CUR_MAX 1
int mblen(const char *__s, size_t __n);
int mbtowc(wchar_t *restrict __wc, const char *restrict __s, size_t __n);
int wctomb(char *__s, wchar_t __wc);
size_t mbstowcs(wchar_t *restrict __d, const char *restrict __s, size_t __n);
size_t wcstombs(char *restrict __d, const wchar_t *restrict __s, size_t __n);
/* system(cmd): "/bin/sh -c cmd" in a child (see guest/libc/shell.c): its
 * wait status (127 << 8 when there is no shell), or -1; system(NULL):
 * nonzero if /bin/sh exists. */
int system(const char *__cmd);
/* rand_r(seed): a number in [0, RAND_MAX] from the state *seed alone (thread-safe). */
int rand_r(unsigned *__seed);
/* qsort_r(base, n, size, cmp, arg): qsort, cmp(a, b, arg) (glibc / POSIX 2024 order). */
void qsort_r(void *__base, size_t __n, size_t __size,
	     int (*__cmp)(const void *, const void *, void *), void *__arg);
/* posix_memalign(&p, align, n): n bytes at a multiple of align (a power of
 * two, multiple of sizeof(void *)); 0, EINVAL or ENOMEM (errno untouched).
 * aligned_alloc(align, n) / memalign(align, n): the same, returning the
 * pointer (NULL with errno); valloc(n): page aligned.  free() and realloc()
 * take them like any other block. */
int posix_memalign(void **__p, size_t __align, size_t __n);
void *aligned_alloc(size_t __align, size_t __n);
void *memalign(size_t __align, size_t __n);
void *valloc(size_t __n);
/* The 48-bit linear congruential generators (X' = 0x5DEECE66D X + 0xB mod
 * 2^48, as POSIX specifies; seeded with 0x1234ABCD330E until srand48). */
double drand48(void);
double erand48(unsigned short __x[3]);
long lrand48(void);
long nrand48(unsigned short __x[3]);
long mrand48(void);
long jrand48(unsigned short __x[3]);
void srand48(long __seed);
unsigned short *seed48(unsigned short __seed[3]);
void lcong48(unsigned short __p[7]);
/* realpath(path, buf): the absolute path of an existing file with "." and
 * ".." and repeated slashes removed (mmsim has no symbolic links); buf
 * (PATH_MAX bytes) or, if NULL, a malloc'd string; NULL with errno. */
char *realpath(const char *restrict __path, char *restrict __buf);

#endif
