/*
 * search.c - <search.h>: lfind/lsearch, unbalanced binary search trees
 * (tsearch & co.), one open-addressing hash table (hsearch), insque and
 * remque.
 */
#include <errno.h>
#include <search.h>
#include <stdlib.h>
#include <string.h>

/* ---- linear ------------------------------------------------------------- */

void *lfind(const void *key, const void *base, size_t *n, size_t size,
	    int (*cmp)(const void *, const void *))
{
	const char *p = base;
	for (size_t i = 0; i < *n; i++, p += size)
		if (!cmp(key, p))
			return (void *)p;
	return NULL;
}

void *lsearch(const void *key, void *base, size_t *n, size_t size,
	      int (*cmp)(const void *, const void *))
{
	void *hit = lfind(key, base, n, size, cmp);
	if (hit)
		return hit;
	void *end = (char *)base + *n * size;
	memcpy(end, key, size);
	(*n)++;
	return end;
}

/* ---- trees -------------------------------------------------------------- */

struct node {
	const void  *key;        /* first: a node pointer reads as a key pointer */
	struct node *left, *right;
};

/* The link that holds key's node, or the empty link where it would go. */
static struct node **find_link(const void *key, struct node **link,
			       int (*cmp)(const void *, const void *))
{
	while (*link) {
		int c = cmp(key, (*link)->key);
		if (c == 0)
			break;
		link = c < 0 ? &(*link)->left : &(*link)->right;
	}
	return link;
}

void *tsearch(const void *key, void **root, int (*cmp)(const void *, const void *))
{
	if (!root)
		return NULL;
	struct node **link = find_link(key, (struct node **)root, cmp);
	if (!*link) {
		struct node *n = malloc(sizeof *n);
		if (!n)
			return NULL;
		*n = (struct node){ key, NULL, NULL };
		*link = n;
	}
	return *link;
}

void *tfind(const void *key, void *const *root, int (*cmp)(const void *, const void *))
{
	if (!root)
		return NULL;
	return *find_link(key, (struct node **)root, cmp);
}

/* tdelete: the deleted node's parent (the root itself if it had none, as
 * glibc), or NULL if key is absent. */
void *tdelete(const void *restrict key, void **restrict root, int (*cmp)(const void *, const void *))
{
	if (!root || !*root)
		return NULL;
	struct node *parent = NULL, **link = (struct node **)root;
	while (*link) {
		int c = cmp(key, (*link)->key);
		if (c == 0)
			break;
		parent = *link;
		link = c < 0 ? &(*link)->left : &(*link)->right;
	}
	struct node *n = *link;
	if (!n)
		return NULL;
	if (!n->left) {
		*link = n->right;
	} else if (!n->right) {
		*link = n->left;
	} else {                          /* the in-order successor takes its place */
		struct node **s = &n->right;
		while ((*s)->left)
			s = &(*s)->left;
		struct node *succ = *s;
		*s = succ->right;
		succ->left = n->left;
		succ->right = n->right;
		*link = succ;
	}
	free(n);
	return parent ? (void *)parent : *root ? *root : (void *)root;
}

static void walk(const struct node *n, void (*fn)(const void *, VISIT, int), int depth)
{
	if (!n->left && !n->right) {
		fn(n, leaf, depth);
		return;
	}
	fn(n, preorder, depth);
	if (n->left)
		walk(n->left, fn, depth + 1);
	fn(n, postorder, depth);
	if (n->right)
		walk(n->right, fn, depth + 1);
	fn(n, endorder, depth);
}

void twalk(const void *root, void (*fn)(const void *, VISIT, int))
{
	if (root && fn)
		walk(root, fn, 0);
}

void tdestroy(void *root, void (*free_key)(void *))
{
	struct node *n = root;
	if (!n)
		return;
	tdestroy(n->left, free_key);
	tdestroy(n->right, free_key);
	if (free_key)
		free_key((void *)n->key);
	free(n);
}

/* ---- hash table ---------------------------------------------------------------- */

static ENTRY *htab;
static size_t hsize, hused;

int hcreate(size_t n)
{
	if (htab)
		return 0;
	size_t size = 16;
	while (size < n + n / 4 + 1)
		size *= 2;
	if (!(htab = calloc(size, sizeof *htab))) {
		errno = ENOMEM;
		return 0;
	}
	hsize = size;
	hused = 0;
	return 1;
}

void hdestroy(void)
{
	free(htab);
	htab = NULL;
	hsize = hused = 0;
}

ENTRY *hsearch(ENTRY e, ACTION a)
{
	if (!htab) {
		errno = ESRCH;
		return NULL;
	}
	unsigned long h = 5381;
	for (const unsigned char *k = (const unsigned char *)e.key; *k; k++)
		h = h * 33 + *k;
	for (size_t i = h & (hsize - 1);; i = (i + 1) & (hsize - 1)) {
		if (!htab[i].key) {
			if (a == FIND) {
				errno = ESRCH;
				return NULL;
			}
			if (hused + 1 >= hsize) {
				errno = ENOMEM;
				return NULL;
			}
			htab[i] = e;
			hused++;
			return &htab[i];
		}
		if (!strcmp(htab[i].key, e.key))
			return &htab[i];
	}
}

/* ---- queues ----------------------------------------------------------------------- */

struct qelem { struct qelem *next, *prev; };

void insque(void *e, void *prev)
{
	struct qelem *q = e, *p = prev;
	if (!p) {
		q->next = q->prev = NULL;
		return;
	}
	q->prev = p;
	q->next = p->next;
	if (p->next)
		p->next->prev = q;
	p->next = q;
}

void remque(void *e)
{
	struct qelem *q = e;
	if (q->next)
		q->next->prev = q->prev;
	if (q->prev)
		q->prev->next = q->next;
}
