/*
 * checker.c - the cache and guard checker (see checker.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mmsim/devices.h"
#include "mmsim/kcall.h"
#include "checker.h"
#include "devices.h"
#include "trace.h"

/* Per-frame state of RAM, one byte each.  A watched frame is either on
 * the fast path (FR_SLOW clear: mapped straight to RAM, which then holds
 * the CPU's view; the memory-side copy of a written page is kept in
 * `snap`) or on the slow path (FR_SLOW: every access through the cache
 * model, RAM is memory).  In --cache-model full, watched frames are always
 * on the slow path. */
#define FR_WATCHED  1u
#define FR_READ     2u   /* accessed since its last clean/invalidate (fast path: since it went fast) */
#define FR_WRITTEN  4u   /* written since then */
#define FR_SLOW     8u   /* on the slow path */
#define FR_PINNED  16u   /* stays on the slow path (mapped with two cache policies) */
#define FR_COHERENT 32u  /* last touched on the fast path through a coherent mapping */

/* How many mappings of one frame are cacheable and how many are not. */
struct mapcount {
    uint64_t frame;      /* frame number + 1; 0 = empty slot */
    uint32_t cached, uncached;
    bool     reported;
};

/* One (class, key) already reported, with its repeat count. */
struct seen {
    enum check_class k;
    uint64_t key;
    uint64_t repeats;
};

#define RECENT_DMA 8

struct checker {
    struct sim      *s;
    struct cache    *cache;
    uint8_t         *frame;      /* FR_* per RAM frame */
    uint8_t        **snap;       /* per frame: memory-side copy of a written fast-path page */
    uint64_t         nframes;
    bool             routing;    /* a device or a slow-path page was ever routed */
    uint64_t         epoch;      /* bumped when pages start being watched */
    struct mapcount *mc;
    size_t           mc_cap, mc_used;
    struct seen     *seen;
    size_t           nseen, capseen;
    uint64_t         per_class[CK_COUNT];
    uint64_t         repeats;
    /* What the cache model is doing when it raises an event. */
    struct proc     *ctx_p;
    const struct route *ctx_r;
    paddr_t          ctx_pa;
    const struct dma_xfer *ctx_dma;
    struct dma_xfer  recent[RECENT_DMA];   /* last transfers, newest at [0] */
    int              nrecent;
};

static const char *const class_names[CK_COUNT] = {
    "stale-read", "lost-write", "clobbered-dma", "mismatched-attributes",
    "speculative-side-effect", "guarded-fetch", "xn-fetch",
};

const char *check_class_name(enum check_class k)
{
    return k < CK_COUNT ? class_names[k] : "?";
}

/* ---- reports ------------------------------------------------------------ */

/* True (and counts a repeat) if (k, key) was reported before. */
static bool already_seen(struct checker *c, enum check_class k, uint64_t key)
{
    for (size_t i = 0; i < c->nseen; i++)
        if (c->seen[i].k == k && c->seen[i].key == key) {
            c->seen[i].repeats++;
            c->repeats++;
            return true;
        }
    if (c->nseen == c->capseen) {
        size_t cap = c->capseen ? 2 * c->capseen : 16;
        struct seen *n = realloc(c->seen, cap * sizeof *n);
        if (!n)
            return false;
        c->seen = n;
        c->capseen = cap;
    }
    c->seen[c->nseen++] = (struct seen){ k, key, 0 };
    return false;
}

/* Short words for a decoded PTE: "normal WB-WA shareable speculative". */
static void attr_words(const struct pt_decoded *d, char *buf, size_t n)
{
    bool spec = d->speculative;
    snprintf(buf, n, "%s%s%s%s%s%s%s%s%s", pt_memtype_name(d->memtype),
             d->memtype == MT_NORMAL ? " " : "",
             d->memtype == MT_NORMAL ? pt_cache_name(d->inner) : "",
             d->shareable ? " shareable" : "", d->coherent ? " coherent" : "",
             d->guarded ? " guarded" : "", spec ? " speculative" : "",
             d->xn ? " xn" : "", d->little_endian ? " little-endian" : "");
}

/* What a report says. */
struct report {
    enum check_class  k;
    uint64_t          key;        /* dedup key besides the class */
    struct proc      *p;
    uint32_t          pc;
    bool              has_va;
    uint32_t          va;
    paddr_t           pa;
    const struct pt_decoded *d;   /* NULL if no mapping is involved */
    const struct dma_xfer   *x;   /* NULL if no transfer is involved */
    const char       *why, *fix;
};

