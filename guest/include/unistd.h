/* <unistd.h> - the POSIX calls mmsim guests have. */
#ifndef _UNISTD_H_INCLUDED
#define _UNISTD_H_INCLUDED

#include <sys/types.h>
#include <stddef.h>

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2


/* The environment: always an empty list in mmsim guests. */
extern char **environ;

/* write(fd, buf, n): write up to n bytes; the count written, or -1 and errno. */
ssize_t write(int __fd, const void *__buf, size_t __n);
/* read(fd, buf, n): read up to n bytes; the count (0 at end of file), or -1 and errno. */
ssize_t read(int __fd, void *__buf, size_t __n);
/* close(fd): release fd; 0, or -1 and errno. */
int close(int __fd);
/* ftruncate(fd, len): set the size of a shared memory object; 0, or -1 and errno. */
int ftruncate(int __fd, off_t __len);
/* ftruncate64: the same as ftruncate. */
int ftruncate64(int __fd, off64_t __len);
/* lseek(fd, off, whence): move the file offset; the new offset, or -1 and errno. */
off_t lseek(int __fd, off_t __off, int __whence);
/* pread(fd, buf, n, off) / pwrite(fd, buf, n, off): at offset off, the fd's offset unchanged. */
ssize_t pread(int __fd, void *__buf, size_t __n, off_t __off);
ssize_t pwrite(int __fd, const void *__buf, size_t __n, off_t __off);
/* unlink(path): remove a file under mmsim's --root (or a /dev/shmem/ name); 0, or -1 and errno. */
int unlink(const char *__path);
/* pipe(fds) / pipe2(fds, flags): fds[0] reads, fds[1] writes (64 KiB
 * buffer, writes of up to PIPE_BUF 4096 bytes atomic); flags O_NONBLOCK,
 * O_CLOEXEC; 0, or -1 and errno. */
int pipe(int __fds[2]);
int pipe2(int __fds[2], int __flags);
/* dup(fd), dup2(fd, nfd), dup3(fd, nfd, O_CLOEXEC): share fd's open file
 * description (offset, status flags); the new fd, or -1 and errno. */
int dup(int __fd);
int dup2(int __fd, int __nfd);
int dup3(int __fd, int __nfd, int __flags);
/* access(path, mode): F_OK, or R_OK|W_OK|X_OK for the effective ids; 0, or -1 and errno. */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4
int access(const char *__path, int __mode);
/* getcwd(buf, size): the working directory ("/" at first; inherited);
 * buf, or NULL and errno (ERANGE). */
char *getcwd(char *__buf, size_t __size);
/* chdir(path): change the working directory (relative paths start there). */
int chdir(const char *__path);
/* rmdir(path): remove an empty directory. */
int rmdir(const char *__path);
/* fsync(fd), fdatasync(fd): 0 (writes go through at once); EINVAL for pipes and the console. */
int fsync(int __fd);
int fdatasync(int __fd);
/* pathconf(path, name), fpathconf(fd, name): _PC_ limits (Linux's numbers). */
#define _PC_LINK_MAX   0
#define _PC_MAX_CANON  1
#define _PC_MAX_INPUT  2
#define _PC_NAME_MAX   3
#define _PC_PATH_MAX   4
#define _PC_PIPE_BUF   5
#define _PC_CHOWN_RESTRICTED 6
#define _PC_NO_TRUNC   7
#define _PC_VDISABLE   8
long pathconf(const char *__path, int __name);
long fpathconf(int __fd, int __name);
/* execve(path, argv, envp) and execv, execvp, execl, execlp, execle:
 * replace this process's program (found as posix_spawn finds it); the
 * pid, parent, fds without FD_CLOEXEC and credentials stay.  Returns
 * only on failure: -1 and errno (ENOENT, EACCES, ENOEXEC, E2BIG).  The
 * environment is not passed (mmsim guests have none). */
int execve(const char *__path, char *const __argv[], char *const __envp[]);
int execv(const char *__path, char *const __argv[]);
int execvp(const char *__file, char *const __argv[]);
int execl(const char *__path, const char *__arg0, ...);
int execlp(const char *__file, const char *__arg0, ...);
int execle(const char *__path, const char *__arg0, ...);
/* getpid(): this process's id. */
pid_t getpid(void);
/* fork(): a new process with a copy-on-write copy of this one; the
 * child's pid in the parent, 0 in the child, or -1 and errno (ENOMEM). */
pid_t fork(void);
/* getppid(): the parent's pid (1 once the parent has ended). */
pid_t getppid(void);
/* Signals and process groups (guest/libc/signal.c). */
/* alarm(s): SIGALRM after s seconds of simulated time (0: cancel); the
 * seconds left of the previous alarm. */
