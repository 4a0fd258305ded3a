/*
 * test_memmgr_shm.c - shm namespace, fd table, ftruncate, fstat and
 * shm_ctl / shm_ctl_special (REFERENCE.md section 2).
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include "memmgr_fixture.h"


/* Every test ends by checking that every frame came back. */
TestSuite(memmgr_shm, .init = mmfx_setup, .fini = mmfx_teardown_checked);

/* Map and unmap one page at the start of the mmap area, so the page table
 * already has the table frames later mappings there need (frame counts
 * then only see object frames). */
static void prime_tables(void)
{
    uint32_t a;
    cr_assert_eq(mm_mmap(P, 0, PG, MM_PROT_READ, MM_MAP_PRIVATE | MM_MAP_ANON, MM_NOFD, 0, &a), 0);
    cr_assert_eq(a, MM_MMAP_BASE);
    cr_assert_eq(mm_munmap(P, a, PG), 0);
}

/* A new object of `size` bytes by ftruncate. */
static int new_obj(const char *name, uint64_t size)
{
    int fd = mm_shm_open(P, name, MM_O_RDWR | MM_O_CREAT, 0600);
    cr_assert_geq(fd, 0);
    cr_assert_eq(mm_ftruncate(P, fd, size), 0);
    return fd;
}

Test(memmgr_shm, name_rules)
{
    char longname[300];
    cr_expect_eq(mm_shm_open(P, NULL, MM_O_RDWR | MM_O_CREAT, 0600), -EINVAL);
    cr_expect_eq(mm_shm_open(P, "", MM_O_RDWR | MM_O_CREAT, 0600), -EINVAL);
    cr_expect_eq(mm_shm_open(P, "/", MM_O_RDWR | MM_O_CREAT, 0600), -EINVAL);
    cr_expect_eq(mm_shm_open(P, "a/b", MM_O_RDWR | MM_O_CREAT, 0600), -EINVAL);
    cr_expect_eq(mm_shm_open(P, "/a/b", MM_O_RDWR | MM_O_CREAT, 0600), -EINVAL);
    cr_expect_eq(mm_shm_open(P, "//a", MM_O_RDWR | MM_O_CREAT, 0600), -EINVAL);
    cr_expect_str_not_empty(mm_last_reason(P));
    memset(longname, 'x', sizeof longname);
    longname[0] = '/';
    longname[257] = 0;           /* 256-character component */
    cr_expect_eq(mm_shm_open(P, longname, MM_O_RDWR | MM_O_CREAT, 0600), -ENAMETOOLONG);
    longname[256] = 0;           /* 255 characters: fine */
    cr_expect_geq(mm_shm_open(P, longname, MM_O_RDWR | MM_O_CREAT, 0600), 0);
    /* the leading '/' is optional: one namespace */
    cr_assert_eq(mm_shm_open(P, "/obj", MM_O_RDWR | MM_O_CREAT, 0600), 4);
    cr_expect_eq(mm_shm_open(P, "obj", MM_O_RDWR | MM_O_CREAT | MM_O_EXCL, 0600), -EEXIST);
    struct mm_stat a, b;
    int fd = mm_shm_open(P, "obj", MM_O_RDONLY, 0);
    cr_assert_geq(fd, 0);
    mm_fstat(P, 4, &a);
    mm_fstat(P, fd, &b);
    cr_expect_eq(a.ino, b.ino);
}

Test(memmgr_shm, open_flags)
{
    cr_expect_eq(mm_shm_open(P, "/o", MM_O_RDWR, 0), -ENOENT);
    cr_expect_eq(mm_shm_open(P, "/o", MM_O_WRONLY | MM_O_CREAT, 0600), -EINVAL);
    cr_expect_eq(mm_shm_open(P, "/o", MM_O_ACCMODE | MM_O_CREAT, 0600), -EINVAL);
    int fd = new_obj("/o", 3 * PG);
    struct mm_stat st;
    cr_expect_eq(mm_shm_open(P, "/o", MM_O_RDONLY | MM_O_TRUNC, 0), -EACCES);
    mm_fstat(P, fd, &st);
    cr_expect_eq(st.size, 3 * PG);
    int fd2 = mm_shm_open(P, "/o", MM_O_RDWR | MM_O_TRUNC, 0);
    cr_assert_geq(fd2, 0);
    mm_fstat(P, fd, &st);
    cr_expect_eq(st.size, 0);
    /* O_TRUNC on an object whose size shm_ctl fixed: -EINVAL (our choice) */
    int c = mm_shm_open(P, "/ctl", MM_O_RDWR | MM_O_CREAT | MM_O_TRUNC, 0600);
    cr_assert_eq(mm_shm_ctl(P, c, MM_SHMCTL_ANON, 0, PG, false, 0), 0);
    cr_expect_eq(mm_shm_open(P, "/ctl", MM_O_RDWR | MM_O_TRUNC, 0), -EINVAL);
    cr_expect_eq(mm_shm_open(P, "/ctl", MM_O_RDWR, 0), c + 1);
}

