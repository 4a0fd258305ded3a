/*
 * debug.h - the machine's debug interface (sim/machine/debug.c): what a
 * debugger front end (sim/gdb) needs from the machine, and nothing more.
 *
 * A front end that wants to debug a run fills a struct sim_debug and sets
 * s->dbg before the first slice.  Without it (s->dbg == NULL, every run
 * without --gdb) nothing here is called but debug_slice(), which is then
 * engine_slice(): no hook is added to any engine.
 *
 * With a debugger, the followed process (d->pid) gets an instruction hook
 * that counts the instructions it starts (d->icount: the run's position,
 * deterministic, so a re-execution reaches the same position with the same
 * state), stops at breakpoints, after single steps, at a position, or when
 * the front end's poll() says the user pressed Ctrl-C; a memory hook exists
 * only while watchpoints do (it sees every load and store of the process:
 * Unicorn gives memory hooks physical addresses in UC_TLB_VIRTUAL mode, so
 * it cannot be limited to the watched virtual range).  A stop inside a slice pauses the slice: the
 * front end's stopped() talks to the debugger, and the slice then goes on
 * with the instructions it had left, so the scheduler's decisions (quantum,
 * alarms) and the trace are those of a run without a debugger.
 *
 * A stop is taken at the start of an instruction, before it executes
 * (Unicorn leaves the translation block when a code hook asks it to stop);
 * a watchpoint stops at the start of the instruction after the access
 * (why_pos: the accessing instruction's position).
 */
#ifndef MMSIM_DEBUG_H
#define MMSIM_DEBUG_H

#include "sim.h"

#define DBG_MAX_BP  64
#define DBG_MAX_WP  16
#define DBG_NOPOS   UINT64_MAX

/* Why the followed process stopped. */
enum dbg_stop { DS_NONE, DS_STEP, DS_BREAK, DS_WATCH, DS_INTERRUPT, DS_POSITION };
/* Watchpoint kinds, as gdb's Z packets number them. */
enum { DW_WRITE = 2, DW_READ = 3, DW_ACCESS = 4 };

struct dbg_wp {
    bool     used;
    int      kind;         /* DW_* */
    uint32_t addr, len;
};

struct sim_debug {
    /* ---- set by the front end ---- */
    uint32_t pid;                       /* the process followed (1: the program) */
    void    *ctx;
    /* Cheap: true if the user asked for a stop (Ctrl-C). */
    bool   (*poll)(void *ctx);
    /* The followed process p stopped (t: the thread that stopped, or NULL
     * when stopped between two slices of other processes); returns when
     * the debugger resumes it.  May set abort. */
    void   (*stopped)(void *ctx, struct proc *p, struct thread *t);
    bool     attached;                  /* hooks wanted on the followed engine */
    bool     quiet;                     /* only stop_at stops (re-execution) */
    uint64_t stop_at;                   /* stop when icount reaches it, DBG_NOPOS: none */
    bool     interrupt;                 /* stop at the next instruction start */
    bool     step;                      /* stop after one instruction of step_tid */
    uint32_t step_tid;
    bool     step_armed;
    bool     skip_armed;                /* the resumed instruction of skip_tid at */
    uint32_t skip_tid, skip_pc;         /*   skip_pc does not stop again */
    /* A re-execution's search: the last position before stop_at where
     * thread search_tid started an instruction (search_tid != 0), or a
     * breakpoint was reached / a watchpoint hit (search_tid == 0). */
    bool     search;
    uint32_t search_tid;
    uint64_t found;                     /* DBG_NOPOS: none yet */
    enum dbg_stop found_why;
    uint32_t found_addr;
    int      found_kind;
    bool     abort;                     /* end the run now (kill, restart) */
    /* ---- breakpoints and watchpoints (debug_* below) ---- */
    uint32_t bp[DBG_MAX_BP];
    unsigned nbp;
    struct dbg_wp wp[DBG_MAX_WP];
    /* ---- kept by the machine ---- */
    uint64_t icount;                    /* instructions started by the followed process */
    enum dbg_stop why;                  /* of the last stop */
    uint32_t why_addr;                  /* watchpoint address */
    int      why_kind;                  /* DW_* of a watchpoint stop */
    uint64_t why_pos;                   /* position of the access of a watchpoint stop */
    uint32_t stop_tid;
    bool     whit;                      /* a watchpoint was hit by the last instruction, */
    uint64_t whit_pos;                  /*   at this position */
    uint32_t whit_addr;
    int      whit_kind;
    uc_engine *uc;                      /* engine the hooks are on */
    uc_hook  h_code, h_mem;            /* h_mem: only while watchpoints exist */
    bool     stop_pending;              /* the slice was paused by a stop */
    uint64_t slice_done;                /* instructions the paused slice ran */
    uint64_t polls;
};

/* engine_slice(), with the debugger's stops when s->dbg is set (see above). */
enum slice_end debug_slice(struct proc *p, uint64_t count, uint64_t timeout_us);
/* Remove every hook from the followed engine; the run goes on at full speed. */
void debug_detach(struct sim *s);
/* Breakpoint at addr: 0, -ENOSPC when full.  Removing a missing one is 0. */
int  debug_bp(struct sim *s, uint32_t addr, bool insert);
/* Watchpoint: 0, -ENOSPC, -EINVAL (len 0 or wrapping). */
int  debug_wp(struct sim *s, int kind, uint32_t addr, uint32_t len, bool insert);
/* Read or write register `reg` (a Unicorn id) of thread t of p, loaded
 * or not: 0 or -EIO. */
int  debug_reg(struct proc *p, struct thread *t, int reg, uint32_t *v, bool write);
/* Debugger memory read through p's page table, without side effects on
 * the run (no lazy page made, no reference bit set): bytes read from va,
 * or -EFAULT if va itself is not readable. */
long debug_peek(struct proc *p, uint32_t va, uint8_t *buf, uint32_t len);

#endif
