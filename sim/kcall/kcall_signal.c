/*
 * kcall_signal.c - POSIX signals, interval timers and process groups
 * (kernel calls 110-125 of include/mmsim/kcall.h).
 *
 * State: dispositions, the process-directed pending set, the process
 * group, session and ITIMER_REAL live in struct proc; each thread has its
 * mask, its own pending set and its alternate stack (sim.h).
 *
 * Generation (sig_send_*): SIGKILL and a signal whose default action
 * terminates kill the process at once (the fault report says who sent
 * it); an ignored, unblocked signal is dropped; otherwise it becomes
 * pending.  A thread in sigtimedwait for it is woken; a blocked thread
 * that can take a caught signal is interrupted (sched_interrupt).
 *
 * Delivery: when a kernel call returns, at the start of a slice, and at
 * once for synchronous faults.  The frame (guest stack, 16-byte aligned):
 *   +0   16 bytes: PowerPC back chain (the interrupted r1) and LR slot
 *   +16  siginfo_t (12 words)
 *   +64  ucontext_t: flags, link, mask (2 words), stack_t (3 words),
 *        mcontext gregs (40 words), 6 kernel words (the blocked call's
 *        completion state: has_result, result, EINTR flag, time left)
 * ARM: r0 = sig, r1 = &info, r2 = &uc, sp = frame, lr = the restorer;
 * PowerPC: r3, r4, r5, r1 = frame, LR = the restorer.  The restorer is
 * the runtime's __sigreturn, passed by sigaction like Linux's
 * sa_restorer; it traps KC_SIGRETURN with the frame address, which puts
 * back every register and the mask.  One signal is delivered at a time;
 * the next pending one comes when the handler returns (or calls a kernel
 * call), so nested handlers happen only for unmasked signals.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mmsim/kcall.h"
#include "kcall.h"
#include "ksignal.h"
#include "sim.h"
#include "trace.h"

/* Guest (QNX) values. */
#define G_SIGILL   4
#define G_SIGTRAP  5
#define G_SIGKILL  9
#define G_SIGALRM  14
#define G_SIGCHLD  18
#define G_SIGSTOP  23
#define G_SA_SIGINFO   0x0002
#define G_SA_RESETHAND 0x0004
#define G_SA_ONSTACK   0x0008
#define G_SA_NODEFER   0x0010
#define G_SA_NOCLDWAIT 0x0020
#define G_SA_RESTART   0x0040
#define G_SIG_BLOCK   0
#define G_SIG_UNBLOCK 1
#define G_SIG_SETMASK 2
#define G_SS_ONSTACK  1
#define G_SS_DISABLE  2
#define G_MINSIGSTKSZ 2048
#define G_SI_USER   0
#define G_SI_QUEUE  (-1)
#define G_SI_KERNEL 0x80
#define G_CLD_EXITED 1
#define G_CLD_KILLED 2
#define H_DFL 0u
#define H_IGN 1u
#define UNBLOCKABLE (SIG_BIT(G_SIGKILL) | SIG_BIT(G_SIGSTOP))
#define NS 1000000000ull

/* Frame layout (see the top of the file). */
#define FR_INFO    16
#define INFO_SIZE  48
#define FR_UC      64
#define UC_MASK    8
#define UC_STACK   16
#define UC_GREGS   28
#define NGREGS     40
#define UC_KERNEL  (UC_GREGS + 4 * NGREGS)
#define UC_SIZE    (UC_KERNEL + 24)
#define FRAME_SIZE ((FR_UC + UC_SIZE + 15) & ~15)
#define FRAME_MAGIC 0x5349474du   /* "SIGM" */

/* What the default action of sig does. */
enum dfl { DFL_TERM, DFL_IGN };

static enum dfl default_action(int sig)
{
    switch (sig) {
    case 18: case 19: case 20: case 21: case 25:  /* CHLD PWR WINCH URG CONT */
    case 24: case 30: case 31:                    /* TSTP TTIN TTOU: no job control */
        return DFL_IGN;
    default:
        return DFL_TERM;
    }
}

static bool sig_valid(uint32_t sig)
{
    return sig >= 1 && sig <= SIG_COUNT;
}

/* True if sig is ignored by p (explicitly, or by its default action). */
static bool ignored(const struct proc *p, int sig)
{
    const struct sigdisp *d = &p->sigact[sig - 1];
    return d->handler == H_IGN || (d->handler == H_DFL && default_action(sig) == DFL_IGN);
}

static bool caught(const struct proc *p, int sig)
{
    return p->sigact[sig - 1].handler > H_IGN;
}

/* Lowest signal in set (set != 0). */
static int lowest(uint64_t set)
{
    return __builtin_ctzll(set) + 1;
}

/* ---- guest encodings -------------------------------------------------- */

static uint64_t get_set(struct proc *p, const uint8_t *b)
{
    return (uint64_t)g32(p, b) | (uint64_t)g32(p, b + 4) << 32;
}

static void put_set(struct proc *p, uint8_t *b, uint64_t set)
{
    p32(p, b, (uint32_t)set);
    p32(p, b + 4, (uint32_t)(set >> 32));
}

/* Read a guest sigset_t at va.  0 or -EFAULT. */
static int copyin_set(struct proc *p, uint32_t va, uint64_t *set)
{
    uint8_t b[8];
    if (copyin(p, b, va, sizeof b) != 0)
        return -EFAULT;
    *set = get_set(p, b);
    return 0;
}

