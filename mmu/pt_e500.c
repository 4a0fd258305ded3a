/*
 * pt_e500.c - PowerPC e500 (Book-E): our software page table in simulated
 * RAM and the simulated TLB0 the hardware path fills from it.
 *
 * Book-E has no architected page table: the TLB is loaded by software.
 * Ours is a two-level table in RAM, big-endian like everything the PPC
 * sees (constants in pt_e500.h):
 *
 *   L1: one 4 KiB frame (pt_root), 1024 words, index VA[31:22].
 *       [31:12] L2 frame  [11:1] reserved, 0  [0] V
 *   L2: one 4 KiB frame per 4 MiB, 1024 leaves, index VA[21:12].
 *       [31:12] RPN  [11] UX [10] SX [9] UW [8] SW [7] UR [6] SR
 *       [5] W [4] I [3] M [2] G [1] E  [0] V
 *   i.e. leaf = RPN | MAS3 perms << 6 | MAS2 WIMGE << 1 | V.
 *   Physical addresses are below 4 GiB in mmsim, so 20 bits of RPN do.
 *
 * Walk (pt_walk, pure inspection of RAM): L1 V=0 -> PTW_FAULT_L1; V=1 with
 * reserved bits set or an L2 frame not wholly in RAM -> PTW_BAD_TABLE;
 * leaf V=0 -> PTW_FAULT_L2.  A valid leaf is used as it stands (W=1 with
 * I=1, which we never write, decodes as cache-inhibited).
 *
 * Encoding (our choices where REFERENCE.md section 4 is silent):
 * - user rights are exactly prot: UR/UW/UX (Book-E can express write- or
 *   execute-only; memmgr already makes write imply read); the supervisor
 *   gets the same rights and always read: SR | SW if W | SX if X.
 * - WIMGE: plain pages M (coherent, write-back cacheable); PROT_NOCACHE
 *   adds I, and G unless the mapping is executable (a guarded page cannot
 *   be fetched from) - the rule REFERENCE.md gives for the 600; special
 *   bits replace WIMGE entirely (special & 0x1F), PROT_NOCACHE included.
 * - decode: I=1,G=1 is device memory, everything else normal; caches NC
 *   if I, WT if W, else WB-WA (inner = outer); coherent = M, guarded = G,
 *   little_endian = E; no page is global (every TLB0 entry has a TID);
 *   speculative = !G; xn = !UX (Book-E's per-page execute permission).
 *
 * TLB0 (machine-wide, in host memory: it is the CPU's, not RAM's): e500v2
 * geometry, 512 entries of 4 KiB, 4 ways x 128 sets, set = EPN[6:0] =
 * VA[18:12], each entry tagged with TID = the table's asid (all 32 bits:
 * our choice, so asids never alias), so processes share it as on
 * hardware.  pt_fill looks the page up there (the hit path: one set, four
 * compares); on a miss it walks the table and loads a valid leaf into the
 * set's first invalid way, else into the way the set's round-robin
 * next-victim counter (NV) names, which then advances.  An invalid leaf
 * loads nothing.  Permission checks stay with the caller.  pt_map and
 * pt_unmap invalidate (TID, EPN) after writing the leaf, as tlbivax would;
 * repairing an L1 entry invalidates the TID's entries of that 4 MiB;
 * pt_destroy invalidates every entry of the TID.  Like hardware, a TLB0
 * entry outlives a table changed behind mmu/'s back (RAM written
 * directly) until it is evicted or invalidated.
 */
#include "pt_e500.h"
#include "pt_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_FRAME   0xFFFFF000u
#define SPECIAL_MASK 0x1Fu

/* One TLB0 entry: MAS1 V/TID, MAS2 EPN/WIMGE, MAS3 RPN/perms, and where
 * in RAM the leaf came from (host-side, for fault reports). */
struct tlb0_entry {
    bool     valid;
    uint8_t  wimge, perms;
    uint32_t tid, epn, rpn;
    paddr_t  pte_pa;
};

/* Machine-wide state: TLB0, its NV counters, hit/miss counts. */
struct e500_tlb0 {
    struct tlb0_entry e[E500_TLB0_SETS][E500_TLB0_WAYS];
    uint8_t  nv[E500_TLB0_SETS];
    uint64_t hits, misses;
};

/* Per-process state: the L2 frame of each 4 MiB, 0 = none yet (host
 * bookkeeping, so destroy frees the right frames whatever RAM says). */
