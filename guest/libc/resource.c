/*
 * resource.c - getrlimit/setrlimit/getrusage/getpriority/setpriority
 * (sim/kcall/kcall_sys.c keeps the values per process).
 */
#include <sys/resource.h>
#include <string.h>
#include "libc.h"

/* getrlimit(r, rl): 0, or -1 (EINVAL, EFAULT). */
int getrlimit(int r, struct rlimit *rl)
{
	return (int)__kc_ret(KC2(KC_GETRLIMIT, r, KA_PTR(rl)));
}

/* setrlimit(r, rl): 0, or -1 (EINVAL, EPERM, EFAULT). */
int setrlimit(int r, const struct rlimit *rl)
{
	return (int)__kc_ret(KC2(KC_SETRLIMIT, r, KA_PTR(rl)));
}

/* getrusage(who, ru): times from the kernel, the other fields 0. */
int getrusage(int who, struct rusage *ru)
{
	uint32_t t[4];
	long r = __kc_ret(KC2(KC_GETRUSAGE, who, KA_PTR(t)));
	if (r < 0)
		return -1;
	memset(ru, 0, sizeof *ru);
	ru->ru_utime.tv_sec = t[0];
	ru->ru_utime.tv_usec = (suseconds_t)t[1];
	ru->ru_stime.tv_sec = t[2];
	ru->ru_stime.tv_usec = (suseconds_t)t[3];
	return 0;
}

/* getpriority(which, who): the nice value, or -1 and errno. */
int getpriority(int which, id_t who)
{
	long r = __kc_ret(KC2(KC_GETPRIO, which, (long)who));
	return r < 0 ? -1 : (int)r - 20;
}

/* setpriority(which, who, prio): 0, or -1 and errno (EACCES, ESRCH, EINVAL). */
int setpriority(int which, id_t who, int prio)
{
	return (int)__kc_ret(KC3(KC_SETPRIO, which, (long)who, prio));
}
