/*
 * arch_ppc.c - CPU glue for the PowerPC flavours: Unicorn models (e500v2,
 * G2 = 603e core), the `sc` kernel-call registers (number r0, args r3-r9,
 * result r3), user-mode start state, exception names and effective
 * addresses of loads and stores for fault reports.
 */
#include <capstone/capstone.h>
#include <elf.h>
#include <string.h>

#include "sim.h"

#define MSR_PR 0x4000u   /* problem state (user mode) */
#define MSR_FP 0x2000u   /* floating point available */

/* Enter problem state at `entry` with r1 = sp; MSR[FP] stays clear, so a
 * classic floating-point instruction is an exception, never silent. */
static int ppc_init_regs(uc_engine *uc, uint32_t entry, uint32_t sp)
{
    uint32_t msr = 0;
    if (uc_reg_read(uc, UC_PPC_REG_MSR, &msr) != UC_ERR_OK)
        return -1;
    msr = (msr | MSR_PR) & ~MSR_FP;
    uint32_t zero = 0;
    for (int r = 0; r < 32; r++)
        uc_reg_write(uc, UC_PPC_REG_0 + r, &zero);
    if (uc_reg_write(uc, UC_PPC_REG_MSR, &msr) != UC_ERR_OK ||
        uc_reg_write(uc, UC_PPC_REG_1, &sp) != UC_ERR_OK ||
        uc_reg_write(uc, UC_PPC_REG_PC, &entry) != UC_ERR_OK)
        return -1;
    return 0;
}

/* True if the instruction word at pc is a trap (tw/twi, "trap"). */
static bool is_trap(struct proc *p, uint32_t pc)
{
    uint8_t b[4];
    if (copyin(p, b, pc, sizeof b) != 0)
        return false;
    uint32_t insn = g32(p, b);
    unsigned op = insn >> 26;
    return op == 3 || (op == 31 && ((insn >> 1) & 0x3FF) == 4);
}

/* PowerPC exceptions (QEMU's POWERPC_EXCP_* numbers).  Measured: for the
 * program exception (6), the illegal-instruction case (96) and FP
 * unavailable (7), PC in the interrupt hook is one instruction past the
 * faulting one (SRR0 would hold it); refused TLB fills stop exactly at the
 * faulting instruction instead (engine.c).  FP unavailable is handled as
 * QNX does on a core with an FPU: MSR[FP] is turned on and the instruction
 * restarts; the e500 has no classic FPU, so its FP opcodes are illegal. */
static int ppc_exception(struct proc *p, unsigned intno, uint32_t *pc, const char **what)
{
    uc_engine *uc = p->sim->uc;
    uint32_t msr;
    switch (intno) {
    case 6:
        *pc -= 4;
        if (is_trap(p, *pc)) {
            *what = "program exception: trap instruction";
            return 5;                                         /* SIGTRAP */
        }
        *what = "program exception: privileged instruction";
        return 4;                                             /* SIGILL */
    case 96:
        *pc -= 4;
        *what = "program exception: illegal instruction";
        return 4;
    case 7:
        *pc -= 4;
        if (uc_reg_read(uc, UC_PPC_REG_MSR, &msr) != UC_ERR_OK || (msr & MSR_FP)) {
            *what = "floating point unavailable";
            return 4;
        }
        msr |= MSR_FP;
        uc_reg_write(uc, UC_PPC_REG_MSR, &msr);
        uc_reg_write(uc, UC_PPC_REG_PC, pc);
        return 0;
    case 5:  *what = "alignment"; return 10;                  /* SIGBUS */
    case 32: *what = "SPE/embedded floating point unavailable"; return 4;
    case 2:  *what = "data storage (DSI)"; return 11;
    case 3:  *what = "instruction storage (ISI)"; return 11;
    default: *what = "unexpected exception"; return 11;
    }
}

/* Guest GPR for a Capstone PPC register id; false if not a GPR. */
static bool guest_gpr(uc_engine *uc, unsigned csreg, uint32_t *v)
{
    if (csreg < PPC_REG_R0 || csreg > PPC_REG_R31)
        return false;
    return uc_reg_read(uc, UC_PPC_REG_0 + (int)(csreg - PPC_REG_R0), v) == UC_ERR_OK;
}

/* Effective address of a PPC load/store: D-form (rA|0) + d, or X-form
 * (rA|0) + rB for the indexed mnemonics (ending in "x"). */
