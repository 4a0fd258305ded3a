/* <signal.h> - QNX signal numbers and kill().  mmsim has no signal
 * handlers: every signal whose default action terminates does so. */
#ifndef _SIGNAL_H_INCLUDED
#define _SIGNAL_H_INCLUDED

#include <sys/types.h>

#define SIGHUP    1
#define SIGINT    2
#define SIGQUIT   3
#define SIGILL    4
#define SIGTRAP   5
#define SIGABRT   6
#define SIGIOT    SIGABRT
#define SIGEMT    7
#define SIGFPE    8
#define SIGKILL   9
#define SIGBUS    10
#define SIGSEGV   11
#define SIGSYS    12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGUSR1   16
#define SIGUSR2   17
#define SIGCHLD   18
#define SIGPWR    19
#define SIGWINCH  20
#define SIGURG    21
#define SIGPOLL   22
#define SIGIO     SIGPOLL
#define SIGSTOP   23
#define SIGTSTP   24
#define SIGCONT   25
#define SIGVTALRM 26
#define SIGPROF   27
#define SIGXCPU   28
#define SIGXFSZ   29
#define NSIG      65

typedef int sig_atomic_t;
typedef struct { unsigned long __bits[2]; } sigset_t;

/* kill(pid, sig): send sig to process pid (sig 0: only check it exists);
 * 0, or -1 and errno (ESRCH, EINVAL, ENOTSUP for stop signals). */
int kill(pid_t __pid, int __sig);
/* raise(sig): kill(getpid(), sig). */
int raise(int __sig);

#endif
