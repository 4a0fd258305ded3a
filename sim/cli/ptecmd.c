/*
 * ptecmd.c - `mmsim pte`: the page-table entry mmsim writes for one user
 * page with a given protection and shm_ctl_special value, explained field
 * by field, for learners (text) and scripts (--json).
 *
 * The entry is made by the real encoder: a small machine (RAM, frames, the
 * flavour's MMU, one table) maps the page with pt_map and reads it back
 * from simulated RAM with pt_walk.  Field tables come from pt_explain
 * (mmu/pt_explain.c), the attribute record from the flavour's decode.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define PTE_RAM (16u << 20)
#define PTE_VA  0x40000000u   /* the page's virtual address */
#define PTE_PA  0x00123000u   /* and its frame */

/* What was asked for. */
struct pte_req {
    enum mmsim_cpu cpu;
    unsigned prot;
    const char *prot_name;
    bool nocache, json;
    uint32_t special;
};

/* What the encoder wrote and what it means. */
struct pte_out {
    uint64_t raw;
    struct pt_decoded d;
    struct pt_field f[PT_EXPLAIN_MAX];
    size_t nf;
};

static void pte_usage(FILE *f)
{
    fprintf(f,
        "usage: mmsim pte [--cpu armv5|armv6|armv7|e500|ppc600] [--prot rw|ro|rx|rwx]\n"
        "                 [--nocache] [--special VALUE] [--json]\n"
        "Print the PTE mmsim writes for a user page (virtual 0x%08x, physical\n"
        "0x%08x) with that protection, PROT_NOCACHE and shm_ctl_special value, and\n"
        "explain every field.  Exit status 2: bad arguments or an invalid special value.\n",
        PTE_VA, PTE_PA);
}

/* Parse "rw" etc. into PT_ bits.  0 or -EINVAL. */
static int parse_prot(const char *s, unsigned *prot)
{
    static const struct { const char *name; unsigned prot; } t[] = {
        { "ro", PT_R }, { "rw", PT_R | PT_W }, { "rx", PT_R | PT_X },
        { "rwx", PT_R | PT_W | PT_X },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (!strcmp(s, t[i].name)) {
            *prot = t[i].prot;
            return 0;
        }
    return -EINVAL;
}

/* Parse a 32-bit number in any base.  0 or -EINVAL. */
static int parse_u32(const char *s, uint32_t *v)
{
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 0);
    if (errno || end == s || *end || s[0] == '-' || x > UINT32_MAX)
        return -EINVAL;
    *v = (uint32_t)x;
    return 0;
}