Test(memmgr_shm, fd_table)
{
    cr_expect(mm_fd_is_console(P, 0));
    cr_expect(mm_fd_is_console(P, 2));
    cr_expect_not(mm_fd_is_console(P, 3));
    cr_expect_not(mm_fd_is_console(P, -1));
    int fd = mm_shm_open(P, "/a", MM_O_RDWR | MM_O_CREAT, 0600);
    cr_expect_eq(fd, 3);
    cr_expect_eq(mm_close(P, 0), 0);
    cr_expect_not(mm_fd_is_console(P, 0));
    cr_expect_eq(mm_close(P, 0), -EBADF);
    cr_expect_eq(mm_close(P, 99), -EBADF);
    cr_expect_eq(mm_close(P, -1), -EBADF);
    cr_expect_eq(mm_shm_open(P, "/a", MM_O_RDWR, 0), 0);   /* lowest free fd */
    int n = 0;
    while (mm_shm_open(P, "/a", MM_O_RDONLY, 0) >= 0)
        n++;
    cr_expect_eq(mm_proc_fd_limit(P), 1024u);         /* Linux's default RLIMIT_NOFILE */
    cr_expect_eq(n, 1024 - 4);
    cr_expect_eq(mm_shm_open(P, "/a", MM_O_RDONLY, 0), -EMFILE);
    cr_expect_eq(mm_close(P, 17), 0);
    cr_expect_eq(mm_shm_open(P, "/a", MM_O_RDONLY, 0), 17);
}

Test(memmgr_shm, unlink_keeps_object_until_last_close)
{
    int fd = new_obj("/u", 2 * PG);
    uint64_t before = fr.nfree;
    struct mm_stat st;
    cr_expect_eq(mm_shm_unlink(P, "/nope"), -ENOENT);
    cr_expect_eq(mm_shm_unlink(P, ""), -EINVAL);
    cr_expect_eq(mm_shm_unlink(P, "u"), 0);
    cr_expect_eq(mm_shm_unlink(P, "/u"), -ENOENT);
    cr_expect_eq(mm_shm_open(P, "/u", MM_O_RDWR, 0), -ENOENT);
    cr_assert_eq(mm_fstat(P, fd, &st), 0);
    cr_expect_eq(st.nlink, 0);
    cr_expect_eq(st.size, 2 * PG);
    cr_expect_eq(fr.nfree, before);            /* still alive */
    int fd2 = mm_shm_open(P, "/u", MM_O_RDWR | MM_O_CREAT, 0600);
    struct mm_stat st2;
    mm_fstat(P, fd2, &st2);
    cr_expect_neq(st2.ino, st.ino);
    cr_expect_eq(st2.size, 0);
    cr_expect_eq(mm_close(P, fd), 0);
    cr_expect_eq(fr.nfree, before + 2);        /* freed with the last fd */
}

Test(memmgr_shm, unprivileged_mode_bits)
{
    struct mm_proc *U = mm_proc_create(mm, 2, false);
    cr_assert_not_null(U);
    mm_shm_open(P, "/root600", MM_O_RDWR | MM_O_CREAT, 0600);
    mm_shm_open(P, "/root644", MM_O_RDWR | MM_O_CREAT, 0644);
    cr_expect_eq(mm_shm_open(U, "/root600", MM_O_RDONLY, 0), -EACCES);
    cr_expect_geq(mm_shm_open(U, "/root644", MM_O_RDONLY, 0), 0);
    cr_expect_eq(mm_shm_open(U, "/root644", MM_O_RDWR, 0), -EACCES);
    cr_expect_geq(mm_shm_open(U, "/mine", MM_O_RDWR | MM_O_CREAT, 0600), 0);
    cr_expect_geq(mm_shm_open(U, "/mine", MM_O_RDWR, 0), 0);
    cr_expect_geq(mm_shm_open(P, "/mine", MM_O_RDWR, 0), 0);   /* root passes */
    mm_proc_destroy(U);
}

