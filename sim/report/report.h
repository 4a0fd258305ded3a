/*
 * report.h - `mmsim report`: one self-contained HTML page of a run, made
 * from its trace (docs/REPORT.md).
 *
 * The page is report.html.in with report.css, report.js and the run's data
 * (a JSON blob) put inline: no network, no server, same trace -> the same
 * bytes.  The data is the trace's records in a compact form (PTE writes as
 * small arrays, every other record as it is, without "seq") plus, for every
 * distinct PTE value, its decode (pt_decode) and its bit fields in words
 * (pt_explain, the words of `mmsim pte`), so the page never re-implements
 * a PTE format.  The page rebuilds the state at each step from the records.
 *
 * Depends on the trace library's reader (traces/lib/tracefile.h) and on
 * mmu/ (pt.h); nothing of Unicorn or the machine.  Only sim/cli uses it.
 */
#ifndef MMSIM_REPORT_H
#define MMSIM_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* By default the page holds records until their text reaches
 * REPORT_EVENT_BYTES (about 86,000 records of a call-heavy trace: a page
 * of about 8.5 MB that headless Chromium makes interactive in 1.0-1.3 s on
 * a busy 2-core machine); the rest are counted by kind and the page says
 * what was left out and how to see it.  --max-events N replaces that
 * budget with exactly N records. */
#define REPORT_EVENT_BYTES (8u << 20)
/* Distinct PTE values explained field by field; past it a value is still
 * decoded (attributes) but its fields are left out, and the page says so. */
#define REPORT_MAX_EXPLAINED 16384u

/* The demo's side-by-side capture: the PTEs mapping one object on every
 * flavour (index = enum mmsim_cpu), for the page's comparison section. */
struct report_flavour {
    bool      ok;
    int       n;
    uint64_t  raw[64];
};

struct report_opts {
    const char *title;          /* page title; NULL: source */
    const char *source;         /* what the page names as its trace; NULL: the
                                 * trace's file name (run --report with no
                                 * --trace: the program's, as the temporary
                                 * file's name is random) */
    uint64_t    max_events;     /* 0: as many as REPORT_EVENT_BYTES holds */
    const struct report_flavour *flavours; /* NULL, or CPU_COUNT entries */
    const char *command;        /* the command that made the run, shown; may be NULL */
    const char *elf;            /* the program's ELF: checker reports and faults of the
                                 * processes running it show its source lines and code;
                                 * NULL: the program the trace's first "spawn" record
                                 * names, if that file is here (else none) */
    bool        elf_soft;       /* a refused elf is said in the page, not an error
                                 * (run --report: the run already said it) */
};

struct report_stats {
    uint64_t events;            /* records read */
    uint64_t kept;              /* records in the page */
    uint64_t bytes;             /* size of the page */
    uint64_t ptes;              /* distinct PTE values */
};

/* Write the report of trace `trace_path` to `out_path` (written to a
 * temporary file beside it, renamed when complete).  0, or -1 with a
 * one-line reason in err ("t.jsonl:12: ..." for a refused trace, "p.elf:
 * not an ELF file" for a refused o->elf).  st may be NULL. */
int report_write(const char *trace_path, const char *out_path, const struct report_opts *o,
                 struct report_stats *st, char *err, size_t errlen);

/* True if out_path can be written (its directory exists and is writable
 * and it is not a directory); else false with the reason in err.  For
 * checking `--report FILE` before a run. */
bool report_can_write(const char *out_path, char *err, size_t errlen);

/* `mmsim report TRACE -o OUT [--elf PROG] [--max-events N] [--title T] [--stats]`;
 * argv[0] is "report".  Exit status: 0, 2 bad input. */
int report_main(int argc, char **argv);

#endif