static int copyout_set(struct proc *p, uint32_t va, uint64_t set)
{
    uint8_t b[8];
    put_set(p, b, set);
    return copyout(p, va, b, sizeof b) ? -EFAULT : 0;
}

/* The guest siginfo_t of sig with si. */
static void encode_info(struct proc *p, uint8_t *b, int sig, const struct ksiginfo *si)
{
    memset(b, 0, INFO_SIZE);
    p32(p, b + 0, (uint32_t)sig);
    p32(p, b + 4, (uint32_t)si->code);
    p32(p, b + 12, si->pid);
    p32(p, b + 16, si->uid);
    p32(p, b + 20, si->addr);
    p32(p, b + 24, (uint32_t)si->status);
    p32(p, b + 28, si->value);
}

/* Real uid of p (si_uid). */
static uint32_t uid_of(struct proc *p)
{
    uint32_t uid = 0, euid, gid, egid;
    if (p && p->mm)
        mm_proc_creds(p->mm, &uid, &euid, &gid, &egid);
    return uid;
}

/* t's per-signal information array (allocated on first use). */
static struct ksiginfo *tinfo(struct thread *t)
{
    if (!t->sig_info)
        t->sig_info = calloc(SIG_COUNT, sizeof *t->sig_info);
    return t->sig_info;
}

/* ---- generation --------------------------------------------------------- */

/* Kill p by the default action of sig, with a note for the report. */
static void die_of(struct proc *p, int sig, const struct ksiginfo *si)
{
    char note[128];
    if (si->code == G_SI_USER || si->code == G_SI_QUEUE)
        snprintf(note, sizeof note, "signal %d sent by kill() from process %u", sig, si->pid);
    else if (sig == G_SIGALRM)
        snprintf(note, sizeof note, "signal %d from the interval timer (alarm)", sig);
    else
        snprintf(note, sizeof note, "signal %d sent by the kernel (code %d)", sig, si->code);
    sched_sig_event(p->sim, "sig_default", p->pid, 0, 0, sig, NULL, 0, "terminate");
    engine_kill(p, sig, note);
    if (p->sim->running && p->sim->running->p == p)
        p->sim->resched = true;
}

/* True if every live thread of p blocks sig. */
static bool all_block(struct proc *p, int sig)
{
    for (struct thread *t = p->sim->threads; t; t = t->next)
        if (t->p == p && t->state != TS_DONE && !(t->sig_mask & SIG_BIT(sig)))
            return false;
    return true;
}

/* A thread of p in sigtimedwait for sig (only t if given), or NULL. */
static struct thread *sig_waiter(struct proc *p, struct thread *only, int sig)
{
    for (struct thread *t = p->sim->threads; t; t = t->next)
        if (t->p == p && (!only || t == only) && t->state == TS_BLOCKED &&
            t->chan == CHAN(CHAN_SIGNAL, t->seq) && (t->sig_waitset & SIG_BIT(sig)))
            return t;
    return NULL;
}

/* The thread that will run p's handler of process-directed sig: NULL if
 * the running or a runnable thread will take it when it next runs. */
static struct thread *blocked_taker(struct proc *p, int sig)
{
    struct thread *blocked = NULL;
    for (struct thread *t = p->sim->threads; t; t = t->next) {
        if (t->p != p || t->state == TS_DONE || (t->sig_mask & SIG_BIT(sig)))
            continue;
        if (t->state == TS_RUNNABLE)
            return NULL;
        if (!blocked)
            blocked = t;
    }
    return blocked;
}

/* Generate sig for q (thread-directed to t if given) with si. */
static void send(struct proc *q, struct thread *t, int sig, const struct ksiginfo *si)
{
    struct sim *s = q->sim;
    if (q->state != PROC_RUNNING || q->torn_down)
        return;
    sched_sig_event(s, "signal", q->pid, t ? t->tid : 0, si->pid, sig, NULL, 0, NULL);
    if (sig == G_SIGKILL) {
        die_of(q, sig, si);
        return;
    }
    bool blocked = t ? (t->sig_mask & SIG_BIT(sig)) != 0 : all_block(q, sig);
    if (ignored(q, sig) && !blocked) {
        sched_sig_event(s, "sig_default", q->pid, 0, 0, sig, NULL, 0, "ignore");
        return;
    }
    if (t) {
        struct ksiginfo *ti = tinfo(t);
        if (!(t->sig_pending & SIG_BIT(sig)) && ti) {
            t->sig_pending |= SIG_BIT(sig);
            ti[sig - 1] = *si;
        }
    } else if (!(q->sig_pending & SIG_BIT(sig))) {
        q->sig_pending |= SIG_BIT(sig);
        q->sig_info[sig - 1] = *si;
    }
    struct thread *w = sig_waiter(q, t, sig);
    if (w) {
        sched_wakeup(s, CHAN(CHAN_SIGNAL, w->seq));
        return;
    }
    if (blocked || ignored(q, sig))
        return;
    if (!caught(q, sig)) {          /* default action: terminate */
        die_of(q, sig, si);
        return;
    }
    struct thread *target = t ? t : blocked_taker(q, sig);
    if (target && target->state == TS_BLOCKED)
        sched_interrupt(target, (q->sigact[sig - 1].flags & G_SA_RESTART) != 0);
}

