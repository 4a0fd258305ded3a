/*
 * sched.c - the process table, threads and the deterministic scheduler.
 *
 * Every process has its own Unicorn engine and address space; its threads
 * share the engine, each with its own saved register context (uc_context),
 * restored into the engine when the thread is picked.  One thread runs at
 * a time: it runs until it blocks, exits or is killed; with --quantum N
 * it is also pre-empted after N guest instructions.  The next thread is
 * the first runnable one after it in creation order (round robin), so a
 * program and its flags always give the same interleaving.
 *
 * Blocking is xv6's sleep/wakeup: a kernel call that must wait calls
 * sched_sleep(chan), returns KC_BLOCKED, the dispatcher puts the PC back
 * on the trap instruction and stops the engine; when woken the thread
 * issues the same call again.  A waker may instead complete the call with
 * a result (sched_wake_n, timeouts): the re-issued call then returns it
 * at once without running its handler.
 *
 * Simulated time (ns) advances 1000 per kernel call and, with --quantum,
 * by the length of each expired slice (one instruction = 1 ns); when
 * every thread is blocked and some wait with a timeout, time jumps to
 * the earliest one.  If every thread is blocked with no timeout, mmsim
 * reports the deadlock on stderr and exits with status 124.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "debug.h"
#include "mmtrace.h"
#include "sim.h"
#include "trace.h"

#define DEADLOCK_STATUS 124
/* Processes not yet reaped (each engine costs host memory: bench/) and
 * threads created per process, live or not yet joined: --max-procs and
 * --max-threads, PROC_MAX_DEFAULT and THREAD_MAX_DEFAULT (sim.h) when 0. */
#define PROC_MAX    (s->o.max_procs ? s->o.max_procs : PROC_MAX_DEFAULT)
#define THREAD_MAX  (p->sim->o.max_threads ? p->sim->o.max_threads : THREAD_MAX_DEFAULT)

/* Processes in the table (running or zombie). */
static unsigned nprocs(const struct sim *s)
{
    unsigned n = 0;
    for (const struct proc *p = s->procs; p; p = p->next)
        n += !p->reaped;
    return n;
}

/* Threads of p still in the table. */
static unsigned nthreads_of(const struct proc *p)
{
    unsigned n = 0;
    for (const struct thread *t = p->sim->threads; t; t = t->next)
        n += t->p == p && !(t->state == TS_DONE && (t->joined || t->detached));
    return n;
}

/* A queued trace event. */
struct sched_ev {
    const char *ev;
    uint32_t    pid, tid, other;
    const char *what;
    int         sig;       /* signal events: the signal */
    const char *xname;     /* ... and an optional hex field */
    uint32_t    x;
};

/* Queue event `ev` (written by sched_flush_events). */
static void ev_push(struct sim *s, const char *ev, uint32_t pid, uint32_t tid, uint32_t other,
                    const char *what)
{
    if (!s->trace)
        return;
    if (s->nev == s->evcap) {
        size_t cap = s->evcap ? s->evcap * 2 : 16;
        struct sched_ev *v = realloc(s->evq, cap * sizeof *v);
        if (!v)
            return;
        s->evq = v;
        s->evcap = cap;
    }
    s->evq[s->nev++] = (struct sched_ev){ ev, pid, tid, other, what, 0, NULL, 0 };
}

void sched_sig_event(struct sim *s, const char *ev, uint32_t pid, uint32_t tid, uint32_t from,
                     int sig, const char *xname, uint32_t x, const char *what)
{
    ev_push(s, ev, pid, tid, from, what);
    if (s->trace && s->nev) {
        struct sched_ev *e = &s->evq[s->nev - 1];
        e->sig = sig;
        e->xname = xname;
        e->x = x;
    }
}

void sched_flush_events(struct sim *s)
{
    for (size_t i = 0; i < s->nev; i++) {
        const struct sched_ev *e = &s->evq[i];
        trace_begin(s->trace, e->ev);
        trace_uint(s->trace, "pid", e->pid);
        if (e->tid)
            trace_uint(s->trace, "tid", e->tid);
        if (!strcmp(e->ev, "fork"))
            trace_uint(s->trace, "child", e->other);
        if (!strcmp(e->ev, "kill")) {
            trace_uint(s->trace, "target", e->other);
        }
        if (e->sig) {
            trace_int(s->trace, "sig", e->sig);
            if (e->other)
                trace_uint(s->trace, "from", e->other);
            if (e->xname)
                trace_hex(s->trace, e->xname, e->x);
        }
        if (e->what)
            trace_str(s->trace, !strcmp(e->ev, "block") ? "in" : "what", e->what);
        trace_uint(s->trace, "now_ns", s->now_ns);
        trace_end(s->trace);
    }
    s->nev = 0;
}

