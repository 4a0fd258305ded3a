/*
 * engine.c - the machine's CPU: one Unicorn engine for every process.
 *
 * RAM banks are mapped once at their physical addresses and Unicorn runs in
 * UC_TLB_VIRTUAL mode: every TLB miss comes to on_tlb_fill(), which walks
 * the loaded process's page table in simulated RAM (the walker is the TLB).
 * A context switch (engine_load) saves and restores registers as
 * uc_contexts and, between processes, flushes the TLB: translated code is
 * found by physical address, so processes running the same program share
 * it, and a process costs its contexts, not an engine.  Lazy
 * pages and copy-on-write are resolved there without leaving emulation; a
 * refused fill stops emulation with PC at the faulting instruction.
 * Kernel calls are served inside the interrupt hook.  No hook runs on the
 * per-instruction path unless --max-insns asks for an exact count, or the
 * checker routes pages through the shadow window (then an instruction hook
 * keeps the PC exact for reports and clocks the devices).
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "mmtrace.h"
#include "sim.h"
#include "trace.h"

/* uc_emu_start's `until`: in kernel space, never a user address.  After a
 * run Unicorn looks up the translation block at `until` to drop its stop
 * marker; that lookup goes through the TLB-fill hook, so the hook answers
 * it with frame 0 (reserved, never allocated) instead of a fault.  A guest
 * that jumps into that page executes frame 0, which holds nothing but
 * undefined instructions: it traps at once, at the address it jumped to,
 * and is given SIGSEGV as for any fetch from kernel space. */
#define RUN_UNTIL      0xFFFFFFFCu
#define RUN_UNTIL_PAGE 0xFFFFF000u

/* Unicorn access type -> PT_R/PT_W/PT_X. */
static unsigned access_of(uc_mem_type type)
{
    switch (type) {
    case UC_MEM_WRITE: case UC_MEM_WRITE_UNMAPPED: case UC_MEM_WRITE_PROT:
        return PT_W;
    case UC_MEM_FETCH: case UC_MEM_FETCH_UNMAPPED: case UC_MEM_FETCH_PROT:
        return PT_X;
    default:
        return PT_R;
    }
}

void engine_init_kernel_page(struct sim *s)
{
    for (uint32_t off = 0; off < MMSIM_PAGE_SIZE; off += 4)
        (void)phys_write32(&s->phys, off, s->arch->big_endian, s->arch->undef_insn);
}

/* Whether pc lies in the kernel page (see RUN_UNTIL). */
static bool in_kernel_page(uint32_t pc)
{
    return (pc & ~(uint32_t)MMSIM_PAGE_MASK) == RUN_UNTIL_PAGE;
}

/* Record a refused access for the fault report. */
static void note_fault(struct proc *p, uint32_t va, unsigned access,
                       enum mm_fault_kind kind, const struct pt_walk *w)
{
    p->fault.pending = true;
    p->fault.va = va;
    p->fault.access = access;
    p->fault.kind = kind;
    p->fault.walk = *w;
}

/* A fill refused: note it, and tell the checker about refused fetches. */
static bool refuse(struct proc *p, uint32_t va, unsigned access, enum mm_fault_kind kind,
                   const struct pt_walk *w)
{
    note_fault(p, va, access, kind, w);
    if (access == PT_X && w->status == PTW_OK)
        p->sim->mem->fetch_refused(p, va, &w->d);
    return false;
}

/* Fill Unicorn's entry for a translated page: where it points is the
 * memory system's choice (RAM directly, or a shadow-window slot). */
static void place_entry(struct proc *p, uint32_t va, const struct pt_walk *w, unsigned access,
                        unsigned perms, uc_tlb_entry *e)
{
    e->paddr = p->sim->mem->place(p, va, w, access, &perms);
    e->perms = (perms & PT_R ? UC_PROT_READ : 0) | (perms & PT_W ? UC_PROT_WRITE : 0) |
               (perms & PT_X ? UC_PROT_EXEC : 0);
}

/* TLB miss: translate through the page table, resolving lazy and COW
 * faults via the memory manager.  Write permission is granted only to a
 * write access, so the first store to a page is seen (dirty tracking). */
