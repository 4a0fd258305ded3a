/*
 * sim.h - the machine (sim/machine): the simulator's top-level object and
 * the interfaces between its files: CPU glue per flavour (arch_*.c), the
 * Unicorn engine of a process (engine.c), guest memory access through the
 * page tables (uaccess.c), processes and the scheduler (sched.c), the ELF
 * loader (loader.c), fault reports (report.c) and the traced calls into
 * the memory manager (mmtrace.c).
 *
 * Depends on: memmgr/, mmu/, ipc/, the trace library (traces/lib),
 * Unicorn.  The kernel-call layer (sim/kcall) and the memory system
 * beyond RAM (sim/checker: cache model, checker, devices) build on this
 * header; the machine reaches them only through the two tables below
 * (struct sim_kernel, struct sim_memsys), which the front end that builds
 * a machine passes in.  Nothing here may include their headers.
 *
 * All mutable state of the simulator hangs off one `struct sim`; nothing
 * in sim/ keeps memory-manager state of its own.
 */
#ifndef MMSIM_SIM_H
#define MMSIM_SIM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <unicorn/unicorn.h>

#include "mmsim/cache.h"
#include "mmsim/memmgr.h"
#include "mmsim/pt.h"
#include "ipc/semtab.h"

struct sim;
struct proc;
struct cs_insn;
struct shadow;
struct checker;
struct devices;
struct cacheinsn;
struct pt_walk;

/* The kernel-call layer (sim/kcall), as the machine sees it. */
struct sim_kernel {
    /* Serve the kernel call p trapped with (inside the interrupt hook). */
    void (*dispatch)(struct proc *p);
    /* p ends: release what its blocked calls hold (SEM_UNDO...). */
    void (*proc_exit)(struct proc *p);
    /* The machine goes: free what the kernel-call layer holds (may be NULL). */
    void (*fini)(struct sim *s);
    /* Signals (sim/kcall/kcall_signal.c).  The running thread of p is
     * about to run a slice: deliver its pending signals. */
    void (*deliver)(struct proc *p);
    /* A synchronous fault of the running thread of p (signal sig, si_code
     * code, si_addr addr; the registers hold the faulting instruction):
     * true if a handler frame was built, false to keep the default. */
    bool (*fault)(struct proc *p, int sig, int code, uint32_t addr);
    /* p's ITIMER_REAL expired (sim->now_ns >= p->alarm_at). */
    void (*alarm)(struct proc *p);
    /* p's image was replaced by exec: caught signals back to SIG_DFL. */
    void (*exec)(struct proc *p);
};

/* The memory system beyond RAM (sim/checker: data-cache model, cache and
 * guard checker, devices, the shadow window), as the machine sees it. */
struct sim_memsys {
    /* Devices' windows in physical memory (before the memory manager). */
    int  (*devices_init)(struct sim *s);
    void (*devices_fini)(struct sim *s);
    /* The checker, once the memory manager exists; its end-of-run summary. */
    int  (*create)(struct sim *s);
    void (*destroy)(struct sim *s);
    void (*summary)(struct sim *s);
    /* The engine (s->uc) opens: its shadow window; the engine closes. */
    int  (*attach)(struct sim *s);
    void (*detach)(struct sim *s);
    /* Process p leaves the engine (its hooked cache instructions go). */
    void (*release)(struct proc *p);
    /* Code of p was loaded at va (PowerPC cache instructions get hooked). */
    int  (*code_loaded)(struct proc *p, uint32_t va, const uint8_t *code, size_t len);
    /* c was forked from p: it runs p's code, hooked the same way.  0 or -1. */
    int  (*forked)(struct proc *p, struct proc *c);
    /* TLB fill of va translated by w for access: the physical address the
     * entry points at (RAM, or a shadow slot); may narrow *perms. */
    uint64_t (*place)(struct proc *p, uint32_t va, const struct pt_walk *w, unsigned access,
                      unsigned *perms);
    /* A refused fetch at va whose PTE is valid (decode d). */
    void (*fetch_refused)(struct proc *p, uint32_t va, const struct pt_decoded *d);
    /* After every kernel call that leaves p running. */
    void (*after_kcall)(struct proc *p);
    /* Before each slice p runs: its TLB forgets pages whose routing
     * changed while other processes ran. */
    void (*slice_start)(struct proc *p);
    /* Every instruction while the exact-PC hook is on (device clocks). */
    void (*tick)(struct proc *p);
    /* Kernel access to guest memory at pa mapped as d: 0 or -errno. */
    int  (*kread)(struct sim *s, const struct pt_decoded *d, paddr_t pa, void *b, uint32_t n);
    int  (*kwrite)(struct sim *s, const struct pt_decoded *d, paddr_t pa, const void *b, uint32_t n);
    /* Every PTE write, old and new raw entries. */
    void (*pte_written)(struct sim *s, uint64_t old_raw, uint64_t new_raw);
};

