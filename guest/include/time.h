/*
 * <time.h> - a deterministic clock: the simulator counts guest
 * instructions, and one instruction is one nanosecond of guest time.
 */
#ifndef _TIME_H_INCLUDED
#define _TIME_H_INCLUDED

#include <sys/types.h>

#define CLOCKS_PER_SEC 1000000

/* Simulated time (sim/machine/sched.c): 1 us per kernel call, 1 ns per instruction
 * of an expired --quantum slice, and jumps to the next timeout when every
 * thread is blocked.  Both clocks read the same value, from 0. */
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

/* clock(): guest time in microseconds (instructions retired / 1000). */
clock_t clock(void);
/* time(t): guest seconds since the program started; also stored in *t unless t is NULL. */
time_t time(time_t *__t);

#endif
