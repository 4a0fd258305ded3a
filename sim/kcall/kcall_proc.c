/*
 * kcall_proc.c - kernel calls of processes, threads, futexes and time
 * (numbers 40-54 of include/mmsim/kcall.h).  The scheduling itself, the
 * process table and sleep/wakeup live in sched.c.
 *
 * Choices (where POSIX leaves room, see docs/DESIGN-NOTES.md):
 * - spawn is posix_spawn without file actions or attributes: `path` names
 *   a guest ELF in the directory of the program given to `mmsim run`
 *   (relative names are resolved there; an absolute path or a symlink
 *   must stay inside it, else EACCES).  The child gets the argv given, an
 *   empty environment, console fds 0-2 and a fresh address space.
 * - waitpid: pid -1 is any child, 0 a child in the caller's process
 *   group, < -1 a child in group -pid; the child that terminated first is reported first.  Status
 *   word: exit code << 8, or the signal number (the classic encoding
 *   <sys/wait.h> decodes).  Orphans get ppid 1 and are reaped by mmsim.
 * - kill: signals, handlers, process groups: kcall_signal.c.
 * - futex: the key is the *physical* address of the word, so waiters and
 *   wakers in different processes meet through shared memory; the page is
 *   made writable (a COW copy taken) first so the key cannot change.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "mmsim/kcall.h"
#include "kcall.h"
#include "ksignal.h"
#include "sim.h"
#include "trace.h"

#define SPAWN_ARGS_MAX  64
#define SPAWN_ARG_LEN   1024
#define G_WNOHANG       0x40
#define G_WUNTRACED     0x04
#define G_CLOCK_REALTIME  0
#define G_CLOCK_MONOTONIC 2
#define NS 1000000000ull

/* ---- processes ------------------------------------------------------ */

static long k_fork(struct call *c)
{
    return sched_fork(c->p);
}

/* The host path of guest program `name`, inside s->prog_dir. */
int spawn_path(struct sim *s, const char *name, char *out)
{
    char cand[PATH_MAX * 2], dir[PATH_MAX];
    if (!name[0])
        return -ENOENT;
    if (name[0] == '/')
        snprintf(cand, sizeof cand, "%s", name);
    else
        snprintf(cand, sizeof cand, "%s/%s", s->prog_dir, name);
    if (!realpath(s->prog_dir, dir))
        return -ENOENT;
    if (!realpath(cand, out))
        return errno == ENAMETOOLONG ? -ENAMETOOLONG : -ENOENT;
    size_t n = strlen(dir);
    if (strncmp(out, dir, n) != 0 || (out[n] != '/' && strcmp(dir, "/") != 0))
        return -EACCES;
    return 0;
}