static void sig_inherit(struct proc *p, struct proc *c, struct thread *t, bool exec);

/* ---- the tables ----------------------------------------------------- */

struct proc *sched_find(struct sim *s, uint32_t pid)
{
    for (struct proc *p = s->procs; p; p = p->next)
        if (p->pid == pid)
            return p;
    return NULL;
}

struct thread *sched_current(struct proc *p)
{
    return p->sim->running;
}

/* A new runnable thread of p (context allocated on the engine). */
static struct thread *thread_new(struct proc *p)
{
    struct thread *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    if (uc_context_alloc(p->sim->uc, &t->ctx) != UC_ERR_OK) {
        free(t);
        return NULL;
    }
    t->p = p;
    t->tid = ++p->next_tid;
    t->seq = ++p->sim->thread_seq;
    t->semw.semid = -1;
    t->ss_flags = 2;        /* SS_DISABLE: no alternate signal stack */
    t->state = TS_RUNNABLE;
    struct thread **pp = &p->sim->threads;
    while (*pp)
        pp = &(*pp)->next;
    *pp = t;
    p->nthreads++;
    return t;
}

/* Forget thread t (unlinked and freed). */
static void thread_free(struct sim *s, struct thread *t)
{
    for (struct thread **pp = &s->threads; *pp; pp = &(*pp)->next)
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    engine_forget(t);
    if (t->p->last == t)
        t->p->last = NULL;
    if (t->ctx)
        uc_context_free(t->ctx);
    free(t);
}

/* Copy argv (argc strings) into p. 0 or -ENOMEM. */
static int argv_set(struct proc *p, int argc, char *const *argv)
{
    p->own_argv = calloc((size_t)argc + 1, sizeof *p->own_argv);
    if (!p->own_argv)
        return -ENOMEM;
    for (int i = 0; i < argc; i++)
        if (!(p->own_argv[i] = strdup(argv[i])))
            return -ENOMEM;
    p->argv = p->own_argv;
    p->argc = argc;
    return 0;
}

long sched_exec(struct proc *p, const char *path, int argc, char *const *argv, char *why,
                size_t n)
{
    struct sim *s = p->sim;
    struct thread *cur = s->running;
    int rc = loader_check(p, path, why, n);
    if (rc)
        return rc;
    char **old = p->own_argv;
    int old_argc = p->argc;
    if ((rc = argv_set(p, argc, argv)) != 0) {
        for (int i = 0; p->own_argv && i < argc; i++)
            free(p->own_argv[i]);
        free(p->own_argv);
        p->own_argv = old;
        p->argv = old;
        p->argc = old_argc;
        snprintf(why, n, "out of memory");
        return rc;
    }
    for (int i = 0; old && i < old_argc; i++)
        free(old[i]);
    free(old);
    /* ---- the point of no return ---- */
    for (struct thread *t = s->threads, *next; t; t = next) {   /* only the caller stays */
        next = t->next;
        if (t->p == p && t != cur) {
            if (t->state != TS_DONE)
                p->nthreads--;
            if (t->semw.semid >= 0)                /* a blocked semop stops counting */
                semtab_unwait(s->semtab, &t->semw);
            thread_free(s, t);
        }
    }
    tm_exec(p);
    s->kernel->exec(p);                 /* caught signals back to SIG_DFL */
    s->mem->release(p);                 /* the old image's hooked instructions */
    engine_sync_tlb(p);
    uint32_t entry, sp;
    if ((rc = loader_load(p, path, &entry, why, n)) != 0 || (rc = loader_stack(p, &sp)) != 0 ||
        s->arch->init_regs(s->uc, entry, sp) != 0) {
        engine_kill(p, 9, "exec failed after the old image was gone");
        s->resched = true;
        return 0;
    }
    engine_sync_tlb(p);
    ev_push(s, "exec", p->pid, cur->tid, 0, p->argv[0]);    /* p owns the string */
    return 0;
}

/* p's scheduling policy, nice value, saved IDs and resource limits: the
 * parent's (fork and spawn inherit them), else the defaults (SCHED_OTHER
 * at priority 10, QNX's default; limits as docs/posix/libc.md lists). */
