/*
 * kcall_args.c - the decoded "args" object of a "kcall" trace record: one
 * spec string per call number, "name:kind ..." in register order, kind
 * x (hex word), d (signed word) or q (64-bit value in two registers, low
 * first).  Calls without a spec get their raw registers as r0, r1, ...
 * A family adds its calls here with one line each.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "mmsim/kcall.h"
#include "kcall.h"
#include "trace.h"

static const struct { unsigned num; const char *spec; } specs[] = {
    {KC_EXIT, "status:d"},
    {KC_WRITE, "fd:d buf:x len:x"},
    {KC_READ, "fd:d buf:x len:x"},
    {KC_GETPID, ""},
    {KC_CLOCK, ""},
    {KC_ARGS, "buf:x len:x"},
    {KC_SHM_OPEN, "name_ptr:x oflag:x mode:x"},
    {KC_SHM_UNLINK, "name_ptr:x"},
    {KC_CLOSE, "fd:d"},
    {KC_FTRUNCATE, "fd:d len:q"},
    {KC_FSTAT, "fd:d buf:x"},
    {KC_SHM_CTL, "fd:d flags:x paddr:q size:q special:x"},
    {KC_OPEN, "path_ptr:x oflag:x mode:x"},
    {KC_MMAP, "addr:x len:x prot:x flags:x fd:d off:q"},
    {KC_MUNMAP, "addr:x len:x"},
    {KC_MPROTECT, "addr:x len:x prot:x"},
    {KC_MSYNC, "addr:x len:x flags:x"},
    {KC_MEM_OFFSET, "addr:x fd:d len:x off_ptr:x contig_ptr:x"},
    {KC_MSGSEND, "coid:x smsg:x sbytes:x rmsg:x rbytes:x"},
    {KC_FORK, ""},
    {KC_SPAWN, "path_ptr:x argv_ptr:x pid_ptr:x"},
    {KC_WAITPID, "pid:d status_ptr:x options:x"},
    {KC_GETPPID, ""},
    {KC_KILL, "pid:d sig:d"},
    {KC_THREAD_CREATE, "start:x sp:x arg0:x arg1:x"},
    {KC_THREAD_EXIT, "value:x"},
    {KC_THREAD_JOIN, "tid:d value_ptr:x"},
    {KC_GETTID, ""},
    {KC_FUTEX_WAIT, "addr:x val:x abstime_ptr:x"},
    {KC_FUTEX_WAKE, "addr:x n:d"},
    {KC_CLOCK_GETTIME, "clockid:d ts_ptr:x"},
    {KC_NANOSLEEP, "req_ptr:x rem_ptr:x"},
    {KC_SCHED_YIELD, ""},
    {KC_THREAD_DETACH, "tid:d"},
    {KC_ATOMIC_CAS, "addr:x old:x new:x prev_ptr:x"},
    {KC_SEMGET, "key:x nsems:d semflg:x"},
    {KC_SEMOP, "semid:d sops_ptr:x nsops:d"},
    {KC_SEMCTL, "semid:d semnum:d cmd:d arg:x"},
    {KC_SHMGET, "key:x size:x shmflg:x"},
    {KC_SHMAT, "shmid:d addr:x shmflg:x"},
    {KC_SHMDT, "addr:x"},
    {KC_SHMCTL, "shmid:d cmd:d buf_ptr:x"},
    {KC_GETUID, ""},
    {KC_GETEUID, ""},
    {KC_GETGID, ""},
    {KC_GETEGID, ""},
    {KC_STAT, "path_ptr:x buf_ptr:x"},
    {KC_LSEEK, "fd:d off:q whence:d result_ptr:x"},
    {KC_UNLINK, "path_ptr:x"},
    {KC_MREMAP, "old:x old_size:x new_size:x flags:x new_addr:x"},
    {KC_MLOCK, "addr:x len:x"},
    {KC_MUNLOCK, "addr:x len:x"},
    {KC_MLOCKALL, "flags:x"},
    {KC_MUNLOCKALL, ""},
    {KC_MADVISE, "addr:x len:x advice:d"},
    {KC_CACHE_OP, "addr:x len:x op:d"},
    {KC_CACHE_INFO, ""},
    /* system information, credentials, limits, scheduling policy (kcall_sys.c) */
    {KC_SYSINFO, "item:d"},
    {KC_SETUID, "uid:d"},
    {KC_SETGID, "gid:d"},
    {KC_SETEUID, "euid:d"},
    {KC_SETEGID, "egid:d"},
    {KC_SETREUID, "ruid:d euid:d"},
    {KC_SETREGID, "rgid:d egid:d"},
    {KC_SCHED_SET, "pid:d policy:d prio:d"},
    {KC_SCHED_GET, "pid:d which:d"},
    {KC_GETRLIMIT, "resource:d buf:x"},
    {KC_SETRLIMIT, "resource:d buf:x"},
    {KC_GETPRIO, "which:d who:d"},
    {KC_SETPRIO, "which:d who:d nice:d"},
    {KC_GETRUSAGE, "who:d buf:x"},
    {KC_SHMGET, "key:d size:x shmflg:x"},
    {KC_SHMAT, "shmid:d addr:x shmflg:x"},
    {KC_SHMDT, "addr:x"},
    {KC_SHMCTL, "shmid:d cmd:d buf:x"},
    {KC_GETUID, ""},
    {KC_GETEUID, ""},
    {KC_GETGID, ""},
    {KC_GETEGID, ""},
    {KC_STAT, "path_ptr:x buf:x"},
    {KC_LSEEK, "fd:d off:q whence:d result_ptr:x"},
    {KC_UNLINK, "path_ptr:x"},
    {KC_MREMAP, "old:x old_size:x new_size:x flags:x new_addr:x"},
    {KC_MLOCK, "addr:x len:x"},
    {KC_MUNLOCK, "addr:x len:x"},
    {KC_MLOCKALL, "flags:x"},
    {KC_MUNLOCKALL, ""},
    {KC_MADVISE, "addr:x len:x advice:d"},
    /* descriptors: pipes, dup/fcntl, poll, directories, exec (kcall_fd.c) */
    {KC_PIPE2, "fds_ptr:x flags:x"},
    {KC_DUP3, "oldfd:d newfd:d flags:d"},
    {KC_FCNTL, "fd:d cmd:d arg:x"},
    {KC_POLL, "fds_ptr:x nfds:d timeout:d"},
    {KC_GETCWD, "buf:x size:x"},
    {KC_CHDIR, "path_ptr:x"},
    {KC_UMASK, "mask:x"},
    {KC_ACCESS, "path_ptr:x mode:x"},
    {KC_MKDIR, "path_ptr:x mode:x"},
    {KC_RMDIR, "path_ptr:x"},
    {KC_RENAME, "from_ptr:x to_ptr:x"},
    {KC_READDIR, "path_ptr:x index:d buf:x len:x"},
    {KC_FSYNC, "fd:d"},
    {KC_EXECVE, "path_ptr:x argv_ptr:x envp_ptr:x"},
    {KC_REMAP_FILE_PAGES, "start:x size:x prot:x pgoff:x flags:x"},
    /* signals, timers, process groups (kcall_signal.c) */
    {KC_SIGACTION, "sig:d act:x oact:x restorer:x"},
    {KC_SIGPROCMASK, "how:d set:x oset:x"},
    {KC_SIGPENDING, "set:x"},
    {KC_SIGSUSPEND, "mask:x"},
    {KC_SIGRETURN, "frame:x"},
    {KC_SIGTIMEDWAIT, "set:x info:x timeout:x"},
    {KC_SIGALTSTACK, "ss:x oss:x"},
    {KC_SETITIMER, "which:d new:x old:x"},
    {KC_GETITIMER, "which:d cur:x"},
    {KC_THREAD_KILL, "tid:d sig:d"},
    {KC_SIGQUEUE, "pid:d sig:d value:x"},
    {KC_SETPGID, "pid:d pgid:d"},
    {KC_GETPGID, "pid:d"},
    {KC_SETSID, ""},
    {KC_GETSID, "pid:d"},
    {KC_ALARM, "seconds:d"},
};

