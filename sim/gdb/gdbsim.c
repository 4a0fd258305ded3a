/*
 * gdbsim.c - the GDB stub's target: the machine (see gdb.h).
 *
 * One connection, one followed process: process 1, the program named on
 * the command line, or the one --gdb-follow PID names (its threads are
 * gdb's threads; other processes run without the debugger, see
 * docs/GDB.md).  gdb is accepted when the followed process is about to
 * run its first instruction.
 *
 * Reverse execution.  Every run is deterministic, and the machine counts
 * the instructions the followed process starts (its position, debug.h).
 * `bs`/`bc` at position P re-execute the whole run from a fresh machine
 * twice: once to P, noting the last position before P where the thread
 * started an instruction (bs) or a breakpoint or watchpoint was reached
 * (bc), then to that position, where gdb is told the target stopped.
 * Re-executions print nothing the user has already seen (guest output is
 * counted per stream, and only bytes past what was shown are written) and
 * rewrite the trace from its start, so the trace of a session is always
 * that of the run as far as it got.  Changes made from gdb (register or
 * memory writes, a dropped signal) would not be re-executed: after one,
 * reverse execution is refused (E01), as it is with --root, whose files a
 * re-execution would write twice.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "checker.h"
#include "debug.h"
#include "gdb.h"
#include "gdbproto.h"

/* Which run of the machine this is. */
enum run_mode {
    MODE_LIVE,      /* the user's run (or its continuation after a reverse step) */
    MODE_SEARCH,    /* re-execution to the current position, noting the target */
    MODE_GOTO,      /* re-execution to the target position */
};

/* Guest output: what the user has seen of a stream, across re-executions. */
struct sink {
    FILE    *real;
    uint64_t shown;      /* bytes written to `real` so far (all runs) */
    uint64_t pos;        /* bytes this run has written */
    bool     discard;    /* the run is being ended: drop everything */
};

struct gdbsim {
    struct gdb_proto   pr;
    struct gdb_target  tgt;
    struct sim_debug   d;
    struct sim_kernel  kern;          /* the kernel-call layer with our fault/exit */
    const struct sim_kernel *real;
    const struct sim_opts *o;
    int      lfd, fd;
    char     unix_path[108];
    uint8_t  ibuf[4096];
    size_t   ipos, ilen;
    bool     connected, eof;
    struct sim *s;                    /* the machine of this run */
    enum run_mode mode, next_mode;
    bool     restart, killed, tainted;
    bool     first_stop;              /* the stop before the first instruction: no reply */
    bool     ever_connected;          /* gdb was accepted (at that first stop) */
    uint64_t rev_from;                /* position a reverse command started at */
    uint32_t rev_tid;                 /* bs: its thread; bc: 0 */
    uint64_t target;                  /* position to go to */
    bool     target_begin;            /* no earlier event: the start of the run */
    enum dbg_stop target_why;
    uint32_t target_addr;
    int      target_kind;
    bool     has_si;                  /* siginfo of the last stop */
    int      si_sig, si_code;
    uint32_t si_addr;
    int      resume_sig;              /* the signal gdb resumed with */
    struct sink out, err;
    char     xml[4096];
};

/* ---- registers ---------------------------------------------------------- */

static const char *const arm_names[] = {
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12",
    "sp", "lr", "pc", "cpsr",
};

static bool is_ppc(const struct gdbsim *g)
{
    return mmu_cpu_big_endian(g->o->cpu);
}

/* The target description: gdb's standard core features, Linux osabi (so
 * gdb knows the layout of $_siginfo). */
static void build_xml(struct gdbsim *g)
{
    size_t n = 0;
    char *x = g->xml;
    size_t cap = sizeof g->xml;
    n += (size_t)snprintf(x + n, cap - n,
                          "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
                          "<target version=\"1.0\">\n<architecture>%s</architecture>\n"
                          "<osabi>GNU/Linux</osabi>\n<feature name=\"%s\">\n",
                          is_ppc(g) ? "powerpc:common" : "arm",
                          is_ppc(g) ? "org.gnu.gdb.power.core" : "org.gnu.gdb.arm.core");
    if (is_ppc(g)) {
        for (int i = 0; i < 32; i++)
            n += (size_t)snprintf(x + n, cap - n, "<reg name=\"r%d\" bitsize=\"32\" type=\"uint32\"/>\n", i);
        n += (size_t)snprintf(x + n, cap - n,
                              "<reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\"/>\n"
                              "<reg name=\"msr\" bitsize=\"32\" type=\"uint32\"/>\n"
                              "<reg name=\"cr\" bitsize=\"32\" type=\"uint32\"/>\n"
                              "<reg name=\"lr\" bitsize=\"32\" type=\"code_ptr\"/>\n"
                              "<reg name=\"ctr\" bitsize=\"32\" type=\"uint32\"/>\n"
                              "<reg name=\"xer\" bitsize=\"32\" type=\"uint32\"/>\n");
    } else {
        for (int i = 0; i < 17; i++)
            n += (size_t)snprintf(x + n, cap - n, "<reg name=\"%s\" bitsize=\"32\"%s/>\n", arm_names[i],
                                  i == 13 ? " type=\"data_ptr\"" : i == 15 ? " type=\"code_ptr\"" : "");
    }
    snprintf(x + n, cap - n, "</feature>\n</target>\n");
}

