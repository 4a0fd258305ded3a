/*
 * tmpfs.c - the in-memory /tmp (see tmpfs.h).  A flat array of nodes
 * named by their path below /tmp; /tmp itself is implicit.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "tmpfs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define TMPFS_DEV 0x746d7066u   /* st_dev of directories ("tmpf") */
#define TMPFS_MAX 4096u         /* nodes: past this, -ENOSPC */

struct tmpnode {
    char    *path;              /* below /tmp, never "" */
    bool     dir;
    int      memfd;             /* files: the contents */
    unsigned mode;              /* permission bits */
    uint64_t ino;               /* directories: a stable number */
};

struct tmpfs {
    struct tmpnode *v;
    size_t          n, cap;
    uint64_t        next_ino;
};

struct tmpfs *tmpfs_create(void)
{
    return calloc(1, sizeof(struct tmpfs));
}

void tmpfs_destroy(struct tmpfs *fs)
{
    if (!fs)
        return;
    for (size_t i = 0; i < fs->n; i++) {
        if (!fs->v[i].dir)
            close(fs->v[i].memfd);
        free(fs->v[i].path);
    }
    free(fs->v);
    free(fs);
}

/* The node at rel, or NULL. */
static struct tmpnode *find(struct tmpfs *fs, const char *rel)
{
    for (size_t i = 0; i < fs->n; i++)
        if (!strcmp(fs->v[i].path, rel))
            return &fs->v[i];
    return NULL;
}

/* Whether rel's parent is an existing directory: 0, -ENOENT, -ENOTDIR. */
static int parent_ok(struct tmpfs *fs, const char *rel)
{
    const char *slash = strrchr(rel, '/');
    if (!slash)
        return 0;                                 /* directly in /tmp */
    char par[1024];
    size_t n = (size_t)(slash - rel);
    if (n >= sizeof par)
        return -ENAMETOOLONG;
    memcpy(par, rel, n);
    par[n] = 0;
    struct tmpnode *d = find(fs, par);
    return !d ? -ENOENT : d->dir ? 0 : -ENOTDIR;
}

/* Append a node (path copied).  The node or NULL (ENOMEM / ENOSPC). */
static struct tmpnode *add(struct tmpfs *fs, const char *rel, bool dir, unsigned mode)
{
    if (fs->n >= TMPFS_MAX)
        return NULL;
    if (fs->n == fs->cap) {
        size_t cap = fs->cap ? fs->cap * 2 : 16;
        struct tmpnode *v = realloc(fs->v, cap * sizeof *v);
        if (!v)
            return NULL;
        fs->v = v;
        fs->cap = cap;
    }
    char *path = strdup(rel);
    if (!path)
        return NULL;
    struct tmpnode *t = &fs->v[fs->n++];
    *t = (struct tmpnode){ path, dir, -1, mode & 07777, ++fs->next_ino };
    return t;
}

/* Remove node t (its memfd closed). */
static void drop(struct tmpfs *fs, struct tmpnode *t)
{
    if (!t->dir)
        close(t->memfd);
    free(t->path);
    *t = fs->v[--fs->n];
}

int tmpfs_open(struct tmpfs *fs, const char *rel, int flags, unsigned mode)
{
    if (!*rel)
        return -EISDIR;                           /* /tmp itself: no directory fds */
    struct tmpnode *t = find(fs, rel);
    if (t && (flags & O_CREAT) && (flags & O_EXCL))
        return -EEXIST;
    if (!t) {
        int r = parent_ok(fs, rel);
        if (r)
            return r;
        if (!(flags & O_CREAT))
            return -ENOENT;
        int mfd = memfd_create("mmsim-tmp", MFD_CLOEXEC);
        if (mfd < 0)
            return -ENOMEM;
        if (!(t = add(fs, rel, false, mode))) {
            close(mfd);
            return -ENOSPC;
        }
        t->memfd = mfd;
        fchmod(mfd, t->mode);
    }
    if (t->dir)
        return -EISDIR;
    if (flags & O_DIRECTORY)
        return -ENOTDIR;
    int fd = fcntl(t->memfd, F_DUPFD_CLOEXEC, 0);
    return fd < 0 ? -EMFILE : fd;
}

int tmpfs_stat(struct tmpfs *fs, const char *rel, struct stat *st)
{
    memset(st, 0, sizeof *st);
    struct tmpnode *t = *rel ? find(fs, rel) : NULL;
    if (*rel && !t)
        return parent_ok(fs, rel) == -ENOTDIR ? -ENOTDIR : -ENOENT;
    if (t && !t->dir) {
        if (fstat(t->memfd, st) != 0)
            return -EIO;
        st->st_mode = S_IFREG | t->mode;
        return 0;
    }
    st->st_dev = TMPFS_DEV;
    st->st_ino = t ? t->ino : 0;
    st->st_mode = S_IFDIR | (t ? t->mode : 01777);
    st->st_nlink = 2;
    return 0;
}

