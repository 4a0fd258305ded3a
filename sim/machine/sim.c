/*
 * sim.c - the machine: RAM, frames, MMU and memory manager, the trace of
 * PTE writes, and running one program as a process.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "expect.h"
#include "mmtrace.h"
#include "sim.h"
#include "trace.h"

/* pt_describe(raw) through a small direct-mapped cache: the same few PTE
 * values recur all through a run, and formatting them is the largest
 * single cost of tracing a call-heavy guest. */
#define DESC_CACHE 256
struct desc_cache {
    bool     valid[DESC_CACHE];
    uint64_t raw[DESC_CACHE];
    char     text[DESC_CACHE][160];
};

static const char *describe_cached(struct sim *s, uint64_t raw)
{
    static char one[160];
    if (!s->desc && !(s->desc = calloc(1, sizeof *s->desc))) {
        pt_describe(s->o.cpu, raw, one, sizeof one);
        return one;
    }
    unsigned h = (unsigned)((raw ^ raw >> 12 ^ raw >> 29 ^ raw >> 44) % DESC_CACHE);
    struct desc_cache *c = s->desc;
    if (!c->valid[h] || c->raw[h] != raw) {
        pt_describe(s->o.cpu, raw, c->text[h], sizeof c->text[h]);
        c->raw[h] = raw;
        c->valid[h] = true;
    }
    return c->text[h];
}

/* pt hook: every PTE write becomes a "pte" trace record. */
static void on_pte_written(void *ctx, const struct pt *pt, uint32_t va, paddr_t pte_pa,
                           uint64_t old_raw, uint64_t new_raw)
{
    struct sim *s = ctx;
    s->mem->pte_written(s, old_raw, new_raw);
    if (!s->trace)
        return;
    const char *d = describe_cached(s, new_raw);
    trace_begin(s->trace, "pte");
    trace_uint(s->trace, "asid", pt_asid(pt));
    trace_hex(s->trace, "va", va);
    trace_hex(s->trace, "pte_pa", pte_pa);
    trace_hex(s->trace, "old", old_raw);
    trace_hex(s->trace, "new", new_raw);
    trace_str(s->trace, "decoded", d);
    trace_end(s->trace);
}

/* pt hook: a referenced/changed update of a TLB fill (PPC 600 R/C)
 * becomes an "rc" record, so replay can redo it (pt_touch). */
static void on_rc_set(void *ctx, const struct pt *pt, uint32_t va, paddr_t pte_pa,
                      uint64_t old_raw, uint64_t new_raw, bool write)
{
    struct sim *s = ctx;
    if (!s->trace)
        return;
    trace_begin(s->trace, "rc");
    trace_uint(s->trace, "asid", pt_asid(pt));
    trace_hex(s->trace, "va", va);
    trace_hex(s->trace, "pte_pa", pte_pa);
    trace_hex(s->trace, "old", old_raw);
    trace_hex(s->trace, "new", new_raw);
    trace_str(s->trace, "access", write ? "w" : "r");
    trace_end(s->trace);
}

/* The header record: format version, mmsim version and every option and
 * layout fact that changes behaviour (traces/README.md). */