struct e500_pt {
    paddr_t l2[E500_L1_ENTRIES];
};

/* ---------------------------------------------------------------- */
/* Leaf encode / decode / describe                                  */

/* Leaf for frame pa with attributes a (pa < 4 GiB). */
static uint32_t encode(paddr_t pa, const struct pt_attr *a)
{
    unsigned p = (a->prot & PT_R ? E500_UR : 0) | (a->prot & PT_W ? E500_UW | E500_SW : 0) |
                 (a->prot & PT_X ? E500_UX | E500_SX : 0) | E500_SR;
    unsigned wimge = E500_M;
    if (a->has_special)
        wimge = a->special & SPECIAL_MASK;
    else if (a->nocache)
        wimge |= E500_I | (a->prot & PT_X ? 0 : E500_G);
    return (uint32_t)pa | p << E500_LEAF_PERM_SHIFT | wimge << E500_LEAF_WIMGE_SHIFT |
           E500_LEAF_V;
}

/* WIMGE field of a leaf. */
static unsigned leaf_wimge(uint32_t leaf)
{
    return (leaf & E500_LEAF_WIMGE) >> E500_LEAF_WIMGE_SHIFT;
}

/* MAS3 permission field of a leaf. */
static unsigned leaf_perms(uint32_t leaf)
{
    return (leaf & E500_LEAF_PERMS) >> E500_LEAF_PERM_SHIFT;
}

/* Decode a leaf into d (all zero when V=0). */
static void e500_decode(uint64_t raw, struct pt_decoded *d)
{
    uint32_t leaf = (uint32_t)raw;
    *d = (struct pt_decoded){ 0 };
    if (!(leaf & E500_LEAF_V))
        return;
    unsigned p = leaf_perms(leaf), w = leaf_wimge(leaf);
    d->valid = true;
    d->pa = leaf & E500_LEAF_RPN;
    d->uprot = (p & E500_UR ? PT_R : 0) | (p & E500_UW ? PT_W : 0) | (p & E500_UX ? PT_X : 0);
    d->kprot = (p & E500_SR ? PT_R : 0) | (p & E500_SW ? PT_W : 0) | (p & E500_SX ? PT_X : 0);
    d->memtype = (w & E500_I) && (w & E500_G) ? MT_DEVICE : MT_NORMAL;
    d->inner = d->outer = w & E500_I ? PC_NONCACHEABLE : w & E500_W ? PC_WT : PC_WB_WA;
    d->coherent = w & E500_M;
    d->guarded = w & E500_G;
    d->speculative = !d->guarded;
    /* Guarded storage is never fetched from (REFERENCE.md section 4): the
     * fill refuses instruction fetches there whatever UX says. */
    if (d->guarded) {
        d->uprot &= ~PT_X;
        d->kprot &= ~PT_X;
    }
    d->xn = !(d->uprot & PT_X);
    d->little_endian = w & E500_E;
}

/* "rwx"-style string of PT_R/W/X into s[4]. */
static void rights(unsigned prot, char s[4])
{
    s[0] = prot & PT_R ? 'r' : '-';
    s[1] = prot & PT_W ? 'w' : '-';
    s[2] = prot & PT_X ? 'x' : '-';
    s[3] = 0;
}

/* WIMGE as five digits then the set letters: "00100 (M)", "00000 (-)". */
static void wimge_text(unsigned w, char s[16])
{
    static const char letters[] = "WIMGE";
    char *p = s;
    for (int i = 4; i >= 0; i--)
        *p++ = w >> i & 1 ? '1' : '0';
    *p++ = ' ';
    *p++ = '(';
    for (int i = 4; i >= 0; i--)
        if (w >> i & 1)
            *p++ = letters[4 - i];
    if (!(w & SPECIAL_MASK))
        *p++ = '-';
    *p++ = ')';
    *p = 0;
}

/* One line for a leaf, stable for golden traces:
 *   pa=0x00234000 V=1 WIMGE=00100 (M) U=rw- S=rw- normal WB-WA coherent
 * then " guarded", " little-endian" when set; "fault raw=0x..." if V=0. */
