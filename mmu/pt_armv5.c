/*
 * pt_armv5.c - ARMv5 (XScale) short-descriptor format: we write XScale
 * extended small pages (L2 type 11) under coarse L1 entries with bit 4
 * set; the tables themselves are in pt_arm.c.
 *
 * Our choices where REFERENCE.md section 3 is silent:
 * - templates: read-write AP=11, read-only AP=10, both X/C/B 0/1/1
 *   (write-back read-allocate); PROT_NOCACHE clears C|B (uncached,
 *   unbuffered); special bits replace TEX[9:6]/C/B (mask 0x3CC).
 * - ARMv5 has no execute-never: every readable page is executable.
 * - CP15 S=R=0, so AP 00 is no access for anyone.
 * - DACR: domain 0 is client, every other domain no access; a descriptor
 *   naming another domain is reported as PTW_FAULT_L1 (a domain fault).
 * - L1 type 11 (fine table, 1 KiB tiny pages) is not modelled: L1 fault.
 * - small (10) and large (01) pages are read with their four subpage APs
 *   when walking; pt_decode(), which has no VA, uses AP0.
 * - memory types: X/C/B 0/00 strongly ordered, 0/01 and 1/01 device,
 *   0/10 normal WT, 0/11 normal WB no-WA, 1/10 (mini-data cache) normal
 *   WB no-WA, 1/11 normal WB-WA, 1/00 unpredictable (decoded as strongly
 *   ordered); outer = inner; nothing is shareable; every page is global;
 *   normal memory is speculative, device and strongly ordered are not.
 */
#include "pt_arm.h"

#include <errno.h>
#include <string.h>

#define V5_TMPL_RW      0x03Fu   /* AP=11 C B, extended small page */
#define V5_TMPL_RO      0x02Fu   /* AP=10 C B */
#define V5_NOCACHE      0x00Cu
#define V5_SPECIAL_MASK 0x3CCu   /* TEX[9:6] | C | B */

enum v5_kind { V5_EXT_SMALL, V5_SMALL, V5_LARGE, V5_SECTION };
static const char *const v5_kind_names[] = {
    [V5_EXT_SMALL] = "ext-small", [V5_SMALL] = "small", [V5_LARGE] = "large",
    [V5_SECTION] = "section",
};

/* A leaf descriptor brought to one shape. */
struct v5_desc {
    enum v5_kind kind;
    uint32_t base, span_mask;
    unsigned ap[4];          /* subpage APs (all equal for ext-small, section) */
    unsigned tex, c, b, domain;
};

static const char *const xcb_names[8] = {
    "uncached-unbuffered", "uncached-buffered", "write-through", "write-back-RA",
    "unpredictable", "uncached-buffered-nocoalesce", "mini-data", "write-back-RWA",
};

/* Parse a non-zero-type L2 descriptor. */
static struct v5_desc parse_l2(uint32_t raw)
{
    struct v5_desc d = { .c = raw >> 3 & 1, .b = raw >> 2 & 1 };
    switch (raw & 3) {
    case 1:
        d.kind = V5_LARGE;
        d.base = raw & 0xFFFF0000u;
        d.span_mask = 0xFFFF;
        d.tex = raw >> 12 & 0xF;
        break;
    case 2:
        d.kind = V5_SMALL;
        d.base = raw & 0xFFFFF000u;
        d.span_mask = 0xFFF;
        break;
    default:
        d.kind = V5_EXT_SMALL;
        d.base = raw & 0xFFFFF000u;
        d.span_mask = 0xFFF;
        d.tex = raw >> 6 & 0xF;
        for (int i = 0; i < 4; i++)
            d.ap[i] = raw >> 4 & 3;
        return d;
    }
    for (int i = 0; i < 4; i++)
        d.ap[i] = raw >> (4 + 2 * i) & 3;
    return d;
}

/* Parse a section L1 descriptor (type 10). */
static struct v5_desc parse_section(uint32_t raw)
{
    struct v5_desc d = { .kind = V5_SECTION, .base = raw & 0xFFF00000u, .span_mask = 0xFFFFF,
                         .tex = raw >> 12 & 0xF, .c = raw >> 3 & 1, .b = raw >> 2 & 1,
                         .domain = raw >> 5 & 0xF };
    for (int i = 0; i < 4; i++)
        d.ap[i] = raw >> 10 & 3;
    return d;
}

