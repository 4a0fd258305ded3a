/*
 * proc.c - processes and time: fork, posix_spawn, waitpid, kill, getppid,
 * clock_gettime, nanosleep, sleep, sched_yield (kernel calls 40-53 of
 * include/mmsim/kcall.h; sim/kcall/kcall_proc.c serves them).
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <spawn.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include "libc.h"
#include "thread.h"

/* fork(): the child's pid, 0 in the child, or -1 and errno. */
pid_t fork(void)
{
	long r = __kcall(KC_FORK, 0, 0, 0, 0, 0, 0, 0);
	if (r == 0)
		__thread_after_fork();
	return (pid_t)__kc_ret(r);
}

/* getppid(): the parent's pid. */
pid_t getppid(void)
{
	return (pid_t)__kcall(KC_GETPPID, 0, 0, 0, 0, 0, 0, 0);
}

/* posix_spawn: a KC_SPAWN when there is nothing to do in the child,
 * else fork + actions + execve (spawn_fa.c). */
int posix_spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
		const posix_spawnattr_t *attr, char *const argv[], char *const envp[])
{
	if ((fa && fa->__count) || (attr && attr->__flags))
		return __spawn_slow(pid, path, fa, attr, argv, envp);
	long r = __kcall(KC_SPAWN, KA_PTR(path), KA_PTR(argv), KA_PTR(pid), 0, 0, 0, 0);
	return __kc_failed(r) ? (int)-r : 0;
}

/* posix_spawnp: the same as posix_spawn. */
int posix_spawnp(pid_t *pid, const char *file, const posix_spawn_file_actions_t *fa,
		 const posix_spawnattr_t *attr, char *const argv[], char *const envp[])
{
	return posix_spawn(pid, file, fa, attr, argv, envp);
}

/* waitpid(pid, status, options): see <sys/wait.h>. */
pid_t waitpid(pid_t pid, int *status, int options)
{
	return (pid_t)__kc_ret(__kcall(KC_WAITPID, pid, KA_PTR(status), options, 0, 0, 0, 0));
}

/* wait(status): any child. */
pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}

/* kill(pid, sig): 0, or -1 and errno. */
int kill(pid_t pid, int sig)
{
	return (int)__kc_ret(__kcall(KC_KILL, pid, sig, 0, 0, 0, 0, 0));
}

/* raise(sig): signal this process. */
int raise(int sig)
{
	return kill(getpid(), sig);
}

/* clock_gettime(id, ts): simulated time. */
int clock_gettime(clockid_t id, struct timespec *ts)
{
	return (int)__kc_ret(__kcall(KC_CLOCK_GETTIME, id, KA_PTR(ts), 0, 0, 0, 0, 0));
}

/* wait4(pid, status, options, ru) / wait3(status, options, ru): waitpid,
 * and the reaped child's resource use in *ru (what it added to
 * RUSAGE_CHILDREN). */
pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	struct rusage before, after;
	if (ru)
		getrusage(RUSAGE_CHILDREN, &before);
	pid_t r = waitpid(pid, status, options);
	if (ru) {
		getrusage(RUSAGE_CHILDREN, &after);
		memset(ru, 0, sizeof *ru);
		if (r > 0) {
			long us = (after.ru_utime.tv_sec - before.ru_utime.tv_sec) * 1000000L +
				  (after.ru_utime.tv_usec - before.ru_utime.tv_usec);
			ru->ru_utime.tv_sec = us / 1000000L;
			ru->ru_utime.tv_usec = us % 1000000L;
		}
	}
	return r;
}

pid_t wait3(int *status, int options, struct rusage *ru)
{
	return wait4(-1, status, options, ru);
}

/* nanosleep(req, rem): block for simulated time. */
int nanosleep(const struct timespec *req, struct timespec *rem)
{
	__cancel_point();
	int r = (int)__kc_ret(__kcall(KC_NANOSLEEP, KA_PTR(req), KA_PTR(rem), 0, 0, 0, 0, 0));
	__cancel_point();
	return r;
}

/* clock_nanosleep(clk, flags, req, rem): nanosleep on CLOCK_REALTIME or
 * CLOCK_MONOTONIC, until the absolute time req with TIMER_ABSTIME; 0 or
 * an error number (errno untouched): EINVAL, EINTR (rem filled for a
 * relative sleep). */
int clock_nanosleep(clockid_t clk, int flags, const struct timespec *req, struct timespec *rem)
{
	if (clk != CLOCK_REALTIME && clk != CLOCK_MONOTONIC)
		return EINVAL;
	if (req->tv_nsec < 0 || req->tv_nsec >= 1000000000L)
		return EINVAL;
	int saved = errno, r;
	struct timespec rel = *req;
	if (flags & TIMER_ABSTIME) {
		struct timespec now;
		clock_gettime(clk, &now);
		if (req->tv_sec < now.tv_sec || (req->tv_sec == now.tv_sec && req->tv_nsec <= now.tv_nsec))
			return 0;                     /* already past */
		rel.tv_sec = req->tv_sec - now.tv_sec;
		rel.tv_nsec = req->tv_nsec - now.tv_nsec;
		if (rel.tv_nsec < 0) {
			rel.tv_nsec += 1000000000L;
			rel.tv_sec--;
		}
		rem = NULL;
	}
	r = nanosleep(&rel, rem) == 0 ? 0 : errno;
	errno = saved;
	return r;
}

/* sleep(s): 0, or the seconds left (rounded to nearest, as glibc) when
 * a signal handler interrupted it. */
unsigned sleep(unsigned s)
{
	struct timespec ts = { s, 0 }, rem = { 0, 0 };
	if (nanosleep(&ts, &rem) == 0)
		return 0;
	return (unsigned)rem.tv_sec + (rem.tv_nsec >= 500000000L);
}

/* usleep(us): 0, or -1 and EINVAL for us >= 1000000. */
int usleep(unsigned us)
{
	if (us >= 1000000u) {
		errno = EINVAL;
		return -1;
	}
	struct timespec ts = { 0, (long)us * 1000 };
	return nanosleep(&ts, 0);
}

/* sched_yield(): 0. */
int sched_yield(void)
{
	return (int)__kcall(KC_SCHED_YIELD, 0, 0, 0, 0, 0, 0, 0);
}

/* getuid()/getgid() and the effective ones (no set-id programs exist).
 * Weak: the System V shared-memory runtime may define its own. */
__attribute__((weak)) uid_t getuid(void)
{
	return (uid_t)__kcall(KC_GETUID, 0, 0, 0, 0, 0, 0, 0);
}

__attribute__((weak)) uid_t geteuid(void)
{
	return getuid();
}

__attribute__((weak)) gid_t getgid(void)
{
	return (gid_t)__kcall(KC_GETGID, 0, 0, 0, 0, 0, 0, 0);
}

__attribute__((weak)) gid_t getegid(void)
{
	return getgid();
}