static void e500_describe(uint64_t raw, char *buf, size_t n)
{
    uint32_t leaf = (uint32_t)raw;
    if (!(leaf & E500_LEAF_V)) {
        snprintf(buf, n, "fault raw=0x%08x", leaf);
        return;
    }
    struct pt_decoded d;
    e500_decode(raw, &d);
    char u[4], s[4], w[16];
    rights(d.uprot, u);
    rights(d.kprot, s);
    wimge_text(leaf_wimge(leaf), w);
    snprintf(buf, n, "pa=0x%08x V=1 WIMGE=%s U=%s S=%s %s %s%s%s%s", leaf & E500_LEAF_RPN, w, u,
             s, pt_memtype_name(d.memtype), pt_cache_name(d.inner),
             d.coherent ? " coherent" : "", d.guarded ? " guarded" : "",
             d.little_endian ? " little-endian" : "");
}

/* Validate shm_ctl_special bits: WIMGE only, never W with I. */
static int e500_check_special(uint32_t special, const char **why)
{
    if (special & ~SPECIAL_MASK) {
        *why = "bits outside the PPC special mask 0x1F";
        return -EINVAL;
    }
    if ((special & E500_W) && (special & E500_I)) {
        *why = "W=1 with I=1 is not supported";
        return -EINVAL;
    }
    return 0;
}

/* ---------------------------------------------------------------- */
/* TLB0: the hit path                                               */

/* TLB0 of m. */
static struct e500_tlb0 *tlb0(const struct mmu *m)
{
    return m->arch;
}

/* Set of the page holding va: EPN[6:0]. */
static unsigned tlb0_set(uint32_t va)
{
    return va >> MMSIM_PAGE_SHIFT & (E500_TLB0_SETS - 1);
}

/* Entry for (tid, va), or NULL: one set, four compares. */
static inline struct tlb0_entry *tlb0_find(struct e500_tlb0 *t, uint32_t tid, uint32_t va)
{
    struct tlb0_entry *s = t->e[tlb0_set(va)];
    uint32_t epn = va & PAGE_FRAME;
    for (unsigned w = 0; w < E500_TLB0_WAYS; w++)
        if (s[w].valid && s[w].epn == epn && s[w].tid == tid)
            return &s[w];
    return NULL;
}

/* Leaf word equivalent to entry e. */
static uint32_t tlb0_leaf(const struct tlb0_entry *e)
{
    return e->rpn | (uint32_t)e->perms << E500_LEAF_PERM_SHIFT |
           (uint32_t)e->wimge << E500_LEAF_WIMGE_SHIFT | E500_LEAF_V;
}

/* Translation of va by entry e into w, as a level-2 walk of its leaf. */
static void tlb0_translate(const struct tlb0_entry *e, uint32_t va, struct pt_walk *w)
{
    w->status = PTW_OK;
    w->level = 2;
    w->raw = tlb0_leaf(e);
    w->raw_pa = e->pte_pa;
    w->pa = e->rpn | (va & MMSIM_PAGE_MASK);
    e500_decode(w->raw, &w->d);
}

/* ---------------------------------------------------------------- */
/* TLB0: refill and invalidation (slow path)                        */

/* Way of `set` to load next: the first invalid one, else NV (advanced). */
static unsigned tlb0_victim(struct e500_tlb0 *t, unsigned set)
{
    for (unsigned w = 0; w < E500_TLB0_WAYS; w++)
        if (!t->e[set][w].valid)
            return w;
    unsigned w = t->nv[set];
    t->nv[set] = (uint8_t)((w + 1) % E500_TLB0_WAYS);
    return w;
}

/* Load valid leaf (read at pte_pa) for (tid, va) into TLB0. */
static void tlb0_load(struct e500_tlb0 *t, uint32_t tid, uint32_t va, uint32_t leaf,
                      paddr_t pte_pa)
{
    unsigned set = tlb0_set(va);
    t->e[set][tlb0_victim(t, set)] = (struct tlb0_entry){
        .valid = true, .tid = tid, .epn = va & PAGE_FRAME, .rpn = leaf & E500_LEAF_RPN,
        .wimge = (uint8_t)leaf_wimge(leaf), .perms = (uint8_t)leaf_perms(leaf),
        .pte_pa = pte_pa,
    };
}

/* Invalidate the entry for (tid, page of va), if any (tlbivax). */
static void tlb0_inval_page(struct e500_tlb0 *t, uint32_t tid, uint32_t va)
{
    struct tlb0_entry *e = tlb0_find(t, tid, va);
    if (e)
        e->valid = false;
}