/* The DMA transfer in words. */
static void dma_words(const struct dma_xfer *x, char *buf, size_t n)
{
    bool fill = x->ctrl & MMSIM_DMA_FILL;
    snprintf(buf, n, "#%u %s0x%08" PRIx32 " -> 0x%08" PRIx32 " len %" PRIu32 "%s, started at pc 0x%08" PRIx32,
             x->id, fill ? "fill " : "", fill ? x->pattern : x->src, x->dst, x->len,
             x->ctrl & MMSIM_DMA_SNOOP ? " snoop" : " no-snoop", x->start_pc);
}

/* Stop the run after a report under --check=error. */
static void stop_run(struct proc *p)
{
    if (!p || p->state != PROC_RUNNING)
        return;
    p->state = PROC_EXITED;
    p->exit_status = 3;
    uc_emu_stop(p->sim->uc);
}

/* Emit one report (once per class and key). */
static void report(struct checker *c, const struct report *r)
{
    struct sim *s = c->s;
    c->per_class[r->k]++;
    if (already_seen(c, r->k, r->key))
        return;
    char insn[96] = "", attrs[128] = "", dma[160] = "";
    if (r->p)
        report_disasm(r->p, r->pc, insn, sizeof insn);
    if (r->d)
        attr_words(r->d, attrs, sizeof attrs);
    if (r->x)
        dma_words(r->x, dma, sizeof dma);
    fflush(s->out);
    uint32_t caller = 0;
    if (r->p && r->p->in_kcall) {
        uc_reg_read(r->p->sim->uc, s->arch->reg_lr, &caller);
        caller -= 4;
    }
    fprintf(s->err, "mmsim: check: %s pid %u pc 0x%08" PRIx32 " \"%s\"", check_class_name(r->k),
            r->p ? r->p->pid : 0, r->pc, insn);
    if (caller)
        fprintf(s->err, " (kernel call from 0x%08" PRIx32 ")", caller);
    if (r->has_va)
        fprintf(s->err, " va 0x%08" PRIx32, r->va);
    fprintf(s->err, " pa 0x%08" PRIx64, r->pa);
    if (r->d)
        fprintf(s->err, " [%s]", attrs);
    if (r->x)
        fprintf(s->err, " dma %s", dma);
    fprintf(s->err, ": %s. Fix: %s\n", r->why, r->fix);
    fflush(s->err);

    struct trace *t = s->trace;
    trace_begin(t, "check");
    trace_str(t, "class", check_class_name(r->k));
    trace_uint(t, "pid", r->p ? r->p->pid : 0);
    trace_hex(t, "pc", r->pc);
    trace_str(t, "insn", insn);
    if (caller)
        trace_hex(t, "caller", caller);
    if (r->has_va)
        trace_hex(t, "va", r->va);
    trace_hex(t, "pa", r->pa);
    if (r->d)
        trace_str(t, "attrs", attrs);
    if (r->x) {
        trace_obj_begin(t, "dma");
        trace_uint(t, "id", r->x->id);
        trace_hex(t, "src", r->x->src);
        trace_hex(t, "dst", r->x->dst);
        trace_hex(t, "len", r->x->len);
        trace_hex(t, "ctrl", r->x->ctrl);
        trace_hex(t, "start_pc", r->x->start_pc);
        trace_obj_end(t);
    }
    trace_str(t, "why", r->why);
    trace_str(t, "fix", r->fix);
    trace_end(t);
    if (s->o.check_error)
        stop_run(r->p);
}

bool checker_reported(const struct sim *s)
{
    return s->chk && s->chk->nseen > 0;
}

void checker_summary(struct sim *s)
{
    struct checker *c = s->chk;
    if (!c || c->nseen == 0)
        return;
    fprintf(s->err, "mmsim: check: %zu report%s; occurrences:", c->nseen, c->nseen == 1 ? "" : "s");
    for (int k = 0; k < CK_COUNT; k++)
        if (c->per_class[k])
            fprintf(s->err, " %s %" PRIu64, class_names[k], c->per_class[k]);
    fprintf(s->err, "%s\n", s->o.check_error ? "; run stopped by --check=error" : "");
}

/* ---- frames, watching ------------------------------------------------- */

static uint8_t *frame_state(struct checker *c, paddr_t pa)
{
    uint64_t f = pa >> MMSIM_PAGE_SHIFT;
    return f < c->nframes && phys_kind(&c->s->phys, pa, 1) == PHYS_RAM ? &c->frame[f] : NULL;
}

/* Start watching the RAM frame at pa.  In --cache-model full it goes
 * through the model from now on; otherwise it stays on the fast path until
 * something can change a verdict (go_slow). */
static void watch_frame(struct checker *c, paddr_t pa)
{
    uint8_t *st = frame_state(c, pa);
    if (!st || (*st & FR_WATCHED))
        return;
    *st |= FR_WATCHED;
    if (c->s->o.cache_full) {
        *st |= FR_SLOW;
        c->routing = true;
        c->epoch++;
    }
}

