/*
 * raw_loops.c - the benchmark loops on raw Unicorn (no mmsim): the same
 * machine code, the same CPU model, memory mapped directly, Unicorn's own
 * TLB.  Prints the seconds the loop took.
 *   raw_loops alu|ldst N armv5|armv6|armv7|e500|ppc600 [plain|mem-hook|mmio]
 *
 * The last argument measures the floor of a cache model that sees every
 * data access, on this Unicorn: "mem-hook" reports each access of the
 * loop's buffer to an empty memory hook, "mmio" serves the buffer from
 * host callbacks (as mmsim's shadow window does).  Neither does any
 * modelling, so no model built on either can run faster.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicorn/unicorn.h>

#include "loops.h"

struct cpu {
    const char *name;
    uc_arch     arch;
    uc_mode     mode;
    int         model;
    int         reg_n, reg_buf;
};

static const struct cpu cpus[] = {
    {"armv5", UC_ARCH_ARM, UC_MODE_ARM, UC_CPU_ARM_PXA270, UC_ARM_REG_R0, UC_ARM_REG_R1},
    {"armv6", UC_ARCH_ARM, UC_MODE_ARM, UC_CPU_ARM_1176, UC_ARM_REG_R0, UC_ARM_REG_R1},
    {"armv7", UC_ARCH_ARM, UC_MODE_ARM, UC_CPU_ARM_CORTEX_A9, UC_ARM_REG_R0, UC_ARM_REG_R1},
    {"e500", UC_ARCH_PPC, UC_MODE_PPC32 | UC_MODE_BIG_ENDIAN, UC_CPU_PPC32_E500V2_V22,
     UC_PPC_REG_3, UC_PPC_REG_4},
    {"ppc600", UC_ARCH_PPC, UC_MODE_PPC32 | UC_MODE_BIG_ENDIAN, UC_CPU_PPC32_G2,
     UC_PPC_REG_3, UC_PPC_REG_4},
};

/* The buffer behind "mmio", and how many accesses "mem-hook" saw. */
static uint32_t mmio_buf[1024];
static uint64_t hooked;

static void on_access(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
                      void *ud)
{
    (void)uc; (void)type; (void)addr; (void)size; (void)value; (void)ud;
    hooked++;
}

static uint64_t mmio_read(uc_engine *uc, uint64_t off, unsigned size, void *ud)
{
    (void)uc; (void)size; (void)ud;
    return mmio_buf[(off / 4) % 1024];
}

static void mmio_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t value, void *ud)
{
    (void)uc; (void)size; (void)ud;
    mmio_buf[(off / 4) % 1024] = (uint32_t)value;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const char *mode = argc == 5 ? argv[4] : "plain";
    if ((argc != 4 && argc != 5) || (strcmp(argv[1], "alu") && strcmp(argv[1], "ldst")) ||
        (strcmp(mode, "plain") && strcmp(mode, "mem-hook") && strcmp(mode, "mmio"))) {
        fprintf(stderr, "usage: raw_loops alu|ldst N armv5|armv6|armv7|e500|ppc600 "
                        "[plain|mem-hook|mmio]\n");
        return 2;
    }
    const struct cpu *c = NULL;
    for (size_t i = 0; i < sizeof cpus / sizeof cpus[0]; i++)
        if (!strcmp(argv[3], cpus[i].name))
            c = &cpus[i];
    if (!c) {
        fprintf(stderr, "raw_loops: unknown cpu %s\n", argv[3]);
        return 2;
    }
    int ldst = !strcmp(argv[1], "ldst");
    bool ppc = c->arch == UC_ARCH_PPC;
    const uint32_t *loop = ppc ? (ldst ? bench_ldst_ppc : bench_alu_ppc)
                               : (ldst ? bench_ldst_arm : bench_alu_arm);
    size_t size = ppc ? (ldst ? sizeof bench_ldst_ppc : sizeof bench_alu_ppc)
                      : (ldst ? sizeof bench_ldst_arm : sizeof bench_alu_arm);
    uint8_t code[64];
    for (size_t i = 0; i < size / 4; i++)
        for (int b = 0; b < 4; b++)
            code[i * 4 + b] = (uint8_t)(loop[i] >> (ppc ? 24 - 8 * b : 8 * b));
    uint32_t n = (uint32_t)strtoul(argv[2], NULL, 0);
    uc_engine *uc;
    if (uc_open(c->arch, c->mode, &uc) != UC_ERR_OK)
        return 1;
    uc_ctl_set_cpu_model(uc, c->model);
    const uint32_t base = 0x100000, data = 0x200000;
    uc_mem_map(uc, base, 0x1000, UC_PROT_ALL);
    uc_hook hook;
    if (!strcmp(mode, "mmio"))
        uc_mmio_map(uc, data, 0x1000, mmio_read, NULL, mmio_write, NULL);
    else
        uc_mem_map(uc, data, 0x1000, UC_PROT_ALL);
    if (!strcmp(mode, "mem-hook") &&
        uc_hook_add(uc, &hook, UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE, (void *)on_access, NULL,
                    data, data + 0xfff) != UC_ERR_OK)
        return 1;
    uc_mem_write(uc, base, code, size);
    uint32_t buf = data, zero = 0;
    uc_reg_write(uc, c->reg_n, &n);
    uc_reg_write(uc, c->reg_buf, ldst ? &buf : &zero);
    double t0 = now();
    uc_err e = uc_emu_start(uc, base, base + size, 0, 0);
    double t1 = now();
    if (e != UC_ERR_OK) {
        fprintf(stderr, "raw_loops: %s\n", uc_strerror(e));
        return 1;
    }
    /* The ldst loop leaves n in both words of the buffer, after 4n
     * accesses: check that the mode really served or saw them. */
    uint32_t word[2] = {0, 0};
    if (!strcmp(mode, "mmio"))
        memcpy(word, mmio_buf, sizeof word);
    else
        uc_mem_read(uc, data, word, sizeof word);
    if (ldst) {
        uint32_t w0 = word[0], w1 = word[1];
        if (ppc && strcmp(mode, "mmio")) {   /* RAM holds big-endian bytes */
            w0 = __builtin_bswap32(w0);
            w1 = __builtin_bswap32(w1);
        }
        if (w0 != n || w1 != n || (!strcmp(mode, "mem-hook") && hooked != 4ull * n)) {
            fprintf(stderr, "raw_loops: wrong result: buffer %u %u, %llu hooked accesses, n %u\n",
                    w0, w1, (unsigned long long)hooked, n);
            return 1;
        }
    }
    printf("%.6f\n", t1 - t0);
    uc_close(uc);
    return 0;
}
