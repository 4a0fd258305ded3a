/*
 * frames.h - deterministic physical frame allocator over the RAM banks.
 *
 * One bit per 4 KiB frame.  Allocation is always lowest-address-first, so
 * the same sequence of calls gives the same frames.  frames_fragment()
 * pre-fragments the lower half of RAM with a seeded PRNG so that
 * non-contiguous requests really land in several runs while contiguous
 * requests can still be met from the upper half.
 */
#ifndef MMSIM_FRAMES_H
#define MMSIM_FRAMES_H

#include "mmsim/phys.h"

struct frames {
    const struct phys *phys;
    uint64_t *bits;        /* 1 = in use; bit i is frame at paddr i*4096 */
    uint64_t  nframes;     /* frames covering [0, end of last bank) */
    uint64_t  nfree;
    uint64_t  hint;        /* lowest frame that may be free */
    uint64_t  frag_frames; /* frames held by frames_fragment() */
    uint64_t *marks;       /* frames_mark(): 1 = tell when freed (NULL until used) */
    uint64_t  marked_freed; /* marked frames freed so far (each unmarked then) */
};

/* Build the allocator for every RAM bank of `p` (all frames free; frames
 * outside banks marked used).  0 or -ENOMEM. */
int frames_init(struct frames *f, const struct phys *p);

/* Free the bitmap. */
void frames_fini(struct frames *f);

/* Pre-fragment the lower half of RAM: free runs of 1-7 frames separated by
 * 1-3 held frames, lengths drawn from a PRNG seeded with `seed`. */
void frames_fragment(struct frames *f, uint64_t seed);

/* Allocate the lowest free run, at most `max` frames long.  Sets *pa and
 * *n (1..max).  0 or -ENOMEM when no frame is free. */
int frames_alloc_run(struct frames *f, uint64_t max, paddr_t *pa, uint64_t *n);

/* Allocate `n` physically contiguous frames whose first frame is aligned
 * to `align` frames (power of two, >= 1), lowest fit first.
 * 0 or -ENOMEM. */
int frames_alloc_contig(struct frames *f, uint64_t n, uint64_t align, paddr_t *pa);

/* Return `n` frames starting at `pa` (must be allocated). */
void frames_free(struct frames *f, paddr_t pa, uint64_t n);

/* Mark the allocated frame holding `pa`: when it is freed, marked_freed
 * grows by one and the mark goes (the engine marks frames it translated
 * code from, and drops its translations when one is freed and may be
 * reused).  0 or -ENOMEM. */
int frames_mark(struct frames *f, paddr_t pa);

/* True when the frame holding `pa` is allocated. */
bool frames_in_use(const struct frames *f, paddr_t pa);

#endif
