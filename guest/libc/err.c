/*
 * err.c - <err.h>: "prog: message: strerror(errno)" (warn, err) or
 * "prog: message" (warnx, errx) on stderr; a NULL format leaves the
 * message out (glibc's form).
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char *program_invocation_short_name;

/* The message; with_errno: followed by ": " and the text of e. */
static void message(const char *fmt, va_list ap, int with_errno, int e)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", program_invocation_short_name);
	if (fmt) {
		vfprintf(stderr, fmt, ap);
		if (with_errno)
			fputs(": ", stderr);
	}
	if (with_errno)
		fputs(strerror(e), stderr);
	fputc('\n', stderr);
}

void vwarn(const char *fmt, va_list ap)  { message(fmt, ap, 1, errno); }
void vwarnx(const char *fmt, va_list ap) { message(fmt, ap, 0, 0); }

_Noreturn void verr(int status, const char *fmt, va_list ap)
{
	message(fmt, ap, 1, errno);
	exit(status);
}

_Noreturn void verrx(int status, const char *fmt, va_list ap)
{
	message(fmt, ap, 0, 0);
	exit(status);
}

void warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void warnx(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

_Noreturn void err(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verr(status, fmt, ap);
}

_Noreturn void errx(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verrx(status, fmt, ap);
}
