/*
 * cli.h - the command-line front ends (sim/cli): `mmsim run` and the
 * option parser (main.c), `mmsim demo` (demo.c), `mmsim pte` (ptecmd.c),
 * `--report` through sim/report;
 * the trace commands come from the trace library (traces/lib).
 *
 * A front end assembles a machine from its parts: sim/machine with the
 * kernel-call layer (sim/kcall) and the memory system (sim/checker).
 * Depends on every other folder; nothing may depend on it.
 */
#ifndef MMSIM_CLI_H
#define MMSIM_CLI_H

#include "sim.h"
#include "report.h"

/* `--report FILE` of run and demo: where the trace goes and the page. */
struct cli_report {
    const char *out;     /* the page, or NULL: no report asked for */
    const char *trace;   /* the trace it is made from */
    char        tmp[4096]; /* a temporary trace (no --trace given), removed after */
    char        source[300]; /* the page's name for it then: "<program> (run)" */
};
/* Before the run of `prog`: check the page can be written, point
 * o->trace_path at a temporary trace if none was asked for.  0, or -1
 * after a message. */
int cli_report_begin(struct sim_opts *o, struct cli_report *cr, const char *prog);
/* After the run: write the page; `status`, or 125 if it could not be written. */
int cli_report_end(struct cli_report *cr, const struct report_opts *ro, int status);

/* A whole run of `path` on the full machine; mmsim's exit status. */
int cli_run(const struct sim_opts *o, const char *path, int argc, char **argv);
/* `mmsim demo`, with the options parsed so far. */
int demo_main(struct sim_opts *o, const char *guest_dir, struct cli_report *cr);
/* `mmsim pte ...`: argv[0] is "pte".  Exit status. */
int pte_main(int argc, char **argv);

#endif
