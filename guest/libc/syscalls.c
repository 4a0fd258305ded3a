/*
 * syscalls.c - the kernel-call wrappers.  Each one traps with __kcall()
 * (include/mmsim/kcall.h gives numbers and argument order) and turns a
 * result in [-4095, -1] into errno and -1 (MAP_FAILED for mmap).
 * QNX flag values (PROT_*, MAP_*, SHMCTL_*, O_*) are passed unchanged.
 */
#include <stdarg.h>
#include <fcntl.h>
#include <unistd.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/neutrino.h>
#include <sys/mmsim.h>
#include "libc.h"


/* _exit(status): end the process now: no atexit handlers, no stdio flush. */
_Noreturn void _exit(int status)
{
	for (;;)
		KC1(KC_EXIT, status);
}

/* _Exit(status): end the process at once. */
_Noreturn void _Exit(int status)
{
	_exit(status);
}

/* write(fd, buf, n): write up to n bytes; the count written, or -1 and errno. */
ssize_t write(int fd, const void *buf, size_t n)
{
	return __kc_ret(KC3(KC_WRITE, fd, KA_PTR(buf), (long)n));
}

/* read(fd, buf, n): read up to n bytes; the count (0 at end of file), or -1 and errno. */
ssize_t read(int fd, void *buf, size_t n)
{
	return __kc_ret(KC3(KC_READ, fd, KA_PTR(buf), (long)n));
}

/* close(fd): release fd; 0, or -1 and errno. */
int close(int fd)
{
	return (int)__kc_ret(KC1(KC_CLOSE, fd));
}

/* getpid(): this process's id. */
pid_t getpid(void)
{
	return (pid_t)KC0(KC_GETPID);
}

/* ftruncate(fd, len): set the size of a shared memory object; 0, or -1 and errno. */
int ftruncate(int fd, off_t len)
{
	return (int)__kc_ret(KC3(KC_FTRUNCATE, fd, KA_LO(len), KA_HI(len)));
}

/* ftruncate64: the same as ftruncate. */
int ftruncate64(int fd, off64_t len)
{
	return ftruncate(fd, len);
}

/* fstat(fd, st): fill *st for an open fd; 0, or -1 and errno. */
int fstat(int fd, struct stat *st)
{
	return (int)__kc_ret(KC2(KC_FSTAT, fd, KA_PTR(st)));
}

/* open(path, oflag[, mode]): open a file (mmsim: shared memory object names only); an fd, or -1. */
int open(const char *path, int oflag, ...)
{
	mode_t mode = 0;
	if (oflag & O_CREAT) {
		va_list ap;
		va_start(ap, oflag);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return (int)__kc_ret(KC3(KC_OPEN, KA_PTR(path), oflag, (long)mode));
}

/* shm_open(name, oflag, mode): open or create a shared memory object; an fd, or -1 and errno. */
int shm_open(const char *name, int oflag, mode_t mode)
{
	return (int)__kc_ret(KC3(KC_SHM_OPEN, KA_PTR(name), oflag, (long)mode));
}

/* shm_unlink(name): remove the name; the object lives until its last reference goes. */
int shm_unlink(const char *name)
{
	return (int)__kc_ret(KC1(KC_SHM_UNLINK, KA_PTR(name)));
}

/* shm_ctl(fd, flags, paddr, size): give an empty object its memory (SHMCTL_*); 0, or -1 and errno. */
int shm_ctl(int fd, int flags, uint64_t paddr, uint64_t size)
{
	return (int)__kc_ret(__kcall(KC_SHM_CTL, fd, flags, KA_LO(paddr), KA_HI(paddr),
				     KA_LO(size), KA_HI(size), 0));
}

/* shm_ctl_special(fd, flags, paddr, size, special): shm_ctl plus CPU-specific PTE bits; 0, or -1. */
int shm_ctl_special(int fd, int flags, uint64_t paddr, uint64_t size, unsigned special)
{
	long f = (long)((unsigned)flags | KC_SHMCTL_SPECIAL_FLAG);
	return (int)__kc_ret(__kcall(KC_SHM_CTL, fd, f, KA_LO(paddr), KA_HI(paddr),
				     KA_LO(size), KA_HI(size), (long)special));
}

/* mmap(addr, len, prot, flags, fd, off): map len bytes; the address, or MAP_FAILED and errno. */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	long r = __kcall(KC_MMAP, KA_PTR(addr), (long)len, prot, flags, fd, KA_LO(off), KA_HI(off));
	if (__kc_failed(r)) {
		errno = (int)-r;
		return MAP_FAILED;
	}
	return (void *)(uintptr_t)(unsigned long)r;
}

