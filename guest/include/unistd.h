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

#define _SC_PAGESIZE  11
#define _SC_PAGE_SIZE _SC_PAGESIZE

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
/* sysconf(name): _SC_PAGESIZE gives 4096; others -1 with EINVAL. */
long sysconf(int __name);
/* getpagesize(): 4096. */
int getpagesize(void);

#endif
