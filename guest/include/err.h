/* <err.h> - BSD error messages: "prog: message: strerror(errno)\n" on
 * stderr (prog is the short program name); err and errx then exit. */
#ifndef _ERR_H_INCLUDED
#define _ERR_H_INCLUDED

#include <stdarg.h>

_Noreturn void err(int __status, const char *__fmt, ...) __attribute__((__format__(__printf__, 2, 3)));
_Noreturn void errx(int __status, const char *__fmt, ...) __attribute__((__format__(__printf__, 2, 3)));
void warn(const char *__fmt, ...) __attribute__((__format__(__printf__, 1, 2)));
void warnx(const char *__fmt, ...) __attribute__((__format__(__printf__, 1, 2)));
_Noreturn void verr(int __status, const char *__fmt, va_list __ap) __attribute__((__format__(__printf__, 2, 0)));
_Noreturn void verrx(int __status, const char *__fmt, va_list __ap) __attribute__((__format__(__printf__, 2, 0)));
void vwarn(const char *__fmt, va_list __ap) __attribute__((__format__(__printf__, 1, 0)));
void vwarnx(const char *__fmt, va_list __ap) __attribute__((__format__(__printf__, 1, 0)));

#endif