static void proc_sys_init(struct proc *p, const struct proc *parent)
{
    if (parent) {
        p->sys = parent->sys;
        return;
    }
    struct sim *s = p->sim;
    struct proc_sys *y = &p->sys;
    y->policy = 3;                                  /* QNX SCHED_OTHER */
    y->prio = 10;
    y->nice = 0;
    y->suid = s->o.set_creds ? s->o.uid : 0;
    y->sgid = s->o.set_creds ? s->o.gid : 0;
    for (int i = 0; i < PROC_NRLIMIT; i++)
        y->rlim_cur[i] = y->rlim_max[i] = UINT64_MAX;   /* RLIM_INFINITY */
    y->rlim_cur[3] = 8u << 20;                      /* RLIMIT_STACK: 8 MiB soft */
    y->rlim_cur[4] = y->rlim_max[4] = 0;            /* RLIMIT_CORE: no core files */
    y->rlim_cur[6] = y->rlim_max[6] = PROC_MAX;     /* RLIMIT_NPROC */
    y->rlim_cur[7] = y->rlim_max[7] = s->o.max_fds ? s->o.max_fds : 1024; /* RLIMIT_NOFILE: --max-fds */
    y->rlim_cur[8] = y->rlim_max[8] = 8u << 20;     /* RLIMIT_MEMLOCK: 8 MiB, Linux's */
}

/* over_nproc(p): p may not create a process under its RLIMIT_NPROC: the
 * processes of p's real user reach the soft limit (root is exempt, as on Linux). */
static bool over_nproc(struct proc *p)
{
    uint32_t uid, euid, gid, egid, n = 0;
    mm_proc_creds(p->mm, &uid, &euid, &gid, &egid);
    if (euid == 0 || p->sys.rlim_cur[6] == UINT64_MAX)
        return false;
    for (struct proc *q = p->sim->procs; q; q = q->next) {
        uint32_t u, e, g, ge;
        if (q->reaped || !q->mm)
            continue;
        mm_proc_creds(q->mm, &u, &e, &g, &ge);
        n += u == uid;
    }
    return n >= p->sys.rlim_cur[6];
}

/* A new process table entry (no engine, no address space yet). */
static struct proc *proc_new(struct sim *s, struct proc *parent)
{
    struct proc *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->sim = s;
    p->pid = s->next_pid++;
    p->parent = parent;
    p->ppid = parent ? parent->pid : 0;
    p->pgid = parent ? parent->pgid : p->pid;
    p->sid = parent ? parent->sid : p->pid;
    p->state = PROC_RUNNING;
    memcpy(p->cwd, parent ? parent->cwd : "/", parent ? sizeof p->cwd : 2);
    p->umask = parent ? parent->umask : 022;
    proc_sys_init(p, parent);
    struct proc **pp = &s->procs;
    while (*pp)
        pp = &(*pp)->next;
    *pp = p;
    return p;
}

/* Release p's engine, threads and address space (idempotent). */
static void proc_release(struct proc *p)
{
    struct sim *s = p->sim;
    for (struct thread *t = s->threads, *n; t; t = n) {
        n = t->next;
        if (t->p == p)
            thread_free(s, t);
    }
    p->nthreads = 0;
    engine_destroy(p);
    if (p->mm)
        tm_proc_destroy(p);
    p->mm = NULL;
    p->torn_down = true;
}

/* Unlink and free p (torn down). */
static void proc_free(struct proc *p)
{
    struct sim *s = p->sim;
    proc_release(p);
    for (struct proc **pp = &s->procs; *pp; pp = &(*pp)->next)
        if (*pp == p) {
            *pp = p->next;
            break;
        }
    if (p->own_argv)
        for (int i = 0; i < p->argc; i++)
            free(p->own_argv[i]);
    free(p->own_argv);
    free(p);
}

/* A new process's first registers: a fresh CPU in user mode at entry
 * with stack sp (engine_make_context's edit). */
struct entry_regs {
    const struct arch_ops *a;
    uint32_t entry, sp;
};

static int set_entry(uc_engine *uc, void *arg)
{
    struct entry_regs *e = arg;
    return e->a->init_regs(uc, e->entry, e->sp);
}

/* ---- creation ------------------------------------------------------- */

