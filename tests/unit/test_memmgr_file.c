/*
 * test_memmgr_file.c - the page cache of host files: one object per file
 * shared by fds and mappings, read/write through it, page-in on fault,
 * write-back at msync/munmap/exit, copy-on-write private views, size
 * changes, and every host descriptor closed in the end.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memmgr_fixture.h"

static char path[64];
static int fds_before;

/* Open descriptors of this process. */
static int count_fds(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    cr_assert_not_null(d);
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

/* A temporary host file holding `len` bytes of `fill`, then the machine. */
static void setup(void)
{
    strcpy(path, "/tmp/mmsim-unit-file-XXXXXX");
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    char buf[3 * 4096];
    memset(buf, 'f', sizeof buf);
    cr_assert_eq(write(fd, buf, 5000), 5000);
    close(fd);
    fds_before = count_fds();
    mmfx_setup();
}

static void teardown(void)
{
    mmfx_teardown_checked();
    cr_expect_eq(count_fds(), fds_before, "every host descriptor was closed");
    unlink(path);
}

TestSuite(file, .init = setup, .fini = teardown);

/* mm_file_open of path with host flags hflags and guest oflag. */
static int gopen(struct mm_proc *p, int hflags, int oflag)
{
    int hfd = open(path, hflags);
    cr_assert_geq(hfd, 0);
    return mm_file_open(p, hfd, oflag);
}

/* n bytes of the host file at off, straight from the host. */
static void host_read(off_t off, void *buf, size_t n)
{
    int fd = open(path, O_RDONLY);
    cr_assert_eq(pread(fd, buf, n, off), (ssize_t)n);
    close(fd);
}

/* The frame under va after a fault for `access`. */
static paddr_t touch(uint32_t va, unsigned access)
{
    cr_assert_eq(mm_fault(P, va, access), MMF_RESOLVED);
    struct pt_walk w;
    pt_walk(mm_proc_pt(P), va, &w);
    return w.pa;                 /* the translated address, offset included */
}

Test(file, read_write_lseek_share_one_object)
{
    int a = gopen(P, O_RDWR, MM_O_RDWR), b = gopen(P, O_RDONLY, MM_O_RDONLY);
    cr_assert(a >= 0 && b >= 0);
    struct mm_stat sa, sb;
    cr_assert_eq(mm_fstat(P, a, &sa), 0);
    cr_assert_eq(mm_fstat(P, b, &sb), 0);
    cr_expect(sa.ino == sb.ino && sa.ino == 1 && sa.dev == MM_FILE_DEV);
    cr_expect_eq(sa.size, 5000);
    uint64_t ino;
    cr_expect_eq(mm_file_ino(mm, 12345, 678, &ino), 0);
    cr_expect_eq(ino, 2, "inode numbers in first-seen order");
    char buf[16];
    cr_expect_eq(mm_write(P, a, "hello", 5), 5);
    cr_expect_eq(mm_read(P, b, buf, 6), 6, "separate offsets");
    cr_expect(!memcmp(buf, "hellof", 6));
    uint64_t off;
    cr_expect_eq(mm_lseek(P, b, -2, MM_SEEK_END, &off), 0);
    cr_expect_eq(off, 4998);
    cr_expect_eq(mm_read(P, b, buf, 16), 2, "short read at the end");
    cr_expect_eq(mm_read(P, b, buf, 16), 0);
    cr_expect_eq(mm_lseek(P, b, -1, MM_SEEK_SET, &off), -EINVAL);
    cr_expect_eq(mm_lseek(P, b, 0, 9, &off), -EINVAL);
    cr_expect_eq(mm_lseek(P, 0, 0, MM_SEEK_SET, &off), -ESPIPE, "the console");
    cr_expect_eq(mm_lseek(P, 40, 0, MM_SEEK_SET, &off), -EBADF);
    cr_expect_eq(mm_write(P, b, "x", 1), -EBADF, "read-only fd");
    cr_expect_eq(mm_ftruncate(P, b, 0), -EINVAL, "read-only fd");
    cr_expect_eq(mm_read(P, 0, buf, 1), -EBADF, "not a file");
    host_read(0, buf, 5);
    cr_expect(!memcmp(buf, "hello", 5), "write() reached the host file at once");
    mm_close(P, a);
    mm_close(P, b);
}

Test(file, shared_mapping_pages_in_and_writes_back)
{
    int fd = gopen(P, O_RDWR, MM_O_RDWR);
    uint32_t s, v;
    cr_assert_eq(mm_mmap(P, 0, 3 * PG, MM_PROT_READ | MM_PROT_WRITE, MM_MAP_SHARED, fd, 0, &s), 0);
    cr_assert_eq(mm_mmap(P, 0, 2 * PG, MM_PROT_READ | MM_PROT_WRITE, MM_MAP_PRIVATE, fd, 0, &v), 0);
    uint8_t c;
    paddr_t pa = touch(s + 4999, PT_R);
    phys_read(&ph, pa, &c, 1);
    cr_expect_eq(c, 'f', "paged in from the host file");
    phys_read(&ph, pa + 1, &c, 1);
    cr_expect_eq(c, 0, "zero past the end of the file");
    cr_expect_eq(mm_fault(P, s + 2 * PG, PT_R), MMF_PAST_END, "a page wholly past the end");
    pa = touch(s + 10, PT_W);
    phys_write(&ph, pa, "MAPPED", 6);
    char buf[8];
    cr_expect_eq(mm_read(P, fd, buf, 8), 8);
    cr_expect(!memcmp(buf, "ffffffff", 8), "read() of the untouched start");
    cr_expect_eq(mm_lseek(P, fd, 10, MM_SEEK_SET, &(uint64_t){0}), 0);
    cr_expect_eq(mm_read(P, fd, buf, 6), 6);
    cr_expect(!memcmp(buf, "MAPPED", 6), "read() sees the mapping");
    host_read(10, buf, 6);
    cr_expect(!memcmp(buf, "ffffff", 6), "not on the host before msync");
    /* a private view: copy-on-write from the cache */
    paddr_t pv = touch(v + 10, PT_W);
    cr_expect_neq(pv, pa);
    phys_read(&ph, pv, buf, 6);
    cr_expect(!memcmp(buf, "MAPPED", 6), "the copy starts from the cache");
    phys_write(&ph, pv, "PRIV", 4);
    cr_expect_eq(mm_msync(P, s, PG, MM_MS_SYNC), 0);
    host_read(10, buf, 6);
    cr_expect(!memcmp(buf, "MAPPED", 6), "msync wrote it back");
    phys_write(&ph, pa + 100, "LATER", 5);
    cr_expect_eq(mm_munmap(P, s, 3 * PG), 0);
    host_read(110, buf, 5);
    cr_expect(!memcmp(buf, "LATER", 5), "munmap wrote it back");
    cr_expect_eq(mm_munmap(P, v, 2 * PG), 0);
    host_read(10, buf, 4);
    cr_expect(!memcmp(buf, "MAPP", 4), "the private store never reached the file");
    int fds_open = count_fds();
    mm_close(P, fd);
    cr_expect_eq(count_fds(), fds_open - 1, "the last reference closes the host fd");
}

Test(file, exit_writes_back_and_truncate_unmaps)
{
    struct mm_proc *Q = mm_proc_create(mm, 2, true);
    int fd = gopen(Q, O_RDWR, MM_O_RDWR);
    uint32_t s;
    cr_assert_eq(mm_mmap(Q, 0, 2 * PG, MM_PROT_READ | MM_PROT_WRITE, MM_MAP_SHARED, fd, 0, &s), 0);
    cr_assert_eq(mm_fault(Q, s + PG, PT_W), MMF_RESOLVED);
    struct pt_walk w;
    pt_walk(mm_proc_pt(Q), s + PG, &w);
    phys_write(&ph, w.pa, "EXIT", 4);
    cr_expect_eq(mm_ftruncate(Q, fd, 100), 0, "shrink below the mapped page");
    cr_expect_eq(mm_fault(Q, s + PG, PT_R), MMF_PAST_END);
    cr_expect_eq(mm_ftruncate(Q, fd, 2 * PG), 0, "grow again");
    cr_assert_eq(mm_fault(Q, s + PG, PT_W), MMF_RESOLVED);
    pt_walk(mm_proc_pt(Q), s + PG, &w);
    char buf[4];
    phys_read(&ph, w.pa, buf, 4);
    cr_expect(!memcmp(buf, "\0\0\0\0", 4), "the grown part reads as zeros");
    phys_write(&ph, w.pa, "EXIT", 4);
    mm_proc_destroy(Q);                                 /* exit: unmap, close */
    host_read(PG, buf, 4);
    cr_expect(!memcmp(buf, "EXIT", 4), "written back at exit");
}

Test(file, open_with_trunc_and_append)
{
    int fd = gopen(P, O_RDWR, MM_O_RDWR | MM_O_TRUNC);
    struct mm_stat st;
    cr_assert_eq(mm_fstat(P, fd, &st), 0);
    cr_expect_eq(st.size, 0);
    int ap = gopen(P, O_RDWR, MM_O_WRONLY | MM_O_APPEND);
    cr_expect_eq(mm_write(P, fd, "12345", 5), 5);
    cr_expect_eq(mm_write(P, ap, "ab", 2), 2);
    cr_assert_eq(mm_fstat(P, fd, &st), 0);
    cr_expect_eq(st.size, 7, "O_APPEND wrote at the end");
    char buf[8];
    host_read(0, buf, 7);
    cr_expect(!memcmp(buf, "12345ab", 7));
    mm_close(P, fd);
    mm_close(P, ap);
}

Test(file, not_a_regular_file)
{
    int hfd = open("/tmp", O_RDONLY | O_DIRECTORY);
    cr_assert_geq(hfd, 0);
    cr_expect_eq(mm_file_open(P, hfd, MM_O_RDONLY), -EISDIR, "and hfd is closed");
}
