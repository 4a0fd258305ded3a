/*
 * proc_misc.c - process cases that end mmsim in a particular way, each
 * chosen by argv[1] and checked by proc_tests.cmake (exit status, stderr):
 *   deadlock1  one process waits on a semaphore nobody posts
 *   deadlock2  two processes each wait for the other
 *   sleepers   every process blocked, but on timers: no deadlock
 *   selfkill   raise(SIGTERM): killed, status 143
 *   orphan     the parent exits first; the child runs on with ppid 1
 */
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
	printf("unknown mode\n");
	return 2;
}
