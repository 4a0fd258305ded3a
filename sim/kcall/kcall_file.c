/*
 * kcall_file.c - files under --root (open, read, write, lseek, stat,
 * unlink; close/ftruncate/fstat/mmap are the shm calls' and reach the same
 * fd table) and the rest of the mmap family (mremap, mlock, munlock,
 * mlockall, munlockall, posix_madvise).
 *
 * Paths are resolved by rootfs.c, never outside --root; the memory
 * manager owns the host descriptors from then on (memmgr/file.c) and does
 * the work.  The dispatcher flushes the TLB when the page table asks.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mmsim/guest_abi.h"
#include "mmsim/kcall.h"
#include "kcall.h"
#include "mmtrace.h"
#include "rootfs.h"
#include "sim.h"
#include "trace.h"

#define PATH_MAX_GUEST 1024u
#define RW_CHUNK 65536u
#define SHMEM_PREFIX "/dev/shmem/"

/* ---- files ---------------------------------------------------------------- */

/* The --root directory, or -1 with c->why set. */
static int root_of(struct call *c)
{
    if (c->p->sim->root_fd < 0)
        c->why = "no --root given: only /dev/shmem/ names exist";
    return c->p->sim->root_fd;
}

/* A host errno from path resolution, with the reason for an escape. */
static long path_err(struct call *c, long r)
{
    if (r == -EXDEV)
        c->why = "path leaves the --root directory";
    return r;
}

/* open() of a file: host flags from QNX ones (O_TRUNC and O_APPEND are the
 * memory manager's), read-write on the host for any writer.  The path is
 * fetched again from c->a[0] and made absolute against the working
 * directory (`name` is k_open's copy, already checked for /dev/shmem/);
 * /dev/null, /dev/zero and the in-memory /tmp are served here too. */
long kcall_file_open(struct call *c, const char *name)
{
    char path[PATH_MAX_GUEST];
    int r = kcall_path_arg(c, c->a[0], path);      /* absolute, against the cwd */
    if (r)
        return r;
    (void)name;
    if (!strcmp(path, "/dev/null") || !strcmp(path, "/dev/zero"))
        return tm_open_device(c->p, path[5] == 'n' ? MM_DEV_NULL : MM_DEV_ZERO, (int)c->a[1]);
    int oflag = (int)c->a[1], acc = oflag & MM_O_ACCMODE;
    if (acc == MM_O_ACCMODE)
        return -EINVAL;
    int hflags = acc == MM_O_RDONLY ? O_RDONLY : O_RDWR;
    if (oflag & MM_O_CREAT)
        hflags |= O_CREAT;
    if (oflag & MM_O_EXCL)
        hflags |= O_EXCL;
    unsigned mode = c->a[2] & 0777 & ~c->p->umask;
    const char *rel = kcall_tmpfs_rel(c->p->sim, path);
    if (rel) {                                      /* the in-memory /tmp */
        int hfd = kcall_tmpfs_open(c->p->sim, rel, hflags, mode);
        return hfd < 0 ? hfd : tm_file_open(c->p, hfd, oflag);
    }
    int root = root_of(c);
    if (root < 0)
        return -ENOENT;
    int hfd = rootfs_open(root, path, hflags, mode);
    if (hfd < 0)
        return path_err(c, hfd);
    return tm_file_open(c->p, hfd, oflag);
}

/* read()/write() of a non-console fd: files in chunks; other kinds are
 * kcall_fd.c's. */
long kcall_file_rw(struct call *c, bool write)
{
    struct proc *p = c->p;
    int fd = (int)c->a[0];
    if (!mm_fd_is_file(p->mm, fd))
        return kcall_fd_rw(c, write);     /* pipes, devices, shm objects */
    uint32_t va = c->a[1], len = c->a[2], done = 0;
    uint8_t *buf = malloc(RW_CHUNK);
    if (!buf)
        return -ENOMEM;
    long r = 0;
    while (done < len) {
        uint32_t n = len - done < RW_CHUNK ? len - done : RW_CHUNK;
        if (write) {
            if (copyin(p, buf, va + done, n)) {
                r = -EFAULT;
                break;
            }
            r = tm_rw(p, true, fd, buf, n);
        } else {
            r = tm_rw(p, false, fd, buf, n);
            if (r > 0 && copyout(p, va + done, buf, (uint32_t)r))
                r = -EFAULT;
        }
        if (r <= 0)
            break;
        done += (uint32_t)r;
        if ((uint32_t)r < n)
            break;
    }
    free(buf);
    return done ? (long)done : r;
}

/* lseek(fd, off64, whence, &result). */
static long k_lseek(struct call *c)
{
    uint64_t res = 0;
    int r = tm_lseek(c->p, (int)c->a[0], (int64_t)kcall_arg64(c, 1), (int)c->a[3], &res);
    if (r)
        return r == -EINVAL ? (c->why = mm_last_reason(c->p->mm), r) : r;
    uint8_t o[8];
    p64(c->p, o, res);
    return copyout(c->p, c->a[4], o, sizeof o);
}

