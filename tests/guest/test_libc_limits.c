/*
 * test_libc_limits.c - process and thread limits at Linux-like defaults.
 * Without arguments: 100 children alive at once and 100 threads (past
 * mmsim's old caps of 32 and 64).  With arguments P T (mmsim --max-procs P
 * --max-threads T): fork fails with EAGAIN exactly when P processes are
 * unreaped, pthread_create exactly when T threads (main included) exist,
 * and both work again after reaping / joining.
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "check.h"

#define MAX_KIDS 2048

static pid_t kids[MAX_KIDS];
static pthread_t threads[MAX_KIDS];
static sem_t go;

/* spawn_children(n, &err): fork up to n sleeping children; how many, err = fork's errno at a failure (0 if none). */
static int spawn_children(int n, int *err)
{
	int made = 0;
	*err = 0;
	for (; made < n; made++) {
		pid_t pid = fork();
		if (pid == 0) {
			sleep(1000);
			_exit(0);
		}
		if (pid < 0) {
			*err = errno;
			break;
		}
		kids[made] = pid;
	}
	return made;
}

/* reap_children(n): kill and wait for the first n children; how many were reaped. */
static int reap_children(int n)
{
	int reaped = 0;
	for (int i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	for (int i = 0; i < n; i++)
		reaped += waitpid(kids[i], NULL, 0) == kids[i];
	return reaped;
}

/* waiter(arg): block until main posts go. */
static void *waiter(void *arg)
{
	sem_wait(&go);
	return arg;
}

/* spawn_threads(n, &err): create up to n blocked threads; how many, err = the failure's code. */
static int spawn_threads(int n, int *err)
{
	int made = 0;
	*err = 0;
	for (; made < n; made++) {
		int rc = pthread_create(&threads[made], NULL, waiter, NULL);
		if (rc) {
			*err = rc;
			break;
		}
	}
	return made;
}

/* join_threads(n): release and join n threads; how many joined. */
static int join_threads(int n)
{
	int joined = 0;
	for (int i = 0; i < n; i++)
		sem_post(&go);
	for (int i = 0; i < n; i++)
		joined += pthread_join(threads[i], NULL) == 0;
	return joined;
}

int main(int argc, char **argv)
{
	int maxp = argc > 2 ? atoi(argv[1]) : 0, maxt = argc > 2 ? atoi(argv[2]) : 0;
	int err, n;
	sem_init(&go, 0, 0);
	if (!maxp) {
		n = spawn_children(100, &err);
		CHECK_EQ(n, 100, "100 children alive at once (err %d)", err);
		CHECK_EQ(reap_children(n), n, "all reaped");
		n = spawn_threads(100, &err);
		CHECK_EQ(n, 100, "100 threads at once (err %d)", err);
		CHECK_EQ(join_threads(n), n, "all joined");
		return done();
	}
	n = spawn_children(maxp + 5, &err);
	CHECK_EQ(n, maxp - 1, "--max-procs %d: %d children beside us", maxp, maxp - 1);
	CHECK_EQ(err, EAGAIN, "... then fork fails with EAGAIN");
	CHECK_EQ(reap_children(n), n, "reaped");
	n = spawn_children(1, &err);
	CHECK_EQ(n, 1, "after reaping, fork works");
	reap_children(n);
	n = spawn_threads(maxt + 5, &err);
	CHECK_EQ(n, maxt - 1, "--max-threads %d: %d threads beside main", maxt, maxt - 1);
	CHECK_EQ(err, EAGAIN, "... then pthread_create fails with EAGAIN");
	CHECK_EQ(join_threads(n), n, "joined");
	n = spawn_threads(1, &err);
	CHECK_EQ(n, 1, "after joining, pthread_create works");
	join_threads(n);
	return done();
}
