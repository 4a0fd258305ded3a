/*
 * kcall.h - kernel-call numbers and register ABI shared by guest/ and sim/.
 *
 * ARM: `svc #0`, call number in r12, arguments r0-r6, result in r0.
 * PPC: `sc`, call number in r0, arguments r3-r9, result in r3.
 * REFERENCE.md section 5 gives six argument registers; calls that carry
 * two 64-bit values (mmap's offset, shm_ctl's paddr and size) need seven,
 * so the seventh is r6 (ARM) / r9 (PPC).  A 64-bit argument takes two
 * consecutive registers, low word first, on every arch.
 * A failing call returns -errno (guest errno values, <errno.h> of the
 * guest runtime); the guest wrapper stores errno and returns -1.
 * This header must stay plain C with no includes: the guest uses it too.
 */
#ifndef MMSIM_KCALL_H
#define MMSIM_KCALL_H

#define KC_EXIT          1   /* (status) -> does not return */
#define KC_WRITE         2   /* (fd, buf, len) -> bytes written */
#define KC_READ          3   /* (fd, buf, len) -> bytes read (0: EOF) */
#define KC_GETPID        4   /* () -> pid */
#define KC_CLOCK         5   /* () -> guest instructions retired / 1000 (deterministic clock) */
#define KC_ARGS          6   /* (buf, len) -> bytes of "argc\0argv0\0argv1\0..." copied, or size needed */

#define KC_SHM_OPEN     10   /* (name, oflag, mode) -> fd */
#define KC_SHM_UNLINK   11   /* (name) -> 0 */
#define KC_CLOSE        12   /* (fd) -> 0 */
#define KC_FTRUNCATE    13   /* (fd, len_lo, len_hi) -> 0 */
#define KC_FSTAT        14   /* (fd, struct stat *) -> 0 */
#define KC_SHM_CTL      15   /* (fd, flags, paddr_lo, paddr_hi, size_lo, size_hi, special) -> 0;
                                flags bit 31 set by shm_ctl_special: `special` is meaningful */
#define KC_OPEN         16   /* (path, oflag, mode) -> fd (/dev/shmem/ names, else files under --root) */

#define KC_MMAP         20   /* (addr, len, prot, flags, fd, off_lo, off_hi) -> addr */
#define KC_MUNMAP       21   /* (addr, len) -> 0 */
#define KC_MPROTECT     22   /* (addr, len, prot) -> 0 */
#define KC_MSYNC        23   /* (addr, len, flags) -> 0 */
#define KC_MEM_OFFSET   24   /* (addr, fd, len, off64 *, size_t *contig) -> 0 */

#define KC_MSGSEND      30   /* (coid, smsg, sbytes, rmsg, rbytes) -> status */

/* Processes, threads, synchronisation, time (sim/kcall/kcall_proc.c, sim/machine/sched.c). */
#define KC_FORK         40   /* () -> child pid in the parent, 0 in the child */
#define KC_SPAWN        41   /* (path, argv, pid_t *pid) -> 0 (pid stored) */
#define KC_WAITPID      42   /* (pid, int *status, options) -> pid, 0 (WNOHANG) */
#define KC_GETPPID      43   /* () -> parent pid (1 once orphaned) */
#define KC_KILL         44   /* (pid, sig) -> 0 */
#define KC_THREAD_CREATE 45  /* (start_pc, sp, arg0, arg1) -> tid */
#define KC_THREAD_EXIT  46   /* (value) -> does not return */
#define KC_THREAD_JOIN  47   /* (tid, uint32_t *value) -> 0 */
#define KC_GETTID       48   /* () -> tid of the calling thread */
#define KC_FUTEX_WAIT   49   /* (addr, val, const struct timespec *abs CLOCK_REALTIME or 0) -> 0; EAGAIN if *addr != val */
#define KC_FUTEX_WAKE   50   /* (addr, n) -> threads woken */
#define KC_CLOCK_GETTIME 51  /* (clockid, struct timespec *) -> 0 */
#define KC_NANOSLEEP    52   /* (const struct timespec *req, struct timespec *rem) -> 0 */
#define KC_SCHED_YIELD  53   /* () -> 0 */
#define KC_THREAD_DETACH 54  /* (tid) -> 0 */
#define KC_ATOMIC_CAS   55   /* (addr, old, new, int *prev) -> 0; ARMv5 has no ldrex/strex */
#define KC_SEMGET       60   /* (key, nsems, semflg) -> semid */
#define KC_SEMOP        61   /* (semid, struct sembuf *, nsops) -> 0 */
#define KC_SEMCTL       62   /* (semid, semnum, cmd, arg) -> value */