static const char *t_xml(void *ctx)
{
    return ((struct gdbsim *)ctx)->xml;
}

/* The followed process, while it runs. */
static struct proc *followed(struct gdbsim *g)
{
    struct proc *p = g->s ? sched_find(g->s, g->d.pid) : NULL;
    return p && !p->torn_down && p->state == PROC_RUNNING ? p : NULL;
}

/* Thread tid of the followed process (0: the one that stopped, else the loaded one). */
static struct thread *thread_of(struct gdbsim *g, uint32_t tid)
{
    struct proc *p = followed(g);
    if (!p)
        return NULL;
    if (!tid)
        tid = g->pr.stop_tid;
    for (struct thread *t = g->s->threads; t; t = t->next)
        if (t->p == p && t->state != TS_DONE && t->tid == tid)
            return t;
    return tid == g->pr.stop_tid ? p->last : NULL;
}

static int t_reg(void *ctx, uint32_t tid, int n, uint32_t *v, bool write)
{
    struct gdbsim *g = ctx;
    struct proc *p = followed(g);
    struct thread *t = thread_of(g, tid);
    const struct arch_ops *a = g->s->arch;
    if (!p || !t || n < 0 || (unsigned)n >= a->n_user_regs)
        return -1;
    int reg = a->user_regs[n];
    if (write) {
        uint32_t old = 0;
        if (debug_reg(p, t, reg, &old, false) == 0 && old == *v)
            return 0;                         /* gdb writes back what it read */
        g->tainted = true;
    }
    return debug_reg(p, t, reg, v, write);
}

static long t_mem_read(void *ctx, uint32_t addr, uint8_t *b, uint32_t n)
{
    struct gdbsim *g = ctx;
    struct proc *p = followed(g);
    return p ? debug_peek(p, addr, b, n) : -EFAULT;
}

static int t_mem_write(void *ctx, uint32_t addr, const uint8_t *b, uint32_t n)
{
    struct gdbsim *g = ctx;
    struct proc *p = followed(g);
    if (!p)
        return -EFAULT;
    g->tainted = true;
    int rc = copyout(p, addr, b, n);
    engine_sync_tlb(p);
    uc_ctl_flush_tb(p->sim->uc);           /* the write may have changed code */
    return rc;
}

static int t_point(void *ctx, int type, uint32_t addr, uint32_t kind, bool insert)
{
    struct gdbsim *g = ctx;
    if (type <= 1)
        return debug_bp(g->s, addr, insert) == 0 ? 0 : -1;
    return debug_wp(g->s, type, addr, kind, insert) == 0 ? 0 : -1;
}

static int t_threads(void *ctx, uint32_t *tids, int max)
{
    struct gdbsim *g = ctx;
    struct proc *p = followed(g);
    int n = 0;
    for (struct thread *t = p ? g->s->threads : NULL; t && n < max; t = t->next)
        if (t->p == p && t->state != TS_DONE)
            tids[n++] = t->tid;
    return n;
}

static const char *t_thread_info(void *ctx, uint32_t tid)
{
    struct gdbsim *g = ctx;
    struct thread *t = tid ? thread_of(g, tid) : NULL;
    if (!t || t->tid != tid)
        return NULL;
    if (t->state == TS_BLOCKED) {
        static char buf[96];   /* only read before the next call */
        snprintf(buf, sizeof buf, "blocked in %s", t->wait_what ? t->wait_what : "?");
        return buf;
    }
    return "runnable";
}

static long t_siginfo(void *ctx, uint8_t *b, size_t n)
{
    struct gdbsim *g = ctx;
    if (!g->has_si || n < 128)
        return -1;
    memset(b, 0, 128);
    uint32_t f[4] = { (uint32_t)linux_signal_of(g->si_sig), 0, (uint32_t)g->si_code, g->si_addr };
    for (int i = 0; i < 4; i++)
        for (int k = 0; k < 4; k++)
            b[4 * i + k] = (uint8_t)(is_ppc(g) ? f[i] >> (24 - 8 * k) : f[i] >> (8 * k));
    return 128;
}

/* ---- monitor ------------------------------------------------------------ */

