/*
 * pt_armv6.c - ARMv6 / ARMv7 short-descriptor page tables (TEX remap off,
 * 4 KiB small pages), shared by the armv6 and armv7 flavours.
 *
 * Layout (REFERENCE.md section 3):
 *   L1: 4096 little-endian words, 16 KiB aligned (TTBR0), index VA[31:20].
 *       We write only coarse entries: L2 base [31:10] | domain 0 | 01.
 *   L2: 256 words (1 KiB), index VA[19:12].  Tables are packed four per
 *       4 KiB frame: the frame for VA group g = VA[31:22] holds the L2
 *       tables of the four MiB 4g..4g+3 at offsets 0, 1, 2, 3 KiB.  The
 *       frame is allocated on the first map in that 4 MiB and kept until
 *       pt_destroy; an L1 entry is written only for a MiB that has had a
 *       mapping.  Which frames a table owns is host bookkeeping (l2[]), so
 *       destroying a table whose RAM was corrupted frees the right frames.
 * The walker reads only RAM and decodes whatever hardware would accept:
 * sections, supersections and large pages too, though we never write them.
 * Domains are not checked (DACR = client for every domain).
 */
#include "pt_impl.h"

#include <errno.h>
#include <stdlib.h>

#define L1_ENTRIES  4096
#define L1_FRAMES   4
#define L2_BYTES    1024
#define L2_GROUPS   (L1_ENTRIES / 4)

/* Small-page bits. */
#define SP_XN   0x001u
#define SP_TYPE 0x002u
#define SP_B    0x004u
#define SP_C    0x008u
#define SP_AP   0x030u
#define SP_TEX  0x1C0u
#define SP_APX  0x200u
#define SP_S    0x400u
#define SP_NG   0x800u

/* QNX user templates (ARMv6 write-back) and the shm_ctl_special mask. */
#define TMPL_RW      0x83Eu
#define TMPL_RO      0xA2Eu
#define NOCACHE_MASK (SP_C | SP_B)
#define SPECIAL_MASK (SP_S | SP_TEX | SP_C | SP_B | SP_XN) /* 0x5CD */

struct v6pt {
    paddr_t l2[L2_GROUPS];   /* frame of each 4 MiB group's L2 tables, 0 = none */
};

/* A descriptor of any kind, brought to one shape. */
enum v6_kind { K_FAULT, K_COARSE, K_SECTION, K_SUPER, K_LARGE, K_SMALL, K_RESERVED };
struct v6_desc {
    enum v6_kind kind;
    uint32_t base;           /* output address (or L2 base for K_COARSE) */
    uint32_t span_mask;      /* VA bits taken from the address: 0xFFF, 0xFFFF... */
    unsigned ng, s, apx, ap, tex, c, b, xn;
};

static const char *const kind_names[] = {
    [K_FAULT] = "fault", [K_COARSE] = "coarse", [K_SECTION] = "section",
    [K_SUPER] = "supersection", [K_LARGE] = "large", [K_SMALL] = "small",
    [K_RESERVED] = "reserved",
};

/* ---------------------------------------------------------------- */
/* Descriptor parsing                                               */

/* Parse an L2 (coarse table) descriptor. */
static struct v6_desc parse_l2(uint32_t raw)
{
    struct v6_desc d = { .kind = K_FAULT };
    if ((raw & 3) == 0)
        return d;
    d.ng = raw >> 11 & 1;
    d.s = raw >> 10 & 1;
    d.apx = raw >> 9 & 1;
    d.ap = raw >> 4 & 3;
    d.c = raw >> 3 & 1;
    d.b = raw >> 2 & 1;
    if ((raw & 3) == 1) {
        d.kind = K_LARGE;
        d.base = raw & 0xFFFF0000u;
        d.span_mask = 0xFFFF;
        d.tex = raw >> 12 & 7;
        d.xn = raw >> 15 & 1;
    } else {
        d.kind = K_SMALL;
        d.base = raw & 0xFFFFF000u;
        d.span_mask = 0xFFF;
        d.tex = raw >> 6 & 7;
        d.xn = raw & 1;
    }
    return d;
}