struct proc *sched_spawn(struct sim *s, struct proc *parent, const char *path, int argc,
                         char *const *argv, int *err, char *why, size_t n)
{
    if (nprocs(s) >= PROC_MAX || (parent && over_nproc(parent))) {
        *err = -EAGAIN;
        snprintf(why, n, "too many processes (%u)", PROC_MAX);
        return NULL;
    }
    struct proc *p = proc_new(s, parent);
    if (!p) {
        *err = -ENOMEM;
        snprintf(why, n, "out of memory");
        return NULL;
    }
    uint32_t entry, sp;
    int rc = argv_set(p, argc, argv);
    if (!rc && tm_proc_create(p, !s->o.unprivileged) != 0)
        rc = -ENOMEM;
    if (!rc && !parent && s->o.set_creds)          /* --uid / --gid: the first process */
        tm_proc_creds(p, s->o.uid, s->o.gid);
    if (!rc && parent) {                           /* spawn keeps the parent's credentials */
        uint32_t uid, euid, gid, egid;
        mm_proc_creds(parent->mm, &uid, &euid, &gid, &egid);
        tm_proc_creds(p, uid, gid);
        rc = tm_fd_inherit(parent, p);             /* fds without FD_CLOEXEC (kcall_fd.c) */
    }
    if (!rc)
        rc = engine_create(p);
    if (rc) {
        snprintf(why, n, "cannot create process: %s",
                 engine_budget_full(s) ? "the host-memory budget (--max-host-mem) is reached"
                                       : "out of memory");
        goto fail;
    }
    if ((rc = loader_load(p, path, &entry, why, n)) != 0)
        goto fail;
    if ((rc = loader_stack(p, &sp)) != 0) {
        snprintf(why, n, "cannot map the stack: %s", strerror(-rc));
        goto fail;
    }
    struct thread *t = thread_new(p);
    struct entry_regs er = { s->arch, entry, sp };
    if (!t || engine_make_context(s, t, true, set_entry, &er) != 0) {
        rc = -ENOMEM;
        snprintf(why, n, "cannot set the initial registers");
        goto fail;
    }
    p->last = t;
    if (parent)
        sig_inherit(parent, p, t, true);
    trace_begin(s->trace, "spawn");
    trace_uint(s->trace, "pid", p->pid);
    if (parent)
        trace_uint(s->trace, "ppid", parent->pid);
    trace_str(s->trace, "path", argv[0]);
    trace_hex(s->trace, "entry", entry);
    trace_hex(s->trace, "sp", sp);
    trace_end(s->trace);
    return p;
fail:
    *err = rc < 0 ? rc : -rc;
    proc_free(p);
    return NULL;
}

/* Child c of p (its thread t) gets p's dispositions and the calling
 * thread's mask and alternate stack; pending signals are not inherited.
 * `exec` (posix_spawn): caught signals go back to SIG_DFL and the
 * alternate stack is dropped, as exec does. */
static void sig_inherit(struct proc *p, struct proc *c, struct thread *t, bool exec)
{
    memcpy(c->sigact, p->sigact, sizeof c->sigact);
    struct thread *me = p->sim->running && p->sim->running->p == p ? p->sim->running : NULL;
    if (me) {
        t->sig_mask = me->in_sigsuspend ? me->suspend_saved : me->sig_mask;
        t->ss_sp = me->ss_sp;
        t->ss_size = me->ss_size;
        t->ss_flags = me->ss_flags;
    }
    if (!exec)
        return;
    for (int i = 0; i < SIG_COUNT; i++)
        if (c->sigact[i].handler > 1)
            c->sigact[i] = (struct sigdisp){0};
    t->ss_sp = t->ss_size = 0;
    t->ss_flags = 2;        /* SS_DISABLE */
}

/* A forked child's registers: a fresh CPU in user mode with the parent's
 * user registers (read before, in `v`) and 0 as fork's result. */
struct fork_regs {
    const struct arch_ops *a;
    uint32_t v[64];
};

static int set_fork(uc_engine *uc, void *arg)
{
    struct fork_regs *f = arg;
    const struct arch_ops *a = f->a;
    uint32_t zero = 0;
    if (a->init_regs(uc, 0, 0) != 0)
        return -1;
    for (unsigned i = 0; i < a->n_fork_regs; i++)
        if (uc_reg_write(uc, a->fork_regs[i], &f->v[i]) != UC_ERR_OK)
            return -1;
    return uc_reg_write(uc, a->reg_ret, &zero) == UC_ERR_OK ? 0 : -1;
}

