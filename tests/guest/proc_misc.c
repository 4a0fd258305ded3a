/*
 * proc_misc.c - process cases that end mmsim in a particular way, each
 * chosen by argv[1] and checked by proc_tests.cmake (exit status, stderr):
 *   deadlock1  one process waits on a semaphore nobody posts
 *   deadlock2  two processes each wait for the other
 *   sleepers   every process blocked, but on timers: no deadlock
 *   selfkill   raise(SIGTERM): killed, status 143
 *   orphan     the parent exits first; the child runs on with ppid 1
 *   forklimit  fork until it fails: EAGAIN at 32 processes (run with --max-procs 32)
 *   threadlimit create threads until it fails: EAGAIN at 64 (run with --max-threads 64)
 *   semlimits  System V semaphore limits set with --ipc-limit
 */
#include <sys/sem.h>
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

/* Two pshared semaphores in shared memory, both 0. */
static sem_t *two_sems(void)
{
	sem_t *s = mmap(NULL, 2 * sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON, -1, 0);
	sem_init(&s[0], 1, 0);
	sem_init(&s[1], 1, 0);
	return s;
}

static void *idle(void *arg)
{
	return arg;
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";
	if (!strcmp(m, "deadlock1")) {
		sem_t *s = two_sems();
		printf("waiting forever\n");
		fflush(stdout);
		sem_wait(&s[0]);
		printf("not reached\n");
		return 0;
	}
	if (!strcmp(m, "deadlock2")) {
		sem_t *s = two_sems();
		pid_t c = fork();
		if (c == 0) {
			sem_wait(&s[1]);    /* waits for the parent ... */
			sem_post(&s[0]);
			_exit(0);
		}
		sem_wait(&s[0]);            /* ... which waits for the child */
		sem_post(&s[1]);
		printf("not reached\n");
		return 0;
	}
	if (!strcmp(m, "sleepers")) {
		pid_t c = fork();
		struct timespec ts = { 2, 0 };
		nanosleep(&ts, NULL);
		if (c == 0)
			_exit(0);
		int st;
		waitpid(c, &st, 0);
		printf("both slept: %s\n", WIFEXITED(st) ? "ok" : "bad");
		return 0;
	}
	if (!strcmp(m, "selfkill")) {
		printf("raising SIGTERM\n");
		fflush(stdout);
		raise(SIGTERM);
		printf("not reached\n");
		return 0;
	}
	if (!strcmp(m, "orphan")) {
		pid_t c = fork();
		if (c == 0) {
			struct timespec ts = { 0, 1000000 };
			nanosleep(&ts, NULL);          /* the parent is gone by now */
			printf("orphan: ppid %d\n", (int)getppid());
			return 0;
		}
		printf("parent exits first\n");
		return 5;
	}
	if (!strcmp(m, "forklimit")) {
		sem_t *s = two_sems();
		int made = 0, err = 0;
		for (;;) {
			pid_t c = fork();
			if (c == 0) {
				sem_wait(&s[0]);
				_exit(0);
			}
			if (c < 0) {
				err = errno;
				break;
			}
			made++;
		}
		printf("forked %d, then %s\n", made, err == EAGAIN ? "EAGAIN" : "another error");
		for (int i = 0; i < made; i++)
			sem_post(&s[0]);
		while (wait(NULL) > 0)
			;
		pid_t c = fork();
		if (c == 0)
			_exit(0);
		printf("after reaping: fork %s\n", c > 0 ? "works" : "fails");
		return 0;
	}
	if (!strcmp(m, "threadlimit")) {
		static pthread_t t[100];
		int made = 0, rc;
		while ((rc = pthread_create(&t[made], NULL, idle, NULL)) == 0 && made < 99)
			made++;
		printf("created %d threads, then %s\n", made, rc == EAGAIN ? "EAGAIN" : "another error");
		for (int i = 0; i < made; i++)
			pthread_join(t[i], NULL);
		rc = pthread_create(&t[0], NULL, idle, NULL);
		printf("after joining: create %s\n", rc == 0 ? "works" : "fails");
		return 0;
	}
	if (!strcmp(m, "semlimits")) {
		int a = semget(IPC_PRIVATE, 5, IPC_CREAT | 0600);
		int ea = errno;
		int b = semget(IPC_PRIVATE, 4, IPC_CREAT | 0600);
		printf("semget 5: %s; semget 4: %s\n", a == -1 && ea == EINVAL ? "EINVAL" : "ok",
		       b >= 0 ? "ok" : "failed");
		int c = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
		printf("second set: %s\n", c == -1 && errno == ENOSPC ? "ENOSPC" : "ok");
		struct sembuf ops[3] = { { 0, 1, 0 }, { 1, 1, 0 }, { 2, 1, 0 } };
		int r = semop(b, ops, 3);
		printf("3 operations: %s\n", r == -1 && errno == E2BIG ? "E2BIG" : "ok");
		struct sembuf big = { 0, 11, 0 };
		r = semop(b, &big, 1);
		printf("value 11: %s\n", r == -1 && errno == ERANGE ? "ERANGE" : "ok");
		semctl(b, 0, IPC_RMID);
		return 0;
	}
	printf("unknown mode\n");
	return 2;
}