/* First CPU (or kernel) write to a fast-path watched frame since it was
 * last clean: keep what memory holds, for the lines the CPU will change. */
static void snap_take(struct checker *c, paddr_t pa)
{
    uint64_t f = pa >> MMSIM_PAGE_SHIFT;
    if (!c->snap && !(c->snap = calloc(c->nframes, sizeof *c->snap)))
        return;
    if (!c->snap[f] && !(c->snap[f] = malloc(MMSIM_PAGE_SIZE)))
        return;
    phys_read(&c->s->phys, pa & ~(paddr_t)MMSIM_PAGE_MASK, c->snap[f], MMSIM_PAGE_SIZE);
}

/* The memory-side copy of frame pa, or NULL. */
static uint8_t *snap_of(const struct checker *c, paddr_t pa)
{
    return c->snap ? c->snap[pa >> MMSIM_PAGE_SHIFT] : NULL;
}

static void snap_drop(struct checker *c, paddr_t pa)
{
    if (c->snap) {
        free(c->snap[pa >> MMSIM_PAGE_SHIFT]);
        c->snap[pa >> MMSIM_PAGE_SHIFT] = NULL;
    }
}

/* A CPU or kernel access to a fast-path watched frame through a mapping
 * with policy pol: note what the cache may now hold.  Only a write-back
 * mapping leaves lines dirty; the first such write since the last clean
 * keeps the memory-side copy.  A non-cacheable access leaves nothing. */
static void fast_access(struct checker *c, uint8_t *st, paddr_t pa, bool write,
                        const struct cache_policy *pol)
{
    if (!pol->cacheable)
        return;
    *st = (uint8_t)((*st & ~FR_COHERENT) | (pol->coherent ? FR_COHERENT : 0));
    if (!write || pol->write_through) {
        *st |= FR_READ;
        return;
    }
    if (!(*st & FR_WRITTEN))
        snap_take(c, pa);
    *st |= FR_READ | FR_WRITTEN;
}

/* Whether frame state st is watched and on the fast path. */
static bool fast_watched(const struct checker *c, uint8_t st)
{
    return (st & (FR_WATCHED | FR_SLOW)) == FR_WATCHED && !c->s->o.cache_full;
}

/* Move watched frame pa onto the slow path: the cache model takes over the
 * CPU's view.  Lines a written page changed are dirty (RAM gets the memory
 * side back); a page touched on the fast path has every line present (the
 * model did not see which ones the CPU used); a page written before it was
 * watched has every line possibly dirty. */
static void go_slow(struct checker *c, paddr_t pa)
{
    uint8_t *st = frame_state(c, pa);
    if (!st || (*st & FR_SLOW))
        return;
    paddr_t base = pa & ~(paddr_t)MMSIM_PAGE_MASK;
    bool coherent = *st & FR_COHERENT;
    uint8_t *mem = snap_of(c, base);
    if ((*st & FR_WRITTEN) && mem) {
        uint32_t line = cache_geom(c->cache)->line;
        uint8_t cpu[256];
        for (uint32_t off = 0; off < MMSIM_PAGE_SIZE; off += line) {
            phys_read(&c->s->phys, base + off, cpu, line);
            phys_write(&c->s->phys, base + off, mem + off, line);
            cache_adopt_line(c->cache, base + off, cpu, memcmp(cpu, mem + off, line) != 0, coherent);
        }
        snap_drop(c, base);
    } else if (*st & (FR_READ | FR_WRITTEN)) {
        cache_preload(c->cache, base, MMSIM_PAGE_SIZE, (*st & FR_WRITTEN) != 0, coherent);
    }
    *st |= FR_SLOW;
    c->routing = true;
    c->epoch++;
}

/* Back onto the fast path once the model and memory agree on the frame
 * (after maintenance, or a DMA that found nothing to disagree about). */
static void try_fast(struct checker *c, paddr_t pa)
{
    uint8_t *st = frame_state(c, pa);
    if (!st || !(*st & FR_SLOW) || (*st & FR_PINNED) || c->s->o.cache_full)
        return;
    if (!cache_range_state(c->cache, pa & ~(paddr_t)MMSIM_PAGE_MASK, MMSIM_PAGE_SIZE).agrees)
        return;
    *st &= (uint8_t)~(FR_SLOW | FR_READ | FR_WRITTEN);
    c->epoch++;                 /* re-fill: entries point at RAM again, touches are seen */
}

/* A DMA transfer reaches frame pa: on the slow path if the cache may hold
 * its lines (or the CPU dirtied it); otherwise it can stay where it is. */
static void dma_reach_frame(struct checker *c, paddr_t pa)
{
    uint8_t *st = frame_state(c, pa);
    if (!st || (*st & FR_SLOW))
        return;
    if ((*st & (FR_READ | FR_WRITTEN)) ||
        cache_range_state(c->cache, pa & ~(paddr_t)MMSIM_PAGE_MASK, MMSIM_PAGE_SIZE).present)
        go_slow(c, pa);
}

