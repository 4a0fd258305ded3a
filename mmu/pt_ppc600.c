/*
 * pt_ppc600.c - PowerPC 600 family (G2 / 603e core) hashed page table in
 * simulated RAM, big-endian (REFERENCE.md section 4).
 *
 * PTE (8 bytes, word0 at the lower address):
 *   word0  V [0] | VSID [1:24] | H [25] | API [26:31] = EA[4:9]
 *   word1  RPN [0:19] | R 0x100 | C 0x080 | W 0x40 I 0x20 M 0x10 G 0x08 | PP [30:31]
 * PTEG = 8 PTEs = 64 bytes.  Primary hash = (VSID & 0x7FFFF) ^ EA[4:19],
 * secondary = ~primary; PTEG address = HTABORG | (hash & (HTABMASK << 10 |
 * 0x3FF)) << 6.
 *
 * Our choices where the architecture leaves them to the OS:
 * - One HTAB for the machine (SDR1), made in mmu_init: RAM / 128 rounded
 *   down to a power of two, clamped to 64 KiB..32 MiB, as the PEM's table
 *   of recommended sizes (8 MiB RAM -> 64 KiB, 256 MiB -> 2 MiB, 2 GiB ->
 *   16 MiB).  HTABORG is aligned to the size (frames_alloc_contig, lowest
 *   fit); if no such run is free the size is halved down to 64 KiB.
 *   HTABMASK = size / 64 KiB - 1.  Freed in mmu_fini.  pt_root() of every
 *   table is HTABORG.
 * - VSIDs: a table gets the context number ctx = asid mod 2^20, or the
 *   next free one if a live table already has it (two tables never share
 *   a VSID), and one VSID per segment register, scrambled as Linux ppc32
 *   does to spread the hashes: VSID = (ctx * 897 * 16 + sr * 0x111) mod
 *   2^24.  That is one to one on (ctx, sr), and its low 4 bits are sr.
 *   The 16 segment registers are CPU registers, kept in host state:
 *   T=0 Ks=0 Kp=1 N=0 | VSID.
 * - Protection: user accesses use key Kp=1, supervisor ones Ks=0.
 *   PROT_WRITE -> PP=10 (user rw, supervisor rw), else PP=01 (user r,
 *   supervisor rw).  PP 00 and 11 are decoded, never written.
 * - Execute: the 603e has no per-page no-execute (N is per segment, and
 *   ours are all N=0), so execute follows read, as on ARMv5: PROT_EXEC
 *   cannot be denied per page.  One exception from the architecture: an
 *   instruction fetch from a guarded page (G=1) is an ISI on the 603e, so
 *   X is decoded only when readable and G=0, and xn is G (with the
 *   segment's N, always 0 here); speculative is !G.
 * - WIMG: M=1 without special bits; PROT_NOCACHE adds I, and G unless the
 *   mapping is executable; special bits (validated by check_special)
 *   replace WIMG: word1 |= (special & 0x1E) << 2.  E has no place here.
 * - Placement: an entry for the same EA (word0 equal: V, VSID, H and API,
 *   in the PTEG that H names) is rewritten in place, keeping its R and C
 *   when the RPN is unchanged; any further duplicate (a corrupted table)
 *   is invalidated.  Otherwise the first invalid slot of the primary PTEG,
 *   then of the secondary (H=1).  Both full: evict from the primary PTEG,
 *   slot = a per-PTEG round-robin counter in host state (0, 1, ..., 7, 0),
 *   whichever table owns the victim.
 * - Hooks: every PTE write is reported, one call per slot written.  An
 *   eviction is two: the victim's removal (reported against the victim's
 *   table and EA, new raw 0; that table's flush flag is set, since its
 *   translation may still be in a TLB), then the new entry (old raw 0).
 *   Removals write both words as 0.
 * - R/C: pt_fill (and pt_touch) set R, and C on a write, in the PTE in
 *   RAM for a permitted access, as the 603e's TLB-miss handlers do; not
 *   a PTE write (hooks.pte_written) but reported through hooks.rc_set
 *   when the word changes; no flush flag.
 * - Walk: the SR of EA[0:3] gives the VSID; primary PTEG slots 0..7, then
 *   secondary.  Not found: PTW_FAULT_L2 ("no PTE in either PTEG"), level
 *   2, raw 0, raw_pa = primary PTEG address.  Found: PTW_OK, raw = word0
 *   << 32 | word1, raw_pa = the PTE's address, level 2.
 * - EA of a PTE (dump, eviction reports): segment = the SR holding its
 *   VSID; page index = API << 10 | ((hash ^ VSID) & 0x3FF), where hash is
 *   the PTEG index (its complement when H=1).  The PTEG index carries at
 *   least the 10 low hash bits, and API the 6 high page-index bits.
 * - pt_destroy invalidates every PTE carrying one of the table's VSIDs (a
 *   scan of the HTAB), silently, as ARM frees its tables silently.
 */
