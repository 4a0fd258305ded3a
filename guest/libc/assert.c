/* assert.c - the failure path of assert(). */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

/* __assert_fail(expr, file, line, func): report a failed assert and abort. */
_Noreturn void __assert_fail(const char *expr, const char *file, unsigned line, const char *func)
{
	fprintf(stderr, "%s:%u: %s: Assertion `%s' failed.\n", file, line, func, expr);
	abort();
}