/* Child thread t of the running (loaded) thread of p gets its registers. */
static int fork_context(struct proc *p, struct thread *t)
{
    struct sim *s = p->sim;
    struct fork_regs f = { .a = s->arch };
    if (s->arch->n_fork_regs > sizeof f.v / sizeof f.v[0])
        return -EIO;
    for (unsigned i = 0; i < s->arch->n_fork_regs; i++)
        if (uc_reg_read(s->uc, s->arch->fork_regs[i], &f.v[i]) != UC_ERR_OK)
            return -EIO;
    return engine_make_context(s, t, true, set_fork, &f);
}

long sched_fork(struct proc *p)
{
    struct sim *s = p->sim;
    if (nprocs(s) >= PROC_MAX || over_nproc(p))
        return -EAGAIN;
    struct proc *c = proc_new(s, p);
    if (!c)
        return -ENOMEM;
    if (argv_set(c, p->argc, p->argv) || tm_proc_fork(p, c) != 0 || engine_create(c) != 0 ||
        s->mem->forked(p, c) != 0)
        goto fail;
    struct thread *t = thread_new(c);
    if (!t || fork_context(p, t) != 0)
        goto fail;
    c->last = t;
    sig_inherit(p, c, t, false);
    ev_push(s, "fork", p->pid, 0, c->pid, NULL);
    return c->pid;
fail:
    proc_free(c);
    return -ENOMEM;
}

/* A new thread's registers: the creator's with pc, sp and the first two
 * arguments replaced (engine_make_context's edit). */
struct thread_regs {
    const struct arch_ops *a;
    uint32_t v[4];          /* pc, sp, arg 0, arg 1 */
};

static int set_thread(uc_engine *uc, void *arg)
{
    struct thread_regs *r = arg;
    const int regs[4] = { r->a->reg_pc, r->a->reg_sp, r->a->reg_arg[0], r->a->reg_arg[1] };
    for (int i = 0; i < 4; i++)
        if (uc_reg_write(uc, regs[i], &r->v[i]) != UC_ERR_OK)
            return -1;
    return 0;
}

long sched_thread_create(struct proc *p, uint32_t pc, uint32_t sp, uint32_t a0, uint32_t a1)
{
    struct sim *s = p->sim;
    const struct arch_ops *a = s->arch;
    if (nthreads_of(p) >= THREAD_MAX)
        return -EAGAIN;
    struct thread *t = thread_new(p);
    if (!t)
        return -EAGAIN;
    /* The new context: the creator's registers with pc, sp and the
     * arguments replaced (made in the engine: Unicorn 2.1's
     * uc_context_reg_write crashes for ARM). */
    struct thread_regs tr = { a, { pc, sp, a0, a1 } };
    bool ok = engine_make_context(s, t, false, set_thread, &tr) == 0;
    if (!ok) {
        t->state = TS_DONE;
        p->nthreads--;
        return -EAGAIN;
    }
    ev_push(s, "thread", p->pid, t->tid, 0, NULL);
    return t->tid;
}

/* ---- sleep and wakeup ----------------------------------------------- */

long sched_sleep(struct proc *p, uint64_t chan, uint64_t wake_at, long timeout_ret,
                 const char *what)
{
    struct sim *s = p->sim;
    struct thread *t = s->running;
    if (t->sig_intr) {              /* a handler ran since the call began */
        t->sig_intr = false;
        return -EINTR;
    }
    t->state = TS_BLOCKED;
    t->chan = chan;
    t->wake_at = wake_at;
    t->timeout_ret = timeout_ret;
    t->wait_what = what;
    t->block_seq = ++s->block_seq;
    s->resched = true;
    ev_push(s, "block", p->pid, t->tid, 0, what);
    return KC_BLOCKED;
}

/* Make blocked thread t runnable; complete its call with r if `complete`. */
static void wake(struct sim *s, struct thread *t, bool complete, long r)
{
    t->state = TS_RUNNABLE;
    t->wake_at = 0;
    t->has_result = complete;
    t->result = r;
    if (complete)
        t->fdwait.active = false;   /* completed for it: no fd call to resume */
    ev_push(s, "wake", t->p->pid, t->tid, 0, NULL);
}

/* Calls POSIX never restarts after a handler, whatever SA_RESTART says. */
static bool never_restarted(const char *what)
{
    static const char *const calls[] = { "nanosleep", "semop", "sigsuspend", "sigtimedwait" };
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
        if (what && !strcmp(what, calls[i]))
            return true;
    return false;
}

