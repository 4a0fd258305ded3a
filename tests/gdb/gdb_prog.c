/*
 * gdb_prog.c - the guest the gdb tests debug (tests/gdb/CMakeLists.txt):
 * a function with a local, a global written in a loop (watchpoints,
 * reverse-continue), a second thread, a shared-memory object (monitor
 * objinfo, walk), with argument "segv" a store to an unmapped address, with
 * "spin" a loop that never ends, with "fork" a child that calls add().
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int watched;                    /* written once per loop iteration */
volatile unsigned spin;         /* with argument "spin": counts forever (Ctrl-C tests) */
volatile int from_thread;       /* written by the second thread */

int add(int a, int b)
{
    int sum = a + b;
    return sum;
}

void *worker(void *arg)
{
    from_thread = 42;
    return arg;
}

int main(int argc, char **argv)
{
    int total = 0;
    for (int i = 1; i <= 3; i++) {
        total = add(total, i);
        watched = total * 10;
    }
    printf("total %d watched %d\n", total, watched);
    int fd = shm_open("/gdbtest", O_RDWR | O_CREAT, 0600);
    shm_ctl(fd, SHMCTL_ANON, 0, 8192);
    char *m = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    strcpy(m, "shared");
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    printf("thread wrote %d, fd %d holds %s\n", from_thread, fd, m);
    if (argc > 1 && !strcmp(argv[1], "fork")) {
        pid_t child = fork();
        if (child == 0)
            return add(100, 200) == 300 ? 0 : 1;
        int status = -1;
        waitpid(child, &status, 0);
        printf("child exited with %d\n", status);
    }
    while (argc > 1 && !strcmp(argv[1], "spin"))
        spin++;
    if (argc > 1 && !strcmp(argv[1], "segv"))
        *(volatile int *)0x1234 = 1;
    return 0;
}
