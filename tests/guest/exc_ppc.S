/*
 * exc_ppc.S - the faulting instructions behind tests/guest/exc.c
 * (PowerPC: e500, ppc600; 32-bit big-endian).  Each exc_* function
 * executes one instruction that raises the exception its name says; the
 * global label exc_*_insn sits on exactly that instruction, so the test
 * can compare mmsim's reported PC with the label's address.  A harmless
 * instruction comes before and after each label: a PC reported one
 * instruction early or late lands on a different, real instruction and
 * fails the test.
 */
	.text

	.macro	func name
	.globl	\name
	.type	\name, @function
	.p2align 2
\name:
	.endm

	.macro	insn_label name
	.globl	\name
	.type	\name, @object
\name:
	.endm

/* exc_load(addr): a load from addr (DSI on a refused TLB fill). */
	func	exc_load
	mr	4, 3
	insn_label exc_load_insn
	lwz	3, 0(4)
	li	4, 0
	blr
	.size	exc_load, . - exc_load

/* exc_store(addr): a store of 0x5a to addr. */
	func	exc_store
	li	4, 0x5a
	insn_label exc_store_insn
	stw	4, 0(3)
	li	4, 0
	blr
	.size	exc_store, . - exc_store

/* exc_trap(): the unconditional trap (tw 31,0,0) -> program exception -> SIGTRAP. */
	func	exc_trap
	li	3, 0
	insn_label exc_trap_insn
	trap
	li	3, 1
	blr
	.size	exc_trap, . - exc_trap

/* exc_illegal(): the word 0 (primary opcode 0: no instruction) -> SIGILL. */
	func	exc_illegal
	li	3, 0
	insn_label exc_illegal_insn
	.long	0
	li	3, 1
	blr
	.size	exc_illegal, . - exc_illegal

/* exc_priv(): mfmsr in problem state: privileged instruction -> SIGILL. */
	func	exc_priv
	li	3, 0
	insn_label exc_priv_insn
	mfmsr	3
	li	4, 0
	blr
	.size	exc_priv, . - exc_priv

/* exc_fp(a, b, out): *out = *a + *b with the classic FPU.  The first FP
 * instruction is at exc_fp_insn: on ppc600 (603e core, FPU present,
 * MSR[FP] clear at start) it raises FP unavailable, mmsim turns MSR[FP]
 * on and restarts it, as QNX does lazily; on e500 (no classic FPU) it is
 * an illegal instruction -> SIGILL. */
	func	exc_fp
	mr	6, 3
	insn_label exc_fp_insn
	fadd	0, 0, 0
	lfd	1, 0(6)
	lfd	2, 0(4)
	fadd	0, 1, 2
	stfd	0, 0(5)
	blr
	.size	exc_fp, . - exc_fp

/* exc_fetch(addr): branch to addr; a refused fetch (ISI) faults with PC = addr. */
	func	exc_fetch
	mtctr	3
	insn_label exc_fetch_insn
	bctr
	.size	exc_fetch, . - exc_fetch

	.section .note.GNU-stack, "", @progbits
