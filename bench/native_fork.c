/*
 * native_fork.c - the fork + _exit + waitpid cycle natively on this Linux
 * host (bench/guest/kcalls.c fork is the guest's).  Prints microseconds
 * per cycle.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 0) : 2000;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (long i = 0; i < n; i++) {
        pid_t c = fork();
        if (c == 0)
            _exit(0);
        int st;
        if (c < 0 || waitpid(c, &st, 0) != c || st != 0)
            return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("%.4f\n", ((b.tv_sec - a.tv_sec) * 1e6 + (b.tv_nsec - a.tv_nsec) / 1e3) / n);
    return 0;
}
