/*
 * <sys/mmsim.h> - mmsim extensions for guest programs (not QNX API).
 *
 * mmsim_kcall(n, a0..a6): a raw kernel call with number n
 * (<mmsim/kcall.h>) and seven argument words; returns the simulator's raw
 * result, -errno on failure, without touching errno.  For tests that must
 * reach the kernel-call layer with arguments the libc wrappers would never
 * pass.
 */
#ifndef _SYS_MMSIM_H
#define _SYS_MMSIM_H

long mmsim_kcall(long n, long a0, long a1, long a2, long a3, long a4, long a5, long a6);

#endif
