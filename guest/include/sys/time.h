/* <sys/time.h> - struct timeval, gettimeofday (the simulated wall clock:
 * --epoch plus simulated time, UTC) and the interval timers (ITIMER_REAL
 * on the simulated clock; guest/libc/signal.c). */
#ifndef _SYS_TIME_H_INCLUDED
#define _SYS_TIME_H_INCLUDED

#include <sys/types.h>
#include <time.h>

#ifndef __timeval_defined
#define __timeval_defined 1
struct timeval {
	time_t      tv_sec;
	suseconds_t tv_usec;
};
#endif

struct itimerval {
	struct timeval it_interval;
	struct timeval it_value;
};

#define ITIMER_REAL    0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF    2

/* setitimer(which, new, old): ITIMER_REAL only (others EINVAL); 0 or -1. */
int setitimer(int __which, const struct itimerval *__new, struct itimerval *__old);
/* getitimer(which, cur): the time left and the interval; 0 or -1. */
int getitimer(int __which, struct itimerval *__cur);

struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

/* gettimeofday(tv, tz): CLOCK_REALTIME in microseconds; *tz (obsolete) is zeroed; 0. */
int gettimeofday(struct timeval *restrict __tv, void *restrict __tz);

#define timerisset(t)    ((t)->tv_sec || (t)->tv_usec)
#define timerclear(t)    ((t)->tv_sec = (t)->tv_usec = 0)
#define timercmp(a, b, CMP) \
	((a)->tv_sec == (b)->tv_sec ? (a)->tv_usec CMP (b)->tv_usec : (a)->tv_sec CMP (b)->tv_sec)
#define timeradd(a, b, r) do { \
	(r)->tv_sec = (a)->tv_sec + (b)->tv_sec; \
	(r)->tv_usec = (a)->tv_usec + (b)->tv_usec; \
	if ((r)->tv_usec >= 1000000) { (r)->tv_sec++; (r)->tv_usec -= 1000000; } \
} while (0)
#define timersub(a, b, r) do { \
	(r)->tv_sec = (a)->tv_sec - (b)->tv_sec; \
	(r)->tv_usec = (a)->tv_usec - (b)->tv_usec; \
	if ((r)->tv_usec < 0) { (r)->tv_sec--; (r)->tv_usec += 1000000; } \
} while (0)

#endif