static void watch_range(struct checker *c, paddr_t pa, uint64_t len)
{
    if (len == 0)
        return;
    paddr_t end = pa + len;
    for (paddr_t f = pa & ~(paddr_t)MMSIM_PAGE_MASK; f < end; f += MMSIM_PAGE_SIZE)
        watch_frame(c, f);
}

void checker_reveal(struct sim *s, paddr_t pa, uint64_t len, const struct pt_decoded *d)
{
    struct checker *c = s->chk;
    (void)d;              /* a line's coherence comes from the mapping that touches it */
    if (phys_kind(&s->phys, pa, 1) == PHYS_DEVICE) {
        c->routing = true;
        return;
    }
    watch_range(c, pa, len);
}

void checker_dma_reach(struct sim *s, paddr_t pa, uint64_t len)
{
    struct checker *c = s->chk;
    watch_range(c, pa, len);
    if (len == 0 || c->s->o.cache_full)
        return;
    for (paddr_t f = pa & ~(paddr_t)MMSIM_PAGE_MASK; f < pa + len; f += MMSIM_PAGE_SIZE)
        dma_reach_frame(c, f);
}

/* After a transfer: frames it left in agreement go back to the fast path. */
static void dma_done(struct checker *c, paddr_t pa, uint64_t len)
{
    for (paddr_t f = pa & ~(paddr_t)MMSIM_PAGE_MASK; len && f < pa + len; f += MMSIM_PAGE_SIZE)
        try_fast(c, f);
}

/* True if the model must see data accesses to this RAM frame: watched
 * pages, and in --cache-model full every cacheable page except code
 * (executable and not writable: ARMv5 and PPC 600 pages are executable
 * whenever readable, so writability is what tells data from code). */
static bool modelled(const struct checker *c, uint8_t st, const struct pt_decoded *d)
{
    if (st & FR_SLOW)
        return true;
    bool code = (d->uprot & PT_X) && !(d->uprot & PT_W);
    return c->s->o.cache_full && !code && cache_policy_of(d).cacheable;
}

/* --cache-model full: a page the model saw as data (the loader writes
 * code through a writable mapping) is now accessed directly, e.g. as
 * code after mprotect: make memory current, as the OS does. */
static void direct_sync(struct checker *c, paddr_t pa)
{
    if (c->s->o.cache_full)
        cache_flush(c->cache, pa & ~(paddr_t)MMSIM_PAGE_MASK, MMSIM_PAGE_SIZE);
}

unsigned checker_route(struct sim *s, paddr_t pa, const struct pt_decoded *d, unsigned access)
{
    struct checker *c = s->chk;
    if (devices_claim(s, pa))
        return ROUTE_DEVICE;
    uint8_t *st = frame_state(c, pa);
    if (!st)
        return 0;
    struct cache_policy pol = cache_policy_of(d);
    if (fast_watched(c, *st))
        fast_access(c, st, pa, access == PT_W, &pol);
    else if (pol.cacheable)
        *st = (uint8_t)((*st & ~FR_COHERENT) | (pol.coherent ? FR_COHERENT : 0) |
                        (access == PT_W ? FR_READ | FR_WRITTEN : FR_READ));
    else
        *st |= access == PT_W ? FR_READ | FR_WRITTEN : FR_READ;
    if (modelled(c, *st, d))
        return ROUTE_MODEL;
    direct_sync(c, pa);
    return 0;
}

/* ---- data path ---------------------------------------------------------- */

static void set_ctx(struct checker *c, struct proc *p, const struct route *r, paddr_t pa)
{
    c->ctx_p = p;
    c->ctx_r = r;
    c->ctx_pa = pa;
}

/* Next-line read-ahead of a speculative load at pa (same page only). */
static void read_ahead(struct proc *p, const struct route *r, paddr_t pa)
{
    struct checker *c = p->sim->chk;
    uint32_t line = cache_geom(c->cache)->line;
    paddr_t next = (pa & ~(paddr_t)(line - 1)) + line;
    if ((next & ~(paddr_t)MMSIM_PAGE_MASK) != (pa & ~(paddr_t)MMSIM_PAGE_MASK))
        return;
    if (r->bits & ROUTE_MODEL) {
        cache_prefetch(c->cache, next, &r->pol);
        return;
    }
    bool told = false;
    for (paddr_t a = next; a < next + line; a += 4) {
        uint8_t b[4];
        if (devices_read(p, a, b, 4, true) && !told) {
            told = true;
            report(c, &(struct report){
                .k = CK_SPECULATIVE_SIDE_EFFECT, .key = a & ~(paddr_t)MMSIM_PAGE_MASK,
                .p = p, .pc = proc_pc(p),
                .has_va = true, .va = r->va_page + (uint32_t)(a & MMSIM_PAGE_MASK), .pa = a, .d = &r->d,
                .why = "this load is allowed to be speculative, so the CPU read ahead into the next "
                       "line and popped a FIFO word the program never sees",
                .fix = "map device registers with PROT_NOCACHE (device/strongly-ordered memory, "
                       "or PPC G=1) so the CPU never reads them speculatively" });
        }
    }
}

