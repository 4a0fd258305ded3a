/*
 * memsys.c - the memory system beyond RAM as the machine sees it (struct
 * sim_memsys in sim.h): routing of translated pages through the shadow
 * window, the devices' clock, kernel access through the cache model, and
 * the life cycle of the checker and devices.  The machine calls these
 * through checker_memsys only; sim/machine never includes this folder.
 */
#include "checker.h"
#include "devices.h"
#include "shadow.h"

/* Where the TLB entry of a translated page points: directly at RAM, or at
 * a shadow-window slot when the page needs per-access semantics.  Pages
 * served by the window lose execute permission (code cannot run from
 * mmio); a fetch from a modelled RAM page gets an execute-only entry. */
static uint64_t ms_place(struct proc *p, uint32_t va, const struct pt_walk *w, unsigned access,
                         unsigned *perms)
{
    struct sim *s = p->sim;
    struct route r = { .bits = checker_route(s, w->pa & ~(paddr_t)MMSIM_PAGE_MASK, &w->d, access) };
    if (w->d.little_endian && s->arch->big_endian)
        r.bits |= ROUTE_LE;
    if (r.bits && access == PT_X && !(r.bits & (ROUTE_LE | ROUTE_DEVICE))) {
        *perms = PT_X;                      /* modelled RAM: fetch directly, */
        checker_fetch_sync(s, w->pa);       /* from memory made current */
        return w->pa;
    }
    if (!r.bits)
        return w->pa;
    r.pol = cache_policy_of(&w->d);
    r.speculative = w->d.speculative;
    r.va_page = va & ~(uint32_t)MMSIM_PAGE_MASK;
    r.d = w->d;
    *perms &= ~PT_X;
    return shadow_addr(s->shadow, w->pa, &r);
}

/* The engine opens: its shadow window.  0 or -1. */
static int ms_attach(struct sim *s)
{
    return (s->shadow = shadow_create(s)) ? 0 : -1;
}

/* The engine closes: its window goes with it. */
static void ms_detach(struct sim *s)
{
    shadow_destroy(s->shadow);
    s->shadow = NULL;
}

/* One instruction with the exact-PC hook on: advance the devices. */
static void ms_tick(struct proc *p)
{
    if (devices_busy(p->sim)) {
        devices_tick(p);
        checker_sync(p);        /* a transfer may have started watching pages */
    }
}

const struct sim_memsys checker_memsys = {
    .devices_init  = devices_init,
    .devices_fini  = devices_fini,
    .create        = checker_create,
    .destroy       = checker_destroy,
    .summary       = checker_summary,
    .attach        = ms_attach,
    .detach        = ms_detach,
    .release       = cacheinsn_free,
    .code_loaded   = cacheinsn_scan,
    .forked        = cacheinsn_fork,
    .place         = ms_place,
    .fetch_refused = checker_fetch_refused,
    .after_kcall   = checker_after_kcall,
    .slice_start   = checker_sync,
    .tick          = ms_tick,
    .kread         = checker_kread,
    .kwrite        = checker_kwrite,
    .pte_written   = checker_pte_written,
};
