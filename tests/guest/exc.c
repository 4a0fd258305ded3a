/*
 * exc.c - where mmsim reports PC for each kind of exception (issue 4,
 * item 3): a refused TLB fill (load, store, fetch) stops exactly at the
 * faulting instruction, and program exceptions (trap, illegal,
 * privileged, FP) may leave Unicorn's PC one instruction past it, which
 * the report must undo.  The faulting instructions live in exc_arm.S /
 * exc_ppc.S (CMake picks the file for the CPU; no #ifdefs here), each on
 * a global label exc_<case>_insn.  argv[1] picks the case:
 *
 *   load     load from an unmapped page                  -> SIGSEGV
 *   store    store to a PROT_READ page                   -> SIGSEGV
 *   bus      load from a mapped page past the object end -> SIGBUS
 *   trap     BKPT (ARM) / trap (PPC)                     -> SIGTRAP
 *   illegal  UDF (ARM) / the word 0 (PPC)                -> SIGILL
 *   priv     mrc p15 SCTLR (ARM) / mfmsr (PPC) in user mode -> SIGILL
 *   fp       fadd (PPC): SIGILL on e500, lazily enabled FPU on ppc600
 *   fetch    branch to an unmapped page                  -> SIGSEGV, PC = target
 *   nx       branch into a mapped page without PROT_EXEC -> SIGSEGV, PC = target
 *            (only flavours with a no-execute bit: ARMv6/v7 XN, e500 UX)
 *
 * The program prints "insn at 0x<address where the report's pc must be>"
 * and, for data and fetch faults, "addr 0x<faulting virtual address>",
 * then triggers the exception; tests/guest/expect_pc.cmake compares.
 * If the exception does not happen it says so and exits 3.
 */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>

/* Only runtime headers (no testutil.h): the program has two sources, so
 * its build has no depfile and would miss edits to a local header. */
#define PG __PAGESIZE

void exc_load(const void *addr);
void exc_store(void *addr);
void exc_trap(void);
void exc_illegal(void);
void exc_priv(void);
void exc_fp(const double *a, const double *b, double *out);
void exc_fetch(const void *addr);
extern char exc_load_insn[], exc_store_insn[], exc_trap_insn[], exc_illegal_insn[],
	exc_priv_insn[], exc_fp_insn[];

static unsigned addr_of(const void *p)
{
	return (unsigned)(uintptr_t)p;
}

static void announce(const void *insn, const void *addr)
{
	printf("insn at 0x%08x\n", addr_of(insn));
	if (addr)
		printf("addr 0x%08x\n", addr_of(addr));
	fflush(stdout);
}

static char *map_or_die(size_t len, int prot, int flags, int fd)
{
	char *p = mmap(0, len, prot, flags, fd, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	return p;
}

/* An address in a page that was mapped and is no longer. */
static char *unmapped_page(void)
{
	char *p = map_or_die(PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD);
	if (munmap(p, PG) == -1) {
		perror("munmap");
		exit(2);
	}
	return p;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";

	if (!strcmp(what, "load")) {
		char *a = unmapped_page() + 0x120;
		announce(exc_load_insn, a);
		exc_load(a);
	} else if (!strcmp(what, "store")) {
		char *a = map_or_die(PG, PROT_READ, MAP_PRIVATE | MAP_ANON, NOFD) + 0x240;
		announce(exc_store_insn, a);
		exc_store(a);
	} else if (!strcmp(what, "bus")) {
		/* Two pages mapped over a one-page object: page 2 is past its end. */
		int fd;
		shm_unlink("/t_exc");
		fd = shm_open("/t_exc", O_RDWR | O_CREAT, 0600);
		if (fd == -1 || ftruncate(fd, PG) == -1) {
			perror("shm_open/ftruncate");
			return 2;
		}
		char *a = map_or_die(2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd) + PG + 0x80;
		announce(exc_load_insn, a);
		exc_load(a);
	} else if (!strcmp(what, "trap")) {
		announce(exc_trap_insn, NULL);
		exc_trap();
	} else if (!strcmp(what, "illegal")) {
		announce(exc_illegal_insn, NULL);
		exc_illegal();
	} else if (!strcmp(what, "priv")) {
		announce(exc_priv_insn, NULL);
		exc_priv();
	} else if (!strcmp(what, "fp")) {
		/* volatile: the soft-float compiler must not fold the check. */
		volatile double a = 1.5, b = 2.25, sum = 0;
		double x = a, y = b, out = 0;
		announce(exc_fp_insn, NULL);
		exc_fp(&x, &y, &out);
		sum = out;
		if (sum == 3.75) {
			puts("fp: returned; the FPU computed 1.5 + 2.25 = 3.75");
			return 0;
		}
		puts("fp: returned with a wrong sum");
		return 1;
	} else if (!strcmp(what, "fetch")) {
		char *a = unmapped_page() + 0x40;
		announce(a, a);
		exc_fetch(a);
	} else if (!strcmp(what, "nx")) {
		char *a = map_or_die(PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD) + 0x80;
		announce(a, a);
		exc_fetch(a);
	} else {
		fprintf(stderr, "usage: exc load|store|bus|trap|illegal|priv|fp|fetch|nx\n");
		return 2;
	}
	printf("no fault: %s returned\n", what);
	return 3;
}