/* Per-flavour CPU glue: engine model, kernel-call registers, disassembly. */
struct arch_ops {
    const char *name;
    uc_arch     uc_arch;
    uc_mode     uc_mode;
    int         uc_model;
    bool        big_endian;
    unsigned    svc_intno;      /* UC_HOOK_INTR number of the kernel-call trap */
    int         reg_pc, reg_sp, reg_lr, reg_num, reg_ret;
    int         reg_arg[7];
    int         cs_arch, cs_mode; /* Capstone */
    /* Put the freshly created engine into user mode with `entry` and `sp`. */
    int (*init_regs)(uc_engine *uc, uint32_t entry, uint32_t sp);
    /* A CPU exception other than the kernel-call trap, seen in the
     * interrupt hook with the engine's PC in *pc.  Either handles it the
     * way the OS would and returns 0 (execution resumes), or returns the
     * QNX signal that kills the process, sets *pc to the faulting
     * instruction (where Unicorn left PC differs per exception kind, as
     * measured) and *what to a description. */
    int (*exception)(struct proc *p, unsigned intno, uint32_t *pc, const char **what);
    /* Names of a refused data access and instruction fetch ("DSI"...). */
    const char *data_fault, *fetch_fault;
    /* Effective address of the load/store `insn` (Capstone, with detail)
     * at pc, from the current registers.  False if it has no memory operand. */
    bool (*mem_address)(uc_engine *uc, const struct cs_insn *insn, uint32_t pc, uint32_t *ea);
    /* Elf e_machine this flavour runs. */
    unsigned    elf_machine;
    /* The user registers a fork copies into the child's context, after
     * init_regs on a pristine one (the rest of the child's CPU state is
     * as a new process's). */
    const int  *fork_regs;
    unsigned    n_fork_regs;
    /* The user register file in the order a signal frame's mcontext and
     * gdb's target description both use: ARM r0-r12, sp, lr, pc, cpsr;
     * PowerPC r0-r31, pc, msr, cr, lr, ctr, xer. */
    const int  *user_regs;
    unsigned    n_user_regs;
    /* An instruction that traps as undefined on every core of the flavour
     * (fills the frame behind the kernel page, see engine.c). */
    uint32_t    undef_insn;
};

/* The arch glue for `cpu`, or NULL if this build has none. */
const struct arch_ops *arch_for(enum mmsim_cpu cpu);

/* What the last refused TLB fill saw (fault report material). */
struct fault_info {
    bool                pending;
    uint32_t            va;
    unsigned            access;   /* PT_R / PT_W / PT_X */
    enum mm_fault_kind  kind;
    struct pt_walk      walk;
};

/* Signals: QNX numbers 1..SIG_COUNT, kept as bit sig-1 of a uint64_t. */
#define SIG_COUNT 64
#define SIG_BIT(sig) (1ull << ((sig) - 1))
/* What a pending signal carries (becomes the guest's siginfo_t). */
struct ksiginfo {
    int32_t  code;
    uint32_t pid, uid, addr;
    int32_t  status;
    uint32_t value;
};
/* The disposition of one signal (sigaction). */
struct sigdisp {
    uint32_t handler;    /* 0 SIG_DFL, 1 SIG_IGN, else the guest function */
    uint32_t flags;      /* SA_* (QNX values) */
    uint32_t restorer;   /* __sigreturn of the guest runtime */
    uint64_t mask;       /* sa_mask */
};

/* Why a process stopped running. */
enum proc_state { PROC_RUNNING, PROC_EXITED, PROC_KILLED };

/* A thread: its own register context on the machine's engine (sched.c). */
enum thread_state { TS_RUNNABLE, TS_BLOCKED, TS_DONE };

