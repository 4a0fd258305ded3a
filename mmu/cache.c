/*
 * cache.c - the data-cache model (see cache.h).
 *
 * Lines are kept in one array, set by set; each has its own data copy in
 * `data`.  Replacement is LRU by a global access counter, invalid ways
 * first, lowest way on ties, so the model is deterministic.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mmsim/cache.h"

struct line {
    paddr_t  la;          /* line address */
    uint64_t lru;         /* last use (global counter) */
    bool     valid, dirty;
    bool     coherent;    /* filled through a coherent mapping */
    bool     stale;       /* DMA changed memory under it (not snooped) */
    bool     clobbers;    /* dirty, and DMA wrote memory under it since */
};

struct cache {
    struct cache_geom   g;
    uint32_t            sets;
    uint32_t            line_shift;
    const struct phys  *ram;
    cache_event_fn      ev;
    void               *ctx;
    struct line        *lines;   /* sets * ways */
    uint8_t            *data;    /* size bytes, line i at i * line */
    uint64_t            clock;
    struct cache_stats  st;
};

struct cache_geom cache_default_geom(enum mmsim_cpu cpu)
{
    switch (cpu) {
    case CPU_ARMV5:  return (struct cache_geom){ 32768, 32, 32 }; /* PXA270 */
    case CPU_ARMV6:  return (struct cache_geom){ 16384, 4, 32 };  /* ARM1176 */
    case CPU_ARMV7:  return (struct cache_geom){ 32768, 4, 32 };  /* Cortex-A9 */
    case CPU_E500:   return (struct cache_geom){ 32768, 8, 32 };  /* e500v2 */
    default:         return (struct cache_geom){ 16384, 4, 32 };  /* G2 (603e) */
    }
}

static bool pow2(uint32_t v)
{
    return v && !(v & (v - 1));
}

int cache_geom_check(const struct cache_geom *g, const char **why)
{
    if (!pow2(g->size) || !pow2(g->ways) || !pow2(g->line)) {
        *why = "cache size, ways and line size must be powers of two";
        return -EINVAL;
    }
    if (g->line < 8 || g->line > MMSIM_PAGE_SIZE) {
        *why = "cache line size must be 8 to 4096 bytes";
        return -EINVAL;
    }
    if (g->size < (uint64_t)g->ways * g->line || g->size > (64u << 20)) {
        *why = "cache size must hold one line per way and be at most 64 MiB";
        return -EINVAL;
    }
    return 0;
}

struct cache_policy cache_policy_of(const struct pt_decoded *d)
{
    struct cache_policy p = {0};
    if (d->memtype != MT_NORMAL || d->inner == PC_NONCACHEABLE)
        return p;
    p.cacheable = true;
    p.write_through = d->inner == PC_WT;
    p.write_allocate = d->inner == PC_WB_WA;
    p.coherent = d->shareable || d->coherent;
    return p;
}

struct cache *cache_create(const struct cache_geom *g, const struct phys *ram,
                           cache_event_fn ev, void *ctx)
{
    const char *why;
    if (cache_geom_check(g, &why) != 0)
        return NULL;
    struct cache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->g = *g;
    c->sets = g->size / (g->ways * g->line);
    while ((1u << c->line_shift) < g->line)
        c->line_shift++;
    c->ram = ram;
    c->ev = ev;
    c->ctx = ctx;
    c->lines = calloc((size_t)c->sets * g->ways, sizeof *c->lines);
    c->data = calloc(1, g->size);
    if (!c->lines || !c->data) {
        cache_destroy(c);
        return NULL;
    }
    return c;
}

void cache_destroy(struct cache *c)
{
    if (!c)
        return;
    free(c->lines);
    free(c->data);
    free(c);
}

const struct cache_geom *cache_geom(const struct cache *c) { return &c->g; }
const struct cache_stats *cache_stats(const struct cache *c) { return &c->st; }

