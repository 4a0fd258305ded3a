/*
 * scenario.h - `mmsim scenario FILE` (traces/README.md, "Scenario scripts").
 */
#ifndef MMSIM_SCENARIO_H
#define MMSIM_SCENARIO_H

#include <stdio.h>

/* Run the script (on CPU flavour `cpu` if not NULL, whatever its machine
 * line says): one line per expectation checked on `out`, errors on `err`.  Exit status: 0 all expectations met, 1 some failed, 2 the
 * script was refused (syntax error, reported as file:line). */
int scenario_run(const char *path, const char *cpu, FILE *out, FILE *err);

#endif