int sig_send_thread(struct thread *t, int sig, int code)
{
    if (!sig_valid((uint32_t)sig))
        return -EINVAL;
    struct ksiginfo si = { .code = code, .pid = t->p->pid, .uid = uid_of(t->p) };
    send(t->p, t, sig, &si);
    return 0;
}

int sig_send_proc(struct proc *q, struct proc *from, int sig, int code, uint32_t value)
{
    if (!sig_valid((uint32_t)sig))
        return -EINVAL;
    struct ksiginfo si = { .code = code, .pid = from ? from->pid : 0, .uid = uid_of(from),
                           .value = value };
    send(q, NULL, sig, &si);
    return 0;
}

/* Is q one of the processes kill(pid) from p names? */
static bool kill_matches(const struct proc *p, const struct proc *q, int32_t pid)
{
    if (q->reaped)
        return false;
    if (pid > 0)
        return q->pid == (uint32_t)pid;
    if (pid == 0)
        return q->pgid == p->pgid;
    if (pid == -1)
        return q->pid != 1 && q != p;
    return q->pgid == (uint32_t)-pid;
}

long sig_kill(struct proc *p, int32_t pid, uint32_t sig)
{
    if (sig != 0 && !sig_valid(sig))
        return -EINVAL;
    if (sig == G_SIGSTOP)
        return -ENOTSUP;                 /* no stopped processes in mmsim */
    if (pid == INT32_MIN)
        return -ESRCH;
    bool found = false, self = false;
    for (struct proc *q = p->sim->procs; q; q = q->next) {
        if (!kill_matches(p, q, pid))
            continue;
        found = true;
        if (q == p) {                    /* last: the others get it first */
            self = true;
            continue;
        }
        if (sig)
            sig_send_proc(q, p, (int)sig, G_SI_USER, 0);
    }
    if (self && sig)
        sig_send_proc(p, p, (int)sig, G_SI_USER, 0);
    return found ? 0 : -ESRCH;
}

/* ---- the frame ------------------------------------------------------------ */

#define ARM_CPSR 16
#define PPC_PC   32
#define PPC_MSR  33
#define PPC_LR   35
#define CPSR_USER_BITS 0xf80f0200u   /* NZCVQ, IT[1:0], J, GE, E: what sigreturn may set */
#define CPSR_T 0x20u

static bool is_arm(const struct proc *p)
{
    return p->sim->arch->uc_arch == UC_ARCH_ARM;
}

/* The mcontext register list of p's flavour (arch_ops.user_regs). */
static const int *frame_regs(const struct proc *p, unsigned *n)
{
    *n = p->sim->arch->n_user_regs;
    return p->sim->arch->user_regs;
}

/* Read the user registers of the loaded thread into g. */
static void save_regs(struct proc *p, uint32_t g[NGREGS])
{
    unsigned n;
    const int *r = frame_regs(p, &n);
    memset(g, 0, NGREGS * sizeof g[0]);
    for (unsigned i = 0; i < n; i++)
        uc_reg_read(p->sim->uc, r[i], &g[i]);
}

/* Put g back into the engine: only the user bits of CPSR (mode stays
 * user), MSR not at all (privilege stays with the kernel). */
static void restore_regs(struct proc *p, uint32_t g[NGREGS])
{
    unsigned n;
    const int *r = frame_regs(p, &n);
    if (is_arm(p)) {
        uint32_t cpsr = 0;
        uc_reg_read(p->sim->uc, UC_ARM_REG_CPSR, &cpsr);
        cpsr = (cpsr & ~(CPSR_USER_BITS | CPSR_T)) | (g[ARM_CPSR] & (CPSR_USER_BITS | CPSR_T));
        uc_reg_write(p->sim->uc, UC_ARM_REG_CPSR, &cpsr);
        for (unsigned i = 0; i < ARM_CPSR; i++)
            uc_reg_write(p->sim->uc, r[i], &g[i]);
        return;
    }
    for (unsigned i = 0; i < n; i++)
        if (i != PPC_MSR)
            uc_reg_write(p->sim->uc, r[i], &g[i]);
}

/* The whole engine state of an interrupted PowerPC thread, kept by the
 * kernel for its frame: Unicorn 2.1 neither reads nor writes XER[CA]
 * through UC_PPC_REG_XER (QEMU keeps the carry apart), so sigreturn
 * restores this context first and the frame's registers on top. */
struct sigctx {
    uint32_t       frame;
    uc_context    *ctx;
    struct sigctx *next;     /* older frames */
};

/* Forget t's contexts of frames at or below `frame` (returned from, or
 * abandoned by a longjmp out of the handler); all of them if frame is ~0. */
static void ctx_drop(struct thread *t, uint32_t frame)
{
    while (t->sig_ctx && t->sig_ctx->frame <= frame) {
        struct sigctx *c = t->sig_ctx;
        t->sig_ctx = c->next;
        uc_context_free(c->ctx);
        free(c);
    }
}

/* Keep the engine state of loaded thread t for its new frame. */
static void ctx_push(struct proc *p, struct thread *t, uint32_t frame)
{
    if (is_arm(p))
        return;
    ctx_drop(t, frame);
    struct sigctx *c = calloc(1, sizeof *c);
    if (!c)
        return;
    if (uc_context_alloc(p->sim->uc, &c->ctx) != UC_ERR_OK || uc_context_save(p->sim->uc, c->ctx) != UC_ERR_OK) {
        if (c->ctx)
            uc_context_free(c->ctx);
        free(c);
        return;
    }
    c->frame = frame;
    c->next = t->sig_ctx;
    t->sig_ctx = c;
}