/* Index of line i's data. */
static uint8_t *line_data(const struct cache *c, const struct line *l)
{
    return c->data + (size_t)(l - c->lines) * c->g.line;
}

/* First line of the set that address la maps to. */
static struct line *set_of(const struct cache *c, paddr_t la)
{
    return &c->lines[((la >> c->line_shift) & (c->sets - 1)) * c->g.ways];
}

/* The present line holding la, or NULL. */
static struct line *lookup(const struct cache *c, paddr_t la)
{
    struct line *s = set_of(c, la);
    for (uint32_t w = 0; w < c->g.ways; w++)
        if (s[w].valid && s[w].la == la)
            return &s[w];
    return NULL;
}

static void event(struct cache *c, enum cache_event e, paddr_t la)
{
    if (c->ev)
        c->ev(c->ctx, e, la);
}

/* Write a dirty line back to RAM; a write-back over DMA data is reported.
 * Afterwards the line equals RAM, so it is no longer stale. */
static void write_back(struct cache *c, struct line *l)
{
    if (!l->valid || !l->dirty)
        return;
    if (l->clobbers)
        event(c, CE_CLOBBER, l->la);
    phys_write(c->ram, l->la, line_data(c, l), c->g.line);
    l->dirty = l->clobbers = l->stale = false;
    c->st.writebacks++;
}

/* Bring line la in from RAM, evicting the LRU way of its set. */
static struct line *fill(struct cache *c, paddr_t la, bool coherent)
{
    struct line *s = set_of(c, la), *v = &s[0];
    for (uint32_t w = 0; w < c->g.ways; w++) {
        if (!s[w].valid) {
            v = &s[w];
            break;
        }
        if (s[w].lru < v->lru)
            v = &s[w];
    }
    if (v->valid) {
        write_back(c, v);
        c->st.evictions++;
    }
    phys_read(c->ram, la, line_data(c, v), c->g.line);
    *v = (struct line){ .la = la, .valid = true, .coherent = coherent };
    c->st.fills++;
    return v;
}

static void touch(struct cache *c, struct line *l)
{
    l->lru = ++c->clock;
}

/* Split [pa, pa+n) at line boundaries: calls fn on each piece. */
#define FOR_EACH_PIECE(c, pa, n, la, off, len)                                     \
    for (uint64_t done_ = 0, la, off, len;                                         \
         done_ < (n) && (la = ((pa) + done_) & ~(uint64_t)((c)->g.line - 1),       \
                         off = (pa) + done_ - la,                                  \
                         len = (c)->g.line - off < (n) - done_ ? (c)->g.line - off \
                                                              : (n) - done_, 1);   \
         done_ += len)

/* A word or smaller inside one line: the common case, copied inline. */
static void copy_small(void *dst, const void *src, uint32_t n)
{
    switch (n) {
    case 4: memcpy(dst, src, 4); break;
    case 2: memcpy(dst, src, 2); break;
    case 1: memcpy(dst, src, 1); break;
    default: memcpy(dst, src, n); break;
    }
}

void cache_read(struct cache *c, paddr_t pa, void *buf, uint32_t n, const struct cache_policy *pol)
{
    if (!pol->cacheable) {
        phys_read(c->ram, pa, buf, n);
        return;
    }
    paddr_t la0 = pa & ~(paddr_t)(c->g.line - 1);
    struct line *hit;
    if (pa + n <= la0 + c->g.line && (hit = lookup(c, la0)) && !hit->stale) {
        c->st.hits++;                             /* fast path: a clean hit in one line */
        touch(c, hit);
        copy_small(buf, line_data(c, hit) + (pa - la0), n);
        return;
    }
    uint8_t *out = buf;
    FOR_EACH_PIECE(c, pa, n, la, off, len) {
        struct line *l = lookup(c, la);
        if (l) {
            c->st.hits++;
            if (l->stale)
                event(c, CE_STALE_HIT, la);
        } else {
            c->st.misses++;
            l = fill(c, la, pol->coherent);
        }
        touch(c, l);
        memcpy(out, line_data(c, l) + off, len);
        out += len;
    }
}

