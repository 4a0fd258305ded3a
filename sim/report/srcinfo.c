/*
 * srcinfo.c - source lines, functions and disassembly of guest code
 * addresses, from the program's ELF (srcinfo.h).
 *
 * The ELF is checked before anything is read from it (an ELF file, 32-bit,
 * of the trace's architecture, every section inside the file), so a bad
 * or truncated file is a clear error, never a crash.  libelf reads the
 * file (ELF_C_READ, not mmap: a file truncated under us cannot fault);
 * libdw answers address -> CU -> line-table row; Capstone disassembles the
 * code around the address.
 */
#include "srcinfo.h"

#include <capstone/capstone.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct srcinfo {
    int             fd;
    Elf            *elf;
    Dwarf          *dbg;        /* NULL: no .debug_info */
    enum mmsim_cpu  cpu;
    bool            debug;      /* the program's own code has line info */
    Elf_Scn        *symtab;
    csh             cs;
    bool            cs_ok;
};

static const char *machine_name(unsigned m)
{
    switch (m) {
    case EM_ARM:    return "ARM";
    case EM_PPC:    return "PowerPC";
    case EM_PPC64:  return "PowerPC 64-bit";
    case EM_386:    return "x86";
    case EM_X86_64: return "x86-64";
    case EM_AARCH64: return "AArch64";
    default:        return "foreign";
    }
}

static bool cpu_is_ppc(enum mmsim_cpu cpu)
{
    return cpu == CPU_E500 || cpu == CPU_PPC600;
}

/* The header says: 32-bit, of cpu's machine.  0, or -1 with err set. */
static int check_header(Elf *e, const char *path, enum mmsim_cpu cpu, char *err, size_t n)
{
    GElf_Ehdr h;
    if (!gelf_getehdr(e, &h)) {
        snprintf(err, n, "%s: truncated or corrupt ELF header: %s", path, elf_errmsg(-1));
        return -1;
    }
    unsigned want = cpu_is_ppc(cpu) ? EM_PPC : EM_ARM;
    if (h.e_machine != want || h.e_ident[EI_CLASS] != ELFCLASS32) {
        snprintf(err, n, "%s: a%s %s%s ELF, the trace ran %s (%s)", path,
                 h.e_machine == EM_ARM || h.e_machine == EM_X86_64 ? "n" : "",
                 machine_name(h.e_machine), h.e_ident[EI_CLASS] == ELFCLASS64 ? " 64-bit" : "",
                 mmu_cpu_name(cpu), cpu_is_ppc(cpu) ? "32-bit PowerPC" : "32-bit ARM");
        return -1;
    }
    return 0;
}

/* Every section lies inside the file's size; the symbol table is found.
 * 0, or -1 with err set. */
static int check_sections(struct srcinfo *s, const char *path, off_t size, bool *has_dwarf,
                          char *err, size_t n)
{
    GElf_Ehdr h;
    size_t shnum, strndx;
    gelf_getehdr(s->elf, &h);
    if (h.e_shoff > (uint64_t)size ||
        (uint64_t)h.e_shnum * h.e_shentsize > (uint64_t)size - h.e_shoff ||
        elf_getshdrnum(s->elf, &shnum) != 0 || elf_getshdrstrndx(s->elf, &strndx) != 0) {
        snprintf(err, n, "%s: truncated ELF: the section table is not inside the file (%lld bytes)",
                 path, (long long)size);
        return -1;
    }
    *has_dwarf = false;
    for (Elf_Scn *scn = elf_nextscn(s->elf, NULL); scn; scn = elf_nextscn(s->elf, scn)) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh)) {
            snprintf(err, n, "%s: corrupt ELF section header: %s", path, elf_errmsg(-1));
            return -1;
        }
        if (sh.sh_type != SHT_NOBITS &&
            (sh.sh_offset > (uint64_t)size || sh.sh_size > (uint64_t)size - sh.sh_offset)) {
            const char *nm = elf_strptr(s->elf, strndx, sh.sh_name);
            snprintf(err, n, "%s: truncated ELF: section %s ends past the end of the file (%lld bytes)",
                     path, nm ? nm : "?", (long long)size);
            return -1;
        }
        const char *nm = elf_strptr(s->elf, strndx, sh.sh_name);
        if (nm && !strcmp(nm, ".debug_info"))
            *has_dwarf = true;
        if (sh.sh_type == SHT_SYMTAB)
            s->symtab = scn;
    }
    return 0;
}

