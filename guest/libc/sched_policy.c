/*
 * sched_policy.c - <sched.h>: the policy and priority mmsim records per
 * process (sim/kcall/kcall_sys.c) and reports.
 */
#include <sched.h>
#include "libc.h"

/* valid_policy(p): one of FIFO, RR, OTHER. */
static int valid_policy(int p)
{
	return p == SCHED_FIFO || p == SCHED_RR || p == SCHED_OTHER;
}

/* sched_getscheduler(pid): the policy, or -1 (ESRCH, EINVAL). */
int sched_getscheduler(pid_t pid)
{
	return (int)__kc_ret(KC2(KC_SCHED_GET, pid, 0));
}

/* sched_setscheduler(pid, policy, param): the old policy, or -1. */
int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param)
{
	if (!param || !valid_policy(policy)) {
		errno = EINVAL;
		return -1;
	}
	int old = sched_getscheduler(pid);
	if (old < 0)
		return -1;
	if (__kc_ret(KC3(KC_SCHED_SET, pid, policy, param->sched_priority)) < 0)
		return -1;
	return old;
}

/* sched_setparam(pid, param): the priority, policy kept; 0 or -1. */
int sched_setparam(pid_t pid, const struct sched_param *param)
{
	if (!param) {
		errno = EINVAL;
		return -1;
	}
	return (int)__kc_ret(KC3(KC_SCHED_SET, pid, -1, param->sched_priority));
}

/* sched_getparam(pid, param): 0 or -1 (ESRCH, EINVAL). */
int sched_getparam(pid_t pid, struct sched_param *param)
{
	if (!param) {
		errno = EINVAL;
		return -1;
	}
	long r = __kc_ret(KC2(KC_SCHED_GET, pid, 1));
	if (r < 0)
		return -1;
	param->sched_priority = param->sched_curpriority = (int)r;
	return 0;
}

/* sched_get_priority_min(policy): 1, or -1 (EINVAL). */
int sched_get_priority_min(int policy)
{
	if (!valid_policy(policy)) {
		errno = EINVAL;
		return -1;
	}
	return 1;
}

/* sched_get_priority_max(policy): 255, or -1 (EINVAL). */
int sched_get_priority_max(int policy)
{
	if (!valid_policy(policy)) {
		errno = EINVAL;
		return -1;
	}
	return 255;
}

/* sched_rr_get_interval(pid, ts): 4 ms (QNX's time slice); 0, or -1 (ESRCH, EINVAL). */
int sched_rr_get_interval(pid_t pid, struct timespec *ts)
{
	if (sched_getscheduler(pid) < 0)
		return -1;
	if (!ts) {
		errno = EINVAL;
		return -1;
	}
	ts->tv_sec = 0;
	ts->tv_nsec = 4000000;
	return 0;
}