/* Put back the engine state kept for `frame`, if any, and forget it. */
static void ctx_pop(struct proc *p, struct thread *t, uint32_t frame)
{
    for (struct sigctx *c = t->sig_ctx; c; c = c->next)
        if (c->frame == frame) {
            uc_context_restore(p->sim->uc, c->ctx);
            break;
        }
    ctx_drop(t, frame);
}

/* Is sp on t's alternate stack? */
static bool on_altstack(const struct thread *t, uint32_t sp)
{
    return t->ss_flags != G_SS_DISABLE && t->ss_size && sp - t->ss_sp <= t->ss_size &&
           sp > t->ss_sp;
}

/* Build the frame of sig for the loaded thread t of p and enter the
 * handler; the mask in the frame is `saved`.  A frame that cannot be
 * written kills p with SIGSEGV (as Linux does). */
static void enter_handler(struct proc *p, struct thread *t, int sig, const struct ksiginfo *si,
                          uint64_t saved)
{
    struct sigdisp *d = &p->sigact[sig - 1];
    uint32_t g[NGREGS];
    save_regs(p, g);
    unsigned sp_i = is_arm(p) ? 13 : 1;
    uint32_t sp = g[sp_i];
    bool onstack = on_altstack(t, sp);
    uint32_t top = sp;
    if ((d->flags & G_SA_ONSTACK) && t->ss_flags != G_SS_DISABLE && t->ss_size && !onstack)
        top = t->ss_sp + t->ss_size;
    uint32_t base = (top - FRAME_SIZE) & ~15u;

    uint8_t f[FRAME_SIZE];
    memset(f, 0, sizeof f);
    if (!is_arm(p))
        p32(p, f, sp);                       /* back chain */
    encode_info(p, f + FR_INFO, sig, si);
    uint8_t *uc = f + FR_UC;
    put_set(p, uc + UC_MASK, saved);
    p32(p, uc + UC_STACK, t->ss_sp);
    p32(p, uc + UC_STACK + 4, onstack ? G_SS_ONSTACK : (uint32_t)t->ss_flags);
    p32(p, uc + UC_STACK + 8, t->ss_size);
    for (int i = 0; i < NGREGS; i++)
        p32(p, uc + UC_GREGS + 4 * i, g[i]);
    uint8_t *k = uc + UC_KERNEL;
    p32(p, k + 0, t->has_result);
    p32(p, k + 4, (uint32_t)t->result);
    p32(p, k + 8, t->sig_intr);
    p32(p, k + 12, (uint32_t)t->sig_left_ns);
    p32(p, k + 16, (uint32_t)(t->sig_left_ns >> 32));
    p32(p, k + 20, FRAME_MAGIC);
    if (copyout(p, base, f, sizeof f) != 0) {
        struct ksiginfo segv = { .code = G_SI_KERNEL };
        sched_sig_event(p->sim, "sig_default", p->pid, t->tid, 0, sig, "frame", base,
                        "terminate: the signal frame cannot be written");
        p->sigact[11 - 1].handler = H_DFL;
        die_of(p, 11, &segv);
        return;
    }
    ctx_push(p, t, base);
    t->has_result = false;
    t->sig_intr = false;
    t->in_sigsuspend = false;
    t->sig_mask = (saved | d->mask | (d->flags & G_SA_NODEFER ? 0 : SIG_BIT(sig))) & ~UNBLOCKABLE;
    uint32_t handler = d->handler, restorer = d->restorer;
    if (d->flags & G_SA_RESETHAND)
        *d = (struct sigdisp){0};
    sched_sig_event(p->sim, "sig_deliver", p->pid, t->tid, 0, sig, "handler", handler, NULL);

    uint32_t a0 = (uint32_t)sig, a1 = base + FR_INFO, a2 = base + FR_UC;
    if (is_arm(p)) {
        uint32_t cpsr = g[ARM_CPSR] & ~(CPSR_T | 0x0600fc00u);   /* ARM state, IT clear */
        uint32_t pc = handler & ~1u;
        if (handler & 1)
            cpsr |= CPSR_T;
        uc_reg_write(p->sim->uc, UC_ARM_REG_CPSR, &cpsr);
        uc_reg_write(p->sim->uc, UC_ARM_REG_R0, &a0);
        uc_reg_write(p->sim->uc, UC_ARM_REG_R1, &a1);
        uc_reg_write(p->sim->uc, UC_ARM_REG_R2, &a2);
        uc_reg_write(p->sim->uc, UC_ARM_REG_SP, &base);
        uc_reg_write(p->sim->uc, UC_ARM_REG_LR, &restorer);
        uc_reg_write(p->sim->uc, UC_ARM_REG_PC, &pc);
    } else {
        uc_reg_write(p->sim->uc, UC_PPC_REG_3, &a0);
        uc_reg_write(p->sim->uc, UC_PPC_REG_4, &a1);
        uc_reg_write(p->sim->uc, UC_PPC_REG_5, &a2);
        uc_reg_write(p->sim->uc, UC_PPC_REG_1, &base);
        uc_reg_write(p->sim->uc, UC_PPC_REG_LR, &restorer);
        uc_reg_write(p->sim->uc, UC_PPC_REG_PC, &handler);
    }
}

