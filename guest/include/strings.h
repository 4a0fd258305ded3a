/* <strings.h> - case-insensitive comparison and the BSD names. */
#ifndef _STRINGS_H_INCLUDED
#define _STRINGS_H_INCLUDED

#include <stddef.h>

/* strcasecmp(a, b): strcmp ignoring ASCII case. */
int strcasecmp(const char *__a, const char *__b);
/* strncasecmp(a, b, n): strncmp ignoring ASCII case. */
int strncasecmp(const char *__a, const char *__b, size_t __n);
/* ffs(i): 1 + the index of the lowest set bit of i, 0 if none. */
int ffs(int __i);
/* bzero(d, n) / bcopy(s, d, n): memset(d, 0, n) / memmove(d, s, n). */
void bzero(void *__d, size_t __n);
void bcopy(const void *__s, void *__d, size_t __n);
/* index(s, c) / rindex(s, c): strchr / strrchr. */
char *index(const char *__s, int __c);
char *rindex(const char *__s, int __c);

#endif
