/*
 * ksignal.h (sim/kcall) - signals as the rest of the kernel-call layer and
 * the other POSIX areas use them (kcall_signal.c).  Signal numbers are
 * QNX's (guest/include/signal.h).
 */
#ifndef MMSIM_SIM_KCALL_KSIGNAL_H
#define MMSIM_SIM_KCALL_KSIGNAL_H

#include <stdbool.h>
#include <stdint.h>

struct proc;
struct thread;
struct call;

#define GSIG_PIPE 13

/* Send sig to thread t (its process's disposition applies), si_code
 * `code`, si_pid/si_uid of t's own process (e.g. SIGPIPE to the writer:
 * sig_send_thread(t, GSIG_PIPE, 0)).  0, or -EINVAL for a bad signal. */
int  sig_send_thread(struct thread *t, int sig, int code);
/* Send sig to process q from process `from` (NULL: the kernel), si_code
 * code, si_value value.  0 or -EINVAL. */
int  sig_send_proc(struct proc *q, struct proc *from, int sig, int code, uint32_t value);
/* kill(pid, sig) from p with POSIX's pid rules (> 0, 0: p's group,
 * -1: every process but 1 and p, < -1: group -pid).  0 or -errno. */
long sig_kill(struct proc *p, int32_t pid, uint32_t sig);
/* exec: caught signals back to SIG_DFL, ignored stay ignored, mask and
 * pending signals kept, the alternate stack dropped. */
void sig_exec(struct proc *p);
/* p ends: SIGCHLD to its parent (CLD_EXITED / CLD_KILLED); a parent that
 * ignores SIGCHLD or set SA_NOCLDWAIT has p reaped at once. */
void sig_proc_exit(struct proc *p);
/* After kernel call `num` of the running thread returned r (not blocked):
 * pending signals are delivered now (a handler frame on its stack). */
void sig_after_kcall(struct call *c, unsigned num, long r);
/* The machine's hooks (struct sim_kernel). */
void sig_deliver_hook(struct proc *p);
bool sig_fault_hook(struct proc *p, int sig, int code, uint32_t addr);
void sig_alarm_hook(struct proc *p);

#endif
