/*
 * sysconf.c - sysconf(): POSIX limits and options as mmsim has them.
 * Options give _POSIX_VERSION exactly when <unistd.h> defines their
 * _POSIX_* macro; limits mmsim does not have give -1 (indeterminate),
 * as Linux does for the same names.
 */
#include <unistd.h>
#include <limits.h>
#include <semaphore.h>
#include <sys/resource.h>
#include "libc.h"

/* rlimit_cur(r): the soft limit of resource r as a long (-1 if unlimited). */
static long rlimit_cur(int r)
{
	struct rlimit rl;
	if (getrlimit(r, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > LONG_MAX)
		return -1;
	return (long)rl.rlim_cur;
}

/* option(name): _POSIX_VERSION for an option mmsim has, 0 if not an option name, -1 if absent. */
static long option(int name)
{
	switch (name) {
	case _SC_MEMORY_PROTECTION: case _SC_MEMLOCK: case _SC_MEMLOCK_RANGE:
	case _SC_MAPPED_FILES: case _SC_SHARED_MEMORY_OBJECTS: case _SC_SYNCHRONIZED_IO:
	case _SC_FSYNC: case _SC_SEMAPHORES: case _SC_TIMEOUTS: case _SC_THREADS:
	case _SC_THREAD_SAFE_FUNCTIONS: case _SC_THREAD_ATTR_STACKSIZE:
	case _SC_PRIORITY_SCHEDULING: case _SC_MONOTONIC_CLOCK: case _SC_VERSION:
	case _SC_THREAD_PROCESS_SHARED: case _SC_BARRIERS: case _SC_READER_WRITER_LOCKS:
	case _SC_SPIN_LOCKS:
		return _POSIX_VERSION;
	case _SC_2_VERSION:
		return _POSIX2_VERSION;
	case _SC_SAVED_IDS:
		return 1;
	case _SC_XOPEN_VERSION:
		return _XOPEN_VERSION;
	case _SC_JOB_CONTROL: case _SC_REALTIME_SIGNALS: case _SC_TIMERS:
	case _SC_ASYNCHRONOUS_IO: case _SC_PRIORITIZED_IO: case _SC_MESSAGE_PASSING:
	case _SC_THREAD_ATTR_STACKADDR: case _SC_THREAD_PRIORITY_SCHEDULING:
	case _SC_THREAD_PRIO_INHERIT: case _SC_THREAD_PRIO_PROTECT:
	case _SC_CLOCK_SELECTION: case _SC_SPAWN: case _SC_XOPEN_SHM:
		return -1;
	}
	return 0;
}

/* sysconf(name): a limit or option value; -1 with errno unchanged when
 * indeterminate or absent, -1 and EINVAL for an unknown name. */
long sysconf(int name)
{
	long o = option(name);
	if (o)
		return o;
	switch (name) {
	case _SC_PAGESIZE:           return __PAGESIZE;
	case _SC_ARG_MAX:            return 256 * 1024;     /* KC_ARGS refuses larger blobs */
	case _SC_CHILD_MAX:          return rlimit_cur(RLIMIT_NPROC);
	case _SC_OPEN_MAX:           return rlimit_cur(RLIMIT_NOFILE);
	case _SC_CLK_TCK:            return 100;
	case _SC_NGROUPS_MAX:        return NGROUPS_MAX;
	case _SC_STREAM_MAX:         return 16;
	case _SC_TZNAME_MAX:         return -1;
	case _SC_SEM_NSEMS_MAX:      return -1;              /* no limit, as Linux */
	case _SC_SEM_VALUE_MAX:      return SEM_VALUE_MAX;
	case _SC_LINE_MAX:           return LINE_MAX;
	case _SC_IOV_MAX:            return IOV_MAX;
	case _SC_GETGR_R_SIZE_MAX:   return 1024;
	case _SC_GETPW_R_SIZE_MAX:   return 1024;
	case _SC_LOGIN_NAME_MAX:     return LOGIN_NAME_MAX;
	case _SC_HOST_NAME_MAX:      return HOST_NAME_MAX;
	case _SC_TTY_NAME_MAX:       return 32;
	case _SC_THREAD_DESTRUCTOR_ITERATIONS: return 4;
	case _SC_THREAD_KEYS_MAX:    return 1024;
	case _SC_THREAD_STACK_MIN:   return PTHREAD_STACK_MIN;
	case _SC_THREAD_THREADS_MAX: return KC1(KC_SYSINFO, KC_SYSINFO_MAX_THREADS);
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:   return 1;
	case _SC_PHYS_PAGES:         return KC1(KC_SYSINFO, KC_SYSINFO_RAM_PAGES);
	case _SC_AVPHYS_PAGES:       return KC1(KC_SYSINFO, KC_SYSINFO_FREE_PAGES);
	case _SC_ATEXIT_MAX:         return 32;
	case _SC_RTSIG_MAX:          return -1;
	case _SC_SIGQUEUE_MAX:       return -1;
	case _SC_TIMER_MAX:          return -1;
	case _SC_AIO_LISTIO_MAX: case _SC_AIO_MAX: case _SC_AIO_PRIO_DELTA_MAX:
	case _SC_DELAYTIMER_MAX: case _SC_MQ_OPEN_MAX: case _SC_MQ_PRIO_MAX:
		return -1;
	}
	errno = EINVAL;
	return -1;
}

/* getpagesize(): 4096. */
int getpagesize(void)
{
	return __PAGESIZE;
}