Test(memmgr_shm, ftruncate_and_fstat)
{
    int fd = mm_shm_open(P, "/t", MM_O_RDWR | MM_O_CREAT, 0640);
    int ro = mm_shm_open(P, "/t", MM_O_RDONLY, 0);
    struct mm_stat st;
    prime_tables();
    uint64_t f0 = fr.nfree;
    cr_expect_eq(mm_ftruncate(P, 42, PG), -EBADF);
    cr_expect_eq(mm_ftruncate(P, 1, PG), -EINVAL);       /* console */
    cr_expect_eq(mm_ftruncate(P, ro, PG), -EINVAL);      /* not for writing */
    cr_assert_eq(mm_ftruncate(P, fd, 5 * PG + 10), 0);
    cr_expect_eq(fr.nfree, f0 - 6);
    cr_assert_eq(mm_fstat(P, fd, &st), 0);
    cr_expect_eq(st.size, 5 * PG + 10);
    cr_expect_eq(st.mode, 0100640);
    cr_expect_eq(st.nlink, 1);
    cr_expect_eq(st.ino, 1);                             /* ids start at 1 */
    cr_expect_eq(st.objflags, 0);
    cr_expect_eq(mm_fstat(P, 50, &st), -EBADF);
    /* frames are zeroed: dirty one, shrink past it, grow again */
    uint64_t off; uint32_t a, c;
    cr_assert_eq(mm_mmap(P, 0, 6 * PG, MM_PROT_READ | MM_PROT_WRITE, MM_MAP_SHARED, fd, 0, &a), 0);
    cr_assert_eq(mm_mem_offset(P, a + 5 * PG, MM_NOFD, 4, &off, &c), 0);
    cr_assert_eq(phys_write(&ph, off + 100, "dirty", 5), 0);
    cr_assert_eq(mm_ftruncate(P, fd, 5 * PG + 200), 0);  /* same page count */
    char buf[8] = { 1 };
    phys_read(&ph, off + 100, buf, 5);
    cr_expect_eq(memcmp(buf, "\0\0\0\0\0", 5), 0, "bytes past the end must be zero");
    cr_assert_eq(mm_ftruncate(P, fd, 2 * PG), 0);
    cr_expect_eq(fr.nfree, f0 - 2);
    struct pt_walk w;
    pt_walk(mm_proc_pt(P), a + 4 * PG, &w);
    cr_expect_neq(w.status, PTW_OK, "page past the new end stays mapped");
    pt_walk(mm_proc_pt(P), a + PG, &w);
    cr_expect_eq(w.status, PTW_OK);
    cr_expect_eq(mm_fault(P, a + 3 * PG, PT_R), MMF_PAST_END);
    cr_assert_eq(mm_ftruncate(P, fd, 4 * PG), 0);
    cr_expect_eq(mm_fault(P, a + 3 * PG, PT_W), MMF_RESOLVED);
    cr_assert_eq(mm_mem_offset(P, a + 3 * PG, MM_NOFD, 4, &off, &c), 0);
    uint32_t v = 1;
    phys_read(&ph, off, &v, 4);
    cr_expect_eq(v, 0);
    cr_expect_eq(mm_munmap(P, a, 6 * PG), 0);
    /* ftruncate to 0 frees everything */
    cr_assert_eq(mm_ftruncate(P, fd, 0), 0);
    cr_expect_eq(fr.nfree, f0);
    cr_expect_eq(mm_ftruncate(P, fd, 1ull << 40), -ENOMEM);
    cr_expect_eq(fr.nfree, f0);
}

Test(memmgr_shm, fstat_console)
{
    struct mm_stat st;
    cr_expect_eq(mm_fstat(P, 1, &st), 0);
    cr_expect_eq(st.mode & 0170000, 0020000);
}

