/*
 * <sched.h> - scheduling policy and priority (QNX values: SCHED_FIFO 1,
 * SCHED_RR 2, SCHED_OTHER 3; priorities 1..255, above 63 for root only;
 * default SCHED_OTHER at 10).  mmsim records the policy and reports it;
 * its deterministic scheduler runs threads round robin whatever it is
 * (docs/posix/libc.md).
 */
#ifndef _SCHED_H_INCLUDED
#define _SCHED_H_INCLUDED

#include <sys/types.h>
#include <time.h>

#define SCHED_NOCHANGE 0
#define SCHED_FIFO     1
#define SCHED_RR       2
#define SCHED_OTHER    3
#define SCHED_SPORADIC 4

struct sched_param {
	int sched_priority;
	int sched_curpriority;
	int __spare[6];
};

/* sched_yield(): let the next runnable thread run; 0. */
int sched_yield(void);
/* sched_setscheduler(pid, policy, param): the old policy, or -1 (EINVAL, EPERM, ESRCH). */
int sched_setscheduler(pid_t __pid, int __policy, const struct sched_param *__param);
/* sched_getscheduler(pid): the policy, or -1 (ESRCH, EINVAL). */
int sched_getscheduler(pid_t __pid);
/* sched_setparam(pid, param) / sched_getparam(pid, param): 0, or -1 (EINVAL, EPERM, ESRCH). */
int sched_setparam(pid_t __pid, const struct sched_param *__param);
int sched_getparam(pid_t __pid, struct sched_param *__param);
/* sched_get_priority_min(policy) / _max(policy): 1 / 255, or -1 (EINVAL). */
int sched_get_priority_min(int __policy);
int sched_get_priority_max(int __policy);
/* sched_rr_get_interval(pid, ts): the round-robin slice (4 ms, QNX's); 0, or -1 (ESRCH). */
int sched_rr_get_interval(pid_t __pid, struct timespec *__ts);

#endif
