/*
 * debug.c - the machine's debug interface (see debug.h): hooks on the
 * engine while a debugger is attached (they act while the followed
 * process runs), paused slices,
 * register and memory access for the debugger.
 */
#include <errno.h>
#include <string.h>
#include <stdlib.h>

#include "debug.h"

static bool bp_at(const struct sim_debug *d, uint32_t pc)
{
    for (unsigned i = 0; i < d->nbp; i++)
        if (d->bp[i] == pc)
            return true;
    return false;
}

/* Every instruction the followed process starts (only while attached). */
static void on_dbg_code(uc_engine *uc, uint64_t addr, uint32_t size, void *ud)
{
    (void)size;
    struct sim *s = ud;
    struct sim_debug *d = s->dbg;
    uint32_t pc = (uint32_t)addr;
    uint32_t tid = s->running ? s->running->tid : 0;
    enum dbg_stop why = DS_NONE;
    bool skip = false;
    if (!d || d->abort || !s->as_proc || s->as_proc->pid != d->pid)
        return;
    if (d->skip_armed && tid == d->skip_tid) {
        d->skip_armed = false;
        skip = pc == d->skip_pc;
    }
    if (d->icount == d->stop_at)
        why = DS_POSITION;
    else if (!d->quiet && !skip) {
        if (d->interrupt)
            why = DS_INTERRUPT;
        else if (d->whit)
            why = DS_WATCH;
        else if (d->step && d->step_armed && tid == d->step_tid)
            why = DS_STEP;
        else if (bp_at(d, pc))
            why = DS_BREAK;
        else if ((++d->polls & 0xffff) == 0 && d->poll && d->poll(d->ctx))
            why = DS_INTERRUPT;
    }
    if (why != DS_NONE) {
        d->why = why;
        d->stop_tid = tid;
        if (why == DS_WATCH) {
            d->why_addr = d->whit_addr;
            d->why_kind = d->whit_kind;
            d->why_pos = d->whit_pos;
        }
        d->whit = false;
        d->interrupt = false;
        d->stop_pending = true;
        uc_emu_stop(uc);
        return;
    }
    d->whit = false;
    if (d->search && (d->search_tid ? tid == d->search_tid : bp_at(d, pc))) {
        d->found = d->icount;
        d->found_why = d->search_tid ? DS_STEP : DS_BREAK;
    }
    if (d->step && tid == d->step_tid)
        d->step_armed = true;
    d->icount++;
    d->slice_done++;
}

/* A load or store of the followed process while watchpoints exist.  With
 * UC_TLB_VIRTUAL, Unicorn hands memory hooks the *physical* address, so
 * each watchpoint's virtual address is translated (without side effects)
 * and compared with the access. */
static void on_dbg_mem(uc_engine *uc, uc_mem_type type, uint64_t addr, int size,
                       int64_t value, void *ud)
{
    (void)uc; (void)value;
    struct sim *s = ud;
    struct proc *p = s->as_proc;
    struct sim_debug *d = s->dbg;
    bool write = type == UC_MEM_WRITE;
    if (!d || d->abort || !p || p->pid != d->pid || !p->mm)
        return;
    for (int i = 0; i < DBG_MAX_WP; i++) {
        const struct dbg_wp *w = &d->wp[i];
        if (!w->used || (w->kind == DW_WRITE && !write) || (w->kind == DW_READ && write))
            continue;
        bool hit = false;
        /* the watched bytes, page by page */
        for (uint64_t va = w->addr; va < (uint64_t)w->addr + w->len && !hit;
             va = (va | MMSIM_PAGE_MASK) + 1) {
            uint64_t end = (va | MMSIM_PAGE_MASK) + 1;
            if (end > (uint64_t)w->addr + w->len)
                end = (uint64_t)w->addr + w->len;
            struct pt_walk pw;
            pt_walk(mm_proc_pt(p->mm), (uint32_t)va, &pw);
            if (pw.status != PTW_OK)
                continue;
            uint64_t pa = pw.pa, pend = pa + (end - va);
            hit = addr < pend && addr + (uint64_t)size > pa;
        }
        if (!hit)
            continue;
        if (d->search && !d->search_tid) {
            d->found = d->icount - 1;         /* the accessing instruction */
            d->found_why = DS_WATCH;
            d->found_addr = w->addr;
            d->found_kind = w->kind;
        } else if (!d->quiet) {
            d->whit = true;
            d->whit_pos = d->icount - 1;
            d->whit_addr = w->addr;
            d->whit_kind = w->kind;
        }
        return;
    }
}

/* One memory hook for every load and store while any watchpoint exists. */
static int wp_hook(struct sim_debug *d, struct sim *s)
{
    bool any = false;
    for (int i = 0; i < DBG_MAX_WP; i++)
        any |= d->wp[i].used;
    if (any && !d->h_mem) {
        if (uc_hook_add(d->uc, &d->h_mem, UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE, (void *)on_dbg_mem,
                        s, 1, 0) != UC_ERR_OK) {
            d->h_mem = 0;
            return -EIO;
        }
        uc_ctl_flush_tb(d->uc);
        uc_ctl_flush_tlb(d->uc);       /* loads and stores leave the fast path */
    } else if (!any && d->h_mem) {
        uc_hook_del(d->uc, d->h_mem);
        d->h_mem = 0;
        uc_ctl_flush_tb(d->uc);
    }
    return 0;
}

