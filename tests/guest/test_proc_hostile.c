/*
 * test_proc_hostile.c - hostile arguments to the kernel calls of
 * processes, threads, futexes, time and System V semaphores (40-62),
 * through the raw mmsim_kcall: every one gets its documented errno and the
 * host survives.  mmsim only (the calls are mmsim's own).
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/mmsim.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <mmsim/kcall.h>

#include "check.h"

#define BAD 0x00000010L          /* never mapped */
#define KERN 0xFFFFF000L         /* kernel space */

/* Raw call: the negated guest errno, or the result. */
static long kc(long n, long a0, long a1, long a2, long a3)
{
	return mmsim_kcall(n, a0, a1, a2, a3, 0, 0, 0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "child"))
		return 7;
	char *prog = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	static int word;
	long ts[2] = { 0, 0 };

	/* futexes */
	CHECK_EQ(kc(KC_FUTEX_WAIT, (long)&word + 1, 0, 0, 0), -EINVAL, "futex_wait unaligned -> EINVAL");
	CHECK_EQ(kc(KC_FUTEX_WAIT, BAD, 0, 0, 0), -EFAULT, "futex_wait unmapped -> EFAULT");
	CHECK_EQ(kc(KC_FUTEX_WAIT, KERN, 0, 0, 0), -EFAULT, "futex_wait kernel address -> EFAULT");
	CHECK_EQ(kc(KC_FUTEX_WAIT, (long)&word, 1, 0, 0), -EAGAIN, "futex_wait on a changed value -> EAGAIN");
	CHECK_EQ(kc(KC_FUTEX_WAIT, (long)&word, 0, BAD, 0), -EFAULT, "futex_wait bad timeout pointer -> EFAULT");
	ts[1] = 1000000000L;
	CHECK_EQ(kc(KC_FUTEX_WAIT, (long)&word, 0, (long)ts, 0), -EINVAL, "futex_wait tv_nsec 1e9 -> EINVAL");
	ts[1] = 0;
	CHECK_EQ(kc(KC_FUTEX_WAIT, (long)&word, 0, (long)ts, 0), -ETIMEDOUT, "futex_wait past deadline -> ETIMEDOUT");
	CHECK_EQ(kc(KC_FUTEX_WAKE, BAD, 1, 0, 0), -EFAULT, "futex_wake unmapped -> EFAULT");
	CHECK_EQ(kc(KC_FUTEX_WAKE, (long)&word, 5, 0, 0), 0, "futex_wake with nobody waiting -> 0");
	const char *ro = "read-only text";
	CHECK_EQ(kc(KC_FUTEX_WAIT, ((long)ro + 3) & ~3L, 0, 0, 0), -EFAULT, "futex on read-only memory -> EFAULT");
	int prev = 0;
	word = 5;
	CHECK_EQ(kc(KC_ATOMIC_CAS, (long)&word, 5, 9, (long)&prev), 0, "atomic_cas");
	CHECK(word == 9 && prev == 5, "atomic_cas swapped (prev %d, now %d)", prev, word);
	CHECK_EQ(kc(KC_ATOMIC_CAS, (long)&word, 5, 1, (long)&prev), 0, "atomic_cas mismatch");
	CHECK(word == 9 && prev == 9, "... left the word alone");
	CHECK_EQ(kc(KC_ATOMIC_CAS, (long)&word + 2, 0, 0, 0), -EINVAL, "atomic_cas unaligned -> EINVAL");
	CHECK_EQ(kc(KC_ATOMIC_CAS, BAD, 0, 0, 0), -EFAULT, "atomic_cas unmapped -> EFAULT");

	/* time */
	CHECK_EQ(kc(KC_CLOCK_GETTIME, 0, BAD, 0, 0), -EFAULT, "clock_gettime bad pointer -> EFAULT");
	CHECK_EQ(kc(KC_CLOCK_GETTIME, 1, (long)ts, 0, 0), -EINVAL, "clock 1 -> EINVAL");
	CHECK_EQ(kc(KC_NANOSLEEP, BAD, 0, 0, 0), -EFAULT, "nanosleep bad request -> EFAULT");
	CHECK_EQ(kc(KC_NANOSLEEP, (long)ts, BAD, 0, 0), -EFAULT, "nanosleep bad remainder -> EFAULT");

	/* processes */
	CHECK_EQ(kc(KC_KILL, getpid(), 65, 0, 0), -EINVAL, "kill signal 65 -> EINVAL");
	CHECK_EQ(kc(KC_KILL, getpid(), -1, 0, 0), -EINVAL, "kill signal -1 -> EINVAL");
	CHECK_EQ(kc(KC_KILL, getpid(), 23, 0, 0), -ENOTSUP, "kill SIGSTOP -> ENOTSUP");
	CHECK_EQ(kc(KC_KILL, -12345, 15, 0, 0), -ESRCH, "kill of a process group that does not exist -> ESRCH");
	CHECK_EQ(kc(KC_KILL, 12345, 0, 0, 0), -ESRCH, "kill unknown pid -> ESRCH");
	CHECK_EQ(kc(KC_KILL, getpid(), 18, 0, 0), 0, "SIGCHLD is ignored");
	CHECK_EQ(kc(KC_WAITPID, -1, 0, 0, 0), -ECHILD, "waitpid without children -> ECHILD");
	CHECK_EQ(kc(KC_SPAWN, BAD, 0, 0, 0), -EFAULT, "spawn bad path -> EFAULT");
	CHECK_EQ(kc(KC_SPAWN, (long)prog, BAD, 0, 0), -EFAULT, "spawn bad argv -> EFAULT");
	long badargv[2] = { BAD, 0 };
	CHECK_EQ(kc(KC_SPAWN, (long)prog, (long)badargv, 0, 0), -EFAULT, "spawn bad argv string -> EFAULT");
	static char *many[70];
	for (int i = 0; i < 69; i++)
		many[i] = "x";
	CHECK_EQ(kc(KC_SPAWN, (long)prog, (long)many, 0, 0), -E2BIG, "spawn with 69 arguments -> E2BIG");
	static char longarg[2000];
	memset(longarg, 'a', sizeof longarg - 1);
	char *longv[] = { prog, longarg, 0 };
	CHECK_EQ(kc(KC_SPAWN, (long)prog, (long)longv, 0, 0), -E2BIG, "spawn with a 1999-byte argument -> E2BIG");
	char *okv[] = { prog, "child", 0 };
	CHECK_EQ(kc(KC_SPAWN, (long)prog, (long)okv, KERN, 0), -EFAULT, "spawn with a bad pid pointer -> EFAULT");
	CHECK_EQ(kc(KC_WAITPID, -1, 0, 0, 0), -ECHILD, "... and no child was made");
	int pid = 0;
	CHECK_EQ(kc(KC_SPAWN, (long)prog, (long)okv, (long)&pid, 0), 0, "spawn");
	struct timespec_like { long s, ns; } nap = { 0, 1000000 };
	kc(KC_NANOSLEEP, (long)&nap, 0, 0, 0);         /* the child runs and exits */
	CHECK_EQ(kc(KC_WAITPID, pid, BAD, 0, 0), -EFAULT, "waitpid bad status pointer -> EFAULT");
	int st = 0;
	CHECK_EQ(kc(KC_WAITPID, pid, (long)&st, 0, 0), pid, "... the child is still there to reap");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7, "exit status 7");

	/* threads */
	CHECK_EQ(kc(KC_THREAD_JOIN, 999, 0, 0, 0), -ESRCH, "join unknown thread -> ESRCH");
	CHECK_EQ(kc(KC_THREAD_JOIN, 1, 0, 0, 0), -EDEADLK, "join self -> EDEADLK");
	CHECK_EQ(kc(KC_THREAD_DETACH, 999, 0, 0, 0), -ESRCH, "detach unknown thread -> ESRCH");

	/* System V semaphores */
	int id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
	REQUIRE(id >= 0, "semget");
	CHECK_EQ(kc(KC_SEMOP, id, BAD, 1, 0), -EFAULT, "semop bad sops -> EFAULT");
	CHECK_EQ(kc(KC_SEMOP, id, BAD, 100, 0), -E2BIG, "semop 100 ops -> E2BIG before touching them");
	CHECK_EQ(kc(KC_SEMCTL, id, 0, IPC_STAT, BAD), -EFAULT, "IPC_STAT bad buffer -> EFAULT");
	CHECK_EQ(kc(KC_SEMCTL, id, 0, IPC_SET, BAD), -EFAULT, "IPC_SET bad buffer -> EFAULT");
	CHECK_EQ(kc(KC_SEMCTL, id, 0, GETALL, BAD), -EFAULT, "GETALL bad array -> EFAULT");
	CHECK_EQ(kc(KC_SEMCTL, id, 0, SETALL, KERN), -EFAULT, "SETALL bad array -> EFAULT");
	CHECK_EQ(kc(KC_SEMCTL, -5, 0, GETVAL, 0), -EINVAL, "semctl id -5 -> EINVAL");
	CHECK_EQ(kc(KC_SEMCTL, id, -1, GETVAL, 0), -EINVAL, "semnum -1 -> EINVAL");
	CHECK_EQ(kc(KC_SEMGET, IPC_PRIVATE, 100000, IPC_CREAT, 0), -EINVAL, "semget 100000 semaphores -> EINVAL");
	CHECK_EQ(kc(KC_SEMCTL, id, 0, IPC_RMID, 0), 0, "IPC_RMID");
	return done();
}