/* stat(path, st): a file or directory under --root. */
static long k_stat(struct call *c)
{
    struct proc *p = c->p;
    char path[PATH_MAX_GUEST];
    int r = kcall_path_arg(c, c->a[0], path);
    if (r)
        return r;
    struct stat hs;
    uint64_t ino = 0;
    const char *rel = kcall_tmpfs_rel(p->sim, path);
    if (rel) {
        r = kcall_tmpfs_stat(p->sim, rel, &hs);
    } else {
        int root = root_of(c);
        if (root < 0)
            return -ENOENT;
        int hfd = rootfs_open(root, path, O_PATH, 0);
        if (hfd < 0)
            return path_err(c, hfd);
        r = fstat(hfd, &hs) == 0 ? 0 : -errno;
        close(hfd);
    }
    if (!r)
        r = tm_file_ino(p, (uint64_t)hs.st_dev, (uint64_t)hs.st_ino, &ino);
    if (r)
        return r;
    uint8_t g[GUEST_STAT_SIZE] = {0};
    p64(p, g + 0, ino);
    p64(p, g + 8, (uint64_t)hs.st_size);
    p32(p, g + 16, MM_FILE_DEV);
    p32(p, g + 24, hs.st_uid);
    p32(p, g + 28, hs.st_gid);
    p32(p, g + 44, hs.st_mode);
    p32(p, g + 48, (uint32_t)hs.st_nlink);
    p32(p, g + 52, MMSIM_PAGE_SIZE);
    p64(p, g + 56, ((uint64_t)hs.st_size + 511) / 512);
    return copyout(p, c->a[1], g, sizeof g);
}

/* unlink(path): a /dev/shmem/ name is shm_unlink, anything else a file
 * under --root (an open or mapped file lives on, as on Linux). */
static long k_unlink(struct call *c)
{
    char path[PATH_MAX_GUEST];
    int r = kcall_path_arg(c, c->a[0], path);
    if (r)
        return r;
    if (!strncmp(path, SHMEM_PREFIX, sizeof SHMEM_PREFIX - 1))
        return tm_shm_unlink(c->p, path + sizeof SHMEM_PREFIX - 2);
    const char *rel = kcall_tmpfs_rel(c->p->sim, path);
    if (rel)
        return kcall_tmpfs_unlink(c->p->sim, rel);
    int root = root_of(c);
    if (root < 0)
        return -ENOENT;
    return path_err(c, rootfs_unlink(root, path));
}

/* ---- the rest of the mmap family ------------------------------------------ */

/* Record the reason of an -EINVAL from the memory manager. */
static long mm_ret(struct call *c, long r)
{
    if (r == -EINVAL)
        c->why = mm_last_reason(c->p->mm);
    return r;
}

static long k_mremap(struct call *c)
{
    uint32_t out = 0;
    int r = tm_mremap(c->p, c->a[0], c->a[1], c->a[2], (int)c->a[3], c->a[4], &out);
    return r ? mm_ret(c, r) : (long)out;
}

static long k_mlock(struct call *c)
{
    long lim = sys_check_mlock(c->p, c->a[0], c->a[1], false);   /* RLIMIT_MEMLOCK */
    return lim ? lim : mm_ret(c, tm_mlock(c->p, true, c->a[0], c->a[1]));
}

static long k_munlock(struct call *c)
{
    return mm_ret(c, tm_mlock(c->p, false, c->a[0], c->a[1]));
}

static long k_mlockall(struct call *c)
{
    long lim = (c->a[0] & MM_MCL_CURRENT) ? sys_check_mlock(c->p, 0, 0, true) : 0;
    return lim ? lim : mm_ret(c, tm_mlockall(c->p, (int)c->a[0]));
}

static long k_munlockall(struct call *c)
{
    return tm_munlockall(c->p);
}

static long k_madvise(struct call *c)
{
    return mm_ret(c, tm_madvise(c->p, c->a[0], c->a[1], (int)c->a[2]));
}

static const struct kcall_def file_defs[] = {
    {KC_STAT, "stat", 2, k_stat},
    {KC_LSEEK, "lseek", 5, k_lseek},
    {KC_UNLINK, "unlink", 1, k_unlink},
    {KC_MREMAP, "mremap", 5, k_mremap},
    {KC_MLOCK, "mlock", 2, k_mlock},
    {KC_MUNLOCK, "munlock", 2, k_munlock},
    {KC_MLOCKALL, "mlockall", 1, k_mlockall},
    {KC_MUNLOCKALL, "munlockall", 0, k_munlockall},
    {KC_MADVISE, "posix_madvise", 3, k_madvise},
};

const struct kcall_table kcall_file_table = KCALL_TABLE(file_defs);
