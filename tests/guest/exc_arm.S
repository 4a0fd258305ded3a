/*
 * exc_arm.S - the faulting instructions behind tests/guest/exc.c (ARM:
 * armv5, armv6, armv7).  Each exc_* function executes one instruction
 * that raises the exception its name says; the global label exc_*_insn
 * sits on exactly that instruction, so the test can compare mmsim's
 * reported PC with the label's address.  A harmless instruction comes
 * before and after each label: a PC reported one instruction early or
 * late lands on a different, real instruction and fails the test.
 */
	.text
	.arm
	.syntax unified

	.macro	func name
	.globl	\name
	.type	\name, %function
	.p2align 2
\name:
	.endm

	.macro	insn_label name
	.globl	\name
	.type	\name, %object
\name:
	.endm

/* exc_load(addr): a load from addr (data abort on a refused TLB fill). */
	func	exc_load
	mov	r1, r0
	insn_label exc_load_insn
	ldr	r0, [r1]
	mov	r1, #0
	bx	lr
	.size	exc_load, . - exc_load

/* exc_store(addr): a store of 0x5a to addr. */
	func	exc_store
	mov	r2, #0x5a
	insn_label exc_store_insn
	str	r2, [r0]
	mov	r2, #0
	bx	lr
	.size	exc_store, . - exc_store

/* exc_trap(): the breakpoint instruction (BKPT, ARMv5T and later) -> SIGTRAP. */
	func	exc_trap
	mov	r0, #0
	insn_label exc_trap_insn
	bkpt	#0x12
	mov	r0, #1
	bx	lr
	.size	exc_trap, . - exc_trap

/* exc_illegal(): a permanently undefined instruction (UDF #0, encoding
 * 0xe7f000f0; in the architecturally undefined space on ARMv5 too) -> SIGILL. */
	func	exc_illegal
	mov	r0, #0
	insn_label exc_illegal_insn
	.word	0xe7f000f0
	mov	r0, #1
	bx	lr
	.size	exc_illegal, . - exc_illegal

/* exc_priv(): read SCTLR (CP15 c1) in user mode: privileged -> undefined
 * instruction -> SIGILL. */
	func	exc_priv
	mov	r0, #0
	insn_label exc_priv_insn
	mrc	p15, 0, r0, c1, c0, 0
	mov	r1, #0
	bx	lr
	.size	exc_priv, . - exc_priv

/* exc_fp(a, b, out): PowerPC only (a classic FPU instruction); on ARM a
 * function that returns without touching anything.  exc_fp_insn exists so
 * that exc.c links unchanged. */
	func	exc_fp
	insn_label exc_fp_insn
	bx	lr
	.size	exc_fp, . - exc_fp

/* exc_fetch(addr): branch to addr (ARM state); a refused fetch faults
 * with PC = addr. */
	func	exc_fetch
	mov	r1, r0
	insn_label exc_fetch_insn
	bx	r1
	.size	exc_fetch, . - exc_fetch

	.section .note.GNU-stack, "", %progbits
