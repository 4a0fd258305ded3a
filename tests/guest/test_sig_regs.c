/*
 * test_sig_regs.c - every register survives an asynchronous signal: an
 * interval timer interrupts a register-heavy integer and (soft-float on
 * every mmsim flavour) floating-point computation many times; the result
 * must equal the one computed with the signal blocked.  The handler
 * itself clobbers as many registers as it can.  Also: a busy loop that
 * makes no kernel call still gets its SIGALRM (simulated time advances
 * with the instructions it runs), and an alternate signal stack.
 *
 * POSIX only: built natively too (native_sig_regs).
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/time.h>

#include "check.h"

static volatile sig_atomic_t ticks;
static volatile uint32_t sink;
static volatile uintptr_t handler_sp;

/* Uses many registers, integer and floating point. */
static void clobber(void)
{
	uint32_t a = ticks, b = a * 3, c = b ^ 0x55, d = c + 7, e = d * 11, f = e ^ a, g = f + b;
	uint32_t h = g * c, i = h ^ d, j = i + e, k = j * f, l = k ^ g;
	double x = a + 0.5, y = x * 1.25;
	for (int n = 0; n < 4; n++) {
		a += l; b ^= a; c += b; d ^= c; e += d; f ^= e; g += f; h ^= g; i += h; j ^= i;
		k += j; l ^= k;
		y = y * 1.5 + x;
	}
	sink = a + b + c + d + e + f + g + h + i + j + k + l + (uint32_t)y;
}

static volatile int handler_errno;

static void on_alrm(int sig)
{
	(void)sig;
	int local;
	handler_sp = (uintptr_t)&local;
	ticks++;
	clobber();
}

/* On the alternate stack: errno still works. */
static void on_alt(int sig)
{
	(void)sig;
	int local, saved = errno;
	handler_sp = (uintptr_t)&local;
	errno = 0;
	if (kill(-999999, SIGALRM) == -1)
		handler_errno = errno;
	errno = saved;
}

/* The computation: 12 live integer accumulators and two doubles. */
__attribute__((noipa)) static uint32_t compute(int n, double *fp)
{
	uint32_t a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8, i = 9, j = 10, k = 11, l = 12;
	double x = 1.0, y = 0.5;
	for (int m = 0; m < n; m++) {
		a = a * 1103515245u + 12345u + l;
		b ^= a >> 3;
		c += b * 7u;
		d = (d << 5 | d >> 27) ^ c;
		e += d & 0xff;
		f ^= e * 31u;
		g += f >> 7;
		h = (h + g) * 17u;
		i ^= h + (uint32_t)m;
		j += i >> 11;
		k = k * 9u + j;
		l ^= k;
		if ((m & 63) == 0) {
			x = x * 1.000001 + (double)(a & 15) * 0.25;
			y = y + x / 1024.0;
		}
	}
	*fp = x + y;
	return a ^ b ^ c ^ d ^ e ^ f ^ g ^ h ^ i ^ j ^ k ^ l;
}

static void set_timer(long usec)
{
	struct itimerval it;
	memset(&it, 0, sizeof it);
	it.it_value.tv_usec = usec;
	it.it_interval.tv_usec = usec;
	setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alrm;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);

	static volatile int vn = 300000;       /* read at each call: no reuse of a result */
	int n = vn;
	double fp_ref = 0, fp = 0;
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGALRM);
	sigprocmask(SIG_BLOCK, &s, NULL);
	uint32_t ref = compute(n, &fp_ref);
	sigprocmask(SIG_UNBLOCK, &s, NULL);

	ticks = 0;
	set_timer(100);
	n = vn;
	uint32_t got = compute(n, &fp);
	set_timer(0);
	CHECK(ticks > 0, "the timer interrupted the computation (%d times)", (int)ticks);
	CHECK_EQ(got, ref, "integer result unchanged by the handlers");
	CHECK(fp == fp_ref, "floating-point result unchanged by the handlers");

	/* a busy loop with no kernel call gets its SIGALRM */
	ticks = 0;
	struct itimerval it, cur;
	memset(&it, 0, sizeof it);
	it.it_value.tv_usec = 20000;
	CHECK_OK(setitimer(ITIMER_REAL, &it, NULL), "setitimer 20 ms one-shot");
	CHECK_OK(getitimer(ITIMER_REAL, &cur), "getitimer");
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0 && cur.it_value.tv_usec <= 20000,
	      "getitimer: time left (%ld us)", (long)cur.it_value.tv_usec);
	CHECK(cur.it_interval.tv_sec == 0 && cur.it_interval.tv_usec == 0, "one-shot: no interval");
	while (!ticks)
		;
	CHECK_EQ(ticks, 1, "the busy loop was interrupted by SIGALRM");
	getitimer(ITIMER_REAL, &cur);
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0, "the one-shot timer is off");
	CHECK_ERR(setitimer(ITIMER_REAL + 99, &it, NULL), EINVAL, "unknown timer -> EINVAL");
	it.it_value.tv_usec = 1000000;
	CHECK_ERR(setitimer(ITIMER_REAL, &it, NULL), EINVAL, "tv_usec 1000000 -> EINVAL");

	/* an alternate signal stack */
	static char altstack[16384] __attribute__((aligned(16)));
	stack_t ss, old;
	ss.ss_sp = altstack;
	ss.ss_size = sizeof altstack;
	ss.ss_flags = 0;
	CHECK_OK(sigaltstack(&ss, &old), "sigaltstack");
	CHECK(old.ss_flags & SS_DISABLE, "no alternate stack before");
	sa.sa_flags = SA_ONSTACK;
	sa.sa_handler = on_alt;
	sigaction(SIGALRM, &sa, NULL);
	handler_sp = 0;
	errno = EINTR;
	raise(SIGALRM);
	CHECK(handler_sp > (uintptr_t)altstack && handler_sp <= (uintptr_t)altstack + sizeof altstack,
	      "SA_ONSTACK: the handler ran on the alternate stack");
	CHECK_EQ(handler_errno, ESRCH, "errno works in a handler on the alternate stack");
	CHECK_EQ(errno, EINTR, "the thread's errno is the same one");
	sa.sa_handler = on_alrm;
	sa.sa_flags = 0;
	sigaction(SIGALRM, &sa, NULL);
	handler_sp = 0;
	raise(SIGALRM);
	CHECK(handler_sp && !(handler_sp > (uintptr_t)altstack &&
	                      handler_sp <= (uintptr_t)altstack + sizeof altstack),
	      "without SA_ONSTACK: the thread's stack");
	ss.ss_size = 100;
	CHECK_ERR(sigaltstack(&ss, NULL), ENOMEM, "a stack below MINSIGSTKSZ -> ENOMEM");
	ss.ss_flags = SS_DISABLE;
	CHECK_OK(sigaltstack(&ss, NULL), "disable");
	return done();
}
