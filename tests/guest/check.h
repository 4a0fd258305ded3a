/*
 * check.h - the self-check harness of mmsim's guest test programs.
 *
 * Each check prints one line, "ok - what" or "FAIL - what (file:line, got
 * ...)", and keeps going; done() prints the closing line "N passed, M
 * failed" and returns non-zero when anything failed, so `return done();`
 * from main gives ctest its verdict through the exit status.
 *
 *   CHECK(cond, what)              cond is true
 *   CHECK_EQ(got, want, what)      two integers are equal (printed as hex and decimal)
 *   CHECK_ERR(expr, err, what)     expr returns -1 / MAP_FAILED with errno == err
 *   CHECK_OK(expr, what)           expr returns something other than -1 / MAP_FAILED
 *   REQUIRE(cond, what)            CHECK, and on failure end the program now
 *                                  (the next steps would only crash)
 *   REQUIRE_OK(expr, what)         CHECK_OK, and on failure end the program now
 * expr may be an assignment, to keep the value: CHECK_OK(p = mmap(...), "mmap").
 * Every macro is an expression giving 1 on success, 0 on failure.
 * `what` is a printf format with arguments: CHECK(x, "page %d", i).
 *
 * Plain C11 with no arch-specific code: the same file serves every CPU.
 */
#ifndef MMSIM_TEST_CHECK_H
#define MMSIM_TEST_CHECK_H

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned check_passed, check_failed;
/* Scratch text for the "got" part of a FAIL line. */
__attribute__((unused)) static char check_got[160];

/* Symbolic name of a guest errno value, for FAIL lines. */
__attribute__((unused)) static const char *check_errname(int e)
{
	switch (e) {
	case 0:            return "0";
	case EPERM:        return "EPERM";
	case ENOENT:       return "ENOENT";
	case EBADF:        return "EBADF";
	case EAGAIN:       return "EAGAIN";
	case ENOMEM:       return "ENOMEM";
	case EACCES:       return "EACCES";
	case EFAULT:       return "EFAULT";
	case EBUSY:        return "EBUSY";
	case EEXIST:       return "EEXIST";
	case ENODEV:       return "ENODEV";
	case EINVAL:       return "EINVAL";
	case EMFILE:       return "EMFILE";
	case ENOSPC:       return "ENOSPC";
	case ERANGE:       return "ERANGE";
	case ENOTSUP:      return "ENOTSUP";
	case ENAMETOOLONG: return "ENAMETOOLONG";
	case ENOSYS:       return "ENOSYS";
	case EOVERFLOW:    return "EOVERFLOW";
	default:           return "E?";
	}
}

/* Print "ok - what" or "FAIL - what (file:line, got ...)"; returns ok. */
static int check_report(int ok, const char *file, int line, const char *got,
			const char *what, ...) __attribute__((__format__(__printf__, 5, 6)));
static int check_report(int ok, const char *file, int line, const char *got,
			const char *what, ...)
{
	va_list ap;
	if (ok)
		check_passed++;
	else
		check_failed++;
	fputs(ok ? "ok - " : "FAIL - ", stdout);
	va_start(ap, what);
	vprintf(what, ap);
	va_end(ap);
	if (!ok)
		printf(" (%s:%d, got %s)", file, line, got);
	putchar('\n');
	return ok;
}

/* done(): the closing line; the value for main to return (0: all passed). */
__attribute__((unused)) static int done(void)
{
	printf("%u passed, %u failed\n", check_passed, check_failed);
	fflush(stdout);
	return check_failed != 0;
}

/* End the program now after a failed REQUIRE, with the closing line. */
__attribute__((unused, noreturn)) static void check_bail(void)
{
	puts("Bail out! a required step failed; later checks depend on it");
	done();
	exit(1);
}

/* Result of an int/pointer-returning call, widened without losing -1. */
#define CHECK_RESULT_(expr) ((long long)(intptr_t)(expr))

#define CHECK(cond, ...)                                                         \
	check_report(!!(cond), __FILE__, __LINE__, "false", __VA_ARGS__)

#define CHECK_EQ(got, want, ...)                                                 \
	__extension__({                                                           \
		unsigned long long g_ = (unsigned long long)(got);                \
		unsigned long long w_ = (unsigned long long)(want);               \
		snprintf(check_got, sizeof check_got,                             \
			 "0x%llx (%lld), want 0x%llx (%lld)", g_, (long long)g_,  \
			 w_, (long long)w_);                                      \
		check_report(g_ == w_, __FILE__, __LINE__, check_got, __VA_ARGS__); \
	})

#define CHECK_ERR(expr, err, ...)                                                \
	__extension__({                                                           \
		errno = 0;                                                        \
		long long r_ = CHECK_RESULT_(expr);                               \
		int e_ = errno;                                                   \
		snprintf(check_got, sizeof check_got,                             \
			 "ret %lld errno %d %s, want -1 errno %d %s", r_, e_,     \
			 check_errname(e_), (int)(err), check_errname(err));      \
		check_report(r_ == -1 && e_ == (err), __FILE__, __LINE__, check_got, \
			     __VA_ARGS__);                                        \
	})

#define CHECK_OK(expr, ...)                                                      \
	__extension__({                                                           \
		errno = 0;                                                        \
		long long r_ = CHECK_RESULT_(expr);                               \
		int e_ = errno;                                                   \
		snprintf(check_got, sizeof check_got, "ret %lld errno %d %s",     \
			 r_, e_, check_errname(e_));                              \
		check_report(r_ != -1, __FILE__, __LINE__, check_got, __VA_ARGS__); \
	})

#define REQUIRE_OK(expr, ...)                                                    \
	__extension__({                                                           \
		int ok_ = CHECK_OK(expr, __VA_ARGS__);                            \
		if (!ok_)                                                         \
			check_bail();                                             \
		ok_;                                                              \
	})

#define REQUIRE(cond, ...)                                                       \
	__extension__({                                                           \
		int ok_ = CHECK(cond, __VA_ARGS__);                               \
		if (!ok_)                                                         \
			check_bail();                                             \
		ok_;                                                              \
	})

#endif