struct thread {
    struct proc      *p;
    uint32_t          tid;           /* 1 for the first thread of a process */
    enum thread_state state;
    uint64_t          chan;          /* sleep channel while TS_BLOCKED */
    const char       *wait_what;     /* the blocking call, for deadlock reports */
    uint64_t          wake_at;       /* simulated ns of a timeout, 0: none */
    long              timeout_ret;   /* result when the timeout fires */
    bool              has_result;    /* a waker completed the blocked call */
    long              result;        /* ... with this result */
    uint64_t          block_seq;     /* order of blocking (FIFO wakeups) */
    uint64_t          seq;           /* creation order, machine-wide */
    uc_context       *ctx;           /* saved registers while not loaded */
    uint32_t          exit_value;    /* pthread_exit value */
    bool              detached, joined;
    struct semtab_wait semw;         /* what a blocked semop counts in */
    struct {                         /* a blocked fd call's progress (kcall_fd.c) */
        bool     active;             /* re-issued after a wakeup: fields valid */
        uint32_t done;               /* bytes a pipe write already wrote */
        uint64_t deadline;           /* poll: simulated ns of the timeout, 0: none */
    } fdwait;
    /* signals (sim/kcall/kcall_signal.c): bit sig-1 of each set */
    uint64_t          sig_mask;      /* blocked signals */
    uint64_t          sig_pending;   /* sent to this thread */
    struct ksiginfo  *sig_info;      /* [SIG_COUNT], allocated on first use */
    uint64_t          sig_waitset;   /* in sigtimedwait: the set waited for */
    bool              sig_intr;      /* woken by a handled signal: the call fails with EINTR */
    uint64_t          sig_left_ns;   /*   time its timeout still had (nanosleep's rem) */
    bool              in_sigsuspend; /* sig_mask is sigsuspend's; the real one: */
    uint64_t          suspend_saved;
    uint32_t          ss_sp, ss_size; /* sigaltstack */
    int               ss_flags;       /* SS_DISABLE (2) or 0 */
    struct sigctx    *sig_ctx;        /* engine contexts of the frames in use (PowerPC) */
    struct thread    *next;          /* sim->threads, creation order */
};

/* Per-process state of the system-information calls (sim/kcall/kcall_sys.c):
 * scheduling policy, nice value, saved set-IDs, resource limits.  Copied
 * by fork and spawn. */
#define PROC_NRLIMIT 16
struct proc_sys {
    int      policy;               /* SCHED_OTHER / FIFO / RR (guest values) */
    int      prio;                 /* its priority */
    int      nice;                 /* -20..19 */
    uint32_t suid, sgid;           /* saved set-user-ID / set-group-ID */
    uint64_t rlim_cur[PROC_NRLIMIT], rlim_max[PROC_NRLIMIT];
};

struct proc {
    struct sim     *sim;
    uint32_t        pid;
    uint32_t        ppid;          /* 1 once the parent is gone */
    struct proc    *parent;        /* NULL: orphan (reaped automatically) */
    struct proc    *next;          /* sim->procs, by pid */
    struct thread  *last;          /* the thread of p that ran last (gdb's current thread) */
    uint32_t        next_tid;
    unsigned        nthreads;      /* threads not TS_DONE */
    bool            torn_down;     /* threads and address space released */
    bool            charged;       /* counted against --max-host-mem (engine.c) */
    bool            quiet_kill;    /* killed by mmsim itself: no fault report */
    uint64_t        term_seq;      /* order of termination (waitpid) */
    bool            reaped;        /* waited for: may be freed */
    char          **own_argv;      /* argv copy owned by this process */
    struct mm_proc *mm;
    enum proc_state state;
    int             exit_status;   /* guest exit code, or 128+signal */
    int             signal;
    struct fault_info fault;
    char            fault_note[160]; /* non-MMU fault text (bad instruction...) */
    bool            trap_pc_valid;   /* trap_pc is the faulting instruction */
    uint32_t        trap_pc;
    char          **argv;
    int             argc;
    uint64_t        kcalls;
    uint64_t        tlb_fills;     /* Unicorn TLB misses served */
    uint64_t        tlb_flushes;   /* uc_ctl_flush_tlb calls */
    uint64_t        faults_resolved; /* lazy / COW pages made on a miss */
    bool            in_kcall;      /* inside kcall_dispatch: */
    uint32_t        kcall_pc;      /*   the trap instruction */
    uint64_t        watch_epoch;   /* checker epoch of the last TLB flush */
    /* signals (sim/kcall/kcall_signal.c) */
    struct sigdisp  sigact[SIG_COUNT];
    uint64_t        sig_pending;   /* process-directed, not yet taken by a thread */
    struct ksiginfo sig_info[SIG_COUNT];
    uint32_t        pgid, sid;     /* process group and session */
    uint64_t        alarm_at;      /* ITIMER_REAL expiry (simulated ns), 0: off */
    uint64_t        alarm_interval;
    struct cacheinsn **cacheinsns; /* PPC cache instructions hooked (cacheinsn.c) */
    size_t          ncacheinsns;
    char            cwd[1024];     /* working directory (kcall_path.c), inherited */
    unsigned        umask;         /* file mode creation mask, inherited (022 at first) */
    struct proc_sys sys;           /* policy, nice, saved IDs, rlimits (kcall_sys.c) */
};

