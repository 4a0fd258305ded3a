/*
 * main.c - the mmsim command line: `mmsim run`, `mmsim demo`, `mmsim pte`, help.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "replay.h"
#include "scenario.h"
#include "tracecmd.h"
#include "checker.h"
#include "cli.h"
#include "kcall.h"
#include "gdb.h"
#include "report.h"

#ifndef MMSIM_GUEST_DIR
#define MMSIM_GUEST_DIR "guest"
#endif

#ifdef MMSIM_SANITIZE
/* LeakSanitizer: Unicorn 2.1 itself leaks 32 bytes per engine (seen in
 * uc_open/uc_close, outside mmsim's code); report only our own leaks. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libunicorn.so\n";
}
#endif

static void usage(FILE *f)
{
    fprintf(f,
        "usage: mmsim run [options] prog.elf [args...]\n"
        "       mmsim demo [--cpu armv5|armv6|armv7|e500|ppc600] [--report FILE.html]\n"
        "       mmsim pte [--cpu NAME] [--prot rw|ro|rx|rwx] [--nocache] [--special VALUE] [--json]\n"
        "       mmsim replay [-q] TRACE          re-drive the memory manager from a trace\n"
        "       mmsim scenario [--cpu NAME] FILE run a scenario script (traces/README.md)\n"
        "       mmsim trace diff A B             differences between two traces, by event\n"
        "       mmsim trace show TRACE [--filter CLASS]  per-process summary / matching events\n"
        "       mmsim report TRACE -o FILE.html [--elf PROG.elf]  the run as one interactive\n"
        "                                        HTML page (--elf: with the program's source lines)\n"
        "\n"
        "options:\n"
        "  --cpu NAME         CPU flavour: armv5, armv6, armv7, e500, ppc600 (default armv7)\n"
        "  --ram SIZE         simulated RAM, e.g. 256M, 2G (default 256M, max 3G)\n"
        "  --phys-frag SEED   pre-fragment free physical memory with this seed\n"
        "  --trace FILE       write a JSON Lines trace of kernel calls, PTE writes, faults\n"
        "  --report FILE      also write the run as one self-contained HTML page\n"
        "                     (timeline, address spaces, frames, walks, checker reports\n"
        "                     with their source lines if prog.elf was built with -g)\n"
        "  --expect TRACE     compare the run's trace with TRACE as it runs; stop and\n"
        "                     report at the first difference (exit 1)\n"
        "  --dump-pt          print the process's page tables (raw and decoded) at exit\n"
        "  --unprivileged     run without the physical-memory privilege\n"
        "  --max-insns N      stop the guest after N instructions (exact; slows execution;\n"
        "                     without --quantum: per uninterrupted run of a thread)\n"
        "  --quantum N        pre-empt a thread after N guest instructions (deterministic\n"
        "                     round robin; default: a thread runs until it blocks or exits)\n"
        "  --max-fds N        open fds per process (EMFILE beyond; default 1024)\n"
        "  --timeout SECONDS  stop the guest after this much wall-clock time (default 0: none)\n"
        "  --stats            print run statistics (TLB fills, flushes, host memory) at exit\n"
        "  --root DIR         the guest's files: open/stat/unlink/mmap of paths inside DIR\n"
        "                     (DIR is the guest's \"/\"; nothing outside it is reachable)\n"
        "  --uid U, --gid G   real and effective user / group of the first process\n"
        "                     (default 0/0, or 1000/1000 with --unprivileged)\n"
        "  --ipc-limit NAME=N System V limit: shmmin, shmmax (bytes), shmall (pages),\n"
        "                     shmmni, shmseg; semaphores: semmni (1..32768), semmsl,\n"
        "                     semvmx, semaem (1..65535), semmns, semopm (1..64);\n"
        "                     repeatable (defaults: Linux 2.6's; 128 250 32767 32767 32000 32)\n"
        "  --check=MODE       cache/guard checker reports: report (default) or error\n"
        "                     (the first report ends the run with exit status 3)\n"
        "  --cache-model M    watched (default: only pages a device or the guest's\n"
        "                     physical addresses can reach) or full (every cacheable access)\n"
        "  --cache S,W,L      data cache size, ways, line bytes, e.g. 32K,8,32\n"
        "                     (default: the modelled core's L1 data cache)\n"
        "  --max-host-mem S   host memory the run may use (default 16G): --ram plus a fixed\n"
        "                     charge per process; fork/spawn past it fail with ENOMEM\n"
        "  --epoch SECONDS    the guest's wall clock (CLOCK_REALTIME, time()) at the start,\n"
        "                     in seconds since 1970 (default 1767225600: 2026-01-01 00:00 UTC)\n"
        "  --max-procs N      processes not yet reaped (fork/posix_spawn: EAGAIN; default 1024)\n"
        "  --max-threads N    threads per process, live or not yet joined\n"
        "                     (pthread_create: EAGAIN; default 1024)\n"
        "  --gdb ADDR         wait for gdb on ADDR (:PORT on loopback, HOST:PORT or\n"
        "                     unix:PATH) before the first instruction (docs/GDB.md)\n"
        "  --gdb-follow PID   with --gdb: debug process PID (forked or spawned) instead\n"
        "                     of process 1; gdb is awaited when PID first runs\n"
        "\n"
        "Exit status: the guest's; 128+signal if a fault killed it (QNX numbers:\n"
        "SIGILL 4, SIGKILL 9, SIGBUS 10, SIGSEGV 11, SIGTERM 15); 3 if --check=error\n"
        "stopped it; 125 if mmsim could not run it; 124 if every process blocked\n"
        "forever (deadlock, reported on stderr).  With several processes, the status\n"
        "is that of process 1, the first program.\n");
}

/* Parse "256M", "2G", "4096K" or bytes.  0 or -EINVAL. */
static int parse_size(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s || s[0] == '-')
        return -EINVAL;
    uint64_t mul = 1;
    switch (*end) {
    case 'k': case 'K': mul = 1ull << 10; end++; break;
    case 'm': case 'M': mul = 1ull << 20; end++; break;
    case 'g': case 'G': mul = 1ull << 30; end++; break;
    default: break;
    }
    if (*end == 'i' || *end == 'B' || *end == 'b')
        end += (*end == 'i' && end[1] == 'B') ? 2 : 1;
    if (*end != '\0' || v > UINT64_MAX / mul)
        return -EINVAL;
    *out = v * mul;
    return 0;
}