static bool on_tlb_fill(uc_engine *uc, uint64_t vaddr, uc_mem_type type,
                        uc_tlb_entry *e, void *ud)
{
    (void)uc;
    struct proc *p = ((struct sim *)ud)->as_proc;
    struct pt *pt = mm_proc_pt(p->mm);
    uint32_t va = (uint32_t)vaddr;
    unsigned access = access_of(type);
    struct pt_walk w;
    p->tlb_fills++;

    if ((va & ~(uint32_t)MMSIM_PAGE_MASK) == RUN_UNTIL_PAGE && access == PT_X) {
        e->paddr = va & MMSIM_PAGE_MASK;
        e->perms = UC_PROT_EXEC;
        return true;
    }
    pt_fill(pt, va, access, &w);
    if (w.status != PTW_OK || !(w.d.uprot & access)) {
        enum mm_fault_kind k = tm_fault(p, va, access);
        if (k != MMF_RESOLVED)
            return refuse(p, va, access, k, &w);
        /* The flush flag stays set if the fault changed a valid entry (a
         * COW copy, or a PPC 600 HTAB eviction of another page): the next
         * engine_sync_tlb flushes, before any munmap/mprotect could leave
         * a stale translation behind. */
        p->faults_resolved++;
        pt_fill(pt, va, access, &w);
        if (w.status != PTW_OK || !(w.d.uprot & access))
            return refuse(p, va, access, MMF_PROTECTION, &w);
    }
    if (access == PT_X && phys_kind(&p->sim->phys, w.pa & ~(paddr_t)MMSIM_PAGE_MASK,
                                    MMSIM_PAGE_SIZE) == PHYS_DEVICE) {
        snprintf(p->fault_note, sizeof p->fault_note,
                 "instruction fetch from device memory (physical 0x%08llx): a device's "
                 "registers hold no code", (unsigned long long)w.pa);
        note_fault(p, va, access, MMF_PROTECTION, &w);   /* not an XN/guard matter */
        return false;
    }
    unsigned perms = w.d.uprot;
    if (access != PT_W)
        perms &= ~PT_W;
    place_entry(p, va, &w, access, perms, e);
    if (access == PT_X)           /* translated code will come from this frame */
        (void)frames_mark(&p->sim->frames, w.pa);
    return true;
}

/* Translated code is found by physical address, and RAM written by mmsim
 * itself (the loader, a copyout, a DMA) bypasses Unicorn's tracking of
 * code pages: once a frame code was translated from is freed (and may be
 * reused for other code), every translation goes.  Between instructions
 * only (a slice's start, a kernel call). */
static void sync_code(struct sim *s)
{
    if (s->frames.marked_freed != s->code_freed_seen) {
        s->code_freed_seen = s->frames.marked_freed;
        uc_ctl_flush_tb(s->uc);
        s->tb_flushes++;
    }
}

/* Kill the process with `sig`; the run loop prints the report. */
static void kill_proc(struct proc *p, int sig)
{
    p->state = PROC_KILLED;
    p->signal = sig;
    p->exit_status = 128 + sig;
    uc_emu_stop(p->sim->uc);
}

/* Trap hook: kernel calls, or any other exception kills the process. */
static void on_intr(uc_engine *uc, uint32_t intno, void *ud)
{
    struct proc *p = ((struct sim *)ud)->as_proc;
    const struct arch_ops *a = p->sim->arch;
    if (intno == a->svc_intno) {
        uint32_t pc = 0;
        uc_reg_read(uc, a->reg_pc, &pc);
        p->kcall_pc = pc - 4;         /* svc and sc: PC is past the 4-byte trap */
        p->in_kcall = true;
        p->sim->kernel->dispatch(p);
        p->in_kcall = false;
        if (p->state != PROC_RUNNING) {
            uc_emu_stop(uc);
        } else {
            engine_sync_tlb(p);
            sync_code(p->sim);
            p->sim->mem->after_kcall(p);
            if (p->sim->resched)          /* blocked, yielded, thread exit */
                uc_emu_stop(uc);
        }
        return;
    }
    uint32_t pc = 0;
    const char *what = "exception";
    uc_reg_read(uc, a->reg_pc, &pc);
    int sig = a->exception(p, intno, &pc, &what);
    if (sig == 0)
        return;
    if (in_kernel_page(pc)) {           /* the guest jumped into kernel space */
        sig = 11;
        what = "instruction fetch from kernel space";
    }
    /* A handler: the frame records the faulting instruction (every
     * exception's first si_code is 1: ILL_ILLOPC, TRAP_BRKPT, BUS_ADRALN,
     * SEGV_MAPERR); the handler runs from here. */
    uc_reg_write(uc, a->reg_pc, &pc);
    if (p->sim->kernel->fault(p, sig, 1, pc))
        return;
    if (in_kernel_page(pc))
        snprintf(p->fault_note, sizeof p->fault_note, "%s at 0x%08x", what, pc);
    else
        snprintf(p->fault_note, sizeof p->fault_note, "%s (exception %u) at pc 0x%08x", what, intno, pc);
    p->trap_pc = pc;
    p->trap_pc_valid = true;
    kill_proc(p, sig);
}

