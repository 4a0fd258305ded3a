/*
 * setjmp.S (ARM) - setjmp/longjmp and the signal return trampoline.
 * A jmp_buf holds r4-r11, sp, lr (AAPCS callee-saved registers; floating
 * point is soft-float, so there is no VFP state to keep).
 */
	.syntax unified
	.arm
	.text

	.global setjmp
	.global _setjmp
	.type setjmp, %function
	.type _setjmp, %function
setjmp:
_setjmp:
	mov	ip, sp
	stmia	r0, {r4-r11, ip, lr}
	mov	r0, #0
	bx	lr
	.size setjmp, . - setjmp

/* __sigsetjmp(env, savemask): the registers, then the mask in C. */
	.global __sigsetjmp
	.type __sigsetjmp, %function
__sigsetjmp:
	mov	ip, sp
	stmia	r0, {r4-r11, ip, lr}
	b	__sigsetjmp_mask
	.size __sigsetjmp, . - __sigsetjmp

	.global longjmp
	.global _longjmp
	.type longjmp, %function
	.type _longjmp, %function
longjmp:
_longjmp:
	ldmia	r0, {r4-r11, ip, lr}
	mov	sp, ip
	movs	r0, r1
	moveq	r0, #1
	bx	lr
	.size longjmp, . - longjmp

/* __sigreturn: where a signal handler returns (its lr); sp is the frame
 * the kernel built.  KC_SIGRETURN (114) restores the interrupted registers. */
	.global __sigreturn
	.type __sigreturn, %function
__sigreturn:
	mov	r0, sp
	mov	r12, #114
	svc	#0
	b	__sigreturn
	.size __sigreturn, . - __sigreturn

	.section .note.GNU-stack, "", %progbits