/* Put the hooks on the engine (once). */
static void attach_engine(struct sim_debug *d, struct sim *s)
{
    if (d->uc == s->uc)
        return;
    d->uc = s->uc;
    if (uc_hook_add(s->uc, &d->h_code, UC_HOOK_CODE, (void *)on_dbg_code, s, 1, 0) != UC_ERR_OK)
        d->h_code = 0;
    d->h_mem = 0;
    wp_hook(d, s);
    uc_ctl_flush_tb(s->uc);     /* retranslate with the hooks in place */
}

void debug_detach(struct sim *s)
{
    struct sim_debug *d = s->dbg;
    if (!d)
        return;
    if (d->uc && d->uc == s->uc) {
        if (d->h_code)
            uc_hook_del(d->uc, d->h_code);
        if (d->h_mem)
            uc_hook_del(d->uc, d->h_mem);
        uc_ctl_flush_tb(d->uc);
    }
    d->h_code = d->h_mem = 0;
    d->uc = NULL;
    d->attached = false;
    d->step = d->interrupt = false;
}

int debug_bp(struct sim *s, uint32_t addr, bool insert)
{
    struct sim_debug *d = s->dbg;
    for (unsigned i = 0; i < d->nbp; i++)
        if (d->bp[i] == addr) {
            if (!insert)
                d->bp[i] = d->bp[--d->nbp];
            return 0;
        }
    if (!insert)
        return 0;
    if (d->nbp == DBG_MAX_BP)
        return -ENOSPC;
    d->bp[d->nbp++] = addr;
    return 0;
}

int debug_wp(struct sim *s, int kind, uint32_t addr, uint32_t len, bool insert)
{
    struct sim_debug *d = s->dbg;
    if (len == 0 || len > 4096 || (uint64_t)addr + len - 1 > UINT32_MAX || kind < DW_WRITE ||
        kind > DW_ACCESS)
        return -EINVAL;
    bool live = d->uc && d->uc == s->uc;
    int slot = -1;
    for (int i = 0; i < DBG_MAX_WP; i++) {
        struct dbg_wp *w = &d->wp[i];
        if (w->used && w->addr == addr && w->len == len && w->kind == kind) {
            slot = i;
            break;
        }
        if (!w->used && slot < 0 && insert)
            slot = i;
    }
    if (slot < 0)
        return insert ? -ENOSPC : 0;
    if (insert)
        d->wp[slot] = (struct dbg_wp){ .used = true, .kind = kind, .addr = addr, .len = len };
    else
        d->wp[slot] = (struct dbg_wp){0};
    return live ? wp_hook(d, s) : 0;
}

int debug_reg(struct proc *p, struct thread *t, int reg, uint32_t *v, bool write)
{
    if (!t)
        t = p->last;
    if (!t || p->torn_down)
        return -EIO;
    return engine_thread_reg(t, reg, v, write);
}

long debug_peek(struct proc *p, uint32_t va, uint8_t *buf, uint32_t len)
{
    uint32_t done = 0;
    if (!p->mm)
        return -EFAULT;
    struct pt *pt = mm_proc_pt(p->mm);
    while (done < len) {
        uint32_t a = va + done;
        if (a < va)
            break;                               /* wrapped */
        uint32_t chunk = MMSIM_PAGE_SIZE - (a & MMSIM_PAGE_MASK);
        if (chunk > len - done)
            chunk = len - done;
        struct pt_walk w;
        pt_walk(pt, a, &w);
        if (w.status != PTW_OK || !(w.d.uprot & (PT_R | PT_X)) ||
            phys_kind(&p->sim->phys, w.pa, chunk) != PHYS_RAM ||
            phys_read(&p->sim->phys, w.pa, buf + done, chunk) != 0)
            break;
        done += chunk;
    }
    return done ? (long)done : -EFAULT;
}

enum slice_end debug_slice(struct proc *p, uint64_t count, uint64_t timeout_us)
{
    struct sim *s = p->sim;
    struct sim_debug *d = s->dbg;
    if (!d || !d->attached || d->abort)
        return engine_slice(p, count, timeout_us);
    if (p->pid != d->pid) {
        /* Another process runs: Ctrl-C stops the followed one here. */
        struct proc *f = sched_find(s, d->pid);
        if (f && f->state == PROC_RUNNING && !d->quiet && (d->interrupt || (d->poll && d->poll(d->ctx)))) {
            d->interrupt = false;
            d->why = DS_INTERRUPT;
            d->stop_tid = 0;
            d->stopped(d->ctx, f, NULL);
            if (d->abort)
                return SLICE_STOPPED;
        }
        return engine_slice(p, count, timeout_us);
    }
    attach_engine(d, s);
    for (;;) {
        d->stop_pending = false;
        d->slice_done = 0;
        enum slice_end e = engine_slice(p, count, timeout_us);
        if (!d->stop_pending || e == SLICE_DEAD)
            return e;
        struct thread *t = s->running;
        d->stopped(d->ctx, p, t);
        if (d->abort)
            return SLICE_STOPPED;
        if (p->state != PROC_RUNNING)
            return SLICE_DEAD;
        if (count) {
            if (d->slice_done >= count)
                return SLICE_EXPIRED;
            count -= d->slice_done;
        }
    }
}
