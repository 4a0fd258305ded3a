/*
 * loops.h - the two benchmark loops as ARM and PowerPC machine code, shared
 * by the raw-Unicorn runner and (as assembly in guest/loops_<arch>.S) by
 * the guest.  ARM:
 *   alu:  r0 = count; loop: add r1,r1,r0; eor r1,r1,r0,lsl #3; subs r0,r0,#1; bne loop
 *   ldst: r0 = count, r1 = buffer; loop: ldr r2,[r1]; add r2,r2,#1;
 *         str r2,[r1,#4]; ldr r3,[r1,#4]; str r3,[r1]; subs r0,r0,#1; bne loop
 */
#ifndef BENCH_LOOPS_H
#define BENCH_LOOPS_H
#include <stdint.h>

static const uint32_t bench_alu_arm[] = {
    0xe0811000, /* add  r1, r1, r0         */
    0xe0211180, /* eor  r1, r1, r0, lsl #3 */
    0xe2500001, /* subs r0, r0, #1         */
    0x1afffffb, /* bne  loop               */
};

static const uint32_t bench_ldst_arm[] = {
    0xe5912000, /* ldr  r2, [r1]     */
    0xe2822001, /* add  r2, r2, #1   */
    0xe5812004, /* str  r2, [r1, #4] */
    0xe5913004, /* ldr  r3, [r1, #4] */
    0xe5813000, /* str  r3, [r1]     */
    0xe2500001, /* subs r0, r0, #1   */
    0x1afffff8, /* bne  loop         */
};
/* PowerPC (big-endian words):
 *   alu:  r3 = count; loop: add r4,r4,r3; slwi r5,r3,3; xor r4,r4,r5; addic. r3,r3,-1; bne loop
 *   ldst: r3 = count, r4 = buffer; loop: lwz r5,0(r4); addi r5,r5,1; stw r5,4(r4);
 *         lwz r6,4(r4); stw r6,0(r4); addic. r3,r3,-1; bne loop */
static const uint32_t bench_alu_ppc[] = {
    0x7c841a14, /* add    r4, r4, r3 */
    0x54651838, /* slwi   r5, r3, 3  */
    0x7c842a78, /* xor    r4, r4, r5 */
    0x3463ffff, /* addic. r3, r3, -1 */
    0x4082fff0, /* bne    loop       */
};

static const uint32_t bench_ldst_ppc[] = {
    0x80a40000, /* lwz    r5, 0(r4)  */
    0x38a50001, /* addi   r5, r5, 1  */
    0x90a40004, /* stw    r5, 4(r4)  */
    0x80c40004, /* lwz    r6, 4(r4)  */
    0x90c40000, /* stw    r6, 0(r4)  */
    0x3463ffff, /* addic. r3, r3, -1 */
    0x4082ffe8, /* bne    loop       */
};
#endif
