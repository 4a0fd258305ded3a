/*
 * arch_arm.c - CPU glue for the ARM flavours: Unicorn models, the `svc #0`
 * kernel-call registers (number r12, args r0-r6, result r0), user-mode
 * start state and exception names.
 */
#include <capstone/capstone.h>
#include <elf.h>

#include "sim.h"

/* Enter user mode (CPSR.M = 0b10000, ARM state) at `entry` with `sp`. */
static int arm_init_regs(uc_engine *uc, uint32_t entry, uint32_t sp)
{
    uint32_t cpsr;
    if (uc_reg_read(uc, UC_ARM_REG_CPSR, &cpsr) != UC_ERR_OK)
        return -1;
    cpsr = (cpsr & ~0x3fu) | 0x10u;   /* user mode, ARM state, IRQ/FIQ as is */
    if (uc_reg_write(uc, UC_ARM_REG_CPSR, &cpsr) != UC_ERR_OK ||
        uc_reg_write(uc, UC_ARM_REG_SP, &sp) != UC_ERR_OK ||
        uc_reg_write(uc, UC_ARM_REG_PC, &entry) != UC_ERR_OK)
        return -1;
    return 0;
}

/* Names of QEMU's ARM exception numbers as Unicorn reports them. */
static const char *arm_intr_name(unsigned intno)
{
    switch (intno) {
    case 1: return "undefined instruction";
    case 2: return "supervisor call";
    case 3: return "prefetch abort";
    case 4: return "data abort";
    case 5: return "IRQ";
    case 6: return "FIQ";
    case 7: return "breakpoint";
    case 8: return "exception exit";
    case 9: return "kernel trap";
    default: return "unknown exception";
    }
}

#define ARM_COMMON                                                        \
    .uc_arch = UC_ARCH_ARM, .uc_mode = UC_MODE_ARM, .big_endian = false,   \
    .svc_intno = 2, .reg_pc = UC_ARM_REG_PC, .reg_sp = UC_ARM_REG_SP,      \
    .reg_num = UC_ARM_REG_R12, .reg_ret = UC_ARM_REG_R0,                   \
    .reg_arg = { UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3, \
                 UC_ARM_REG_R4, UC_ARM_REG_R5, UC_ARM_REG_R6 },            \
    .cs_arch = CS_ARCH_ARM, .cs_mode = CS_MODE_ARM,                        \
    .init_regs = arm_init_regs, .intr_name = arm_intr_name,                \
    .elf_machine = EM_ARM

const struct arch_ops arch_armv6 = { .name = "armv6", .uc_model = UC_CPU_ARM_1176, ARM_COMMON };
const struct arch_ops arch_armv7 = { .name = "armv7", .uc_model = UC_CPU_ARM_CORTEX_A9, ARM_COMMON };
const struct arch_ops arch_armv5 = { .name = "armv5", .uc_model = UC_CPU_ARM_PXA270, ARM_COMMON };