/* Parse an L1 descriptor. */
static struct v6_desc parse_l1(uint32_t raw)
{
    struct v6_desc d = { .kind = K_FAULT };
    switch (raw & 3) {
    case 0: return d;
    case 1: d.kind = K_COARSE; d.base = raw & 0xFFFFFC00u; return d;
    case 3: d.kind = K_RESERVED; return d;
    }
    bool super = raw >> 18 & 1;
    d.kind = super ? K_SUPER : K_SECTION;
    d.base = raw & (super ? 0xFF000000u : 0xFFF00000u);
    d.span_mask = super ? 0xFFFFFF : 0xFFFFF;
    d.ng = raw >> 17 & 1;
    d.s = raw >> 16 & 1;
    d.apx = raw >> 15 & 1;
    d.tex = raw >> 12 & 7;
    d.ap = raw >> 10 & 3;
    d.xn = raw >> 4 & 1;
    d.c = raw >> 3 & 1;
    d.b = raw >> 2 & 1;
    return d;
}

/* ---------------------------------------------------------------- */
/* Attribute decode                                                 */

/* User and privileged rights from APX/AP, before XN. */
static void decode_ap(unsigned apx, unsigned ap, unsigned *uprot, unsigned *kprot)
{
    static const unsigned user[8] = { 0, 0, PT_R, PT_R | PT_W, 0, 0, PT_R, PT_R };
    static const unsigned priv[8] = { 0, PT_R | PT_W, PT_R | PT_W, PT_R | PT_W,
                                      0, PT_R, PT_R, PT_R };
    *uprot = user[apx << 2 | ap];
    *kprot = priv[apx << 2 | ap];
}

/* Cache policy of a 2-bit TEX[1:0] or C:B field in the 1BB/A/A encoding. */
static enum pt_cache policy(unsigned bits)
{
    static const enum pt_cache p[4] = { PC_NONCACHEABLE, PC_WB_WA, PC_WT, PC_WB_NWA };
    return p[bits & 3];
}

/* Memory type from TEX/C/B/S into d; false for a reserved encoding
 * (decoded as strongly ordered, the most conservative choice). */
static bool decode_memtype(unsigned tex, unsigned c, unsigned b, unsigned s,
                           struct pt_decoded *d)
{
    d->memtype = MT_NORMAL;
    d->shareable = s;
    if (tex & 4) {
        d->outer = policy(tex);
        d->inner = policy(c << 1 | b);
        return true;
    }
    enum pt_cache pol;
    switch (tex << 2 | c << 1 | b) {
    case 0x0: d->memtype = MT_STRONGLY_ORDERED; d->shareable = true; pol = PC_NONCACHEABLE; break;
    case 0x1: d->memtype = MT_DEVICE; d->shareable = true; pol = PC_NONCACHEABLE; break;
    case 0x2: pol = PC_WT; break;
    case 0x3: pol = PC_WB_NWA; break;
    case 0x4: pol = PC_NONCACHEABLE; break;
    case 0x7: pol = PC_WB_WA; break;
    case 0x8: d->memtype = MT_DEVICE; d->shareable = false; pol = PC_NONCACHEABLE; break;
    default:
        d->memtype = MT_STRONGLY_ORDERED;
        d->shareable = true;
        d->inner = d->outer = PC_NONCACHEABLE;
        return false;
    }
    d->inner = d->outer = pol;
    return true;
}

/* Decode a parsed leaf (small, large, section, supersection) into d. */
static bool decode_desc(const struct v6_desc *x, struct pt_decoded *d)
{
    *d = (struct pt_decoded){ 0 };
    if (x->kind == K_FAULT || x->kind == K_COARSE || x->kind == K_RESERVED)
        return true;
    d->valid = true;
    d->pa = x->base;
    decode_ap(x->apx, x->ap, &d->uprot, &d->kprot);
    if (!x->xn) {
        d->uprot |= d->uprot & PT_R ? PT_X : 0;
        d->kprot |= d->kprot & PT_R ? PT_X : 0;
    }
    d->global = !x->ng;
    return decode_memtype(x->tex, x->c, x->b, x->s, d);
}

