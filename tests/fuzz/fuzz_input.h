/*
 * fuzz_input.h - libFuzzer harness helpers: the readers under test take
 * a path, so each input is handed over as an in-memory file
 * (/proc/self/fd/N of a memfd), and their messages go to /dev/null.
 */
#ifndef MMSIM_FUZZ_INPUT_H
#define MMSIM_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* A memfd holding data[0..n), named in *path; the fd, or -1. */
static inline int fuzz_file(const uint8_t *data, size_t n, char *path, size_t pathsz)
{
    int fd = memfd_create("fuzz-input", MFD_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t off = 0;
    while (off < n) {
        ssize_t w = write(fd, data + off, n - off);
        if (w <= 0) {
            close(fd);
            return -1;
        }
        off += (size_t)w;
    }
    snprintf(path, pathsz, "/proc/self/fd/%d", fd);
    return fd;
}

/* Where a harness sends what the code under test prints. */
static inline FILE *fuzz_sink(void)
{
    static FILE *null;
    if (!null && !(null = fopen("/dev/null", "w")))
        abort();
    return null;
}

#endif
