/*
 * file.c - regular files behind guest fds: one page-cache object per
 * host file, read/write/lseek/ftruncate/fstat, page-in on fault and
 * write-back of shared mappings (see the notes in mmsim/memmgr.h).
 */
#include "file.h"
#include "pipe.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the table of host files ------------------------------------------ */

/* Slot of host file (hdev, hino), appended if new.  0 or -ENOMEM. */
static int file_slot(struct mm *m, uint64_t hdev, uint64_t hino, size_t *slot)
{
    for (size_t i = 0; i < m->nfiles; i++)
        if (m->files[i].hdev == hdev && m->files[i].hino == hino) {
            *slot = i;
            return 0;
        }
    if (m->nfiles == m->files_cap) {
        size_t cap = m->files_cap ? m->files_cap * 2 : 16;
        struct mm_file_id *v = realloc(m->files, cap * sizeof *v);
        if (!v)
            return -ENOMEM;
        m->files = v;
        m->files_cap = cap;
    }
    m->files[m->nfiles] = (struct mm_file_id){ hdev, hino, m->nfiles + 1, NULL };
    *slot = m->nfiles++;
    return 0;
}

int mm_file_ino(struct mm *m, uint64_t hdev, uint64_t hino, uint64_t *gino)
{
    size_t i;
    int r = file_slot(m, hdev, hino, &i);
    if (!r)
        *gino = m->files[i].gino;
    return r;
}

/* Free the table and its names (mm_destroy, after every object). */
void file_table_clear(struct mm *m)
{
    free(m->files);
    m->files = NULL;
    m->nfiles = m->files_cap = 0;
}

/* The object is going: close its host file, forget it in the table. */
static void file_obj_release(struct mm_obj *o)
{
    o->m->files[o->file_slot].obj = NULL;
    close(o->hostfd);
}

/* ---- pages ------------------------------------------------------------ */

/* Read page pg of o from the host file into a new zeroed frame.  0 or -errno. */
int file_page_in(struct mm_obj *o, uint64_t pg)
{
    uint8_t buf[MMSIM_PAGE_SIZE];
    paddr_t pa;
    int r = obj_fill(o, pg, 1, false);
    if (r)
        return r;
    uint64_t off = pg << MMSIM_PAGE_SHIFT;
    ssize_t n = off < o->size ? pread(o->hostfd, buf, sizeof buf, (off_t)off) : 0;
    if (n < 0) {
        obj_drop(o, pg, pg + 1);
        return -EIO;
    }
    if (n > 0 && obj_page(o, pg, &pa) &&
        (mm_kmem(o->m, pa, (uint64_t)n), phys_write(o->m->phys, pa, buf, (uint64_t)n))) {
        obj_drop(o, pg, pg + 1);
        return -EIO;
    }
    return 0;
}

/* Write the resident pages of [pg0, pg1) back, clipped at the size. */
int file_writeback(struct mm_obj *o, uint64_t pg0, uint64_t pg1)
{
    uint8_t buf[MMSIM_PAGE_SIZE];
    uint64_t pg = pg0, end = obj_npages(o);
    if (pg1 > end)
        pg1 = end;
    if (!o->host_writable)
        return 0;        /* never opened for writing: nothing can be dirty */
    int r = 0;
    while (pg < pg1 && obj_next_page(o, pg, &pg) && pg < pg1) {
        paddr_t pa;
        uint64_t off = pg << MMSIM_PAGE_SHIFT;
        uint64_t n = o->size - off < MMSIM_PAGE_SIZE ? o->size - off : MMSIM_PAGE_SIZE;
        obj_page(o, pg, &pa);
        mm_kmem(o->m, pa, n);                 /* the cache model makes RAM current */
        if (phys_read(o->m->phys, pa, buf, n) ||
            pwrite(o->hostfd, buf, n, (off_t)off) != (ssize_t)n)
            r = -EIO;
        pg++;
    }
    return r;
}

static const struct obj_ops file_ops = { .release = file_obj_release, .writeback = file_writeback };

/* ---- open, read, write, lseek --------------------------------------- */

/* The page-cache object of the host file behind hostfd, whose fstat is
 * *st (taking hostfd over, or closing it when an object with a good
 * enough fd exists). */
static int file_object(struct mm_proc *p, int hostfd, const struct stat *stp, bool writable,
                       struct mm_obj **out)
{
    struct stat st = *stp;
    size_t slot;
    if (S_ISDIR(st.st_mode))
        return -EISDIR;
    if (!S_ISREG(st.st_mode))
        return -ENODEV;
    int r = file_slot(p->m, (uint64_t)st.st_dev, (uint64_t)st.st_ino, &slot);
    if (r)
        return r;
    struct mm_obj *o = p->m->files[slot].obj;
    if (o) {
        obj_ref(o);
        if (writable && !o->host_writable) {     /* upgrade the paging fd */
            close(o->hostfd);
            o->hostfd = hostfd;
            o->host_writable = true;
        } else {
            close(hostfd);
        }
        *out = o;
        return 0;
    }
    if (!(o = obj_create(p->m, OBJ_FILE)))
        return -ENOMEM;
    o->size = (uint64_t)st.st_size;
    o->mode = st.st_mode & 07777;
    o->uid = st.st_uid;
    o->hostfd = hostfd;
    o->host_writable = writable;
    o->file_slot = slot;
    o->ops = &file_ops;
    p->m->files[slot].obj = o;
    *out = o;
    return 0;
}