void sched_interrupt(struct thread *t, bool restart)
{
    struct sim *s = t->p->sim;
    if (t->state != TS_BLOCKED)
        return;
    bool join = t->wait_what && !strcmp(t->wait_what, "pthread_join");
    if (!join && (!restart || never_restarted(t->wait_what))) {
        t->sig_intr = true;
        t->sig_left_ns = t->wake_at > s->now_ns ? t->wake_at - s->now_ns : 0;
    }
    wake(s, t, false, 0);
}

void sched_wakeup(struct sim *s, uint64_t chan)
{
    for (struct thread *t = s->threads; t; t = t->next)
        if (t->state == TS_BLOCKED && t->chan == chan)
            wake(s, t, false, 0);
}

unsigned sched_wake_n(struct sim *s, uint64_t chan, unsigned n, long result)
{
    unsigned woken = 0;
    while (woken < n) {
        struct thread *first = NULL;
        for (struct thread *t = s->threads; t; t = t->next)
            if (t->state == TS_BLOCKED && t->chan == chan &&
                (!first || t->block_seq < first->block_seq))
                first = t;
        if (!first)
            break;
        wake(s, first, true, result);
        woken++;
    }
    return woken;
}

void sched_terminate(struct proc *p, int status, int sig)
{
    if (p->state != PROC_RUNNING)
        return;
    if (sig) {
        p->state = PROC_KILLED;
        p->signal = sig;
        p->exit_status = 128 + sig;
    } else {
        p->state = PROC_EXITED;
        p->exit_status = status & 0xff;
    }
    if (p->sim->running && p->sim->running->p == p)
        p->sim->resched = true;
}

/* ---- termination ---------------------------------------------------- */

/* --stats: counters of p, of the machine so far (process switches,
 * translations dropped for freed code frames) and the host's peak memory,
 * on stderr. */
static void print_stats(const struct proc *p)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(p->sim->err,
            "mmsim stats: kcalls=%" PRIu64 " tlb_fills=%" PRIu64 " tlb_flushes=%" PRIu64
            " faults_resolved=%" PRIu64 " frames_free=%" PRIu64 "/%" PRIu64
            " process_switches=%" PRIu64 " code_flushes=%" PRIu64 " host_peak_rss_kib=%ld\n",
            p->kcalls, p->tlb_fills, p->tlb_flushes, p->faults_resolved,
            p->sim->frames.nfree, p->sim->phys.ram_size / MMSIM_PAGE_SIZE, p->sim->switches,
            p->sim->tb_flushes, ru.ru_maxrss);
}

/* p stopped running: report, trace, wake its parent, release everything. */
static void proc_finish(struct proc *p)
{
    struct sim *s = p->sim;
    fflush(s->out);
    if (p->state == PROC_KILLED && !p->quiet_kill)
        report_fault(p, s->err);
    sched_flush_events(s);
    trace_begin(s->trace, "exit");
    trace_uint(s->trace, "pid", p->pid);
    trace_int(s->trace, "status", p->exit_status);
    trace_int(s->trace, "signal", p->state == PROC_KILLED ? p->signal : 0);
    trace_uint(s->trace, "kcalls", p->kcalls);
    trace_end(s->trace);
    if (p->pid == 1) {
        s->init_status = p->exit_status;
        if (s->o.dump_pt)
            sim_dump_tables(p);
        if (s->o.stats)
            print_stats(p);
        if (s->o.capture)
            sim_capture(p);
    }
    p->term_seq = ++s->term_seq;
    s->kernel->proc_exit(p);
    proc_release(p);
    /* Children become orphans: reaped by mmsim at their end. */
    for (struct proc *c = s->procs, *n; c; c = n) {
        n = c->next;
        if (c->parent == p) {
            c->parent = NULL;
            c->ppid = 1;
            if (c->torn_down)
                c->reaped = true;
        }
    }
    if (p->parent)
        sched_wakeup(s, CHAN(CHAN_CHILD, p->parent->pid));
    else
        p->reaped = true;
    sched_flush_events(s);
}

/* Finish every process that stopped and free the reaped ones. */
static void sweep(struct sim *s)
{
    for (struct proc *p = s->procs; p; p = p->next)
        if (p->state != PROC_RUNNING && !p->torn_down)
            proc_finish(p);
    for (struct proc *p = s->procs, *n; p; p = n) {
        n = p->next;
        if (p->torn_down && p->reaped)
            proc_free(p);
    }
}

/* ---- the scheduler -------------------------------------------------- */

/* The first runnable thread created after the one with sequence number
 * `after` (round robin in creation order, wrapping). */
