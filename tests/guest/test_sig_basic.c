/*
 * test_sig_basic.c - signal dispositions, handler arguments, masks and
 * pending signals, nesting, SA_NODEFER / SA_RESETHAND, sigsuspend,
 * sigwait / sigtimedwait, siglongjmp out of a handler, abort() with a
 * handler, process groups and SIGCHLD.
 *
 * POSIX only: built natively too (native_sig_basic), so every
 * expectation is what Linux does.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "check.h"

static volatile sig_atomic_t got_sig, got_code, got_pid, got_count, nest_depth, max_depth;
static volatile sig_atomic_t order[8], norder;
static volatile int ctx_ok;

static void on_info(int sig, siginfo_t *si, void *ctx)
{
	got_sig = sig;
	got_code = si->si_code;
	got_pid = si->si_pid;
	ctx_ok = ctx != NULL && si->si_signo == sig;
	got_count++;
}

static void on_plain(int sig)
{
	if (norder < 8)
		order[norder++] = sig;
	got_count++;
}

/* USR1 handler that raises USR2 while running (nesting when allowed). */
static void on_nest(int sig)
{
	nest_depth++;
	if (nest_depth > max_depth)
		max_depth = nest_depth;
	if (norder < 8)
		order[norder++] = sig;
	if (sig == SIGUSR1)
		raise(SIGUSR2);
	nest_depth--;
}

static void on_recurse(int sig)
{
	nest_depth++;
	if (nest_depth > max_depth)
		max_depth = nest_depth;
	if (++got_count < 3)       /* three runs, nested or one after the other */
		raise(sig);
	nest_depth--;
}

static sigjmp_buf jb;
static void on_jump(int sig)
{
	siglongjmp(jb, sig);
}

static void set_handler(int sig, void (*h)(int), int flags, const sigset_t *mask)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = h;
	sa.sa_flags = flags;
	if (mask)
		sa.sa_mask = *mask;
	else
		sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void reset(void)
{
	got_sig = got_code = got_pid = got_count = nest_depth = max_depth = norder = 0;
}

static void test_handler_args(void)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	reset();
	CHECK_OK(sigaction(SIGUSR1, &sa, &old), "sigaction SIGUSR1");
	CHECK(old.sa_handler == SIG_DFL, "old handler was SIG_DFL");
	CHECK_OK(raise(SIGUSR1), "raise SIGUSR1");
	CHECK_EQ(got_count, 1, "handler ran once");
	CHECK_EQ(got_sig, SIGUSR1, "handler's sig argument");
	CHECK(ctx_ok, "si_signo matches and the context pointer is set");
	CHECK_OK(kill(getpid(), SIGUSR1), "kill self");
	CHECK_EQ(got_count, 2, "kill() to self runs the handler before returning");
	CHECK_EQ(got_code, SI_USER, "si_code SI_USER");   /* (raise is SI_TKILL on Linux) */
	CHECK_EQ(got_pid, getpid(), "si_pid is the sender");
	CHECK_OK(sigaction(SIGUSR1, NULL, &old), "query");
	CHECK(old.sa_sigaction == on_info && (old.sa_flags & SA_SIGINFO), "query gives the handler back");

	CHECK(signal(SIGUSR2, SIG_IGN) == SIG_DFL, "signal() returns the old handler");
	CHECK_OK(raise(SIGUSR2), "raise an ignored signal");
	CHECK(signal(SIGUSR2, SIG_DFL) == SIG_IGN, "signal() old handler SIG_IGN");
	CHECK_OK(raise(SIGCHLD), "SIGCHLD by default is ignored");
	CHECK_OK(raise(SIGURG), "SIGURG by default is ignored");

	CHECK_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL, "SIGKILL cannot be caught");
	CHECK_ERR(sigaction(SIGSTOP, &sa, NULL), EINVAL, "SIGSTOP cannot be caught");
	CHECK_ERR(sigaction(0, &sa, NULL), EINVAL, "signal 0 -> EINVAL");
	CHECK_ERR(sigaction(NSIG + 100, &sa, NULL), EINVAL, "signal out of range -> EINVAL");
	CHECK_ERR(kill(getpid(), NSIG + 100), EINVAL, "kill with a bad signal -> EINVAL");
	CHECK_OK(kill(getpid(), 0), "kill sig 0 checks the process");
	CHECK(strcmp(strsignal(SIGSEGV), "Segmentation fault") == 0, "strsignal(SIGSEGV)");
	CHECK(strcmp(strsignal(SIGALRM), "Alarm clock") == 0, "strsignal(SIGALRM)");
}