/* What --dump-pt prints at exit. */
enum dump_mode { DUMP_NONE = 0, DUMP_FULL, DUMP_SHARED };

/* PTEs of the shared mappings at exit, for the demo's side-by-side view. */
#define CAPTURE_MAX 16
struct pte_capture {
    int      n;
    uint32_t va[CAPTURE_MAX];
    uint64_t raw[CAPTURE_MAX];   /* 0 where the page had no PTE */
};

/* Command-line options. */
struct sim_opts {
    enum mmsim_cpu cpu;
    uint64_t       ram;
    bool           frag;
    uint64_t       frag_seed;
    const char    *trace_path;
    const char    *expect_path; /* --expect: compare the live trace with this one */
    enum dump_mode dump_pt;
    bool           unprivileged;
    uint64_t       max_insns;   /* 0: none (exact count; slows execution) */
    uint64_t       quantum;     /* 0: run until block/exit; N: pre-empt every N insns */
    unsigned       timeout_s;   /* wall-clock safety net, 0: none */
    bool           stats;       /* print run statistics on stderr at exit */
    bool           guest_quiet; /* guest console output is only traced */
    struct pte_capture *capture; /* filled at exit when set (demo) */
    bool           set_creds;   /* --uid / --gid given */
    uint32_t       uid, gid;    /* credentials of the first process */
    bool           set_ipc;     /* --ipc-limit given */
    struct mm_ipc_limits ipc;   /* System V limits (defaults + --ipc-limit) */
    struct semtab_limits sem;   /* semaphore limits from --ipc-limit (0: default) */
    const char    *root;        /* --root DIR: the guest's files, or NULL */
    bool           cache_full;  /* --cache-model full: every cacheable access modelled */
    bool           check_error; /* --check=error: a report ends the run, status 3 */
    struct cache_geom cache_geom; /* --cache; size 0: the CPU's default */
    uint64_t       max_host_mem; /* --max-host-mem: budget for ram + engines, 0: none */
    unsigned       max_fds;     /* --max-fds: fds per process (0: 1024) */
    uint32_t       epoch;       /* --epoch: CLOCK_REALTIME seconds at simulated time 0 */
    unsigned       max_procs;   /* --max-procs: unreaped processes (0: PROC_MAX_DEFAULT) */
    unsigned       max_threads; /* --max-threads: threads per process (0: THREAD_MAX_DEFAULT) */
    const char    *gdb;         /* --gdb ADDR: run under the GDB stub (sim/gdb), or NULL */
    uint32_t       gdb_pid;     /* --gdb-follow PID: the process gdb debugs (0: 1) */
};

/* Defaults of --epoch (2026-01-01T00:00:00Z), --max-procs, --max-threads. */
#define EPOCH_DEFAULT       1767225600u
#define PROC_MAX_DEFAULT    1024u
#define THREAD_MAX_DEFAULT  1024u


struct trace;
struct desc_cache;
struct sim_debug;