/* Options into r.  0, or 2 after a message (1 for --help: exit 0). */
static int parse_pte_opts(int argc, char **argv, struct pte_req *r)
{
    enum { O_CPU = 256, O_PROT, O_NOCACHE, O_SPECIAL, O_JSON };
    static const struct option lo[] = {
        {"cpu", required_argument, 0, O_CPU},     {"prot", required_argument, 0, O_PROT},
        {"nocache", no_argument, 0, O_NOCACHE},   {"special", required_argument, 0, O_SPECIAL},
        {"json", no_argument, 0, O_JSON},         {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        switch (c) {
        case O_CPU:
            if (mmu_cpu_parse(optarg, &r->cpu)) {
                fprintf(stderr, "mmsim pte: unknown --cpu '%s' (armv5, armv6, armv7, e500, ppc600)\n",
                        optarg);
                return 2;
            }
            break;
        case O_PROT:
            if (parse_prot(optarg, &r->prot)) {
                fprintf(stderr, "mmsim pte: bad --prot '%s' (rw, ro, rx, rwx)\n", optarg);
                return 2;
            }
            r->prot_name = optarg;
            break;
        case O_NOCACHE: r->nocache = true; break;
        case O_SPECIAL:
            if (parse_u32(optarg, &r->special)) {
                fprintf(stderr, "mmsim pte: bad --special '%s' (a 32-bit number)\n", optarg);
                return 2;
            }
            break;
        case O_JSON: r->json = true; break;
        case 'h': pte_usage(stdout); return 1;
        default: pte_usage(stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "mmsim pte: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    return 0;
}

/* Map the page on a fresh machine and read its entry back into o.
 * 0; 2 with the reason printed if special is invalid; 125 if the machine
 * could not be built. */
static int pte_encode(const struct pte_req *r, struct pte_out *o)
{
    struct phys phys;
    struct frames frames;
    struct mmu *m = NULL;
    struct pt *pt = NULL;
    int rc = 125;
    if (phys_init(&phys, PTE_RAM))
        return 125;
    if (frames_init(&frames, &phys))
        goto out_phys;
    if (!(m = mmu_create(r->cpu, &phys, &frames, NULL)))
        goto out_frames;
    const char *why = NULL;
    if (r->special && mmu_check_special(m, r->special, &why)) {
        fprintf(stderr, "mmsim pte: special 0x%x is invalid on %s: %s\n", r->special,
                mmu_cpu_name(r->cpu), why ? why : "refused");
        rc = 2;
        goto out_mmu;
    }
    struct pt_attr a = { .prot = r->prot, .nocache = r->nocache,
                         .has_special = r->special != 0, .special = r->special };
    struct pt_walk w;
    if (!(pt = pt_create(m, 1)) || pt_map(pt, PTE_VA, PTE_PA, &a))
        goto out_pt;
    pt_walk(pt, PTE_VA, &w);
    if (w.status != PTW_OK)
        goto out_pt;
    o->raw = w.raw;
    o->d = w.d;
    o->nf = pt_explain(r->cpu, w.raw, PTE_VA, o->f, PT_EXPLAIN_MAX);
    if (o->nf > PT_EXPLAIN_MAX)
        o->nf = PT_EXPLAIN_MAX;
    rc = 0;
out_pt:
    if (pt)
        pt_destroy(pt);
out_mmu:
    mmu_destroy(m);
out_frames:
    frames_fini(&frames);
out_phys:
    phys_fini(&phys);
    if (rc == 125)
        fprintf(stderr, "mmsim pte: could not build the page-table machine\n");
    return rc;
}

/* "rwx"-style text of p into s[4]. */
static const char *rights(unsigned p, char s[4])
{
    s[0] = p & PT_R ? 'r' : '-';
    s[1] = p & PT_W ? 'w' : '-';
    s[2] = p & PT_X ? 'x' : '-';
    s[3] = 0;
    return s;
}

/* The raw entry as hex: 16 digits for the 8-byte PPC 600 PTE. */
static void raw_text(enum mmsim_cpu cpu, uint64_t raw, char *buf, size_t n)
{
    if (cpu == CPU_PPC600)
        snprintf(buf, n, "0x%016" PRIx64, raw);
    else
        snprintf(buf, n, "0x%08" PRIx32, (uint32_t)raw);
}

/* A field value: binary digits up to 4 bits wide, else hex. */
static void value_text(const struct pt_field *f, char *buf, size_t n)
{
    unsigned w = f->msb - f->lsb + 1;
    if (w > 4) {
        snprintf(buf, n, "0x%" PRIx32, f->value);
        return;
    }
    size_t i = 0;
    for (int b = (int)w - 1; b >= 0 && i + 1 < n; b--)
        buf[i++] = (char)('0' + (f->value >> b & 1));
    buf[i] = 0;
}

/* "big-endian"/"little-endian" as the CPU sees the page. */
static const char *byte_order(enum mmsim_cpu cpu, const struct pt_decoded *d)
{
    return mmu_cpu_big_endian(cpu) && !d->little_endian ? "big-endian" : "little-endian";
}

/* A cache policy with its words: "WB-WA (write-back, write-allocate)". */
static const char *policy_words(enum pt_cache c)
{
    switch (c) {
    case PC_NONCACHEABLE: return "NC (non-cacheable)";
    case PC_WB_WA:        return "WB-WA (write-back, write-allocate)";
    case PC_WT:           return "WT (write-through, no write-allocate)";
    case PC_WB_NWA:       return "WB-noWA (write-back, no write-allocate)";
    }
    return "?";
}

#define MAX_NOTES 4

/* Notes for learners where the result differs from what was asked:
 * execute rights, PROT_NOCACHE overridden.  Count; at most MAX_NOTES. */
static int pte_notes(const struct pte_req *r, const struct pt_decoded *d, const char **n)
{
    int k = 0;
    bool want_x = r->prot & PT_X, got_x = d->uprot & PT_X;
    if (!want_x && got_x) {
        switch (r->cpu) {
        case CPU_ARMV5:
            n[k++] = "the page is executable without x: ARMv5 has no execute-never, "
                     "every readable page is executable";
            break;
        case CPU_PPC600:
            n[k++] = "the page is executable without x: the 603e has no per-page no-execute, "
                     "a readable page can be fetched from unless it is guarded (G=1)";
            break;
        default:
            n[k++] = "the page is executable without x: special bits replace XN on ARMv6/v7; "
                     "add 0x1 (ARM_PTE_V6_SP_XN) to the special value for execute-never";
            break;
        }
    }
    if (want_x && !got_x)
        n[k++] = r->cpu == CPU_PPC600
                     ? "x was asked for but the page is guarded (G=1): the 603e cannot fetch "
                       "instructions from it"
                     : "x was asked for but the special value sets execute-never, which wins";
    if (r->nocache && r->special)
        n[k++] = "PROT_NOCACHE is ignored: special bits override it";
    return k;
}

/* What a word is, for the text heading. */
static const char *word_title(enum mmsim_cpu cpu, const char *word)
{
    if (!strcmp(word, "leaf"))
        return "software page-table leaf (mmsim's e500 format)";
    if (!strcmp(word, "MAS2"))
        return "MAS2 as a TLB0 refill loads it (EPN, WIMGE)";
    if (!strcmp(word, "MAS3"))
        return "MAS3 as a TLB0 refill loads it (RPN, permissions)";
    if (!strcmp(word, "word0"))
        return "HTAB PTE word 0";
    if (!strcmp(word, "word1"))
        return "HTAB PTE word 1";
    return cpu == CPU_ARMV5 ? "L2 descriptor (coarse table)" : "L2 descriptor (small page)";
}

/* The text form. */
static void pte_print_text(const struct pte_req *r, const struct pte_out *o)
{
    char raw[24], u[4], k[4];
    raw_text(r->cpu, o->raw, raw, sizeof raw);
    printf("mmsim pte: the PTE mmsim writes on %s for a user page\n", mmu_cpu_name(r->cpu));
    printf("  virtual 0x%08x -> physical 0x%08x, prot %s", PTE_VA, PTE_PA,
           rights(r->prot, u));
    if (r->special)
        printf("%s, special 0x%x (shm_ctl_special)", r->nocache ? ", PROT_NOCACHE" : "",
               r->special);
    else
        printf("%s, no special bits", r->nocache ? ", PROT_NOCACHE" : "");
    printf("\n  PTE = %s\n", raw);
    const char *cur = NULL;
    for (size_t i = 0; i < o->nf; i++) {
        const struct pt_field *f = &o->f[i];
        if (!cur || strcmp(cur, f->word)) {
            cur = f->word;
            printf("\n%s = 0x%08" PRIx32 "%s\n", word_title(r->cpu, f->word), f->word_value,
                   f->msb0 ? f->width == 64 ? "  (bits numbered 32:63 from the MSB, as Book-E does)"
                                            : "  (bits numbered from the MSB, as PowerPC does)"
                           : "");
            printf("  %-6s %-6s %-8s %s\n", "bits", "field", "value", "meaning");
        }
        char bits[16], val[16];
        pt_field_bits(f, bits, sizeof bits);
        value_text(f, val, sizeof val);
        printf("  %-6s %-6s %-8s %s\n", bits, f->name, val, f->meaning);
    }
    const struct pt_decoded *d = &o->d;
    printf("\nAttributes (the arch-neutral decode mmsim works with):\n");
    printf("  memory type     %s\n", pt_memtype_name(d->memtype));
    printf("  inner policy    %s\n", policy_words(d->inner));
    printf("  outer policy    %s\n", policy_words(d->outer));
    printf("  shareable       %s\n", d->shareable ? "yes" : "no");
    printf("  coherent (M)    %s\n", d->coherent ? "yes" : "no");
    printf("  guarded         %s\n", d->guarded ? "yes" : "no");
    printf("  speculative     %s\n", d->speculative ? "yes: the CPU may access it ahead of the program"
                                                    : "no: only the accesses the program makes");
    printf("  execute-never   %s\n", d->xn ? "yes" : "no");
    printf("  byte order      %s\n", byte_order(r->cpu, d));
    printf("  user access     %s\n", rights(d->uprot, u));
    printf("  privileged      %s\n", rights(d->kprot, k));
    printf("  global          %s\n", d->global ? "yes" : "no");
    const char *notes[MAX_NOTES];
    int nn = pte_notes(r, d, notes);
    if (nn)
        printf("\nNotes:\n");
    for (int i = 0; i < nn; i++)
        printf("  - %s\n", notes[i]);
}

/* s as a JSON string. */
static void json_str(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

/* The --json form: one object, keys in a fixed order. */
static void pte_print_json(const struct pte_req *r, const struct pte_out *o)
{
    char raw[24], u[4], k[4];
    raw_text(r->cpu, o->raw, raw, sizeof raw);
    printf("{\"cpu\":\"%s\",\"va\":\"0x%08x\",\"pa\":\"0x%08x\",\"prot\":\"%s\",\"nocache\":%s,"
           "\"special\":\"0x%x\",\"pte\":\"%s\",\"fields\":[",
           mmu_cpu_name(r->cpu), PTE_VA, PTE_PA, r->prot_name, r->nocache ? "true" : "false",
           r->special, raw);
    for (size_t i = 0; i < o->nf; i++) {
        const struct pt_field *f = &o->f[i];
        char bits[16];
        pt_field_bits(f, bits, sizeof bits);
        printf("%s{\"word\":", i ? "," : "");
        json_str(f->word);
        printf(",\"word_value\":\"0x%08" PRIx32 "\",\"name\":", f->word_value);
        json_str(f->name);
        printf(",\"bits\":\"%s\",\"msb\":%u,\"lsb\":%u,\"value\":%" PRIu32 ",\"meaning\":", bits,
               f->msb, f->lsb, f->value);
        json_str(f->meaning);
        putchar('}');
    }
    const struct pt_decoded *d = &o->d;
#define B(x) ((x) ? "true" : "false")
    printf("],\"decoded\":{\"valid\":%s,\"pa\":\"0x%08" PRIx64 "\",\"memtype\":\"%s\","
           "\"inner\":\"%s\",\"outer\":\"%s\",\"shareable\":%s,\"coherent\":%s,\"guarded\":%s,"
           "\"speculative\":%s,\"xn\":%s,\"little_endian\":%s,\"byte_order\":\"%s\","
           "\"global\":%s,\"uprot\":\"%s\",\"kprot\":\"%s\"},\"notes\":[",
           B(d->valid), (uint64_t)d->pa, pt_memtype_name(d->memtype), pt_cache_name(d->inner),
           pt_cache_name(d->outer), B(d->shareable), B(d->coherent), B(d->guarded),
           B(d->speculative), B(d->xn), B(d->little_endian), byte_order(r->cpu, d), B(d->global),
           rights(d->uprot, u), rights(d->kprot, k));
#undef B
    const char *notes[MAX_NOTES];
    int nn = pte_notes(r, d, notes);
    for (int i = 0; i < nn; i++) {
        if (i)
            putchar(',');
        json_str(notes[i]);
    }
    printf("]}\n");
}

/* `mmsim pte ...` (argv[0] = "pte").  Exit status. */
int pte_main(int argc, char **argv)
{
    struct pte_req r = { .cpu = CPU_ARMV7, .prot = PT_R | PT_W, .prot_name = "rw" };
    int rc = parse_pte_opts(argc, argv, &r);
    if (rc)
        return rc == 1 ? 0 : rc;
    struct pte_out o;
    memset(&o, 0, sizeof o);
    rc = pte_encode(&r, &o);
    if (rc)
        return rc;
    if (r.json)
        pte_print_json(&r, &o);
    else
        pte_print_text(&r, &o);
    return 0;
}