void checker_load(struct proc *p, const struct route *r, paddr_t pa, uint8_t *b, unsigned n)
{
    struct checker *c = p->sim->chk;
    if (r->bits & ROUTE_DEVICE)
        devices_read(p, pa, b, n, false);
    else {
        set_ctx(c, p, r, pa);
        cache_read(c->cache, pa, b, n, &r->pol);
        set_ctx(c, NULL, NULL, 0);
    }
    if (r->speculative)
        read_ahead(p, r, pa);
}

void checker_store(struct proc *p, const struct route *r, paddr_t pa, const uint8_t *b, unsigned n)
{
    struct checker *c = p->sim->chk;
    if (r->bits & ROUTE_DEVICE) {
        devices_write(p, pa, b, n);
        return;
    }
    set_ctx(c, p, r, pa);
    cache_write(c->cache, pa, b, n, &r->pol);
    set_ctx(c, NULL, NULL, 0);
}

/* Kernel access: through the model when the guest's own access would be. */
static bool kernel_modelled(struct checker *c, const struct pt_decoded *d, paddr_t pa)
{
    uint8_t *st = frame_state(c, pa);
    return st && modelled(c, *st, d);
}

/* A kernel read (write: false) or write of n bytes at pa. */
static int kaccess(struct sim *s, const struct pt_decoded *d, paddr_t pa, void *b, uint32_t n,
                   bool write)
{
    struct checker *c = s->chk;
    if (!kernel_modelled(c, d, pa)) {
        uint8_t *st = frame_state(c, pa);
        struct cache_policy pol = cache_policy_of(d);
        if (st && fast_watched(c, *st))
            fast_access(c, st, pa, write, &pol);
        direct_sync(c, pa);
        return write ? phys_write(&s->phys, pa, b, n) : phys_read(&s->phys, pa, b, n);
    }
    struct cache_policy pol = cache_policy_of(d);
    if (write)
        cache_write(c->cache, pa, b, n, &pol);
    else
        cache_read(c->cache, pa, b, n, &pol);
    return 0;
}

int checker_kread(struct sim *s, const struct pt_decoded *d, paddr_t pa, void *b, uint32_t n)
{
    return kaccess(s, d, pa, b, n, false);
}

int checker_kwrite(struct sim *s, const struct pt_decoded *d, paddr_t pa, const void *b, uint32_t n)
{
    return kaccess(s, d, pa, (void *)b, n, true);
}

/* The most recent transfer that wrote the line at la. */
static const struct dma_xfer *dma_writing(const struct checker *c, paddr_t la)
{
    for (int i = 0; i < c->nrecent; i++) {
        const struct dma_xfer *x = &c->recent[i];
        if (la + cache_geom(c->cache)->line > x->dst && la < (paddr_t)x->dst + x->len)
            return x;
    }
    return NULL;
}

/* Cache model hazard -> report, with the context of the access. */
static void on_cache_event(void *ctx, enum cache_event ev, paddr_t la)
{
    struct checker *c = ctx;
    struct proc *p = c->ctx_p ? c->ctx_p : c->s->cur;
    const struct route *r = c->ctx_r;
    struct report rep = { .p = p, .pc = p ? proc_pc(p) : 0, .pa = la, .d = r ? &r->d : NULL };
    if (r && (la & ~(paddr_t)MMSIM_PAGE_MASK) == (c->ctx_pa & ~(paddr_t)MMSIM_PAGE_MASK)) {
        rep.has_va = true;
        rep.va = r->va_page + (uint32_t)(la & MMSIM_PAGE_MASK);
    }
    switch (ev) {
    case CE_STALE_HIT:
        rep.k = CK_STALE_READ;
        rep.x = dma_writing(c, la);
        rep.pa = c->ctx_pa;
        rep.why = "the CPU read a cache line that a DMA transfer had changed in memory behind "
                  "the cache, and got the old data";
        rep.fix = "invalidate the buffer (msync MS_INVALIDATE or CACHE_INVAL) after the DMA "
                  "completes and before the CPU reads it, or map it non-cacheable or coherent";
        break;
    case CE_LOST_WRITE:
        rep.k = CK_LOST_WRITE;
        rep.x = c->ctx_dma;
        if (rep.x)
            rep.pc = rep.x->start_pc;
        rep.why = "a DMA transfer read memory while the CPU's newer data for this line was "
                  "still only in the cache, so the device got the old bytes";
        rep.fix = "clean the buffer (msync MS_SYNC or CACHE_FLUSH) before starting a DMA that "
                  "reads it, or map it non-cacheable or coherent and use SNOOP";
        break;
    case CE_CLOBBER:
        rep.k = CK_CLOBBERED_DMA;
        rep.x = dma_writing(c, la);
        rep.why = "a dirty cache line was written back over data a DMA transfer had put in "
                  "memory, destroying it";
        rep.fix = "clean or invalidate the buffer before starting a DMA that writes it, and "
                  "do not write to it while the transfer runs";
        break;
    }
    rep.key = (uint64_t)rep.pc << 32 | (rep.x ? rep.x->id : 0);
    report(c, &rep);
}

