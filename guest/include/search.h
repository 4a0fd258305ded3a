/* <search.h> - linear search, binary search trees, one hash table, and
 * doubly linked queues (POSIX; tdestroy is GNU's). */
#ifndef _SEARCH_H_INCLUDED
#define _SEARCH_H_INCLUDED

#include <stddef.h>

typedef struct entry { char *key; void *data; } ENTRY;
typedef enum { FIND, ENTER } ACTION;
typedef enum { preorder, postorder, endorder, leaf } VISIT;

/* hcreate(n): the table, for at least n entries; nonzero, or 0 (ENOMEM).
 * hsearch(e, FIND|ENTER): the entry with e.key (ENTER adds e if absent),
 * or NULL (not found, or ENOMEM when full).  hdestroy(): gone. */
int hcreate(size_t __n);
ENTRY *hsearch(ENTRY __e, ACTION __a);
void hdestroy(void);

/* lfind / lsearch(key, base, &n, size, cmp): linear search (lsearch
 * appends key, and counts it in n, when it is missing). */
void *lfind(const void *__key, const void *__base, size_t *__n, size_t __size,
	    int (*__cmp)(const void *, const void *));
void *lsearch(const void *__key, void *__base, size_t *__n, size_t __size,
	      int (*__cmp)(const void *, const void *));

/* Binary search trees of keys, rooted at *root (NULL: empty); each node's
 * first member is its key pointer, so the result of tsearch/tfind can be
 * read as a (void **).  Not balanced: sorted insertions make it a list. */
void *tsearch(const void *__key, void **__root, int (*__cmp)(const void *, const void *));
void *tfind(const void *__key, void *const *__root, int (*__cmp)(const void *, const void *));
void *tdelete(const void *restrict __key, void **restrict __root,
	      int (*__cmp)(const void *, const void *));
void twalk(const void *__root, void (*__fn)(const void *, VISIT, int));
void tdestroy(void *__root, void (*__free_key)(void *));

/* insque(e, prev) / remque(e): elements start with {next, prev} pointers. */
void insque(void *__e, void *__prev);
void remque(void *__e);

#endif
