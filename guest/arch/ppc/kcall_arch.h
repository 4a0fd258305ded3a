/*
 * kcall_arch.h (PowerPC) - the kernel-call trap, inlined into each libc wrapper.
 * ABI (include/mmsim/kcall.h): `sc`, number in r0, arguments r3-r9,
 * result in r3.  The simulator changes no other register; cr0 is
 * declared clobbered anyway, as a real `sc` may change it.
 */
#ifndef MMSIM_GUEST_KCALL_ARCH_H
#define MMSIM_GUEST_KCALL_ARCH_H

/* __kcall(n, a0..a6): trap to the simulator with call n; its raw result (-errno on failure). */
static inline long __kcall(long n, long a0, long a1, long a2, long a3, long a4, long a5, long a6)
{
	register long r0 __asm__("r0") = n;
	register long r3 __asm__("r3") = a0;
	register long r4 __asm__("r4") = a1;
	register long r5 __asm__("r5") = a2;
	register long r6 __asm__("r6") = a3;
	register long r7 __asm__("r7") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	__asm__ volatile("sc"
			 : "+r"(r3)
			 : "r"(r0), "r"(r4), "r"(r5), "r"(r6), "r"(r7), "r"(r8), "r"(r9)
			 : "cr0", "memory");
	return r3;
}

#endif