#include "pt_ppc600.h"
#include "pt_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* PTE word 0 */
#define W0_V       0x80000000u
#define W0_VSID_SH 7
#define W0_H       0x00000040u
#define W0_API     0x0000003Fu
/* PTE word 1 */
#define W1_RPN     0xFFFFF000u
#define W1_R       0x00000100u
#define W1_C       0x00000080u
#define W1_W       0x00000040u
#define W1_I       0x00000020u
#define W1_M       0x00000010u
#define W1_G       0x00000008u
#define W1_PP      0x00000003u
#define PP_RO      1u            /* user r, supervisor rw */
#define PP_RW      2u            /* user rw, supervisor rw */

/* shm_ctl_special bits (REFERENCE.md section 4) */
#define SPECIAL_E    0x01u
#define SPECIAL_I    0x08u
#define SPECIAL_W    0x10u
#define SPECIAL_MASK 0x1Fu
#define SPECIAL_WIMG 0x1Eu

/* Segment register */
#define SR_KS   0x40000000u
#define SR_KP   0x20000000u
#define SR_N    0x10000000u
#define SR_VSID 0x00FFFFFFu
#define SR_USER SR_KP            /* what every table's SRs carry: Ks=0 Kp=1 N=0 */
#define NSR     16

#define PTEG_BYTES 64u
#define PTEG_SLOTS 8u
#define PTE_BYTES  8u
#define HTAB_MIN   (64u << 10)
#define HTAB_MAX   (32u << 20)
#define CTX_MASK   0xFFFFFu

/* The machine-wide hashed page table (mmu->arch). */
struct htab {
    paddr_t        org;        /* HTABORG */
    uint32_t       size;       /* bytes, a power of two >= 64 KiB */
    uint32_t       hash_mask;  /* HTABMASK << 10 | 0x3FF: hash bits that index PTEGs */
    uint8_t       *victim;     /* next slot to evict, per primary PTEG */
    struct ppc_pt *live;       /* every table, to find a VSID's owner */
};

/* One process's segment registers (pt->arch). */
struct ppc_pt {
    struct pt     *pt;
    uint32_t       ctx;
    uint32_t       sr[NSR];
    struct ppc_pt *next;
};

/* One PTE as read from the HTAB. */
struct pte {
    paddr_t  pa;       /* address of word0 */
    uint32_t w0, w1;
    uint32_t pteg;     /* index of the PTEG holding it */
};

/* ---------------------------------------------------------------- */
/* Hashing                                                          */

/* The HTAB of pt's machine. */
static struct htab *htab_of(const struct pt *pt)
{
    return pt->m->arch;
}

/* pt's segment registers. */
static struct ppc_pt *ppc_of(const struct pt *pt)
{
    return pt->arch;
}

/* VSID of segment sr in context ctx (the Linux ppc32 scramble). */
static uint32_t vsid_make(uint32_t ctx, unsigned sr)
{
    return (ctx * 897u * 16u + sr * 0x111u) & SR_VSID;
}

/* VSID in word0 w0. */
static uint32_t w0_vsid(uint32_t w0)
{
    return w0 >> W0_VSID_SH & SR_VSID;
}

/* PTEG index of va in segment vsid, primary or secondary hash. */
static uint32_t pteg_index(const struct htab *h, uint32_t vsid, uint32_t va, bool secondary)
{
    uint32_t hash = (vsid & 0x7FFFF) ^ (va >> 12 & 0xFFFF);
    return (secondary ? ~hash : hash) & h->hash_mask;
}

