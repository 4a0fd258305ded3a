/*
 * signal.c - POSIX signals over the kernel calls 110-125 (KC_SIGACTION...):
 * dispositions, masks, waiting, interval timers, process groups,
 * sigsetjmp's mask, and the names of the signals.  Handlers return
 * through __sigreturn (arch/<arch>/setjmp.S), whose address sigaction
 * passes to the kernel as Linux's sa_restorer.
 */
#include <signal.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/time.h>
#include <pthread.h>
#include "libc.h"
#include "thread.h"

void __sigreturn(void);

/* sig_ok(sig): 1 if sig is a signal number 1..64. */
static int sig_ok(int sig)
{
	return sig >= 1 && sig < NSIG;
}

/* sigaction(sig, act, oact): install act (if given), return the old one in oact. */
int sigaction(int sig, const struct sigaction *act, struct sigaction *oact)
{
	return (int)__kc_ret(__kcall(KC_SIGACTION, sig, KA_PTR(act), KA_PTR(oact),
				     KA_PTR(__sigreturn), 0, 0, 0));
}

/* signal(sig, h): sigaction with SA_RESTART (BSD and glibc semantics); the old handler or SIG_ERR. */
__sighandler_t signal(int sig, __sighandler_t h)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = h;
	sa.sa_flags = SA_RESTART;
	if (sigaction(sig, &sa, &old) != 0)
		return SIG_ERR;
	return old.sa_handler;
}

/* sigset(sig, h): signal(), or block sig for SIG_HOLD. */
__sighandler_t sigset(int sig, __sighandler_t h)
{
	if (h == SIG_HOLD)
		return sighold(sig) ? SIG_ERR : SIG_HOLD;
	return signal(sig, h);
}

int sigemptyset(sigset_t *s)
{
	s->__bits[0] = s->__bits[1] = 0;
	return 0;
}

int sigfillset(sigset_t *s)
{
	s->__bits[0] = s->__bits[1] = ~0ul;
	return 0;
}

int sigaddset(sigset_t *s, int sig)
{
	if (!sig_ok(sig)) {
		errno = EINVAL;
		return -1;
	}
	s->__bits[(sig - 1) / 32] |= 1ul << ((sig - 1) % 32);
	return 0;
}

int sigdelset(sigset_t *s, int sig)
{
	if (!sig_ok(sig)) {
		errno = EINVAL;
		return -1;
	}
	s->__bits[(sig - 1) / 32] &= ~(1ul << ((sig - 1) % 32));
	return 0;
}

int sigismember(const sigset_t *s, int sig)
{
	if (!sig_ok(sig)) {
		errno = EINVAL;
		return -1;
	}
	return (s->__bits[(sig - 1) / 32] >> ((sig - 1) % 32)) & 1;
}

/* sigprocmask(how, set, oset): the calling thread's mask. */
int sigprocmask(int how, const sigset_t *set, sigset_t *oset)
{
	return (int)__kc_ret(KC3(KC_SIGPROCMASK, how, KA_PTR(set), KA_PTR(oset)));
}

/* pthread_sigmask: sigprocmask returning the error number. */
int pthread_sigmask(int how, const sigset_t *set, sigset_t *oset)
{
	long r = KC3(KC_SIGPROCMASK, how, KA_PTR(set), KA_PTR(oset));
	return __kc_failed(r) ? (int)-r : 0;
}

int sighold(int sig)
{
	sigset_t s;
	sigemptyset(&s);
	if (sigaddset(&s, sig))
		return -1;
	return sigprocmask(SIG_BLOCK, &s, 0);
}

int sigrelse(int sig)
{
	sigset_t s;
	sigemptyset(&s);
	if (sigaddset(&s, sig))
		return -1;
	return sigprocmask(SIG_UNBLOCK, &s, 0);
}

int sigignore(int sig)
{
	return signal(sig, SIG_IGN) == SIG_ERR ? -1 : 0;
}

/* siginterrupt(sig, flag): flag 1: calls interrupted by sig fail with EINTR. */
int siginterrupt(int sig, int flag)
{
	struct sigaction sa;
	if (sigaction(sig, 0, &sa))
		return -1;
	if (flag)
		sa.sa_flags &= ~SA_RESTART;
	else
		sa.sa_flags |= SA_RESTART;
	return sigaction(sig, &sa, 0);
}

int sigpending(sigset_t *set)
{
	return (int)__kc_ret(KC1(KC_SIGPENDING, KA_PTR(set)));
}

/* sigsuspend(mask): wait for a handler with mask in place; always -1 EINTR. */
int sigsuspend(const sigset_t *mask)
{
	return (int)__kc_ret(KC1(KC_SIGSUSPEND, KA_PTR(mask)));
}

/* pause(): wait for any handler; always -1 EINTR. */
int pause(void)
{
	sigset_t cur;
	sigprocmask(SIG_BLOCK, 0, &cur);
	return sigsuspend(&cur);
}

/* sigtimedwait(set, info, timeout): take a pending signal of set; the
 * signal, or -1 with EAGAIN (timeout), EINTR, EINVAL. */
int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout)
{
	return (int)__kc_ret(KC3(KC_SIGTIMEDWAIT, KA_PTR(set), KA_PTR(info), KA_PTR(timeout)));
}

int sigwaitinfo(const sigset_t *set, siginfo_t *info)
{
	return sigtimedwait(set, info, 0);
}