static void test_mask_pending(void)
{
	sigset_t s, old, pend;
	set_handler(SIGUSR1, on_plain, 0, NULL);
	reset();
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	CHECK_OK(sigprocmask(SIG_BLOCK, &s, &old), "block SIGUSR1");
	CHECK(!sigismember(&old, SIGUSR1), "was not blocked");
	raise(SIGUSR1);
	raise(SIGUSR1);
	CHECK_EQ(got_count, 0, "blocked: not delivered");
	CHECK_OK(sigpending(&pend), "sigpending");
	CHECK(sigismember(&pend, SIGUSR1), "SIGUSR1 pending");
	CHECK(!sigismember(&pend, SIGUSR2), "SIGUSR2 not pending");
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &s, NULL), "unblock");
	CHECK_EQ(got_count, 1, "delivered once at unblock (not queued twice)");
	sigpending(&pend);
	CHECK(!sigismember(&pend, SIGUSR1), "no longer pending");

	sigfillset(&s);
	CHECK_OK(sigprocmask(SIG_SETMASK, &s, &old), "block everything");
	sigprocmask(SIG_SETMASK, NULL, &s);
	CHECK(!sigismember(&s, SIGKILL) && !sigismember(&s, SIGSTOP), "SIGKILL/SIGSTOP cannot be blocked");
	sigprocmask(SIG_SETMASK, &old, NULL);
	CHECK_ERR(sigprocmask(99, &s, NULL), EINVAL, "bad how -> EINVAL");

	/* a signal whose handler is changed to SIG_IGN while pending is discarded */
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	sigprocmask(SIG_BLOCK, &s, NULL);
	set_handler(SIGUSR2, on_plain, 0, NULL);
	raise(SIGUSR2);
	signal(SIGUSR2, SIG_IGN);
	sigpending(&pend);
	CHECK(!sigismember(&pend, SIGUSR2), "setting SIG_IGN discards the pending signal");
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	CHECK_EQ(got_count, 1, "so nothing is delivered");
	signal(SIGUSR2, SIG_DFL);

	/* several pending: lowest number first */
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGUSR2);
	sigaddset(&s, SIGHUP);
	set_handler(SIGUSR1, on_plain, 0, &s);
	set_handler(SIGUSR2, on_plain, 0, &s);
	set_handler(SIGHUP, on_plain, 0, &s);
	reset();
	sigprocmask(SIG_BLOCK, &s, NULL);
	raise(SIGUSR2);
	raise(SIGUSR1);
	raise(SIGHUP);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	CHECK_EQ(got_count, 3, "three delivered at unblock");
	CHECK(order[0] == SIGHUP && order[1] == SIGUSR1 && order[2] == SIGUSR2,
	      "in signal-number order (%d %d %d)", (int)order[0], (int)order[1], (int)order[2]);
	signal(SIGHUP, SIG_DFL);
}