static struct thread *pick(struct sim *s, uint64_t after)
{
    struct thread *first = NULL;
    for (struct thread *t = s->threads; t; t = t->next) {
        if (t->state != TS_RUNNABLE || t->p->state != PROC_RUNNING)
            continue;
        if (t->seq > after)
            return t;
        if (!first)
            first = t;
    }
    return first;
}

/* Fire the timeouts that are due; true if any fired. */
static bool fire_timers(struct sim *s)
{
    bool any = false;
    for (struct proc *p = s->procs; p; p = p->next)
        if (p->state == PROC_RUNNING && p->alarm_at && p->alarm_at <= s->now_ns) {
            s->kernel->alarm(p);
            any = true;
        }
    for (struct thread *t = s->threads; t; t = t->next)
        if (t->state == TS_BLOCKED && t->wake_at && t->wake_at <= s->now_ns) {
            wake(s, t, true, t->timeout_ret);
            any = true;
        }
    return any;
}

/* Everybody blocked: jump time to the earliest timeout; false if none. */
static bool advance_to_timer(struct sim *s)
{
    uint64_t at = 0;
    for (struct thread *t = s->threads; t; t = t->next)
        if (t->state == TS_BLOCKED && t->wake_at && (!at || t->wake_at < at))
            at = t->wake_at;
    for (struct proc *p = s->procs; p; p = p->next)
        if (p->state == PROC_RUNNING && p->alarm_at && (!at || p->alarm_at < at))
            at = p->alarm_at;
    if (!at)
        return false;
    if (at > s->now_ns)
        s->now_ns = at;
    return fire_timers(s);
}

/* Report a deadlock and kill every process. */
static void deadlock(struct sim *s)
{
    fflush(s->out);
    fprintf(s->err, "mmsim: deadlock: every thread is blocked and none has a timeout\n");
    trace_begin(s->trace, "deadlock");
    trace_arr_begin(s->trace, "blocked");
    for (struct thread *t = s->threads; t; t = t->next) {
        if (t->state != TS_BLOCKED || t->p->state != PROC_RUNNING)
            continue;
        fprintf(s->err, "  process %u thread %u blocked in %s\n", t->p->pid, t->tid,
                t->wait_what ? t->wait_what : "?");
        trace_obj_begin(s->trace, NULL);
        trace_uint(s->trace, "pid", t->p->pid);
        trace_uint(s->trace, "tid", t->tid);
        trace_str(s->trace, "in", t->wait_what ? t->wait_what : "?");
        trace_obj_end(s->trace);
    }
    trace_arr_end(s->trace);
    trace_end(s->trace);
    fprintf(s->err, "mmsim: every process killed (SIGKILL); exit status %d\n", DEADLOCK_STATUS);
    s->deadlock = true;
    for (struct proc *p = s->procs; p; p = p->next)
        if (p->state == PROC_RUNNING) {
            p->quiet_kill = true;
            sched_terminate(p, 0, 9);
        }
}

/* A host signal (SIGINT, SIGTERM, SIGHUP) asked the run to stop, and the
 * engine running a slice when it came, if any. */
static volatile sig_atomic_t stop_signal;
static uc_engine *volatile slice_uc;

void sched_host_stop(int sig)
{
    stop_signal = sig;
    uc_engine *uc = slice_uc;
    if (uc)
        uc_emu_stop(uc);
}

/* The run was interrupted by host signal sig: kill every process (no
 * fault reports); sched_run tells why once they are torn down. */
static void interrupt_all(struct sim *s, int sig)
{
    for (struct proc *p = s->procs; p; p = p->next)
        if (p->state == PROC_RUNNING) {
            p->quiet_kill = true;
            sched_terminate(p, 0, 9);
        }
    s->interrupted = sig;
}

/* End the trace of an interrupted run with a record that says why (the
 * last record), and tell the user. */
static void report_interrupt(struct sim *s)
{
    int sig = s->interrupted;
    const char *name = sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "SIGHUP";
    trace_begin(s->trace, "interrupted");
    trace_str(s->trace, "signal", name);
    trace_uint(s->trace, "now_ns", s->now_ns);
    trace_end(s->trace);
    fprintf(s->err, "mmsim: interrupted by %s: every process killed; output and trace are "
                    "complete up to here; exit status %d\n", name, 128 + sig);
}

/* Host microseconds since an arbitrary start (only for --timeout). */
static uint64_t host_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* A slice ended by its instruction count or the time limit; `cut`: the
 * count was shortened to reach p's alarm (not a --max-insns limit). */
