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

#endif
