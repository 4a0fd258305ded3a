/*
 * malloc.c - a first-fit allocator over mmap'd arenas.
 *
 * Every block starts with a header {size, magic}; size counts the header,
 * is a multiple of ALIGN and carries two flag bits (IN_USE, MAPPED).
 * Free blocks sit on one list sorted by address; free() merges a block
 * with its neighbours when they touch.  Arenas (at least 64 KiB) come
 * from mmap(MAP_PRIVATE|MAP_ANON|MAP_LAZY) and are kept for the program's life.
 * Requests of BIG bytes or more get their own mapping, returned with
 * munmap on free.  free() of a pointer malloc did not return, or a
 * second free(), prints a message and aborts.
 *
 * An aligned block (posix_memalign & co.) is an ordinary block with room
 * to spare: the pointer handed out has a forwarding header {distance back
 * to the block's payload, MAGIC_ALIGNED} right before it, so free() and
 * realloc() find the block from it.
 */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <stddef.h>
#include <sys/mman.h>
#include <errno.h>

#define ALIGN       ((size_t)_Alignof(max_align_t))   /* 8 on ARM, 16 on PowerPC */
#define ROUND(n, a) (((n) + (a) - 1) & ~((size_t)(a) - 1))
#define HDR         ROUND(offsetof(struct block, next), ALIGN)   /* next is payload */
#define MIN_BLOCK   (HDR + ALIGN)
#define ARENA       ((size_t)64 * 1024)
#define BIG         ((size_t)128 * 1024)
#define IN_USE      ((size_t)1)
#define MAPPED      ((size_t)2)
#define FLAGS       (IN_USE | MAPPED)
#define MAGIC_USED  ((size_t)0x6d616c6cu)   /* "mall" */
#define MAGIC_FREE  ((size_t)0x66726565u)   /* "free" */
#define MAGIC_ALIGNED ((size_t)0x616c6967u) /* "alig": forwarding header */

/* A block header; a free block also links to the next free block. */
struct block {
	size_t size;            /* bytes incl. header | IN_USE | MAPPED */
	size_t magic;
	struct block *next;     /* free blocks only (lives in the payload) */
};

static struct block *free_list;

/* bsize(b): b's size in bytes, without flag bits. */
static size_t bsize(const struct block *b)
{
	return b->size & ~FLAGS;
}

/* payload(b): the address handed to the program. */
static void *payload(struct block *b)
{
	return (char *)b + HDR;
}

/* end_of(b): the first byte after b. */
static char *end_of(struct block *b)
{
	return (char *)b + bsize(b);
}

/* header_of(what, p): the checked header of payload p; reports and aborts if p is not a live block. */
static struct block *header_of(const char *what, void *p)
{
	struct block *b = (struct block *)((char *)p - HDR);
	const char *why = NULL;
	if (!((uintptr_t)p & (ALIGN - 1)) && b->magic == MAGIC_ALIGNED && (b->size & IN_USE) &&
	    (b->size & ~FLAGS) >= HDR && !((b->size & ~FLAGS) & (ALIGN - 1)))
		b = (struct block *)((char *)p - (b->size & ~FLAGS) - HDR);
	if ((uintptr_t)p & (ALIGN - 1))
		why = "not a pointer returned by malloc (misaligned)";
	else if (b->magic == MAGIC_FREE)
		why = "block already freed (double free)";
	else if (b->magic != MAGIC_USED || !(b->size & IN_USE))
		why = "not a pointer returned by malloc";
	if (why) {
		fprintf(stderr, "%s(%p): %s\n", what, p, why);
		abort();
	}
	return b;
}

/* insert_free(b): put b on the address-sorted free list, merging with touching neighbours. */
static void insert_free(struct block *b)
{
	struct block *prev = NULL, *next = free_list;
	while (next && next < b) {
		prev = next;
		next = next->next;
	}
	b->size = bsize(b);
	b->magic = MAGIC_FREE;
	if (prev && end_of(prev) == (char *)b) {
		prev->size += b->size;
		b = prev;
	} else if (prev) {
		prev->next = b;
	} else {
		free_list = b;
	}
	if (next && end_of(b) == (char *)next) {
		b->size += next->size;
		b->next = next->next;
	} else {
		b->next = next;
	}
}

/* split(b, need): cut b down to need bytes if the rest makes a block, freeing the rest. */
static void split(struct block *b, size_t need)
{
	size_t have = bsize(b);
	if (have - need < MIN_BLOCK)
		return;
	struct block *rest = (struct block *)((char *)b + need);
	rest->size = have - need;
	b->size = need | (b->size & FLAGS);
	insert_free(rest);
}

/* take_first_fit(need): unlink and return the first free block of need bytes or more, or NULL. */
static struct block *take_first_fit(size_t need)
{
	for (struct block **pp = &free_list; *pp; pp = &(*pp)->next) {
		struct block *b = *pp;
		if (bsize(b) < need)
			continue;
		*pp = b->next;
		b->size = bsize(b) | IN_USE;
		b->magic = MAGIC_USED;
		split(b, need);
		return b;
	}
	return NULL;
}