/* The spec of call `num`, or NULL (a linear search, cached per number). */
static const char *spec_of(unsigned num)
{
    static const char *cache[128];
    static bool known[128];
    if (num < 128 && known[num])
        return cache[num];
    const char *spec = NULL;
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
        if (specs[i].num == num)
            spec = specs[i].spec;
    if (num < 128) {
        cache[num] = spec;
        known[num] = true;
    }
    return spec;
}

void kcall_trace_args(struct trace *t, unsigned num, const uint32_t a[7], int nargs)
{
    const char *spec = spec_of(num);
    trace_obj_begin(t, "args");
    if (!spec) {
        for (int i = 0; i < nargs && i < 7; i++) {
            char k[4] = {'r', (char)('0' + i), 0};
            trace_hex(t, k, a[i]);
        }
        trace_obj_end(t);
        return;
    }
    int r = 0;
    for (const char *s = spec; *s && r < 7;) {
        const char *colon = strchr(s, ':');
        if (!colon)
            break;
        char k[32];
        size_t n = (size_t)(colon - s) < sizeof k - 1 ? (size_t)(colon - s) : sizeof k - 1;
        memcpy(k, s, n);
        k[n] = 0;
        char kind = colon[1];
        if (kind == 'q' && r < 6) {
            trace_hex(t, k, (uint64_t)a[r + 1] << 32 | a[r]);
            r += 2;
        } else if (kind == 'd') {
            trace_int(t, k, (int32_t)a[r++]);
        } else {
            trace_hex(t, k, a[r++]);
        }
        s = colon + 2;
        while (*s == ' ')
            s++;
    }
    trace_obj_end(t);
}