/* Invalidate every entry of tid with EPN in [lo, hi]. */
static void tlb0_inval_range(struct e500_tlb0 *t, uint32_t tid, uint32_t lo, uint32_t hi)
{
    for (unsigned s = 0; s < E500_TLB0_SETS; s++)
        for (unsigned w = 0; w < E500_TLB0_WAYS; w++) {
            struct tlb0_entry *e = &t->e[s][w];
            if (e->valid && e->tid == tid && e->epn >= lo && e->epn <= hi)
                e->valid = false;
        }
}

/* Allocate the machine's TLB0, all invalid. */
static int e500_mmu_init(struct mmu *m)
{
    m->arch = calloc(1, sizeof(struct e500_tlb0));
    return m->arch ? 0 : -ENOMEM;
}

/* Free the machine's TLB0. */
static void e500_mmu_fini(struct mmu *m)
{
    free(m->arch);
    m->arch = NULL;
}

/* ---------------------------------------------------------------- */
/* Software table in RAM                                            */

/* Allocate and zero the L1 frame and the bookkeeping. */
static int e500_create(struct pt *pt)
{
    struct e500_pt *x = calloc(1, sizeof(*x));
    if (!x)
        return -ENOMEM;
    paddr_t root;
    uint64_t n;
    int r = frames_alloc_run(pt->m->frames, 1, &root, &n);
    if (r) {
        free(x);
        return r;
    }
    phys_zero(pt->m->phys, root, MMSIM_PAGE_SIZE);
    pt->root = root;
    pt->arch = x;
    return 0;
}

/* Free L1 and every L2 frame; drop the TID's TLB0 entries. */
static void e500_destroy(struct pt *pt)
{
    struct e500_pt *x = pt->arch;
    for (unsigned i = 0; i < E500_L1_ENTRIES; i++)
        if (x->l2[i])
            frames_free(pt->m->frames, x->l2[i], 1);
    frames_free(pt->m->frames, pt->root, 1);
    tlb0_inval_range(tlb0(pt->m), pt->asid, 0, PAGE_FRAME);
    free(x);
}

/* L2 frame for va, allocated (zeroed) if needed; 0 on ENOMEM. */
static paddr_t l2_table(struct pt *pt, uint32_t va)
{
    struct e500_pt *x = pt->arch;
    unsigned i = va >> 22;
    if (!x->l2[i]) {
        paddr_t f;
        uint64_t n;
        if (frames_alloc_run(pt->m->frames, 1, &f, &n))
            return 0;
        phys_zero(pt->m->phys, f, MMSIM_PAGE_SIZE);
        x->l2[i] = f;
    }
    return x->l2[i];
}

/* Make the L1 entry of va point at L2 frame l2, repairing whatever RAM
 * holds; a valid entry replaced drops the TID's TLB0 entries of that
 * 4 MiB.  0 or -EFAULT. */
static int l1_point(struct pt *pt, uint32_t va, paddr_t l2)
{
    paddr_t l1pa = pt->root + (va >> 22) * 4;
    uint32_t old, want = (uint32_t)l2 | E500_L1_V;
    if (pt_read32(pt, l1pa, &old))
        return -EFAULT;
    if (old == want)
        return 0;
    if (old & E500_L1_V)
        tlb0_inval_range(tlb0(pt->m), pt->asid, va & 0xFFC00000u, va | 0x003FF000u);
    return pt_write_table32(pt, l1pa, old, old & E500_L1_V, want);
}

/* Address of va's leaf in its L2 frame l2. */
static paddr_t leaf_pa(paddr_t l2, uint32_t va)
{
    return l2 + (va >> MMSIM_PAGE_SHIFT & (E500_L2_ENTRIES - 1)) * 4;
}

/* Map page va to frame pa: write the leaf, then invalidate (TID, EPN). */
static int e500_map(struct pt *pt, uint32_t va, paddr_t pa, const struct pt_attr *a)
{
    if (pa >> 32)
        return -EINVAL;
    paddr_t l2 = l2_table(pt, va);
    if (!l2)
        return -ENOMEM;
    int r = l1_point(pt, va, l2);
    uint32_t old = 0;
    if (!r)
        r = pt_read32(pt, leaf_pa(l2, va), &old);
    if (!r)
        r = pt_write_pte32(pt, va, leaf_pa(l2, va), old, old & E500_LEAF_V, encode(pa, a));
    tlb0_inval_page(tlb0(pt->m), pt->asid, va);
    return r;
}

