/*
 * raw_loops.c - the benchmark loops on raw Unicorn (no mmsim): the same
 * ARM machine code, the same CPU model, memory mapped directly, Unicorn's
 * own TLB.  Prints the seconds the loop took.
 *   raw_loops alu|ldst N [armv6|armv7]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicorn/unicorn.h>

#include "loops_arm.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: raw_loops alu|ldst N [armv6|armv7]\n");
        return 2;
    }
    int ldst = !strcmp(argv[1], "ldst");
    uint32_t n = (uint32_t)strtoul(argv[2], NULL, 0);
    int model = (argc > 3 && !strcmp(argv[3], "armv6")) ? UC_CPU_ARM_1176 : UC_CPU_ARM_CORTEX_A9;
    uc_engine *uc;
    if (uc_open(UC_ARCH_ARM, UC_MODE_ARM, &uc) != UC_ERR_OK)
        return 1;
    uc_ctl_set_cpu_model(uc, model);
    const uint32_t code = 0x100000, data = 0x200000;
    uc_mem_map(uc, code, 0x1000, UC_PROT_ALL);
    uc_mem_map(uc, data, 0x1000, UC_PROT_ALL);
    const uint32_t *loop = ldst ? bench_ldst_arm : bench_alu_arm;
    size_t size = ldst ? sizeof bench_ldst_arm : sizeof bench_alu_arm;
    uc_mem_write(uc, code, loop, size);
    uint32_t r0 = n, r1 = ldst ? data : 0;
    uc_reg_write(uc, UC_ARM_REG_R0, &r0);
    uc_reg_write(uc, UC_ARM_REG_R1, &r1);
    double t0 = now();
    uc_err e = uc_emu_start(uc, code, code + size, 0, 0);
    double t1 = now();
    if (e != UC_ERR_OK) {
        fprintf(stderr, "raw_loops: %s\n", uc_strerror(e));
        return 1;
    }
    printf("%.6f\n", t1 - t0);
    uc_close(uc);
    return 0;
}
