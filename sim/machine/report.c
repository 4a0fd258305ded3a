/*
 * report.c - the report printed when a guest is killed: signal, fault
 * kind, PC with the Capstone disassembly of the faulting instruction,
 * virtual address, the page-table entry involved and the mapping.  The
 * same facts go into a "fault" trace record.
 */
#include <capstone/capstone.h>
#include <inttypes.h>
#include <string.h>

#include "sim.h"
#include "trace.h"

/* QNX signal numbers. */
static const char *sig_name(int sig)
{
    switch (sig) {
    case 1:  return "SIGHUP";
    case 2:  return "SIGINT";
    case 3:  return "SIGQUIT";
    case 6:  return "SIGABRT";
    case 8:  return "SIGFPE";
    case 13: return "SIGPIPE";
    case 14: return "SIGALRM";
    case 15: return "SIGTERM";
    case 16: return "SIGUSR1";
    case 17: return "SIGUSR2";
    case 4:  return "SIGILL";
    case 5:  return "SIGTRAP";
    case 9:  return "SIGKILL";
    case 10: return "SIGBUS";
    case 11: return "SIGSEGV";
    default: return "SIG?";
    }
}

static const char *access_name(unsigned a)
{
    return a == PT_W ? "write" : a == PT_X ? "instruction fetch" : "read";
}

/* One-line fault kind for the report and the trace. */
static const char *kind_text(enum mm_fault_kind k)
{
    switch (k) {
    case MMF_UNMAPPED:   return "translation fault (address not mapped)";
    case MMF_PROTECTION: return "permission fault (the mapping forbids this access)";
    case MMF_PAST_END:   return "past object end (page beyond the end of the mapped object)";
    case MMF_NOMEM:      return "out of memory (no frame for a lazy page)";
    default:             return "resolved";
    }
}

void report_disasm(struct proc *p, uint32_t va, char *buf, size_t n)
{
    const struct arch_ops *a = p->sim->arch;
    uint8_t code[4];
    snprintf(buf, n, "<not readable>");
    if (copyin(p, code, va, sizeof code) != 0)
        return;
    csh h;
    cs_mode mode = (cs_mode)a->cs_mode | (a->big_endian ? CS_MODE_BIG_ENDIAN : CS_MODE_LITTLE_ENDIAN);
    if (cs_open((cs_arch)a->cs_arch, mode, &h) != CS_ERR_OK)
        return;
    cs_insn *insn;
    size_t cnt = cs_disasm(h, code, sizeof code, va, 1, &insn);
    if (cnt > 0) {
        snprintf(buf, n, "%s%s%s", insn[0].mnemonic, insn[0].op_str[0] ? " " : "", insn[0].op_str);
        cs_free(insn, cnt);
    } else {
        snprintf(buf, n, "<undecodable %02x%02x%02x%02x>", code[0], code[1], code[2], code[3]);
    }
    cs_close(&h);
}

/* Exact faulting address.  The TLB-fill hook only sees the page of an
 * access, so the report computes the faulting load/store's effective
 * address from its operands and the registers (the aborted instruction has
 * not updated them), as a DFAR/DEAR would hold it; used when it falls in
 * the page Unicorn reported, else the page address itself. */
static uint32_t exact_fault_va(struct proc *p, uint32_t pc, const struct fault_info *f)
{
    const struct arch_ops *a = p->sim->arch;
    if (f->access == PT_X)
        return pc;
    uint8_t code[4];
    csh h;
    cs_mode mode = (cs_mode)a->cs_mode | (a->big_endian ? CS_MODE_BIG_ENDIAN : CS_MODE_LITTLE_ENDIAN);
    if (copyin(p, code, pc, sizeof code) != 0 || cs_open((cs_arch)a->cs_arch, mode, &h) != CS_ERR_OK)
        return f->va;
    cs_option(h, CS_OPT_DETAIL, CS_OPT_ON);
    cs_insn *insn;
    uint32_t ea, va = f->va;
    size_t cnt = cs_disasm(h, code, sizeof code, pc, 1, &insn);
    /* Unicorn's page may be smaller than ours (1 KiB on ARM): compare 1 KiB. */
    if (cnt == 1 && a->mem_address(p->sim->uc, &insn[0], pc, &ea) && (ea & ~0x3ffu) == (f->va & ~0x3ffu))
        va = ea;
    if (cnt)
        cs_free(insn, cnt);
    cs_close(&h);
    return va;
}

