/*
 * fault.c - guest programs that are meant to die; tests/guest/
 * expect_run.cmake checks mmsim's exit status (128 + the QNX signal
 * number) and the report on stderr.  argv[1] picks the fault:
 *
 *   null      read through a NULL pointer           -> SIGSEGV, translation fault
 *   nullw     write through a NULL pointer          -> SIGSEGV, translation fault
 *   ro        write to a page mprotect'ed read-only -> SIGSEGV, permission fault
 *   rodata    write to a const object (.rodata)     -> SIGSEGV, permission fault
 *   rommap    write to a PROT_READ mapping          -> SIGSEGV, permission fault
 *   unmapped  read a page after munmap              -> SIGSEGV, translation fault
 *   none      read a PROT_NONE reservation          -> SIGSEGV
 *   pastend   touch page 2 of a 2-page mapping of a 1-page object -> SIGBUS, past object end
 *   shrunk    touch a mapped page after ftruncate shrank the object -> SIGBUS, past object end
 *   nx        call into a data page mapped without PROT_EXEC -> SIGSEGV, permission fault
 *             (fetch; only on flavours with a per-page no-execute bit)
 *   trap      __builtin_trap(): the CPU's undefined/trap instruction -> SIGILL (ARM) / SIGTRAP
 *   stack     unbounded recursion runs off the lazy stack -> SIGSEGV
 *   runaway   an endless loop (run with --max-insns) -> SIGKILL, "instruction limit"
 *
 * Each prints "about to fault: <name>" first (stdout is flushed), so the
 * test also sees that output written before the fault survives.
 */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <stdlib.h>

#include "testutil.h"

static const int ro_const[1024] = { 1, 2, 3 };
static volatile int sink;
static volatile int depth_limit = 1 << 30;

/* An opaque pointer the compiler cannot see through (no UB folding). */
static void *opaque(uintptr_t v)
{
	void *volatile p = (void *)v;
	return p;
}

static int deep(int n)
{
	volatile char buf[1024];
	buf[0] = (char)n;
	buf[1023] = (char)n;
	if (n > depth_limit) /* never: keeps the compiler from calling this infinite */
		return 0;
	return deep(n + 1) + buf[0] + buf[1023];
}

static void *map_anon(size_t len, int prot)
{
	void *p = mmap(0, len, prot, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	return p;
}

static int setup_obj(size_t size)
{
	int fd;
	shm_unlink("/t_fault");
	fd = shm_open("/t_fault", O_RDWR | O_CREAT, 0600);
	if (fd == -1 || ftruncate(fd, size) == -1) {
		perror("shm_open/ftruncate");
		exit(2);
	}
	return fd;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "null";
	printf("about to fault: %s\n", what);
	fflush(stdout);

	if (!strcmp(what, "null")) {
		sink = *(volatile int *)opaque(0);
	} else if (!strcmp(what, "nullw")) {
		*(volatile int *)opaque(0) = 1;
	} else if (!strcmp(what, "ro")) {
		volatile int *p = map_anon(PG, PROT_READ | PROT_WRITE);
		p[0] = 1;
		if (mprotect((void *)p, PG, PROT_READ) == -1) {
			perror("mprotect");
			return 2;
		}
		sink = p[0];     /* reading is fine */
		p[1] = 2;        /* writing is not */
	} else if (!strcmp(what, "rodata")) {
		*(volatile int *)opaque((uintptr_t)&ro_const[5]) = 5;
	} else if (!strcmp(what, "rommap")) {
		volatile int *p = map_anon(PG, PROT_READ);
		sink = p[0];
		p[0] = 1;
	} else if (!strcmp(what, "unmapped")) {
		volatile int *p = map_anon(PG, PROT_READ | PROT_WRITE);
		p[0] = 1;
		munmap((void *)p, PG);
		sink = p[0];
	} else if (!strcmp(what, "none")) {
		volatile int *p = mmap(0, PG, PROT_NONE, MAP_PRIVATE | MAP_ANON | MAP_LAZY, NOFD, 0);
		if (p == MAP_FAILED)
			return 2;
		sink = p[0];
	} else if (!strcmp(what, "pastend")) {
		int fd = setup_obj(PG);
		volatile char *p = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED) {
			perror("mmap");
			return 2;
		}
		p[0] = 1;        /* page 1 of the object: fine */
		p[PG] = 2;       /* past the object's end */
	} else if (!strcmp(what, "shrunk")) {
		int fd = setup_obj(3 * PG);
		volatile char *p = mmap(0, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED) {
			perror("mmap");
			return 2;
		}
		p[2 * PG] = 1;
		if (ftruncate(fd, PG) == -1) {
			perror("ftruncate");
			return 2;
		}
		p[0] = 1;
		sink = p[2 * PG + 8];
	} else if (!strcmp(what, "nx")) {
		/* Copy a function's first bytes into a RW page and call it: the
		 * fetch itself must fault, whatever the bytes are. */
		void *p = map_anon(PG, PROT_READ | PROT_WRITE);
		memcpy(p, (const void *)(uintptr_t)opaque, 64);
		void (*fn)(void) = (void (*)(void))opaque((uintptr_t)p);
		fn();
	} else if (!strcmp(what, "trap")) {
		__builtin_trap();
	} else if (!strcmp(what, "stack")) {
		sink = deep(0);
	} else if (!strcmp(what, "runaway")) {
		for (;;)
			sink++;
	} else {
		printf("unknown fault '%s'\n", what);
		return 2;
	}
	printf("still alive after '%s': the fault did not happen\n", what);
	return 3;
}