/* Clear va's leaf if non-zero, and invalidate (TID, EPN) in any case. */
static void e500_unmap(struct pt *pt, uint32_t va)
{
    struct e500_pt *x = pt->arch;
    tlb0_inval_page(tlb0(pt->m), pt->asid, va);
    if (!x->l2[va >> 22])
        return;
    paddr_t pa = leaf_pa(x->l2[va >> 22], va);
    uint32_t old;
    if (pt_read32(pt, pa, &old) || old == 0)
        return;
    pt_write_pte32(pt, va, pa, old, old & E500_LEAF_V, 0);
}

/* Set w to a fault of status st (decode cleared). */
static void fault(struct pt_walk *w, enum pt_walk_status st)
{
    w->status = st;
    w->pa = 0;
    w->d = (struct pt_decoded){ 0 };
}

/* Walk va through the tables in RAM: L1 word, then leaf. */
static void e500_walk(const struct pt *pt, uint32_t va, struct pt_walk *w)
{
    uint32_t l1, leaf;
    w->level = 1;
    w->raw_pa = pt->root + (va >> 22) * 4;
    if (pt_read32(pt, w->raw_pa, &l1)) {
        fault(w, PTW_BAD_TABLE);
        return;
    }
    w->raw = l1;
    if (!(l1 & E500_L1_V)) {
        fault(w, PTW_FAULT_L1);
        return;
    }
    paddr_t l2 = l1 & E500_L1_BASE;
    if ((l1 & E500_L1_RSVD) || phys_kind(pt->m->phys, l2, MMSIM_PAGE_SIZE) != PHYS_RAM ||
        pt_read32(pt, leaf_pa(l2, va), &leaf)) {
        fault(w, PTW_BAD_TABLE);
        return;
    }
    w->level = 2;
    w->raw = leaf;
    w->raw_pa = leaf_pa(l2, va);
    if (!(leaf & E500_LEAF_V)) {
        fault(w, PTW_FAULT_L2);
        return;
    }
    w->status = PTW_OK;
    w->pa = (leaf & E500_LEAF_RPN) | (va & MMSIM_PAGE_MASK);
    e500_decode(leaf, &w->d);
}

/* TLB0 miss: walk the table and load a valid leaf (slow path). */
static void e500_miss(struct pt *pt, uint32_t va, struct pt_walk *w)
{
    struct e500_tlb0 *t = tlb0(pt->m);
    t->misses++;
    e500_walk(pt, va, w);
    if (w->status == PTW_OK)
        tlb0_load(t, pt->asid, va, (uint32_t)w->raw, w->raw_pa);
}

/* Hardware translation: TLB0 hit, else walk and refill.  The access
 * kind does not matter: the caller checks w->d.uprot. */
static void e500_fill(struct pt *pt, uint32_t va, unsigned access, struct pt_walk *w)
{
    (void)access;
    struct e500_tlb0 *t = tlb0(pt->m);
    const struct tlb0_entry *e = tlb0_find(t, pt->asid, va);
    if (!e) {
        e500_miss(pt, va, w);
        return;
    }
    t->hits++;
    tlb0_translate(e, va, w);
}

/* ---------------------------------------------------------------- */
/* Dump and test queries                                            */

/* "UX|UW|UR|SX|SW|SR"-style text of MAS3 perms into s (>= 18 bytes). */
static void perms_text(unsigned p, char *s, size_t n)
{
    static const struct { unsigned bit; const char *name; } t[] = {
        { E500_UX, "UX" }, { E500_UW, "UW" }, { E500_UR, "UR" },
        { E500_SX, "SX" }, { E500_SW, "SW" }, { E500_SR, "SR" },
    };
    size_t k = 0;
    s[0] = 0;
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
        if (p & t[i].bit)
            k += (size_t)snprintf(s + k, n - k, "%s%s", k ? "|" : "", t[i].name);
    if (!k)
        snprintf(s, n, "-");
}

/* Valid leaves of the L2 frame at l2 (L1 index i), raw and decoded. */
static void dump_l2(const struct pt *pt, unsigned i, paddr_t l2, FILE *out)
{
    char buf[160];
    for (unsigned j = 0; j < E500_L2_ENTRIES; j++) {
        uint32_t raw, va = i << 22 | j << 12;
        if (pt_read32(pt, l2 + j * 4, &raw) || !(raw & E500_LEAF_V))
            continue;
        e500_describe(raw, buf, sizeof(buf));
        fprintf(out, "    va=0x%08x raw=0x%08x %s\n", va, raw, buf);
    }
}