unsigned alarm(unsigned __seconds);
/* pause(): wait for a signal handler to run; -1 with EINTR. */
int pause(void);
int setpgid(pid_t __pid, pid_t __pgid);
pid_t getpgid(pid_t __pid);
pid_t getpgrp(void);
int setpgrp(void);
pid_t setsid(void);
pid_t getsid(pid_t __pid);
/* sleep(s) / usleep(us): block for simulated time; sleep returns the
 * seconds left when a signal handler interrupted it, usleep 0 or -1. */
unsigned sleep(unsigned __seconds);
int usleep(unsigned __usec);
/* getuid(), geteuid(), getgid(), getegid(): this process's credentials. */
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
/* _exit(status): end the process now: no atexit handlers, no stdio flush. */
_Noreturn void _exit(int __status);

/* ---- system information, limits, credentials (docs/posix/libc.md) ------- */

/* POSIX.1-2008, and the options mmsim really implements (nothing else:
 * a conforming test program skips what is not defined). */
#define _POSIX_VERSION                 200809L
#define _POSIX2_VERSION                200809L
#define _XOPEN_VERSION                 700
#define _POSIX_MEMORY_PROTECTION       200809L  /* mprotect, faults as reported */
#define _POSIX_MEMLOCK                 200809L  /* mlockall / munlockall */
#define _POSIX_MEMLOCK_RANGE           200809L  /* mlock / munlock */
#define _POSIX_MAPPED_FILES            200809L  /* mmap of files and shm objects */
#define _POSIX_SHARED_MEMORY_OBJECTS   200809L  /* shm_open / shm_unlink */
#define _POSIX_SYNCHRONIZED_IO         200809L  /* msync MS_SYNC, O_SYNC, fdatasync */
#define _POSIX_FSYNC                   200809L  /* fsync */
#define _POSIX_SEMAPHORES              200809L  /* sem_init, sem_open, sem_timedwait */
#define _POSIX_TIMEOUTS                200809L  /* sem_timedwait, pthread_mutex_timedlock */
#define _POSIX_THREADS                 200809L
#define _POSIX_THREAD_SAFE_FUNCTIONS   200809L  /* strtok_r, localtime_r, getpwnam_r ... */
#define _POSIX_THREAD_ATTR_STACKSIZE   200809L
#define _POSIX_PRIORITY_SCHEDULING     200809L  /* sched_setscheduler & co. */
#define _POSIX_MONOTONIC_CLOCK         200809L  /* CLOCK_MONOTONIC */
#define _POSIX_THREAD_PROCESS_SHARED   200809L  /* futex words keyed by physical address */
#define _POSIX_BARRIERS                200809L  /* pthread_barrier_* */
#define _POSIX_READER_WRITER_LOCKS     200809L  /* pthread_rwlock_* */
#define _POSIX_SPIN_LOCKS              200809L  /* pthread_spin_* */
#define _POSIX_SAVED_IDS               1        /* setuid keeps a saved set-user-ID */

