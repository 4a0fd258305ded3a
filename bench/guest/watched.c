/* watched.c - guest side of the revealed-buffer benchmark:
 * `watched plain|reveal N`.  A loop reads one word and writes the next in
 * every 16-byte group of a 64 KiB buffer, N times over.  `reveal` first asks
 * mem_offset for the physical address of every page (as a driver does
 * before DMA), which makes the checker watch them; `plain` reveals nothing.
 * The loop's sum goes to stdout. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define BUF_SIZE (64u * 1024)

static uint32_t loop(volatile uint32_t *b, uint32_t n)
{
    uint32_t sum = 0;
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t w = 0; w < BUF_SIZE / 4; w += 4) {
            sum += b[w];
            b[w + 1] = sum;
        }
    return sum;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: watched plain|reveal N\n");
        return 2;
    }
    uint32_t n = (uint32_t)strtoul(argv[2], NULL, 0);
    uint32_t *b = mmap(NULL, BUF_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
    if (b == MAP_FAILED)
        return 1;
    memset(b, 1, BUF_SIZE);
    if (strcmp(argv[1], "plain") != 0)
        for (uint32_t off = 0; off < BUF_SIZE; off += 4096) {
            off_t pa;
            if (mem_offset((char *)b + off, NOFD, 4096, &pa, NULL) != 0)
                return 1;
        }
    printf("%u\n", (unsigned)loop(b, n));
    return 0;
}