/* Parse an unsigned number (any base).  0 or -EINVAL. */
static int parse_u64(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s || *end || s[0] == '-')
        return -EINVAL;
    *out = v;
    return 0;
}

enum { OPT_CPU = 256, OPT_RAM, OPT_FRAG, OPT_TRACE, OPT_DUMP, OPT_UNPRIV, OPT_MAXI, OPT_TIMEOUT,
       OPT_STATS, OPT_UID, OPT_GID, OPT_IPC, OPT_ROOT, OPT_CHECK, OPT_CACHE_MODEL, OPT_CACHE, OPT_EXPECT, OPT_QUANTUM,
       OPT_MAX_HOST_MEM, OPT_MAX_FDS, OPT_EPOCH, OPT_MAX_PROCS, OPT_MAX_THREADS, OPT_GDB, OPT_GDB_FOLLOW,
       OPT_REPORT };

/* --report FILE of `run` and `demo` (a front-end option, not the machine's). */
static const char *report_path;

/* --ipc-limit semNAME=N into o->sem.  0, -EINVAL, or 1 if not a
 * semaphore limit. */
static int parse_sem_limit(const char *arg, size_t namelen, const char *val, struct sim_opts *o)
{
    static const struct { const char *name; uint64_t max; } lim[] = {
        { "semmni", 32768 }, { "semmsl", 65535 }, { "semmns", 1000000000 },
        { "semopm", 64 }, { "semvmx", 65535 }, { "semaem", 65535 },
    };
    unsigned *fields[] = { &o->sem.semmni, &o->sem.semmsl, &o->sem.semmns, &o->sem.semopm,
                           &o->sem.semvmx, &o->sem.semaem };
    for (size_t i = 0; i < sizeof lim / sizeof lim[0]; i++) {
        if (strlen(lim[i].name) != namelen || strncmp(arg, lim[i].name, namelen))
            continue;
        uint64_t v;
        if (parse_u64(val, &v) != 0 || v == 0 || v > lim[i].max)
            return -EINVAL;
        *fields[i] = (unsigned)v;
        return 0;
    }
    return 1;
}

