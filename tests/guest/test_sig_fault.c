/*
 * test_sig_fault.c - MMU faults become signals: SIGSEGV with SEGV_MAPERR
 * (no translation) and SEGV_ACCERR (permission), SIGBUS past the end of
 * a shared memory object, instruction fetches from unmapped and PROT_NONE
 * pages; si_addr is the exact faulting address; a handler that calls
 * mprotect makes the faulting instruction succeed when it returns;
 * siglongjmp out of a handler; SIGILL/SIGTRAP of __builtin_trap().
 *
 * POSIX only: built natively too (native_sig_fault), so every
 * expectation is what Linux does.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "check.h"

#define PG 4096

static sigjmp_buf jb;
static volatile int f_sig, f_code, f_count, f_mode;
static volatile uintptr_t f_addr;
static char *volatile fix_page;           /* f_mode 1: mprotect this page RW */
static volatile int fix_fd = -1;          /* f_mode 2: grow this object */

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	f_sig = sig;
	f_code = si->si_code;
	f_addr = (uintptr_t)si->si_addr;
	f_count++;
	if (f_mode == 1) {
		mprotect(fix_page, PG, PROT_READ | PROT_WRITE);
		return;                 /* the access is made again, and succeeds */
	}
	if (f_mode == 2) {
		ftruncate(fix_fd, 2 * PG);
		return;
	}
	siglongjmp(jb, 1);
}

static void install(int sig)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void clear(int mode)
{
	f_sig = f_code = f_count = 0;
	f_addr = 0;
	f_mode = mode;
}

/* A read of *p that faults; 1 if the handler jumped out. */
static int faulting_read(volatile int *p)
{
	if (sigsetjmp(jb, 1) == 0) {
		(void)*p;
		return 0;
	}
	return 1;
}

static int faulting_write(volatile int *p, int v)
{
	if (sigsetjmp(jb, 1) == 0) {
		*p = v;
		return 0;
	}
	return 1;
}

typedef int (*fn_t)(void);

static int faulting_call(void *where)
{
	if (sigsetjmp(jb, 1) == 0) {
		fn_t f = (fn_t)(uintptr_t)where;
		f();
		return 0;
	}
	return 1;
}

int main(void)
{
	install(SIGSEGV);
	install(SIGBUS);
	install(SIGILL);
	install(SIGTRAP);

	/* unmapped: SEGV_MAPERR */
	char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(p != MAP_FAILED, "mmap");
	munmap(p, 2 * PG);
	clear(0);
	CHECK(faulting_read((volatile int *)(p + 0x124)), "read of an unmapped page jumps out");
	CHECK_EQ(f_sig, SIGSEGV, "SIGSEGV");
	CHECK_EQ(f_code, SEGV_MAPERR, "si_code SEGV_MAPERR");
	CHECK_EQ(f_addr, (uintptr_t)(p + 0x124), "si_addr is the exact address read");
	clear(0);
	CHECK(faulting_write((volatile int *)(p + PG + 0x38), 5), "write to an unmapped page jumps out");
	CHECK_EQ(f_code, SEGV_MAPERR, "write: SEGV_MAPERR");
	CHECK_EQ(f_addr, (uintptr_t)(p + PG + 0x38), "write: exact si_addr");

	/* PROT_NONE read, read-only write: SEGV_ACCERR */
	char *q = mmap(NULL, PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(q != MAP_FAILED, "mmap PROT_NONE");
	clear(0);
	CHECK(faulting_read((volatile int *)(q + 8)), "read of PROT_NONE jumps out");
	CHECK_EQ(f_sig, SIGSEGV, "SIGSEGV");
	CHECK_EQ(f_code, SEGV_ACCERR, "si_code SEGV_ACCERR");
	CHECK_EQ(f_addr, (uintptr_t)(q + 8), "exact si_addr");
	char *r = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(r != MAP_FAILED, "mmap PROT_READ");
	clear(0);
	CHECK(faulting_write((volatile int *)(r + 0x40), 1), "write to a read-only page jumps out");
	CHECK_EQ(f_code, SEGV_ACCERR, "write to read-only: SEGV_ACCERR");
	CHECK_EQ(f_addr, (uintptr_t)(r + 0x40), "exact si_addr");

	/* a handler that mprotects: the faulting store is made again and lands */
	fix_page = r;
	clear(1);
	((volatile int *)r)[7] = 1234;
	CHECK_EQ(f_count, 1, "one fault, then the write went through");
	CHECK_EQ(((volatile int *)r)[7], 1234, "the value written by the re-executed store");
	mprotect(q, PG, PROT_NONE);
	fix_page = q;
	clear(1);
	int v = ((volatile int *)q)[3];
	CHECK_EQ(f_count, 1, "PROT_NONE read: one fault, then the read");
	CHECK_EQ(v, 0, "reads the zero page");

	/* past the end of a shared memory object: SIGBUS */
	char name[32];
	snprintf(name, sizeof name, "/sigfault.%d", (int)getpid());
	int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	REQUIRE(fd >= 0, "shm_open");
	shm_unlink(name);
	REQUIRE(ftruncate(fd, PG) == 0, "ftruncate one page");
	char *s = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(s != MAP_FAILED, "mmap two pages of a one-page object");
	s[0] = 1;
	clear(0);
	CHECK(faulting_read((volatile int *)(s + PG + 0x10)), "read past the object's end jumps out");
	CHECK_EQ(f_sig, SIGBUS, "SIGBUS");
	CHECK_EQ(f_code, BUS_ADRERR, "si_code BUS_ADRERR");
	CHECK_EQ(f_addr, (uintptr_t)(s + PG + 0x10), "exact si_addr");
	fix_fd = fd;
	clear(2);
	((volatile char *)s)[PG + 5] = 9;
	CHECK_EQ(f_count, 1, "a handler that grows the object: one fault, then the store");
	CHECK_EQ(s[PG + 5], 9, "the store landed in the grown object");

	/* instruction fetch from an unmapped and from a PROT_NONE page */
	char *u = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(u != MAP_FAILED, "mmap");
	munmap(u, PG);
	clear(0);
	CHECK(faulting_call(u), "call into an unmapped page jumps out");
	CHECK_EQ(f_sig, SIGSEGV, "fetch: SIGSEGV");
	CHECK_EQ(f_code, SEGV_MAPERR, "fetch from unmapped: SEGV_MAPERR");
	CHECK_EQ(f_addr, (uintptr_t)u, "fetch: si_addr is the instruction address");
	mprotect(q, PG, PROT_NONE);
	clear(0);
	CHECK(faulting_call(q), "call into a PROT_NONE page jumps out");
	CHECK_EQ(f_code, SEGV_ACCERR, "fetch from PROT_NONE: SEGV_ACCERR");
	CHECK_EQ(f_addr, (uintptr_t)q, "fetch: si_addr");

	/* the trap instruction: SIGILL (ARM udf) or SIGTRAP (PowerPC trap) */
	clear(0);
	if (sigsetjmp(jb, 1) == 0)
		__builtin_trap();
	CHECK(f_sig == SIGILL || f_sig == SIGTRAP, "__builtin_trap(): SIGILL or SIGTRAP (got %d)", f_sig);
	CHECK(f_addr != 0, "its si_addr is the instruction");

	/* the mask after a siglongjmp(env, savemask 1) out of the handler */
	sigset_t m;
	sigprocmask(SIG_SETMASK, NULL, &m);
	CHECK(!sigismember(&m, SIGSEGV) && !sigismember(&m, SIGBUS), "SIGSEGV/SIGBUS unblocked again");
	return done();
}
