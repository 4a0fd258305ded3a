/*
 * <time.h> - a deterministic clock: the simulator counts guest
 * instructions, and one instruction is one nanosecond of guest time.
 */
#ifndef _TIME_H_INCLUDED
#define _TIME_H_INCLUDED

#include <sys/types.h>

#define CLOCKS_PER_SEC 1000000

/* clock(): guest time in microseconds (instructions retired / 1000). */
clock_t clock(void);
/* time(t): guest seconds since the program started; also stored in *t unless t is NULL. */
time_t time(time_t *__t);

#endif