static bool ppc_mem_address(uc_engine *uc, const cs_insn *insn, uint32_t pc, uint32_t *ea)
{
    (void)pc;
    const cs_ppc *a = &insn->detail->ppc;
    uint32_t ra = 0, rb = 0;
    for (int i = 0; i < a->op_count; i++) {
        const cs_ppc_op *op = &a->operands[i];
        if (op->type != PPC_OP_MEM)
            continue;
        if (op->mem.base != PPC_REG_R0 && !guest_gpr(uc, op->mem.base, &ra))
            return false;
        *ea = ra + (uint32_t)op->mem.disp;
        return true;
    }
    size_t n = strlen(insn->mnemonic);
    bool indexed = n > 1 && insn->mnemonic[n - 1] == 'x' &&
                   (insn->mnemonic[0] == 'l' || insn->mnemonic[0] == 's') && a->op_count == 3 &&
                   a->operands[1].type == PPC_OP_REG && a->operands[2].type == PPC_OP_REG;
    if (!indexed)
        return false;
    if (a->operands[1].reg != PPC_REG_R0 && !guest_gpr(uc, a->operands[1].reg, &ra))
        return false;
    if (!guest_gpr(uc, a->operands[2].reg, &rb))
        return false;
    *ea = ra + rb;
    return true;
}

/* See arch_ops.user_regs. */
static const int ppc_user_regs[] = {
    UC_PPC_REG_0, UC_PPC_REG_1, UC_PPC_REG_2, UC_PPC_REG_3, UC_PPC_REG_4, UC_PPC_REG_5,
    UC_PPC_REG_6, UC_PPC_REG_7, UC_PPC_REG_8, UC_PPC_REG_9, UC_PPC_REG_10, UC_PPC_REG_11,
    UC_PPC_REG_12, UC_PPC_REG_13, UC_PPC_REG_14, UC_PPC_REG_15, UC_PPC_REG_16,
    UC_PPC_REG_17, UC_PPC_REG_18, UC_PPC_REG_19, UC_PPC_REG_20, UC_PPC_REG_21,
    UC_PPC_REG_22, UC_PPC_REG_23, UC_PPC_REG_24, UC_PPC_REG_25, UC_PPC_REG_26,
    UC_PPC_REG_27, UC_PPC_REG_28, UC_PPC_REG_29, UC_PPC_REG_30, UC_PPC_REG_31,
    UC_PPC_REG_PC, UC_PPC_REG_MSR, UC_PPC_REG_CR, UC_PPC_REG_LR, UC_PPC_REG_CTR,
    UC_PPC_REG_XER,
};

static const int ppc_fork_regs[] = {
    UC_PPC_REG_0, UC_PPC_REG_1, UC_PPC_REG_2, UC_PPC_REG_3, UC_PPC_REG_4, UC_PPC_REG_5,
    UC_PPC_REG_6, UC_PPC_REG_7, UC_PPC_REG_8, UC_PPC_REG_9, UC_PPC_REG_10, UC_PPC_REG_11,
    UC_PPC_REG_12, UC_PPC_REG_13, UC_PPC_REG_14, UC_PPC_REG_15, UC_PPC_REG_16,
    UC_PPC_REG_17, UC_PPC_REG_18, UC_PPC_REG_19, UC_PPC_REG_20, UC_PPC_REG_21,
    UC_PPC_REG_22, UC_PPC_REG_23, UC_PPC_REG_24, UC_PPC_REG_25, UC_PPC_REG_26,
    UC_PPC_REG_27, UC_PPC_REG_28, UC_PPC_REG_29, UC_PPC_REG_30, UC_PPC_REG_31,
    UC_PPC_REG_PC, UC_PPC_REG_LR, UC_PPC_REG_CTR, UC_PPC_REG_XER, UC_PPC_REG_CR,
};

#define PPC_COMMON                                                            \
    .uc_arch = UC_ARCH_PPC, .uc_mode = UC_MODE_PPC32, .big_endian = true,      \
    .svc_intno = 8, .reg_pc = UC_PPC_REG_PC, .reg_sp = UC_PPC_REG_1, .reg_lr = UC_PPC_REG_LR,           \
    .reg_num = UC_PPC_REG_0, .reg_ret = UC_PPC_REG_3,                          \
    .reg_arg = { UC_PPC_REG_3, UC_PPC_REG_4, UC_PPC_REG_5, UC_PPC_REG_6,       \
                 UC_PPC_REG_7, UC_PPC_REG_8, UC_PPC_REG_9 },                   \
    .cs_arch = CS_ARCH_PPC, .cs_mode = CS_MODE_32,                             \
    .init_regs = ppc_init_regs, .exception = ppc_exception,                    \
    .data_fault = "DSI", .fetch_fault = "ISI",                                 \
    .mem_address = ppc_mem_address, .elf_machine = EM_PPC,                     \
    .fork_regs = ppc_fork_regs,                                                \
    .n_fork_regs = sizeof ppc_fork_regs / sizeof ppc_fork_regs[0],             \
    .user_regs = ppc_user_regs,                                                \
    .n_user_regs = sizeof ppc_user_regs / sizeof ppc_user_regs[0],             \
    .undef_insn = 0                         /* primary opcode 0: illegal */

const struct arch_ops arch_e500 = { .name = "e500", .uc_model = UC_CPU_PPC32_E500V2_V22, PPC_COMMON };
const struct arch_ops arch_ppc600 = { .name = "ppc600", .uc_model = UC_CPU_PPC32_G2, PPC_COMMON };