Test(memmgr_shm, shmctl_flag_errors)
{
    int fd = mm_shm_open(P, "/c", MM_O_RDWR | MM_O_CREAT, 0600);
    cr_expect_eq(mm_shm_ctl(P, 77, MM_SHMCTL_ANON, 0, PG, false, 0), -EBADF);
    cr_expect_eq(mm_shm_ctl(P, 0, MM_SHMCTL_ANON, 0, PG, false, 0), -EINVAL);
    cr_expect_eq(mm_shm_ctl(P, fd, 0, 0, PG, false, 0), -EINVAL);
    cr_expect_str_eq(mm_last_reason(P), "neither SHMCTL_ANON nor SHMCTL_PHYS");
    cr_expect_eq(mm_shm_ctl(P, fd, MM_SHMCTL_LAZY, 0, PG, false, 0), -EINVAL);
    cr_expect_eq(mm_shm_ctl(P, fd, MM_SHMCTL_ANON | MM_SHMCTL_PHYS | MM_SHMCTL_LAZY, 0, PG,
                            false, 0), -EINVAL);
    cr_expect_eq(mm_shm_ctl(P, fd, MM_SHMCTL_ANON, 0, 0, false, 0), -EINVAL);
    cr_expect_eq(mm_shm_ctl(P, fd, MM_SHMCTL_ANON, 0, 1ull << 40, false, 0), -ENOMEM);
    /* none of these populated it */
    cr_expect_eq(mm_shm_ctl(P, fd, MM_SHMCTL_ANON, 0, PG, false, 0), 0);
}

Test(memmgr_shm, shmctl_anon_once)
{
    int fd = mm_shm_open(P, "/c", MM_O_RDWR | MM_O_CREAT, 0600);
    uint64_t f0 = fr.nfree;
    cr_assert_eq(mm_shm_ctl(P, fd, MM_SHMCTL_ANON, 0, 3 * PG + 1, false, 0), 0);
    cr_expect_eq(fr.nfree, f0 - 4);
    struct mm_stat st;
    mm_fstat(P, fd, &st);
    cr_expect_eq(st.size, 4 * PG, "shm_ctl sizes are whole pages");
    cr_expect_eq(st.objflags, MM_SHMCTL_ANON);
    cr_expect_eq(mm_shm_ctl(P, fd, MM_SHMCTL_ANON, 0, PG, false, 0), -EINVAL);
    cr_expect_str_eq(mm_last_reason(P), "shm_ctl already done on this object");
    cr_expect_eq(mm_shm_ctl(P, fd, MM_SHMCTL_ANON, 0, PG, true, 0x4), -EINVAL);
    cr_expect_str_eq(mm_last_reason(P), "object is already special");
    cr_expect_eq(mm_ftruncate(P, fd, 8 * PG), -EINVAL);
    cr_expect_eq(mm_ftruncate(P, fd, 0), -EINVAL);
    cr_expect_eq(fr.nfree, f0 - 4);
    /* zero-filled */
    struct mm_segment seg[4];
    cr_assert_eq(mm_obj_info(P, fd, 0, 0, UINT64_MAX, seg, 4) > 0, 1);
    uint8_t buf[PG];
    phys_read(&ph, seg[0].paddr, buf, PG);
    for (unsigned i = 0; i < PG; i++)
        cr_assert_eq(buf[i], 0);
    mm_close(P, fd);
    mm_shm_unlink(P, "/c");
    cr_expect_eq(fr.nfree, f0);
}

Test(memmgr_shm, shmctl_after_ftruncate)
{
    int fd = mm_shm_open(P, "/c", MM_O_RDWR | MM_O_CREAT, 0600);
    cr_assert_eq(mm_ftruncate(P, fd, PG), 0);
    cr_expect_eq(mm_shm_ctl(P, fd, MM_SHMCTL_ANON, 0, PG, false, 0), -EINVAL);
    cr_assert_eq(mm_ftruncate(P, fd, 0), 0);
    /* once sized, always "not empty" */
    cr_expect_eq(mm_shm_ctl(P, fd, MM_SHMCTL_ANON, 0, PG, false, 0), -EINVAL);
    int fd2 = mm_shm_open(P, "/d", MM_O_RDWR | MM_O_CREAT, 0600);
    cr_assert_eq(mm_ftruncate(P, fd2, 0), 0);
    cr_expect_eq(mm_shm_ctl(P, fd2, MM_SHMCTL_ANON, 0, PG, false, 0), 0);
}

