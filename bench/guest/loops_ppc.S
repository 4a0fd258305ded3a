/* loops_ppc.S - the benchmark loops of bench/loops_ppc.h, for the guest.
 * uint32_t bench_alu(uint32_t n); void bench_ldst(uint32_t n, uint32_t *buf); */
    .text
    .globl bench_alu
    .type bench_alu, @function
bench_alu:
    li     4, 0
1:  add    4, 4, 3
    slwi   5, 3, 3
    xor    4, 4, 5
    addic. 3, 3, -1
    bne    1b
    mr     3, 4
    blr

    .globl bench_ldst
    .type bench_ldst, @function
bench_ldst:
1:  lwz    5, 0(4)
    addi   5, 5, 1
    stw    5, 4(4)
    lwz    6, 4(4)
    stw    6, 0(4)
    addic. 3, 3, -1
    bne    1b
    blr