/* ---- DMA ---------------------------------------------------------------- */

static bool all_ram(const struct sim *s, paddr_t pa, uint64_t len)
{
    return len == 0 || phys_kind(&s->phys, pa, len) == PHYS_RAM;
}

bool checker_dma(struct sim *s, const struct dma_xfer *x)
{
    struct checker *c = s->chk;
    bool fill = x->ctrl & MMSIM_DMA_FILL, snoop = x->ctrl & MMSIM_DMA_SNOOP;
    bool ok = all_ram(s, x->dst, x->len) && (fill || all_ram(s, x->src, x->len));
    struct trace *t = s->trace;
    trace_begin(t, "dma");
    trace_uint(t, "id", x->id);
    trace_uint(t, "pid", x->start_pid);
    trace_str(t, "op", fill ? "fill" : "copy");
    trace_hex(t, "src", fill ? x->pattern : x->src);
    trace_hex(t, "dst", x->dst);
    trace_hex(t, "len", x->len);
    trace_bool(t, "snoop", snoop);
    trace_bool(t, "ok", ok);
    trace_end(t);
    if (!ok)
        return false;
    uint8_t *buf = malloc(x->len ? x->len : 1);
    if (!buf)
        return false;
    if (!fill)
        checker_dma_reach(s, x->src, x->len);
    checker_dma_reach(s, x->dst, x->len);
    c->ctx_dma = x;
    if (fill) {
        uint8_t w[4];
        for (int i = 0; i < 4; i++)
            w[i] = (uint8_t)(x->pattern >> (s->arch->big_endian ? 24 - 8 * i : 8 * i));
        for (uint32_t i = 0; i < x->len; i++)
            buf[i] = w[(x->dst + i) & 3];
    } else {
        cache_dma_read(c->cache, x->src, buf, x->len, snoop);
    }
    memmove(&c->recent[1], &c->recent[0], (RECENT_DMA - 1) * sizeof c->recent[0]);
    c->recent[0] = *x;
    if (c->nrecent < RECENT_DMA)
        c->nrecent++;
    cache_dma_write(c->cache, x->dst, buf, x->len, snoop);
    c->ctx_dma = NULL;
    free(buf);
    if (!s->o.cache_full) {
        if (!fill)
            dma_done(c, x->src, x->len);
        dma_done(c, x->dst, x->len);
    }
    return true;
}

/* ---- maintenance ------------------------------------------------------ */

/* Apply cache op to the physical range and reset write tracking. */
static void cache_op_phys(struct checker *c, paddr_t pa, uint32_t n, unsigned op)
{
    uint8_t *st = frame_state(c, pa);
    bool watched = st && (*st & FR_WATCHED) && !c->s->o.cache_full;
    if (watched && (*st & (FR_READ | FR_WRITTEN)))
        go_slow(c, pa);           /* apply it to the CPU's view, then see */
    if (op == KC_CACHE_CLEAN)
        cache_clean(c->cache, pa, n);
    else if (op == KC_CACHE_INVAL)
        cache_invalidate(c->cache, pa, n);
    else
        cache_flush(c->cache, pa, n);
    if (watched) {
        try_fast(c, pa);
    } else if (st && !(*st & FR_WATCHED) && (*st & FR_WRITTEN)) {
        /* The page is clean now: see its next store again. */
        *st &= (uint8_t)~(op == KC_CACHE_CLEAN ? FR_WRITTEN : FR_READ | FR_WRITTEN);
        c->epoch++;
    }
}