static void trace_header(struct sim *s)
{
    struct trace *t = s->trace;
    const struct sim_opts *o = &s->o;
    trace_begin(t, "machine");
    trace_uint(t, "format", TRACE_FORMAT);
    trace_str(t, "mmsim", MMSIM_VERSION);
    trace_str(t, "cpu", mmu_cpu_name(o->cpu));
    trace_hex(t, "ram", o->ram);
    trace_arr_begin(t, "banks");
    for (int i = 0; i < s->phys.nbanks; i++) {
        trace_obj_begin(t, NULL);
        trace_hex(t, "base", s->phys.bank[i].base);
        trace_hex(t, "size", s->phys.bank[i].size);
        trace_obj_end(t);
    }
    trace_arr_end(t);
    trace_arr_begin(t, "devices");
    for (int i = 0; i < s->phys.ndevs; i++) {
        trace_obj_begin(t, NULL);
        trace_hex(t, "base", s->phys.dev[i].base);
        trace_hex(t, "size", s->phys.dev[i].size);
        trace_str(t, "name", s->phys.dev[i].name);
        trace_obj_end(t);
    }
    trace_arr_end(t);
    trace_bool(t, "frag", o->frag);
    trace_uint(t, "frag_seed", o->frag_seed);
    trace_bool(t, "unprivileged", o->unprivileged);
    trace_uint(t, "max_insns", o->max_insns);
    trace_uint(t, "timeout", o->timeout_s);
    trace_uint(t, "quantum", o->quantum);
    trace_uint(t, "epoch", o->epoch);
    trace_uint(t, "max_procs", o->max_procs ? o->max_procs : PROC_MAX_DEFAULT);
    trace_uint(t, "max_threads", o->max_threads ? o->max_threads : THREAD_MAX_DEFAULT);
    trace_bool(t, "root", o->root != NULL);   /* the host path itself is not behaviour */
    struct cache_geom g = o->cache_geom.size ? o->cache_geom : cache_default_geom(o->cpu);
    trace_str(t, "check", o->check_error ? "error" : "report");
    trace_str(t, "cache_model", o->cache_full ? "full" : "watched");
    trace_obj_begin(t, "cache");
    trace_uint(t, "size", g.size);
    trace_uint(t, "ways", g.ways);
    trace_uint(t, "line", g.line);
    trace_obj_end(t);
    if (o->max_fds)                   /* --max-fds (absent: the default 1024) */
        trace_uint(t, "max_fds", o->max_fds);
    if (o->set_ipc) {                 /* --ipc-limit: System V limits */
        trace_obj_begin(t, "ipc");
        trace_hex(t, "shmmin", o->ipc.shmmin);
        trace_hex(t, "shmmax", o->ipc.shmmax);
        trace_hex(t, "shmall", o->ipc.shmall);
        trace_hex(t, "shmmni", o->ipc.shmmni);
        trace_hex(t, "shmseg", o->ipc.shmseg);
        trace_obj_end(t);
    }
    const struct semtab_limits *sl = &o->sem;
    if (sl->semmni || sl->semmsl || sl->semmns || sl->semopm || sl->semvmx || sl->semaem) {
        trace_obj_begin(t, "sem");          /* --ipc-limit sem*: 0 = the default */
        trace_uint(t, "semmni", sl->semmni);
        trace_uint(t, "semmsl", sl->semmsl);
        trace_uint(t, "semmns", sl->semmns);
        trace_uint(t, "semopm", sl->semopm);
        trace_uint(t, "semvmx", sl->semvmx);
        trace_uint(t, "semaem", sl->semaem);
        trace_obj_end(t);
    }
    trace_end(t);
}

/* --expect saw the first divergence: stop the running guest there. */
static void expect_stop(void *ctx, const char *why)
{
    struct sim *s = ctx;
    struct proc *p = s->cur;
    if (!p || !s->uc || p->state != PROC_RUNNING)
        return;
    p->state = PROC_KILLED;
    p->signal = 9;
    p->exit_status = 128 + 9;
    snprintf(p->fault_note, sizeof p->fault_note, "%s", why);
    uc_emu_stop(s->uc);
}