/* Take pending sig off t (or its process) into *si. */
static void dequeue(struct proc *p, struct thread *t, int sig, struct ksiginfo *si)
{
    if (t->sig_pending & SIG_BIT(sig)) {
        t->sig_pending &= ~SIG_BIT(sig);
        *si = t->sig_info ? t->sig_info[sig - 1] : (struct ksiginfo){0};
    } else {
        p->sig_pending &= ~SIG_BIT(sig);
        *si = p->sig_info[sig - 1];
    }
}

/* Deliver the first pending unblocked signal of the loaded thread t:
 * drop ignored ones, die of a terminating one, or enter a handler. */
static void deliver(struct proc *p, struct thread *t)
{
    while (p->state == PROC_RUNNING) {
        uint64_t ready = (t->sig_pending | p->sig_pending) & ~t->sig_mask;
        if (!ready)
            return;
        int sig = lowest(ready);
        struct ksiginfo si;
        dequeue(p, t, sig, &si);
        if (ignored(p, sig)) {
            sched_sig_event(p->sim, "sig_default", p->pid, t->tid, 0, sig, NULL, 0, "ignore");
            continue;
        }
        if (!caught(p, sig)) {
            die_of(p, sig, &si);
            return;
        }
        enter_handler(p, t, sig, &si, t->in_sigsuspend ? t->suspend_saved : t->sig_mask);
        return;
    }
}

void sig_deliver_hook(struct proc *p)
{
    struct thread *t = p->sim->running;
    if (t && t->p == p && t->state == TS_RUNNABLE)
        deliver(p, t);
}

void sig_after_kcall(struct call *c, unsigned num, long r)
{
    (void)r;
    struct proc *p = c->p;
    struct thread *t = p->sim->running;
    if (!t || t->p != p)
        return;
    if (num != KC_SIGRETURN)
        t->sig_intr = false;
    if (p->state == PROC_RUNNING && t->state == TS_RUNNABLE)
        deliver(p, t);
}

bool sig_fault_hook(struct proc *p, int sig, int code, uint32_t addr)
{
    struct thread *t = p->sim->running;
    if (!t || t->p != p || !caught(p, sig) || (t->sig_mask & SIG_BIT(sig)))
        return false;                    /* the default: the report, 128+sig */
    struct ksiginfo si = { .code = code, .addr = addr };
    sched_sig_event(p->sim, "signal", p->pid, t->tid, 0, sig, "addr", addr, "fault");
    enter_handler(p, t, sig, &si, t->in_sigsuspend ? t->suspend_saved : t->sig_mask);
    sched_flush_events(p->sim);
    return p->state == PROC_RUNNING;
}

void sig_alarm_hook(struct proc *p)
{
    struct sim *s = p->sim;
    if (p->alarm_interval) {
        while (p->alarm_at <= s->now_ns)
            p->alarm_at += p->alarm_interval;
    } else {
        p->alarm_at = 0;
    }
    sig_send_proc(p, NULL, G_SIGALRM, G_SI_KERNEL, 0);
    sched_flush_events(s);
}

void sig_exec(struct proc *p)
{
    for (int i = 0; i < SIG_COUNT; i++)
        if (p->sigact[i].handler > H_IGN)
            p->sigact[i] = (struct sigdisp){0};
    for (struct thread *t = p->sim->threads; t; t = t->next)
        if (t->p == p) {
            t->ss_sp = t->ss_size = 0;
            t->ss_flags = G_SS_DISABLE;
        }
}

void sig_proc_exit(struct proc *p)
{
    struct proc *parent = p->parent;
    struct thread *me = p->sim->running;
    for (struct thread *t = p->sim->threads; t; t = t->next)
        if (t->p == p) {
            free(t->sig_info);
            t->sig_info = NULL;
            ctx_drop(t, ~0u);
        }
    (void)me;
    p->alarm_at = 0;
    if (!parent || parent->state != PROC_RUNNING)
        return;
    const struct sigdisp *d = &parent->sigact[G_SIGCHLD - 1];
    bool killed = p->state == PROC_KILLED;
    struct ksiginfo si = { .code = killed ? G_CLD_KILLED : G_CLD_EXITED, .pid = p->pid,
                           .uid = uid_of(p), .status = killed ? p->signal : p->exit_status };
    if (d->handler == H_IGN || (d->flags & G_SA_NOCLDWAIT)) {
        p->parent = NULL;                /* no zombie: reaped at once */
        sched_wakeup(p->sim, CHAN(CHAN_CHILD, parent->pid));
    }
    send(parent, NULL, G_SIGCHLD, &si);
}

/* ---- kernel calls ---------------------------------------------------------- */