static void mon_walk(struct gdbsim *g, struct proc *p, uint32_t va, FILE *f)
{
    enum mmsim_cpu cpu = g->o->cpu;
    struct pt *pt = mm_proc_pt(p->mm);
    struct mm_map_info mi;
    fprintf(f, "walk of 0x%08x in process %u (%s), table root 0x%08" PRIx64 "\n", va, p->pid,
            mmu_cpu_name(cpu), (uint64_t)pt_root(pt));
    if (mm_lookup(p->mm, va, &mi) == 0)
        fprintf(f, "  mapping 0x%08x-0x%08x prot %c%c%c%s flags 0x%x obj#%" PRIu64 " objoff 0x%" PRIx64 "\n",
                mi.start, mi.start + mi.len, mi.prot & MM_PROT_READ ? 'r' : '-',
                mi.prot & MM_PROT_WRITE ? 'w' : '-', mi.prot & MM_PROT_EXEC ? 'x' : '-',
                mi.prot & MM_PROT_NOCACHE ? " nocache" : "", (unsigned)mi.flags, mi.objid,
                mi.objoff + (va - mi.start));
    else
        fprintf(f, "  no mapping\n");
    struct pt_walk w;
    pt_walk(pt, va, &w);
    static const char *const status[] = { "valid", "no level-1 entry", "no level-2 entry",
                                          "bad table" };
    fprintf(f, "  level-%d descriptor at physical 0x%08" PRIx64 " = 0x%08" PRIx64 ": %s\n", w.level,
            (uint64_t)w.raw_pa, w.raw, w.status <= PTW_BAD_TABLE ? status[w.status] : "?");
    if (w.status != PTW_OK)
        return;
    char d[160];
    pt_describe(cpu, w.raw, d, sizeof d);
    fprintf(f, "  -> physical 0x%08" PRIx64 "\n  decoded: %s\n", (uint64_t)w.pa, d);
    struct pt_field fl[PT_EXPLAIN_MAX];
    size_t nf = pt_explain(cpu, w.raw, va & ~(uint32_t)MMSIM_PAGE_MASK, fl, PT_EXPLAIN_MAX);
    const char *cur = NULL;
    for (size_t i = 0; i < nf; i++) {
        if (!cur || strcmp(cur, fl[i].word)) {
            cur = fl[i].word;
            fprintf(f, "  %s = 0x%08" PRIx32 "\n    %-6s %-6s %-8s %s\n", cur, fl[i].word_value,
                    "bits", "field", "value", "meaning");
        }
        char bits[16], val[16];
        pt_field_bits(&fl[i], bits, sizeof bits);
        snprintf(val, sizeof val, "0x%x", fl[i].value);
        fprintf(f, "    %-6s %-6s %-8s %s\n", bits, fl[i].name, val, fl[i].meaning);
    }
}

static void mon_phys(struct gdbsim *g, uint64_t pa, uint64_t len, FILE *f)
{
    if (len == 0 || len > 4096) {
        fprintf(f, "phys: LEN must be 1..4096\n");
        return;
    }
    uint8_t b[4096];
    if (pa + len < pa || phys_kind(&g->s->phys, pa, len) != PHYS_RAM ||
        phys_read(&g->s->phys, pa, b, len) != 0) {
        fprintf(f, "phys: 0x%" PRIx64 "+%" PRIu64 " is not RAM\n", pa, len);
        return;
    }
    for (uint64_t i = 0; i < len; i += 16) {
        fprintf(f, "%010" PRIx64 ":", pa + i);
        for (uint64_t k = i; k < i + 16 && k < len; k++)
            fprintf(f, " %02x", b[k]);
        fprintf(f, "\n");
    }
}

static void mon_objinfo(struct proc *p, int fd, FILE *f)
{
    struct mm_stat st;
    if (mm_fstat(p->mm, fd, &st) != 0) {
        fprintf(f, "objinfo: fd %d is not open\n", fd);
        return;
    }
    struct mm_segment seg[256];
    long n = mm_obj_info(p->mm, fd, 0, 0, st.size, seg, 256);
    if (n < 0) {
        fprintf(f, "objinfo: fd %d: %s (%s)\n", fd, strerror((int)-n), mm_last_reason(p->mm));
        return;
    }
    fprintf(f, "_MEM_OBJ_INFO fd %d: size 0x%" PRIx64 ", %ld segment%s\n", fd, st.size, n,
            n == 1 ? "" : "s");
    for (long i = 0; i < n; i++)
        fprintf(f, "  offset 0x%08" PRIx64 "  physical 0x%08" PRIx64 "  length 0x%" PRIx64 "\n",
                seg[i].offset, seg[i].paddr, seg[i].length);
}