uint32_t report_fault_addr(struct proc *p, uint32_t pc)
{
    return exact_fault_va(p, pc, &p->fault);
}

/* The page-table entry involved, as text. */
static void pte_text(struct proc *p, const struct pt_walk *w, char *buf, size_t n)
{
    enum mmsim_cpu cpu = p->sim->o.cpu;
    char d[160];
    const char *what;
    switch (w->status) {
    case PTW_OK:
        pt_describe(cpu, w->raw, d, sizeof d);
        what = d;
        break;
    case PTW_FAULT_L1:
        what = "fault: no next-level table";
        break;
    case PTW_FAULT_L2:
        what = cpu == CPU_PPC600 ? "fault: no PTE in either PTEG" : "fault: no page";
        break;
    default:
        what = "corrupt: table outside RAM";
    }
    snprintf(buf, n, "%s @0x%08" PRIx64 " = 0x%08" PRIx64 " (%s)", pt_entry_name(cpu, w->level),
             w->raw_pa, w->raw, what);
}

/* The mapping around va, as text. */
static void map_text(struct proc *p, uint32_t va, char *buf, size_t n)
{
    struct mm_map_info mi;
    if (mm_lookup(p->mm, va, &mi) != 0) {
        snprintf(buf, n, "none");
        return;
    }
    snprintf(buf, n, "0x%08x-0x%08x prot=%s%s%s%s flags=0x%x object size 0x%" PRIx64
             " (offset 0x%" PRIx64 " at this address)",
             mi.start, mi.start + mi.len, mi.prot & MM_PROT_READ ? "r" : "-",
             mi.prot & MM_PROT_WRITE ? "w" : "-", mi.prot & MM_PROT_EXEC ? "x" : "-",
             mi.prot & MM_PROT_NOCACHE ? " nocache" : "", (unsigned)mi.flags, mi.objsize,
             mi.objoff + (va - mi.start));
}

void report_fault(struct proc *p, FILE *out)
{
    struct sim *s = p->sim;
    uint32_t pc = p->trap_pc;
    if (!p->trap_pc_valid)
        uc_reg_read(p->sim->uc, s->arch->reg_pc, &pc);
    char dis[96], pte[256], map[256];
    report_disasm(p, pc, dis, sizeof dis);

    fprintf(out, "mmsim: process %u killed by %s (signal %d)\n", p->pid, sig_name(p->signal),
            p->signal);
    trace_begin(s->trace, "fault");
    trace_uint(s->trace, "pid", p->pid);
    trace_str(s->trace, "signal", sig_name(p->signal));
    trace_hex(s->trace, "pc", pc);
    trace_str(s->trace, "insn", dis);
    if (p->fault.pending) {
        const struct fault_info *f = &p->fault;
        uint32_t va = exact_fault_va(p, pc, f);
        pte_text(p, &f->walk, pte, sizeof pte);
        map_text(p, va, map, sizeof map);
        fprintf(out, "  fault:   %s [%s]\n", kind_text(f->kind),
                f->access == PT_X ? s->arch->fetch_fault : s->arch->data_fault);
        if (p->fault_note[0])                /* why, where the kind alone does not say */
            fprintf(out, "  why:     %s\n", p->fault_note);
        fprintf(out, "  access:  %s at virtual address 0x%08x\n", access_name(f->access), va);
        fprintf(out, "  pc:      0x%08x  %s\n", pc, dis);
        fprintf(out, "  pte:     %s\n", pte);
        fprintf(out, "  mapping: %s\n", map);
        trace_str(s->trace, "kind", kind_text(f->kind));
        if (p->fault_note[0])
            trace_str(s->trace, "why", p->fault_note);
        trace_str(s->trace, "access", access_name(f->access));
        trace_hex(s->trace, "va", va);
        trace_hex(s->trace, "pte_pa", f->walk.raw_pa);
        trace_hex(s->trace, "pte", f->walk.raw);
        trace_str(s->trace, "pte_decoded", pte);
    } else {
        fprintf(out, "  fault:   %s\n", p->fault_note);
        fprintf(out, "  pc:      0x%08x  %s\n", pc, dis);
        trace_str(s->trace, "kind", p->fault_note);
    }
    trace_end(s->trace);
}
