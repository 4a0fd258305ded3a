/* devmap_fork.c - host memory of guest processes that map a device: the
 * parent forks N children (argv[1], default 8), each maps FIFO0 and reads
 * its status register, then waits for a byte on a semaphore-free path:
 * every child is alive at once when the parent reaps them.  bench/run.sh
 * reports mmsim's peak RSS for it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <mmsim/devices.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 8;
    for (int i = 0; i < n; i++) {
        if (fork() == 0) {
            volatile uint32_t *fifo = mmap_device_memory(NULL, MMSIM_FIFO0_SIZE,
                                                         PROT_READ | PROT_WRITE | PROT_NOCACHE, 0,
                                                         MMSIM_FIFO0_PADDR);
            if (fifo == MAP_FAILED)
                return 1;
            (void)fifo[1];
            sched_yield();
            return 0;
        }
    }
    int bad = 0, st;
    while (wait(&st) > 0)
        bad += !WIFEXITED(st) || WEXITSTATUS(st) != 0;
    printf("%d children mapped FIFO0, %d failed\n", n, bad);
    return bad != 0;
}
