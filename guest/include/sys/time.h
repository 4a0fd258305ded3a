/* <sys/time.h> - struct timeval and the interval timers (ITIMER_REAL on
 * the simulated clock; guest/libc/signal.c). */
#ifndef _SYS_TIME_H_INCLUDED
#define _SYS_TIME_H_INCLUDED

#include <sys/types.h>
#include <time.h>

#ifndef __MMSIM_TIMEVAL
#define __MMSIM_TIMEVAL
typedef long suseconds_t;
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

#endif
