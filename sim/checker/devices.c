/*
 * devices.c - DMA0 and FIFO0 (see devices.h and <mmsim/devices.h>).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mmsim/devices.h"
#include "checker.h"
#include "devices.h"
#include "trace.h"

struct devices {
    /* DMA0 */
    uint32_t src, dst, len, ctrl, status, pattern;
    uint32_t countdown;        /* instructions until the pending transfer completes */
    struct dma_xfer cur;       /* the pending transfer */
    unsigned next_id;
    /* FIFO0 */
    uint32_t popped;
};

int devices_init(struct sim *s)
{
    if (!(s->dev = calloc(1, sizeof *s->dev)))
        return -ENOMEM;
    int rc = phys_add_device(&s->phys, MMSIM_DMA0_PADDR, MMSIM_DMA0_SIZE, "dma0");
    if (rc == 0)
        rc = phys_add_device(&s->phys, MMSIM_FIFO0_PADDR, MMSIM_FIFO0_SIZE, "fifo0");
    return rc;
}

void devices_fini(struct sim *s)
{
    free(s->dev);
    s->dev = NULL;
}

bool devices_claim(const struct sim *s, paddr_t pa)
{
    (void)s;
    return (pa >= MMSIM_DMA0_PADDR && pa < MMSIM_DMA0_PADDR + MMSIM_DMA0_SIZE) ||
           (pa >= MMSIM_FIFO0_PADDR && pa < MMSIM_FIFO0_PADDR + MMSIM_FIFO0_SIZE);
}

/* Register word <-> bytes in the CPU's byte order. */
static void put_word(const struct sim *s, uint8_t b[4], uint32_t v)
{
    for (int i = 0; i < 4; i++)
        b[i] = (uint8_t)(v >> (s->arch->big_endian ? 24 - 8 * i : 8 * i));
}

static uint32_t get_word(const struct sim *s, const uint8_t b[4])
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++)
        v |= (uint32_t)b[i] << (s->arch->big_endian ? 24 - 8 * i : 8 * i);
    return v;
}

/* Read the DMA register at offset `reg` (word aligned). */
static uint32_t dma_reg(const struct devices *d, uint32_t reg)
{
    switch (reg) {
    case MMSIM_DMA_SRC:     return d->src;
    case MMSIM_DMA_DST:     return d->dst;
    case MMSIM_DMA_LEN:     return d->len;
    case MMSIM_DMA_CTRL:    return d->ctrl;
    case MMSIM_DMA_STATUS:  return d->status;
    case MMSIM_DMA_PATTERN: return d->pattern;
    default:                return 0;
    }
}

/* Read FIFO register at `off`; pops on DATA.  *pop set if it popped. */
static uint32_t fifo_reg(struct devices *d, uint32_t off, bool *pop)
{
    switch (off & 0xC) {
    case MMSIM_FIFO_DATA:
        *pop = true;
        return MMSIM_FIFO_WORD(d->popped++);
    case MMSIM_FIFO_COUNT:
        return d->popped;
    default:
        return 0;
    }
}

/* Trace one register access. */
static void trace_dev(struct proc *p, const char *dev, const char *op, uint32_t off,
                      uint32_t v, bool speculative)
{
    struct trace *t = p->sim->trace;
    trace_begin(t, "dev");
    trace_uint(t, "pid", p->pid);
    trace_str(t, "dev", dev);
    trace_str(t, "op", op);
    trace_hex(t, "off", off);
    trace_hex(t, "value", v);
    if (speculative)
        trace_bool(t, "speculative", 1);
    trace_end(t);
}

bool devices_read(struct proc *p, paddr_t pa, uint8_t *b, unsigned n, bool speculative)
{
    struct sim *s = p->sim;
    struct devices *d = s->dev;
    bool pop = false;
    uint8_t w[4];
    uint32_t v = 0, off;
    const char *dev;
    if (pa >= MMSIM_FIFO0_PADDR && pa < MMSIM_FIFO0_PADDR + MMSIM_FIFO0_SIZE) {
        off = (uint32_t)(pa - MMSIM_FIFO0_PADDR) & ~3u;
        v = fifo_reg(d, off, &pop);
        dev = "fifo0";
    } else {
        off = (uint32_t)(pa - MMSIM_DMA0_PADDR) & ~3u;
        v = dma_reg(d, off);
        dev = "dma0";
    }
    put_word(s, w, v);
    for (unsigned i = 0; i < n; i++)
        b[i] = (pa & 3) + i < 4 ? w[(pa & 3) + i] : 0;
    if (pop || !speculative)
        trace_dev(p, dev, "read", off, v, speculative);
    return pop;
}

/* START: latch the registers and count down to completion. */
static void dma_start(struct proc *p, struct devices *d, uint32_t ctrl)
{
    if (d->status & MMSIM_DMA_BUSY) {
        d->status |= MMSIM_DMA_ERROR;
        return;
    }
    d->cur = (struct dma_xfer){
        .id = ++d->next_id, .src = d->src, .dst = d->dst, .len = d->len, .ctrl = ctrl,
        .pattern = d->pattern, .start_pc = proc_pc(p), .start_pid = p->pid,
    };
    d->status = MMSIM_DMA_BUSY;
    d->countdown = MMSIM_DMA_LATENCY;
    p->sim->devices_ticking = true;
}

void devices_write(struct proc *p, paddr_t pa, const uint8_t *b, unsigned n)
{
    struct sim *s = p->sim;
    struct devices *d = s->dev;
    if (pa >= MMSIM_FIFO0_PADDR && pa < MMSIM_FIFO0_PADDR + MMSIM_FIFO0_SIZE)
        return;                                   /* FIFO: writes ignored */
    uint32_t off = (uint32_t)(pa - MMSIM_DMA0_PADDR);
    if (n != 4 || (off & 3))
        return;                                   /* registers take whole words */
    uint32_t v = get_word(s, b);
    trace_dev(p, "dma0", "write", off, v, false);
    switch (off) {
    case MMSIM_DMA_SRC:     d->src = v; break;
    case MMSIM_DMA_DST:     d->dst = v; break;
    case MMSIM_DMA_LEN:     d->len = v; break;
    case MMSIM_DMA_PATTERN: d->pattern = v; break;
    case MMSIM_DMA_CTRL:
        d->ctrl = v & (MMSIM_DMA_FILL | MMSIM_DMA_SNOOP);
        if (v & MMSIM_DMA_START)
            dma_start(p, d, v);
        break;
    default: break;
    }
}

bool devices_busy(const struct sim *s)
{
    return s->dev && s->dev->countdown != 0;
}

void devices_tick(struct proc *p)
{
    struct devices *d = p->sim->dev;
    if (d->countdown == 0 || --d->countdown != 0)
        return;
    p->sim->devices_ticking = false;
    bool ok = d->cur.len <= MMSIM_DMA_MAX_LEN && checker_dma(p->sim, &d->cur);
    /* ERROR stays set from a START refused while busy. */
    d->status = (d->status & MMSIM_DMA_ERROR) | MMSIM_DMA_DONE | (ok ? 0 : MMSIM_DMA_ERROR);
}