/* Decode a leaf (L2) PTE. */
static void v6_decode(uint64_t raw, struct pt_decoded *d)
{
    struct v6_desc x = parse_l2((uint32_t)raw);
    decode_desc(&x, d);
}

/* "rwx"-style string of prot into s[4]. */
static void rights(unsigned prot, char s[4])
{
    s[0] = prot & PT_R ? 'r' : '-';
    s[1] = prot & PT_W ? 'w' : '-';
    s[2] = prot & PT_X ? 'x' : '-';
    s[3] = 0;
}

/* One line for a parsed leaf:
 *   pa=0x00234000 small AP=rw- XN=1 TEX=001 C=1 B=1 S=0 nG=1 normal WB-WA/WB-WA
 * AP is the user's rights; "p:r--"-style when only privileged code has
 * access; the tail is "normal <inner>/<outer>", "device shareable",
 * "device non-shareable", "strongly-ordered" or "reserved". */
static void describe_desc(const struct v6_desc *x, uint32_t raw, char *buf, size_t n)
{
    if (x->kind == K_FAULT || x->kind == K_COARSE || x->kind == K_RESERVED) {
        snprintf(buf, n, "%s raw=0x%08x", kind_names[x->kind], raw);
        return;
    }
    struct pt_decoded d;
    bool ok = decode_desc(x, &d);
    char ap[8], r[4];
    rights(d.uprot ? d.uprot : d.kprot, r);
    snprintf(ap, sizeof(ap), "%s%s", !d.uprot && d.kprot ? "p:" : "", r);
    char mem[40];
    if (!ok)
        snprintf(mem, sizeof(mem), "reserved");
    else if (d.memtype == MT_NORMAL)
        snprintf(mem, sizeof(mem), "normal %s/%s", pt_cache_name(d.inner), pt_cache_name(d.outer));
    else if (d.memtype == MT_DEVICE)
        snprintf(mem, sizeof(mem), "device %s", d.shareable ? "shareable" : "non-shareable");
    else
        snprintf(mem, sizeof(mem), "strongly-ordered");
    snprintf(buf, n, "pa=0x%08x %s AP=%s XN=%u TEX=%u%u%u C=%u B=%u S=%u nG=%u %s",
             x->base, kind_names[x->kind], ap, x->xn, x->tex >> 2 & 1, x->tex >> 1 & 1,
             x->tex & 1, x->c, x->b, x->s, x->ng, mem);
}

/* One-line description of a leaf (L2) PTE. */
static void v6_describe(uint64_t raw, char *buf, size_t n)
{
    struct v6_desc x = parse_l2((uint32_t)raw);
    describe_desc(&x, (uint32_t)raw, buf, n);
}

/* ---------------------------------------------------------------- */
/* Encode and special bits                                          */

/* Small-page PTE for frame pa with attributes a. */
static uint32_t encode(paddr_t pa, const struct pt_attr *a)
{
    uint32_t t = a->prot & PT_W ? TMPL_RW : TMPL_RO;
    if (a->has_special)
        t = (t & ~SPECIAL_MASK) | (a->special & SPECIAL_MASK);
    else if (a->nocache)
        t &= ~NOCACHE_MASK;
    if (!(a->prot & PT_X))
        t |= SP_XN;
    return (uint32_t)pa | t;
}

