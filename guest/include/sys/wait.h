/* <sys/wait.h> - waiting for child processes (classic status encoding:
 * exit code << 8, or the terminating signal in the low 7 bits). */
#ifndef _SYS_WAIT_H_INCLUDED
#define _SYS_WAIT_H_INCLUDED

#include <sys/types.h>

#define WNOHANG    0x40     /* QNX value: return 0 at once if no child has ended */
#define WUNTRACED  0x04     /* accepted; mmsim has no stopped processes */

#define WIFEXITED(s)   (((s) & 0x7f) == 0)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WIFSIGNALED(s) (((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s)    ((s) & 0x7f)
#define WIFSTOPPED(s)  (((s) & 0xff) == 0x7f)
#define WSTOPSIG(s)    WEXITSTATUS(s)
#define WCOREDUMP(s)   ((s) & 0x80)

/* waitpid(pid, status, options): reap a child (pid -1: any); its pid, 0
 * with WNOHANG if none has ended, or -1 and errno (ECHILD, EINVAL, EFAULT). */
pid_t waitpid(pid_t __pid, int *__status, int __options);
/* wait(status): waitpid(-1, status, 0). */
pid_t wait(int *__status);

struct rusage;
/* wait4(pid, status, options, ru) / wait3(status, options, ru): waitpid
 * (wait3: any child) and the reaped child's resource use in *ru. */
pid_t wait4(pid_t __pid, int *__status, int __options, struct rusage *__ru);
pid_t wait3(int *__status, int __options, struct rusage *__ru);

#endif