struct sim {
    struct sim_opts  o;
    const struct sim_kernel *kernel; /* sim/kcall */
    const struct sim_memsys *mem;    /* sim/checker */
    const struct arch_ops *arch;
    struct phys      phys;
    struct frames    frames;
    struct mmu      *mmu;
    struct mm       *mm;
    struct trace    *trace;
    struct checker  *chk;     /* cache and guard checker */
    struct devices  *dev;     /* DMA0, FIFO0 */
    struct expect   *expect;   /* --expect */
    struct desc_cache *desc;   /* decoded PTE texts of the trace (sim.c) */
    bool             expect_diverged;
    bool             trace_lost;   /* the trace could not be written completely */
    struct proc     *cur;
    uint32_t         next_pid;
    /* processes and threads (sched.c) */
    struct proc     *procs;       /* by pid */
    struct thread   *threads;     /* creation order */
    struct thread   *running;     /* thread in uc_emu_start, or NULL */
    /* The engine (engine.c): one Unicorn CPU for every process, opened
     * with the first one; a context switch loads another thread's
     * registers and, between processes, flushes the TLB. */
    uc_engine       *uc;
    uc_hook          h_tlb, h_intr, h_invalid;
    uc_hook          h_code;      /* instruction hook once exact PCs are needed */
    uc_context      *ctx0;        /* the registers of a fresh CPU (new processes) */
    struct thread   *loaded;      /* thread whose registers are in uc, or NULL */
    struct proc     *as_proc;     /* process whose translations uc's TLB holds, or NULL */
    bool             counted;     /* the last slice ran with an instruction count */
    uint32_t         exec_pc;     /* instruction being executed (with h_code) */
    uint64_t         switches;    /* context switches between processes */
    uint64_t         code_freed_seen; /* frames.marked_freed at the last code flush */
    uint64_t         tb_flushes;  /* translations dropped for freed code frames */
    struct shadow   *shadow;      /* the engine's shadow window (sim/checker) */
    bool             resched;     /* a kernel call stopped the running thread */
    bool             devices_ticking; /* a device counts instructions (mem->tick is due) */
    uint64_t         now_ns;      /* simulated time */
    unsigned         charged;     /* live processes charged to the host-memory budget */
    uint64_t         block_seq;
    uint64_t         insns_used;  /* --max-insns with --quantum: expired slices */
    int              init_status; /* exit status of process 1 */
    bool             deadlock;
    int              interrupted; /* host signal that stopped the run, or 0 */
    char             prog_dir[4096]; /* spawn resolves names here */
    struct sched_ev *evq;         /* queued trace events (sched.c) */
    size_t           nev, evcap;
    uint64_t         term_seq;
    uint64_t         thread_seq;
    struct semtab   *semtab;      /* System V semaphores (kcall_sem.c) */
    FILE            *out;     /* guest fd 1 */
    FILE            *err;     /* guest fd 2 and reports */
    int              root_fd; /* --root directory (O_PATH), or -1 */
    uint64_t        *file_ids; /* host (dev, ino) pairs: trace file numbers (mmtrace.c) */
    size_t           nfile_ids;
    struct tmpfs    *tmpfs;    /* the in-memory /tmp (kcall_path.c), NULL until used */
    struct sim_debug *dbg;     /* a debugger's view (debug.h), NULL without one */
};

/* sim.c: build the machine (RAM, frames, MMU, memory manager, trace) with
 * its kernel-call layer and memory system. */
int  sim_init(struct sim *s, const struct sim_opts *o, const struct sim_kernel *k,
              const struct sim_memsys *mem);
void sim_fini(struct sim *s);
/* Load `path` into a new process and run it to completion; returns the
 * exit status mmsim should exit with (guest status, 128+signal, or 125+ for
 * simulator errors, with a message on stderr). */
int  sim_run_program(struct sim *s, const char *path, int argc, char **argv);

/* --dump-pt output and the demo's PTE capture for process p (at its exit). */
void sim_dump_tables(struct proc *p);
void sim_capture(struct proc *p);

/* A whole run (machine up, program, machine down); exit status. */
int sim_run(const struct sim_opts *o, const struct sim_kernel *k, const struct sim_memsys *mem,
            const char *path, int argc, char **argv);

/* engine.c */
/* Host memory charged against --max-host-mem: the engine once (Unicorn's
 * state and its translated-code buffer, ENGINE_TB_SIZE), and each live
 * process (its register contexts, tables and memory-manager state; about
 * a tenth of this is measured, bench/procmem.sh). */
