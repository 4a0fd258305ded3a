/* kcalls.c - guest side of the kernel-call benchmarks:
 *   kcalls getpid N     N getpid() calls
 *   kcalls objinfo N    N _MEM_OBJ_INFO messages on an 8-page object
 *   kcalls mmap N       N cycles of mmap(4 KiB) + one store + munmap
 *   kcalls touch N      map N MiB and store to every page once
 *   kcalls fork N       N cycles of fork + _exit in the child + waitpid
 *                       (the same loop natively: bench/native_fork.c) */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/memmsg.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: kcalls getpid|objinfo|mmap|touch|fork N\n");
        return 2;
    }
    long n = strtol(argv[2], NULL, 0);
    if (!strcmp(argv[1], "getpid")) {
        long sum = 0;
        for (long i = 0; i < n; i++)
            sum += getpid();
        return sum == n * getpid() ? 0 : 1;
    }
    if (!strcmp(argv[1], "objinfo")) {
        int fd = shm_open("/bench", O_RDWR | O_CREAT, 0600);
        if (fd < 0 || shm_ctl(fd, SHMCTL_ANON, 0, 8 * __PAGESIZE) != 0)
            return 1;
        struct { struct _mem_obj_info i; struct _mem_obj_segment s[8]; } m;
        for (long i = 0; i < n; i++) {
            memset(&m.i, 0, sizeof m.i);
            m.i.type = _MEM_OBJ_INFO;
            m.i.fd = fd;
            m.i.length = SIZE_MAX;
            if (MsgSend(MEMMGR_COID, &m, sizeof m.i, &m, sizeof m) < 1)
                return 1;
        }
        return 0;
    }
    if (!strcmp(argv[1], "fork")) {
        for (long i = 0; i < n; i++) {
            pid_t c = fork();
            if (c == 0)
                _exit(0);
            int st;
            if (c < 0 || waitpid(c, &st, 0) != c || st != 0)
                return 1;
        }
        return 0;
    }
    if (!strcmp(argv[1], "touch")) {
        size_t len = (size_t)n << 20;
        volatile char *p = mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON | MAP_LAZY,
                                NOFD, 0);
        if (p == MAP_FAILED)
            return 1;
        for (size_t off = 0; off < len; off += __PAGESIZE)
            p[off] = 1;
        return 0;
    }
    for (long i = 0; i < n; i++) {
        volatile char *p = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
        if (p == MAP_FAILED)
            return 1;
        p[0] = 1;
        if (munmap((void *)p, 4096) != 0)
            return 1;
    }
    return 0;
}
