/*
 * idle_procs.c - N idle processes at once (bench/procmem.sh): fork N
 * children that sleep, wait until all exist, then kill and reap them.
 * Usage: idle_procs N
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 200;
	static pid_t kids[65536];
	int made = 0;
	for (; made < n && made < 65536; made++) {
		pid_t pid = fork();
		if (pid == 0) {
			sleep(1000);
			_exit(0);
		}
		if (pid < 0)
			break;
		kids[made] = pid;
	}
	sleep(1);                        /* every child is now blocked in sleep */
	for (int i = 0; i < made; i++)
		kill(kids[i], SIGKILL);
	for (int i = 0; i < made; i++)
		waitpid(kids[i], NULL, 0);
	printf("%d idle processes\n", made);
	return made == n ? 0 : 1;
}
