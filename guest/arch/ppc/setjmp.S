/*
 * setjmp.S (PowerPC) - setjmp/longjmp and the signal return trampoline.
 * A jmp_buf holds r1, r2, r13-r31, LR and CR (the SysV ABI's non-volatile
 * registers; soft-float, so no FPRs).
 */
	.text

	.globl setjmp
	.globl _setjmp
	.type setjmp, @function
	.type _setjmp, @function
setjmp:
_setjmp:
	stw	1, 0(3)
	stw	2, 4(3)
	stmw	13, 8(3)
	mflr	0
	stw	0, 84(3)
	mfcr	0
	stw	0, 88(3)
	li	3, 0
	blr
	.size setjmp, . - setjmp

/* __sigsetjmp(env, savemask): the registers, then the mask in C. */
	.globl __sigsetjmp
	.type __sigsetjmp, @function
__sigsetjmp:
	stw	1, 0(3)
	stw	2, 4(3)
	stmw	13, 8(3)
	mflr	0
	stw	0, 84(3)
	mfcr	0
	stw	0, 88(3)
	b	__sigsetjmp_mask
	.size __sigsetjmp, . - __sigsetjmp

	.globl longjmp
	.globl _longjmp
	.type longjmp, @function
	.type _longjmp, @function
longjmp:
_longjmp:
	lwz	1, 0(3)
	lwz	2, 4(3)
	lmw	13, 8(3)
	lwz	0, 84(3)
	mtlr	0
	lwz	0, 88(3)
	mtcrf	0xff, 0
	mr.	3, 4
	bnelr
	li	3, 1
	blr
	.size longjmp, . - longjmp

/* __sigreturn: where a signal handler returns (its LR); r1 is the frame
 * the kernel built.  KC_SIGRETURN (114) restores the interrupted registers. */
	.globl __sigreturn
	.type __sigreturn, @function
__sigreturn:
	mr	3, 1
	li	0, 114
	sc
	b	__sigreturn
	.size __sigreturn, . - __sigreturn

	.section .note.GNU-stack, "", @progbits