/* --ipc-limit NAME=N into o->ipc (o->sem for semaphores).  0 or -EINVAL. */
static int parse_ipc_limit(const char *arg, struct sim_opts *o)
{
    static const char *const names[] = { "shmmin", "shmmax", "shmall", "shmmni", "shmseg" };
    uint64_t *fields[] = { &o->ipc.shmmin, &o->ipc.shmmax, &o->ipc.shmall, &o->ipc.shmmni,
                           &o->ipc.shmseg };
    const char *eq = strchr(arg, '=');
    if (!eq)
        return -EINVAL;
    int rc = parse_sem_limit(arg, (size_t)(eq - arg), eq + 1, o);
    if (rc <= 0)
        return rc;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == (size_t)(eq - arg) && !strncmp(arg, names[i], (size_t)(eq - arg)))
            return parse_size(eq + 1, fields[i]);
    return -EINVAL;
}

/* A uid or gid: 0..0x7fffffff.  0 or -EINVAL. */
static int parse_id(const char *s, uint32_t *out)
{
    uint64_t v;
    if (parse_u64(s, &v) != 0 || v > 0x7fffffff)
        return -EINVAL;
    *out = (uint32_t)v;
    return 0;
}

/* Parse --cache "SIZE,WAYS,LINE" (SIZE may end in K or M).  0 or -EINVAL
 * with the reason printed. */
static int parse_cache(const char *s, struct cache_geom *g)
{
    char buf[64];
    uint64_t size, ways, line;
    const char *why = "expected SIZE,WAYS,LINE such as 32K,8,32";
    snprintf(buf, sizeof buf, "%s", s);
    char *w = strchr(buf, ','), *l = w ? strchr(w + 1, ',') : NULL;
    if (w && l) {
        *w++ = 0;
        *l++ = 0;
        if (parse_size(buf, &size) == 0 && parse_u64(w, &ways) == 0 && parse_u64(l, &line) == 0 &&
            size <= UINT32_MAX && ways <= UINT32_MAX && line <= UINT32_MAX) {
            *g = (struct cache_geom){ (uint32_t)size, (uint32_t)ways, (uint32_t)line };
            if (cache_geom_check(g, &why) == 0)
                return 0;
        }
    }
    fprintf(stderr, "mmsim: bad --cache '%s': %s\n", s, why);
    return -EINVAL;
}

/* Parse options up to the program name.  Returns argv index of the
 * program, or -1 after printing an error. */