/* Validate shm_ctl_special bits: mask 0x5CD, no reserved TEX/C/B. */
static int v6_check_special(uint32_t special, const char **why)
{
    static const char *const reserved[16] = {
        [0x5] = "TEX/C/B 001/0/1 is reserved",
        [0x6] = "TEX/C/B 001/1/0 is reserved (implementation defined)",
        [0x9] = "TEX/C/B 010/0/1 is reserved",
        [0xA] = "TEX/C/B 010/1/0 is reserved",
        [0xB] = "TEX/C/B 010/1/1 is reserved",
        [0xC] = "TEX 011 is reserved", [0xD] = "TEX 011 is reserved",
        [0xE] = "TEX 011 is reserved", [0xF] = "TEX 011 is reserved",
    };
    if (special & ~SPECIAL_MASK) {
        *why = "bits outside the ARMv6/v7 special mask 0x5CD";
        return -EINVAL;
    }
    unsigned tex = special >> 6 & 7, idx = tex << 2 | (special >> 2 & 3);
    if (tex < 4 && reserved[idx]) {
        *why = reserved[idx];
        return -EINVAL;
    }
    return 0;
}

/* ---------------------------------------------------------------- */
/* Tables                                                           */

/* Allocate and zero the 16 KiB L1. */
static int v6_create(struct pt *pt)
{
    struct v6pt *a = calloc(1, sizeof(*a));
    if (!a)
        return -ENOMEM;
    paddr_t root;
    int r = frames_alloc_contig(pt->m->frames, L1_FRAMES, L1_FRAMES, &root);
    if (r) {
        free(a);
        return r;
    }
    phys_zero(pt->m->phys, root, L1_FRAMES * MMSIM_PAGE_SIZE);
    pt->root = root;
    pt->arch = a;
    return 0;
}

/* Free the L1 and every L2 frame recorded in the bookkeeping. */
static void v6_destroy(struct pt *pt)
{
    struct v6pt *a = pt->arch;
    for (int g = 0; g < L2_GROUPS; g++)
        if (a->l2[g])
            frames_free(pt->m->frames, a->l2[g], 1);
    frames_free(pt->m->frames, pt->root, L1_FRAMES);
    free(a);
}

/* Physical address of the L2 table for va, allocating its frame (zeroed)
 * if needed; 0 on ENOMEM. */
static paddr_t l2_table(struct pt *pt, uint32_t va)
{
    struct v6pt *a = pt->arch;
    unsigned g = va >> 22;
    if (!a->l2[g]) {
        paddr_t f;
        uint64_t n;
        if (frames_alloc_run(pt->m->frames, 1, &f, &n))
            return 0;
        phys_zero(pt->m->phys, f, MMSIM_PAGE_SIZE);
        a->l2[g] = f;
    }
    return a->l2[g] + (va >> 20 & 3) * L2_BYTES;
}

/* Map page va to frame pa: ensure the L1 entry, write the small PTE. */
static int v6_map(struct pt *pt, uint32_t va, paddr_t pa, const struct pt_attr *a)
{
    if (pa >> 32)
        return -EINVAL;
    paddr_t l2 = l2_table(pt, va);
    if (!l2)
        return -ENOMEM;
    paddr_t l1pa = pt->root + (va >> 20) * 4;
    uint32_t old, want = (uint32_t)l2 | 1;
    if (pt_read32(pt, l1pa, &old))
        return -EFAULT;
    if (old != want && pt_write_table32(pt, l1pa, old, (old & 3) != 0, want))
        return -EFAULT;
    paddr_t pte_pa = l2 + (va >> 12 & 0xFF) * 4;
    if (pt_read32(pt, pte_pa, &old))
        return -EFAULT;
    return pt_write_pte32(pt, va, pte_pa, old, (old & 3) != 0, encode(pa, a));
}

/* Clear the small PTE of va if its L2 table exists and it is non-zero. */
static void v6_unmap(struct pt *pt, uint32_t va)
{
    struct v6pt *a = pt->arch;
    if (!a->l2[va >> 22])
        return;
    paddr_t pte_pa = a->l2[va >> 22] + (va >> 20 & 3) * L2_BYTES + (va >> 12 & 0xFF) * 4;
    uint32_t old;
    if (pt_read32(pt, pte_pa, &old) || old == 0)
        return;
    pt_write_pte32(pt, va, pte_pa, old, (old & 3) != 0, 0);
}