void cache_write(struct cache *c, paddr_t pa, const void *buf, uint32_t n, const struct cache_policy *pol)
{
    if (!pol->cacheable) {
        phys_write(c->ram, pa, buf, n);
        return;
    }
    paddr_t la0 = pa & ~(paddr_t)(c->g.line - 1);
    struct line *hit;
    if (!pol->write_through && pa + n <= la0 + c->g.line && (hit = lookup(c, la0)) && !hit->stale) {
        c->st.hits++;                             /* fast path: a write-back hit in one line */
        touch(c, hit);
        copy_small(line_data(c, hit) + (pa - la0), buf, n);
        hit->dirty = true;
        return;
    }
    const uint8_t *in = buf;
    FOR_EACH_PIECE(c, pa, n, la, off, len) {
        struct line *l = lookup(c, la);
        if (l) {
            c->st.hits++;
        } else {
            c->st.misses++;
            if (pol->write_allocate && !pol->write_through)
                l = fill(c, la, pol->coherent);
        }
        if (l) {
            touch(c, l);
            memcpy(line_data(c, l) + off, in, len);
        }
        if (!l || pol->write_through) {
            phys_write(c->ram, la + off, in, len);
        } else {
            /* Dirtying a line DMA wrote under: its write-back will put the
             * line's old bytes over the DMA data. */
            if (l->stale)
                l->clobbers = true;
            l->dirty = true;
        }
        in += len;
    }
}

void cache_prefetch(struct cache *c, paddr_t pa, const struct cache_policy *pol)
{
    paddr_t la = pa & ~(paddr_t)(c->g.line - 1);
    if (pol->cacheable && !lookup(c, la))
        touch(c, fill(c, la, pol->coherent));
}

void cache_zero_line(struct cache *c, paddr_t pa, const struct cache_policy *pol)
{
    paddr_t la = pa & ~(paddr_t)(c->g.line - 1);
    if (!pol->cacheable) {
        phys_zero(c->ram, la, c->g.line);
        return;
    }
    struct line *l = lookup(c, la);
    if (!l) {
        l = fill(c, la, pol->coherent);
        l->stale = false;
    }
    touch(c, l);
    memset(line_data(c, l), 0, c->g.line);
    if (pol->write_through)
        phys_zero(c->ram, la, c->g.line);
    else
        l->dirty = true;
    l->stale = false;
}

/* Apply fn to every present line overlapping [pa, pa+len). */
static void for_lines(struct cache *c, paddr_t pa, uint64_t len,
                      void (*fn)(struct cache *c, struct line *l))
{
    if (len == 0)
        return;
    paddr_t first = pa & ~(paddr_t)(c->g.line - 1);
    paddr_t last = (pa + len - 1) & ~(paddr_t)(c->g.line - 1);
    if ((last - first) / c->g.line >= (uint64_t)c->sets * c->g.ways) {
        /* Longer than the cache: visit every line once instead. */
        for (uint32_t i = 0; i < c->sets * c->g.ways; i++) {
            struct line *l = &c->lines[i];
            if (l->valid && l->la >= first && l->la <= last)
                fn(c, l);
        }
        return;
    }
    for (paddr_t la = first;; la += c->g.line) {
        struct line *l = lookup(c, la);
        if (l)
            fn(c, l);
        if (la == last)
            break;
    }
}

static void do_clean(struct cache *c, struct line *l)
{
    write_back(c, l);
}

static void do_invalidate(struct cache *c, struct line *l)
{
    (void)c;
    l->valid = l->dirty = l->stale = l->clobbers = false;
}

static void do_flush(struct cache *c, struct line *l)
{
    write_back(c, l);
    do_invalidate(c, l);
}

