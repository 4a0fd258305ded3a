/* <signal.h> - POSIX.1-2008 signals with QNX Neutrino's numbers and
 * constant values.  Handlers run on the interrupted thread with a real
 * frame on its stack (sim/kcall/kcall_signal.c); see docs/posix/signals.md. */
#ifndef _SIGNAL_H_INCLUDED
#define _SIGNAL_H_INCLUDED

#include <sys/types.h>
#include <time.h>

#define SIGHUP    1
#define SIGINT    2
#define SIGQUIT   3
#define SIGILL    4
#define SIGTRAP   5
#define SIGABRT   6
#define SIGIOT    SIGABRT
#define SIGEMT    7
#define SIGFPE    8
#define SIGKILL   9
#define SIGBUS    10
#define SIGSEGV   11
#define SIGSYS    12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGUSR1   16
#define SIGUSR2   17
#define SIGCHLD   18
#define SIGCLD    SIGCHLD
#define SIGPWR    19
#define SIGWINCH  20
#define SIGURG    21
#define SIGPOLL   22
#define SIGIO     SIGPOLL
#define SIGSTOP   23
#define SIGTSTP   24
#define SIGCONT   25
#define SIGVTALRM 26
#define SIGPROF   27
#define SIGXCPU   28
#define SIGXFSZ   29
#define SIGTTIN   30
#define SIGTTOU   31
#define SIGRTMIN  41
#define SIGRTMAX  56
#define NSIG      65
#define _NSIG     NSIG

typedef int sig_atomic_t;
typedef struct { unsigned long __bits[2]; } sigset_t;

union sigval {
	int   sival_int;
	void *sival_ptr;
};

/* Flat layout (the kernel writes it): 12 words. */
typedef struct {
	int          si_signo;
	int          si_code;
	int          si_errno;
	pid_t        si_pid;
	uid_t        si_uid;
	void        *si_addr;
	int          si_status;
	union sigval si_value;
	long         si_band;
	int          __pad[3];
} siginfo_t;

typedef void (*__sighandler_t)(int);

/* QNX order: handler, flags, mask (the kernel reads it as is). */
struct sigaction {
	union {
		void (*__sa_handler)(int);
		void (*__sa_sigaction)(int, siginfo_t *, void *);
	} __sa_un;
	int      sa_flags;
	sigset_t sa_mask;
};
#define sa_handler   __sa_un.__sa_handler
#define sa_sigaction __sa_un.__sa_sigaction

#define SIG_ERR  ((__sighandler_t)-1)
#define SIG_DFL  ((__sighandler_t)0)
#define SIG_IGN  ((__sighandler_t)1)
#define SIG_HOLD ((__sighandler_t)2)

/* sa_flags (QNX values) */
#define SA_NOCLDSTOP 0x0001
#define SA_SIGINFO   0x0002
#define SA_RESETHAND 0x0004
#define SA_ONSTACK   0x0008
#define SA_NODEFER   0x0010
#define SA_NOCLDWAIT 0x0020
#define SA_RESTART   0x0040
#define SA_ONESHOT   SA_RESETHAND
#define SA_NOMASK    SA_NODEFER

/* sigprocmask how */
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* si_code: generic (QNX values) */
#define SI_USER    0
#define SI_QUEUE   (-1)
#define SI_TIMER   (-2)
#define SI_ASYNCIO (-3)
#define SI_MESGQ   (-4)
#define SI_KERNEL  0x80
/* SIGILL */
#define ILL_ILLOPC 1
#define ILL_ILLOPN 2
#define ILL_ILLADR 3
#define ILL_ILLTRP 4
#define ILL_PRVOPC 5
#define ILL_PRVREG 6
#define ILL_COPROC 7
#define ILL_BADSTK 8
/* SIGFPE */
#define FPE_INTDIV 1
#define FPE_INTOVF 2
#define FPE_FLTDIV 3
#define FPE_FLTOVF 4
#define FPE_FLTUND 5
#define FPE_FLTRES 6
#define FPE_FLTINV 7
#define FPE_FLTSUB 8
/* SIGSEGV */
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
/* SIGBUS */
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define BUS_OBJERR 3
/* SIGTRAP */
#define TRAP_BRKPT 1
#define TRAP_TRACE 2
/* SIGCHLD */
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_DUMPED    3
#define CLD_TRAPPED   4
#define CLD_STOPPED   5
#define CLD_CONTINUED 6
/* SIGPOLL */
#define POLL_IN  1
#define POLL_OUT 2
#define POLL_MSG 3
#define POLL_ERR 4
#define POLL_PRI 5
#define POLL_HUP 6

/* Alternate signal stack. */
typedef struct {
	void  *ss_sp;
	int    ss_flags;
	size_t ss_size;
} stack_t;
#define SS_ONSTACK  1
#define SS_DISABLE  2
#define MINSIGSTKSZ 2048
#define SIGSTKSZ    8192

/* The interrupted registers (a handler's third argument points to a
 * ucontext_t).  ARM: gregs[0..15] = r0-r15, gregs[16] = CPSR.  PowerPC:
 * gregs[0..31] = r0-r31, then PC, MSR, CR, LR, CTR, XER.  Floating point
 * is soft-float on every flavour: it lives in these registers. */
#define __MMSIM_NGREG 40
typedef struct {
	unsigned long gregs[__MMSIM_NGREG];
} mcontext_t;

typedef struct ucontext {
	unsigned long     uc_flags;
	struct ucontext  *uc_link;
	sigset_t          uc_sigmask;
	stack_t           uc_stack;
	mcontext_t        uc_mcontext;
	unsigned long     __kernel[6];     /* the kernel's own state: do not touch */
} ucontext_t;

struct sigevent {
	int          sigev_notify;
	int          sigev_signo;
	union sigval sigev_value;
	void       (*sigev_notify_function)(union sigval);
	void        *sigev_notify_attributes;
};
#define SIGEV_NONE   0
#define SIGEV_SIGNAL 1
#define SIGEV_THREAD 3

int kill(pid_t __pid, int __sig);
int killpg(pid_t __pgrp, int __sig);
int raise(int __sig);
int sigaction(int __sig, const struct sigaction *__act, struct sigaction *__oact);
__sighandler_t signal(int __sig, __sighandler_t __handler);
__sighandler_t sigset(int __sig, __sighandler_t __handler);
int sigemptyset(sigset_t *__set);
int sigfillset(sigset_t *__set);
int sigaddset(sigset_t *__set, int __sig);
int sigdelset(sigset_t *__set, int __sig);
int sigismember(const sigset_t *__set, int __sig);
int sigprocmask(int __how, const sigset_t *__set, sigset_t *__oset);
int pthread_sigmask(int __how, const sigset_t *__set, sigset_t *__oset);
int sigpending(sigset_t *__set);
int sigsuspend(const sigset_t *__mask);
int sigwait(const sigset_t *__set, int *__sig);
int sigwaitinfo(const sigset_t *__set, siginfo_t *__info);
int sigtimedwait(const sigset_t *__set, siginfo_t *__info, const struct timespec *__timeout);
int sigqueue(pid_t __pid, int __sig, const union sigval __value);
int sigaltstack(const stack_t *__ss, stack_t *__oss);
int sighold(int __sig);
int sigrelse(int __sig);
int sigignore(int __sig);
int siginterrupt(int __sig, int __flag);
void psignal(int __sig, const char *__s);
void psiginfo(const siginfo_t *__info, const char *__s);
char *strsignal(int __sig);
int pthread_kill(unsigned long __th, int __sig);

#endif