/* Physical address of PTEG idx. */
static paddr_t pteg_pa(const struct htab *h, uint32_t idx)
{
    return h->org + (paddr_t)idx * PTEG_BYTES;
}

/* word0 of the PTE for va in segment vsid, in the primary or secondary PTEG. */
static uint32_t word0(uint32_t vsid, uint32_t va, bool secondary)
{
    return W0_V | vsid << W0_VSID_SH | (secondary ? W0_H : 0) | (va >> 22 & W0_API);
}

/* Segment register index of p holding vsid, or -1. */
static int sr_index(const struct ppc_pt *p, uint32_t vsid)
{
    for (int i = 0; i < NSR; i++)
        if ((p->sr[i] & SR_VSID) == vsid)
            return i;
    return -1;
}

/* The live table one of whose segments is vsid, or NULL. */
static struct ppc_pt *owner(const struct htab *h, uint32_t vsid)
{
    for (struct ppc_pt *p = h->live; p; p = p->next)
        if (sr_index(p, vsid) >= 0)
            return p;
    return NULL;
}

/* EA mapped by PTE e in segment sr (see the header comment). */
static uint32_t pte_ea(unsigned sr, const struct pte *e)
{
    uint32_t hash = e->w0 & W0_H ? ~e->pteg : e->pteg;
    uint32_t page = (e->w0 & W0_API) << 10 | ((hash ^ w0_vsid(e->w0)) & 0x3FF);
    return (uint32_t)sr << 28 | page << 12;
}

/* ---------------------------------------------------------------- */
/* HTAB access                                                      */

/* Read the PTE at slot `slot` of PTEG idx into e.  0 or -EFAULT. */
static int pte_read(const struct pt *pt, uint32_t idx, unsigned slot, struct pte *e)
{
    e->pteg = idx;
    e->pa = pteg_pa(htab_of(pt), idx) + slot * PTE_BYTES;
    if (pt_read32(pt, e->pa, &e->w0) || pt_read32(pt, e->pa + 4, &e->w1))
        return -EFAULT;
    return 0;
}

/* Raw 64-bit form of e. */
static uint64_t pte_raw(const struct pte *e)
{
    return (uint64_t)e->w0 << 32 | e->w1;
}

/* Entries for va in segment vsid, primary PTEG then secondary, slot
 * order: up to max into hits.  Count found, or -EFAULT. */
static int pte_find(const struct pt *pt, uint32_t vsid, uint32_t va, struct pte *hits, int max)
{
    const struct htab *h = htab_of(pt);
    int n = 0;
    for (int sec = 0; sec < 2 && n < max; sec++) {
        uint32_t idx = pteg_index(h, vsid, va, sec), want = word0(vsid, va, sec);
        for (unsigned s = 0; s < PTEG_SLOTS && n < max; s++) {
            if (pte_read(pt, idx, s, &hits[n]))
                return -EFAULT;
            if (hits[n].w0 == want)
                n++;
        }
    }
    return n;
}

/* First invalid slot for va (primary PTEG, then secondary) into e and
 * *secondary.  0, 1 when both PTEGs are full, or -EFAULT. */
static int pte_free_slot(const struct pt *pt, uint32_t vsid, uint32_t va, struct pte *e,
                         bool *secondary)
{
    for (int sec = 0; sec < 2; sec++) {
        uint32_t idx = pteg_index(htab_of(pt), vsid, va, sec);
        for (unsigned s = 0; s < PTEG_SLOTS; s++) {
            if (pte_read(pt, idx, s, e))
                return -EFAULT;
            if (!(e->w0 & W0_V)) {
                *secondary = sec;
                return 0;
            }
        }
    }
    return 1;
}

/* Invalidate valid PTE e (both words 0), reporting it against table
 * `pt` and EA va; pt's flush flag is set. */
static int pte_remove(struct pt *pt, uint32_t va, const struct pte *e)
{
    return pt_write_pte64(pt, va, e->pa, pte_raw(e), true, 0);
}

/* Evict the next round-robin slot of va's primary PTEG into e, reporting
 * the removal against the victim's owner (pt if none).  0 or -EFAULT. */