static int parse_opts(int argc, char **argv, struct sim_opts *o)
{
    static const struct option lo[] = {
        {"cpu", required_argument, 0, OPT_CPU},
        {"ram", required_argument, 0, OPT_RAM},
        {"phys-frag", required_argument, 0, OPT_FRAG},
        {"trace", required_argument, 0, OPT_TRACE},
        {"expect", required_argument, 0, OPT_EXPECT},
        {"report", required_argument, 0, OPT_REPORT},
        {"dump-pt", no_argument, 0, OPT_DUMP},
        {"unprivileged", no_argument, 0, OPT_UNPRIV},
        {"max-insns", required_argument, 0, OPT_MAXI},
        {"timeout", required_argument, 0, OPT_TIMEOUT},
        {"stats", no_argument, 0, OPT_STATS},
        {"uid", required_argument, 0, OPT_UID},
        {"gid", required_argument, 0, OPT_GID},
        {"ipc-limit", required_argument, 0, OPT_IPC},
        {"root", required_argument, 0, OPT_ROOT},
        {"quantum", required_argument, 0, OPT_QUANTUM},
        {"max-fds", required_argument, 0, OPT_MAX_FDS},
        {"check", required_argument, 0, OPT_CHECK},
        {"cache-model", required_argument, 0, OPT_CACHE_MODEL},
        {"cache", required_argument, 0, OPT_CACHE},
        {"max-host-mem", required_argument, 0, OPT_MAX_HOST_MEM},
        {"epoch", required_argument, 0, OPT_EPOCH},
        {"max-procs", required_argument, 0, OPT_MAX_PROCS},
        {"max-threads", required_argument, 0, OPT_MAX_THREADS},
        {"gdb", required_argument, 0, OPT_GDB},
        {"gdb-follow", required_argument, 0, OPT_GDB_FOLLOW},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    int c;
    uint64_t v;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+h", lo, NULL)) != -1) {
        switch (c) {
        case OPT_CPU:
            if (mmu_cpu_parse(optarg, &o->cpu) != 0 || !arch_for(o->cpu)) {
                fprintf(stderr, "mmsim: unknown --cpu '%s' (armv5, armv6, armv7, e500, ppc600)\n", optarg);
                return -1;
            }
            break;
        case OPT_RAM:
            if (parse_size(optarg, &o->ram) != 0 || o->ram < (1u << 20) || o->ram > PHYS_RAM_LIMIT ||
                (o->ram & MMSIM_PAGE_MASK)) {
                fprintf(stderr, "mmsim: bad --ram '%s' (1M..3G, a multiple of 4K)\n", optarg);
                return -1;
            }
            break;
        case OPT_FRAG:
            if (parse_u64(optarg, &o->frag_seed) != 0) {
                fprintf(stderr, "mmsim: bad --phys-frag seed '%s' (a number)\n", optarg);
                return -1;
            }
            o->frag = true;
            break;
        case OPT_TRACE: o->trace_path = optarg; break;
        case OPT_EXPECT: o->expect_path = optarg; break;
        case OPT_REPORT: report_path = optarg; break;
        case OPT_DUMP: o->dump_pt = DUMP_FULL; break;
        case OPT_UNPRIV: o->unprivileged = true; break;
        case OPT_STATS: o->stats = true; break;
        case OPT_ROOT: o->root = optarg; break;
        case OPT_UID:
        case OPT_GID:
            if (!o->set_creds) {
                o->uid = o->gid = o->unprivileged ? 1000 : 0;
                o->set_creds = true;
            }
            if (parse_id(optarg, c == OPT_UID ? &o->uid : &o->gid) != 0) {
                fprintf(stderr, "mmsim: bad --%s '%s' (0..2147483647)\n", c == OPT_UID ? "uid" : "gid", optarg);
                return -1;
            }
            break;
        case OPT_IPC:
            if (parse_ipc_limit(optarg, o) != 0) {
                fprintf(stderr, "mmsim: bad --ipc-limit '%s' (shmmin|shmmax|shmall|shmmni|shmseg|semmni|semmsl|semmns|semopm|semvmx|semaem=N)\n", optarg);
                return -1;
            }
            o->set_ipc = true;
            break;
        case OPT_MAXI:
            if (parse_u64(optarg, &o->max_insns) != 0 || o->max_insns == 0) {
                fprintf(stderr, "mmsim: bad --max-insns '%s' (a positive number)\n", optarg);
                return -1;
            }
            break;
        case OPT_MAX_FDS:
            if (parse_u64(optarg, &v) != 0 || v < 1 || v > (1u << 20)) {
                fprintf(stderr, "mmsim: bad --max-fds '%s' (1..1048576)\n", optarg);
                return -1;
            }
            o->max_fds = (unsigned)v;
            break;
        case OPT_EPOCH:
            if (parse_u64(optarg, &v) != 0 || v > 0x7fffffff) {
                fprintf(stderr, "mmsim: bad --epoch '%s' (seconds since 1970, 0..2147483647)\n", optarg);
                return -1;
            }
            o->epoch = (uint32_t)v;
            break;
        case OPT_MAX_PROCS:
        case OPT_MAX_THREADS:
            if (parse_u64(optarg, &v) != 0 || v < 1 || v > 65536) {
                fprintf(stderr, "mmsim: bad --%s '%s' (1..65536)\n",
                        c == OPT_MAX_PROCS ? "max-procs" : "max-threads", optarg);
                return -1;
            }
            if (c == OPT_MAX_PROCS)
                o->max_procs = (unsigned)v;
            else
                o->max_threads = (unsigned)v;
            break;
        case OPT_QUANTUM:
            if (parse_u64(optarg, &o->quantum) != 0 || o->quantum == 0) {
                fprintf(stderr, "mmsim: bad --quantum '%s' (a positive number of instructions)\n", optarg);
                return -1;
            }
            break;
        case OPT_TIMEOUT:
            if (parse_u64(optarg, &v) != 0 || v > 86400) {
                fprintf(stderr, "mmsim: bad --timeout '%s' (seconds, 0..86400)\n", optarg);
                return -1;
            }
            o->timeout_s = (unsigned)v;
            break;
        case OPT_CHECK:
            if (strcmp(optarg, "report") && strcmp(optarg, "error")) {
                fprintf(stderr, "mmsim: bad --check '%s' (report or error)\n", optarg);
                return -1;
            }
            o->check_error = !strcmp(optarg, "error");
            break;
        case OPT_CACHE_MODEL:
            if (strcmp(optarg, "watched") && strcmp(optarg, "full")) {
                fprintf(stderr, "mmsim: bad --cache-model '%s' (watched or full)\n", optarg);
                return -1;
            }
            o->cache_full = !strcmp(optarg, "full");
            break;
        case OPT_CACHE:
            if (parse_cache(optarg, &o->cache_geom) != 0)
                return -1;
            break;
        case OPT_MAX_HOST_MEM:
            if (parse_size(optarg, &o->max_host_mem) != 0 || o->max_host_mem < (64u << 20)) {
                fprintf(stderr, "mmsim: bad --max-host-mem '%s' (a size of at least 64M)\n", optarg);
                return -1;
            }
            break;
        case OPT_GDB:
            if (gdb_addr_check(optarg) != 0) {
                fprintf(stderr, "mmsim: bad --gdb '%s' (:PORT, HOST:PORT or unix:PATH)\n", optarg);
                return -1;
            }
            o->gdb = optarg;
            break;
        case OPT_GDB_FOLLOW:
            if (parse_u64(optarg, &v) != 0 || v < 1 || v > UINT32_MAX) {
                fprintf(stderr, "mmsim: bad --gdb-follow '%s' (a process id)\n", optarg);
                return -1;
            }
            o->gdb_pid = (uint32_t)v;
            break;
        case 'h': usage(stdout); exit(0);
        default:
            usage(stderr);
            return -1;
        }
    }
    return optind;
}

