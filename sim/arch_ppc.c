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

/* Names of QEMU's POWERPC_EXCP_* numbers as Unicorn reports them. */
static const char *ppc_intr_name(unsigned intno)
{
    switch (intno) {
    case 0:  return "critical input";
    case 1:  return "machine check";
    case 2:  return "data storage (DSI)";
    case 3:  return "instruction storage (ISI)";
    case 4:  return "external interrupt";
    case 5:  return "alignment";
    case 6:  return "program (illegal or privileged instruction, trap)";
    case 7:  return "floating point unavailable";
    case 8:  return "system call";
    case 9:  return "auxiliary processor unavailable";
    case 10: return "decrementer";
    case 13: return "data TLB error";
    case 14: return "instruction TLB error";
    case 15: return "debug";
    case 32: return "SPE/embedded floating point unavailable";
    default: return "unknown exception";
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

#define PPC_COMMON                                                            \
    .uc_arch = UC_ARCH_PPC, .uc_mode = UC_MODE_PPC32, .big_endian = true,      \
    .svc_intno = 8, .reg_pc = UC_PPC_REG_PC, .reg_sp = UC_PPC_REG_1,           \
    .reg_num = UC_PPC_REG_0, .reg_ret = UC_PPC_REG_3,                          \
    .reg_arg = { UC_PPC_REG_3, UC_PPC_REG_4, UC_PPC_REG_5, UC_PPC_REG_6,       \
                 UC_PPC_REG_7, UC_PPC_REG_8, UC_PPC_REG_9 },                   \
    .cs_arch = CS_ARCH_PPC, .cs_mode = CS_MODE_32,                             \
    .init_regs = ppc_init_regs, .intr_name = ppc_intr_name,                    \
    .mem_address = ppc_mem_address, .elf_machine = EM_PPC

const struct arch_ops arch_e500 = { .name = "e500", .uc_model = UC_CPU_PPC32_E500V2_V22, PPC_COMMON };
const struct arch_ops arch_ppc600 = { .name = "ppc600", .uc_model = UC_CPU_PPC32_G2, PPC_COMMON };