/* Address of the function symbol `name`, or 0. */
static uint64_t symbol_addr(struct srcinfo *s, const char *name)
{
    GElf_Shdr sh;
    Elf_Data *d;
    if (!s->symtab || !gelf_getshdr(s->symtab, &sh) || !(d = elf_getdata(s->symtab, NULL)))
        return 0;
    size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
    for (size_t i = 0; i < n; i++) {
        GElf_Sym sym;
        const char *nm;
        if (gelf_getsym(d, (int)i, &sym) && GELF_ST_TYPE(sym.st_info) == STT_FUNC &&
            (nm = elf_strptr(s->elf, sh.sh_link, sym.st_name)) && !strcmp(nm, name))
            return sym.st_value;
    }
    return 0;
}

/* True if address a has a line in the DWARF line table. */
static bool has_line(struct srcinfo *s, uint64_t a)
{
    Dwarf_Die cu;
    return s->dbg && dwarf_addrdie(s->dbg, a, &cu) && dwarf_getsrc_die(&cu, a);
}

int srcinfo_open(const char *path, enum mmsim_cpu cpu, struct srcinfo **out, char *err,
                 size_t errlen)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) != 0) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: not a regular file", path);
        close(fd);
        return -1;
    }
    struct srcinfo *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "%s: out of memory", path);
        close(fd);
        return -1;
    }
    s->fd = fd;
    s->cpu = cpu;
    elf_version(EV_CURRENT);
    bool dwarf = false;
    s->elf = elf_begin(fd, ELF_C_READ, NULL);
    if (!s->elf || elf_kind(s->elf) != ELF_K_ELF) {
        char magic[4];
        bool elf = pread(fd, magic, 4, 0) == 4 && !memcmp(magic, ELFMAG, 4);
        snprintf(err, errlen, "%s: %s", path, elf ? "truncated ELF: its header is incomplete"
                                                  : "not an ELF file");
        goto fail;
    }
    if (check_header(s->elf, path, cpu, err, errlen) || check_sections(s, path, st.st_size, &dwarf, err, errlen))
        goto fail;
    if (dwarf && !(s->dbg = dwarf_begin_elf(s->elf, DWARF_C_READ, NULL))) {
        snprintf(err, errlen, "%s: unreadable debug info: %s", path, dwarf_errmsg(-1));
        goto fail;
    }
    cs_mode mode = cpu_is_ppc(cpu) ? CS_MODE_32 | CS_MODE_BIG_ENDIAN : CS_MODE_ARM | CS_MODE_LITTLE_ENDIAN;
    s->cs_ok = cs_open(cpu_is_ppc(cpu) ? CS_ARCH_PPC : CS_ARCH_ARM, mode, &s->cs) == CS_ERR_OK;
    uint64_t m = symbol_addr(s, "main");
    if (m)
        s->debug = has_line(s, m);
    else
        s->debug = s->dbg != NULL;
    *out = s;
    return 0;
fail:
    srcinfo_close(s);
    return -1;
}

bool srcinfo_debug(const struct srcinfo *s)
{
    return s->debug;
}

void srcinfo_close(struct srcinfo *s)
{
    if (!s)
        return;
    if (s->cs_ok)
        cs_close(&s->cs);
    if (s->dbg)
        dwarf_end(s->dbg);
    if (s->elf)
        elf_end(s->elf);
    close(s->fd);
    free(s);
}

/* loc->func: the function symbol covering addr, as "name+0xoff". */
static void lookup_func(struct srcinfo *s, uint32_t addr, struct src_loc *loc)
{
    GElf_Shdr sh;
    Elf_Data *d;
    if (!s->symtab || !gelf_getshdr(s->symtab, &sh) || !(d = elf_getdata(s->symtab, NULL)))
        return;
    size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
    for (size_t i = 0; i < n; i++) {
        GElf_Sym sym;
        const char *nm;
        if (!gelf_getsym(d, (int)i, &sym) || GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
            addr < sym.st_value || addr - sym.st_value >= (sym.st_size ? sym.st_size : 1) ||
            !(nm = elf_strptr(s->elf, sh.sh_link, sym.st_name)) || !*nm)
            continue;
        if (addr == sym.st_value)
            snprintf(loc->func, sizeof loc->func, "%.100s", nm);
        else
            snprintf(loc->func, sizeof loc->func, "%.100s+0x%" PRIx64, nm, addr - sym.st_value);
        return;
    }
}

