/*
 * rootfs.c - guest paths resolved inside the --root directory, never
 * outside it (see rootfs.h).
 */
#include "rootfs.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define WALK_MAX_DEPTH 128

/* The guest path as a path relative to the root: leading '/' dropped
 * ("/a/b" and "a/b" are the same file: the root is the guest's "/"). */
static const char *rel(const char *path)
{
    while (*path == '/')
        path++;
    return *path ? path : ".";
}

/* openat2 beneath the root; -ENOSYS if the host kernel has none. */
static int open_beneath(int rootfd, const char *path, int flags, unsigned mode)
{
    struct open_how how = {
        /* openat2 refuses O_PATH with any flag beyond these few */
        .flags = (uint64_t)(flags | O_CLOEXEC | ((flags & O_PATH) ? 0 : O_NOCTTY)),
        .mode = (flags & O_CREAT) ? (mode & 07777) : 0,
        .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
    };
    long fd = syscall(SYS_openat2, rootfd, path, &how, sizeof how);
    return fd < 0 ? -errno : (int)fd;
}

/* -EXDEV if name in dirfd is a symbolic link, else err. */
static int link_or(int dirfd, const char *name, int err)
{
    struct stat st;
    if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
        return -EXDEV;
    return err;
}

/* Close the fds of a walk's directory stack. */
static void walk_close(int *stack, int depth)
{
    for (int i = 0; i < depth; i++)
        close(stack[i]);
}

/* The fallback without openat2: one component at a time from the root,
 * every directory opened with O_NOFOLLOW, ".." never above the root, and
 * any symbolic link refused (-EXDEV). */
static int open_walk(int rootfd, const char *path, int flags, unsigned mode)
{
    char *copy = strdup(path), *save = NULL;
    int stack[WALK_MAX_DEPTH], depth = 0, r = 0;
    if (!copy)
        return -ENOMEM;
    char *comp = strtok_r(copy, "/", &save), *next;
    for (; comp; comp = next) {
        next = strtok_r(NULL, "/", &save);
        int cur = depth ? stack[depth - 1] : rootfd;
        if (!strcmp(comp, ".") && next)
            continue;
        if (!strcmp(comp, "..")) {
            if (!depth) {
                r = -EXDEV;
                break;
            }
            close(stack[--depth]);
            if (next)
                continue;
            comp = ".";
            cur = depth ? stack[depth - 1] : rootfd;
        }
        if (!next) {                              /* the last component */
            int fd = openat(cur, comp, flags | O_NOFOLLOW | O_CLOEXEC | ((flags & O_PATH) ? 0 : O_NOCTTY),
                            mode & 07777);
            r = fd >= 0 ? fd : link_or(cur, comp, -errno);
            if (fd >= 0 && (flags & O_PATH)) {
                struct stat st;
                if (fstat(fd, &st) == 0 && S_ISLNK(st.st_mode)) {
                    close(fd);
                    r = -EXDEV;
                }
            }
            break;
        }
        if (depth == WALK_MAX_DEPTH) {
            r = -ENAMETOOLONG;
            break;
        }
        int fd = openat(cur, comp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) {
            r = link_or(cur, comp, -errno);
            break;
        }
        stack[depth++] = fd;
    }
    walk_close(stack, depth);
    free(copy);
    return r;
}

/* Resolve and open path beneath the root, by openat2 or the walk. */
static int open_resolved(int rootfd, const char *p, int flags, unsigned mode)
{
    static int have_openat2 = -1;
    if (have_openat2 < 0)
        have_openat2 = getenv("MMSIM_NO_OPENAT2") == NULL;
    if (have_openat2) {
        int r = open_beneath(rootfd, p, flags, mode);
        if (r != -ENOSYS)
            return r;
        have_openat2 = 0;
    }
    return open_walk(rootfd, p, flags, mode);
}

int rootfs_open(int rootfd, const char *path, int flags, unsigned mode)
{
    const char *p = rel(path);
    if (flags & O_PATH)
        return open_resolved(rootfd, p, flags, mode);
    /* Never block the simulator: a FIFO, socket or device under the
     * root is opened non-blocking and then refused; only regular files
     * and directories are the guest's files. */
    int fd = open_resolved(rootfd, p, flags | O_NONBLOCK, mode);
    if (fd < 0)
        return fd;
    struct stat st;
    if (fstat(fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))) {
        close(fd);
        return -ENXIO;
    }
    if (!(flags & O_NONBLOCK))
        (void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

int rootfs_unlink(int rootfd, const char *path)
{
    const char *p = rel(path);
    const char *slash = strrchr(p, '/');
    const char *last = slash ? slash + 1 : p;
    if (!*last || !strcmp(last, ".") || !strcmp(last, ".."))
        return -EISDIR;
    char dir[4096];
    size_t n = slash ? (size_t)(slash - p) : 1;
    if (n >= sizeof dir)
        return -ENAMETOOLONG;
    memcpy(dir, slash ? p : ".", n);
    dir[n] = '\0';
    int dfd = rootfs_open(rootfd, dir, O_PATH | O_DIRECTORY, 0);
    if (dfd < 0)
        return dfd;
    int r = unlinkat(dfd, last, 0) == 0 ? 0 : -errno;
    close(dfd);
    return r;
}
