/*
 * srcinfo.h - what the report says about a code address of the guest
 * program: its source line with its neighbours (from the ELF's DWARF line
 * table, read with libdw), its function (the symbol table) and the
 * instructions around it (the ELF's code, disassembled with Capstone).
 *
 * The trace records addresses only; the report generator reads the ELF the
 * run loaded (`run --report`, `mmsim report --elf`) and resolves the
 * addresses of checker reports and faults here.  Nothing here depends on
 * the clock or the environment: the same ELF and sources give the same
 * answers.
 */
#ifndef MMSIM_SRCINFO_H
#define MMSIM_SRCINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmsim/pt.h"

/* Source lines shown before and after the reported one, and instructions
 * disassembled before and after the reported one. */
#define SRC_CONTEXT 2
#define SRC_INSN_CONTEXT 3
#define SRC_LINE_MAX 400     /* bytes of one source line kept */

struct srcinfo;

struct src_loc {
    char     func[128];      /* "main+0x1c", or "" if no symbol covers it */
    bool     has_line;       /* the line table knows the address */
    char     file[1024];     /* the source file, as DWARF names it (comp dir joined) */
    int      line;           /* its line (0: compiler-generated code) */
    int      first;          /* number of text[0] */
    int      n;              /* lines read from the file (0: not found) */
    char     text[2 * SRC_CONTEXT + 1][SRC_LINE_MAX + 1];
    const char *note;        /* why there is no line or no text, or NULL */
    int      ninsn;          /* instructions around the address */
    int      at;             /* index of the address's own instruction, or -1 */
    uint32_t insn_addr[2 * SRC_INSN_CONTEXT + 1];
    char     insn[2 * SRC_INSN_CONTEXT + 1][96];
};

/* Open the guest ELF at path for a run on cpu.  0 with *out set, or -1
 * with a one-line reason in err ("PATH: not an ELF file", "PATH: truncated
 * ELF: ...", "PATH: an x86-64 ELF, the trace ran armv7", "PATH: cannot
 * open: ...").  An ELF without debug info opens: srcinfo_debug says so. */
int srcinfo_open(const char *path, enum mmsim_cpu cpu, struct srcinfo **out, char *err,
                 size_t errlen);

/* True if the program's own code (its `main`, else any code) has DWARF
 * line information, i.e. it was compiled with -g. */
bool srcinfo_debug(const struct srcinfo *s);

/* Everything known about code address addr (never fails: what is missing
 * is said in loc->note). */
void srcinfo_lookup(struct srcinfo *s, uint32_t addr, struct src_loc *loc);

void srcinfo_close(struct srcinfo *s);

#endif