static void mon_cache(struct gdbsim *g, struct proc *p, uint32_t va, FILE *f)
{
    struct pt_walk w;
    pt_walk(mm_proc_pt(p->mm), va, &w);
    struct cache *c = checker_cache(g->s);
    if (w.status != PTW_OK) {
        fprintf(f, "cache: 0x%08x has no PTE\n", va);
        return;
    }
    if (!c) {
        fprintf(f, "cache: no cache model in this run\n");
        return;
    }
    const struct cache_geom *geo = cache_geom(c);
    paddr_t page = w.pa & ~(paddr_t)MMSIM_PAGE_MASK;
    fprintf(f, "data cache %u bytes, %u ways, %u-byte lines; page of 0x%08x at physical 0x%08" PRIx64
            " (%s)\n", geo->size, geo->ways, geo->line, va, (uint64_t)page,
            pt_cache_name(w.d.inner));
    unsigned held = 0;
    for (uint32_t off = 0; off < MMSIM_PAGE_SIZE; off += geo->line) {
        bool in = cache_lines_present(c, page + off, geo->line, false) != 0;
        bool dirty = in && cache_lines_present(c, page + off, geo->line, true) != 0;
        if (!in)
            continue;
        held++;
        fprintf(f, "  line 0x%08" PRIx64 " (va 0x%08x): %s\n", (uint64_t)(page + off),
                (va & ~(uint32_t)MMSIM_PAGE_MASK) + off, dirty ? "valid, dirty" : "valid, clean");
    }
    fprintf(f, "%u line%s of this page in the model%s\n", held, held == 1 ? "" : "s",
            held ? "" : " (pages a device or a revealed address cannot reach are not modelled "
                        "unless --cache-model full)");
}

static char *t_monitor(void *ctx, const char *cmd)
{
    struct gdbsim *g = ctx;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    struct proc *p = followed(g);
    char word[16] = "";
    unsigned long long a = 0, b = 0;
    int n = sscanf(cmd, "%15s %lli %lli", word, &a, &b);
    if (n < 1 || !strcmp(word, "help")) {
        fprintf(f, "monitor commands:\n"
                   "  maps          the process's mappings (objects, attributes) and each page's PTE\n"
                   "  walk VA       the page-table walk of VA, raw and decoded (as `mmsim pte`)\n"
                   "  phys PA LEN   physical memory (at most 4096 bytes)\n"
                   "  objinfo FD    the _MEM_OBJ_INFO segments of the object open on FD\n"
                   "  cache VA      the data-cache lines the model holds for VA's page\n"
                   "  checker       cache/guard checker reports so far\n"
                   "  position      instructions the followed process has started (reverse execution)\n");
    } else if (!p) {
        fprintf(f, "the followed process is not running\n");
    } else if (!strcmp(word, "maps")) {
        FILE *o = g->s->out;
        enum dump_mode m = g->s->o.dump_pt;
        g->s->out = f;
        g->s->o.dump_pt = DUMP_NONE;
        sim_dump_tables(p);
        g->s->out = o;
        g->s->o.dump_pt = m;
    } else if (!strcmp(word, "walk") && n == 2 && a <= UINT32_MAX) {
        mon_walk(g, p, (uint32_t)a, f);
    } else if (!strcmp(word, "phys") && n == 3) {
        mon_phys(g, a, b, f);
    } else if (!strcmp(word, "objinfo") && n == 2 && a < 1u << 20) {
        mon_objinfo(p, (int)a, f);
    } else if (!strcmp(word, "cache") && n == 2 && a <= UINT32_MAX) {
        mon_cache(g, p, (uint32_t)a, f);
    } else if (!strcmp(word, "checker")) {
        FILE *e = g->s->err;
        g->s->err = f;
        g->s->mem->summary(g->s);
        g->s->err = e;
        fflush(f);
        if (!len)
            fprintf(f, "no checker reports so far\n");
    } else if (!strcmp(word, "position")) {
        fprintf(f, "position %" PRIu64 " (instructions process %u started)\n", g->d.icount, p->pid);
    } else {
        fprintf(f, "unknown or malformed monitor command '%s' (monitor help lists them)\n", cmd);
    }
    fclose(f);
    return buf;
}

/* ---- the connection ------------------------------------------------------ */