/* sigaction(sig, act, oact, restorer). */
static long k_sigaction(struct call *c)
{
    struct proc *p = c->p;
    uint32_t sig = c->a[0];
    if (!sig_valid(sig))
        return -EINVAL;
    struct sigdisp *d = &p->sigact[sig - 1], nd = {0};
    uint8_t b[16];
    if (c->a[1]) {
        if (sig == G_SIGKILL || sig == G_SIGSTOP)
            return -EINVAL;
        if (copyin(p, b, c->a[1], sizeof b) != 0)
            return -EFAULT;
        nd.handler = g32(p, b);
        nd.flags = g32(p, b + 4);
        nd.mask = get_set(p, b + 8) & ~UNBLOCKABLE;
        nd.restorer = c->a[3];
    }
    if (c->a[2]) {
        p32(p, b, d->handler);
        p32(p, b + 4, d->flags);
        put_set(p, b + 8, d->mask);
        if (copyout(p, c->a[2], b, sizeof b) != 0)
            return -EFAULT;
    }
    if (!c->a[1])
        return 0;
    *d = nd;
    trace_hex(c->t, "handler", nd.handler);
    if (ignored(p, (int)sig)) {          /* POSIX: pending instances are discarded */
        p->sig_pending &= ~SIG_BIT(sig);
        for (struct thread *t = p->sim->threads; t; t = t->next)
            if (t->p == p)
                t->sig_pending &= ~SIG_BIT(sig);
    }
    return 0;
}

/* sigprocmask(how, set, oset) of the calling thread. */
static long k_sigprocmask(struct call *c)
{
    struct proc *p = c->p;
    struct thread *t = sched_current(p);
    uint64_t set = 0;
    if (c->a[1]) {
        if (c->a[0] > G_SIG_SETMASK)
            return -EINVAL;
        if (copyin_set(p, c->a[1], &set) != 0)
            return -EFAULT;
    }
    if (c->a[2] && copyout_set(p, c->a[2], t->sig_mask) != 0)
        return -EFAULT;
    if (!c->a[1])
        return 0;
    switch (c->a[0]) {
    case G_SIG_BLOCK:   t->sig_mask |= set; break;
    case G_SIG_UNBLOCK: t->sig_mask &= ~set; break;
    default:            t->sig_mask = set; break;
    }
    t->sig_mask &= ~UNBLOCKABLE;
    return 0;
}

/* sigpending(set): pending and blocked (thread's and process's). */
static long k_sigpending(struct call *c)
{
    struct thread *t = sched_current(c->p);
    return copyout_set(c->p, c->a[0], (t->sig_pending | c->p->sig_pending) & t->sig_mask);
}

/* Signals pending for t that its mask lets through and that would do
 * something (a handler or death). */
static uint64_t deliverable(struct proc *p, struct thread *t)
{
    uint64_t ready = (t->sig_pending | p->sig_pending) & ~t->sig_mask, out = 0;
    for (uint64_t r = ready; r; r &= r - 1) {
        int sig = lowest(r);
        if (!ignored(p, sig))
            out |= SIG_BIT(sig);
    }
    return out;
}

/* sigsuspend(mask): mask in place until a handler has run; -EINTR. */
static long k_sigsuspend(struct call *c)
{
    struct proc *p = c->p;
    struct thread *t = sched_current(p);
    if (t->sig_intr) {                   /* re-issued after the handler */
        t->sig_intr = false;
        if (t->in_sigsuspend) {
            t->sig_mask = t->suspend_saved;
            t->in_sigsuspend = false;
        }
        return -EINTR;
    }
    uint64_t set;
    if (copyin_set(p, c->a[0], &set) != 0)
        return -EFAULT;
    if (!t->in_sigsuspend) {
        t->suspend_saved = t->sig_mask;
        t->in_sigsuspend = true;
    }
    t->sig_mask = set & ~UNBLOCKABLE;
    if (deliverable(p, t))
        return -EINTR;                   /* delivered on the way out */
    return sched_sleep(p, CHAN(CHAN_SIGNAL, t->seq), 0, 0, "sigsuspend");
}

/* sigtimedwait(set, info, relative timeout or 0). */
static long k_sigtimedwait(struct call *c)
{
    struct proc *p = c->p;
    struct thread *t = sched_current(p);
    uint64_t set, ns = 0;
    if (copyin_set(p, c->a[0], &set) != 0)
        return -EFAULT;
    set &= ~UNBLOCKABLE;
    if (c->a[2]) {
        uint8_t b[8];
        if (copyin(p, b, c->a[2], sizeof b) != 0)
            return -EFAULT;
        uint32_t nsec = g32(p, b + 4);
        if (nsec >= NS)
            return -EINVAL;
        ns = (uint64_t)g32(p, b) * NS + nsec;
    }
    uint64_t avail = (t->sig_pending | p->sig_pending) & set;
    if (avail) {
        int sig = lowest(avail);
        struct ksiginfo si;
        dequeue(p, t, sig, &si);
        t->sig_waitset = 0;
        if (c->a[1]) {
            uint8_t b[INFO_SIZE];
            encode_info(p, b, sig, &si);
            if (copyout(p, c->a[1], b, sizeof b) != 0)
                return -EFAULT;
        }
        return sig;
    }
    if (c->a[2] && ns == 0)
        return -EAGAIN;
    t->sig_waitset = set;
    return sched_sleep(p, CHAN(CHAN_SIGNAL, t->seq), c->a[2] ? p->sim->now_ns + ns : 0, -EAGAIN,
                       "sigtimedwait");
}

