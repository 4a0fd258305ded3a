/*
 * <time.h> - a deterministic clock: the simulator counts guest
 * instructions, and one instruction is one nanosecond of guest time.
 * CLOCK_REALTIME (time(), gettimeofday) is that simulated time plus the
 * run's --epoch (default 1767225600, 2026-01-01 00:00:00 UTC);
 * CLOCK_MONOTONIC starts at 0.  There are no time zones: TZ is ignored,
 * localtime is gmtime (UTC).
 */
#ifndef _TIME_H_INCLUDED
#define _TIME_H_INCLUDED

#include <sys/types.h>

#define CLOCKS_PER_SEC 1000000

/* Simulated time (sim/machine/sched.c): 1 us per kernel call, 1 ns per instruction
 * of an expired --quantum slice, and jumps to the next timeout when every
 * thread is blocked.  CLOCK_MONOTONIC reads it from 0, CLOCK_REALTIME
 * from --epoch. */
typedef int clockid_t;
#define CLOCK_REALTIME  0
#define CLOCK_MONOTONIC 2

struct timespec {
	time_t tv_sec;
	long   tv_nsec;
};

/* clock_gettime(id, ts): simulated time; 0, or -1 and errno (EINVAL, EFAULT). */
int clock_gettime(clockid_t __id, struct timespec *__ts);
/* nanosleep(req, rem): block for req of simulated time; 0, or -1 and errno
 * (EINVAL: tv_nsec outside 0..999999999; EFAULT).  *rem is set to 0. */
int nanosleep(const struct timespec *__req, struct timespec *__rem);

/* clock(): the process's CPU time in microseconds (1 per kernel call). */
clock_t clock(void);
/* time(t): CLOCK_REALTIME seconds; also stored in *t unless t is NULL. */
time_t time(time_t *__t);

/* ---- calendar time (UTC; docs/posix/libc.md) ----------------------------- */
#include <stddef.h>

struct tm {
	int tm_sec;     /* 0..60 */
	int tm_min;     /* 0..59 */
	int tm_hour;    /* 0..23 */
	int tm_mday;    /* 1..31 */
	int tm_mon;     /* 0..11 */
	int tm_year;    /* years since 1900 */
	int tm_wday;    /* 0..6, Sunday 0 */
	int tm_yday;    /* 0..365 */
	int tm_isdst;   /* always 0: UTC */
	long tm_gmtoff; /* 0 */
	const char *tm_zone; /* "UTC" */
};

#define TIMER_ABSTIME 0x80000000
/* clock_nanosleep(clk, flags, req, rem): sleep on CLOCK_REALTIME or
 * CLOCK_MONOTONIC (until req with TIMER_ABSTIME); 0 or an error number
 * (EINVAL, EINTR), errno untouched. */
int clock_nanosleep(clockid_t __clk, int __flags, const struct timespec *__req, struct timespec *__rem);

/* gmtime_r(t, tm) / localtime_r(t, tm): *t broken down in UTC; tm. */
struct tm *gmtime_r(const time_t *restrict __t, struct tm *restrict __tm);
struct tm *localtime_r(const time_t *restrict __t, struct tm *restrict __tm);
/* gmtime(t) / localtime(t): the same in static storage. */
struct tm *gmtime(const time_t *__t);
struct tm *localtime(const time_t *__t);
/* mktime(tm) / timegm(tm): normalise *tm (fields out of range carry) and
 * give its time_t, UTC; (time_t)-1 (EOVERFLOW) if outside time_t. */
time_t mktime(struct tm *__tm);
time_t timegm(struct tm *__tm);
/* strftime(s, n, fmt, tm): C/POSIX conversions in the C locale; the length, or 0 if it does not fit. */
size_t strftime(char *restrict __s, size_t __n, const char *restrict __fmt, const struct tm *restrict __tm);
/* asctime(tm) / asctime_r(tm, buf): "Thu Jan  1 00:00:00 2026\n". */
char *asctime(const struct tm *__tm);
char *asctime_r(const struct tm *restrict __tm, char *restrict __buf);
/* ctime(t) / ctime_r(t, buf): asctime(localtime(t)). */
char *ctime(const time_t *__t);
char *ctime_r(const time_t *__t, char *__buf);
/* difftime(a, b): a - b in seconds. */
double difftime(time_t __a, time_t __b);
/* tzset(): nothing to do (UTC); tzname is {"UTC", "UTC"}, timezone 0, daylight 0. */
void tzset(void);
extern char *tzname[2];
extern long timezone;
extern int daylight;
/* clock_getres(id, res): 1 ns for both clocks; 0, or -1 (EINVAL). */
int clock_getres(clockid_t __id, struct timespec *__res);

#endif