static void slice_expired(struct sim *s, struct proc *p, uint64_t count, uint64_t deadline,
                          bool cut)
{
    char note[160];
    uint32_t pc = 0;
    uc_reg_read(s->uc, s->arch->reg_pc, &pc);
    if (deadline && host_us() >= deadline) {
        snprintf(note, sizeof note, "stopped: time limit (--timeout %u s) reached at pc 0x%08x",
                 s->o.timeout_s, pc);
        for (struct proc *q = s->procs; q; q = q->next)
            if (q->state == PROC_RUNNING && q != p) {
                engine_kill(q, 9, "stopped: time limit (--timeout) reached");
                q->quiet_kill = true;
            }
        engine_kill(p, 9, note);
        return;
    }
    s->insns_used += count;
    s->now_ns += count;
    if (s->o.max_insns && ((!s->o.quantum && !cut) || s->insns_used >= s->o.max_insns)) {
        snprintf(note, sizeof note,
                 "stopped: instruction limit (--max-insns %llu) reached at pc 0x%08x",
                 (unsigned long long)s->o.max_insns, pc);
        engine_kill(p, 9, note);
    }
}

/* Run thread t for one slice. */
static void run_slice(struct sim *s, struct thread *t, uint64_t deadline)
{
    struct proc *p = t->p;
    if (engine_load(t) != 0) {
        engine_kill(p, 4, "cannot switch thread registers");
        return;
    }
    /* another process may have changed this one's table (ftruncate
     * shrinking a shared object clears PTEs in every process) */
    engine_sync_tlb(p);
    uint64_t count = s->o.max_insns;
    if (s->o.quantum) {
        count = s->o.quantum;
        if (s->o.max_insns && s->o.max_insns - s->insns_used < count)
            count = s->o.max_insns - s->insns_used;
    }
    /* A process with an alarm runs at most until it: time advances one ns
     * per instruction of an expired slice, so SIGALRM comes on time even
     * to a process that never makes a kernel call. */
    bool cut = false;
    if (p->alarm_at) {
        uint64_t left = p->alarm_at > s->now_ns ? p->alarm_at - s->now_ns : 1;
        if (!count || left < count) {
            count = left;
            cut = true;
        }
    }
    uint64_t tmo = 0;
    if (deadline) {
        uint64_t now = host_us();
        tmo = now < deadline ? deadline - now : 1;
    }
    s->running = t;
    s->cur = p;
    s->kernel->deliver(p);
    sched_flush_events(s);
    slice_uc = s->uc;
    enum slice_end e = SLICE_DEAD;
    if (p->state == PROC_RUNNING)
        e = stop_signal ? SLICE_STOPPED : debug_slice(p, count, tmo);
    slice_uc = NULL;
    s->running = NULL;
    if (e == SLICE_EXPIRED)
        slice_expired(s, p, count, deadline, cut);
    sched_flush_events(s);
}

int sched_run(struct sim *s)
{
    uint64_t deadline = s->o.timeout_s ? host_us() + (uint64_t)s->o.timeout_s * 1000000u : 0;
    uint64_t last = 0;
    for (;;) {
        sweep(s);
        if (stop_signal) {
            interrupt_all(s, stop_signal);
            sweep(s);
            break;
        }
        if (s->dbg && s->dbg->abort) {          /* the debugger ends this run (kill, restart) */
            for (struct proc *p = s->procs; p; p = p->next)
                if (p->state == PROC_RUNNING) {
                    p->quiet_kill = true;
                    sched_terminate(p, 0, 9);
                }
            sweep(s);
            break;
        }
        fire_timers(s);
        struct thread *t = pick(s, last);
        if (!t) {
            bool live = false;
            for (struct proc *p = s->procs; p; p = p->next)
                live |= p->state == PROC_RUNNING;
            if (!live)
                break;
            if (!advance_to_timer(s))
                deadlock(s);
            sched_flush_events(s);
            continue;
        }
        last = t->seq;
        run_slice(s, t, deadline);
    }
    sweep(s);
    for (struct proc *p = s->procs, *n; p; p = n) {   /* unreaped zombies */
        n = p->next;
        proc_free(p);
    }
    sched_flush_events(s);
    free(s->evq);
    s->evq = NULL;
    s->nev = s->evcap = 0;
    s->cur = NULL;
    if (s->interrupted) {
        report_interrupt(s);
        return 128 + s->interrupted;
    }
    return s->deadlock ? DEADLOCK_STATUS : s->init_status;
}
