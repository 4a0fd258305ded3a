/*
 * kcall_path.c - paths: the working directory (getcwd, chdir), umask,
 * access, mkdir, rmdir, rename, directory listing (readdir), fsync, and
 * the in-memory /tmp (tmpfs.c) that open/stat/unlink also reach.
 *
 * Every guest path is made absolute against the process's working
 * directory and normalised ("." and ".." folded, ".." of "/" is "/")
 * before it is looked up: /dev/shmem/ names are shm objects, /tmp is the
 * in-memory directory unless --root has a tmp directory of its own, the
 * rest lives under --root (rootfs.c keeps it inside).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mmsim/kcall.h"
#include "kcall.h"
#include "mmtrace.h"
#include "rootfs.h"
#include "sim.h"
#include "tmpfs.h"
#include "trace.h"

#define GPATH_MAX 1024u

/* ---- resolution ----------------------------------------------------------- */

/* Fold "." and ".." of absolute path buf in place; -EXDEV if ".." would
 * climb above "/" (the --root rule: nothing outside the root). */
static int normalise(char *buf)
{
    char out[GPATH_MAX];
    size_t o = 0;
    const char *s = buf;
    while (*s) {
        while (*s == '/')
            s++;
        const char *e = s;
        while (*e && *e != '/')
            e++;
        size_t n = (size_t)(e - s);
        if (n == 0 || (n == 1 && s[0] == '.')) {
        } else if (n == 2 && s[0] == '.' && s[1] == '.') {
            if (o == 0)
                return -EXDEV;
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--;
        } else {
            out[o++] = '/';
            memcpy(out + o, s, n);
            o += n;
        }
        s = e;
    }
    if (o == 0)
        out[o++] = '/';
    out[o] = 0;
    memcpy(buf, out, o + 1);
    return 0;
}

int kcall_path_arg(struct call *c, uint32_t va, char *out)
{
    char in[GPATH_MAX];
    int r = kcall_name_arg(c, va, in, sizeof in);
    if (r)
        return r;
    if (!*in)
        return -ENOENT;
    const char *cwd = in[0] == '/' ? "" : c->p->cwd;
    if (strlen(cwd) + 1 + strlen(in) + 1 > GPATH_MAX)
        return -ENAMETOOLONG;
    snprintf(out, GPATH_MAX, "%s/%s", cwd, in);
    if (normalise(out)) {
        c->why = "path leaves the --root directory";
        return -EXDEV;
    }
    return 0;
}

/* The in-memory /tmp, made on first use; NULL on ENOMEM. */
static struct tmpfs *tmpfs_of(struct sim *s)
{
    if (!s->tmpfs)
        s->tmpfs = tmpfs_create();
    return s->tmpfs;
}