/* Line `len` bytes of s, cut at a UTF-8 character boundary if too long. */
static void copy_line(char *dst, const char *s, size_t len)
{
    if (len > 0 && s[len - 1] == '\n')
        len--;
    if (len > 0 && s[len - 1] == '\r')
        len--;
    if (len > SRC_LINE_MAX) {
        len = SRC_LINE_MAX;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(dst, s, len);
    dst[len] = 0;
}

/* loc->text: lines first..line+SRC_CONTEXT of loc->file. */
static void read_source(struct src_loc *loc)
{
    FILE *f = fopen(loc->file, "r");
    if (!f) {
        loc->note = "source file not found (the line table names it; it is not there now)";
        return;
    }
    int want = loc->line > 0 ? loc->line : 1;
    loc->first = want > SRC_CONTEXT ? want - SRC_CONTEXT : 1;
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    int no = 0;
    while ((len = getline(&buf, &cap, f)) >= 0 && ++no <= want + SRC_CONTEXT)
        if (no >= loc->first)
            copy_line(loc->text[loc->n++], buf, (size_t)len);
    free(buf);
    fclose(f);
    if (loc->first + loc->n <= want) {
        loc->n = 0;
        loc->note = "the source file is shorter than the line table says (changed since the build?)";
    }
}

/* loc->file, line and text from the DWARF line table. */
static void lookup_line(struct srcinfo *s, uint32_t addr, struct src_loc *loc)
{
    Dwarf_Die cu;
    Dwarf_Line *l;
    int line;
    const char *f;
    if (!s->dbg || !dwarf_addrdie(s->dbg, addr, &cu)) {
        loc->note = "no debug info for this address (compile with -g)";
        return;
    }
    if (!(l = dwarf_getsrc_die(&cu, addr)) || dwarf_lineno(l, &line) != 0 ||
        !(f = dwarf_linesrc(l, NULL, NULL))) {
        loc->note = "no line for this address in the line table";
        return;
    }
    Dwarf_Attribute at;
    const char *dir = dwarf_formstring(dwarf_attr(&cu, DW_AT_comp_dir, &at));
    if (f[0] != '/' && dir)
        snprintf(loc->file, sizeof loc->file, "%s/%s", dir, f);
    else
        snprintf(loc->file, sizeof loc->file, "%s", f);
    loc->has_line = true;
    loc->line = line;
    if (line == 0) {
        loc->note = "line 0: code the compiler made, of no one source line";
        return;
    }
    read_source(loc);
}

/* The executable section holding addr, with its header; NULL if none. */
static Elf_Data *code_at(struct srcinfo *s, uint32_t addr, GElf_Shdr *sh)
{
    for (Elf_Scn *scn = elf_nextscn(s->elf, NULL); scn; scn = elf_nextscn(s->elf, scn)) {
        if (!gelf_getshdr(scn, sh) || sh->sh_type != SHT_PROGBITS || !(sh->sh_flags & SHF_EXECINSTR) ||
            addr < sh->sh_addr || addr - sh->sh_addr >= sh->sh_size)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        return d && d->d_buf && d->d_size == sh->sh_size ? d : NULL;
    }
    return NULL;
}

/* loc->insn: the instructions around addr (4 bytes each: ARM state, PowerPC). */
static void lookup_insns(struct srcinfo *s, uint32_t addr, struct src_loc *loc)
{
    GElf_Shdr sh;
    Elf_Data *d = s->cs_ok ? code_at(s, addr & ~3u, &sh) : NULL;
    loc->at = -1;
    if (!d)
        return;
    uint64_t lo = sh.sh_addr, hi = sh.sh_addr + sh.sh_size;
    uint64_t a = addr & ~3u;
    a = a >= lo + 4 * SRC_INSN_CONTEXT ? a - 4 * SRC_INSN_CONTEXT : lo;
    for (; a + 4 <= hi && loc->ninsn < 2 * SRC_INSN_CONTEXT + 1; a += 4) {
        const uint8_t *code = (const uint8_t *)d->d_buf + (a - lo);
        int i = loc->ninsn++;
        cs_insn *insn;
        loc->insn_addr[i] = (uint32_t)a;
        if (a == (addr & ~3u))
            loc->at = i;
        if (cs_disasm(s->cs, code, 4, a, 1, &insn) == 1) {
            snprintf(loc->insn[i], sizeof loc->insn[i], "%s%s%.60s", insn->mnemonic,
                     insn->op_str[0] ? " " : "", insn->op_str);
            cs_free(insn, 1);
        } else {
            snprintf(loc->insn[i], sizeof loc->insn[i], ".word 0x%02x%02x%02x%02x", code[0], code[1],
                     code[2], code[3]);
        }
        if (a > addr && loc->ninsn > loc->at + SRC_INSN_CONTEXT && loc->at >= 0)
            break;
    }
}

void srcinfo_lookup(struct srcinfo *s, uint32_t addr, struct src_loc *loc)
{
    GElf_Shdr sh;
    memset(loc, 0, sizeof *loc);
    loc->at = -1;
    if (!code_at(s, addr & ~3u, &sh)) {
        loc->note = "not in the program's code (no executable section of the ELF holds it)";
        return;
    }
    lookup_func(s, addr, loc);
    lookup_line(s, addr, loc);
    lookup_insns(s, addr, loc);
}