/* sigreturn(frame): the registers, mask and call state the frame saved. */
static long k_sigreturn(struct call *c)
{
    struct proc *p = c->p;
    struct thread *t = sched_current(p);
    uint8_t uc[UC_SIZE];
    struct ksiginfo segv = { .code = G_SI_KERNEL };
    if (copyin(p, uc, c->a[0] + FR_UC, sizeof uc) != 0 ||
        g32(p, uc + UC_KERNEL + 20) != FRAME_MAGIC) {
        c->why = "no signal frame at this address";
        p->sigact[11 - 1].handler = H_DFL;
        die_of(p, 11, &segv);
        return -EFAULT;
    }
    uint32_t g[NGREGS];
    for (int i = 0; i < NGREGS; i++)
        g[i] = g32(p, uc + UC_GREGS + 4 * i);
    ctx_pop(p, t, c->a[0]);
    restore_regs(p, g);
    t->sig_mask = get_set(p, uc + UC_MASK) & ~UNBLOCKABLE;
    const uint8_t *k = uc + UC_KERNEL;
    t->has_result = g32(p, k) != 0;
    t->result = (long)(int32_t)g32(p, k + 4);
    t->sig_intr = g32(p, k + 8) != 0;
    t->sig_left_ns = (uint64_t)g32(p, k + 12) | (uint64_t)g32(p, k + 16) << 32;
    c->keep_regs = true;
    sched_sig_event(p->sim, "sig_return", p->pid, t->tid, 0, 0, "pc", g[is_arm(p) ? 15 : PPC_PC],
                    NULL);
    return 0;
}

/* sigaltstack(ss, oss) of the calling thread. */
static long k_sigaltstack(struct call *c)
{
    struct proc *p = c->p;
    struct thread *t = sched_current(p);
    uint32_t sp = 0;
    uc_reg_read(p->sim->uc, p->sim->arch->reg_sp, &sp);
    bool on = on_altstack(t, sp);
    uint8_t b[12];
    uint32_t nsp = 0, nsize = 0, nflags = 0;
    if (c->a[0]) {
        if (copyin(p, b, c->a[0], sizeof b) != 0)
            return -EFAULT;
        nsp = g32(p, b);
        nflags = g32(p, b + 4);
        nsize = g32(p, b + 8);
    }
    if (c->a[1]) {
        p32(p, b, t->ss_sp);
        p32(p, b + 4, on ? G_SS_ONSTACK : (uint32_t)t->ss_flags);
        p32(p, b + 8, t->ss_size);
        if (copyout(p, c->a[1], b, sizeof b) != 0)
            return -EFAULT;
    }
    if (!c->a[0])
        return 0;
    if (on)
        return -EPERM;
    if (nflags != 0 && nflags != G_SS_DISABLE && nflags != G_SS_ONSTACK)
        return -EINVAL;
    if (nflags == G_SS_DISABLE) {
        t->ss_sp = t->ss_size = 0;
        t->ss_flags = G_SS_DISABLE;
        return 0;
    }
    if (nsize < G_MINSIGSTKSZ)
        return -ENOMEM;
    t->ss_sp = nsp;
    t->ss_size = nsize;
    t->ss_flags = 0;
    return 0;
}

/* The guest struct itimerval of p's ITIMER_REAL. */
static void encode_itimer(struct proc *p, uint8_t b[16])
{
    uint64_t now = p->sim->now_ns;
    uint64_t left = p->alarm_at > now ? p->alarm_at - now : (p->alarm_at ? 1000 : 0);
    p32(p, b, (uint32_t)(p->alarm_interval / NS));
    p32(p, b + 4, (uint32_t)(p->alarm_interval % NS / 1000));
    p32(p, b + 8, (uint32_t)(left / NS));
    p32(p, b + 12, (uint32_t)((left % NS + 999) / 1000));
    if (g32(p, b + 12) == 1000000) {     /* rounded up to a whole second */
        p32(p, b + 8, g32(p, b + 8) + 1);
        p32(p, b + 12, 0);
    }
}

/* Arm ITIMER_REAL: first expiry after value ns, then every interval ns. */
static void arm_itimer(struct proc *p, uint64_t value, uint64_t interval)
{
    p->alarm_at = value ? p->sim->now_ns + value : 0;
    p->alarm_interval = value ? interval : 0;
    if (value)                  /* end the slice: the next one stops at the alarm */
        p->sim->resched = true;
}

/* setitimer(which, new, old): ITIMER_REAL (0) only. */
static long k_setitimer(struct call *c)
{
    struct proc *p = c->p;
    if (c->a[0] != 0)
        return -EINVAL;
    uint8_t b[16];
    uint64_t val = 0, ival = 0;
    if (c->a[1]) {
        if (copyin(p, b, c->a[1], sizeof b) != 0)
            return -EFAULT;
        if (g32(p, b + 4) >= 1000000 || g32(p, b + 12) >= 1000000)
            return -EINVAL;
        ival = (uint64_t)g32(p, b) * NS + (uint64_t)g32(p, b + 4) * 1000;
        val = (uint64_t)g32(p, b + 8) * NS + (uint64_t)g32(p, b + 12) * 1000;
    }
    if (c->a[2]) {
        encode_itimer(p, b);
        if (copyout(p, c->a[2], b, sizeof b) != 0)
            return -EFAULT;
    }
    if (c->a[1])
        arm_itimer(p, val, ival);
    return 0;
}

static long k_getitimer(struct call *c)
{
    uint8_t b[16];
    if (c->a[0] != 0)
        return -EINVAL;
    encode_itimer(c->p, b);
    return copyout(c->p, c->a[1], b, sizeof b) ? -EFAULT : 0;
}

/* alarm(seconds): the seconds left of the previous alarm (rounded to
 * nearest, at least 1 if any time was left, as glibc). */