static int pte_evict(struct pt *pt, uint32_t vsid, uint32_t va, struct pte *e)
{
    struct htab *h = htab_of(pt);
    uint32_t idx = pteg_index(h, vsid, va, false);
    unsigned slot = h->victim[idx];
    h->victim[idx] = (slot + 1) % PTEG_SLOTS;
    if (pte_read(pt, idx, slot, e))
        return -EFAULT;
    uint32_t vv = w0_vsid(e->w0);
    struct ppc_pt *o = owner(h, vv);
    unsigned sr = o ? (unsigned)sr_index(o, vv) : vv & 0xF;
    return pte_remove(o ? o->pt : pt, pte_ea(sr, e), e);
}

/* Set R, and C for a write, in PTE e in RAM: no hook, no flush. */
static void pte_set_rc(struct pt *pt, struct pte *e, uint32_t va, bool write)
{
    uint32_t w1 = e->w1 | W1_R | (write ? W1_C : 0);
    if (w1 != e->w1 && phys_write32(pt->m->phys, e->pa + 4, pt->m->big_endian, w1) == 0) {
        uint64_t old = pte_raw(e);
        e->w1 = w1;
        if (pt->m->hooks.rc_set)
            pt->m->hooks.rc_set(pt->m->hooks.ctx, pt, va, e->pa, old, pte_raw(e), write);
    }
}

/* ---------------------------------------------------------------- */
/* Encode and decode                                                */

/* word1 for frame pa with attributes a. */
static uint32_t word1(paddr_t pa, const struct pt_attr *a)
{
    uint32_t w = (uint32_t)pa | (a->prot & PT_W ? PP_RW : PP_RO);
    if (a->has_special)
        return w | (a->special & SPECIAL_WIMG) << 2;
    w |= W1_M;
    if (a->nocache)
        w |= W1_I | (a->prot & PT_X ? 0 : W1_G);
    return w;
}

/* Rights PP gives under key (0 or 1), before execute. */
static unsigned pp_rights(unsigned pp, bool key)
{
    static const unsigned r[2][4] = {
        { PT_R | PT_W, PT_R | PT_W, PT_R | PT_W, PT_R },
        { 0, PT_R, PT_R | PT_W, PT_R },
    };
    return r[key][pp & 3];
}

/* Decode a PTE as seen through segment register sr. */
static void decode_words(uint32_t w0, uint32_t w1, uint32_t sr, struct pt_decoded *d)
{
    *d = (struct pt_decoded){ 0 };
    if (!(w0 & W0_V))
        return;
    bool fetch = !(w1 & W1_G) && !(sr & SR_N), inhibited = w1 & W1_I;
    d->valid = true;
    d->pa = w1 & W1_RPN;
    d->uprot = pp_rights(w1, sr & SR_KP);
    d->kprot = pp_rights(w1, sr & SR_KS);
    if (fetch) {
        d->uprot |= d->uprot & PT_R ? PT_X : 0;
        d->kprot |= d->kprot & PT_R ? PT_X : 0;
    }
    d->memtype = inhibited && (w1 & W1_G) ? MT_DEVICE : MT_NORMAL;
    d->inner = d->outer = inhibited ? PC_NONCACHEABLE : w1 & W1_W ? PC_WT : PC_WB_WA;
    d->coherent = w1 & W1_M;
    d->guarded = w1 & W1_G;
    d->speculative = !d->guarded;
    d->xn = !fetch;
    d->referenced = w1 & W1_R;
    d->changed = w1 & W1_C;
}

/* Decode a raw PTE (word0 << 32 | word1) under the user segment keys. */
static void ppc_decode(uint64_t raw, struct pt_decoded *d)
{
    decode_words((uint32_t)(raw >> 32), (uint32_t)raw, SR_USER, d);
}

/* "rw-" style text of the user's rights, "p:rwx" when only supervisor
 * code has any, into s[8]. */
static void rights(const struct pt_decoded *d, char s[8])
{
    unsigned p = d->uprot ? d->uprot : d->kprot;
    snprintf(s, 8, "%s%c%c%c", !d->uprot && d->kprot ? "p:" : "", p & PT_R ? 'r' : '-',
             p & PT_W ? 'w' : '-', p & PT_X ? 'x' : '-');
}