#define ENGINE_HOST_COST (12ull << 20)
#define PROC_HOST_COST   (1ull << 20)
/* p joins the machine's engine (opened with the first process): 0,
 * -ENOMEM past the host-memory budget (--ram, the engine, and
 * PROC_HOST_COST per live process) or when Unicorn cannot get memory,
 * -EINVAL if the CPU model is refused. */
int  engine_create(struct proc *p);
/* One more process would pass --max-host-mem. */
bool engine_budget_full(const struct sim *s);
/* p leaves the engine (its threads are gone or going). */
void engine_destroy(struct proc *p);
/* Close the engine (end of the run). */
void engine_close(struct sim *s);
/* Context switch: t's registers into the engine (the loaded thread's
 * saved); between processes the TLB is flushed, as a CPU without address
 * space tags does when its page-table root changes.  0 or -EIO. */
int  engine_load(struct thread *t);
/* t no longer exists: the engine forgets it. */
void engine_forget(struct thread *t);
/* Build t's registers in the engine and save them in t->ctx: start from a
 * fresh CPU (`fresh`) or the loaded thread's registers, apply edit(arg)
 * (0 or nonzero: failed), then put the loaded thread's registers back.
 * The loaded thread is unchanged.  0 or -EIO. */
int  engine_make_context(struct sim *s, struct thread *t, bool fresh,
                         int (*edit)(uc_engine *uc, void *arg), void *arg);
/* Read or write register `reg` of thread t (loaded or not).  0 or -EIO. */
int  engine_thread_reg(struct thread *t, int reg, uint32_t *v, bool write);
/* How a slice of execution ended. */
enum slice_end { SLICE_STOPPED, SLICE_EXPIRED, SLICE_DEAD };
/* Run the loaded thread of p from its PC for at most `count` instructions
 * (0: no limit) and `timeout_us` of host time (0: none).  SLICE_STOPPED: a
 * kernel call stopped it (block, exit, yield); SLICE_EXPIRED: count or
 * timeout reached; SLICE_DEAD: p was killed (state, signal, note set). */
enum slice_end engine_slice(struct proc *p, uint64_t count, uint64_t timeout_us);
/* Kill p with `sig` from outside a fault (kill(), limits): state, note. */
void engine_kill(struct proc *p, int sig, const char *note);
/* Fill the frame behind the kernel page (RUN_UNTIL's) with undefined
 * instructions, so a guest that jumps there traps at its first one. */
void engine_init_kernel_page(struct sim *s);
/* Flush Unicorn's TLB if the page table asks for it. */
void engine_sync_tlb(struct proc *p);
/* Put an instruction hook on the engine (once) so that proc_pc() is exact
 * inside memory callbacks.  Call only between instructions (kernel call). */
void engine_exact_pc(struct sim *s);
/* The instruction p is executing: the trap instruction during a kernel
 * call; exact with the hook of engine_exact_pc; else the start of the
 * running translation block. */
uint32_t proc_pc(struct proc *p);

/* uaccess.c: guest memory through the caller's page table.  0 or -EFAULT. */
int copyin(struct proc *p, void *dst, uint32_t va, uint32_t len);
int copyout(struct proc *p, uint32_t va, const void *src, uint32_t len);
/* Copy a NUL-terminated string of at most max-1 chars; -EFAULT or
 * -ENAMETOOLONG when no NUL within max. */
int copyinstr(struct proc *p, char *dst, uint32_t va, uint32_t max);
/* Physical address of guest va as a user read (write: a user write,
 * making a copy-on-write page private first).  0 or -EFAULT. */
int uaddr_phys(struct proc *p, uint32_t va, bool write, paddr_t *pa);
/* Guest byte order helpers. */
uint16_t g16(const struct proc *p, const void *b);
uint32_t g32(const struct proc *p, const void *b);
uint64_t g64(const struct proc *p, const void *b);
void     p16(const struct proc *p, void *b, uint16_t v);
void     p32(const struct proc *p, void *b, uint32_t v);
void     p64(const struct proc *p, void *b, uint64_t v);

/* loader.c: load an ELF into p's address space; sets *entry.
 * 0 or -errno with a message written to `why`. */
int  loader_load(struct proc *p, const char *path, uint32_t *entry, char *why, size_t n);
/* Would loader_load take `path` (file readable, ELF header for this
 * CPU)?  0 or -errno with why set; exec checks before the point of no
 * return. */
