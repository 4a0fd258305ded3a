/*
 * frames.c - deterministic physical frame allocator (one bit per frame).
 *
 * Every search goes lowest address first and skips whole 64-bit words
 * that are all used (looking for a free frame) or all free (looking for a
 * used one), so a contiguous request over a fragmented bitmap costs about
 * one step per word plus one per obstacle.  Frame 0 is reserved forever:
 * physical address 0 is never handed out, so 0 can mean "no frame".
 */
#include "mmsim/frames.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define WORD_BITS 64

/* True when frame i is in use. */
static bool test(const struct frames *f, uint64_t i)
{
    return f->bits[i / WORD_BITS] >> (i % WORD_BITS) & 1;
}

/* Mark frames [i, i+n) used (set) or free (clear); counts nothing. */
static void mark(struct frames *f, uint64_t i, uint64_t n, bool used)
{
    for (uint64_t end = i + n; i < end;) {
        uint64_t w = i / WORD_BITS, b = i % WORD_BITS;
        uint64_t k = WORD_BITS - b < end - i ? WORD_BITS - b : end - i;
        uint64_t m = (k == WORD_BITS ? ~0ull : ((1ull << k) - 1)) << b;
        if (used)
            f->bits[w] |= m;
        else
            f->bits[w] &= ~m;
        i += k;
    }
}

/* First free frame >= i, or nframes. */
static uint64_t next_free(const struct frames *f, uint64_t i)
{
    while (i < f->nframes) {
        uint64_t w = ~f->bits[i / WORD_BITS] & (~0ull << (i % WORD_BITS));
        if (w) {
            uint64_t u = (i & ~(uint64_t)(WORD_BITS - 1)) + (uint64_t)__builtin_ctzll(w);
            return u < f->nframes ? u : f->nframes;
        }
        i = (i | (WORD_BITS - 1)) + 1;
    }
    return f->nframes;
}

/* First used frame in [i, limit), or limit. */
static uint64_t next_used(const struct frames *f, uint64_t i, uint64_t limit)
{
    while (i < limit) {
        uint64_t w = f->bits[i / WORD_BITS] & (~0ull << (i % WORD_BITS));
        if (w) {
            uint64_t u = (i & ~(uint64_t)(WORD_BITS - 1)) + (uint64_t)__builtin_ctzll(w);
            return u < limit ? u : limit;
        }
        i = (i | (WORD_BITS - 1)) + 1;
    }
    return limit;
}

/* Build the allocator over the RAM banks of p; frame 0 reserved. */
int frames_init(struct frames *f, const struct phys *p)
{
    memset(f, 0, sizeof(*f));
    uint64_t end = 0;
    for (int i = 0; i < p->nbanks; i++)
        if (p->bank[i].base + p->bank[i].size > end)
            end = p->bank[i].base + p->bank[i].size;
    uint64_t n = end >> MMSIM_PAGE_SHIFT;
    uint64_t words = (n + WORD_BITS - 1) / WORD_BITS;
    f->bits = malloc((words ? words : 1) * sizeof(uint64_t));
    if (!f->bits)
        return -ENOMEM;
    memset(f->bits, 0xff, (words ? words : 1) * sizeof(uint64_t));
    f->phys = p;
    f->nframes = n;
    for (int i = 0; i < p->nbanks; i++)
        mark(f, p->bank[i].base >> MMSIM_PAGE_SHIFT, p->bank[i].size >> MMSIM_PAGE_SHIFT, false);
    if (n)
        mark(f, 0, 1, true);
    for (uint64_t w = 0; w < words; w++)
        f->nfree += (uint64_t)__builtin_popcountll(~f->bits[w]);
    f->hint = next_free(f, 0);
    return 0;
}

/* Free the bitmaps. */
void frames_fini(struct frames *f)
{
    free(f->bits);
    free(f->marks);
    memset(f, 0, sizeof(*f));
}

