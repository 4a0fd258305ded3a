/*
 * loops_arm.h - the two benchmark loops as ARM machine code, shared by the
 * raw-Unicorn runner and (as assembly in guest/loops_arm.S) by the guest.
 *   alu:  r0 = count; loop: add r1,r1,r0; eor r1,r1,r0,lsl #3; subs r0,r0,#1; bne loop
 *   ldst: r0 = count, r1 = buffer; loop: ldr r2,[r1]; add r2,r2,#1;
 *         str r2,[r1,#4]; ldr r3,[r1,#4]; str r3,[r1]; subs r0,r0,#1; bne loop
 */
#ifndef BENCH_LOOPS_ARM_H
#define BENCH_LOOPS_ARM_H
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
#endif