/* Free the first n strings of v and v. */
void free_args(char **v, int n)
{
    for (int i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* Copy the guest argv (NULL-terminated array of pointers) at va. */
int copy_args(struct proc *p, uint32_t va, const char *name, char ***out, int *argc)
{
    char **v = calloc(SPAWN_ARGS_MAX + 1, sizeof *v);
    if (!v)
        return -ENOMEM;
    int n = 0, rc = 0;
    if (!va) {
        v[n++] = strdup(name);
    } else {
        for (;; n++) {
            uint8_t w[4];
            if ((rc = copyin(p, w, va + 4u * (uint32_t)n, 4)) != 0)
                break;
            uint32_t sva = g32(p, w);
            if (!sva)
                break;
            if (n == SPAWN_ARGS_MAX) {
                rc = -E2BIG;
                break;
            }
            char buf[SPAWN_ARG_LEN];
            if ((rc = copyinstr(p, buf, sva, sizeof buf)) != 0) {
                rc = rc == -ENAMETOOLONG ? -E2BIG : rc;
                break;
            }
            if (!(v[n] = strdup(buf))) {
                rc = -ENOMEM;
                break;
            }
        }
        if (!rc && n == 0)
            v[n++] = strdup(name);      /* argv[0] at least */
    }
    for (int i = 0; i < n && !rc; i++)
        if (!v[i])
            rc = -ENOMEM;
    if (rc) {
        free_args(v, n);
        return rc;
    }
    *out = v;
    *argc = n;
    return 0;
}

int program_args(struct call *c, char *path, char ***argv, int *argc)
{
    char name[SPAWN_ARG_LEN];
    int rc = kcall_name_arg(c, c->a[0], name, sizeof name);
    if (rc)
        return rc;
    if ((rc = spawn_path(c->p->sim, name, path)) != 0) {
        c->why = rc == -EACCES ? "program outside the directory of the first program" : NULL;
        return rc;
    }
    return copy_args(c->p, c->a[1], name, argv, argc);
}

/* posix_spawn(pid *, path, NULL, NULL, argv, envp): (path, argv, pid_t *pid). */
static long k_spawn(struct call *c)
{
    struct proc *p = c->p;
    char path[PATH_MAX];
    char **argv;
    int argc;
    int rc = program_args(c, path, &argv, &argc);
    if (rc)
        return rc;
    uint8_t w[4] = {0};
    if (c->a[2] && (rc = copyout(p, c->a[2], w, 4)) != 0) {   /* check it first */
        free_args(argv, argc);
        return rc;
    }
    char why[256];
    int err = 0;
    struct proc *child = sched_spawn(p->sim, p, path, argc, argv, &err, why, sizeof why);
    free_args(argv, argc);
    if (!child) {
        c->why = err == -ENOEXEC ? "not a loadable guest ELF for this CPU" : "cannot load the program";
        return err;
    }
    trace_uint(c->t, "child", child->pid);
    p32(p, w, child->pid);
    if (c->a[2] && copyout(p, c->a[2], w, 4) != 0)
        return -EFAULT;
    return 0;
}

/* The classic wait status of terminated process q. */
static uint32_t wait_status(const struct proc *q)
{
    if (q->state == PROC_KILLED)
        return (uint32_t)q->signal & 0x7f;
    return ((uint32_t)q->exit_status & 0xff) << 8;
}

/* waitpid(pid, int *status, options). */
static long k_waitpid(struct call *c)
{
    struct proc *p = c->p;
    int32_t pid = (int32_t)c->a[0];
    uint32_t opts = c->a[2];
    if (opts & ~(uint32_t)(G_WNOHANG | G_WUNTRACED))
        return -EINVAL;
    bool any = false;
    struct proc *done = NULL;
    for (struct proc *q = p->sim->procs; q; q = q->next) {
        if (q->parent != p || (pid > 0 && q->pid != (uint32_t)pid) || q->reaped)
            continue;
        if ((pid == 0 && q->pgid != p->pgid) || (pid < -1 && q->pgid != (uint32_t)-pid))
            continue;
        any = true;
        if (q->torn_down && (!done || q->term_seq < done->term_seq))
            done = q;
    }
    if (!any)
        return -ECHILD;
    if (!done) {
        if (opts & G_WNOHANG)
            return 0;
        return sched_sleep(p, CHAN(CHAN_CHILD, p->pid), 0, 0, "waitpid");
    }
    uint8_t w[4];
    p32(p, w, wait_status(done));
    if (c->a[1] && copyout(p, c->a[1], w, 4) != 0)
        return -EFAULT;
    done->reaped = true;
    trace_hex(c->t, "status", wait_status(done));
    return done->pid;
}

static long k_getppid(struct call *c)
{
    return c->p->ppid;
}

/* kill(pid, sig): signals, process groups and their rules are in
 * kcall_signal.c. */
static long k_kill(struct call *c)
{
    return sig_kill(c->p, (int32_t)c->a[0], c->a[1]);
}

/* ---- threads -------------------------------------------------------- */

static long k_thread_create(struct call *c)
{
    return sched_thread_create(c->p, c->a[0], c->a[1], c->a[2], c->a[3]);
}

/* The thread `tid` of p, or NULL. */
static struct thread *find_thread(struct proc *p, uint32_t tid)
{
    for (struct thread *t = p->sim->threads; t; t = t->next)
        if (t->p == p && t->tid == tid)
            return t;
    return NULL;
}

static long k_thread_exit(struct call *c)
{
    struct proc *p = c->p;
    struct thread *t = sched_current(p);
    t->state = TS_DONE;
    t->exit_value = c->a[0];
    p->sim->resched = true;
    if (--p->nthreads == 0)
        sched_terminate(p, 0, 0);
    else
        sched_wakeup(p->sim, CHAN(CHAN_JOIN, (uint64_t)p->pid << 32 | t->tid));
    return 0;
}

static long k_thread_join(struct call *c)
{
    struct proc *p = c->p;
    struct thread *t = find_thread(p, c->a[0]);
    if (!t || t->joined)
        return t ? -EINVAL : -ESRCH;
    if (t == sched_current(p))
        return -EDEADLK;
    if (t->detached)
        return -EINVAL;
    if (t->state != TS_DONE)
        return sched_sleep(p, CHAN(CHAN_JOIN, (uint64_t)p->pid << 32 | t->tid), 0, 0,
                           "pthread_join");
    uint8_t w[4];
    p32(p, w, t->exit_value);
    if (c->a[1] && copyout(p, c->a[1], w, 4) != 0)
        return -EFAULT;
    t->joined = true;
    return 0;
}

static long k_thread_detach(struct call *c)
{
    struct thread *t = find_thread(c->p, c->a[0]);
    if (!t)
        return -ESRCH;
    if (t->detached || t->joined)
        return -EINVAL;
    t->detached = true;
    return 0;
}

static long k_gettid(struct call *c)
{
    return sched_current(c->p)->tid;
}

/* ---- time ----------------------------------------------------------- */

/* Read a guest struct timespec {time_t sec (32-bit); long nsec} as ns.
 * 0, -EFAULT or -EINVAL (nsec outside 0..999999999). */
static int get_timespec(struct proc *p, uint32_t va, uint64_t *ns)
{
    uint8_t b[8];
    if (copyin(p, b, va, sizeof b) != 0)
        return -EFAULT;
    uint32_t sec = g32(p, b), nsec = g32(p, b + 4);
    if (nsec >= NS)
        return -EINVAL;
    *ns = (uint64_t)sec * NS + nsec;
    return 0;
}

static long k_clock_gettime(struct call *c)
{
    struct proc *p = c->p;
    if (c->a[0] != G_CLOCK_REALTIME && c->a[0] != G_CLOCK_MONOTONIC)
        return -EINVAL;
    uint64_t now = p->sim->now_ns;
    if (c->a[0] == G_CLOCK_REALTIME)                 /* --epoch: the wall clock at time 0 */
        now += (uint64_t)p->sim->o.epoch * NS;
    uint8_t b[8];
    p32(p, b, (uint32_t)(now / NS));
    p32(p, b + 4, (uint32_t)(now % NS));
    return copyout(p, c->a[1], b, sizeof b);
}

static long k_nanosleep(struct call *c)
{
    struct proc *p = c->p;
    uint64_t ns;
    int rc = get_timespec(p, c->a[0], &ns);
    if (rc)
        return rc;
    if (c->a[1]) {                     /* never interrupted: rem is 0 */
        uint8_t z[8] = {0};
        if (copyout(p, c->a[1], z, sizeof z) != 0)
            return -EFAULT;
    }
    if (ns == 0)
        return 0;
    long r = sched_sleep(p, CHAN(CHAN_TIMER, 0), p->sim->now_ns + ns, 0, "nanosleep");
    if (r == -EINTR && c->a[1]) {      /* a handler ran: the time left */
        uint64_t left = sched_current(p)->sig_left_ns;
        uint8_t b[8];
        p32(p, b, (uint32_t)(left / NS));
        p32(p, b + 4, (uint32_t)(left % NS));
        if (copyout(p, c->a[1], b, sizeof b) != 0)
            return -EFAULT;
    }
    return r;
}

static long k_sched_yield(struct call *c)
{
    c->p->sim->resched = true;
    return 0;
}

/* ---- futexes -------------------------------------------------------- */

/* The futex key of the word at guest va (writable, aligned). */
static int futex_key(struct call *c, uint32_t va, uint64_t *key)
{
    paddr_t pa;
    if (va & 3)
        return -EINVAL;
    if (uaddr_phys(c->p, va, true, &pa) != 0)
        return -EFAULT;
    engine_sync_tlb(c->p);      /* a COW copy may have replaced a PTE */
    trace_hex(c->t, "paddr", pa);
    *key = CHAN(CHAN_FUTEX, pa);
    return 0;
}

/* futex_wait(addr, val, abs CLOCK_REALTIME deadline or 0): the deadline
 * is what sem_timedwait, pthread_mutex_timedlock and pthread_cond_timedwait
 * get (POSIX: the realtime clock), so --epoch comes off it. */
static long k_futex_wait(struct call *c)
{
    struct proc *p = c->p;
    uint64_t key, deadline = 0;
    int rc = futex_key(c, c->a[0], &key);
    if (rc)
        return rc;
    if (c->a[2] && (rc = get_timespec(p, c->a[2], &deadline)) != 0)
        return rc;
    uint8_t w[4];
    if (copyin(p, w, c->a[0], 4) != 0)
        return -EFAULT;
    if (g32(p, w) != c->a[1])
        return -EAGAIN;
    uint64_t epoch_ns = (uint64_t)p->sim->o.epoch * NS;
    if (c->a[2] && (deadline <= epoch_ns || deadline - epoch_ns <= p->sim->now_ns))
        return -ETIMEDOUT;
    if (c->a[2])
        deadline -= epoch_ns;
    return sched_sleep(p, key, c->a[2] ? deadline : 0, -ETIMEDOUT, "futex_wait");
}

static long k_futex_wake(struct call *c)
{
    uint64_t key;
    int rc = futex_key(c, c->a[0], &key);
    if (rc)
        return rc;
    return sched_wake_n(c->p->sim, key, c->a[1], 0);
}

/* atomic_cas(addr, old, new, int *prev): one compare-and-swap, never
 * pre-empted (the ARMv5 guest's atomics). */
static long k_atomic_cas(struct call *c)
{
    struct proc *p = c->p;
    paddr_t pa;
    uint8_t w[4];
    if (c->a[0] & 3)
        return -EINVAL;
    if (uaddr_phys(p, c->a[0], true, &pa) != 0 || copyin(p, w, c->a[0], 4) != 0)
        return -EFAULT;
    engine_sync_tlb(p);
    uint32_t old = g32(p, w);
    if (c->a[3] && copyout(p, c->a[3], w, 4) != 0)
        return -EFAULT;
    if (old == c->a[1]) {
        p32(p, w, c->a[2]);
        if (copyout(p, c->a[0], w, 4) != 0)
            return -EFAULT;
    }
    return 0;
}

static const struct kcall_def proc_defs[] = {
    {KC_ATOMIC_CAS, "atomic_cas", 4, k_atomic_cas},
    {KC_FORK, "fork", 0, k_fork},
    {KC_SPAWN, "spawn", 3, k_spawn},
    {KC_WAITPID, "waitpid", 3, k_waitpid},
    {KC_GETPPID, "getppid", 0, k_getppid},
    {KC_KILL, "kill", 2, k_kill},
    {KC_THREAD_CREATE, "thread_create", 4, k_thread_create},
    {KC_THREAD_EXIT, "thread_exit", 1, k_thread_exit},
    {KC_THREAD_JOIN, "thread_join", 2, k_thread_join},
    {KC_GETTID, "gettid", 0, k_gettid},
    {KC_FUTEX_WAIT, "futex_wait", 3, k_futex_wait},
    {KC_FUTEX_WAKE, "futex_wake", 2, k_futex_wake},
    {KC_CLOCK_GETTIME, "clock_gettime", 2, k_clock_gettime},
    {KC_NANOSLEEP, "nanosleep", 2, k_nanosleep},
    {KC_SCHED_YIELD, "sched_yield", 0, k_sched_yield},
    {KC_THREAD_DETACH, "thread_detach", 1, k_thread_detach},
};

const struct kcall_table kcall_proc_table = KCALL_TABLE(proc_defs);
