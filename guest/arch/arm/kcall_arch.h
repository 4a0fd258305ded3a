/*
 * kcall_arch.h (ARM) - the kernel-call trap, inlined into each libc wrapper.
 * ABI (include/mmsim/kcall.h): `svc #0`, number in r12, arguments r0-r6,
 * result in r0.  The simulator changes no other register.
 */
#ifndef MMSIM_GUEST_KCALL_ARCH_H
#define MMSIM_GUEST_KCALL_ARCH_H

/* __kcall(n, a0..a6): trap to the simulator with call n; its raw result (-errno on failure). */
static inline long __kcall(long n, long a0, long a1, long a2, long a3, long a4, long a5, long a6)
{
	register long r0 __asm__("r0") = a0;
	register long r1 __asm__("r1") = a1;
	register long r2 __asm__("r2") = a2;
	register long r3 __asm__("r3") = a3;
	register long r4 __asm__("r4") = a4;
	register long r5 __asm__("r5") = a5;
	register long r6 __asm__("r6") = a6;
	register long r12 __asm__("r12") = n;
	__asm__ volatile("svc #0"
			 : "+r"(r0)
			 : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r6), "r"(r12)
			 : "memory");
	return r0;
}

#endif
