/*
 * tracecmd.h - `mmsim trace diff A B` (differences by event, not by line)
 * and `mmsim trace show TRACE [--filter CLASS]` (a readable summary).
 */
#ifndef MMSIM_TRACECMD_H
#define MMSIM_TRACECMD_H

#include <stdio.h>

/* Exit status: diff 0 same, 1 different, 2 refused; show 0 or 2. */
int trace_diff(const char *a, const char *b, FILE *out, FILE *err);
int trace_show(const char *path, const char *filter, FILE *out, FILE *err);
/* Print the fields that differ between two record lines ("    path: a -> b"),
 * seq left out.  0, or -1 if either line is not a record. */
int trace_field_diff(FILE *out, const char *rec_line, const char *now_line);
/* `mmsim trace ...` with argv[0] == "trace". */
int trace_main(int argc, char **argv);

#endif