static void test_nesting(void)
{
	sigset_t s;
	/* USR2 unmasked during USR1's handler: nested */
	set_handler(SIGUSR1, on_nest, 0, NULL);
	set_handler(SIGUSR2, on_nest, 0, NULL);
	reset();
	raise(SIGUSR1);
	CHECK_EQ(max_depth, 2, "USR2 nests inside USR1's handler");
	CHECK(norder == 2 && order[0] == SIGUSR1 && order[1] == SIGUSR2, "USR1 then USR2");
	/* USR2 in sa_mask: deferred until the handler returns */
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	set_handler(SIGUSR1, on_nest, 0, &s);
	reset();
	raise(SIGUSR1);
	CHECK_EQ(max_depth, 1, "sa_mask defers USR2");
	CHECK(norder == 2 && order[1] == SIGUSR2, "USR2 ran after USR1's handler");
	/* the signal itself is blocked in its handler unless SA_NODEFER */
	set_handler(SIGUSR1, on_recurse, 0, NULL);
	reset();
	raise(SIGUSR1);
	CHECK_EQ(max_depth, 1, "no recursion without SA_NODEFER");
	CHECK_EQ(got_count, 3, "the raised signal ran after the handler returned");
	set_handler(SIGUSR1, on_recurse, SA_NODEFER, NULL);
	reset();
	raise(SIGUSR1);
	CHECK_EQ(max_depth, 3, "SA_NODEFER: the handler interrupts itself");
	/* the mask after the handler is the one before */
	sigprocmask(SIG_SETMASK, NULL, &s);
	CHECK(!sigismember(&s, SIGUSR1) && !sigismember(&s, SIGUSR2), "mask restored by sigreturn");
	/* SA_RESETHAND */
	struct sigaction old;
	set_handler(SIGUSR1, on_plain, SA_RESETHAND, NULL);
	reset();
	raise(SIGUSR1);
	sigaction(SIGUSR1, NULL, &old);
	CHECK_EQ(got_count, 1, "SA_RESETHAND handler ran");
	CHECK(old.sa_handler == SIG_DFL, "then the disposition is SIG_DFL");
}

static void test_longjmp(void)
{
	sigset_t s;
	set_handler(SIGUSR1, on_jump, 0, NULL);
	volatile int passes = 0;
	int r = sigsetjmp(jb, 1);
	passes++;
	if (r == 0)
		raise(SIGUSR1);
	CHECK_EQ(r, SIGUSR1, "siglongjmp out of the handler");
	CHECK_EQ(passes, 2, "sigsetjmp returned twice");
	sigprocmask(SIG_SETMASK, NULL, &s);
	CHECK(!sigismember(&s, SIGUSR1), "sigsetjmp(env, 1): the mask is restored");
	jmp_buf j;
	volatile int n = 0;
	if (setjmp(j) < 3) {
		n++;
		longjmp(j, n + 1);
	}
	CHECK_EQ(n, 2, "setjmp/longjmp loop");
	if (setjmp(j) == 0)
		longjmp(j, 0);
	else
		CHECK(1, "longjmp(env, 0) returns 1");
}