/* WIMG as four digits into bits[5] and as letters ("M", "IMG", "-") into
 * names[5]. */
static void wimg_text(uint32_t w1, char bits[5], char names[5])
{
    static const char letter[4] = { 'W', 'I', 'M', 'G' };
    int k = 0;
    for (int i = 0; i < 4; i++) {
        bool on = w1 & (W1_W >> i);
        bits[i] = on ? '1' : '0';
        if (on)
            names[k++] = letter[i];
    }
    bits[4] = 0;
    if (k == 0)
        names[k++] = '-';
    names[k] = 0;
}

/* One line for a raw PTE, stable for golden traces:
 *   pa=0x00234000 V=1 VSID=0x123456 H=0 API=0x01 WIMG=0010 (M) PP=10 R=0 C=0 rw-
 * The tail is the user's rights (x: readable and G=0), "p:..." when only
 * supervisor code has access, "---" for an invalid entry. */
static void ppc_describe(uint64_t raw, char *buf, size_t n)
{
    uint32_t w0 = (uint32_t)(raw >> 32), w1 = (uint32_t)raw;
    struct pt_decoded d;
    char bits[5], names[5], r[8];
    decode_words(w0, w1, SR_USER, &d);
    wimg_text(w1, bits, names);
    rights(&d, r);
    snprintf(buf, n, "pa=0x%08x V=%u VSID=0x%06x H=%u API=0x%02x WIMG=%s (%s) PP=%u%u R=%u C=%u %s",
             w1 & W1_RPN, w0 >> 31, w0_vsid(w0), w0 >> 6 & 1, w0 & W0_API, bits, names,
             w1 >> 1 & 1, w1 & 1, w1 >> 8 & 1, w1 >> 7 & 1, r);
}

/* Validate shm_ctl_special bits: mask 0x1F, no E, not W with I. */
static int ppc_check_special(uint32_t special, const char **why)
{
    if (special & ~SPECIAL_MASK) {
        *why = "bits outside the PowerPC special mask 0x1F";
        return -EINVAL;
    }
    if (special & SPECIAL_E) {
        *why = "E (little-endian) has no place in a PPC 600 PTE";
        return -EINVAL;
    }
    if ((special & (SPECIAL_W | SPECIAL_I)) == (SPECIAL_W | SPECIAL_I)) {
        *why = "W with I (write-through and cache-inhibited) is not supported";
        return -EINVAL;
    }
    return 0;
}

/* ---------------------------------------------------------------- */
/* Machine-wide HTAB                                                */

/* Recommended HTAB size for ram bytes: ram / 128 rounded down to a power
 * of two, within 64 KiB..32 MiB. */
static uint32_t htab_size_for(uint64_t ram)
{
    uint32_t s = HTAB_MIN;
    while (s < HTAB_MAX && (uint64_t)s * 2 <= ram / 128)
        s *= 2;
    return s;
}

/* Zero [pa, pa+len) page by page, writing only pages that are not zero
 * already (an untouched MAP_NORESERVE page stays untouched). */
static void htab_zero(const struct phys *p, paddr_t pa, uint32_t len)
{
    static const uint8_t zero[MMSIM_PAGE_SIZE];
    for (uint32_t o = 0; o < len; o += MMSIM_PAGE_SIZE) {
        uint8_t *host = phys_host(p, pa + o, MMSIM_PAGE_SIZE);
        if (!host)
            phys_zero(p, pa + o, MMSIM_PAGE_SIZE);
        else if (memcmp(host, zero, MMSIM_PAGE_SIZE) != 0)
            memset(host, 0, MMSIM_PAGE_SIZE);
    }
}

/* Allocate and zero the HTAB (halving its size while no aligned run is
 * free) and the round-robin counters.  0 or -ENOMEM. */
