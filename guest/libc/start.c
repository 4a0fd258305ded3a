/*
 * start.c - process start and exit: __libc_start (called by crt0),
 * exit, atexit, abort, getenv.
 *
 * Arguments come from the KC_ARGS kernel call (include/mmsim/kcall.h):
 *
 *   long KC_ARGS(char *buf, size_t len)
 *
 * The simulator builds one blob: argc as a decimal string, then argv[0],
 * argv[1], ... argv[argc-1], each string followed by one NUL byte.  For
 * `mmsim run hello.elf a b` it is the 16 bytes "3\0hello.elf\0a\0b\0".
 * If len >= the blob's size, the call copies the blob to buf and returns
 * its size; if len is smaller (e.g. buf NULL, len 0) it copies nothing
 * and returns the size needed.  Errors are -errno as for every call.
 *
 * The guest has no environment: main's third argument (and environ) is
 * an empty list, so `for (e = envp; *e; e++)` works.
 */
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <signal.h>
#include "libc.h"

#define ARGS_MAX   (256 * 1024)   /* the stack is 1 MiB; larger blobs are refused */
#define ATEXIT_MAX 32

int main(int argc, char **argv, char **envp);

/* The program's name, as glibc keeps it (err.h's messages use the short one). */
char *program_invocation_name = "", *program_invocation_short_name = "";

static char *empty_env[1];
char **environ = empty_env;

static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;

/* Provided by link.ld; empty arrays when the program has no constructors. */
extern void (*__preinit_array_start[])(void);
extern void (*__preinit_array_end[])(void);
extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);
extern void (*__fini_array_start[])(void);
extern void (*__fini_array_end[])(void);

/* say(s): write s to stderr directly (no stdio). */
static void say(const char *s)
{
	write(2, s, strlen(s));
}

/* parse_argc(s): the decimal number s, or -1 if s is not one. */
static long parse_argc(const char *s)
{
	long v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > ARGS_MAX)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* __libc_start(): entry from crt0: arguments, constructors, main, exit. */
_Noreturn void __libc_start(void)
{
	long need = __kcall(KC_ARGS, 0, 0, 0, 0, 0, 0, 0);
	if (__kc_failed(need) || need > ARGS_MAX) {
		if (!__kc_failed(need))
			say("libc: program arguments larger than 256 KiB, ignored\n");
		need = 0;
	}

	char blob[need > 0 ? need : 1];
	if (need > 0 && __kcall(KC_ARGS, KA_PTR(blob), need, 0, 0, 0, 0, 0) != need)
		need = 0;
	if (need > 0)
		blob[need - 1] = '\0';          /* whatever the simulator sent, stay inside */

	/* Count the strings after argc; trust argc only as far as they go. */
	long argc = need > 0 ? parse_argc(blob) : 0;
	long nstr = 0;
	for (long i = 0; i < need; i++)
		if (blob[i] == '\0')
			nstr++;
	if (argc < 0 || argc > nstr - 1) {
		if (need > 0)
			say("libc: malformed KC_ARGS blob, arguments ignored\n");
		argc = 0;
	}

	char *argv[argc + 1];
	char *s = blob + strlen(blob) + 1;
	for (long i = 0; i < argc; i++) {
		argv[i] = s;
		s += strlen(s) + 1;
	}
	argv[argc] = NULL;
	if (argc > 0) {
		program_invocation_name = argv[0];
		char *slash = strrchr(argv[0], '/');
		program_invocation_short_name = slash ? slash + 1 : argv[0];
	}

	for (void (**f)(void) = __preinit_array_start; f < __preinit_array_end; f++)
		(*f)();
	for (void (**f)(void) = __init_array_start; f < __init_array_end; f++)
		(*f)();

	exit(main((int)argc, argv, environ));
}

/* atexit(fn): call fn at exit (last registered first); 0, or -1 when 32 are registered. */
int atexit(void (*fn)(void))
{
	if (atexit_count == ATEXIT_MAX)
		return -1;
	atexit_fns[atexit_count++] = fn;
	return 0;
}

/* exit(status): run atexit handlers, destructors, flush stdio, end the process. */
_Noreturn void exit(int status)
{
	while (atexit_count > 0)
		atexit_fns[--atexit_count]();
	for (void (**f)(void) = __fini_array_end; f > __fini_array_start; )
		(*--f)();
	__stdio_flush_all();
	_exit(status);
}

/* abort(): flush stdio, say so on stderr, then raise SIGABRT unblocked:
 * a handler runs, and if it returns the process dies of SIGABRT anyway
 * (status 134, 128 + SIGABRT). */
_Noreturn void abort(void)
{
	__stdio_flush_all();
	say("abort() called\n");
	/* raw kernel calls: programs that never use signals do not link signal.c */
	unsigned long unblock[2] = { 1ul << (SIGABRT - 1), 0 };
	unsigned long dfl[4] = { 0, 0, 0, 0 };        /* struct sigaction: SIG_DFL */
	KC3(KC_SIGPROCMASK, SIG_UNBLOCK, KA_PTR(unblock), 0);
	KC2(KC_KILL, KC0(KC_GETPID), SIGABRT);
	__kcall(KC_SIGACTION, SIGABRT, KA_PTR(dfl), 0, 0, 0, 0, 0);
	KC2(KC_KILL, KC0(KC_GETPID), SIGABRT);
	_exit(134);
}