static int io_send(void *io, const void *b, size_t n)
{
    struct gdbsim *g = io;
    const char *c = b;
    while (g->connected && n) {
        ssize_t w = send(g->fd, c, n, MSG_NOSIGNAL);
        if (w <= 0) {
            if (w < 0 && errno == EINTR)
                continue;
            g->eof = true;
            return -1;
        }
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Next byte from gdb (blocking); -1 when the connection is gone. */
static int io_byte(struct gdbsim *g, bool wait)
{
    if (g->ipos == g->ilen) {
        if (!g->connected || g->eof)
            return -1;
        ssize_t n = recv(g->fd, g->ibuf, sizeof g->ibuf, wait ? 0 : MSG_DONTWAIT);
        if (n == 0 || (n < 0 && wait && errno != EINTR)) {
            g->eof = true;
            return -1;
        }
        if (n < 0)
            return -2;                      /* nothing yet / EINTR */
        g->ipos = 0;
        g->ilen = (size_t)n;
    }
    return g->ibuf[g->ipos++];
}

/* Packets until a resume action (or the connection closes: GA_DETACH). */
static enum gdb_action serve(struct gdbsim *g)
{
    for (;;) {
        int c = io_byte(g, true);
        if (c == -2)
            continue;
        if (c < 0)
            return GA_DETACH;
        enum gdb_action a = gdb_proto_byte(&g->pr, (uint8_t)c);
        if (a != GA_NONE && a != GA_INTERRUPT)
            return a;
    }
}

static bool g_poll(void *ctx)
{
    struct gdbsim *g = ctx;
    if (!g->connected)
        return false;
    for (;;) {
        int c = io_byte(g, false);
        if (c == -1)
            return true;                    /* gone: stop, and detach there */
        if (c == -2)
            return false;
        if (gdb_proto_byte(&g->pr, (uint8_t)c) == GA_INTERRUPT)
            return true;
    }
}

/* Wait for gdb (the followed process is about to run its first
 * instruction).  False if accept fails. */
static bool connect_gdb(struct gdbsim *g)
{
    g->ever_connected = true;
    do
        g->fd = accept(g->lfd, NULL, NULL);
    while (g->fd < 0 && errno == EINTR);
    if (g->fd < 0) {
        fprintf(g->err.real, "mmsim: gdb: accept: %s; the run goes on without a debugger\n",
                strerror(errno));
        return false;
    }
    int one = 1;
    setsockopt(g->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    g->connected = true;
    return true;
}

static void disconnect(struct gdbsim *g)
{
    if (g->s)
        debug_detach(g->s);
    g->d.attached = false;
    if (g->fd >= 0)
        close(g->fd);
    g->fd = -1;
    g->connected = false;
}

/* End the running machine: every process killed quietly, no more output. */
static void abort_run(struct gdbsim *g)
{
    g->d.abort = true;
    g->out.discard = g->err.discard = true;
}

static bool reverse_ok(struct gdbsim *g)
{
    return !g->tainted && !g->o->root;
}

/* Send a stop reply for thread tid with gdb signal sig. */
static void send_stop(struct gdbsim *g, int sig, const char *extra, uint32_t tid)
{
    char r[160];
    g->pr.stop_tid = tid;
    g->pr.g_tid = 0;
    snprintf(r, sizeof r, "T%02xthread:%x;%s", sig, tid, extra);
    if (g->first_stop)                  /* gdb asks with '?' after connecting */
        snprintf(g->pr.stop, sizeof g->pr.stop, "%s", r);
    else
        gdb_proto_stop(&g->pr, r);
    g->first_stop = false;
}

static const char *watch_word(int kind)
{
    return kind == DW_READ ? "rwatch" : kind == DW_ACCESS ? "awatch" : "watch";
}

/* After a stop reply: serve gdb until it resumes the target. */
static void resume_loop(struct gdbsim *g, struct proc *p, uint32_t tid)
{
    struct sim_debug *d = &g->d;
    for (;;) {
        enum gdb_action a = serve(g);
        switch (a) {
        case GA_CONT:
        case GA_STEP: {
            struct thread *t = thread_of(g, tid);
            uint32_t pc = 0;
            if (t)
                debug_reg(p, t, g->s->arch->reg_pc, &pc, false);
            d->skip_armed = t != NULL;
            d->skip_tid = tid;
            d->skip_pc = pc;
            d->step = a == GA_STEP;
            d->step_tid = g->pr.resume_tid ? g->pr.resume_tid : tid;
            d->step_armed = false;
            d->interrupt = false;
            g->resume_sig = g->pr.resume_sig;
            return;
        }
        case GA_RSTEP:
        case GA_RCONT:
            if (!reverse_ok(g)) {
                fprintf(g->err.real, "mmsim: gdb: reverse execution refused: %s\n",
                        g->o->root ? "--root files would be written again"
                                   : "registers, memory or a signal were changed from gdb");
                gdb_proto_send(&g->pr, "E01", 3);
                continue;
            }
            g->rev_from = d->icount;
            g->rev_tid = a == GA_RSTEP ? tid : 0;
            g->next_mode = MODE_SEARCH;
            g->restart = true;
            abort_run(g);
            return;
        case GA_KILL:
            g->killed = true;
            abort_run(g);
            return;
        default:                    /* detach, or gdb went away */
            disconnect(g);
            return;
        }
    }
}

/* The first live thread of p (a stop between other processes' slices). */
static uint32_t some_tid(struct gdbsim *g, struct proc *p)
{
    if (p->last && p->last->state != TS_DONE)
        return p->last->tid;
    for (struct thread *t = g->s->threads; t; t = t->next)
        if (t->p == p && t->state != TS_DONE)
            return t->tid;
    return 1;
}

/* The followed process reached the position a re-execution looked for. */
static void search_done(struct gdbsim *g)
{
    struct sim_debug *d = &g->d;
    g->target_begin = d->found == DBG_NOPOS;
    /* a watchpoint: just after the access (gdb steps back over it itself) */
    g->target = g->target_begin ? 0 : d->found + (d->found_why == DS_WATCH);
    g->target_why = d->found_why;
    g->target_addr = d->found_addr;
    g->target_kind = d->found_kind;
    g->next_mode = MODE_GOTO;
    g->restart = true;
    abort_run(g);
}

static void on_stopped(void *ctx, struct proc *p, struct thread *t)
{
    struct gdbsim *g = ctx;
    struct sim_debug *d = &g->d;
    if (!g->ever_connected && !connect_gdb(g)) {
        disconnect(g);
        return;
    }
    if (g->eof) {
        disconnect(g);
        return;
    }
    if (g->mode == MODE_SEARCH) {
        search_done(g);
        return;
    }
    uint32_t tid = t && t->p == p ? t->tid : some_tid(g, p);
    char extra[64] = "";
    g->has_si = false;
    if (g->mode == MODE_GOTO) {
        g->mode = MODE_LIVE;
        d->quiet = false;
        d->stop_at = DBG_NOPOS;
        if (g->target_begin)
            snprintf(extra, sizeof extra, "replaylog:begin;");
        else if (g->target_why == DS_WATCH)
            snprintf(extra, sizeof extra, "%s:%x;", watch_word(g->target_kind), g->target_addr);
        send_stop(g, 5, extra, tid);
    } else {
        if (d->why == DS_WATCH && reverse_ok(g)) {
            /* gdb expects ARM and PowerPC watchpoints to stop before the
             * access (it then steps over it itself): go back to it */
            g->target_begin = false;
            g->target = d->why_pos;
            g->target_why = DS_WATCH;
            g->target_addr = d->why_addr;
            g->target_kind = d->why_kind;
            g->next_mode = MODE_GOTO;
            g->restart = true;
            abort_run(g);
            return;
        }
        if (d->why == DS_POSITION)
            d->stop_at = DBG_NOPOS;
        if (d->why == DS_WATCH)
            snprintf(extra, sizeof extra, "%s:%x;", watch_word(d->why_kind), d->why_addr);
        send_stop(g, d->why == DS_INTERRUPT ? 2 : 5, extra, tid);
    }
    resume_loop(g, p, tid);
}

/* ---- the kernel-call layer, seen by the debugger ------------------------- */

static struct gdbsim *gdbsim_of(struct proc *p)
{
    return p->sim->dbg ? p->sim->dbg->ctx : NULL;
}

/* A synchronous fault: gdb sees it first (T0b for SIGSEGV); continuing
 * with the signal delivers it, continuing without drops it. */
static bool g_fault(struct proc *p, int sig, int code, uint32_t addr)
{
    struct gdbsim *g = gdbsim_of(p);
    struct sim_debug *d = g ? &g->d : NULL;
    if (!g || !d->attached || d->abort || p->pid != d->pid)
        return g ? g->real->fault(p, sig, code, addr) : false;
    if (d->quiet) {
        if (g->mode == MODE_SEARCH && d->icount == d->stop_at) {
            search_done(g);                /* the fault the user reversed from */
            uc_emu_stop(p->sim->uc);
            return true;
        }
        return g->real->fault(p, sig, code, addr);
    }
    struct thread *t = p->sim->running;
    uint32_t tid = t && t->p == p ? t->tid : some_tid(g, p);
    send_stop(g, gdb_signal_of(sig), "", tid);
    g->has_si = true;
    g->si_sig = sig;
    g->si_code = code;
    g->si_addr = addr;
    resume_loop(g, p, tid);
    if (d->abort) {
        uc_emu_stop(p->sim->uc);
        return true;
    }
    if (!d->attached || g->resume_sig == gdb_signal_of(sig))
        return g->real->fault(p, sig, code, addr);
    if (g->resume_sig == 0) {               /* `signal 0`: dropped, the instruction runs again */
        g->tainted = true;
        return true;
    }
    g->tainted = true;                      /* another signal: the fault's is given */
    return g->real->fault(p, sig, code, addr);
}

/* The followed process ends: gdb hears W (exit) or X (signal). */
static void g_proc_exit(struct proc *p)
{
    struct gdbsim *g = gdbsim_of(p);
    if (g && g->d.attached && !g->d.abort && !g->d.quiet && p->pid == g->d.pid && g->connected) {
        char r[16];
        if (p->state == PROC_KILLED)
            snprintf(r, sizeof r, "X%02x", gdb_signal_of(p->signal) & 0xff);
        else
            snprintf(r, sizeof r, "W%02x", p->exit_status & 0xff);
        gdb_proto_stop(&g->pr, r);
        /* gdb closes the connection of a process that is gone */
        for (int c; (c = io_byte(g, true)) != -1;)
            if (c >= 0)
                (void)gdb_proto_byte(&g->pr, (uint8_t)c);
        disconnect(g);
    }
    if (g)
        g->real->proc_exit(p);
}

/* ---- output that re-executions do not repeat ----------------------------- */

static ssize_t sink_write(void *c, const char *buf, size_t n)
{
    struct sink *k = c;
    if (k->discard)
        return (ssize_t)n;
    size_t skip = 0;
    if (k->pos < k->shown)
        skip = k->shown - k->pos < n ? (size_t)(k->shown - k->pos) : n;
    k->pos += n;
    if (n > skip) {
        fwrite(buf + skip, 1, n - skip, k->real);
        fflush(k->real);
        k->shown = k->pos;
    }
    return (ssize_t)n;
}

static FILE *sink_open(struct sink *k)
{
    cookie_io_functions_t io = { .write = sink_write };
    k->pos = 0;
    k->discard = false;
    FILE *f = fopencookie(k, "w", io);
    if (f)
        setvbuf(f, NULL, _IONBF, 0);
    return f;
}

/* ---- listening ------------------------------------------------------------ */

int gdb_addr_check(const char *addr)
{
    if (!addr || !*addr)
        return -EINVAL;
    if (!strncmp(addr, "unix:", 5))
        return strlen(addr + 5) > 0 && strlen(addr + 5) < sizeof ((struct sockaddr_un *)0)->sun_path
                   ? 0 : -EINVAL;
    const char *colon = strrchr(addr, ':');
    if (!colon || !colon[1])
        return -EINVAL;
    char *end;
    unsigned long port = strtoul(colon + 1, &end, 10);
    return *end || port > 65535 ? -EINVAL : 0;
}

/* Listen on addr; the socket or -1 with a message. */
static int listen_on(struct gdbsim *g, const char *addr)
{
    int fd;
    if (!strncmp(addr, "unix:", 5)) {
        /* Bound under a temporary name and renamed once listening: the
         * path appears only when a debugger can connect to it, so a
         * script that waits for the socket file cannot connect too early. */
        const char *path = addr + 5;
        struct sockaddr_un sa = { .sun_family = AF_UNIX };
        int tmp = strlen(path) + 1 < sizeof sa.sun_path;
        snprintf(sa.sun_path, sizeof sa.sun_path, tmp ? "%s~" : "%s", path);
        fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        unlink(sa.sun_path);
        if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(fd, 1) != 0 ||
            (tmp && rename(sa.sun_path, path) != 0)) {
            fprintf(stderr, "mmsim: --gdb %s: %s\n", addr, strerror(errno));
            if (fd >= 0) {
                close(fd);
                unlink(sa.sun_path);
            }
            return -1;
        }
        snprintf(g->unix_path, sizeof g->unix_path, "%s", path);
        return fd;
    }
    const char *colon = strrchr(addr, ':');
    char host[256];
    snprintf(host, sizeof host, "%.*s", (int)(colon - addr), addr);
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_PASSIVE | AI_NUMERICSERV }, *res = NULL;
    int rc = getaddrinfo(host[0] ? host : "127.0.0.1", colon + 1, &hints, &res);
    if (rc != 0) {
        fprintf(stderr, "mmsim: --gdb %s: %s\n", addr, gai_strerror(rc));
        return -1;
    }
    fd = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd >= 0)
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd < 0 || bind(fd, res->ai_addr, res->ai_addrlen) != 0 || listen(fd, 1) != 0) {
        fprintf(stderr, "mmsim: --gdb %s: %s\n", addr, strerror(errno));
        if (fd >= 0)
            close(fd);
        freeaddrinfo(res);
        return -1;
    }
    freeaddrinfo(res);
    return fd;
}

