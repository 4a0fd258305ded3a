/*
 * cli.h - the command-line front ends (sim/cli): `mmsim run` and the
 * option parser (main.c), `mmsim demo` (demo.c), `mmsim pte` (ptecmd.c);
 * the trace commands come from the trace library (traces/lib).
 *
 * A front end assembles a machine from its parts: sim/machine with the
 * kernel-call layer (sim/kcall) and the memory system (sim/checker).
 * Depends on every other folder; nothing may depend on it.
 */
#ifndef MMSIM_CLI_H
#define MMSIM_CLI_H

#include "sim.h"

/* A whole run of `path` on the full machine; mmsim's exit status. */
int cli_run(const struct sim_opts *o, const char *path, int argc, char **argv);
/* `mmsim demo`, with the options parsed so far. */
int demo_main(struct sim_opts *o, const char *guest_dir);
/* `mmsim pte ...`: argv[0] is "pte".  Exit status. */
int pte_main(int argc, char **argv);

#endif