bool mm_fd_is_file(const struct mm_proc *p, int fd)
{
    struct mm_fd *f = fd_get(p, fd);
    return f && f->kind == FD_FILE;
}

int mm_file_open(struct mm_proc *p, int hostfd, int oflag)
{
    struct stat st;
    if (fstat(hostfd, &st) != 0) {
        close(hostfd);
        return -EIO;
    }
    return mm_file_open_stat(p, hostfd, oflag, &st);
}

int mm_file_open_stat(struct mm_proc *p, int hostfd, int oflag, const struct stat *st)
{
    int acc = oflag & MM_O_ACCMODE, fd = fd_alloc(p), r;
    bool writable = acc == MM_O_WRONLY || acc == MM_O_RDWR;
    struct mm_obj *o;
    if (fd < 0) {
        close(hostfd);
        return fd;
    }
    if ((r = file_object(p, hostfd, st, writable, &o))) {
        close(hostfd);
        return r;
    }
    if ((oflag & MM_O_TRUNC) && writable && (r = file_resize(p, o, 0))) {
        obj_unref(o);
        return r;
    }
    if ((r = fd_install(p, fd, FD_FILE, oflag, o))) {
        obj_unref(o);
        return r;
    }
    return fd;
}

/* The file fd open for reading (want_write false) or writing, or NULL. */
static struct mm_fd *file_fd(struct mm_proc *p, int fd, bool want_write)
{
    struct mm_fd *f = fd_get(p, fd);
    if (!f || f->kind != FD_FILE)
        return NULL;
    int acc = f->oflag & MM_O_ACCMODE;
    if (want_write ? acc == MM_O_RDONLY : acc == MM_O_WRONLY)
        return NULL;
    return f;
}

/* read/write of the kinds that are not files: pipes, /dev/null,
 * /dev/zero, shm objects. */
static long other_rw(struct mm_proc *p, int fd, bool write, void *buf, uint32_t len)
{
    struct mm_fd *f = fd_get(p, fd);
    if (!f)
        return -EBADF;
    int acc = f->oflag & MM_O_ACCMODE;
    if (f->kind != FD_PIPE && f->kind != FD_FILE && (write ? acc == MM_O_RDONLY : acc == MM_O_WRONLY))
        return -EBADF;
    switch (f->kind) {
    case FD_PIPE:
        return write ? pipe_fd_write(p->m, f, buf, len) : pipe_fd_read(p->m, f, buf, len);
    case FD_NULL:
        return write ? (long)len : 0;
    case FD_ZERO:
        if (!write)
            memset(buf, 0, len);
        return (long)len;
    case FD_SHM:
        return shm_rw(p, f, write, buf, len);
    default:
        return -EBADF;     /* the console is the simulator's */
    }
}

long mm_read(struct mm_proc *p, int fd, void *buf, uint32_t len)
{
    struct mm_fd *g = fd_get(p, fd);
    if (!g || g->kind != FD_FILE)
        return other_rw(p, fd, false, buf, len);
    struct mm_fd *f = file_fd(p, fd, false);
    if (!f)
        return -EBADF;
    struct mm_obj *o = f->obj;
    if (f->off >= o->size)
        return 0;
    uint64_t n = o->size - f->off < len ? o->size - f->off : len, done = 0;
    while (done < n) {                 /* page by page: the cache if resident */
        uint64_t off = f->off + done, pg = off >> MMSIM_PAGE_SHIFT;
        uint64_t chunk = MMSIM_PAGE_SIZE - (off & MMSIM_PAGE_MASK);
        paddr_t pa;
        if (chunk > n - done)
            chunk = n - done;
        if (obj_page(o, pg, &pa)) {
            mm_kmem(p->m, pa + (off & MMSIM_PAGE_MASK), chunk);
            if (phys_read(p->m->phys, pa + (off & MMSIM_PAGE_MASK), (uint8_t *)buf + done, chunk))
                return -EIO;
        } else {
            ssize_t got = pread(o->hostfd, (uint8_t *)buf + done, chunk, (off_t)off);
            if (got < 0)
                return done ? (long)done : -EIO;
            if ((uint64_t)got < chunk)        /* shrunk behind our back: zeros */
                memset((uint8_t *)buf + done + got, 0, chunk - (uint64_t)got);
        }
        done += chunk;
    }
    f->off += n;
    return (long)n;
}