static void test_suspend_wait(void)
{
	sigset_t s, empty, old;
	set_handler(SIGUSR1, on_plain, 0, NULL);
	reset();
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_BLOCK, &s, &old);
	pid_t c = fork();
	if (c == 0) {
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	sigemptyset(&empty);
	CHECK_ERR(sigsuspend(&empty), EINTR, "sigsuspend returns EINTR after the handler");
	CHECK_EQ(got_count, 1, "the handler ran");
	sigprocmask(SIG_SETMASK, NULL, &s);
	CHECK(sigismember(&s, SIGUSR1), "the mask is back after sigsuspend");
	waitpid(c, NULL, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);

	/* sigwait / sigtimedwait on a blocked signal */
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	sigprocmask(SIG_BLOCK, &s, NULL);
	raise(SIGUSR2);
	int sig = 0;
	CHECK_EQ(sigwait(&s, &sig), 0, "sigwait");
	CHECK_EQ(sig, SIGUSR2, "sigwait got SIGUSR2");
	siginfo_t si;
	struct timespec ts = { 0, 10000000 };
	CHECK_ERR(sigtimedwait(&s, &si, &ts), EAGAIN, "sigtimedwait times out with EAGAIN");
	c = fork();
	if (c == 0) {
		kill(getppid(), SIGUSR2);
		_exit(0);
	}
	ts.tv_sec = 10;
	memset(&si, 0, sizeof si);
	CHECK_EQ(sigtimedwait(&s, &si, &ts), SIGUSR2, "sigtimedwait gets the child's signal");
	CHECK_EQ(si.si_signo, SIGUSR2, "si_signo");
	CHECK_EQ(si.si_pid, c, "si_pid is the child");
	CHECK_EQ(si.si_code, SI_USER, "si_code SI_USER");
	waitpid(c, NULL, 0);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

static volatile sig_atomic_t abrt_seen;
static void on_abrt(int sig)
{
	(void)sig;
	abrt_seen = 1;
}

static volatile sig_atomic_t chld_count, chld_code, chld_status, chld_pid;
static void on_chld(int sig, siginfo_t *si, void *ctx)
{
	(void)sig; (void)ctx;
	chld_count++;
	chld_code = si->si_code;
	chld_status = si->si_status;
	chld_pid = si->si_pid;
}

static void test_abort_chld(void)
{
	int st = 0;
	pid_t c = fork();
	if (c == 0) {
		signal(SIGABRT, on_abrt);
		abort();
	}
	CHECK_EQ(waitpid(c, &st, 0), c, "reap the aborting child");
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT, "abort kills even when the handler returns");

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGCHLD, &sa, NULL);
	sigset_t s, old;
	sigemptyset(&s);
	sigaddset(&s, SIGCHLD);
	sigprocmask(SIG_BLOCK, &s, &old);
	c = fork();
	if (c == 0)
		_exit(7);
	sigsuspend(&old);
	CHECK_EQ(chld_count, 1, "SIGCHLD handler ran");
	CHECK_EQ(chld_code, CLD_EXITED, "si_code CLD_EXITED");
	CHECK_EQ(chld_status, 7, "si_status is the exit code");
	CHECK_EQ(chld_pid, c, "si_pid is the child");
	CHECK_EQ(waitpid(c, &st, 0), c, "the child is a zombie until waited for");
	c = fork();
	if (c == 0) {
		raise(SIGTERM);
		_exit(0);
	}
	sigsuspend(&old);
	CHECK_EQ(chld_code, CLD_KILLED, "si_code CLD_KILLED");
	CHECK_EQ(chld_status, SIGTERM, "si_status is the signal");
	waitpid(c, &st, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);

	/* SIGCHLD ignored: no zombies, waitpid fails with ECHILD */
	signal(SIGCHLD, SIG_IGN);
	c = fork();
	if (c == 0)
		_exit(3);
	errno = 0;
	CHECK_ERR(waitpid(c, &st, 0), ECHILD, "SIG_IGN for SIGCHLD: children are reaped automatically");
	signal(SIGCHLD, SIG_DFL);
	/* SA_NOCLDWAIT */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sa.sa_flags = SA_NOCLDWAIT;
	sigaction(SIGCHLD, &sa, NULL);
	c = fork();
	if (c == 0)
		_exit(4);
	CHECK_ERR(waitpid(-1, &st, 0), ECHILD, "SA_NOCLDWAIT: no zombie either");
	signal(SIGCHLD, SIG_DFL);
}

