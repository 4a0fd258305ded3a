/*
 * <sys/resource.h> - resource limits, usage, nice values.  Limits are
 * per process, inherited by fork and posix_spawn (docs/posix/libc.md:
 * which ones mmsim enforces).  Resource numbers are Linux's.
 */
#ifndef _SYS_RESOURCE_H_INCLUDED
#define _SYS_RESOURCE_H_INCLUDED

#include <sys/types.h>
#include <sys/time.h>

typedef unsigned long long rlim_t;

#define RLIM_INFINITY   (~0ULL)
#define RLIM_SAVED_MAX  RLIM_INFINITY
#define RLIM_SAVED_CUR  RLIM_INFINITY

#define RLIMIT_CPU      0
#define RLIMIT_FSIZE    1
#define RLIMIT_DATA     2
#define RLIMIT_STACK    3
#define RLIMIT_CORE     4
#define RLIMIT_RSS      5
#define RLIMIT_NPROC    6
#define RLIMIT_NOFILE   7
#define RLIMIT_MEMLOCK  8
#define RLIMIT_AS       9
#define RLIMIT_VMEM     RLIMIT_AS
#define RLIMIT_NLIMITS  16
#define RLIM_NLIMITS    RLIMIT_NLIMITS

struct rlimit {
	rlim_t rlim_cur;        /* soft limit */
	rlim_t rlim_max;        /* hard limit */
};

#define RUSAGE_SELF      0
#define RUSAGE_CHILDREN  (-1)
#define RUSAGE_THREAD    1

struct rusage {
	struct timeval ru_utime;
	struct timeval ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

#define PRIO_PROCESS 0
#define PRIO_PGRP    1
#define PRIO_USER    2
#define PRIO_MIN     (-20)
#define PRIO_MAX     20

/* getrlimit(r, rl) / setrlimit(r, rl): 0, or -1 (EINVAL; EPERM raising the hard limit unprivileged; EFAULT). */
int getrlimit(int __resource, struct rlimit *__rl);
int setrlimit(int __resource, const struct rlimit *__rl);
/* getrusage(who, ru): the caller's simulated CPU time; 0, or -1 (EINVAL). */
int getrusage(int __who, struct rusage *__ru);
/* getpriority(which, who): the nice value (-1 is valid: clear errno first); setpriority: 0 or -1 (EACCES lowering it unprivileged). */
int getpriority(int __which, id_t __who);
int setpriority(int __which, id_t __who, int __prio);

#endif