/* Ctrl-C, kill and a closed terminal stop the run cleanly (sched_host_stop). */
static void on_host_signal(int sig)
{
    sched_host_stop(sig);
}

int cli_run(const struct sim_opts *o, const char *path, int argc, char **argv)
{
    struct sigaction sa = { .sa_handler = on_host_signal };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    if (o->gdb)
        return gdb_run(o->gdb, o, &kcall_kernel, &checker_memsys, path, argc, argv);
    return sim_run(o, &kcall_kernel, &checker_memsys, path, argc, argv);
}

int cli_report_begin(struct sim_opts *o, struct cli_report *cr, const char *prog)
{
    char err[600];
    memset(cr, 0, sizeof *cr);
    if (!report_path)
        return 0;
    if (!report_can_write(report_path, err, sizeof err)) {
        fprintf(stderr, "mmsim: cannot write --report %s\n", err);
        return -1;
    }
    cr->out = report_path;
    if (o->trace_path) {
        cr->trace = o->trace_path;
        return 0;
    }
    /* No --trace: the run is traced into a temporary file, removed after. */
    const char *tmpdir = getenv("TMPDIR");
    snprintf(cr->tmp, sizeof cr->tmp, "%s/mmsim-report-XXXXXX",
             tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = mkstemp(cr->tmp);
    if (fd < 0) {
        fprintf(stderr, "mmsim: --report: cannot create a temporary trace in %s: %s\n",
                tmpdir && *tmpdir ? tmpdir : "/tmp", strerror(errno));
        return -1;
    }
    close(fd);
    cr->trace = o->trace_path = cr->tmp;
    const char *base = strrchr(prog, '/');
    snprintf(cr->source, sizeof cr->source, "%.200s (run)", base ? base + 1 : prog);
    return 0;
}

int cli_report_end(struct cli_report *cr, const struct report_opts *ro, int status)
{
    if (!cr->out)
        return status;
    char err[600];
    struct report_opts o = *ro;
    if (cr->tmp[0] && !o.source)
        o.source = cr->source;
    int rc = report_write(cr->trace, cr->out, &o, NULL, err, sizeof err);
    if (cr->tmp[0])
        unlink(cr->tmp);
    if (rc != 0) {
        fprintf(stderr, "mmsim: --report: %s\n", err);
        return 125;
    }
    fprintf(stderr, "mmsim: report written to %s\n", cr->out);
    return status;
}

int main(int argc, char **argv)
{
    struct sim_opts o = { .cpu = CPU_ARMV7, .ram = 256u << 20, .max_host_mem = 16ull << 30,
                          .epoch = EPOCH_DEFAULT };
    mm_ipc_limits_default(&o.ipc);
    if (argc < 2) {
        usage(stderr);
        return 125;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "run")) {
        int i = parse_opts(argc - 1, argv + 1, &o);
        if (i < 0)
            return 125;
        if (i >= argc - 1) {
            fprintf(stderr, "mmsim run: no program given\n");
            return 125;
        }
        struct cli_report cr;
        if (cli_report_begin(&o, &cr, argv[1 + i]) != 0)
            return 125;
        int status = cli_run(&o, argv[1 + i], argc - 1 - i, argv + 1 + i);
        /* the page reads the program's debug info; if the run could not
         * load it, the run said so and the page says it too */
        struct report_opts ro = { .elf = argv[1 + i], .elf_soft = true };
        return cli_report_end(&cr, &ro, status);
    }
    if (!strcmp(cmd, "report"))
        return report_main(argc - 1, argv + 1);
    if (!strcmp(cmd, "pte"))
        return pte_main(argc - 1, argv + 1);
    if (!strcmp(cmd, "replay"))
        return replay_main(argc - 1, argv + 1);
    if (!strcmp(cmd, "trace"))
        return trace_main(argc - 1, argv + 1);
    if (!strcmp(cmd, "scenario")) {
        const char *cpu = NULL;
        if (argc == 5 && !strcmp(argv[2], "--cpu"))
            cpu = argv[3];
        if (argc != 3 && !cpu) {
            fprintf(stderr, "usage: mmsim scenario [--cpu NAME] FILE\n");
            return 2;
        }
        return scenario_run(argv[argc - 1], cpu, stdout, stderr);
    }
    if (!strcmp(cmd, "demo")) {
        int i = parse_opts(argc - 1, argv + 1, &o);
        if (i < 0)
            return 125;
        if (i < argc - 1) {
            fprintf(stderr, "mmsim demo: unexpected argument '%s'\n", argv[1 + i]);
            return 125;
        }
        const char *dir = getenv("MMSIM_GUEST_DIR");
        struct cli_report cr;
        if (cli_report_begin(&o, &cr, "demo") != 0)
            return 125;
        return demo_main(&o, dir ? dir : MMSIM_GUEST_DIR, &cr);
    }
    fprintf(stderr, "mmsim: unknown command '%s'\n", cmd);
    usage(stderr);
    return 125;
}