/* A translated physical address that has no RAM or device behind it. */
static bool on_unmapped(uc_engine *uc, uc_mem_type type, uint64_t addr, int size,
                        int64_t value, void *ud)
{
    (void)uc; (void)value;
    struct proc *p = ((struct sim *)ud)->as_proc;
    snprintf(p->fault_note, sizeof p->fault_note,
             "bus error: %s of %d bytes at physical 0x%08llx (nothing there)",
             access_of(type) == PT_W ? "write" : access_of(type) == PT_X ? "fetch" : "read",
             size, (unsigned long long)addr);
    kill_proc(p, 10 /* SIGBUS (QNX) */);
    return false;
}

/* Whether the host would give us `size` more bytes of address space now.
 * Unicorn exits the whole process when it cannot allocate an engine's
 * translation buffer, so engine_create asks first (under `ulimit -v` or
 * memory pressure the guest's fork then fails with ENOMEM instead). */
static bool host_can_map(size_t size)
{
    void *m = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED)
        return false;
    munmap(m, size);
    return true;
}

/* Unicorn's translated-code buffer.  Its default (1 GiB) is touched whole
 * the first time the translation cache is flushed (an instruction hook
 * going on, as the checker and devices need), which cost a gigabyte of
 * host memory and seconds of page faults; guest programs here are small,
 * and a full buffer only means a flush. */
#define ENGINE_TB_SIZE (8u << 20)

bool engine_budget_full(const struct sim *s)
{
    return s->o.max_host_mem &&
           s->o.ram + ENGINE_HOST_COST + (s->charged + 1) * PROC_HOST_COST > s->o.max_host_mem;
}

/* Open the engine: RAM mapped, TLB in the page-table walker's hands, the
 * hooks, the memory system's shadow window.  0 or -errno. */
static int engine_open(struct sim *s)
{
    const struct arch_ops *a = s->arch;
    if (!host_can_map(ENGINE_HOST_COST))
        return -ENOMEM;
    if (uc_open(a->uc_arch, a->uc_mode | (a->big_endian ? UC_MODE_BIG_ENDIAN : 0), &s->uc) != UC_ERR_OK)
        return -ENOMEM;
    if (uc_ctl_set_cpu_model(s->uc, a->uc_model) != UC_ERR_OK ||
        uc_ctl_set_tcg_buffer_size(s->uc, ENGINE_TB_SIZE) != UC_ERR_OK)
        goto fail;
    for (int i = 0; i < s->phys.nbanks; i++) {
        const struct phys_bank *b = &s->phys.bank[i];
        if (uc_mem_map_ptr(s->uc, b->base, b->size, UC_PROT_ALL, b->host) != UC_ERR_OK)
            goto fail;
    }
    if (s->mem->attach(s) != 0)
        goto fail;
    if (uc_ctl_tlb_mode(s->uc, UC_TLB_VIRTUAL) != UC_ERR_OK ||
        uc_hook_add(s->uc, &s->h_tlb, UC_HOOK_TLB_FILL, (void *)on_tlb_fill, s, 1, 0) != UC_ERR_OK ||
        uc_hook_add(s->uc, &s->h_intr, UC_HOOK_INTR, (void *)on_intr, s, 1, 0) != UC_ERR_OK ||
        uc_hook_add(s->uc, &s->h_invalid, UC_HOOK_MEM_UNMAPPED, (void *)on_unmapped, s, 1, 0) != UC_ERR_OK ||
        uc_context_alloc(s->uc, &s->ctx0) != UC_ERR_OK || uc_context_save(s->uc, s->ctx0) != UC_ERR_OK)
        goto fail;
    if (s->o.cache_full)
        engine_exact_pc(s);
    return 0;
fail:
    engine_close(s);
    return -EINVAL;
}

void engine_close(struct sim *s)
{
    if (!s->uc)
        return;
    s->mem->detach(s);
    if (s->ctx0)
        uc_context_free(s->ctx0);
    uc_close(s->uc);
    s->uc = NULL;
    s->ctx0 = NULL;
    s->h_code = 0;
    s->loaded = NULL;
    s->as_proc = NULL;
}