/* System V shared memory and credentials (sim/kcall/kcall_ipc.c). */
#define KC_SHMGET       70   /* (key, size, shmflg) -> shmid */
#define KC_SHMAT        71   /* (shmid, addr, shmflg) -> address */
#define KC_SHMDT        72   /* (addr) -> 0 */
#define KC_SHMCTL       73   /* (shmid, cmd, buf) -> 0, or an index / id (IPC_INFO, SHM_INFO, SHM_STAT) */
#define KC_GETUID       74   /* () -> real uid */
#define KC_GETEUID      75   /* () -> effective uid */
#define KC_GETGID       76   /* () -> real gid */
#define KC_GETEGID      77   /* () -> effective gid */

/* Files under --root (sim/kcall/kcall_file.c; open/read/write/close/ftruncate/
 * fstat above serve them too). */
#define KC_STAT         80   /* (path, struct stat *) -> 0 */
#define KC_LSEEK        81   /* (fd, off_lo, off_hi, whence, off64 *result) -> 0 */
#define KC_UNLINK       82   /* (path) -> 0 */

/* The rest of the mmap family (sim/kcall/kcall_file.c). */
#define KC_MREMAP       90   /* (old, old_size, new_size, flags, new_addr) -> address */
#define KC_MLOCK        91   /* (addr, len) -> 0 */
#define KC_MUNLOCK      92   /* (addr, len) -> 0 */
#define KC_MLOCKALL     93   /* (flags) -> 0 */
#define KC_MUNLOCKALL   94   /* () -> 0 */
#define KC_MADVISE      95   /* (addr, len, advice) -> 0  (posix_madvise) */
#define KC_CACHE_OP     100  /* (addr, len, op) -> 0: data-cache maintenance on a range */
#define KC_CACHE_INFO   101  /* () -> data-cache line size in bytes */
/* KC_CACHE_OP operations */
#define KC_CACHE_CLEAN  1    /* write dirty lines back (QNX CACHE_FLUSH writes back too) */
#define KC_CACHE_INVAL  2    /* drop lines; dirty data is lost */
#define KC_CACHE_FLUSH  3    /* clean, then invalidate */

#define KC_SHMCTL_SPECIAL_FLAG 0x80000000u

/* Number ranges by family, so families grow without clashing:
 *   1-39    console, shm objects, mmap family, MsgSend (sim/kcall/kcall.c)
 *   40-69   processes, threads, scheduling, synchronisation, time
 *   70-99   System V IPC, files under --root, the rest of the mmap family
 *   100-109 devices and cache maintenance
 *   110-139 signals, timers, process groups (sim/kcall/kcall_signal.c)
 *   140-179 descriptors: pipes, dup/fcntl, poll, directories, exec
 *   180-219 system information, limits, scheduling policy, credentials
 */

/* ---- signals, timers, process groups (110-139) ---------------------------- */
/* Signals (sim/kcall/kcall_signal.c; guest/libc/signal.c).  Guest layouts:
 * struct sigaction {handler, flags, sigset_t mask (2 words)}, 16 bytes;
 * sigset_t: 2 words, bit (sig-1) of the 64-bit value (word 0 = low);
 * siginfo_t: 12 words (signo, code, errno, pid, uid, addr, status, value, pad);
 * stack_t {sp, flags, size}; struct itimerval {interval, value} timevals. */
#define KC_SIGACTION    110  /* (sig, const sigaction *act, sigaction *old, restorer) -> 0 */
#define KC_SIGPROCMASK  111  /* (how, const sigset_t *set, sigset_t *old) -> 0 (calling thread) */
#define KC_SIGPENDING   112  /* (sigset_t *) -> 0 */
#define KC_SIGSUSPEND   113  /* (const sigset_t *mask) -> -EINTR after a handler ran */
#define KC_SIGRETURN    114  /* (frame) -> does not return: the interrupted registers */
#define KC_SIGTIMEDWAIT 115  /* (const sigset_t *set, siginfo_t *info, const timespec *rel or 0) -> sig */
#define KC_SIGALTSTACK  116  /* (const stack_t *ss, stack_t *old) -> 0 */
#define KC_SETITIMER    117  /* (which, const itimerval *new, itimerval *old) -> 0 */
#define KC_GETITIMER    118  /* (which, itimerval *) -> 0 */
#define KC_THREAD_KILL  119  /* (tid, sig) -> 0 (a thread of the calling process) */
#define KC_SIGQUEUE     120  /* (pid, sig, value) -> 0 */
#define KC_SETPGID      121  /* (pid, pgid) -> 0 */
#define KC_GETPGID      122  /* (pid) -> pgid */
#define KC_SETSID       123  /* () -> new session id */
#define KC_GETSID       124  /* (pid) -> session id */
#define KC_ALARM        125  /* (seconds) -> seconds left of the previous alarm */