/* Fill w with a decoded leaf x reached for va. */
static void walk_leaf(const struct v6_desc *x, uint32_t va, struct pt_walk *w)
{
    decode_desc(x, &w->d);
    w->status = PTW_OK;
    w->pa = x->base | (va & x->span_mask);
}

/* Hardware walk of va: L1 from RAM, then L2 from RAM. */
static void v6_walk(const struct pt *pt, uint32_t va, struct pt_walk *w)
{
    uint32_t l1, l2;
    w->level = 1;
    w->raw_pa = pt->root + (va >> 20) * 4;
    if (pt_read32(pt, w->raw_pa, &l1)) {
        w->status = PTW_BAD_TABLE;
        return;
    }
    w->raw = l1;
    struct v6_desc x = parse_l1(l1);
    if (x.kind == K_FAULT || x.kind == K_RESERVED) {
        w->status = PTW_FAULT_L1;
        return;
    }
    if (x.kind != K_COARSE) {
        walk_leaf(&x, va, w);
        return;
    }
    if (phys_kind(pt->m->phys, x.base, L2_BYTES) != PHYS_RAM) {
        w->status = PTW_BAD_TABLE;
        return;
    }
    paddr_t pte_pa = x.base + (va >> 12 & 0xFF) * 4;
    if (pt_read32(pt, pte_pa, &l2)) {
        w->status = PTW_BAD_TABLE;
        return;
    }
    w->level = 2;
    w->raw = l2;
    w->raw_pa = pte_pa;
    x = parse_l2(l2);
    if (x.kind == K_FAULT) {
        w->status = PTW_FAULT_L2;
        return;
    }
    walk_leaf(&x, va, w);
}

/* Dump the valid L2 entries of the coarse table at l2 (for L1 index i). */
static void dump_l2(const struct pt *pt, unsigned i, paddr_t l2, FILE *out)
{
    char buf[160];
    for (unsigned j = 0; j < 256; j++) {
        uint32_t raw;
        if (pt_read32(pt, l2 + j * 4, &raw) || (raw & 3) == 0)
            continue;
        v6_describe(raw, buf, sizeof(buf));
        fprintf(out, "    va=0x%08x raw=0x%08x %s\n", i << 20 | j << 12, raw, buf);
    }
}

/* Dump every non-fault L1 entry and, under coarse ones, their L2 entries. */
static void v6_dump(const struct pt *pt, FILE *out)
{
    char buf[160];
    for (unsigned i = 0; i < L1_ENTRIES; i++) {
        uint32_t raw;
        if (pt_read32(pt, pt->root + i * 4, &raw) || (raw & 3) == 0)
            continue;
        struct v6_desc x = parse_l1(raw);
        fprintf(out, "  L1[0x%03x] va=0x%08x-0x%08x raw=0x%08x ", i, i << 20,
                i << 20 | 0xFFFFF, raw);
        if (x.kind == K_COARSE) {
            bool ram = phys_kind(pt->m->phys, x.base, L2_BYTES) == PHYS_RAM;
            fprintf(out, "coarse L2=0x%08x%s\n", x.base, ram ? "" : " (outside RAM)");
            if (ram)
                dump_l2(pt, i, x.base, out);
        } else {
            describe_desc(&x, raw, buf, sizeof(buf));
            fprintf(out, "%s\n", buf);
        }
    }
}

const struct pt_ops pt_armv6_ops = {
    .name = "armv6", .create = v6_create, .destroy = v6_destroy, .map = v6_map,
    .unmap = v6_unmap, .walk = v6_walk, .check_special = v6_check_special,
    .decode = v6_decode, .describe = v6_describe, .dump = v6_dump,
};

/* ARMv7 reads the same format; APX/AP 1/11 (reserved on v6) is read-only,
 * which is how both flavours decode it. */
const struct pt_ops pt_armv7_ops = {
    .name = "armv7", .create = v6_create, .destroy = v6_destroy, .map = v6_map,
    .unmap = v6_unmap, .walk = v6_walk, .check_special = v6_check_special,
    .decode = v6_decode, .describe = v6_describe, .dump = v6_dump,
};
