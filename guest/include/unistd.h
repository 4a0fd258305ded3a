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
/* sysconf(name): _SC_PAGESIZE gives 4096; others -1 with EINVAL. */
long sysconf(int __name);
/* getpagesize(): 4096. */
int getpagesize(void);

#endif
