/*
 * exec.c - execve and its front ends (kernel call 160).  Programs are
 * found as posix_spawn finds them (by name in the first program's
 * directory); the environment is not passed (mmsim guests have none), so
 * execle/execve's envp is accepted and ignored.
 */
#include <stdarg.h>
#include <unistd.h>
#include "libc.h"

#define EXEC_ARGS_MAX 64

int execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)__kc_ret(KC3(KC_EXECVE, KA_PTR(path), KA_PTR(argv), KA_PTR(envp)));
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

int execvp(const char *file, char *const argv[])
{
	return execve(file, argv, environ);
}

/* Collect execl's arguments after arg0 up to the NULL; envp too if asked. */
static int exec_list(const char *path, const char *arg0, va_list ap, int want_env)
{
	char *argv[EXEC_ARGS_MAX + 1];
	int n = 0;
	argv[n++] = (char *)arg0;
	while (arg0 && n <= EXEC_ARGS_MAX && (argv[n] = va_arg(ap, char *)))
		n++;
	if (n > EXEC_ARGS_MAX) {
		errno = E2BIG;
		return -1;
	}
	argv[n] = 0;
	char *const *envp = want_env ? va_arg(ap, char *const *) : environ;
	return execve(path, argv, envp);
}

int execl(const char *path, const char *arg0, ...)
{
	va_list ap;
	va_start(ap, arg0);
	int r = exec_list(path, arg0, ap, 0);
	va_end(ap);
	return r;
}

int execlp(const char *file, const char *arg0, ...)
{
	va_list ap;
	va_start(ap, arg0);
	int r = exec_list(file, arg0, ap, 0);
	va_end(ap);
	return r;
}

int execle(const char *path, const char *arg0, ...)
{
	va_list ap;
	va_start(ap, arg0);
	int r = exec_list(path, arg0, ap, 1);
	va_end(ap);
	return r;
}
