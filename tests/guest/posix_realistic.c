#define _GNU_SOURCE          /* as Linux test programs do: POSIX and BSD interfaces */
/*
 * posix_realistic.c - a System V shared-memory test written the way test
 * programs for Linux are (LTP / man-page style), compiled unchanged for
 * the host and for every mmsim flavour:
 *   - cleanup handlers for SIGSEGV, SIGBUS and SIGTERM that remove the
 *     IPC objects, and an alarm() watchdog;
 *   - stdout line-buffered with setvbuf, as such programs do for logs;
 *   - two pipes to synchronise parent and child, a semaphore for the
 *     hand-over, the data passed through a shared segment;
 *   - SHM_RDONLY enforced: a write to a read-only attach raises SIGSEGV
 *     with si_addr the written address, recovered with siglongjmp.
 * Prints "TPASS" lines and "ALL PASSED" (exit 0), or "TFAIL" and exit 1.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define SEGSIZE 8192

union semun {                   /* the caller defines it, as on Linux */
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

static int shmid = -1, semid = -1;
static int failures;
static sigjmp_buf env;
static volatile void *fault_addr;

static void cleanup(void)
{
	if (shmid >= 0 && shmctl(shmid, IPC_RMID, NULL) == 0)
		shmid = -1;
	if (semid >= 0 && semctl(semid, 0, IPC_RMID) == 0)
		semid = -1;
}

static void on_fatal(int sig)
{
	cleanup();
	fprintf(stderr, "TBROK: caught signal %d, IPC objects removed\n", sig);
	_exit(2);
}

static void on_alarm(int sig)
{
	(void)sig;
	cleanup();
	fprintf(stderr, "TBROK: watchdog expired\n");
	_exit(3);
}

static void on_expected_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_addr = si->si_addr;
	siglongjmp(env, 1);
}

static void result(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "TPASS" : "TFAIL", what);
	if (!ok)
		failures++;
}

static int sem_add(int delta)
{
	struct sembuf op = { 0, (short)delta, 0 };
	int r;
	while ((r = semop(semid, &op, 1)) == -1 && errno == EINTR)
		;
	return r;
}

/* The child: wait for "go", write the message, signal and answer. */
static void child(int go_rd, int done_wr)
{
	char b;
	char *mem = shmat(shmid, NULL, 0);
	if (mem == (char *)-1 || read(go_rd, &b, 1) != 1)
		_exit(10);
	strcpy(mem, "hello from the child");
	if (sem_add(1) != 0 || write(done_wr, "k", 1) != 1)
		_exit(11);
	shmdt(mem);
	_exit(0);
}

int main(void)
{
	struct sigaction sa;
	int go[2], done[2], status;
	char b;

	setvbuf(stdout, NULL, _IOLBF, 0);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGALRM, on_alarm);
	alarm(30);

	shmid = shmget(IPC_PRIVATE, SEGSIZE, IPC_CREAT | 0600);
	semid = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	result(shmid >= 0 && semid >= 0, "shmget and semget");
	union semun arg = { .val = 0 };
	result(semctl(semid, 0, SETVAL, arg) == 0, "semctl SETVAL");
	result(pipe(go) == 0 && pipe(done) == 0, "pipes");

	pid_t pid = fork();
	if (pid == 0) {
		close(go[1]);
		close(done[0]);
		child(go[0], done[1]);
	}
	result(pid > 0, "fork");
	close(go[0]);
	close(done[1]);
	char *mem = shmat(shmid, NULL, 0);
	result(mem != (char *)-1, "shmat");
	result(write(go[1], "g", 1) == 1, "tell the child to go");
	result(sem_add(-1) == 0, "semop waits for the child");
	result(read(done[0], &b, 1) == 1 && b == 'k', "the child's answer through the pipe");
	result(strcmp(mem, "hello from the child") == 0, "the child's message in the segment");
	result(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "the child exited 0");
	result(read(done[0], &b, 1) == 0, "EOF once the child is gone");

	struct shmid_ds ds;
	result(shmctl(shmid, IPC_STAT, &ds) == 0 && ds.shm_nattch == 1 && ds.shm_segsz == SEGSIZE,
	       "IPC_STAT: one attach, the size asked for");

	/* SHM_RDONLY: a write faults; the handler gets the address. */
	char *ro = shmat(shmid, NULL, SHM_RDONLY);
	result(ro != (char *)-1 && strcmp(ro, "hello from the child") == 0, "read-only attach reads");
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_expected_segv;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	if (sigsetjmp(env, 1) == 0) {
		ro[100] = 'x';
		result(0, "a write to a SHM_RDONLY attach faults");
	} else {
		result(fault_addr == ro + 100, "SIGSEGV at the written address");
	}
	sa.sa_handler = on_fatal;
	sa.sa_flags = 0;
	sigaction(SIGSEGV, &sa, NULL);

	result(shmdt(ro) == 0 && shmdt(mem) == 0, "shmdt");
	alarm(0);
	cleanup();
	result(shmid == -1 && semid == -1, "IPC objects removed");
	if (failures) {
		printf("%d FAILED\n", failures);
		return 1;
	}
	printf("ALL PASSED\n");
	return 0;
}