/* map_pages(n): n bytes (a page multiple) of fresh zeroed memory, or NULL.
 * MAP_LAZY: frames come on first touch, so an arena costs only what is used. */
static void *map_pages(size_t n)
{
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON | MAP_LAZY, NOFD, 0);
	return p == MAP_FAILED ? NULL : p;
}

/* block_size(n): the block size for an n-byte request, or 0 if too large. */
static size_t block_size(size_t n)
{
	if (n > SIZE_MAX - HDR - 2 * __PAGESIZE)
		return 0;
	size_t need = ROUND(n + HDR, ALIGN);
	return need < MIN_BLOCK ? MIN_BLOCK : need;
}

/* malloc(n): n bytes aligned for any type, or NULL with ENOMEM. */
void *malloc(size_t n)
{
	size_t need = block_size(n ? n : 1);
	if (!need) {
		errno = ENOMEM;
		return NULL;
	}
	if (need >= BIG) {
		size_t len = ROUND(need, __PAGESIZE);
		struct block *b = map_pages(len);
		if (!b)
			return NULL;
		b->size = len | MAPPED | IN_USE;
		b->magic = MAGIC_USED;
		return payload(b);
	}
	struct block *b = take_first_fit(need);
	if (!b) {
		size_t len = need > ARENA ? ROUND(need, __PAGESIZE) : ARENA;
		struct block *arena = map_pages(len);
		if (!arena)
			return NULL;
		arena->size = len;
		insert_free(arena);
		b = take_first_fit(need);
	}
	return payload(b);
}

/* free(p): release a block from malloc/calloc/realloc; NULL is ignored, a bad pointer aborts. */
void free(void *p)
{
	if (!p)
		return;
	struct block *b = header_of("free", p);
	if ((char *)p != payload(b))      /* aligned: its forwarding header goes too */
		((struct block *)((char *)p - HDR))->magic = MAGIC_FREE;
	if (b->size & MAPPED) {
		b->magic = MAGIC_FREE;
		munmap(b, bsize(b));
		return;
	}
	insert_free(b);
}

/* calloc(n, size): n*size zeroed bytes, or NULL (ENOMEM, also on overflow). */
void *calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	void *p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

/* grow_in_place(b, need): extend b over the free block right after it if that gives need bytes; 1 if done. */
static int grow_in_place(struct block *b, size_t need)
{
	for (struct block **pp = &free_list; *pp; pp = &(*pp)->next) {
		struct block *f = *pp;
		if ((char *)f > end_of(b))
			return 0;
		if ((char *)f != end_of(b))
			continue;
		if (bsize(b) + bsize(f) < need)
			return 0;
		*pp = f->next;
		b->size += bsize(f);
		split(b, need);
		return 1;
	}
	return 0;
}

/* realloc(p, n): resize p to n bytes keeping its contents; the new block, or NULL (p unchanged). */
void *realloc(void *p, size_t n)
{
	if (!p)
		return malloc(n);
	if (n == 0) {
		free(p);
		return NULL;
	}
	struct block *b = header_of("realloc", p);
	size_t need = block_size(n);
	if (!need) {
		errno = ENOMEM;
		return NULL;
	}
	if ((char *)p != payload(b)) {
		/* aligned: a new ordinary block (alignment is not kept, as in glibc) */
	} else if (!(b->size & MAPPED)) {
		if (need <= bsize(b)) {
			split(b, need);
			return p;
		}
		if (grow_in_place(b, need))
			return p;
	} else if (need <= bsize(b) && need >= BIG) {
		return p;
	}
	void *q = malloc(n);
	if (!q)
		return NULL;
	size_t old = (size_t)(end_of(b) - (char *)p);
	memcpy(q, p, old < n ? old : n);
	free(p);
	return q;
}

/* posix_memalign(&p, align, n): n bytes at a multiple of align; 0, EINVAL or ENOMEM. */
int posix_memalign(void **pp, size_t align, size_t n)
{
	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	if (align <= ALIGN) {
		void *p = malloc(n);
		if (!p)
			return ENOMEM;
		*pp = p;
		return 0;
	}
	if (n > SIZE_MAX - align - HDR)
		return ENOMEM;
	char *p = malloc(n + align + HDR);
	if (!p)
		return ENOMEM;
	char *a = (char *)ROUND((uintptr_t)p + HDR, align);
	struct block *fwd = (struct block *)(a - HDR);
	fwd->size = (size_t)(a - p) | IN_USE;
	fwd->magic = MAGIC_ALIGNED;
	*pp = a;
	return 0;
}

/* aligned_alloc(align, n) / memalign(align, n): posix_memalign returning the pointer (NULL with errno). */
void *aligned_alloc(size_t align, size_t n)
{
	void *p;
	int e = posix_memalign(&p, align < sizeof(void *) && align && !(align & (align - 1)) ?
				   sizeof(void *) : align, n);
	if (e) {
		errno = e;
		return NULL;
	}
	return p;
}

void *memalign(size_t align, size_t n)
{
	return aligned_alloc(align, n);
}

/* valloc(n): n bytes aligned to the page size. */
void *valloc(size_t n)
{
	return aligned_alloc(__PAGESIZE, n);
}
