/* loops.c - guest side of the loop benchmark: `loops alu|ldst N`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint32_t bench_alu(uint32_t n);
void bench_ldst(uint32_t n, uint32_t *buf);

static uint32_t buf[1024];

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: loops alu|ldst N\n");
        return 2;
    }
    uint32_t n = (uint32_t)strtoul(argv[2], NULL, 0);
    if (!strcmp(argv[1], "alu"))
        return (int)(bench_alu(n) & 1);
    bench_ldst(n, buf);
    return 0;
}
