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

/* ARM exceptions (QEMU's EXCP_* numbers as Unicorn reports them): PC is
 * at the faulting instruction in the interrupt hook (measured for BKPT;
 * UDF stops emulation with UC_ERR_INSN_INVALID instead). */
static int arm_exception(struct proc *p, unsigned intno, uint32_t *pc, const char **what)
{
    (void)p; (void)pc;
    switch (intno) {
    case 1: *what = "undefined instruction"; return 4;    /* SIGILL */
    case 7: *what = "breakpoint (BKPT)"; return 5;        /* SIGTRAP */
    case 3: *what = "prefetch abort"; return 11;
    case 4: *what = "data abort"; return 11;
    case 5: *what = "IRQ"; return 11;
    case 6: *what = "FIQ"; return 11;
    default: *what = "unexpected exception"; return 11;
    }
}

/* Guest register for a Capstone ARM register id; false if unknown. */
static bool guest_reg(uc_engine *uc, unsigned csreg, uint32_t pc, uint32_t *v)
{
    if (csreg >= ARM_REG_R0 && csreg <= ARM_REG_R12)
        return uc_reg_read(uc, UC_ARM_REG_R0 + (int)(csreg - ARM_REG_R0), v) == UC_ERR_OK;
    switch (csreg) {
    case ARM_REG_SB: return uc_reg_read(uc, UC_ARM_REG_R9, v) == UC_ERR_OK;
    case ARM_REG_SL: return uc_reg_read(uc, UC_ARM_REG_R10, v) == UC_ERR_OK;
    case ARM_REG_FP: return uc_reg_read(uc, UC_ARM_REG_R11, v) == UC_ERR_OK;
    case ARM_REG_IP: return uc_reg_read(uc, UC_ARM_REG_R12, v) == UC_ERR_OK;
    case ARM_REG_SP: return uc_reg_read(uc, UC_ARM_REG_SP, v) == UC_ERR_OK;
    case ARM_REG_LR: return uc_reg_read(uc, UC_ARM_REG_LR, v) == UC_ERR_OK;
    case ARM_REG_PC: *v = pc + 8; return true;
    default: return false;
    }
}

/* Apply an ARM shift to an index register value. */
static uint32_t arm_shift(uint32_t v, arm_shifter type, unsigned n)
{
    switch (type) {
    case ARM_SFT_LSL: return n < 32 ? v << n : 0;
    case ARM_SFT_LSR: return n < 32 ? v >> n : 0;
    case ARM_SFT_ASR: return n < 32 ? (uint32_t)((int32_t)v >> n) : (uint32_t)((int32_t)v >> 31);
    case ARM_SFT_ROR: return n % 32 ? (v >> (n % 32)) | (v << (32 - n % 32)) : v;
    default:          return v;
    }
}

/* Effective address of an ARM load/store: base + offset (shifted index or
 * immediate); post-indexed forms access the base itself. */
static bool arm_mem_address(uc_engine *uc, const cs_insn *insn, uint32_t pc, uint32_t *ea)
{
    const cs_arm *a = &insn->detail->arm;
    for (int i = 0; i < a->op_count; i++) {
        const cs_arm_op *op = &a->operands[i];
        uint32_t base, idx = 0;
        if (op->type != ARM_OP_MEM || !guest_reg(uc, op->mem.base, pc, &base))
            continue;
        if (op->mem.index != ARM_REG_INVALID) {
            if (!guest_reg(uc, op->mem.index, pc, &idx))
                return false;
            idx = arm_shift(idx, op->shift.type, op->shift.value);
            idx = op->subtracted ? (uint32_t)-idx : idx;
        }
        bool post = a->op_count > i + 1 && a->operands[i + 1].type != ARM_OP_MEM;
        *ea = post ? base : base + (uint32_t)op->mem.disp + idx;
        return true;
    }
    return false;
}

/* See arch_ops.user_regs. */
static const int arm_user_regs[] = {
    UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3, UC_ARM_REG_R4,
    UC_ARM_REG_R5, UC_ARM_REG_R6, UC_ARM_REG_R7, UC_ARM_REG_R8, UC_ARM_REG_R9,
    UC_ARM_REG_R10, UC_ARM_REG_R11, UC_ARM_REG_R12, UC_ARM_REG_SP, UC_ARM_REG_LR,
    UC_ARM_REG_PC, UC_ARM_REG_CPSR,
};

/* CPSR first: it selects the register bank the others go to. */
static const int arm_fork_regs[] = {
    UC_ARM_REG_CPSR, UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3,
    UC_ARM_REG_R4, UC_ARM_REG_R5, UC_ARM_REG_R6, UC_ARM_REG_R7, UC_ARM_REG_R8,
    UC_ARM_REG_R9, UC_ARM_REG_R10, UC_ARM_REG_R11, UC_ARM_REG_R12, UC_ARM_REG_SP,
    UC_ARM_REG_LR, UC_ARM_REG_PC,
};

#define ARM_COMMON                                                        \
    .uc_arch = UC_ARCH_ARM, .uc_mode = UC_MODE_ARM, .big_endian = false,   \
    .svc_intno = 2, .reg_pc = UC_ARM_REG_PC, .reg_sp = UC_ARM_REG_SP, .reg_lr = UC_ARM_REG_LR,      \
    .reg_num = UC_ARM_REG_R12, .reg_ret = UC_ARM_REG_R0,                   \
    .reg_arg = { UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3, \
                 UC_ARM_REG_R4, UC_ARM_REG_R5, UC_ARM_REG_R6 },            \
    .cs_arch = CS_ARCH_ARM, .cs_mode = CS_MODE_ARM,                        \
    .init_regs = arm_init_regs, .exception = arm_exception,               \
    .data_fault = "data abort", .fetch_fault = "prefetch abort",           \
    .mem_address = arm_mem_address,                                        \
    .elf_machine = EM_ARM,                                                 \
    .fork_regs = arm_fork_regs,                                            \
    .n_fork_regs = sizeof arm_fork_regs / sizeof arm_fork_regs[0],         \
    .user_regs = arm_user_regs,                                            \
    .n_user_regs = sizeof arm_user_regs / sizeof arm_user_regs[0],         \
    .undef_insn = 0xe7f000f0u               /* UDF #0: undefined on every ARM */

const struct arch_ops arch_armv6 = { .name = "armv6", .uc_model = UC_CPU_ARM_1176, ARM_COMMON };
const struct arch_ops arch_armv7 = { .name = "armv7", .uc_model = UC_CPU_ARM_CORTEX_A9, ARM_COMMON };
const struct arch_ops arch_armv5 = { .name = "armv5", .uc_model = UC_CPU_ARM_PXA270, ARM_COMMON };