/* Largest file the guest may make (its off_t is 64-bit; ours is a choice). */
#define FILE_SIZE_MAX (1ull << 40)

long mm_write(struct mm_proc *p, int fd, const void *buf, uint32_t len)
{
    struct mm_fd *g = fd_get(p, fd);
    if (!g || g->kind != FD_FILE)
        return other_rw(p, fd, true, (void *)buf, len);
    struct mm_fd *f = file_fd(p, fd, true);
    if (!f)
        return -EBADF;
    struct mm_obj *o = f->obj;
    uint64_t off = (f->oflag & MM_O_APPEND) ? o->size : f->off;
    if (off + len > FILE_SIZE_MAX)
        return -EFBIG;
    ssize_t w = pwrite(o->hostfd, buf, len, (off_t)off);
    if (w < 0)
        return -EIO;
    for (uint64_t done = 0; done < (uint64_t)w;) {    /* keep the cache in step */
        uint64_t at = off + done, chunk = MMSIM_PAGE_SIZE - (at & MMSIM_PAGE_MASK);
        paddr_t pa;
        if (chunk > (uint64_t)w - done)
            chunk = (uint64_t)w - done;
        if (obj_page(o, at >> MMSIM_PAGE_SHIFT, &pa)) {
            mm_kmem(p->m, pa + (at & MMSIM_PAGE_MASK), chunk);
            phys_write(p->m->phys, pa + (at & MMSIM_PAGE_MASK), (const uint8_t *)buf + done, chunk);
        }
        done += chunk;
    }
    if (off + (uint64_t)w > o->size)
        o->size = off + (uint64_t)w;
    f->off = off + (uint64_t)w;
    return (long)w;
}

int mm_lseek(struct mm_proc *p, int fd, int64_t off, int whence, uint64_t *res)
{
    struct mm_fd *f = fd_get(p, fd);
    if (!f)
        return -EBADF;
    if (f->kind == FD_CONSOLE || f->kind == FD_PIPE)
        return -ESPIPE;
    if (f->kind == FD_NULL || f->kind == FD_ZERO) {
        *res = 0;                      /* Linux: seeking a null device does nothing */
        return 0;
    }
    int64_t base = whence == MM_SEEK_SET ? 0 : whence == MM_SEEK_CUR ? (int64_t)f->off
                 : whence == MM_SEEK_END ? (int64_t)f->obj->size : -1;
    if (base < 0)
        return mm_einval(p, "unknown lseek whence");
    if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
        return mm_einval(p, "lseek to a negative or overflowing offset");
    f->off = (uint64_t)(base + off);
    *res = f->off;
    return 0;
}

/* ---- size and stat --------------------------------------------------- */

/* Zero bytes [from, to) of o within one resident page. */
static void file_zero_tail(struct mm_obj *o, uint64_t from, uint64_t to)
{
    paddr_t pa;
    if (from < to && obj_page(o, from >> MMSIM_PAGE_SHIFT, &pa)) {
        mm_kmem(o->m, pa + (from & MMSIM_PAGE_MASK), to - from);
        phys_zero(o->m->phys, pa + (from & MMSIM_PAGE_MASK), to - from);
    }
}

/* Resize the host file and its cache to len bytes. */
int file_resize(struct mm_proc *p, struct mm_obj *o, uint64_t len)
{
    if (len > FILE_SIZE_MAX)
        return -EFBIG;
    if (ftruncate(o->hostfd, (off_t)len) != 0)
        return -EIO;
    uint64_t newpg = mm_pages(len), oldpg = obj_npages(o);
    if (len < o->size) {
        vm_obj_truncate(o, newpg);
        if (obj_drop(o, newpg, oldpg))
            return -ENOMEM;
        file_zero_tail(o, len, newpg << MMSIM_PAGE_SHIFT);
    } else {
        file_zero_tail(o, o->size, (mm_pages(o->size) << MMSIM_PAGE_SHIFT) < len
                                       ? mm_pages(o->size) << MMSIM_PAGE_SHIFT : len);
    }
    (void)p;
    o->size = len;
    return 0;
}

int file_ftruncate(struct mm_proc *p, int fd, uint64_t len)
{
    struct mm_fd *f = file_fd(p, fd, true);
    if (!f)
        return mm_einval(p, "ftruncate on a file not opened for writing");
    return file_resize(p, f->obj, len);
}

int file_fstat(const struct mm_obj *o, struct mm_stat *st)
{
    struct stat hs;
    if (fstat(o->hostfd, &hs) != 0)
        return -EIO;
    *st = (struct mm_stat){
        .ino = o->m->files[o->file_slot].gino, .size = o->size, .mode = hs.st_mode,
        .nlink = (uint32_t)hs.st_nlink, .dev = MM_FILE_DEV, .uid = hs.st_uid, .gid = hs.st_gid,
    };
    return 0;
}