const char *kcall_tmpfs_rel(struct sim *s, const char *abs)
{
    if (strncmp(abs, "/tmp", 4) || (abs[4] && abs[4] != '/'))
        return NULL;
    if (s->root_fd >= 0) {              /* --root with its own tmp directory: that one */
        struct stat st;
        if (fstatat(s->root_fd, "tmp", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
            return NULL;
    }
    return abs[4] ? abs + 5 : "";
}

int kcall_tmpfs_open(struct sim *s, const char *rel, int hflags, unsigned mode)
{
    struct tmpfs *fs = tmpfs_of(s);
    return fs ? tmpfs_open(fs, rel, hflags, mode) : -ENOMEM;
}

int kcall_tmpfs_stat(struct sim *s, const char *rel, struct stat *st)
{
    struct tmpfs *fs = tmpfs_of(s);
    return fs ? tmpfs_stat(fs, rel, st) : -ENOMEM;
}

int kcall_tmpfs_unlink(struct sim *s, const char *rel)
{
    struct tmpfs *fs = tmpfs_of(s);
    return fs ? tmpfs_unlink(fs, rel) : -ENOMEM;
}

void kcall_path_fini(struct sim *s)
{
    tmpfs_destroy(s->tmpfs);
    s->tmpfs = NULL;
}

/* ---- host directories under --root ------------------------------------------ */

/* Split abs into its parent directory (opened O_PATH under root) and its
 * last component.  The parent fd, or -errno. */
static int root_parent(struct call *c, const char *abs, const char **base)
{
    if (c->p->sim->root_fd < 0) {
        c->why = "no --root given: only /tmp and /dev/shmem/ exist";
        return -ENOENT;
    }
    const char *slash = strrchr(abs, '/');
    char par[GPATH_MAX];
    memcpy(par, abs, (size_t)(slash - abs));
    par[slash - abs] = 0;
    *base = slash + 1;
    if (!**base)
        return -EBUSY;                         /* the root itself */
    int fd = rootfs_open(c->p->sim->root_fd, par, O_PATH | O_DIRECTORY, 0);
    if (fd == -EXDEV)
        c->why = "path leaves the --root directory";
    return fd;
}

/* mkdir / rmdir / unlink-like operations on a host path: op 'm', 'r'. */
static long root_dirop(struct call *c, const char *abs, char op, unsigned mode)
{
    const char *base;
    int dfd = root_parent(c, abs, &base);
    if (dfd < 0)
        return dfd;
    int r = op == 'm' ? mkdirat(dfd, base, mode) : unlinkat(dfd, base, AT_REMOVEDIR);
    r = r ? -errno : 0;
    close(dfd);
    return r;
}

/* Names of host directory dfd (consumed), sorted; *n of them.  NULL: -errno in *err. */
static char **host_names(int dfd, size_t *n, int *err)
{
    DIR *d = fdopendir(dfd);
    if (!d) {
        *err = -errno;
        close(dfd);
        return NULL;
    }
    char **v = NULL;
    size_t cap = 0;
    *n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nv = realloc(v, cap * sizeof *nv);
            if (!nv)
                break;
            v = nv;
        }
        v[(*n)++] = strdup(e->d_name);
    }
    closedir(d);
    return v ? v : calloc(1, sizeof *v);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- the calls ---------------------------------------------------------------- */

/* getcwd(buf, size): the length with its NUL, -ERANGE if it does not fit. */
static long k_getcwd(struct call *c)
{
    size_t n = strlen(c->p->cwd) + 1;
    if (c->a[1] < n)
        return -ERANGE;
    return copyout(c->p, c->a[0], c->p->cwd, (uint32_t)n) ? -EFAULT : (long)n;
}

/* stat of an absolute guest path (tmpfs or --root): 0 and *st, or -errno. */
static int path_stat(struct call *c, const char *abs, struct stat *st)
{
    const char *rel = kcall_tmpfs_rel(c->p->sim, abs);
    if (rel)
        return kcall_tmpfs_stat(c->p->sim, rel, st);
    if (!strcmp(abs, "/"))
        return st->st_mode = S_IFDIR | 0755, 0;
    if (!strcmp(abs, "/dev/null") || !strcmp(abs, "/dev/zero"))
        return st->st_mode = S_IFCHR | 0666, 0;
    if (c->p->sim->root_fd < 0)
        return -ENOENT;
    int fd = rootfs_open(c->p->sim->root_fd, abs, O_PATH, 0);
    if (fd < 0)
        return fd;
    int r = fstat(fd, st) ? -errno : 0;
    close(fd);
    return r;
}

/* chdir(path): an existing directory. */
static long k_chdir(struct call *c)
{
    char abs[GPATH_MAX];
    struct stat st = {0};
    int r = kcall_path_arg(c, c->a[0], abs);
    if (!r)
        r = path_stat(c, abs, &st);
    if (!r && !S_ISDIR(st.st_mode))
        r = -ENOTDIR;
    if (!r)
        snprintf(c->p->cwd, sizeof c->p->cwd, "%s", abs);
    return r;
}

/* umask(mask): the old mask. */
static long k_umask(struct call *c)
{
    unsigned old = c->p->umask;
    c->p->umask = c->a[0] & 0777;
    return old;
}

/* access(path, mode): existence (F_OK 0), then R_OK 4 / W_OK 2 / X_OK 1
 * against the owner/group/other bits for the effective ids; root passes
 * R and W always, X if any x bit is set. */
static long k_access(struct call *c)
{
    char abs[GPATH_MAX];
    struct stat st = {0};
    unsigned mode = c->a[1];
    if (mode & ~7u)
        return -EINVAL;
    int r = kcall_path_arg(c, c->a[0], abs);
    if (!r)
        r = path_stat(c, abs, &st);
    if (r || !mode)
        return r;
    uint32_t uid, euid, gid, egid;
    mm_proc_creds(c->p->mm, &uid, &euid, &gid, &egid);
    if (euid == 0)
        return (mode & 1) && !(st.st_mode & 0111) && !S_ISDIR(st.st_mode) ? -EACCES : 0;
    unsigned bits = euid == st.st_uid ? (st.st_mode >> 6) & 7
                  : egid == st.st_gid ? (st.st_mode >> 3) & 7 : st.st_mode & 7;
    return (bits & mode) == mode ? 0 : -EACCES;
}

static long k_mkdir(struct call *c)
{
    char abs[GPATH_MAX];
    int r = kcall_path_arg(c, c->a[0], abs);
    if (r)
        return r;
    unsigned mode = c->a[1] & ~c->p->umask & 07777;
    const char *rel = kcall_tmpfs_rel(c->p->sim, abs);
    if (rel)
        return tmpfs_of(c->p->sim) ? tmpfs_mkdir(c->p->sim->tmpfs, rel, mode) : -ENOMEM;
    return root_dirop(c, abs, 'm', mode);
}

static long k_rmdir(struct call *c)
{
    char abs[GPATH_MAX];
    int r = kcall_path_arg(c, c->a[0], abs);
    if (r)
        return r;
    const char *rel = kcall_tmpfs_rel(c->p->sim, abs);
    if (rel)
        return tmpfs_of(c->p->sim) ? tmpfs_rmdir(c->p->sim->tmpfs, rel) : -ENOMEM;
    return root_dirop(c, abs, 'r', 0);
}

/* rename(from, to): both in /tmp, or both under --root (else EXDEV). */
static long k_rename(struct call *c)
{
    char from[GPATH_MAX], to[GPATH_MAX];
    int r = kcall_path_arg(c, c->a[0], from);
    if (!r)
        r = kcall_path_arg(c, c->a[1], to);
    if (r)
        return r;
    const char *rf = kcall_tmpfs_rel(c->p->sim, from), *rt = kcall_tmpfs_rel(c->p->sim, to);
    if (!rf != !rt)
        return -EXDEV;
    if (rf)
        return tmpfs_of(c->p->sim) ? tmpfs_rename(c->p->sim->tmpfs, rf, rt) : -ENOMEM;
    const char *bf, *bt;
    int df = root_parent(c, from, &bf);
    if (df < 0)
        return df;
    int dt = root_parent(c, to, &bt);
    if (dt < 0) {
        close(df);
        return dt;
    }
    r = renameat(df, bf, dt, bt) ? -errno : 0;
    close(df);
    close(dt);
    return r;
}

/* readdir(path, index, buf, len): the index-th entry of a directory in
 * name order ("." and ".." first): 1 + "d_type\0name\0" copied (d_type
 * as Linux: 4 directory, 8 regular file, 0 unknown), 0 past the end. */
static long k_readdir(struct call *c)
{
    char abs[GPATH_MAX], name[256];
    unsigned index = c->a[1];
    bool is_dir = true;
    int r = kcall_path_arg(c, c->a[0], abs);
    if (r)
        return r;
    const char *rel = kcall_tmpfs_rel(c->p->sim, abs);
    if (index < 2) {
        struct stat st;
        if ((r = path_stat(c, abs, &st)))
            return r;
        if (!S_ISDIR(st.st_mode))
            return -ENOTDIR;
        snprintf(name, sizeof name, "%s", index ? ".." : ".");
    } else if (rel) {
        if (!tmpfs_of(c->p->sim))
            return -ENOMEM;
        r = tmpfs_entry(c->p->sim->tmpfs, rel, index - 2, name, sizeof name, &is_dir);
        if (r <= 0)
            return r;
    } else if (!strcmp(abs, "/") && c->p->sim->root_fd < 0) {
        if (index > 2)
            return 0;
        snprintf(name, sizeof name, "tmp");       /* "/" without --root holds /tmp */
    } else {
        if (c->p->sim->root_fd < 0)
            return -ENOENT;
        int dfd = rootfs_open(c->p->sim->root_fd, abs, O_RDONLY | O_DIRECTORY, 0);
        if (dfd < 0)
            return dfd;
        size_t n = 0;
        char **v = host_names(dfd, &n, &r);
        if (!v)
            return r;
        qsort(v, n, sizeof *v, cmp_str);
        r = index - 2 < n ? 1 : 0;
        if (r) {
            snprintf(name, sizeof name, "%s", v[index - 2]);
            struct stat st;
            int ef = rootfs_open(c->p->sim->root_fd, abs, O_PATH | O_DIRECTORY, 0);
            is_dir = ef >= 0 && fstatat(ef, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                     S_ISDIR(st.st_mode);
            if (ef >= 0)
                close(ef);
        }
        for (size_t i = 0; i < n; i++)
            free(v[i]);
        free(v);
        if (!r)
            return 0;
    }
    char out[260];
    out[0] = is_dir ? 4 : 8;
    out[1] = 0;
    size_t len = strlen(name) + 1;
    memcpy(out + 2, name, len);
    if (c->a[3] < len + 2)
        return -ERANGE;
    return copyout(c->p, c->a[2], out, (uint32_t)(len + 2)) ? -EFAULT : 1;
}

/* fsync / fdatasync(fd): files write through already; pipes and the
 * console are EINVAL, as Linux. */
static long k_fsync(struct call *c)
{
    int fd = (int)c->a[0];
    uint64_t pipe_id;
    if (mm_fd_oflag(c->p->mm, fd) < 0)
        return -EBADF;
    mm_fd_poll(c->p->mm, fd, &pipe_id);
    return pipe_id || mm_fd_is_console(c->p->mm, fd) ? -EINVAL : 0;
}

static const struct kcall_def path_defs[] = {
    {KC_GETCWD, "getcwd", 2, k_getcwd},
    {KC_CHDIR, "chdir", 1, k_chdir},
    {KC_UMASK, "umask", 1, k_umask},
    {KC_ACCESS, "access", 2, k_access},
    {KC_MKDIR, "mkdir", 2, k_mkdir},
    {KC_RMDIR, "rmdir", 1, k_rmdir},
    {KC_RENAME, "rename", 2, k_rename},
    {KC_READDIR, "readdir", 4, k_readdir},
    {KC_FSYNC, "fsync", 1, k_fsync},
};

const struct kcall_table kcall_path_table = KCALL_TABLE(path_defs);