void cache_clean(struct cache *c, paddr_t pa, uint64_t len)      { for_lines(c, pa, len, do_clean); }
void cache_invalidate(struct cache *c, paddr_t pa, uint64_t len) { for_lines(c, pa, len, do_invalidate); }
void cache_flush(struct cache *c, paddr_t pa, uint64_t len)      { for_lines(c, pa, len, do_flush); }

void cache_preload(struct cache *c, paddr_t pa, uint64_t len, bool dirty, bool coherent)
{
    if (len == 0)
        return;
    paddr_t first = pa & ~(paddr_t)(c->g.line - 1);
    for (paddr_t la = first; la < pa + len; la += c->g.line) {
        struct line *l = lookup(c, la);
        if (!l)
            l = fill(c, la, coherent);
        touch(c, l);
        if (dirty)
            l->dirty = true;
    }
}

void cache_adopt_line(struct cache *c, paddr_t la, const void *data, bool dirty, bool coherent)
{
    struct line *l = lookup(c, la);
    if (!l)
        l = fill(c, la, coherent);
    touch(c, l);
    memcpy(line_data(c, l), data, c->g.line);
    l->dirty = dirty;
    l->stale = l->clobbers = false;
}

struct cache_range cache_range_state(const struct cache *c, paddr_t pa, uint64_t len)
{
    struct cache_range r = { false, true };
    if (len == 0)
        return r;
    for (paddr_t la = pa & ~(paddr_t)(c->g.line - 1); la < pa + len; la += c->g.line) {
        const struct line *l = lookup(c, la);
        if (!l)
            continue;
        r.present = true;
        if (l->dirty || l->stale)
            r.agrees = false;
    }
    return r;
}

/* Bytes of [pa, pa+n) that fall in line l: *off in the line, *boff in the buffer. */
static uint64_t overlap(const struct cache *c, const struct line *l, paddr_t pa, uint64_t n,
                        uint64_t *off, uint64_t *boff)
{
    paddr_t lo = l->la > pa ? l->la : pa;
    paddr_t hi = l->la + c->g.line < pa + n ? l->la + c->g.line : pa + n;
    *off = lo - l->la;
    *boff = lo - pa;
    return hi - lo;
}

void cache_dma_read(struct cache *c, paddr_t pa, void *buf, uint64_t n, bool snoop)
{
    phys_read(c->ram, pa, buf, n);
    if (n == 0)
        return;
    for (uint32_t i = 0; i < c->sets * c->g.ways; i++) {
        struct line *l = &c->lines[i];
        if (!l->valid || !l->dirty || l->la + c->g.line <= pa || l->la >= pa + n)
            continue;
        if (snoop && l->coherent) {
            uint64_t off, boff, k = overlap(c, l, pa, n, &off, &boff);
            memcpy((uint8_t *)buf + boff, line_data(c, l) + off, k);
        } else {
            event(c, CE_LOST_WRITE, l->la);
        }
    }
}

void cache_dma_write(struct cache *c, paddr_t pa, const void *buf, uint64_t n, bool snoop)
{
    phys_write(c->ram, pa, buf, n);
    if (n == 0)
        return;
    for (uint32_t i = 0; i < c->sets * c->g.ways; i++) {
        struct line *l = &c->lines[i];
        if (!l->valid || l->la + c->g.line <= pa || l->la >= pa + n)
            continue;
        if (snoop && l->coherent) {
            uint64_t off, boff, k = overlap(c, l, pa, n, &off, &boff);
            memcpy(line_data(c, l) + off, (const uint8_t *)buf + boff, k);
        } else {
            l->stale = true;
            if (l->dirty)
                l->clobbers = true;
        }
    }
}

uint32_t cache_lines_present(const struct cache *c, paddr_t pa, uint64_t len, bool dirty_only)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < c->sets * c->g.ways; i++) {
        const struct line *l = &c->lines[i];
        if (l->valid && (!dirty_only || l->dirty) && l->la + c->g.line > pa && l->la < pa + len)
            k++;
    }
    return k;
}