int checker_cache_op(struct proc *p, uint32_t va, uint32_t len, unsigned op)
{
    struct checker *c = p->sim->chk;
    if (op < KC_CACHE_CLEAN || op > KC_CACHE_FLUSH)
        return -EINVAL;
    if (len && (uint64_t)va + len - 1 > UINT32_MAX)
        return -EFAULT;
    struct pt *pt = mm_proc_pt(p->mm);
    while (len) {
        uint32_t n = MMSIM_PAGE_SIZE - (va & MMSIM_PAGE_MASK);
        if (n > len)
            n = len;
        struct pt_walk w;
        pt_walk(pt, va, &w);
        if (w.status != PTW_OK)
            return -EFAULT;
        if (phys_kind(&p->sim->phys, w.pa, 1) == PHYS_RAM)
            cache_op_phys(c, w.pa, n, op);
        va += n;
        len -= n;
    }
    return 0;
}

/* msync's hook: MS_INVALIDATE alone invalidates, with MS_SYNC/MS_ASYNC it
 * flushes; MS_SYNC/MS_ASYNC alone clean.  Pages not resident are skipped. */
static void on_msync(void *ctx, struct mm_proc *mp, uint32_t va, uint32_t len, int flags)
{
    struct checker *c = ctx;
    struct pt *pt = mm_proc_pt(mp);
    bool inval = flags & MM_MS_INVALIDATE, sync = flags & (MM_MS_SYNC | MM_MS_ASYNC);
    unsigned op = inval && sync ? KC_CACHE_FLUSH : inval ? KC_CACHE_INVAL : KC_CACHE_CLEAN;
    uint64_t end = (uint64_t)va + len;
    for (uint64_t v = va; v < end; v = (v & ~(uint64_t)MMSIM_PAGE_MASK) + MMSIM_PAGE_SIZE) {
        struct pt_walk w;
        pt_walk(pt, (uint32_t)v, &w);
        uint64_t n = ((v & ~(uint64_t)MMSIM_PAGE_MASK) + MMSIM_PAGE_SIZE < end ?
                      (v & ~(uint64_t)MMSIM_PAGE_MASK) + MMSIM_PAGE_SIZE : end) - v;
        if (w.status == PTW_OK && phys_kind(&c->s->phys, w.pa, 1) == PHYS_RAM)
            cache_op_phys(c, w.pa, (uint32_t)n, op);
    }
}

/* The memory manager is about to read or write frame contents itself
 * (zero-fill, copy-on-write copy): make RAM current and drop the lines,
 * as a cache-coherent kernel copy would. */
static void on_kmem(void *ctx, paddr_t pa, uint64_t len)
{
    struct checker *c = ctx;
    for (paddr_t f = pa & ~(paddr_t)MMSIM_PAGE_MASK; len && f < pa + len; f += MMSIM_PAGE_SIZE) {
        uint8_t *st = frame_state(c, f);
        if (st && (*st & (FR_WATCHED | FR_SLOW)) == FR_WATCHED && (*st & (FR_READ | FR_WRITTEN))) {
            snap_drop(c, f);      /* RAM holds the CPU's view: what the copy sees */
            *st &= (uint8_t)~(FR_READ | FR_WRITTEN);
            c->epoch++;
        }
    }
    cache_flush(c->cache, pa, len);
    if (!c->s->o.cache_full)
        for (paddr_t f = pa & ~(paddr_t)MMSIM_PAGE_MASK; len && f < pa + len; f += MMSIM_PAGE_SIZE)
            try_fast(c, f);
}

/* ---- PTE writes, fetches, kernel calls ------------------------------------ */

static struct mapcount *mc_find(struct checker *c, uint64_t frame, bool add)
{
    if (add && (c->mc_used + 1) * 2 > c->mc_cap) {
        size_t cap = c->mc_cap ? 2 * c->mc_cap : 256;
        struct mapcount *n = calloc(cap, sizeof *n);
        if (!n)
            return NULL;
        for (size_t i = 0; i < c->mc_cap; i++)
            if (c->mc[i].frame) {
                size_t j = (size_t)(c->mc[i].frame * 2654435761u) & (cap - 1);
                while (n[j].frame)
                    j = (j + 1) & (cap - 1);
                n[j] = c->mc[i];
            }
        free(c->mc);
        c->mc = n;
        c->mc_cap = cap;
    }
    if (!c->mc_cap)
        return NULL;
    size_t j = (size_t)((frame + 1) * 2654435761u) & (c->mc_cap - 1);
    while (c->mc[j].frame && c->mc[j].frame != frame + 1)
        j = (j + 1) & (c->mc_cap - 1);
    if (!c->mc[j].frame) {
        if (!add)
            return NULL;
        c->mc[j].frame = frame + 1;
        c->mc_used++;
    }
    return &c->mc[j];
}