static long k_alarm(struct call *c)
{
    struct proc *p = c->p;
    uint64_t now = p->sim->now_ns;
    uint64_t left = p->alarm_at > now ? p->alarm_at - now : 0;
    long old = (long)(left / NS) + (left % NS >= NS / 2);
    if (left && !old)
        old = 1;
    arm_itimer(p, (uint64_t)c->a[0] * NS, 0);
    return old;
}

/* The thread `tid` of p that has not ended, or NULL. */
static struct thread *live_thread(struct proc *p, uint32_t tid)
{
    for (struct thread *t = p->sim->threads; t; t = t->next)
        if (t->p == p && t->tid == tid && t->state != TS_DONE)
            return t;
    return NULL;
}

/* pthread_kill(tid, sig). */
static long k_thread_kill(struct call *c)
{
    struct proc *p = c->p;
    uint32_t sig = c->a[1];
    if (sig != 0 && !sig_valid(sig))
        return -EINVAL;
    struct thread *t = live_thread(p, c->a[0]);
    if (!t)
        return -ESRCH;
    if (sig == G_SIGSTOP)
        return -ENOTSUP;
    if (sig)
        sig_send_thread(t, (int)sig, G_SI_USER);
    return 0;
}

/* sigqueue(pid, sig, value). */
static long k_sigqueue(struct call *c)
{
    struct proc *p = c->p;
    int32_t pid = (int32_t)c->a[0];
    uint32_t sig = c->a[1];
    if (sig != 0 && !sig_valid(sig))
        return -EINVAL;
    struct proc *q = pid > 0 ? sched_find(p->sim, (uint32_t)pid) : NULL;
    if (!q || q->reaped)
        return -ESRCH;
    if (sig == G_SIGSTOP)
        return -ENOTSUP;
    if (sig)
        sig_send_proc(q, p, (int)sig, G_SI_QUEUE, c->a[2]);
    return 0;
}

/* ---- process groups and sessions ------------------------------------------ */

/* The live (or zombie, not reaped) process pid; 0 means p. */
static struct proc *proc_arg(struct proc *p, int32_t pid)
{
    if (pid == 0)
        return p;
    struct proc *q = pid > 0 ? sched_find(p->sim, (uint32_t)pid) : NULL;
    return q && !q->reaped ? q : NULL;
}

/* setpgid(pid, pgid): POSIX's rules (the process itself or a child, same
 * session, no session leader, an existing group of the session). */
static long k_setpgid(struct call *c)
{
    struct proc *p = c->p;
    int32_t pid = (int32_t)c->a[0], pgid = (int32_t)c->a[1];
    if (pgid < 0 || pid < 0)
        return -EINVAL;
    struct proc *q = proc_arg(p, pid);
    if (!q || (q != p && q->parent != p))
        return -ESRCH;
    if (q->sid != p->sid || q->sid == q->pid)
        return -EPERM;
    uint32_t g = pgid ? (uint32_t)pgid : q->pid;
    if (g != q->pid) {
        bool exists = false;
        for (struct proc *r = p->sim->procs; r; r = r->next)
            exists |= !r->reaped && r->pgid == g && r->sid == p->sid;
        if (!exists)
            return -EPERM;
    }
    q->pgid = g;
    return 0;
}

static long k_getpgid(struct call *c)
{
    struct proc *q = proc_arg(c->p, (int32_t)c->a[0]);
    return q ? (long)q->pgid : -ESRCH;
}

static long k_getsid(struct call *c)
{
    struct proc *q = proc_arg(c->p, (int32_t)c->a[0]);
    return q ? (long)q->sid : -ESRCH;
}

/* setsid(): a new session and group led by p, unless p leads a group. */
static long k_setsid(struct call *c)
{
    struct proc *p = c->p;
    for (struct proc *r = p->sim->procs; r; r = r->next)
        if (!r->reaped && r->pgid == p->pid)
            return -EPERM;
    p->sid = p->pgid = p->pid;
    return p->pid;
}

static const struct kcall_def signal_defs[] = {
    {KC_SIGACTION, "sigaction", 4, k_sigaction},
    {KC_SIGPROCMASK, "sigprocmask", 3, k_sigprocmask},
    {KC_SIGPENDING, "sigpending", 1, k_sigpending},
    {KC_SIGSUSPEND, "sigsuspend", 1, k_sigsuspend},
    {KC_SIGRETURN, "sigreturn", 1, k_sigreturn},
    {KC_SIGTIMEDWAIT, "sigtimedwait", 3, k_sigtimedwait},
    {KC_SIGALTSTACK, "sigaltstack", 2, k_sigaltstack},
    {KC_SETITIMER, "setitimer", 3, k_setitimer},
    {KC_GETITIMER, "getitimer", 2, k_getitimer},
    {KC_THREAD_KILL, "thread_kill", 2, k_thread_kill},
    {KC_SIGQUEUE, "sigqueue", 3, k_sigqueue},
    {KC_SETPGID, "setpgid", 2, k_setpgid},
    {KC_GETPGID, "getpgid", 1, k_getpgid},
    {KC_SETSID, "setsid", 0, k_setsid},
    {KC_GETSID, "getsid", 1, k_getsid},
    {KC_ALARM, "alarm", 1, k_alarm},
};

const struct kcall_table kcall_signal_table = KCALL_TABLE(signal_defs);