static int ppc_mmu_init(struct mmu *m)
{
    struct htab *h = calloc(1, sizeof(*h));
    if (!h)
        return -ENOMEM;
    uint32_t size = htab_size_for(m->phys->ram_size);
    paddr_t org;
    while (frames_alloc_contig(m->frames, size / MMSIM_PAGE_SIZE, size / MMSIM_PAGE_SIZE, &org)) {
        if (size == HTAB_MIN) {
            free(h);
            return -ENOMEM;
        }
        size /= 2;
    }
    h->victim = calloc(size / PTEG_BYTES, 1);
    if (!h->victim) {
        frames_free(m->frames, org, size / MMSIM_PAGE_SIZE);
        free(h);
        return -ENOMEM;
    }
    h->org = org;
    h->size = size;
    h->hash_mask = size / PTEG_BYTES - 1;
    htab_zero(m->phys, org, size);
    m->arch = h;
    return 0;
}

/* Free the HTAB frames and the host state (every table is gone). */
static void ppc_mmu_fini(struct mmu *m)
{
    struct htab *h = m->arch;
    frames_free(m->frames, h->org, h->size / MMSIM_PAGE_SIZE);
    free(h->victim);
    free(h);
}

/* ---------------------------------------------------------------- */
/* Per-process table                                                */

/* True if a live table has context ctx. */
static bool ctx_used(const struct htab *h, uint32_t ctx)
{
    for (const struct ppc_pt *p = h->live; p; p = p->next)
        if (p->ctx == ctx)
            return true;
    return false;
}

/* Give pt a free context and its 16 segment registers.  0 or -ENOMEM. */
static int ppc_create(struct pt *pt)
{
    struct htab *h = htab_of(pt);
    struct ppc_pt *p = calloc(1, sizeof(*p));
    if (!p)
        return -ENOMEM;
    uint32_t ctx = pt->asid & CTX_MASK, tries = 0;
    while (ctx_used(h, ctx)) {
        if (++tries > CTX_MASK) {
            free(p);
            return -ENOMEM;
        }
        ctx = (ctx + 1) & CTX_MASK;
    }
    p->pt = pt;
    p->ctx = ctx;
    for (unsigned i = 0; i < NSR; i++)
        p->sr[i] = SR_USER | vsid_make(ctx, i);
    p->next = h->live;
    h->live = p;
    pt->arch = p;
    pt->root = h->org;
    return 0;
}

/* Invalidate pt's valid PTEs in the HTAB page at org + off. */
static void destroy_page(struct pt *pt, uint32_t off)
{
    const struct ppc_pt *p = ppc_of(pt);
    paddr_t base = htab_of(pt)->org + off;
    const uint8_t *host = phys_host(pt->m->phys, base, MMSIM_PAGE_SIZE);
    for (uint32_t i = 0; i < MMSIM_PAGE_SIZE; i += PTE_BYTES) {
        uint32_t w0;
        if (host && !(host[i] & 0x80))      /* V: MSB of big-endian word0 */
            continue;
        if (pt_read32(pt, base + i, &w0) || !(w0 & W0_V) || sr_index(p, w0_vsid(w0)) < 0)
            continue;
        phys_write32(pt->m->phys, base + i, pt->m->big_endian, 0);
        phys_write32(pt->m->phys, base + i + 4, pt->m->big_endian, 0);
    }
}

/* Invalidate every PTE of pt's VSIDs (silently) and forget pt. */
static void ppc_destroy(struct pt *pt)
{
    struct htab *h = htab_of(pt);
    struct ppc_pt *p = ppc_of(pt);
    for (uint32_t off = 0; off < h->size; off += MMSIM_PAGE_SIZE)
        destroy_page(pt, off);
    for (struct ppc_pt **pp = &h->live; *pp; pp = &(*pp)->next)
        if (*pp == p) {
            *pp = p->next;
            break;
        }
    free(p);
}

/* Rewrite the first of the n entries found for va with w1 (keeping R and
 * C if the RPN is unchanged) and invalidate the others. */
static int pte_replace(struct pt *pt, uint32_t va, const struct pte *hits, int n, uint32_t w1)
{
    const struct pte *e = &hits[0];
    if ((e->w1 & W1_RPN) == (w1 & W1_RPN))
        w1 |= e->w1 & (W1_R | W1_C);
    int r = pt_write_pte64(pt, va, e->pa, pte_raw(e), true, (uint64_t)e->w0 << 32 | w1);
    for (int i = 1; i < n && r == 0; i++)
        r = pte_remove(pt, va, &hits[i]);
    return r;
}