/* mmap64: the same as mmap (off_t is already 64-bit). */
void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off64_t off)
{
	return mmap(addr, len, prot, flags, fd, off);
}

/* munmap(addr, len): remove the mappings in [addr, addr+len); 0, or -1 and errno. */
int munmap(void *addr, size_t len)
{
	return (int)__kc_ret(KC2(KC_MUNMAP, KA_PTR(addr), (long)len));
}

/* mmap_device_memory: mmap of physical memory, shared, with no fd. */
void *mmap_device_memory(void *addr, size_t len, int prot, int flags, uint64_t physical)
{
	return mmap(addr, len, prot, flags | MAP_PHYS | MAP_SHARED, NOFD, (off_t)physical);
}

/* munmap_device_memory: the same as munmap. */
int munmap_device_memory(void *addr, size_t len)
{
	return munmap(addr, len);
}

/* mprotect(addr, len, prot): change the protection of mapped pages; 0, or -1 and errno. */
int mprotect(void *addr, size_t len, int prot)
{
	return (int)__kc_ret(KC3(KC_MPROTECT, KA_PTR(addr), (long)len, prot));
}

/* msync(addr, len, flags): MS_SYNC/MS_ASYNC clean, MS_INVALIDATE invalidate the cache; 0, or -1. */
int msync(void *addr, size_t len, int flags)
{
	return (int)__kc_ret(KC3(KC_MSYNC, KA_PTR(addr), (long)len, flags));
}

/* mem_offset(addr, fd, len, &off, &contig): physical address of addr (fd NOFD) and the contiguous length from it, at most len; 0, or -1. */
int mem_offset(const void *addr, int fd, size_t len, off_t *off, size_t *contig_len)
{
	return (int)__kc_ret(KC5(KC_MEM_OFFSET, KA_PTR(addr), fd, (long)len, KA_PTR(off),
				 KA_PTR(contig_len)));
}

/* mem_offset64: the same as mem_offset. */
int mem_offset64(const void *addr, int fd, size_t len, off64_t *off, size_t *contig_len)
{
	return mem_offset(addr, fd, len, off, contig_len);
}

/* MsgSend(coid, smsg, sbytes, rmsg, rbytes): send a message and wait for the reply; the server's status, or -1 and errno. */
long MsgSend(int coid, const void *smsg, size_t sbytes, void *rmsg, size_t rbytes)
{
	return __kc_ret(KC5(KC_MSGSEND, coid, KA_PTR(smsg), (long)sbytes, KA_PTR(rmsg),
			    (long)rbytes));
}

/* clock(): guest time in microseconds (instructions retired / 1000). */
clock_t clock(void)
{
	return (clock_t)KC0(KC_CLOCK);
}

/* time(t): CLOCK_REALTIME seconds (--epoch + simulated time); also stored in *t unless t is NULL. */
time_t time(time_t *t)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

/* mmsim_kcall(n, a0..a6): raw kernel call, raw result (<sys/mmsim.h>). */
long mmsim_kcall(long n, long a0, long a1, long a2, long a3, long a4, long a5, long a6)
{
	return __kcall(n, a0, a1, a2, a3, a4, a5, a6);
}
