/*
 * crt0.S (PowerPC, 32-bit big-endian) - process entry.  The simulator
 * loads the ELF, sets r1 (GUEST_STACK_TOP, 16-byte aligned) and jumps to
 * _start.  _start makes a first stack frame with a NULL back chain,
 * clears .bss, then __libc_start (libc/start.c) fetches the arguments
 * with KC_ARGS, runs main and exits; it never returns.
 */
	.section .text.start, "ax", @progbits
	.globl _start
	.type _start, @function
_start:
	li	0, 0
	stwu	0, -16(1)		/* back chain 0 ends the frame list */
	mtlr	0
	lis	3, __bss_start@ha	/* both word-aligned by link.ld */
	addi	3, 3, __bss_start@l
	lis	4, __bss_end@ha
	addi	4, 4, __bss_end@l
1:	cmplw	3, 4
	bge	2f
	stw	0, 0(3)
	addi	3, 3, 4
	b	1b
2:	bl	__libc_start
3:	b	3b			/* not reached */
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