/* Map page va to frame pa: in place, else a free slot (primary, then
 * secondary), else evict from the primary PTEG.  0, -EINVAL (pa above
 * 4 GiB) or -EFAULT. */
static int ppc_map(struct pt *pt, uint32_t va, paddr_t pa, const struct pt_attr *a)
{
    if (pa >> 32)
        return -EINVAL;
    uint32_t vsid = ppc_of(pt)->sr[va >> 28] & SR_VSID, w1 = word1(pa, a);
    struct pte hits[2 * PTEG_SLOTS], e;
    int n = pte_find(pt, vsid, va, hits, 2 * PTEG_SLOTS);
    if (n < 0)
        return n;
    if (n > 0)
        return pte_replace(pt, va, hits, n, w1);
    bool sec = false;
    int r = pte_free_slot(pt, vsid, va, &e, &sec);
    if (r > 0)
        r = pte_evict(pt, vsid, va, &e);
    if (r < 0)
        return r;
    return pt_write_pte64(pt, va, e.pa, 0, false, (uint64_t)word0(vsid, va, sec) << 32 | w1);
}

/* Invalidate every entry for page va in both PTEGs. */
static void ppc_unmap(struct pt *pt, uint32_t va)
{
    struct pte hits[2 * PTEG_SLOTS];
    int n = pte_find(pt, ppc_of(pt)->sr[va >> 28] & SR_VSID, va, hits, 2 * PTEG_SLOTS);
    for (int i = 0; i < n; i++)
        pte_remove(pt, va, &hits[i]);
}

/* Search va's PTEGs in RAM the way the 603e's miss handler does; on a hit
 * fill w and, if e is not NULL, *e. */
static void ppc_lookup(const struct pt *pt, uint32_t va, struct pt_walk *w, struct pte *e)
{
    const struct htab *h = htab_of(pt);
    uint32_t sr = ppc_of(pt)->sr[va >> 28], vsid = sr & SR_VSID;
    struct pte hit;
    w->level = 2;
    w->raw = 0;
    w->raw_pa = pteg_pa(h, pteg_index(h, vsid, va, false));
    int n = pte_find(pt, vsid, va, &hit, 1);
    if (n <= 0) {
        w->status = n < 0 ? PTW_BAD_TABLE : PTW_FAULT_L2;   /* no PTE in either PTEG */
        return;
    }
    w->status = PTW_OK;
    w->raw = pte_raw(&hit);
    w->raw_pa = hit.pa;
    decode_words(hit.w0, hit.w1, sr, &w->d);
    w->pa = w->d.pa | (va & MMSIM_PAGE_MASK);
    if (e)
        *e = hit;
}

/* Walk va through the HTAB in RAM (no side effects). */
static void ppc_walk(const struct pt *pt, uint32_t va, struct pt_walk *w)
{
    ppc_lookup(pt, va, w, NULL);
}

/* Set R (and C for a write) in va's PTE, if it has one. */
static void ppc_touch(struct pt *pt, uint32_t va, bool write)
{
    struct pt_walk w;
    struct pte e;
    ppc_lookup(pt, va, &w, &e);
    if (w.status == PTW_OK)
        pte_set_rc(pt, &e, va, write);
}

/* Walk va and, when access is permitted, set R (and C for a write) in the
 * PTE; w shows the updated entry. */
static void ppc_fill(struct pt *pt, uint32_t va, unsigned access, struct pt_walk *w)
{
    struct pte e;
    ppc_lookup(pt, va, w, &e);
    if (w->status != PTW_OK || !access || (w->d.uprot & access) != access)
        return;
    pte_set_rc(pt, &e, va, access & PT_W);
    w->raw = pte_raw(&e);
    w->d.referenced = e.w1 & W1_R;
    w->d.changed = e.w1 & W1_C;
}

