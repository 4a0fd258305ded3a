/* <sys/times.h> - process times in clock ticks (sysconf(_SC_CLK_TCK) = 100 a second). */
#ifndef _SYS_TIMES_H_INCLUDED
#define _SYS_TIMES_H_INCLUDED

#include <sys/types.h>

struct tms {
	clock_t tms_utime;    /* the caller's user time */
	clock_t tms_stime;    /* its system time */
	clock_t tms_cutime;   /* user time of its waited-for children */
	clock_t tms_cstime;   /* their system time */
};

/* times(t): fill *t (from getrusage: simulated CPU time; t may be NULL,
 * as on Linux); the ticks of CLOCK_MONOTONIC since boot (wrapping with
 * clock_t). */
clock_t times(struct tms *__t);

#endif
