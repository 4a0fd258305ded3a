/*
 * demo.c - `mmsim demo`: the demo guest (guest/examples/demo.c) on the
 * chosen flavour, with the page-table entries that map its shared object,
 * then the same program on all five flavours and that object's PTEs side
 * by side, raw and decoded; last, the cache checker catching a DMA driver
 * bug, and the fixed driver running clean.  With --report, the first run
 * is also written as an HTML page (sim/report) with the side-by-side table.
 */
#include <inttypes.h>
#include <string.h>

#include "cli.h"

/* Path of the demo guest built for `cpu`. */
static void demo_path(char *buf, size_t n, const char *dir, enum mmsim_cpu cpu)
{
    snprintf(buf, n, "%s/examples/%s/demo.elf", dir, mmu_cpu_name(cpu));
}

/* Run the demo quietly on `cpu` and capture its shared-object PTEs. */
static int capture_on(const struct sim_opts *base, const char *dir, enum mmsim_cpu cpu,
                      struct pte_capture *cap)
{
    struct sim_opts o = *base;
    char path[4096];
    char *argv[] = { "demo", NULL };
    o.cpu = cpu;
    o.dump_pt = DUMP_NONE;
    o.trace_path = NULL;
    o.stats = false;
    o.guest_quiet = true;
    o.capture = cap;
    memset(cap, 0, sizeof *cap);
    demo_path(path, sizeof path, dir, cpu);
    return cli_run(&o, path, 1, argv);
}

/* The side-by-side table: one row per page, one column per flavour, then
 * page 0 decoded on each flavour. */
static void side_by_side(const struct sim_opts *o, const char *dir, struct report_flavour *fl)
{
    struct pte_capture cap[CPU_COUNT];
    bool ok[CPU_COUNT];
    printf("\n== 6. The same object on all five CPU flavours ==\n"
           "The demo ran again on each flavour (same fragmentation seed); these are\n"
           "the PTEs that map the object's pages, as each MMU format writes them.\n\n");
    printf("page ");
    for (int c = 0; c < CPU_COUNT; c++) {
        ok[c] = capture_on(o, dir, (enum mmsim_cpu)c, &cap[c]) == 0 && cap[c].n > 0;
        printf(" %-*s", c == CPU_PPC600 ? 18 : 10, mmu_cpu_name((enum mmsim_cpu)c));
        fl[c].ok = ok[c];
        fl[c].n = ok[c] ? cap[c].n : 0;
        for (int i = 0; i < fl[c].n && i < (int)(sizeof fl[c].raw / sizeof fl[c].raw[0]); i++)
            fl[c].raw[i] = cap[c].raw[i];
    }
    printf("\n");
    for (int i = 0; i < CAPTURE_MAX; i++) {
        bool any = false;
        for (int c = 0; c < CPU_COUNT; c++)
            any |= ok[c] && i < cap[c].n;
        if (!any)
            break;
        printf("%-4d ", i);
        for (int c = 0; c < CPU_COUNT; c++) {
            if (!ok[c] || i >= cap[c].n)
                printf(" %-10s", "-");
            else if (c == CPU_PPC600)
                printf(" 0x%016" PRIx64, cap[c].raw[i]);
            else
                printf(" 0x%08" PRIx64, cap[c].raw[i]);
        }
        printf("\n");
    }
    printf("\npage 0 decoded:\n");
    for (int c = 0; c < CPU_COUNT; c++) {
        char d[200];
        if (!ok[c]) {
            printf("  %-7s (the demo did not run on this flavour)\n", mmu_cpu_name((enum mmsim_cpu)c));
            continue;
        }
        pt_describe((enum mmsim_cpu)c, cap[c].raw[0], d, sizeof d);
        printf("  %-7s %s\n", mmu_cpu_name((enum mmsim_cpu)c), d);
    }
    fflush(stdout);
}

/* Run example `name` on o's flavour with its output shown; exit status. */
static int run_example(const struct sim_opts *base, const char *dir, const char *name)
{
    struct sim_opts o = *base;
    char path[4096];
    char *argv[] = { (char *)name, NULL };
    o.dump_pt = DUMP_NONE;
    o.trace_path = NULL;
    o.frag = false;
    snprintf(path, sizeof path, "%s/examples/%s/%s.elf", dir, mmu_cpu_name(o.cpu), name);
    int status = cli_run(&o, path, 1, argv);
    fflush(stdout);
    fflush(stderr);
    return status;
}

/* Section 7: a driver that forgets CACHE_INVAL, then the correct one. */
static void checker_demo(const struct sim_opts *o, const char *dir)
{
    printf("\n== 7. The cache checker catches a driver bug ==\n"
           "guest/examples/bug_stale_read.c reads a DMA buffer it looked at before the\n"
           "transfer, without CACHE_INVAL: its cache lines still hold the old bytes.\n\n");
    fflush(stdout);
    int bad = run_example(o, dir, "bug_stale_read");
    printf("\n-> exit status %d: the program saw the stale data, and mmsim said where and why.\n"
           "\nThe fix (guest/examples/dma_driver.c): CACHE_FLUSH before the DMA reads a\n"
           "buffer, CACHE_INVAL before the CPU reads what it wrote, or non-cacheable buffers.\n\n",
           bad);
    fflush(stdout);
    int good = run_example(o, dir, "dma_driver");
    printf("\n-> exit status %d and no checker report.\n", good);
    fflush(stdout);
}

int demo_main(struct sim_opts *o, const char *dir, struct cli_report *cr)
{
    struct report_flavour fl[CPU_COUNT];
    memset(fl, 0, sizeof fl);
    char path[4096];
    char *argv[] = { "demo", NULL };
    if (!o->frag) {
        o->frag = true;              /* show a physically fragmented object */
        o->frag_seed = 1;
    }
    if (!o->dump_pt)
        o->dump_pt = DUMP_SHARED;    /* the object's PTEs only */
    demo_path(path, sizeof path, dir, o->cpu);
    printf("mmsim demo: %s on --cpu %s, physical memory fragmented (seed %" PRIu64 ")\n\n",
           path, mmu_cpu_name(o->cpu), o->frag_seed);
    fflush(stdout);
    int status = cli_run(o, path, 1, argv);
    if (status == 0) {
        side_by_side(o, dir, fl);
        checker_demo(o, dir);
    }
    if (cr->out) {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "mmsim demo --cpu %s --report %s", mmu_cpu_name(o->cpu), cr->out);
        /* the program ran as "demo" (its argv[0]): the page reads its ELF by path */
        struct report_opts ro = { .title = "mmsim demo", .flavours = status == 0 ? fl : NULL,
                                  .command = cmd, .elf = path, .elf_soft = true };
        int rs = cli_report_end(cr, &ro, status);
        if (rs == status)
            printf("\n== The report ==\nThe run of section 1 as an interactive page: open %s in a browser\n"
                   "(timeline, address space, physical frames, the walk of each page, section 6's\n"
                   "table).  No network or server is needed.\n", cr->out);
        status = rs;
    }
    return status;
}