/* Print one valid PTE e of segment sr. */
static void dump_pte(const struct pte *e, unsigned sr, FILE *out)
{
    struct pt_decoded d;
    char bits[5], names[5], r[8];
    decode_words(e->w0, e->w1, SR_USER, &d);
    wimg_text(e->w1, bits, names);
    rights(&d, r);
    fprintf(out,
            "  PTEG 0x%03x slot %u %s ea=0x%08x raw=0x%08x_%08x VSID=0x%06x API=0x%02x "
            "RPN=0x%05x WIMG=%s (%s) PP=%u%u R=%u C=%u %s\n",
            e->pteg, (unsigned)(e->pa % PTEG_BYTES / PTE_BYTES),
            e->w0 & W0_H ? "secondary" : "primary", pte_ea(sr, e), e->w0, e->w1,
            w0_vsid(e->w0), e->w0 & W0_API, e->w1 >> 12, bits, names, e->w1 >> 1 & 1,
            e->w1 & 1, e->w1 >> 8 & 1, e->w1 >> 7 & 1, r);
}

/* Dump SDR1, the 16 segment registers and every valid PTE of pt's VSIDs
 * in HTAB order. */
static void ppc_dump(const struct pt *pt, FILE *out)
{
    const struct htab *h = htab_of(pt);
    const struct ppc_pt *p = ppc_of(pt);
    uint32_t npteg = h->size / PTEG_BYTES, count = 0;
    fprintf(out, "  HTAB org=0x%08llx size=0x%x (%u PTEGs) HTABMASK=0x%03x SDR1=0x%08llx\n",
            (unsigned long long)h->org, h->size, npteg, (npteg >> 10) - 1,
            (unsigned long long)(h->org | ((npteg >> 10) - 1)));
    for (unsigned i = 0; i < NSR; i++)
        fprintf(out, "  SR%-2u 0x%08x VSID=0x%06x Ks=%u Kp=%u N=%u\n", i, p->sr[i],
                p->sr[i] & SR_VSID, !!(p->sr[i] & SR_KS), !!(p->sr[i] & SR_KP),
                !!(p->sr[i] & SR_N));
    for (uint32_t idx = 0; idx < npteg; idx++)
        for (unsigned s = 0; s < PTEG_SLOTS; s++) {
            struct pte e;
            int sr;
            if (pte_read(pt, idx, s, &e) || !(e.w0 & W0_V) ||
                (sr = sr_index(p, w0_vsid(e.w0))) < 0)
                continue;
            dump_pte(&e, (unsigned)sr, out);
            count++;
        }
    fprintf(out, "  %u valid PTEs\n", count);
}

const struct pt_ops pt_ppc600_ops = {
    .name = "ppc600", .mmu_init = ppc_mmu_init, .mmu_fini = ppc_mmu_fini,
    .create = ppc_create, .destroy = ppc_destroy, .map = ppc_map, .unmap = ppc_unmap,
    .walk = ppc_walk, .touch = ppc_touch, .fill = ppc_fill,
    .check_special = ppc_check_special, .decode = ppc_decode, .describe = ppc_describe,
    .dump = ppc_dump,
};

/* ---------------------------------------------------------------- */
/* Queries for tests (pt_ppc600.h)                                  */

/* SDR1 of a ppc600 MMU.  0 or -EINVAL. */
int ppc600_htab(const struct mmu *m, paddr_t *org, uint32_t *size, uint32_t *htabmask)
{
    if (m->ops != &pt_ppc600_ops)
        return -EINVAL;
    const struct htab *h = m->arch;
    *org = h->org;
    *size = h->size;
    *htabmask = (h->size / PTEG_BYTES >> 10) - 1;
    return 0;
}

/* Segment register sr of a ppc600 table (0 otherwise). */
uint32_t ppc600_sr(const struct pt *pt, unsigned sr)
{
    return pt->m->ops == &pt_ppc600_ops && sr < NSR ? ppc_of(pt)->sr[sr] : 0;
}

/* Address of va's primary or secondary PTEG in a ppc600 table (0 otherwise). */
paddr_t ppc600_pteg(const struct pt *pt, uint32_t va, bool secondary)
{
    if (pt->m->ops != &pt_ppc600_ops)
        return 0;
    const struct htab *h = htab_of(pt);
    return pteg_pa(h, pteg_index(h, ppc_of(pt)->sr[va >> 28] & SR_VSID, va, secondary));
}