/* sysconf() names (glibc's numbers). */
#define _SC_ARG_MAX                    0
#define _SC_CHILD_MAX                  1
#define _SC_CLK_TCK                    2
#define _SC_NGROUPS_MAX                3
#define _SC_OPEN_MAX                   4
#define _SC_STREAM_MAX                 5
#define _SC_TZNAME_MAX                 6
#define _SC_JOB_CONTROL                7
#define _SC_SAVED_IDS                  8
#define _SC_REALTIME_SIGNALS           9
#define _SC_PRIORITY_SCHEDULING        10
#define _SC_TIMERS                     11
#define _SC_ASYNCHRONOUS_IO            12
#define _SC_PRIORITIZED_IO             13
#define _SC_SYNCHRONIZED_IO            14
#define _SC_FSYNC                      15
#define _SC_MAPPED_FILES               16
#define _SC_MEMLOCK                    17
#define _SC_MEMLOCK_RANGE              18
#define _SC_MEMORY_PROTECTION          19
#define _SC_MESSAGE_PASSING            20
#define _SC_SEMAPHORES                 21
#define _SC_SHARED_MEMORY_OBJECTS      22
#define _SC_AIO_LISTIO_MAX             23
#define _SC_AIO_MAX                    24
#define _SC_AIO_PRIO_DELTA_MAX         25
#define _SC_DELAYTIMER_MAX             26
#define _SC_MQ_OPEN_MAX                27
#define _SC_MQ_PRIO_MAX                28
#define _SC_VERSION                    29
#define _SC_PAGESIZE                   30
#define _SC_PAGE_SIZE                  _SC_PAGESIZE
#define _SC_RTSIG_MAX                  31
#define _SC_SEM_NSEMS_MAX              32
#define _SC_SEM_VALUE_MAX              33
#define _SC_SIGQUEUE_MAX               34
#define _SC_TIMER_MAX                  35
#define _SC_LINE_MAX                   43
#define _SC_IOV_MAX                    60
#define _SC_THREADS                    67
#define _SC_THREAD_SAFE_FUNCTIONS      68
#define _SC_GETGR_R_SIZE_MAX           69
#define _SC_GETPW_R_SIZE_MAX           70
#define _SC_LOGIN_NAME_MAX             71
#define _SC_TTY_NAME_MAX               72
#define _SC_THREAD_DESTRUCTOR_ITERATIONS 73
#define _SC_THREAD_KEYS_MAX            74
#define _SC_THREAD_STACK_MIN           75
#define _SC_THREAD_THREADS_MAX         76
#define _SC_THREAD_ATTR_STACKADDR      77
#define _SC_THREAD_ATTR_STACKSIZE      78
#define _SC_THREAD_PRIORITY_SCHEDULING 79
#define _SC_THREAD_PRIO_INHERIT        80
#define _SC_THREAD_PRIO_PROTECT        81
#define _SC_THREAD_PROCESS_SHARED      82
#define _SC_NPROCESSORS_CONF           83
#define _SC_NPROCESSORS_ONLN           84
#define _SC_PHYS_PAGES                 85
#define _SC_AVPHYS_PAGES               86
#define _SC_ATEXIT_MAX                 87
#define _SC_XOPEN_VERSION              89
#define _SC_XOPEN_SHM                  94
#define _SC_2_VERSION                  46
#define _SC_BARRIERS                   133
#define _SC_CLOCK_SELECTION            137
#define _SC_MONOTONIC_CLOCK            149
#define _SC_READER_WRITER_LOCKS        153
#define _SC_SPIN_LOCKS                 154
#define _SC_SPAWN                      159
#define _SC_TIMEOUTS                   164
#define _SC_HOST_NAME_MAX              180

/* sysconf(name): a limit or option value; -1 with errno unchanged when
 * the limit is indeterminate or the option absent, -1 and EINVAL for an
 * unknown name. */
long sysconf(int __name);
/* getpagesize(): 4096. */
int getpagesize(void);

/* getopt(argc, argv, optstring): the next option letter of argv, '?' for
 * an unknown one or a missing argument (':' if optstring starts with ':'),
 * -1 at the first non-option; POSIX rules (no argument permutation). */
int getopt(int __argc, char *const __argv[], const char *__optstring);
extern char *optarg;
extern int optind, opterr, optopt;

/* setuid(u) / setgid(g): privileged (euid 0): real, effective and saved
 * IDs; else the effective ID, to the real or saved one; 0, or -1 (EPERM, EINVAL). */
int setuid(uid_t __uid);
int setgid(gid_t __gid);
/* seteuid(u) / setegid(g): the effective ID (unprivileged: to the real or saved one). */
int seteuid(uid_t __uid);
int setegid(gid_t __gid);
/* setreuid(r, e) / setregid(r, e): real and effective IDs, -1 keeps one (POSIX / Linux rules). */
int setreuid(uid_t __ruid, uid_t __euid);
int setregid(gid_t __rgid, gid_t __egid);
/* getgroups(n, list): the supplementary groups: none in mmsim; 0. */
int getgroups(int __n, gid_t __list[]);
/* getlogin() / getlogin_r(buf, n): the name of the real user (pwd.h's database). */
char *getlogin(void);
int getlogin_r(char *__buf, size_t __n);
/* gethostname(buf, n): "mmsim"; 0, or -1 (ENAMETOOLONG). */
int gethostname(char *__buf, size_t __n);
/* nice(inc): add inc to the nice value; the new value, or -1 (EPERM lowering it unprivileged). */
int nice(int __inc);

/* isatty(fd): 0 for every descriptor: mmsim has no terminal devices (its
 * console is the host's output, whatever that is, so runs stay
 * deterministic); errno EBADF for a closed fd, ENOTTY otherwise. */
int isatty(int __fd);
/* ttyname(fd): NULL (EBADF or ENOTTY, as isatty); ttyname_r returns that errno. */
char *ttyname(int __fd);
int ttyname_r(int __fd, char *__buf, size_t __n);

#endif