Test(memmgr_shm, shmctl_lazy)
{
    int fd = mm_shm_open(P, "/l", MM_O_RDWR | MM_O_CREAT, 0600);
    prime_tables();
    uint64_t f0 = fr.nfree;
    cr_assert_eq(mm_shm_ctl(P, fd, MM_SHMCTL_ANON | MM_SHMCTL_LAZY, 0, 16 * PG, false, 0), 0);
    cr_expect_eq(fr.nfree, f0);
    struct mm_stat st;
    mm_fstat(P, fd, &st);
    cr_expect_eq(st.size, 16 * PG);
    struct mm_segment seg[2];
    cr_expect_eq(mm_obj_info(P, fd, 0, 0, UINT64_MAX, seg, 2), 0);
    /* first touch through a mapping, seen by a second process */
    uint32_t a, b;
    cr_assert_eq(mm_mmap(P, 0, 16 * PG, MM_PROT_READ | MM_PROT_WRITE, MM_MAP_SHARED, fd, 0, &a), 0);
    struct pt_walk w;
    pt_walk(mm_proc_pt(P), a, &w);
    cr_expect_neq(w.status, PTW_OK);
    cr_expect_eq(mm_fault(P, a + 5 * PG, PT_W), MMF_RESOLVED);
    cr_expect_eq(fr.nfree, f0 - 1);
    struct mm_proc *Q = mm_proc_create(mm, 2, true);
    int qfd = mm_shm_open(Q, "/l", MM_O_RDWR, 0);
    cr_assert_eq(mm_mmap(Q, 0, 16 * PG, MM_PROT_READ, MM_MAP_SHARED, qfd, 0, &b), 0);
    struct pt_walk wq;
    pt_walk(mm_proc_pt(P), a + 5 * PG, &w);
    pt_walk(mm_proc_pt(Q), b + 5 * PG, &wq);
    cr_assert_eq(w.status, PTW_OK);
    cr_assert_eq(wq.status, PTW_OK, "resident page mapped at mmap time");
    cr_expect_eq(w.pa, wq.pa);
    cr_expect_eq(mm_obj_info(P, fd, 0, 0, UINT64_MAX, seg, 2), 1);
    cr_expect_eq(seg[0].offset, 5 * PG);
    cr_expect_eq(seg[0].length, PG);
    mm_proc_destroy(Q);
}

Test(memmgr_shm, shmctl_anon_phys_contiguous)
{
    int fd = mm_shm_open(P, "/p", MM_O_RDWR | MM_O_CREAT, 0600);
    frames_fragment(&fr, 7);
    uint64_t f0 = fr.nfree;
    cr_assert_eq(mm_shm_ctl(P, fd, MM_SHMCTL_ANON | MM_SHMCTL_PHYS, 0, 64 * PG, false, 0), 0);
    struct mm_segment seg[4];
    cr_expect_eq(mm_obj_info(P, fd, 0, 0, UINT64_MAX, seg, 4), 1);
    cr_expect_eq(seg[0].length, 64 * PG);
    cr_expect_eq(fr.nfree, f0 - 64);
    int fd2 = mm_shm_open(P, "/q", MM_O_RDWR | MM_O_CREAT, 0600);
    cr_expect_eq(mm_shm_ctl(P, fd2, MM_SHMCTL_ANON | MM_SHMCTL_PHYS, 0, RAM / 2, false, 0), -ENOMEM);
    cr_expect_eq(fr.nfree, f0 - 64);
    /* the failure left it empty */
    cr_expect_eq(mm_shm_ctl(P, fd2, MM_SHMCTL_ANON, 0, PG, false, 0), 0);
}

