/*
 * pt_armv6.c - ARMv6 / ARMv7 short-descriptor format (TEX remap off,
 * 4 KiB small pages), shared by the armv6 and armv7 flavours: encoding,
 * decoding, special bits.  The tables themselves are in pt_arm.c.
 * The walker decodes whatever hardware would accept: sections,
 * supersections and large pages too, though we never write them.
 * Domains are not checked (DACR = client for every domain).
 * Derived decode fields: xn = XN; speculative = normal memory (ARM may
 * read normal memory speculatively, never device or strongly ordered).
 */
#include "pt_arm.h"

#include <errno.h>

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
    d->xn = x->xn;
    bool ok = decode_memtype(x->tex, x->c, x->b, x->s, d);
    d->speculative = d->memtype == MT_NORMAL;
    return ok;
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
    if (a->has_special)         /* special replaces TEX/C/B/S/XN, XN included */
        return (uint32_t)pa | (t & ~SPECIAL_MASK) | (a->special & SPECIAL_MASK);
    if (a->nocache)
        t &= ~NOCACHE_MASK;
    if (!(a->prot & PT_X))      /* our choice: honour PROT_EXEC with XN */
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
/* Walker and table hooks                                           */

/* Fill w's decode and address from a parsed leaf reached for va. */
static void walk_leaf(const struct v6_desc *x, uint32_t va, struct pt_walk *w)
{
    decode_desc(x, &w->d);
    w->pa = x->base | (va & x->span_mask);
}

/* L1: fault (00, and 11 which v6/v7 without PXN reserve), coarse, or a
 * section/supersection leaf. */
static enum arm_l1_kind v6_l1(uint32_t raw, uint32_t va, struct pt_walk *w)
{
    struct v6_desc x = parse_l1(raw);
    if (x.kind == K_FAULT || x.kind == K_RESERVED)
        return ARM_L1_FAULT;
    if (x.kind == K_COARSE)
        return ARM_L1_COARSE;
    walk_leaf(&x, va, w);
    return ARM_L1_LEAF;
}

/* L2: large (01) or small (1x) page. */
static bool v6_l2(uint32_t raw, uint32_t va, struct pt_walk *w)
{
    struct v6_desc x = parse_l2(raw);
    walk_leaf(&x, va, w);
    return true;
}

/* Text of a non-coarse L1 descriptor. */
static void v6_l1_text(uint32_t raw, char *buf, size_t n)
{
    struct v6_desc x = parse_l1(raw);
    describe_desc(&x, raw, buf, n);
}

/* Text of an L2 descriptor. */
static void v6_l2_text(uint32_t raw, uint32_t va, char *buf, size_t n)
{
    (void)va;
    v6_describe(raw, buf, n);
}

static const struct arm_fmt v6_fmt = {
    .l1_coarse_bits = 0x001, .l1 = v6_l1, .l2 = v6_l2,
    .l1_text = v6_l1_text, .l2_text = v6_l2_text,
};

uint32_t armv6_l1_coarse_bits(void)
{
    return v6_fmt.l1_coarse_bits;
}

/* Map page va to frame pa (32-bit physical only). */
static int v6_map(struct pt *pt, uint32_t va, paddr_t pa, const struct pt_attr *a)
{
    if (pa >> 32)
        return -EINVAL;
    return arm_set(pt, &v6_fmt, va, encode(pa, a));
}

/* Walk va through the tables in RAM. */
static void v6_walk(const struct pt *pt, uint32_t va, struct pt_walk *w)
{
    arm_walk(pt, &v6_fmt, va, w);
}

/* Dump the tables. */
static void v6_dump(const struct pt *pt, FILE *out)
{
    arm_dump(pt, &v6_fmt, out);
}

const struct pt_ops pt_armv6_ops = {
    .name = "armv6", .create = arm_create, .destroy = arm_destroy, .map = v6_map,
    .unmap = arm_clear, .walk = v6_walk, .check_special = v6_check_special,
    .decode = v6_decode, .describe = v6_describe, .dump = v6_dump,
};

/* ARMv7 reads the same format; APX/AP 1/11 (reserved on v6) is read-only,
 * which is how both flavours decode it. */
const struct pt_ops pt_armv7_ops = {
    .name = "armv7", .create = arm_create, .destroy = arm_destroy, .map = v6_map,
    .unmap = arm_clear, .walk = v6_walk, .check_special = v6_check_special,
    .decode = v6_decode, .describe = v6_describe, .dump = v6_dump,
};