int tmpfs_unlink(struct tmpfs *fs, const char *rel)
{
    struct tmpnode *t = *rel ? find(fs, rel) : NULL;
    if (!*rel)
        return -EISDIR;
    if (!t)
        return parent_ok(fs, rel) == -ENOTDIR ? -ENOTDIR : -ENOENT;
    if (t->dir)
        return -EISDIR;
    drop(fs, t);
    return 0;
}

int tmpfs_mkdir(struct tmpfs *fs, const char *rel, unsigned mode)
{
    if (!*rel || find(fs, rel))
        return -EEXIST;
    int r = parent_ok(fs, rel);
    if (r)
        return r;
    return add(fs, rel, true, mode) ? 0 : -ENOSPC;
}

/* True if some node lies below directory rel. */
static bool has_children(struct tmpfs *fs, const char *rel)
{
    size_t n = strlen(rel);
    for (size_t i = 0; i < fs->n; i++)
        if (!strncmp(fs->v[i].path, rel, n) && fs->v[i].path[n] == '/')
            return true;
    return false;
}

int tmpfs_rmdir(struct tmpfs *fs, const char *rel)
{
    if (!*rel)
        return -EBUSY;
    struct tmpnode *t = find(fs, rel);
    if (!t)
        return -ENOENT;
    if (!t->dir)
        return -ENOTDIR;
    if (has_children(fs, rel))
        return -ENOTEMPTY;
    drop(fs, t);
    return 0;
}

/* Give node path p (below `from`) the prefix `to` instead.  0 or -ENOMEM. */
static int reprefix(char **p, size_t from_len, const char *to)
{
    size_t tl = strlen(to), rest = strlen(*p + from_len);
    char *np = malloc(tl + rest + 1);
    if (!np)
        return -ENOMEM;
    memcpy(np, to, tl);
    memcpy(np + tl, *p + from_len, rest + 1);
    free(*p);
    *p = np;
    return 0;
}

int tmpfs_rename(struct tmpfs *fs, const char *from, const char *to)
{
    struct tmpnode *s = *from ? find(fs, from) : NULL;
    if (!*from || !*to)
        return -EBUSY;
    if (!s)
        return -ENOENT;
    size_t fl = strlen(from);
    if (!strcmp(from, to))
        return 0;
    if (s->dir && !strncmp(to, from, fl) && to[fl] == '/')
        return -EINVAL;                          /* into itself */
    int r = parent_ok(fs, to);
    if (r)
        return r;
    struct tmpnode *d = find(fs, to);
    if (d) {
        if (s->dir && !d->dir)
            return -ENOTDIR;
        if (!s->dir && d->dir)
            return -EISDIR;
        if (d->dir && has_children(fs, to))
            return -ENOTEMPTY;
        size_t si = (size_t)(s - fs->v);
        drop(fs, d);
        if (si == fs->n)                         /* s was moved into d's slot */
            s = d;
    }
    if (s->dir)
        for (size_t i = 0; i < fs->n; i++)
            if (!strncmp(fs->v[i].path, from, fl) && fs->v[i].path[fl] == '/' &&
                (r = reprefix(&fs->v[i].path, fl, to)))
                return r;
    return reprefix(&s->path, fl, to);
}

int tmpfs_entry(struct tmpfs *fs, const char *rel, unsigned index, char *name, unsigned max,
                bool *is_dir)
{
    struct stat st;
    int r = tmpfs_stat(fs, rel, &st);
    if (r)
        return r;
    if (!S_ISDIR(st.st_mode))
        return -ENOTDIR;
    size_t n = strlen(rel);
    const char *prev = NULL;            /* the entries in name order: pick the index-th */
    for (unsigned k = 0; k <= index; k++) {
        const char *best = NULL;
        bool bdir = false;
        for (size_t i = 0; i < fs->n; i++) {
            const char *p = fs->v[i].path, *base;
            if (n ? strncmp(p, rel, n) || p[n] != '/' : 0)
                continue;
            base = n ? p + n + 1 : p;
            if (strchr(base, '/'))
                continue;
            if ((!prev || strcmp(base, prev) > 0) && (!best || strcmp(base, best) < 0)) {
                best = base;
                bdir = fs->v[i].dir;
            }
        }
        if (!best)
            return 0;
        prev = best;
        *is_dir = bdir;
    }
    if (strlen(prev) + 1 > max)
        return -ENAMETOOLONG;
    strcpy(name, prev);
    return 1;
}