Test(memmgr_shm, shmctl_phys)
{
    struct mm_proc *U = mm_proc_create(mm, 2, false);
    int fd = mm_shm_open(P, "/dev", MM_O_RDWR | MM_O_CREAT, 0666);
    int ufd = mm_shm_open(U, "/dev", MM_O_RDWR, 0);
    cr_assert_geq(ufd, 0);
    cr_expect_eq(mm_shm_ctl(P, fd, MM_SHMCTL_PHYS, DEV + 1, PG, false, 0), -EINVAL);
    cr_expect_eq(mm_shm_ctl(P, fd, MM_SHMCTL_PHYS, DEV, PG + 1, false, 0), -EINVAL);
    cr_expect_eq(mm_shm_ctl(U, ufd, MM_SHMCTL_PHYS, DEV, PG, false, 0), -EPERM);
    cr_expect_eq(mm_shm_ctl(P, fd, MM_SHMCTL_PHYS, DEV + 0xF000, 2 * PG, false, 0), -EINVAL);
    cr_expect_eq(mm_shm_ctl(P, fd, MM_SHMCTL_PHYS, RAM - PG, 2 * PG, false, 0), -EINVAL);
    cr_expect_eq(mm_shm_ctl(P, fd, MM_SHMCTL_PHYS, 0xB0000000ull, PG, false, 0), -EINVAL);
    uint64_t f0 = fr.nfree;
    cr_assert_eq(mm_shm_ctl(P, fd, MM_SHMCTL_PHYS, DEV, 4 * PG, false, 0), 0);
    cr_expect_eq(fr.nfree, f0);
    struct mm_segment seg[2];
    cr_assert_eq(mm_obj_info(P, fd, 0, PG, UINT64_MAX, seg, 2), 1);
    cr_expect_eq(seg[0].paddr, DEV + PG);
    cr_expect_eq(seg[0].length, 3 * PG);
    /* RAM the object does not own is never freed */
    int fd2 = mm_shm_open(P, "/ram", MM_O_RDWR | MM_O_CREAT, 0600);
    paddr_t pa;
    cr_assert_eq(frames_alloc_contig(&fr, 2, 1, &pa), 0);
    cr_assert_eq(mm_shm_ctl(P, fd2, MM_SHMCTL_PHYS, pa, 2 * PG, false, 0), 0);
    mm_close(P, fd2);
    mm_shm_unlink(P, "/ram");
    cr_expect(frames_in_use(&fr, pa));
    frames_free(&fr, pa, 2);
    mm_proc_destroy(U);
}

Test(memmgr_shm, shmctl_special)
{
    int fd = mm_shm_open(P, "/s", MM_O_RDWR | MM_O_CREAT, 0600);
    /* bits outside the ARMv6 mask, and a reserved TEX: rejected with a reason */
    cr_expect_eq(mm_shm_ctl(P, fd, MM_SHMCTL_ANON, 0, PG, true, 0x1000), -EINVAL);
    cr_expect_str_not_empty(mm_last_reason(P));
    cr_expect_eq(mm_shm_ctl(P, fd, MM_SHMCTL_ANON, 0, PG, true, 0xC0), -EINVAL);
    cr_expect_str_eq(mm_last_reason(P), "TEX 011 is reserved");
    /* TEX 000 C 0 B 0: strongly ordered */
    cr_assert_eq(mm_shm_ctl(P, fd, MM_SHMCTL_ANON | MM_SHMCTL_LAZYWRITE, 0, PG, true, 0x0), 0);
    struct mm_stat st;
    mm_fstat(P, fd, &st);
    cr_expect_eq(st.objflags, MM_SHMCTL_ANON | MM_SHMCTL_LAZYWRITE, "special 0 is plain shm_ctl");
    int fd2 = mm_shm_open(P, "/s2", MM_O_RDWR | MM_O_CREAT, 0600);
    cr_assert_eq(mm_shm_ctl(P, fd2, MM_SHMCTL_ANON, 0, 2 * PG, true, 0x4), 0);  /* shareable device */
    mm_fstat(P, fd2, &st);
    cr_expect_eq(st.objflags, MM_SHMCTL_ANON | MM_SHMCTL_HAS_SPECIAL);
    uint32_t a;
    cr_assert_eq(mm_mmap(P, 0, 2 * PG, MM_PROT_READ | MM_PROT_WRITE | MM_PROT_NOCACHE,
                         MM_MAP_SHARED, fd2, 0, &a), 0);
    struct pt_walk w;
    pt_walk(mm_proc_pt(P), a + PG, &w);
    cr_assert_eq(w.status, PTW_OK);
    cr_expect_eq(w.d.memtype, MT_DEVICE, "special bits in the PTE, over PROT_NOCACHE");
    cr_expect_eq(w.d.uprot & (PT_R | PT_W), PT_R | PT_W);
    /* plain object with PROT_NOCACHE: the QNX template without C|B */
    uint32_t b;
    int fd3 = mm_shm_open(P, "/s3", MM_O_RDWR | MM_O_CREAT, 0600);
    cr_assert_eq(mm_ftruncate(P, fd3, PG), 0);
    cr_assert_eq(mm_mmap(P, 0, PG, MM_PROT_READ | MM_PROT_NOCACHE, MM_MAP_SHARED, fd3, 0, &b), 0);
    pt_walk(mm_proc_pt(P), b, &w);
    cr_assert_eq(w.status, PTW_OK);
    cr_expect_eq(w.d.memtype, MT_STRONGLY_ORDERED);
    cr_expect_eq(w.d.uprot & PT_W, 0);
}
