/*
 * shm.c - the POSIX shm namespace, per-process fd tables, and the calls on
 * shm fds: shm_open, shm_unlink, close, ftruncate, fstat, shm_ctl.
 *
 * The namespace is one flat array sorted by name (binary search, no hash
 * order to leak).  A name and every fd hold a reference on the object; a
 * mapping holds one more, so shm_unlink frees the name at once and the
 * object only when its last fd and mapping are gone.
 */
#include "vm.h"
#include "pipe.h"

#include <stdlib.h>
#include <string.h>

/* fstat st_mode of a shm object: a regular file (QNX S_IFREG 0100000,
 * guest_abi.h GUEST_S_IFREG) | permission bits (our choice). */
#define SHM_S_IFREG 0100000u
/* fstat st_mode of a console fd: a character device (S_IFCHR 0020000). */
#define CONSOLE_S_IFCHR 0020000u
/* fstat st_mode of a pipe end: a FIFO (S_IFIFO 0010000). */
#define PIPE_S_IFIFO 0010000u

/* The shm object behind fd, or NULL and -EBADF / -EINVAL (console). */
struct mm_obj *fd_shm(struct mm_proc *p, int fd, int *err)
{
    struct mm_fd *f = fd_get(p, fd);
    *err = !f ? -EBADF : f->kind != FD_SHM ? mm_einval(p, "fd is not a shared memory object") : 0;
    return *err ? NULL : f->obj;
}

/* The shm object or file behind fd, or NULL and -EBADF / -EINVAL (console). */
struct mm_obj *fd_obj(struct mm_proc *p, int fd, int *err)
{
    struct mm_fd *f = fd_get(p, fd);
    *err = !f ? -EBADF : f->kind != FD_SHM && f->kind != FD_FILE
                            ? mm_einval(p, "fd is not a shm object or a file") : 0;
    return *err ? NULL : f->obj;
}

/* Check a shm name and point *comp at its single component (one leading
 * '/' is optional).  0, -EINVAL or -ENAMETOOLONG. */
static int shm_name(struct mm_proc *p, const char *name, const char **comp)
{
    if (!name)
        return mm_einval(p, "shm name is NULL");
    if (name[0] == '/')
        name++;
    if (!name[0])
        return mm_einval(p, "shm name is empty");
    if (strchr(name, '/'))
        return mm_einval(p, "shm name has a '/' after the first character");
    if (strlen(name) > MM_NAME_MAX)
        return -ENAMETOOLONG;
    *comp = name;
    return 0;
}