/* xorshift64 step; state never 0. */
static uint64_t xorshift(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

/* Hold the free frames among [i, i+n); returns how many were taken. */
static uint64_t hold(struct frames *f, uint64_t i, uint64_t n)
{
    uint64_t taken = 0;
    for (uint64_t j = i; j < i + n && j < f->nframes; j++)
        if (!test(f, j)) {
            mark(f, j, 1, true);
            taken++;
        }
    return taken;
}

/* Pre-fragment the lower half of RAM: free runs of 1-7 frames separated
 * by 1-3 held frames, from a PRNG seeded with seed. */
void frames_fragment(struct frames *f, uint64_t seed)
{
    uint64_t s = seed * 0x9E3779B97F4A7C15ull ^ 0xD1B54A32D192ED03ull;
    if (!s)
        s = 1;
    uint64_t half = f->nframes / 2;
    for (uint64_t i = 1; i < half;) {
        i += 1 + xorshift(&s) % 7;
        if (i >= half)
            break;
        uint64_t h = 1 + xorshift(&s) % 3;
        if (h > half - i)
            h = half - i;
        uint64_t taken = hold(f, i, h);
        f->frag_frames += taken;
        f->nfree -= taken;
        i += h;
    }
    f->hint = next_free(f, 0);
}

/* Allocate the lowest free run of at most max frames. */
int frames_alloc_run(struct frames *f, uint64_t max, paddr_t *pa, uint64_t *n)
{
    if (max == 0)
        return -EINVAL;
    uint64_t i = next_free(f, f->hint);
    if (i >= f->nframes)
        return -ENOMEM;
    uint64_t limit = f->nframes - i < max ? f->nframes : i + max;
    uint64_t end = next_used(f, i, limit);
    mark(f, i, end - i, true);
    f->nfree -= end - i;
    f->hint = next_free(f, end);
    *pa = i << MMSIM_PAGE_SHIFT;
    *n = end - i;
    return 0;
}

/* Allocate n contiguous frames, first one aligned to align frames,
 * lowest fit first. */
int frames_alloc_contig(struct frames *f, uint64_t n, uint64_t align, paddr_t *pa)
{
    if (n == 0 || align == 0 || (align & (align - 1)))
        return -EINVAL;
    if (n > f->nfree)
        return -ENOMEM;
    uint64_t i = f->hint;
    for (;;) {
        i = next_free(f, i);
        i = (i + align - 1) & ~(align - 1);
        if (i >= f->nframes || n > f->nframes - i)
            return -ENOMEM;
        uint64_t u = next_used(f, i, i + n);
        if (u == i + n)
            break;
        i = u + 1;
    }
    mark(f, i, n, true);
    f->nfree -= n;
    if (i == f->hint)
        f->hint = next_free(f, i + n);
    *pa = i << MMSIM_PAGE_SHIFT;
    return 0;
}

/* Return n frames from pa; frames out of range, frame 0 and frames not
 * allocated are ignored (so nfree stays exact). */
void frames_free(struct frames *f, paddr_t pa, uint64_t n)
{
    uint64_t i = pa >> MMSIM_PAGE_SHIFT;
    uint64_t end = i + n < f->nframes && i + n >= i ? i + n : f->nframes;
    if (i == 0)
        i = 1;
    if (i >= end)
        return;
    if (i < f->hint)
        f->hint = i;
    while (i < end) {
        uint64_t w = i / WORD_BITS, b = i % WORD_BITS;
        uint64_t k = WORD_BITS - b < end - i ? WORD_BITS - b : end - i;
        uint64_t m = (k == WORD_BITS ? ~0ull : ((1ull << k) - 1)) << b;
        f->nfree += (uint64_t)__builtin_popcountll(f->bits[w] & m);
        if (f->marks && (f->marks[w] & f->bits[w] & m)) {
            f->marked_freed += (uint64_t)__builtin_popcountll(f->marks[w] & f->bits[w] & m);
            f->marks[w] &= ~m;
        }
        f->bits[w] &= ~m;
        i += k;
    }
    f->hint = next_free(f, f->hint);
}

int frames_mark(struct frames *f, paddr_t pa)
{
    uint64_t i = pa >> MMSIM_PAGE_SHIFT;
    if (i >= f->nframes || !test(f, i))
        return 0;
    if (!f->marks && !(f->marks = calloc((f->nframes + WORD_BITS - 1) / WORD_BITS, sizeof *f->marks)))
        return -ENOMEM;
    f->marks[i / WORD_BITS] |= 1ull << (i % WORD_BITS);
    return 0;
}

/* True when the frame holding pa is allocated (false outside RAM). */
bool frames_in_use(const struct frames *f, paddr_t pa)
{
    uint64_t i = pa >> MMSIM_PAGE_SHIFT;
    return i < f->nframes && test(f, i);
}