/* User and privileged rights of one AP value (S=R=0, no XN). */
static void decode_ap(unsigned ap, unsigned *uprot, unsigned *kprot)
{
    static const unsigned user[4] = { 0, 0, PT_R | PT_X, PT_R | PT_W | PT_X };
    static const unsigned priv[4] = { 0, PT_R | PT_W | PT_X, PT_R | PT_W | PT_X,
                                      PT_R | PT_W | PT_X };
    *uprot = user[ap & 3];
    *kprot = priv[ap & 3];
}

/* Memory type of XScale X/C/B into d; false when unpredictable. */
static bool decode_xcb(unsigned x, unsigned c, unsigned b, struct pt_decoded *d)
{
    static const struct { enum pt_memtype mt; enum pt_cache pol; } t[8] = {
        { MT_STRONGLY_ORDERED, PC_NONCACHEABLE }, { MT_DEVICE, PC_NONCACHEABLE },
        { MT_NORMAL, PC_WT },                      { MT_NORMAL, PC_WB_NWA },
        { MT_STRONGLY_ORDERED, PC_NONCACHEABLE }, { MT_DEVICE, PC_NONCACHEABLE },
        { MT_NORMAL, PC_WB_NWA },                  { MT_NORMAL, PC_WB_WA },
    };
    unsigned i = (x & 1) << 2 | c << 1 | b;
    d->memtype = t[i].mt;
    d->inner = d->outer = t[i].pol;
    return i != 4;
}

/* Decode a parsed leaf with subpage `sub` into d. */
static void decode_desc(const struct v5_desc *x, unsigned sub, struct pt_decoded *d)
{
    *d = (struct pt_decoded){ .valid = true, .pa = x->base, .global = true };
    decode_ap(x->ap[sub & 3], &d->uprot, &d->kprot);
    decode_xcb(x->tex & 1, x->c, x->b, d);
    d->speculative = d->memtype == MT_NORMAL;
}

/* Subpage of va inside a leaf (small: VA[11:10], large: VA[15:14]). */
static unsigned subpage(const struct v5_desc *x, uint32_t va)
{
    return x->kind == V5_SMALL ? va >> 10 & 3 : x->kind == V5_LARGE ? va >> 14 & 3 : 0;
}

/* Decode a leaf (L2) PTE; small/large pages by their AP0. */
static void v5_decode(uint64_t raw, struct pt_decoded *d)
{
    *d = (struct pt_decoded){ 0 };
    if ((raw & 3) == 0)
        return;
    struct v5_desc x = parse_l2((uint32_t)raw);
    decode_desc(&x, 0, d);
}

/* "rwx"-style text of one AP value into s (>= 6 bytes). */
static void ap_text(unsigned ap, char *s)
{
    unsigned u, k;
    decode_ap(ap, &u, &k);
    unsigned r = u ? u : k;
    snprintf(s, 6, "%s%c%c%c", !u && k ? "p:" : "", r & PT_R ? 'r' : '-',
             r & PT_W ? 'w' : '-', r & PT_X ? 'x' : '-');
}

/* One line for a parsed leaf:
 *   pa=0x00234000 ext-small AP=rwx TEX=0000 C=1 B=1 write-back-RA
 * AP lists the four subpages ("rwx,r-x,---,p:rwx") when they differ;
 * sections add "D=<domain>" after the kind. */
static void describe_desc(const struct v5_desc *x, char *buf, size_t n)
{
    char ap[32] = "", one[8];
    bool same = x->ap[0] == x->ap[1] && x->ap[1] == x->ap[2] && x->ap[2] == x->ap[3];
    for (int i = 0; i < (same ? 1 : 4); i++) {
        ap_text(x->ap[i], one);
        snprintf(ap + strlen(ap), sizeof(ap) - strlen(ap), "%s%s", i ? "," : "", one);
    }
    char dom[8] = "";
    if (x->kind == V5_SECTION)
        snprintf(dom, sizeof(dom), " D=%u", x->domain);
    snprintf(buf, n, "pa=0x%08x %s%s AP=%s TEX=%u%u%u%u C=%u B=%u %s", x->base,
             v5_kind_names[x->kind], dom, ap, x->tex >> 3 & 1, x->tex >> 2 & 1,
             x->tex >> 1 & 1, x->tex & 1, x->c, x->b,
             xcb_names[(x->tex & 1) << 2 | x->c << 1 | x->b]);
}