/* ---- the run --------------------------------------------------------------- */

/* Reset what one machine's run keeps in d (breakpoints and watchpoints stay). */
static void run_reset(struct gdbsim *g)
{
    struct sim_debug *d = &g->d;
    d->attached = g->connected || !g->ever_connected;
    d->icount = 0;
    d->uc = NULL;
    d->h_code = 0;
    d->h_mem = 0;
    d->whit = d->abort = d->step = d->skip_armed = d->interrupt = d->stop_pending = false;
    d->search = false;
    d->found = DBG_NOPOS;
    d->polls = 0;
    switch (g->mode) {
    case MODE_LIVE:                           /* the first run: stop before anything runs */
        d->quiet = false;
        d->stop_at = 0;
        d->why = DS_POSITION;
        break;
    case MODE_SEARCH:
        d->quiet = true;
        d->search = true;
        d->search_tid = g->rev_tid;
        d->stop_at = g->rev_from;
        break;
    case MODE_GOTO:
        d->quiet = true;
        d->stop_at = g->target;
        break;
    }
}

int gdb_run(const char *addr, const struct sim_opts *o, const struct sim_kernel *k,
            const struct sim_memsys *mem, const char *path, int argc, char **argv)
{
    struct gdbsim *g = calloc(1, sizeof *g);
    if (!g || gdb_addr_check(addr) != 0) {
        fprintf(stderr, "mmsim: bad --gdb '%s' (:PORT, HOST:PORT or unix:PATH)\n", addr);
        free(g);
        return 125;
    }
    g->o = o;
    g->fd = -1;
    g->d.pid = o->gdb_pid ? o->gdb_pid : 1;
    g->lfd = listen_on(g, addr);
    if (g->lfd < 0) {
        free(g);
        return 125;
    }
    char where[160];
    snprintf(where, sizeof where, "%s", addr);
    if (!g->unix_path[0]) {                   /* the port the system chose for :0 */
        struct sockaddr_storage ss;
        socklen_t sl = sizeof ss;
        char host[64], port[16];
        if (getsockname(g->lfd, (struct sockaddr *)&ss, &sl) == 0 &&
            getnameinfo((struct sockaddr *)&ss, sl, host, sizeof host, port, sizeof port,
                        NI_NUMERICHOST | NI_NUMERICSERV) == 0)
            snprintf(where, sizeof where, "%s%s%s:%s", ss.ss_family == AF_INET6 ? "[" : "", host,
                     ss.ss_family == AF_INET6 ? "]" : "", port);
    }
    if (g->d.pid == 1)
        fprintf(stderr, "mmsim: gdb: waiting for a debugger on %s\n", where);
    else
        fprintf(stderr, "mmsim: gdb: process %u will wait for a debugger on %s\n", g->d.pid, where);
    build_xml(g);
    g->tgt = (struct gdb_target){
        .ctx = g, .nregs = is_ppc(g) ? 38 : 17, .big_endian = is_ppc(g), .xml = t_xml,
        .reg = t_reg, .mem_read = t_mem_read, .mem_write = t_mem_write, .point = t_point,
        .threads = t_threads, .thread_info = t_thread_info, .monitor = t_monitor,
        .siginfo = t_siginfo,
    };
    gdb_proto_init(&g->pr, &g->tgt, io_send, g);
    g->pr.stop_tid = 1;
    g->real = k;
    g->kern = *k;
    g->kern.fault = g_fault;
    g->kern.proc_exit = g_proc_exit;
    g->d.ctx = g;
    g->d.poll = g_poll;
    g->d.stopped = on_stopped;
    g->out.real = stdout;
    g->err.real = stderr;
    g->mode = MODE_LIVE;
    g->first_stop = true;
    int status = 125;
    bool expect_diverged = false, trace_lost = false;
    for (;;) {
        struct sim s;
        run_reset(g);
        FILE *out = sink_open(&g->out), *err = sink_open(&g->err);
        bool inited = out && err;
        if (inited && sim_init(&s, o, &g->kern, mem) == 0) {
            s.out = out;
            s.err = err;
            out = NULL;                      /* sim_fini closes it */
            s.dbg = &g->d;
            g->s = &s;
            status = sim_run_program(&s, path, argc, argv);
        }
        if (inited)
            sim_fini(&s);
        g->s = NULL;
        if (out)
            fclose(out);
        if (err)
            fclose(err);
        expect_diverged = inited && s.expect_diverged;
        trace_lost = inited && s.trace_lost;
        if (g->connected && !g->restart && g->mode == MODE_SEARCH && inited) {
            /* the followed process never started another instruction (it
             * was stopped from between other processes' slices): the
             * search is over at the end of the run */
            search_done(g);
        }
        if (!g->restart || !g->connected)
            break;
        g->restart = false;
        g->mode = g->next_mode;
    }
    if (!g->ever_connected)
        fprintf(stderr, "mmsim: gdb: process %u never ran; no debugger was attached\n", g->d.pid);
    if (g->connected && !g->killed)
        disconnect(g);
    if (g->fd >= 0)
        close(g->fd);
    close(g->lfd);
    if (g->unix_path[0])
        unlink(g->unix_path);
    gdb_proto_fini(&g->pr);
    free(g);
    if (expect_diverged)
        return 1;
    if (trace_lost)
        return 125;
    if (o->expect_path && status == 0)
        fprintf(stderr, "mmsim: --expect: the run matches %s\n", o->expect_path);
    return status;
}
