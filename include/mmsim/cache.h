/*
 * cache.h - a data-cache model: the CPU's view of memory, in front of the
 * bus view that simulated RAM holds.
 *
 * Set-associative with LRU replacement; every line keeps its own copy of
 * the data, so what the CPU reads can really differ from RAM (a stale
 * read) and what a device reads can really miss the CPU's writes (a lost
 * write).  The policy of each access (cacheable, write-through, write
 * allocate, coherent) comes from the page's decoded attributes and is
 * given by the caller; the model does not know about page tables.
 *
 * Bus masters other than the CPU (DMA) go through cache_dma_read/write:
 * with snooping, lines filled through a coherent mapping are kept
 * consistent; otherwise the model marks the hazards it creates, and
 * reports them through the event callback when they bite:
 *   CE_STALE_HIT   the CPU read a line that DMA wrote behind the cache
 *   CE_LOST_WRITE  DMA read memory under a dirty line it did not snoop
 *   CE_CLOBBER     a dirty line was written back over data DMA had put
 *                  into memory (the CPU dirtied the line before the DMA
 *                  wrote, or stored into it after without invalidating)
 * Plain C, no CPU; deterministic.
 */
#ifndef MMSIM_CACHE_H
#define MMSIM_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "mmsim/phys.h"
#include "mmsim/pt.h"

/* Geometry: sizes in bytes, powers of two, size = sets * ways * line. */
struct cache_geom {
    uint32_t size, ways, line;
};

/* The modelled core's L1 data cache for `cpu`. */
struct cache_geom cache_default_geom(enum mmsim_cpu cpu);
/* Check a geometry; 0 or -EINVAL with *why set. */
int cache_geom_check(const struct cache_geom *g, const char **why);

/* How one access is cached (from the page's attributes). */
struct cache_policy {
    bool cacheable;       /* false: goes straight to the bus */
    bool write_through;   /* stores update memory too */
    bool write_allocate;  /* a store miss fills the line */
    bool coherent;        /* lines filled this way are snooped by a snooping DMA */
};

/* The policy a decoded PTE gives a data access. */
struct cache_policy cache_policy_of(const struct pt_decoded *d);

enum cache_event { CE_STALE_HIT, CE_LOST_WRITE, CE_CLOBBER };

/* Hazard observer: `pa` is the line address. */
typedef void (*cache_event_fn)(void *ctx, enum cache_event ev, paddr_t pa);

struct cache_stats {
    uint64_t hits, misses, evictions, writebacks, fills;
};

struct cache;

/* A cache of geometry `g` over `ram`.  NULL on ENOMEM or a bad geometry. */
struct cache *cache_create(const struct cache_geom *g, const struct phys *ram,
                           cache_event_fn ev, void *ctx);
void cache_destroy(struct cache *c);
const struct cache_geom *cache_geom(const struct cache *c);
const struct cache_stats *cache_stats(const struct cache *c);

/* CPU load/store of n bytes at pa (may cross lines, not pages). */
void cache_read(struct cache *c, paddr_t pa, void *buf, uint32_t n, const struct cache_policy *pol);
void cache_write(struct cache *c, paddr_t pa, const void *buf, uint32_t n, const struct cache_policy *pol);
/* Speculative read-ahead: fill the line at pa if absent (no data returned). */
void cache_prefetch(struct cache *c, paddr_t pa, const struct cache_policy *pol);
/* dcbz: the line at pa becomes present, zero and dirty, without a read. */
void cache_zero_line(struct cache *c, paddr_t pa, const struct cache_policy *pol);

/* Maintenance on every line overlapping [pa, pa+len): clean writes dirty
 * lines back; invalidate drops lines (dirty data is lost, as on
 * hardware); flush does both. */
void cache_clean(struct cache *c, paddr_t pa, uint64_t len);
void cache_invalidate(struct cache *c, paddr_t pa, uint64_t len);
void cache_flush(struct cache *c, paddr_t pa, uint64_t len);

/* Make the lines of [pa, pa+len) present with the data now in RAM,
 * dirty or clean: the conservative state of a page that was accessed
 * outside the model before it became watched. */
void cache_preload(struct cache *c, paddr_t pa, uint64_t len, bool dirty, bool coherent);

/* Make line la (line-aligned) present holding `data` (one line), dirty or
 * clean, without touching RAM: the CPU's view of a line the model did not
 * see being written, handed over when a page comes back into the model. */
void cache_adopt_line(struct cache *c, paddr_t la, const void *data, bool dirty, bool coherent);

/* How the lines of [pa, pa+len) stand: any present, and whether every
 * present one agrees with RAM (clean and not made stale by DMA). */
struct cache_range { bool present, agrees; };
struct cache_range cache_range_state(const struct cache *c, paddr_t pa, uint64_t len);

/* A device read n bytes of memory at pa into buf (the caller checked
 * that the range is RAM).  Snooping returns coherent dirty lines' data. */
void cache_dma_read(struct cache *c, paddr_t pa, void *buf, uint64_t n, bool snoop);
/* A device wrote n bytes at pa (to RAM, through this call).  Snooping
 * updates coherent lines; otherwise present lines go stale. */
void cache_dma_write(struct cache *c, paddr_t pa, const void *buf, uint64_t n, bool snoop);

/* Number of present lines overlapping [pa, pa+len) (dirty ones when
 * dirty_only), for tests and reports. */
uint32_t cache_lines_present(const struct cache *c, paddr_t pa, uint64_t len, bool dirty_only);

#endif