int engine_create(struct proc *p)
{
    struct sim *s = p->sim;
    if (engine_budget_full(s))
        return -ENOMEM;
    if (!s->uc) {
        int rc = engine_open(s);
        if (rc)
            return rc;
    }
    p->charged = true;
    s->charged++;
    return 0;
}

void engine_destroy(struct proc *p)
{
    struct sim *s = p->sim;
    if (!p->charged)
        return;
    s->mem->release(p);
    if (s->loaded && s->loaded->p == p)
        s->loaded = NULL;
    if (s->as_proc == p)
        s->as_proc = NULL;
    p->charged = false;
    s->charged--;
}

void engine_forget(struct thread *t)
{
    if (t->p->sim->loaded == t)
        t->p->sim->loaded = NULL;
}

int engine_load(struct thread *t)
{
    struct proc *p = t->p;
    struct sim *s = p->sim;
    if (s->loaded != t) {
        if (s->loaded && uc_context_save(s->uc, s->loaded->ctx) != UC_ERR_OK)
            return -EIO;
        if (uc_context_restore(s->uc, t->ctx) != UC_ERR_OK)
            return -EIO;
        s->loaded = t;
    }
    p->last = t;
    if (s->as_proc != p) {
        /* the TLB held another address space: a process switch */
        if (s->as_proc)
            s->switches++;
        s->as_proc = p;
        uc_ctl_flush_tlb(s->uc);
        pt_take_flush(mm_proc_pt(p->mm));
    }
    return 0;
}

/* The loaded thread's registers saved into its context; `from` (NULL:
 * those same registers) into the engine, edit applied, the engine saved
 * into `to` (NULL: not saved); the loaded thread's registers back.
 * 0 or -EIO. */
static int edit_context(struct sim *s, uc_context *from, uc_context *to,
                        int (*edit)(uc_engine *uc, void *arg), void *arg)
{
    struct thread *cur = s->loaded;
    if (cur && uc_context_save(s->uc, cur->ctx) != UC_ERR_OK)
        return -EIO;
    int rc = (!from || uc_context_restore(s->uc, from) == UC_ERR_OK) && edit(s->uc, arg) == 0 &&
             (!to || uc_context_save(s->uc, to) == UC_ERR_OK) ? 0 : -EIO;
    if (cur && uc_context_restore(s->uc, cur->ctx) != UC_ERR_OK)
        rc = -EIO;
    return rc;
}

int engine_make_context(struct sim *s, struct thread *t, bool fresh,
                        int (*edit)(uc_engine *uc, void *arg), void *arg)
{
    return edit_context(s, fresh || !s->loaded ? s->ctx0 : NULL, t->ctx, edit, arg);
}

/* One register read or written (engine_thread_reg's edit). */
struct reg_access { int reg; uint32_t *v; bool write; };

static int access_reg(uc_engine *uc, void *arg)
{
    struct reg_access *r = arg;
    uc_err e = r->write ? uc_reg_write(uc, r->reg, r->v) : uc_reg_read(uc, r->reg, r->v);
    return e == UC_ERR_OK ? 0 : -1;
}

int engine_thread_reg(struct thread *t, int reg, uint32_t *v, bool write)
{
    struct sim *s = t->p->sim;
    struct reg_access r = { reg, v, write };
    if (!s->uc)
        return -EIO;
    if (s->loaded == t)
        return access_reg(s->uc, &r) == 0 ? 0 : -EIO;
    return edit_context(s, t->ctx, write ? t->ctx : NULL, access_reg, &r);
}

/* Instruction hook: the exact PC, and the devices' clock. */
static void on_code(uc_engine *uc, uint64_t addr, uint32_t size, void *ud)
{
    (void)uc; (void)size;
    struct sim *s = ud;
    s->exec_pc = (uint32_t)addr;
    if (s->devices_ticking)
        s->mem->tick(s->as_proc);
}

void engine_exact_pc(struct sim *s)
{
    if (s->h_code || !s->uc)
        return;
    if (uc_hook_add(s->uc, &s->h_code, UC_HOOK_CODE, (void *)on_code, s, 1, 0) != UC_ERR_OK) {
        s->h_code = 0;
        return;
    }
    uc_ctl_flush_tb(s->uc);       /* retranslate with the hook in place */
}