/* sigwait(set, sig): 0 and *sig, or an error number. */
int sigwait(const sigset_t *set, int *sig)
{
	long r;
	do
		r = KC3(KC_SIGTIMEDWAIT, KA_PTR(set), 0, 0);
	while (r == -EINTR);
	if (__kc_failed(r))
		return (int)-r;
	*sig = (int)r;
	return 0;
}

int sigqueue(pid_t pid, int sig, const union sigval value)
{
	return (int)__kc_ret(KC3(KC_SIGQUEUE, pid, sig, (long)value.sival_int));
}

/* Remember that [lo, hi] is the alternate stack of the calling thread d
 * (replacing d's previous one), so __self() works in handlers there. */
static void note_altstack(struct __tdesc *d, uintptr_t lo, uintptr_t hi)
{
	int i;
	for (i = 0; i < __naltstacks && __altstacks[i].d != d; i++)
		;
	if (i == __naltstacks) {
		if (__naltstacks == __ALTSTK_MAX)
			return;
		__naltstacks++;
	}
	__altstacks[i].lo = lo;
	__altstacks[i].hi = hi;
	__altstacks[i].d = d;
}

int sigaltstack(const stack_t *ss, stack_t *oss)
{
	struct __tdesc *d = __self();
	int r = (int)__kc_ret(KC2(KC_SIGALTSTACK, KA_PTR(ss), KA_PTR(oss)));
	if (r == 0 && ss) {
		if (ss->ss_flags & SS_DISABLE)
			note_altstack(d, 1, 0);
		else
			note_altstack(d, (uintptr_t)ss->ss_sp, (uintptr_t)ss->ss_sp + ss->ss_size);
	}
	return r;
}

/* pthread_kill(thread, sig): sig to one thread of this process; an error number. */
int pthread_kill(pthread_t th, int sig)
{
	const struct __tdesc *d = (const struct __tdesc *)th;
	if (!d)
		return ESRCH;
	long tid = (long)d->tid, r = KC2(KC_THREAD_KILL, tid, sig);
	return __kc_failed(r) ? (int)-r : 0;
}

int killpg(pid_t pgrp, int sig)
{
	if (pgrp < 0) {
		errno = EINVAL;
		return -1;
	}
	return kill(-pgrp, sig);
}

/* ---- timers ---------------------------------------------------------- */

unsigned alarm(unsigned seconds)
{
	return (unsigned)KC1(KC_ALARM, (long)seconds);
}

int setitimer(int which, const struct itimerval *nv, struct itimerval *ov)
{
	return (int)__kc_ret(KC3(KC_SETITIMER, which, KA_PTR(nv), KA_PTR(ov)));
}

int getitimer(int which, struct itimerval *cur)
{
	return (int)__kc_ret(KC2(KC_GETITIMER, which, KA_PTR(cur)));
}

/* ---- process groups and sessions -------------------------------------- */

int setpgid(pid_t pid, pid_t pgid)
{
	return (int)__kc_ret(KC2(KC_SETPGID, pid, pgid));
}

pid_t getpgid(pid_t pid)
{
	return (pid_t)__kc_ret(KC1(KC_GETPGID, pid));
}

pid_t getpgrp(void)
{
	return getpgid(0);
}

int setpgrp(void)
{
	return setpgid(0, 0);
}

pid_t setsid(void)
{
	return (pid_t)__kc_ret(KC0(KC_SETSID));
}

pid_t getsid(pid_t pid)
{
	return (pid_t)__kc_ret(KC1(KC_GETSID, pid));
}

/* ---- sigsetjmp ---------------------------------------------------------- */

/* The second half of __sigsetjmp (setjmp.S saved the registers). */
int __sigsetjmp_mask(sigjmp_buf env, int savemask)
{
	env->__saved = savemask != 0;
	if (savemask)
		sigprocmask(SIG_BLOCK, 0, &env->__mask);
	return 0;
}

_Noreturn void siglongjmp(sigjmp_buf env, int val)
{
	if (env->__saved)
		sigprocmask(SIG_SETMASK, &env->__mask, 0);
	longjmp(env->__jb, val);
}

/* ---- names ---------------------------------------------------------------- */

static const char *const sig_names[32] = {
	"Unknown signal 0", "Hangup", "Interrupt", "Quit", "Illegal instruction",
	"Trace/breakpoint trap", "Aborted", "EMT trap", "Floating point exception", "Killed",
	"Bus error", "Segmentation fault", "Bad system call", "Broken pipe", "Alarm clock",
	"Terminated", "User defined signal 1", "User defined signal 2", "Child exited",
	"Power failure", "Window changed", "Urgent I/O condition", "I/O possible", "Stopped (signal)",
	"Stopped", "Continued", "Virtual timer expired", "Profiling timer expired",
	"CPU time limit exceeded", "File size limit exceeded", "Stopped (tty input)",
	"Stopped (tty output)",
};

/* strsignal(sig): a description (glibc's wording). */
char *strsignal(int sig)
{
	static char buf[32];
	if (sig >= 0 && sig < 32)
		return (char *)sig_names[sig];
	if (sig >= SIGRTMIN && sig <= SIGRTMAX)
		snprintf(buf, sizeof buf, "Real-time signal %d", sig - SIGRTMIN);
	else
		snprintf(buf, sizeof buf, "Unknown signal %d", sig);
	return buf;
}

void psignal(int sig, const char *s)
{
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, strsignal(sig));
	else
		fprintf(stderr, "%s\n", strsignal(sig));
}

void psiginfo(const siginfo_t *info, const char *s)
{
	psignal(info->si_signo, s);
}
