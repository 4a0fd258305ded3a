/* loops_arm.S - the benchmark loops of bench/loops.h, for the guest.
 * uint32_t bench_alu(uint32_t n); void bench_ldst(uint32_t n, uint32_t *buf); */
    .text
    .arm
    .global bench_alu
    .type bench_alu, %function
bench_alu:
    mov  r1, #0
1:  add  r1, r1, r0
    eor  r1, r1, r0, lsl #3
    subs r0, r0, #1
    bne  1b
    mov  r0, r1
    bx   lr

    .global bench_ldst
    .type bench_ldst, %function
bench_ldst:
1:  ldr  r2, [r1]
    add  r2, r2, #1
    str  r2, [r1, #4]
    ldr  r3, [r1, #4]
    str  r3, [r1]
    subs r0, r0, #1
    bne  1b
    bx   lr