void checker_pte_written(struct sim *s, uint64_t old_raw, uint64_t new_raw)
{
    struct checker *c = s->chk;
    if (!c)
        return;
    struct pt_decoded o, n;
    pt_decode(s->o.cpu, old_raw, &o);
    pt_decode(s->o.cpu, new_raw, &n);
    if (o.valid && n.valid && o.pa == n.pa &&
        cache_policy_of(&o).cacheable == cache_policy_of(&n).cacheable)
        return;                                  /* R/C or permission change */
    struct mapcount *m;
    if (o.valid && (m = mc_find(c, o.pa >> MMSIM_PAGE_SHIFT, false))) {
        if (cache_policy_of(&o).cacheable)
            m->cached -= m->cached > 0;
        else
            m->uncached -= m->uncached > 0;
    }
    if (!n.valid || !(m = mc_find(c, n.pa >> MMSIM_PAGE_SHIFT, true)))
        return;
    if (cache_policy_of(&n).cacheable)
        m->cached++;
    else
        m->uncached++;
    if (!m->cached || !m->uncached || m->reported)
        return;
    m->reported = true;
    watch_frame(c, n.pa);
    uint8_t *st = frame_state(c, n.pa);
    if (st) {
        *st |= FR_PINNED;
        go_slow(c, n.pa);
    }
    struct proc *p = s->cur;
    report(c, &(struct report){
        .k = CK_MISMATCHED_ATTRIBUTES, .key = n.pa, .p = p, .pc = p ? proc_pc(p) : 0,
        .pa = n.pa, .d = &n,
        .why = "this physical page is now mapped both cacheable and non-cacheable; accesses "
               "through the two mappings see different data",
        .fix = "map every view of a physical page with the same cache attributes "
               "(same PROT_NOCACHE / special bits)" });
}

void checker_fetch_sync(struct sim *s, paddr_t pa)
{
    cache_clean(s->chk->cache, pa & ~(paddr_t)MMSIM_PAGE_MASK, MMSIM_PAGE_SIZE);
}

void checker_fetch_refused(struct proc *p, uint32_t va, const struct pt_decoded *d)
{
    struct checker *c = p->sim->chk;
    bool ppc = mmu_cpu_big_endian(p->sim->o.cpu);
    if (!(d->uprot & PT_R))
        return;
    bool guarded = ppc && d->guarded;
    report(c, &(struct report){
        .k = guarded ? CK_GUARDED_FETCH : CK_XN_FETCH, .key = va, .p = p, .pc = va,
        .has_va = true, .va = va, .pa = d->pa + (va & MMSIM_PAGE_MASK), .d = d,
        .why = guarded ? "instruction fetch from a guarded page (G=1): the CPU never fetches "
                         "from guarded storage"
                       : "instruction fetch from an execute-never page",
        .fix = guarded ? "run code only from pages mapped with PROT_EXEC and without the "
                         "guarded bit (no PROT_NOCACHE, no PPC_SPECIAL_G)"
                       : "map the code with PROT_EXEC (and no XN special bit), or do not "
                         "jump into data" });
}

void checker_after_kcall(struct proc *p)
{
    if (p->sim->chk->routing || p->sim->o.cache_full)
        engine_exact_pc(p->sim);
    checker_sync(p);
}

void checker_sync(struct proc *p)
{
    struct checker *c = p->sim->chk;
    if (p->watch_epoch != c->epoch) {
        p->watch_epoch = c->epoch;
        uc_ctl_flush_tlb(p->sim->uc);
        p->tlb_flushes++;
    }
}

struct cache *checker_cache(struct sim *s)
{
    return s->chk->cache;
}

/* ---- life cycle ----------------------------------------------------------- */

int checker_create(struct sim *s)
{
    struct checker *c = calloc(1, sizeof *c);
    if (!c)
        return -ENOMEM;
    s->chk = c;
    c->s = s;
    for (int i = 0; i < s->phys.nbanks; i++) {
        uint64_t end = (s->phys.bank[i].base + s->phys.bank[i].size) >> MMSIM_PAGE_SHIFT;
        if (end > c->nframes)
            c->nframes = end;
    }
    c->frame = calloc(c->nframes ? c->nframes : 1, 1);
    struct cache_geom g = s->o.cache_geom.size ? s->o.cache_geom : cache_default_geom(s->o.cpu);
    c->cache = cache_create(&g, &s->phys, on_cache_event, c);
    if (!c->frame || !c->cache) {
        fprintf(stderr, "mmsim: cannot build the cache model\n");
        return -ENOMEM;
    }
    mm_set_cache_hook(s->mm, on_msync, c);
    mm_set_kmem_hook(s->mm, on_kmem, c);
    return 0;
}

void checker_destroy(struct sim *s)
{
    struct checker *c = s->chk;
    if (!c)
        return;
    cache_destroy(c->cache);
    for (uint64_t f = 0; c->snap && f < c->nframes; f++)
        free(c->snap[f]);
    free(c->snap);
    free(c->frame);
    free(c->mc);
    free(c->seen);
    free(c);
    s->chk = NULL;
}