/* ---- descriptors: pipes, dup/fcntl, poll, directories, exec (140-179) ----- */
/* (sim/kcall/kcall_fd.c; read/write of pipes, /dev/null, /dev/zero and shm
 * fds go through KC_READ/KC_WRITE) */
#define KC_PIPE2       140   /* (int fds[2], flags) -> 0; flags O_NONBLOCK|O_CLOEXEC */
#define KC_DUP3        141   /* (oldfd, newfd, flags) -> newfd; flags -1: dup2 */
#define KC_FCNTL       142   /* (fd, cmd, arg) -> value */
#define KC_POLL        143   /* (struct pollfd *, nfds, timeout_ms) -> ready count */
/* (sim/kcall/kcall_path.c) */
#define KC_GETCWD      150   /* (buf, size) -> length with the NUL */
#define KC_CHDIR       151   /* (path) -> 0 */
#define KC_UMASK       152   /* (mask) -> old mask */
#define KC_ACCESS      153   /* (path, mode) -> 0 */
#define KC_MKDIR       154   /* (path, mode) -> 0 */
#define KC_RMDIR       155   /* (path) -> 0 */
#define KC_RENAME      156   /* (from, to) -> 0 */
#define KC_READDIR     157   /* (path, index, buf, len) -> 1 + "d_type\0name\0", 0 at the end */
#define KC_FSYNC       158   /* (fd) -> 0 (fsync and fdatasync) */
#define KC_REMAP_FILE_PAGES 161 /* (start, size, prot, pgoff, flags) -> 0 */
#define KC_EXECVE      160   /* (path, argv, envp) -> no return; -errno with the old image intact */

/* ---- system information, limits, scheduling policy, credentials (180-219) - */
/* (sim/kcall/kcall_sys.c; guest/libc/sys*.c, creds.c; docs/posix/libc.md) */
#define KC_SYSINFO      180  /* (item) -> value (KC_SYSINFO_* below) */
#define KC_SETUID       181  /* (uid) -> 0 */
#define KC_SETGID       182  /* (gid) -> 0 */
#define KC_SETEUID      183  /* (euid) -> 0 */
#define KC_SETEGID      184  /* (egid) -> 0 */
#define KC_SETREUID     185  /* (ruid or -1, euid or -1) -> 0 */
#define KC_SETREGID     186  /* (rgid or -1, egid or -1) -> 0 */
#define KC_SCHED_SET    187  /* (pid, policy or -1 to keep, priority) -> 0 */
#define KC_SCHED_GET    188  /* (pid, which: 0 policy, 1 priority) -> value */
#define KC_GETRLIMIT    189  /* (resource, uint64_t lim[2]) -> 0 (cur, max; guest byte order) */
#define KC_SETRLIMIT    190  /* (resource, const uint64_t lim[2]) -> 0 */
#define KC_GETPRIO      191  /* (which, who) -> nice + 20 */
#define KC_SETPRIO      192  /* (which, who, nice) -> 0 */
#define KC_GETRUSAGE    193  /* (who, uint32_t out[4]: utime s/us, stime s/us) -> 0 */
/* KC_SYSINFO items */
#define KC_SYSINFO_CPU        1  /* the flavour: 0 armv5 1 armv6 2 armv7 3 e500 4 ppc600 */
#define KC_SYSINFO_RAM_PAGES  2  /* simulated RAM, pages */
#define KC_SYSINFO_FREE_PAGES 3  /* free frames */
#define KC_SYSINFO_MAX_PROCS  4  /* --max-procs */
#define KC_SYSINFO_MAX_THREADS 5 /* --max-threads */
#define KC_SYSINFO_EPOCH      6  /* --epoch: the realtime clock at simulated time 0 */
#define KC_SYSINFO_USER_UID   7  /* <pwd.h>'s "user": --uid if not 0, else 1000 */
#define KC_SYSINFO_USER_GID   8  /* <grp.h>'s "user": --gid if not 0, else 1000 */
/* Resources of KC_GETRLIMIT / KC_SETRLIMIT (Linux's numbers, <sys/resource.h>). */
#define KC_RLIMIT_NLIMITS     16

#endif
