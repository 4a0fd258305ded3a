/*
 * pingpong.c - round trips between two processes over a pair of
 * process-shared POSIX semaphores in shared memory: pingpong N does N
 * round trips.  The same source runs natively (bench/native_pingpong);
 * bench/run.sh times N and 2N round trips both ways and prints the ratio.
 */
#include <semaphore.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000;
	sem_t *s = mmap(NULL, 2 * sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANON, -1, 0);
	if (s == MAP_FAILED)
		return 1;
	sem_init(&s[0], 1, 0);
	sem_init(&s[1], 1, 0);
	pid_t c = fork();
	if (c < 0)
		return 1;
	if (c == 0) {
		for (long i = 0; i < n; i++) {
			sem_wait(&s[0]);
			sem_post(&s[1]);
		}
		_exit(0);
	}
	for (long i = 0; i < n; i++) {
		sem_post(&s[0]);
		sem_wait(&s[1]);
	}
	int st;
	waitpid(c, &st, 0);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 1;
}
