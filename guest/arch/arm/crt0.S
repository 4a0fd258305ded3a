/*
 * crt0.S (ARM) - process entry.  The simulator loads the ELF, sets sp
 * (GUEST_STACK_TOP, 16-byte aligned) and jumps to _start in ARM state.
 * _start clears .bss, then __libc_start (libc/start.c) fetches the
 * arguments with KC_ARGS, runs main and exits; it never returns.
 */
	.syntax unified
	.arm
	.section .text.start, "ax", %progbits
	.global _start
	.type _start, %function
_start:
	mov	fp, #0			/* end of the frame chain for debuggers */
	mov	lr, #0
	ldr	r0, =__bss_start	/* both word-aligned by link.ld */
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	bl	__libc_start
2:	b	2b			/* not reached */
	.size _start, . - _start
	.ltorg

	.section .note.GNU-stack, "", %progbits