/* Index of name in the namespace, or where it would go (*found false). */
static size_t ns_index(const struct mm *m, const char *name, bool *found)
{
    size_t lo = 0, hi = m->nnames;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(m->names[mid].name, name);
        if (c == 0) {
            *found = true;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = false;
    return lo;
}

/* Enter name -> o at index i (takes over o's creation reference). */
static int ns_insert(struct mm *m, size_t i, const char *name, struct mm_obj *o)
{
    if (m->nnames == m->names_cap) {
        size_t cap = m->names_cap ? m->names_cap * 2 : 16;
        struct mm_name *v = realloc(m->names, cap * sizeof *v);
        if (!v)
            return -ENOMEM;
        m->names = v;
        m->names_cap = cap;
    }
    char *copy = strdup(name);
    if (!copy)
        return -ENOMEM;
    memmove(&m->names[i + 1], &m->names[i], (m->nnames - i) * sizeof *m->names);
    m->names[i] = (struct mm_name){ copy, o };
    m->nnames++;
    o->named = true;
    return 0;
}

/* Remove namespace entry i and drop its reference. */
static void ns_remove(struct mm *m, size_t i)
{
    struct mm_obj *o = m->names[i].obj;
    free(m->names[i].name);
    memmove(&m->names[i], &m->names[i + 1], (m->nnames - i - 1) * sizeof *m->names);
    m->nnames--;
    o->named = false;
    obj_unref(o);
}

/* Drop every name (mm_destroy). */
void ns_clear(struct mm *m)
{
    while (m->nnames)
        ns_remove(m, m->nnames - 1);
    free(m->names);
    m->names = NULL;
    m->names_cap = 0;
}

/* Mode-bit check for unprivileged processes (uid 0 passes everything):
 * the owner's bits if the caller created it, else the "other" bits. */
static bool shm_access_ok(const struct mm_proc *p, const struct mm_obj *o, int acc)
{
    if (p->euid == MM_UID_ROOT)
        return true;
    unsigned bits = p->euid == o->uid ? (o->mode >> 6) & 7
                  : p->egid == o->gid ? (o->mode >> 3) & 7 : o->mode & 7;
    return (bits & 4) && (acc != MM_O_RDWR || (bits & 2));
}

/* Zero bytes [from, to) of o that lie in resident pages. */
static void shm_zero_bytes(struct mm_obj *o, uint64_t from, uint64_t to)
{
    paddr_t pa;
    if (from < to && obj_page(o, from >> MMSIM_PAGE_SHIFT, &pa)) {
        mm_kmem(o->m, pa + (from & MMSIM_PAGE_MASK), to - from);
        phys_zero(o->m->phys, pa + (from & MMSIM_PAGE_MASK), to - from);
    }
}

/* Resize o to len bytes (ftruncate, O_TRUNC): grow with zeroed frames,
 * shrink by unmapping and freeing the pages past the end. */
static int shm_resize(struct mm_proc *p, struct mm_obj *o, uint64_t len)
{
    if (o->populated)
        return mm_einval(p, "size is fixed after shm_ctl");
    if (len > UINT64_MAX - MMSIM_PAGE_MASK)
        return mm_einval(p, "size too large");
    uint64_t oldpg = obj_npages(o), newpg = mm_pages(len);
    if (newpg > oldpg) {
        if (obj_fill(o, oldpg, newpg - oldpg, false))
            return -ENOMEM;
        shm_zero_bytes(o, o->size, oldpg << MMSIM_PAGE_SHIFT);
    } else if (len < o->size) {
        vm_obj_truncate(o, newpg);
        if (obj_drop(o, newpg, oldpg))
            return -ENOMEM;
        shm_zero_bytes(o, len, newpg << MMSIM_PAGE_SHIFT);
    } else {
        shm_zero_bytes(o, o->size, len);
    }
    o->size = len;
    o->sized |= len != 0;
    return 0;
}

/* Copy len bytes at object offset off to (write false) or from buf, page
 * by page; absent pages read as zeros and are allocated when written. */
static int shm_copy(struct mm_obj *o, uint64_t off, bool write, uint8_t *buf, uint64_t len)
{
    for (uint64_t done = 0; done < len;) {
        uint64_t at = off + done, pg = at >> MMSIM_PAGE_SHIFT, in = at & MMSIM_PAGE_MASK;
        uint64_t chunk = MMSIM_PAGE_SIZE - in < len - done ? MMSIM_PAGE_SIZE - in : len - done;
        paddr_t pa;
        if (!obj_page(o, pg, &pa)) {
            if (!write) {
                memset(buf + done, 0, chunk);
                done += chunk;
                continue;
            }
            if (!o->owns_frames || obj_fill(o, pg, 1, false) || !obj_page(o, pg, &pa))
                return -ENOMEM;
        }
        mm_kmem(o->m, pa + in, chunk);
        if (write ? phys_write(o->m->phys, pa + in, buf + done, chunk)
                  : phys_read(o->m->phys, pa + in, buf + done, chunk))
            return -EIO;
        done += chunk;
    }
    return 0;
}

/* read()/write() of a shm fd, as Linux's tmpfs: reads stop at the size,
 * writes past it grow the object (-EFBIG once shm_ctl fixed the size);
 * O_APPEND writes at the end. */
long shm_rw(struct mm_proc *p, struct mm_fd *f, bool write, void *buf, uint32_t len)
{
    struct mm_obj *o = f->obj;
    uint64_t off = write && (f->oflag & MM_O_APPEND) ? o->size : f->off;
    if (!write) {
        if (off >= o->size)
            return 0;
        if (len > o->size - off)
            len = (uint32_t)(o->size - off);
    } else if (off + len > o->size) {
        if (o->populated)
            return -EFBIG;
        int r = shm_resize(p, o, off + len);
        if (r)
            return r == -EINVAL ? -EFBIG : r;
    }
    int r = shm_copy(o, off, write, buf, len);
    if (r)
        return r;
    f->off = off + len;
    return (long)len;
}

/* Open an existing object with the checks of oflag. */
static int shm_open_existing(struct mm_proc *p, struct mm_obj *o, int oflag)
{
    int acc = oflag & MM_O_ACCMODE;
    if ((oflag & MM_O_CREAT) && (oflag & MM_O_EXCL))
        return -EEXIST;
    if (!shm_access_ok(p, o, acc))
        return -EACCES;
    if (!(oflag & MM_O_TRUNC))
        return 0;
    if (acc != MM_O_RDWR)                /* as Linux: truncation needs write */
        return -EACCES;
    return shm_resize(p, o, 0);          /* -EINVAL once shm_ctl'ed (our choice) */
}

/* shm_open: returns the lowest free fd or -errno. */
int mm_shm_open(struct mm_proc *p, const char *name, int oflag, unsigned mode)
{
    const char *comp;
    int r = shm_name(p, name, &comp);
    if (r)
        return r;
    int acc = oflag & MM_O_ACCMODE;
    if (acc != MM_O_RDONLY && acc != MM_O_RDWR)
        return mm_einval(p, "shm_open needs O_RDONLY or O_RDWR");
    int fd = fd_alloc(p);
    if (fd < 0)
        return fd;
    bool found;
    size_t i = ns_index(p->m, comp, &found);
    struct mm_obj *o;
    if (found) {
        o = p->m->names[i].obj;
        if ((r = shm_open_existing(p, o, oflag)))
            return r;
    } else {
        if (!(oflag & MM_O_CREAT))
            return -ENOENT;
        if (!(o = obj_create(p->m, OBJ_SHM)))
            return -ENOMEM;
        o->mode = mode & 0777;
        o->uid = p->euid;                /* owned by the effective ids, as files are */
        o->gid = p->egid;
        if (ns_insert(p->m, i, comp, o)) {
            obj_unref(o);
            return -ENOMEM;
        }
    }
    obj_ref(o);
    if ((r = fd_install(p, fd, FD_SHM, oflag, o))) {
        obj_unref(o);
        return r;
    }
    return fd;
}

/* shm_unlink: the name goes at once.  Only the owner or root may unlink,
 * as in Linux's /dev/shm (a sticky directory): -EACCES for others. */
int mm_shm_unlink(struct mm_proc *p, const char *name)
{
    const char *comp;
    int r = shm_name(p, name, &comp);
    if (r)
        return r;
    bool found;
    size_t i = ns_index(p->m, comp, &found);
    if (!found)
        return -ENOENT;
    const struct mm_obj *o = p->m->names[i].obj;
    if (p->euid != MM_UID_ROOT && p->euid != o->uid)
        return -EACCES;
    ns_remove(p->m, i);
    return 0;
}

/* ftruncate: -EBADF, -EINVAL (console, not opened for writing, after
 * shm_ctl), -ENOMEM. */
int mm_ftruncate(struct mm_proc *p, int fd, uint64_t len)
{
    int err;
    if (mm_fd_is_file(p, fd))
        return file_ftruncate(p, fd, len);
    struct mm_obj *o = fd_shm(p, fd, &err);
    if (!o)
        return err;
    if ((fd_get(p, fd)->oflag & MM_O_ACCMODE) != MM_O_RDWR)
        return mm_einval(p, "ftruncate on an fd not opened for writing");
    return shm_resize(p, o, len);
}

/* fstat: size, mode, nlink, ino = object id, shm_ctl flags. */
int mm_fstat(struct mm_proc *p, int fd, struct mm_stat *st)
{
    struct mm_fd *f = fd_get(p, fd);
    if (!f)
        return -EBADF;
    if (f->kind == FD_CONSOLE) {
        *st = (struct mm_stat){ .mode = CONSOLE_S_IFCHR | 0620, .nlink = 1 };
        return 0;
    }
    if (f->kind == FD_NULL || f->kind == FD_ZERO) {
        *st = (struct mm_stat){ .mode = CONSOLE_S_IFCHR | 0666, .nlink = 1 };
        return 0;
    }
    if (f->kind == FD_PIPE) {
        *st = (struct mm_stat){ .ino = f->pipe->id, .mode = PIPE_S_IFIFO | 0600, .nlink = 1 };
        return 0;
    }
    if (f->kind == FD_FILE)
        return file_fstat(f->obj, st);
    const struct mm_obj *o = f->obj;
    *st = (struct mm_stat){
        .ino = o->id, .size = o->size, .mode = SHM_S_IFREG | o->mode,
        .nlink = o->named ? 1 : 0, .objflags = o->flags, .uid = o->uid, .gid = o->gid,
    };
    return 0;
}

/* SHMCTL_PHYS alone: o becomes the physical range [paddr, paddr+size). */
static int shmctl_phys(struct mm_proc *p, struct mm_obj *o, uint64_t paddr, uint64_t size)
{
    if ((paddr | size) & MMSIM_PAGE_MASK)
        return mm_einval(p, "SHMCTL_PHYS paddr and size must be page multiples");
    if (!p->privileged)
        return -EPERM;
    if (paddr > UINT64_MAX - size || phys_kind(p->m->phys, paddr, size) == PHYS_NONE)
        return mm_einval(p, "SHMCTL_PHYS range is neither RAM nor one device window");
    if (obj_insert(o, 0, paddr, size >> MMSIM_PAGE_SHIFT))
        return -ENOMEM;
    o->owns_frames = false;
    return 0;
}

/* The checks every shm_ctl makes before touching memory. */
static int shmctl_check(struct mm_proc *p, const struct mm_obj *o, int flags,
                        uint64_t size, uint32_t special)
{
    const char *why;
    if (!(flags & (MM_SHMCTL_ANON | MM_SHMCTL_PHYS)))
        return mm_einval(p, "neither SHMCTL_ANON nor SHMCTL_PHYS");
    if ((flags & MM_SHMCTL_ANON) && (flags & MM_SHMCTL_PHYS) && (flags & MM_SHMCTL_LAZY))
        return mm_einval(p, "SHMCTL_LAZY with SHMCTL_ANON|SHMCTL_PHYS");
    if (size == 0)
        return mm_einval(p, "shm_ctl size 0");
    if (size > UINT64_MAX - MMSIM_PAGE_MASK)
        return mm_einval(p, "shm_ctl size too large");
    if (o->populated)
        return mm_einval(p, special ? "object is already special"
                                    : "shm_ctl already done on this object");
    if (o->size || o->sized)
        return mm_einval(p, "object was already sized by ftruncate");
    if (special && mmu_check_special(p->m->mmu, special, &why))
        return mm_einval(p, why ? why : "special bits invalid for this CPU");
    return 0;
}

/* shm_ctl / shm_ctl_special: populate an empty object once (REFERENCE.md
 * section 2).  Unknown flag bits are kept; HAS_SPECIAL is ours to set. */
int mm_shm_ctl(struct mm_proc *p, int fd, int flags, uint64_t paddr, uint64_t size,
               bool has_special, uint32_t special)
{
    int err;
    struct mm_obj *o = fd_shm(p, fd, &err);
    if (!o)
        return err;
    if (!has_special)
        special = 0;
    flags &= ~MM_SHMCTL_HAS_SPECIAL;
    if ((err = shmctl_check(p, o, flags, size, special)))
        return err;
    uint64_t npages = mm_pages(size);
    if (!(flags & MM_SHMCTL_ANON))
        err = shmctl_phys(p, o, paddr, size);
    else if (flags & MM_SHMCTL_PHYS)
        err = obj_fill(o, 0, npages, true);
    else if (!(flags & MM_SHMCTL_LAZY))
        err = obj_fill(o, 0, npages, false);
    if (err)
        return err;
    o->size = npages << MMSIM_PAGE_SHIFT;   /* the object is the RAM given: whole pages */
    o->flags = (uint32_t)flags | (special ? MM_SHMCTL_HAS_SPECIAL : 0);
    o->special = special;
    o->populated = true;
    return 0;
}
