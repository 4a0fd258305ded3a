/*
 * gdb.h - sim/gdb: a GDB remote stub for mmsim (`mmsim run --gdb ADDR`).
 *
 * gdbproto.c speaks the remote serial protocol against a table of target
 * functions; gdbsim.c is that target over the machine: registers of the
 * followed process's threads, memory through its page table, breakpoints
 * and watchpoints through the machine's debug interface
 * (sim/machine/debug.h), `monitor` commands built on the machine's and the
 * checker's own reports, and reverse execution by deterministic
 * re-execution of the whole run.
 *
 * Depends on sim/machine (and sim/checker for `monitor cache`).  Nothing
 * below it depends on it; the command line (sim/cli) calls gdb_run.
 */
#ifndef MMSIM_GDB_H
#define MMSIM_GDB_H

#include "sim.h"

/* Run `path` as sim_run does, under a debugger that connects to `addr`
 * (":PORT" or "HOST:PORT", loopback by default, or "unix:PATH").  Waits
 * for gdb before the first instruction of process o->gdb_pid (1 if 0).  The exit status is
 * sim_run's (128+9 if gdb killed the guest); 125 if the address is bad or
 * cannot be listened on. */
int gdb_run(const char *addr, const struct sim_opts *o, const struct sim_kernel *k,
            const struct sim_memsys *mem, const char *path, int argc, char **argv);

/* Parse a --gdb address: 0 or -EINVAL (nothing is opened). */
int gdb_addr_check(const char *addr);

#endif