/* The software table: each valid L1 entry and the valid leaves under it. */
static void dump_table(const struct pt *pt, FILE *out)
{
    for (unsigned i = 0; i < E500_L1_ENTRIES; i++) {
        uint32_t raw;
        if (pt_read32(pt, pt->root + i * 4, &raw) || !(raw & E500_L1_V))
            continue;
        paddr_t l2 = raw & E500_L1_BASE;
        const char *bad = raw & E500_L1_RSVD ? " (reserved bits set)"
                          : phys_kind(pt->m->phys, l2, MMSIM_PAGE_SIZE) != PHYS_RAM
                              ? " (outside RAM)" : "";
        fprintf(out, "  L1[0x%03x] va=0x%08x-0x%08x raw=0x%08x L2=0x%08llx%s\n", i, i << 22,
                i << 22 | 0x3FFFFF, raw, (unsigned long long)l2, bad);
        if (!*bad)
            dump_l2(pt, i, l2, out);
    }
}

/* The whole TLB0 (entries of pt's TID marked '*') and non-zero NVs. */
static void dump_tlb0(const struct pt *pt, FILE *out)
{
    const struct e500_tlb0 *t = tlb0(pt->m);
    char w[16], p[24];
    fprintf(out, "  TLB0 (%u sets x %u ways, * = TID %u):\n", E500_TLB0_SETS, E500_TLB0_WAYS,
            pt->asid);
    for (unsigned s = 0; s < E500_TLB0_SETS; s++)
        for (unsigned k = 0; k < E500_TLB0_WAYS; k++) {
            const struct tlb0_entry *e = &t->e[s][k];
            if (!e->valid)
                continue;
            wimge_text(e->wimge, w);
            perms_text(e->perms, p, sizeof(p));
            fprintf(out, "  %c set %u way %u: TID=%u EPN=0x%08x RPN=0x%08x WIMGE=%s perms=%s\n",
                    e->tid == pt->asid ? '*' : ' ', s, k, e->tid, e->epn, e->rpn, w, p);
        }
    for (unsigned s = 0; s < E500_TLB0_SETS; s++)
        if (t->nv[s])
            fprintf(out, "  TLB0 NV set %u = way %u\n", s, t->nv[s]);
}

/* Dump the software table, then TLB0. */
static void e500_dump(const struct pt *pt, FILE *out)
{
    dump_table(pt, out);
    dump_tlb0(pt, out);
}

/* Side-effect-free TLB0 lookup (pt_e500.h). */
int pt_e500_tlb0_lookup(const struct mmu *m, uint32_t tid, uint32_t va,
                        struct pt_e500_tlb0_entry *out)
{
    if (m->cpu != CPU_E500)
        return -EINVAL;
    struct e500_tlb0 *t = tlb0(m);
    const struct tlb0_entry *e = tlb0_find(t, tid, va);
    if (!e)
        return 0;
    if (out) {
        unsigned set = tlb0_set(va);
        *out = (struct pt_e500_tlb0_entry){
            .set = set, .way = (unsigned)(e - t->e[set]), .tid = e->tid, .epn = e->epn,
            .rpn = e->rpn, .wimge = e->wimge, .perms = e->perms,
        };
    }
    return 1;
}

/* NV counter of a TLB0 set (pt_e500.h). */
unsigned pt_e500_tlb0_nv(const struct mmu *m, unsigned set)
{
    if (m->cpu != CPU_E500 || set >= E500_TLB0_SETS)
        return 0;
    return tlb0(m)->nv[set];
}

/* Hit and miss counts of pt_fill (pt_e500.h). */
void pt_e500_tlb0_stats(const struct mmu *m, uint64_t *hits, uint64_t *misses)
{
    const struct e500_tlb0 *t = m->cpu == CPU_E500 ? tlb0(m) : NULL;
    if (hits)
        *hits = t ? t->hits : 0;
    if (misses)
        *misses = t ? t->misses : 0;
}

const struct pt_ops pt_e500_ops = {
    .name = "e500", .mmu_init = e500_mmu_init, .mmu_fini = e500_mmu_fini,
    .create = e500_create, .destroy = e500_destroy, .map = e500_map, .unmap = e500_unmap,
    .walk = e500_walk, .fill = e500_fill, .check_special = e500_check_special,
    .decode = e500_decode, .describe = e500_describe, .dump = e500_dump,
};