static void test_groups(void)
{
	pid_t me = getpid();
	setpgid(0, 0);      /* natively: a group of our own, so kill(0) spares the test runner */
	CHECK_EQ(getpgid(0), getpgrp(), "getpgid(0) == getpgrp()");
#ifdef NATIVE
	/* natively the session may be 0: a container's first process need
	 * never call setsid, so its descendants inherit session 0 */
	CHECK(getsid(0) != -1 && getsid(0) == getsid(me), "getsid(0)");
#else
	CHECK(getsid(0) > 0 && getsid(0) == getsid(me), "getsid(0)");
#endif
	CHECK_ERR(getpgid(999999), ESRCH, "getpgid of no process -> ESRCH");
	int pfd_ok = 1;
	pid_t c = fork();
	if (c == 0) {
		/* the child: its own group, then waits to be signalled through it */
		setpgid(0, 0);
		struct timespec ts = { 100, 0 };
		nanosleep(&ts, NULL);
		_exit(9);
	}
	/* both set it (the classic race-free idiom) */
	CHECK_OK(setpgid(c, c), "setpgid(child, child)");
	CHECK_EQ(getpgid(c), c, "the child leads its own group");
	CHECK(getpgid(c) != getpgrp(), "a different group from ours");
	CHECK_ERR(setpgid(c, 999999), EPERM, "setpgid to a group that does not exist -> EPERM");
	CHECK_ERR(kill(-999999, SIGTERM), ESRCH, "kill(-pgid) of no group -> ESRCH");
	CHECK_OK(kill(-c, SIGTERM), "kill(-pgid, SIGTERM)");
	int st = 0;
	CHECK_EQ(waitpid(c, &st, 0), c, "reap");
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "the group got SIGTERM");
	(void)pfd_ok;

	c = fork();
	if (c == 0) {
		pid_t sid = setsid();
		if (sid != getpid() || getpgrp() != getpid() || getsid(0) != getpid())
			_exit(1);
		if (setsid() != -1 || errno != EPERM)
			_exit(2);
		_exit(0);
	}
	waitpid(c, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "setsid in a child: new session and group (%d)",
	      WEXITSTATUS(st));

	/* kill(0, sig): our whole group, us included */
	set_handler(SIGUSR1, on_plain, 0, NULL);
	reset();
	volatile int *ready = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	REQUIRE(ready != MAP_FAILED, "shared flag");
	*ready = 0;
	c = fork();
	if (c == 0) {
		signal(SIGUSR1, SIG_DFL);       /* the child dies of it */
		*ready = 1;
		struct timespec ts = { 100, 0 };
		nanosleep(&ts, NULL);
		_exit(0);
	}
	while (!*ready) {
		struct timespec ts = { 0, 1000000 };
		nanosleep(&ts, NULL);
	}
	CHECK_OK(kill(0, SIGUSR1), "kill(0, SIGUSR1)");
	CHECK_EQ(got_count, 1, "we got it too");
	CHECK_EQ(waitpid(c, &st, 0), c, "reap the child");
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1, "the child in our group got it (default: terminate)");
	CHECK_EQ(getpgid(0), getpgid(me), "getpgid(0) is getpgid(getpid())");
}

static pthread_t handler_thread;
static volatile int handler_ran, thr_stop;

static void on_thr(int sig)
{
	(void)sig;
	handler_thread = pthread_self();
	handler_ran = 1;
}

static void *thr_main(void *arg)
{
	(void)arg;
	while (!thr_stop) {
		struct timespec ts = { 0, 1000000 };
		nanosleep(&ts, NULL);
	}
	return NULL;
}

static void test_pthread_kill(void)
{
	set_handler(SIGUSR2, on_thr, 0, NULL);
	pthread_t th;
	REQUIRE(pthread_create(&th, NULL, thr_main, NULL) == 0, "pthread_create");
	CHECK_EQ(pthread_kill(th, SIGUSR2), 0, "pthread_kill");
	while (!handler_ran) {
		struct timespec ts = { 0, 1000000 };
		nanosleep(&ts, NULL);
	}
	CHECK(pthread_equal(handler_thread, th), "the handler ran on the target thread");
	CHECK_EQ(pthread_kill(th, 0), 0, "pthread_kill sig 0: the thread exists");
	CHECK_EQ(pthread_kill(th, NSIG + 100), EINVAL, "pthread_kill bad signal -> EINVAL");
	thr_stop = 1;
	pthread_join(th, NULL);
	signal(SIGUSR2, SIG_DFL);
}

int main(void)
{
	test_handler_args();
	test_mask_pending();
	test_nesting();
	test_longjmp();
	test_suspend_wait();
	test_abort_chld();
	test_groups();
	test_pthread_kill();
	return done();
}
