/*
 * <sys/mman.h> - QNX memory management: mmap family, shared memory
 * objects (shm_open, shm_ctl, shm_ctl_special) and mem_offset.
 * All values are QNX Neutrino's; they go to the simulator unchanged.
 */
#ifndef _SYS_MMAN_H_INCLUDED
#define _SYS_MMAN_H_INCLUDED

#include <sys/platform.h>
#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/special.h>   /* shm_ctl_special() bit names */

#define PROT_NONE     0x000
#define PROT_READ     0x100
#define PROT_WRITE    0x200
#define PROT_EXEC     0x400
#define PROT_NOCACHE  0x800

#define MAP_SHARED    0x00001
#define MAP_PRIVATE   0x00002
#define MAP_TYPE      0x0000f
#define MAP_FIXED     0x00010
#define MAP_LAZY      0x00080
#define MAP_PHYS      0x10000
#define MAP_NOX64K    0x20000
#define MAP_BELOW16M  0x40000
#define MAP_ANON      0x80000
#define MAP_ANONYMOUS MAP_ANON

#define MAP_FAILED    ((void *)-1)
#define NOFD          (-1)

#define MS_ASYNC      1
#define MS_SYNC       2
#define MS_INVALIDATE 4

/* mremap() flags (Linux values; mremap is Linux's, QNX has none) */
#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED   2

/* mlockall() flags */
#define MCL_CURRENT   1
#define MCL_FUTURE    2

/* posix_madvise() advice */
#define POSIX_MADV_NORMAL     0
#define POSIX_MADV_RANDOM     1
#define POSIX_MADV_SEQUENTIAL 2
#define POSIX_MADV_WILLNEED   3
#define POSIX_MADV_DONTNEED   4

/* shm_ctl() / shm_ctl_special() flags */
#define SHMCTL_ANON        0x0001
#define SHMCTL_PHYS        0x0002
#define SHMCTL_ISADMA      0x0004
#define SHMCTL_GLOBAL      0x0010
#define SHMCTL_PRIV        0x0020
#define SHMCTL_LOWERPROT   0x0040
#define SHMCTL_LAZYWRITE   0x0080
#define SHMCTL_NOX64K      0x0100
#define SHMCTL_HIGHUSAGE   0x0200
#define SHMCTL_LAZY        0x0400
#define SHMCTL_HAS_SPECIAL 0x8000   /* set by the kernel, visible in the object's flags */

/* mmap(addr, len, prot, flags, fd, off): map len bytes; the address, or MAP_FAILED and errno. */
void *mmap(void *__addr, size_t __len, int __prot, int __flags, int __fd, off_t __off);
/* mmap2(addr, len, prot, flags, fd, pgoff): mmap with the offset in 4096-byte pages (Linux). */
void *mmap2(void *__addr, size_t __len, int __prot, int __flags, int __fd, off_t __pgoff);
/* remap_file_pages(addr, size, prot, pgoff, flags): Linux's deprecated call
 * (emulated: the shared mapping at addr shows the object from page pgoff);
 * prot must be 0; 0, or -1 and errno (EINVAL). */
int remap_file_pages(void *__addr, size_t __size, int __prot, size_t __pgoff, int __flags);
/* mmap64: the same as mmap (off_t is already 64-bit). */
void *mmap64(void *__addr, size_t __len, int __prot, int __flags, int __fd, off64_t __off);
/* munmap(addr, len): remove the mappings in [addr, addr+len); 0, or -1 and errno. */
int munmap(void *__addr, size_t __len);
/* mprotect(addr, len, prot): change the protection of mapped pages; 0, or -1 and errno. */
int mprotect(void *__addr, size_t __len, int __prot);
/* msync(addr, len, flags): MS_SYNC/MS_ASYNC clean, MS_INVALIDATE invalidate the cache; 0, or -1. */
int msync(void *__addr, size_t __len, int __flags);
/* mremap(old, old_size, new_size, flags[, new_addr]): resize / move a mapping (Linux semantics); the address, or MAP_FAILED and errno. */
void *mremap(void *__old, size_t __old_size, size_t __new_size, int __flags, ...);
/* mlock(addr, len): lock (and make resident) the pages of the range; 0, or -1 and errno. */
int mlock(const void *__addr, size_t __len);
/* munlock(addr, len): unlock the pages of the range; 0, or -1 and errno. */
int munlock(const void *__addr, size_t __len);
/* mlockall(flags): MCL_CURRENT and/or MCL_FUTURE; 0, or -1 and errno. */
int mlockall(int __flags);
/* munlockall(): unlock everything; 0. */
int munlockall(void);
/* posix_madvise(addr, len, advice): 0, or the error number (errno untouched). */
int posix_madvise(void *__addr, size_t __len, int __advice);
/* mmap_device_memory(addr, len, prot, flags, paddr): map device registers or
 * other physical memory (mmap with MAP_PHYS|MAP_SHARED and NOFD); use
 * PROT_NOCACHE for registers.  The address, or MAP_FAILED and errno. */
void *mmap_device_memory(void *__addr, size_t __len, int __prot, int __flags, uint64_t __physical);
/* munmap_device_memory(addr, len): undo mmap_device_memory; 0, or -1 and errno. */
int munmap_device_memory(void *__addr, size_t __len);
/* mem_offset(addr, fd, len, &off, &contig): physical address of addr (fd NOFD) and the contiguous length from it, at most len; 0, or -1. */
int mem_offset(const void *__addr, int __fd, size_t __len, off_t *__off, size_t *__contig_len);
/* mem_offset64: the same as mem_offset. */
int mem_offset64(const void *__addr, int __fd, size_t __len, off64_t *__off, size_t *__contig_len);

/* shm_open(name, oflag, mode): open or create a shared memory object; an fd, or -1 and errno. */
int shm_open(const char *__name, int __oflag, mode_t __mode);
/* shm_unlink(name): remove the name; the object lives until its last reference goes. */
int shm_unlink(const char *__name);
/* shm_ctl(fd, flags, paddr, size): give an empty object its memory (SHMCTL_*); 0, or -1 and errno. */
int shm_ctl(int __fd, int __flags, uint64_t __paddr, uint64_t __size);
/* shm_ctl_special(fd, flags, paddr, size, special): shm_ctl plus CPU-specific PTE bits; 0, or -1. */
int shm_ctl_special(int __fd, int __flags, uint64_t __paddr, uint64_t __size, unsigned __special);

#endif