/* One-line description of a leaf (L2) PTE. */
static void v5_describe(uint64_t raw, char *buf, size_t n)
{
    if ((raw & 3) == 0) {
        snprintf(buf, n, "fault raw=0x%08x", (uint32_t)raw);
        return;
    }
    struct v5_desc x = parse_l2((uint32_t)raw);
    describe_desc(&x, buf, n);
}

/* Extended small page for frame pa with attributes a (PT_X is implied). */
static uint32_t encode(paddr_t pa, const struct pt_attr *a)
{
    uint32_t t = a->prot & PT_W ? V5_TMPL_RW : V5_TMPL_RO;
    if (a->has_special)
        t = (t & ~V5_SPECIAL_MASK) | (a->special & V5_SPECIAL_MASK);
    else if (a->nocache)
        t &= ~V5_NOCACHE;
    return (uint32_t)pa | t;
}

/* Validate shm_ctl_special bits: mask 0x3CC, XScale defines only X of TEX,
 * X/C/B 1/0/0 is unpredictable. */
static int v5_check_special(uint32_t special, const char **why)
{
    if (special & ~V5_SPECIAL_MASK) {
        *why = "bits outside the ARMv5 special mask 0x3CC";
        return -EINVAL;
    }
    if (special & 0x380) {
        *why = "TEX bits 9:7 must be zero on XScale (only X, bit 6, is defined)";
        return -EINVAL;
    }
    if ((special & 0x04C) == 0x040) {
        *why = "XScale X/C/B 1/0/0 is unpredictable";
        return -EINVAL;
    }
    return 0;
}

/* ---- walker and table hooks ---- */

/* L1: fault (00, 11 fine table, or a domain other than 0), coarse, or a
 * section leaf. */
static enum arm_l1_kind v5_l1(uint32_t raw, uint32_t va, struct pt_walk *w)
{
    if ((raw & 3) == 0 || (raw & 3) == 3 || (raw >> 5 & 0xF) != 0)
        return ARM_L1_FAULT;
    if ((raw & 3) == 1)
        return ARM_L1_COARSE;
    struct v5_desc x = parse_section(raw);
    decode_desc(&x, 0, &w->d);
    w->pa = x.base | (va & x.span_mask);
    return ARM_L1_LEAF;
}

/* L2: large (01), small (10) or extended small (11) page. */
static bool v5_l2(uint32_t raw, uint32_t va, struct pt_walk *w)
{
    struct v5_desc x = parse_l2(raw);
    decode_desc(&x, subpage(&x, va), &w->d);
    w->pa = x.base | (va & x.span_mask);
    return true;
}

/* Text of a non-coarse L1 descriptor. */
static void v5_l1_text(uint32_t raw, char *buf, size_t n)
{
    if ((raw & 3) == 3) {
        snprintf(buf, n, "fine raw=0x%08x (not modelled: faults)", raw);
        return;
    }
    struct v5_desc x = parse_section(raw);
    describe_desc(&x, buf, n);
}

/* Text of an L2 descriptor. */
static void v5_l2_text(uint32_t raw, uint32_t va, char *buf, size_t n)
{
    (void)va;
    v5_describe(raw, buf, n);
}

static const struct arm_fmt v5_fmt = {
    .l1_coarse_bits = 0x011, .l1 = v5_l1, .l2 = v5_l2,
    .l1_text = v5_l1_text, .l2_text = v5_l2_text,
};

uint32_t armv5_l1_coarse_bits(void)
{
    return v5_fmt.l1_coarse_bits;
}

/* Map page va to frame pa (32-bit physical only). */
static int v5_map(struct pt *pt, uint32_t va, paddr_t pa, const struct pt_attr *a)
{
    if (pa >> 32)
        return -EINVAL;
    return arm_set(pt, &v5_fmt, va, encode(pa, a));
}

/* Walk va through the tables in RAM. */
static void v5_walk(const struct pt *pt, uint32_t va, struct pt_walk *w)
{
    arm_walk(pt, &v5_fmt, va, w);
}

/* Dump the tables. */
static void v5_dump(const struct pt *pt, FILE *out)
{
    arm_dump(pt, &v5_fmt, out);
}

const struct pt_ops pt_armv5_ops = {
    .name = "armv5", .create = arm_create, .destroy = arm_destroy, .map = v5_map,
    .unmap = arm_clear, .walk = v5_walk, .check_special = v5_check_special,
    .decode = v5_decode, .describe = v5_describe, .dump = v5_dump,
};