uint32_t proc_pc(struct proc *p)
{
    struct sim *s = p->sim;
    uint32_t pc = 0;
    if (p->in_kcall)
        return p->kcall_pc;
    if (s->h_code)
        return s->exec_pc;
    if (s->uc)
        uc_reg_read(s->uc, s->arch->reg_pc, &pc);
    return pc;
}

/* Flush the TLB if p's page table asks for it.  A process whose
 * translations the TLB does not hold only loses the request: switching
 * to it flushes anyway. */
void engine_sync_tlb(struct proc *p)
{
    struct sim *s = p->sim;
    if (pt_take_flush(mm_proc_pt(p->mm)) && s->as_proc == p) {
        uc_ctl_flush_tlb(s->uc);
        p->tlb_flushes++;
    }
}

/* Signal for a refused access, from the memory manager's verdict. */
static int fault_signal(enum mm_fault_kind k)
{
    return (k == MMF_PAST_END || k == MMF_NOMEM) ? 10 /* SIGBUS */ : 11 /* SIGSEGV */;
}

void engine_kill(struct proc *p, int sig, const char *note)
{
    snprintf(p->fault_note, sizeof p->fault_note, "%s", note);
    p->state = PROC_KILLED;
    p->signal = sig;
    p->exit_status = 128 + sig;
}

/* si_code of a refused access (QNX values: SEGV_MAPERR 1, SEGV_ACCERR 2,
 * BUS_ADRERR 2; past the end of an object is BUS_ADRERR, as on Linux). */
static int fault_code(enum mm_fault_kind k)
{
    return k == MMF_PROTECTION || k == MMF_PAST_END || k == MMF_NOMEM ? 2 : 1;
}

/* A synchronous fault at pc: a frame for the handler if p has one. */
static bool fault_to_handler(struct proc *p, int sig, int code, uint32_t addr)
{
    if (!p->sim->kernel->fault(p, sig, code, addr))
        return false;
    p->fault.pending = false;
    p->fault_note[0] = 0;
    p->trap_pc_valid = false;
    return true;
}

enum slice_end engine_slice(struct proc *p, uint64_t count, uint64_t timeout_us)
{
    struct sim *s = p->sim;
    uint32_t pc = 0;
    uc_reg_read(s->uc, s->arch->reg_pc, &pc);
    s->resched = false;
    sync_code(s);
    s->mem->slice_start(p);
    /* Unicorn counts instructions only in code translated while its count
     * hook exists: a counted slice after uncounted ones (an alarm cut
     * without --quantum) retranslates. */
    if (count && !s->counted)
        uc_ctl_flush_tb(s->uc);
    s->counted = count != 0;
    uc_err err = uc_emu_start(s->uc, pc, RUN_UNTIL, timeout_us, count);
    if (p->state != PROC_RUNNING)
        return SLICE_DEAD;
    if (err == UC_ERR_OK && s->resched)
        return SLICE_STOPPED;
    uc_reg_read(s->uc, s->arch->reg_pc, &pc);
    if (err == UC_ERR_EXCEPTION && p->fault.pending) {
        if (fault_to_handler(p, fault_signal(p->fault.kind), fault_code(p->fault.kind),
                             report_fault_addr(p, pc)))
            return SLICE_STOPPED;
        p->state = PROC_KILLED;
        p->signal = fault_signal(p->fault.kind);
        p->exit_status = 128 + p->signal;
        return SLICE_DEAD;
    }
    if ((err == UC_ERR_OK || err == UC_ERR_INSN_INVALID) && in_kernel_page(pc)) {
        if (fault_to_handler(p, 11, 1, pc))
            return SLICE_STOPPED;
        snprintf(p->fault_note, sizeof p->fault_note,
                 "instruction fetch from kernel space at 0x%08x", pc);
        p->state = PROC_KILLED;
        p->signal = 11;
        p->exit_status = 128 + 11;
        return SLICE_DEAD;
    }
    if (err == UC_ERR_OK)
        return SLICE_EXPIRED;
    if (err == UC_ERR_INSN_INVALID && fault_to_handler(p, 4, 1, pc))
        return SLICE_STOPPED;
    snprintf(p->fault_note, sizeof p->fault_note, "%s at pc 0x%08x",
             err == UC_ERR_INSN_INVALID ? "undefined instruction" : uc_strerror(err), pc);
    p->state = PROC_KILLED;
    p->signal = (err == UC_ERR_INSN_INVALID) ? 4 : 11;
    p->exit_status = 128 + p->signal;
    return SLICE_DEAD;
}