int  loader_check(struct proc *p, const char *path, char *why, size_t n);
/* Map the stack and return the initial sp. */
int  loader_stack(struct proc *p, uint32_t *sp);

/* sched.c: the process table and the deterministic scheduler. */
/* A new process running `path` with argv (copied); parent may be NULL.
 * NULL with *err (-errno) and a message in why. */
struct proc *sched_spawn(struct sim *s, struct proc *parent, const char *path, int argc,
                         char *const *argv, int *err, char *why, size_t n);
/* exec in p (the running thread's process): `path` (already resolved)
 * with argv replaces the image; same pid, parent, fds without
 * FD_CLOEXEC, credentials; other threads end.  -errno (old image intact)
 * when the program cannot be loaded; past the point of no return a
 * failure kills p.  0: p resumes at the new entry point. */
long sched_exec(struct proc *p, const char *path, int argc, char *const *argv, char *why,
                size_t n);
/* fork of the running thread of p: the child's pid or -errno. */
long sched_fork(struct proc *p);
/* Run every process until all are gone; mmsim's exit status. */
int  sched_run(struct sim *s);
/* Async-signal-safe: host signal `sig` asks the running run to stop at
 * once (the slice is cut short); sched_run kills every process, ends the
 * trace with an "interrupted" record and returns 128 + sig. */
void sched_host_stop(int sig);
/* A new thread of p starting at pc with sp and arguments a0, a1: tid or -errno. */
long sched_thread_create(struct proc *p, uint32_t pc, uint32_t sp, uint32_t a0, uint32_t a1);
/* The running thread blocks on chan until woken (or wake_at, then the
 * call returns timeout_ret); its kernel call is re-issued when woken. */
long sched_sleep(struct proc *p, uint64_t chan, uint64_t wake_at, long timeout_ret,
                 const char *what);
/* Wake every thread sleeping on chan (they re-issue their calls). */
void sched_wakeup(struct sim *s, uint64_t chan);
/* Wake at most n threads on chan in blocking order, completing their
 * calls with `result`; the number woken. */
unsigned sched_wake_n(struct sim *s, uint64_t chan, unsigned n, long result);
/* End process p: exit status or signal (sig > 0: killed). */
void sched_terminate(struct proc *p, int status, int sig);
/* The thread running p's current kernel call. */
struct thread *sched_current(struct proc *p);
/* The process with `pid`, alive or zombie, or NULL. */
struct proc *sched_find(struct sim *s, uint32_t pid);
/* Write the queued process events (fork, block, wake...) to the trace;
 * called where no trace record is open. */
void sched_flush_events(struct sim *s);
/* Sleep channels: a kind in the top byte, a value below. */
#define CHAN(kind, v) (((uint64_t)(kind) << 56) | ((uint64_t)(v) & 0x00ffffffffffffffull))
enum { CHAN_CHILD = 1, CHAN_JOIN, CHAN_FUTEX, CHAN_SEM, CHAN_TIMER, CHAN_SIGNAL };
/* A handled signal for blocked thread t: wake it.  Its call fails with
 * EINTR when it would block again (nanosleep, semop, sigsuspend,
 * sigtimedwait always; others, futex_wait too as on Linux, unless
 * `restart`, SA_RESTART);
 * pthread_join is never interrupted, only woken to run the handler. */
void sched_interrupt(struct thread *t, bool restart);
/* Queue a trace event about signals: ev with pid, tid (0: none), the
 * sender `from` (0: none), sig, an optional hex field and text. */
void sched_sig_event(struct sim *s, const char *ev, uint32_t pid, uint32_t tid, uint32_t from,
                     int sig, const char *xname, uint32_t x, const char *what);
/* Returned by a handler that called sched_sleep (never a real result). */
#define KC_BLOCKED (-0x7fff0000L)

/* report.c: print a fault report for a killed process. */
void report_fault(struct proc *p, FILE *out);
/* The exact address of the pending refused access of p at pc (the
 * effective address of the load/store; pc for a fetch): si_addr. */
uint32_t report_fault_addr(struct proc *p, uint32_t pc);
/* Disassemble the instruction at guest va into buf ("ldr r2, [r1]"). */
void report_disasm(struct proc *p, uint32_t va, char *buf, size_t n);

#endif