int sim_init(struct sim *s, const struct sim_opts *o, const struct sim_kernel *k,
             const struct sim_memsys *mem)
{
    memset(s, 0, sizeof *s);
    s->o = *o;
    s->kernel = k;
    s->mem = mem;
    s->out = stdout;
    if (o->guest_quiet && !(s->out = fopen("/dev/null", "w"))) {
        fprintf(stderr, "mmsim: cannot open /dev/null\n");
        return -EIO;
    }
    s->err = stderr;
    s->next_pid = 1;
    s->root_fd = -1;
    if (o->root && (s->root_fd = open(o->root, O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0) {
        int e = errno;
        fprintf(stderr, "mmsim: --root %s: %s\n", o->root, strerror(e));
        return -e;
    }
    s->arch = arch_for(o->cpu);
    if (!s->arch) {
        fprintf(stderr, "mmsim: --cpu %s is not supported by this build\n", mmu_cpu_name(o->cpu));
        return -EINVAL;
    }
    int rc = phys_init(&s->phys, o->ram);
    if (rc) {
        fprintf(stderr, "mmsim: cannot reserve %" PRIu64 " bytes of RAM: %s\n", o->ram, strerror(-rc));
        return rc;
    }
    rc = frames_init(&s->frames, &s->phys);
    if (rc) {
        fprintf(stderr, "mmsim: cannot build the frame allocator: %s\n", strerror(-rc));
        return rc;
    }
    if (o->frag)
        frames_fragment(&s->frames, o->frag_seed);
    engine_init_kernel_page(s);
    if ((rc = mem->devices_init(s)) != 0) {
        fprintf(stderr, "mmsim: cannot set up the devices: %s\n", strerror(-rc));
        return rc;
    }
    if (o->expect_path && !(s->expect = expect_open(o->expect_path, expect_stop, s)))
        return -EINVAL;
    if (o->trace_path || o->expect_path) {
        int err = 0;
        s->trace = trace_open(o->trace_path, &err);
        if (!s->trace) {
            fprintf(stderr, "mmsim: cannot write trace %s: %s\n", o->trace_path, strerror(err));
            return -err;
        }
        if (s->expect)
            trace_set_sink(s->trace, expect_sink, s->expect);
        trace_header(s);
    }
    if (!(s->semtab = semtab_create(&o->sem))) {
        fprintf(stderr, "mmsim: out of memory\n");
        return -ENOMEM;
    }
    struct pt_hooks hooks = { .pte_written = on_pte_written, .ctx = s, .rc_set = on_rc_set };
    s->mmu = mmu_create(o->cpu, &s->phys, &s->frames, &hooks);
    s->mm = s->mmu ? mm_create(s->mmu, &s->phys, &s->frames) : NULL;
    if (!s->mm) {
        fprintf(stderr, "mmsim: cannot create the MMU for --cpu %s\n", mmu_cpu_name(o->cpu));
        return -ENOMEM;
    }
    mm_set_fd_limit_default(s->mm, o->max_fds);
    if (o->set_ipc && mm_set_ipc_limits(s->mm, &o->ipc) != 0) {
        fprintf(stderr, "mmsim: bad --ipc-limit values (need 1 <= shmmin <= shmmax, "
                        "1 <= shmmni <= 32768, shmseg >= 1)\n");
        return -EINVAL;
    }
    return mem->create(s);
}

void sim_fini(struct sim *s)
{
    if (s->kernel && s->kernel->fini)
        s->kernel->fini(s);
    if (s->mem)
        s->mem->summary(s);
    semtab_destroy(s->semtab);
    s->semtab = NULL;
    if (s->mm)
        mm_destroy(s->mm);
    if (s->mmu)
        mmu_destroy(s->mmu);
    engine_close(s);
    if (s->mem) {
        s->mem->destroy(s);
        s->mem->devices_fini(s);
    }
    if (s->trace && trace_close(s->trace) != 0) {
        fprintf(stderr, "mmsim: error while writing the trace %s: it is incomplete\n",
                s->o.trace_path);
        s->trace_lost = true;
    }
    s->trace = NULL;
    free(s->desc);
    free(s->file_ids);
    s->file_ids = NULL;
    s->desc = NULL;
    if (s->expect)
        s->expect_diverged = expect_close(s->expect);
    s->expect = NULL;
    frames_fini(&s->frames);
    phys_fini(&s->phys);
    if (s->out && s->out != stdout)
        fclose(s->out);
    if (s->root_fd >= 0)
        close(s->root_fd);
    s->root_fd = -1;
    s->out = NULL;
}

/* Print one mapping and the PTE of each page; runs of pages without a
 * PTE are folded into one line.  DUMP_SHARED skips non-shared mappings. */
static void dump_map(void *ctx, const struct mm_map_info *mi)
{
    struct proc *p = ctx;
    FILE *out = p->sim->out;
    if (p->sim->o.dump_pt == DUMP_SHARED && !(mi->flags & MM_MAP_SHARED))
        return;
    fprintf(out, "  map 0x%08x-0x%08x prot=%c%c%c%s flags=0x%05x obj#%" PRIu64
            " objoff=0x%" PRIx64 " objsize=0x%" PRIx64 " objflags=0x%x\n",
            mi->start, mi->start + mi->len, mi->prot & MM_PROT_READ ? 'r' : '-',
            mi->prot & MM_PROT_WRITE ? 'w' : '-', mi->prot & MM_PROT_EXEC ? 'x' : '-',
            mi->prot & MM_PROT_NOCACHE ? " nocache" : "", (unsigned)mi->flags, mi->objid,
            mi->objoff, mi->objsize, mi->objflags);
    struct pt *pt = mm_proc_pt(p->mm);
    uint64_t end = (uint64_t)mi->start + mi->len, hole = 0;
    for (uint64_t va = mi->start; va <= end; va += MMSIM_PAGE_SIZE) {
        struct pt_walk w;
        if (va < end)
            pt_walk(pt, (uint32_t)va, &w);
        if (va < end && w.status != PTW_OK) {
            if (!hole)
                hole = va + 1;       /* +1: va 0 is never mapped, but stay exact */
            continue;
        }
        if (hole) {
            fprintf(out, "    va 0x%08" PRIx64 "-0x%08" PRIx64 "  no PTE (%" PRIu64
                    " page(s) not resident yet)\n", hole - 1, va,
                    (va - (hole - 1)) / MMSIM_PAGE_SIZE);
            hole = 0;
        }
        if (va == end)
            break;
        char d[160];
        pt_describe(p->sim->o.cpu, w.raw, d, sizeof d);
        fprintf(out, "    va 0x%08" PRIx64 "  pte@0x%08" PRIx64 " = 0x%08" PRIx64 "  %s\n", va,
                w.raw_pa, w.raw, d);
    }
}

/* Record the PTEs of a shared mapping into the run's capture. */
static void capture_map(void *ctx, const struct mm_map_info *mi)
{
    struct proc *p = ctx;
    struct pte_capture *c = p->sim->o.capture;
    if (!(mi->flags & MM_MAP_SHARED))
        return;
    for (uint64_t va = mi->start; va < (uint64_t)mi->start + mi->len && c->n < CAPTURE_MAX;
         va += MMSIM_PAGE_SIZE) {
        struct pt_walk w;
        pt_walk(mm_proc_pt(p->mm), (uint32_t)va, &w);
        c->va[c->n] = (uint32_t)va;
        c->raw[c->n++] = w.status == PTW_OK ? w.raw : 0;
    }
}

/* The --dump-pt output: mappings with their PTEs, then the raw tables. */
static void dump_tables(struct proc *p)
{
    FILE *out = p->sim->out;
    fprintf(out, "\n== page tables of process %u (%s), root at 0x%08" PRIx64 " ==\n", p->pid,
            mmu_cpu_name(p->sim->o.cpu), pt_root(mm_proc_pt(p->mm)));
    fprintf(out, "-- %s and the PTEs that map them --\n",
            p->sim->o.dump_pt == DUMP_SHARED ? "shared mappings" : "mappings");
    mm_foreach_map(p->mm, dump_map, p);
    if (p->sim->o.dump_pt == DUMP_FULL) {
        fprintf(out, "-- raw tables --\n");
        pt_dump(mm_proc_pt(p->mm), out);
    }
    fflush(out);
}

void sim_dump_tables(struct proc *p)
{
    dump_tables(p);
}

void sim_capture(struct proc *p)
{
    mm_foreach_map(p->mm, capture_map, p);
}

int sim_run_program(struct sim *s, const char *path, int argc, char **argv)
{
    char why[256];
    int err = 0;
    /* spawn() resolves program names in the directory of the first one */
    const char *slash = strrchr(path, '/');
    if (slash && (size_t)(slash - path) < sizeof s->prog_dir)
        snprintf(s->prog_dir, sizeof s->prog_dir, "%.*s", (int)(slash - path), path);
    else
        snprintf(s->prog_dir, sizeof s->prog_dir, ".");
    if (!slash || slash == path)
        snprintf(s->prog_dir, sizeof s->prog_dir, slash ? "/" : ".");
    if (!sched_spawn(s, NULL, path, argc, argv, &err, why, sizeof why)) {
        fprintf(stderr, "mmsim: %s: %s\n", path, why);
        return 125;
    }
    return sched_run(s);
}

int sim_run(const struct sim_opts *o, const struct sim_kernel *k, const struct sim_memsys *mem,
            const char *path, int argc, char **argv)
{
    struct sim s;
    int status = 125;
    if (sim_init(&s, o, k, mem) == 0)
        status = sim_run_program(&s, path, argc, argv);
    sim_fini(&s);
    if (s.expect_diverged)
        return 1;
    if (s.trace_lost)
        return 125;          /* the run's record is incomplete: not the guest's verdict */
    if (o->expect_path && status == 0)
        fprintf(stderr, "mmsim: --expect: the run matches %s\n", o->expect_path);
    return status;
}
