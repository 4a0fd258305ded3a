/*
 * pt_explain.c - every bit field of a leaf PTE, in words, per flavour, for
 * `mmsim pte` and for learners (pt_explain in pt.h).
 *
 * The field tables are written here from the formats' documentation
 * (REFERENCE.md sections 3-4, the headers of pt_armv5.c, pt_armv6.c,
 * pt_e500.c, pt_ppc600.c); what a combination of fields means (memory
 * type, policies, rights) is taken from the flavour's own pt_decode and
 * check_special, so the explanation cannot drift from what the simulator
 * does with the entry.
 */
#include "pt_arm.h"

#include <stdarg.h>
#include <string.h>

/* The list being filled and the word its next fields belong to. */
struct ex {
    struct pt_field *f;
    size_t max, n;
    const char *word;
    uint32_t wv;
    bool msb0;
    unsigned width;
};

/* Start the fields of word `name` with value v. */
static void word(struct ex *x, const char *name, uint32_t v, bool msb0, unsigned width)
{
    x->word = name;
    x->wv = v;
    x->msb0 = msb0;
    x->width = width;
}

/* Add field name [msb:lsb] of the current word; meaning from fmt. */
static void field(struct ex *x, const char *name, unsigned msb, unsigned lsb, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void field(struct ex *x, const char *name, unsigned msb, unsigned lsb, const char *fmt, ...)
{
    if (x->n < x->max) {
        struct pt_field *f = &x->f[x->n];
        unsigned w = msb - lsb + 1;
        *f = (struct pt_field){ .word = x->word, .word_value = x->wv, .msb0 = x->msb0,
                                .width = x->width, .name = name, .msb = msb, .lsb = lsb,
                                .value = (x->wv >> lsb) & (w >= 32 ? ~0u : (1u << w) - 1) };
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(f->meaning, sizeof f->meaning, fmt, ap);
        va_end(ap);
    }
    x->n++;
}

/* Bit b of v. */
static unsigned bit(uint32_t v, unsigned b)
{
    return v >> b & 1;
}

/* A cache policy in words. */
static const char *policy_text(enum pt_cache c)
{
    switch (c) {
    case PC_NONCACHEABLE: return "non-cacheable";
    case PC_WB_WA:        return "write-back, write-allocate";
    case PC_WT:           return "write-through, no write-allocate";
    case PC_WB_NWA:       return "write-back, no write-allocate";
    }
    return "?";
}

/* Memory type and policies of d in words into buf[n]. */
static void memory_text(const struct pt_decoded *d, char *buf, size_t n)
{
    if (d->memtype == MT_STRONGLY_ORDERED)
        snprintf(buf, n, "Strongly-ordered memory (uncached, accesses in program order)");
    else if (d->memtype == MT_DEVICE)
        snprintf(buf, n, "Device memory, %s, uncached", d->shareable ? "shareable" : "non-shareable");
    else if (d->inner == d->outer)
        snprintf(buf, n, "Normal memory, outer and inner %s", policy_text(d->inner));
    else
        snprintf(buf, n, "Normal memory, outer %s, inner %s", policy_text(d->outer),
                 policy_text(d->inner));
}

/* "read-write", "read-only", "no access" for rights p (execute aside). */
static const char *access_text(unsigned p)
{
    return p & PT_W ? (p & PT_R ? "read-write" : "write-only")
                    : p & PT_R ? "read-only" : "no access";
}

/* Physical frame field of a 4 KiB leaf. */
static void frame_field(struct ex *x, const char *name)
{
    field(x, name, 31, 12, "physical page frame: the page is at physical 0x%08x",
          x->wv & 0xFFFFF000u);
}

/* ---------------------------------------------------------------- */
/* ARMv6 / ARMv7 short descriptor (L2: small and large pages)       */

/* TEX field text of a v6 leaf; sets *reserved. */
static void v6_tex_text(unsigned tex, unsigned c, unsigned b, const struct pt_decoded *d,
                        bool large, char *buf, size_t n)
{
    const char *why = NULL;
    uint32_t sp = tex << 6 | c << 3 | b << 2;
    char mem[120];
    const char *pos = large ? "14:12" : "8:6";
    memory_text(d, mem, sizeof mem);
    if (pt_armv6_ops.check_special(sp, &why) != 0)
        snprintf(buf, n, "TEX[%s]=%u%u%u C=%u B=%u: reserved (%s); mmsim refuses it as a special "
                 "value and decodes it as strongly-ordered", pos, bit(tex, 2), bit(tex, 1),
                 bit(tex, 0), c, b, why);
    else if (tex & 4)
        snprintf(buf, n, "TEX[%s]=1%u%u: Normal memory with separate policies: outer (TEX[1:0]=%u%u) "
                 "%s; inner policy in C:B", pos, bit(tex, 1), bit(tex, 0), bit(tex, 1), bit(tex, 0),
                 policy_text(d->outer));
    else
        snprintf(buf, n, "TEX[%s]=%u%u%u C=%u B=%u: %s", pos, bit(tex, 2), bit(tex, 1), bit(tex, 0),
                 c, b, mem);
}

/* C and B fields of a v6 leaf. */
static void v6_cb_fields(struct ex *x, unsigned tex, unsigned c, unsigned b,
                         const struct pt_decoded *d)
{
    if (tex & 4) {
        field(x, "C", 3, 3, "C:B=%u%u is the inner policy: %s", c, b, policy_text(d->inner));
        field(x, "B", 2, 2, "low bit of the inner policy C:B (see C)");
        return;
    }
    field(x, "C", 3, 3, "%s (TEX, C and B together give the memory type: see TEX)",
          c ? "cacheable" : "not cacheable");
    field(x, "B", 2, 2, "%s (see TEX)", b ? "bufferable" : "not bufferable");
}

/* Fields of an ARMv6/v7 L2 descriptor. */
static void explain_v6(struct ex *x, enum mmsim_cpu cpu, uint32_t raw)
{
    word(x, "L2 descriptor", raw, false, 32);
    unsigned type = raw & 3;
    if (type == 0) {
        field(x, "type", 1, 0, "00: fault: no translation, every access aborts");
        return;
    }
    bool large = type == 1;
    struct pt_decoded d;
    pt_decode(cpu, raw, &d);
    unsigned tex = large ? raw >> 12 & 7 : raw >> 6 & 7, c = bit(raw, 3), b = bit(raw, 2);
    unsigned s = bit(raw, 10), xn = large ? bit(raw, 15) : bit(raw, 0), apx = bit(raw, 9);
    char t[176];
    v6_tex_text(tex, c, b, &d, large, t, sizeof t);
    if (large) {
        field(x, "base", 31, 16, "physical address of the 64 KiB large page: 0x%08x",
              raw & 0xFFFF0000u);
        field(x, "XN", 15, 15, xn ? "execute never: an instruction fetch from this page faults"
                                  : "instructions may be fetched from this page");
        field(x, "TEX", 14, 12, "%s", t);
    } else {
        frame_field(x, "base");
    }
    field(x, "nG", 11, 11, bit(raw, 11)
          ? "not global: the TLB entry is tagged with the process's ASID"
          : "global: the TLB entry matches every ASID (kernel-style mapping)");
    if (d.memtype == MT_NORMAL)
        field(x, "S", 10, 10, s ? "shareable: kept coherent with other observers (other cores, "
                                  "coherent DMA)"
                                : "non-shareable: coherent only for this core");
    else
        field(x, "S", 10, 10, "ignored: S applies to normal memory; this %s memory is %s",
              d.memtype == MT_DEVICE ? "device" : "strongly-ordered",
              d.shareable ? "shareable" : "non-shareable");
    field(x, "APX", 9, 9, apx ? "writes disabled: read-only for whoever AP lets in"
                              : "writes allowed where AP grants access");
    if (large)
        field(x, "SBZ", 8, 6, "should be zero");
    else
        field(x, "TEX", 8, 6, "%s", t);
    field(x, "AP", 5, 4, "APX:AP=%u:%u%u: user %s, privileged %s", apx, bit(raw, 5), bit(raw, 4),
          access_text(d.uprot), access_text(d.kprot));
    v6_cb_fields(x, tex, c, b, &d);
    if (large) {
        field(x, "type", 1, 0, "01: large page (64 KiB)");
        return;
    }
    field(x, "small", 1, 1, "1: small page (4 KiB); bit 0 is then XN");
    field(x, "XN", 0, 0, xn ? "execute never: an instruction fetch from this page faults"
                            : "instructions may be fetched from this page");
}

/* ---------------------------------------------------------------- */
/* ARMv5 (XScale)                                                   */

/* The XScale name of X/C/B (REFERENCE.md section 3). */
static const char *const xscale_names[8] = {
    "uncached, unbuffered", "uncached, buffered", "write-through", "write-back, read-allocate",
    "unpredictable", "uncached, buffered, no coalescing", "mini-data cache",
    "write-back, read/write-allocate",
};

/* AP field text of an ARMv5 page (CP15 S=R=0). */
static void v5_ap_field(struct ex *x, const char *name, unsigned msb, unsigned ap)
{
    static const char *const t[4] = {
        "no access for anyone (CP15 S=R=0)", "privileged read-write, user no access",
        "privileged read-write, user read-only", "privileged read-write, user read-write",
    };
    field(x, name, msb, msb - 1, "AP=%u%u: %s", bit(ap, 1), bit(ap, 0), t[ap & 3]);
}

/* Fields of an ARMv5 L2 descriptor. */
static void explain_v5(struct ex *x, uint32_t raw)
{
    word(x, "L2 descriptor", raw, false, 32);
    unsigned type = raw & 3, c = bit(raw, 3), b = bit(raw, 2);
    if (type == 0) {
        field(x, "type", 1, 0, "00: fault: no translation, every access aborts");
        return;
    }
    struct pt_decoded d;
    pt_decode(CPU_ARMV5, raw, &d);
    char mem[120];
    memory_text(&d, mem, sizeof mem);
    if (type == 3) {
        unsigned tex = raw >> 6 & 0xF, xb = tex & 1;
        frame_field(x, "base");
        field(x, "SBZ", 11, 10, "should be zero");
        field(x, "TEX", 9, 6, "X=%u (TEX[9:7]=%u%u%u, zero on XScale): X/C/B=%u/%u%u: %s%s%s", xb,
              bit(tex, 3), bit(tex, 2), bit(tex, 1), xb, c, b, xscale_names[xb << 2 | c << 1 | b],
              (xb << 2 | c << 1 | b) == 4 ? "; mmsim decodes it as strongly-ordered: " : ": ",
              mem);
        v5_ap_field(x, "AP", 5, raw >> 4 & 3);
    } else {
        if (type == 1) {
            field(x, "base", 31, 16, "physical address of the 64 KiB large page: 0x%08x",
                  raw & 0xFFFF0000u);
            field(x, "TEX", 15, 12, "X/C/B=%u/%u%u: %s: %s", bit(raw, 12), c, b,
                  xscale_names[bit(raw, 12) << 2 | c << 1 | b], mem);
        } else {
            frame_field(x, "base");
        }
        static const char *const names[4] = { "AP0", "AP1", "AP2", "AP3" };
        for (int i = 3; i >= 0; i--)
            v5_ap_field(x, names[i], 5 + 2 * i, raw >> (4 + 2 * i) & 3);
    }
    field(x, "C", 3, 3, "%s (X, C and B together give the policy: see TEX)",
          c ? "cacheable" : "not cacheable");
    field(x, "B", 2, 2, "%s (see TEX)", b ? "bufferable" : "not bufferable");
    field(x, "type", 1, 0, "%s", type == 3 ? "11: extended small page (XScale, 4 KiB)"
                               : type == 2 ? "10: small page (4 KiB, four 1 KiB subpages)"
                                           : "01: large page (64 KiB, four 16 KiB subpages)");
}

/* ---------------------------------------------------------------- */
/* PowerPC                                                          */

/* Meaning of WIMGE letter `l` set to v, in a word whose I is `inhibited`. */
static const char *wimge_text(char l, unsigned v, bool inhibited)
{
    switch (l) {
    case 'W':
        if (inhibited)
            return v ? "write-through with caching inhibited: not a supported combination"
                     : "not used: the page is not cached";
        return v ? "write-through: every store also goes to memory"
                 : "write-back: stores stay in the cache until the line is cast out";
    case 'I':
        return v ? "caching inhibited: every access goes to memory"
                 : "cacheable";
    case 'M':
        return v ? "memory coherence required: accesses are snooped, coherent DMA sees cached data"
                 : "no coherence: DMA neither sees nor updates cached lines";
    case 'G':
        return v ? "guarded: no speculative or out-of-order access, no instruction fetch"
                 : "not guarded: the CPU may read ahead speculatively";
    default:
        return v ? "little-endian: the bytes of a word are stored least significant first"
                 : "big-endian byte order (the PowerPC default)";
    }
}

/* W I M G (E) fields at bits top, top-1, ... of the current word. */
static void wimge_fields(struct ex *x, unsigned top, bool with_e)
{
    static const char *const names[5] = { "W", "I", "M", "G", "E" };
    bool inhibited = bit(x->wv, top - 1);
    for (unsigned i = 0; i < (with_e ? 5u : 4u); i++)
        field(x, names[i], top - i, top - i, "%s",
              wimge_text(names[i][0], bit(x->wv, top - i), inhibited));
}

/* Book-E permission bit text. */
static void perm_field(struct ex *x, const char *name, unsigned pos, const char *who,
                       const char *what)
{
    field(x, name, pos, pos, "%s %s %s", who, what, bit(x->wv, pos) ? "allowed" : "denied");
}

/* UX SX UW SW UR SR at bits top..top-5 of the current word. */
static void perm_fields(struct ex *x, unsigned top)
{
    perm_field(x, "UX", top, "user", "execute");
    perm_field(x, "SX", top - 1, "supervisor", "execute");
    perm_field(x, "UW", top - 2, "user", "write");
    perm_field(x, "SW", top - 3, "supervisor", "write");
    perm_field(x, "UR", top - 4, "user", "read");
    perm_field(x, "SR", top - 5, "supervisor", "read");
}

/* Fields of an e500 software leaf, then the MAS2/MAS3 a refill loads. */
static void explain_e500(struct ex *x, uint32_t leaf, uint32_t va)
{
    word(x, "leaf", leaf, false, 32);
    if (!(leaf & 1)) {
        field(x, "V", 0, 0, "invalid: a TLB miss on this page is a fault");
        return;
    }
    frame_field(x, "RPN");
    perm_fields(x, 11);
    wimge_fields(x, 5, true);
    field(x, "V", 0, 0, "valid: a TLB miss loads this entry into TLB0");

    unsigned wimge = leaf >> 1 & 0x1F, perms = leaf >> 6 & 0x3F;
    word(x, "MAS2", (va & 0xFFFFF000u) | wimge, true, 64);
    field(x, "EPN", 31, 12, "effective page number: virtual page 0x%08x", va & 0xFFFFF000u);
    field(x, "-", 11, 5, "reserved and implementation-defined bits, zero");
    wimge_fields(x, 4, true);
    word(x, "MAS3", (leaf & 0xFFFFF000u) | perms, true, 64);
    field(x, "RPN", 31, 12, "real page number: physical page 0x%08x", leaf & 0xFFFFF000u);
    field(x, "-", 11, 10, "reserved, zero");
    field(x, "U0-U3", 9, 6, "user-defined attribute bits, unused");
    perm_fields(x, 5);
}

/* PP field text under the user key Kp=1 and supervisor key Ks=0. */
static void pp_field(struct ex *x, const struct pt_decoded *d)
{
    field(x, "PP", 1, 0, "PP=%u%u: user (key Kp=1) %s, supervisor (key Ks=0) %s",
          bit(x->wv, 1), bit(x->wv, 0), access_text(d->uprot), access_text(d->kprot));
}

/* Fields of a PPC 600 HTAB PTE (word0 << 32 | word1). */
static void explain_ppc600(struct ex *x, uint64_t raw, uint32_t va)
{
    uint32_t w0 = (uint32_t)(raw >> 32), w1 = (uint32_t)raw;
    struct pt_decoded d;
    pt_decode(CPU_PPC600, raw, &d);
    word(x, "word0", w0, true, 32);
    field(x, "V", 31, 31, bit(w0, 31) ? "valid" : "invalid: the hardware skips this slot");
    field(x, "VSID", 30, 7, "virtual segment ID 0x%06x, from segment register %u (EA 0x%x0000000-)",
          w0 >> 7 & 0xFFFFFF, va >> 28, va >> 28);
    field(x, "H", 6, 6, bit(w0, 6) ? "in the secondary PTEG (found with the secondary hash)"
                                   : "in the primary PTEG (found with the primary hash)");
    field(x, "API", 5, 0, "abbreviated page index: EA bits 4:9 = 0x%02x", w0 & 0x3F);
    word(x, "word1", w1, true, 32);
    frame_field(x, "RPN");
    field(x, "-", 11, 9, "reserved, zero");
    field(x, "R", 8, 8, bit(w1, 8) ? "referenced: the page has been accessed"
                                   : "not referenced yet (the hardware sets R on access)");
    field(x, "C", 7, 7, bit(w1, 7) ? "changed: the page has been written"
                                   : "not changed yet (the hardware sets C on a store)");
    wimge_fields(x, 6, false);
    field(x, "-", 2, 2, "reserved, zero");
    pp_field(x, &d);
}

/* ---------------------------------------------------------------- */

/* Explain leaf raw of cpu written for va into f[max]; number of fields. */
size_t pt_explain(enum mmsim_cpu cpu, uint64_t raw, uint32_t va, struct pt_field *f, size_t max)
{
    struct ex x = { .f = f, .max = max };
    switch (cpu) {
    case CPU_ARMV5:  explain_v5(&x, (uint32_t)raw); break;
    case CPU_ARMV6:
    case CPU_ARMV7:  explain_v6(&x, cpu, (uint32_t)raw); break;
    case CPU_E500:   explain_e500(&x, (uint32_t)raw, va); break;
    case CPU_PPC600: explain_ppc600(&x, raw, va); break;
    default:         break;
    }
    return x.n;
}

uint32_t pt_arm_l1_table(enum mmsim_cpu cpu, uint32_t l2)
{
    switch (cpu) {
    case CPU_ARMV5: return (l2 & ~(uint32_t)(ARM_L2_BYTES - 1)) | armv5_l1_coarse_bits();
    case CPU_ARMV6:
    case CPU_ARMV7: return (l2 & ~(uint32_t)(ARM_L2_BYTES - 1)) | armv6_l1_coarse_bits();
    default:        return 0;
    }
}

size_t pt_explain_l1(enum mmsim_cpu cpu, uint32_t raw, struct pt_field *f, size_t max)
{
    struct ex x = { .f = f, .max = max };
    if (cpu != CPU_ARMV5 && cpu != CPU_ARMV6 && cpu != CPU_ARMV7)
        return 0;
    bool v5 = cpu == CPU_ARMV5;
    word(&x, "L1 descriptor", raw, false, 32);
    field(&x, "base", 31, 10, "physical address of the coarse L2 table (1 KiB aligned: 256 "
          "small-page descriptors for this 1 MiB of virtual addresses)");
    field(&x, "IMP", 9, 9, "implementation defined, zero");
    field(&x, "Domain", 8, 5, v5 ? "domain %u: the DACR makes domain 0 a client (the AP bits "
                                   "are checked) and every other domain no access"
                                 : "domain %u: not checked here (the DACR makes every domain "
                                   "a client, so the AP bits decide)", raw >> 5 & 15);
    if (v5) {
        field(&x, "-", 4, 4, bit(raw, 4) ? "should be one on ARMv5 (compatibility), and is"
                                        : "should be one on ARMv5 (compatibility), and is not");
        field(&x, "-", 3, 2, "should be zero");
    } else {
        field(&x, "SBZ", 4, 4, "should be zero");
        field(&x, "NS", 3, 3, bit(raw, 3) ? "non-secure: the L2 table's pages are in the "
                                           "non-secure address space"
                                         : "secure address space (NS=0); this machine has no "
                                           "security extensions in use");
        field(&x, "-", 2, 2, "should be zero (PXN where the privileged-execute-never "
              "extension exists)");
    }
    field(&x, "type", 1, 0, (raw & 3) == 1 ? "01: coarse page table - the walk continues in "
                                            "the L2 table at base, index VA[19:12]"
                                          : "not a page-table descriptor");
    return x.n;
}

/* Bit positions of f as its architecture writes them. */
void pt_field_bits(const struct pt_field *f, char *buf, size_t n)
{
    unsigned hi = f->msb, lo = f->lsb;
    if (f->msb0) {
        hi = f->width - 1 - f->msb;
        lo = f->width - 1 - f->lsb;
    }
    if (hi == lo)
        snprintf(buf, n, "%u", hi);
    else
        snprintf(buf, n, "%u:%u", hi, lo);
}
