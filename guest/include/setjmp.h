/* <setjmp.h> - non-local jumps (guest/arch/<arch>/setjmp.S, signal.c).
 * A jmp_buf holds the callee-saved registers, sp and the return address;
 * a sigjmp_buf also the signal mask when sigsetjmp(env, 1) saved it. */
#ifndef _SETJMP_H_INCLUDED
#define _SETJMP_H_INCLUDED

#include <signal.h>

/* ARM: r4-r11, sp, lr (10 words); PowerPC: r1, r2, r13-r31, lr, cr (23). */
typedef unsigned long jmp_buf[32];
typedef struct {
	unsigned long __jb[32];
	int           __saved;      /* the mask below is valid */
	sigset_t      __mask;
} sigjmp_buf[1];

int setjmp(jmp_buf __env) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf __env, int __val);
int _setjmp(jmp_buf __env) __attribute__((returns_twice));
_Noreturn void _longjmp(jmp_buf __env, int __val);
/* sigsetjmp(env, savemask): setjmp that also saves the signal mask when
 * savemask is non-zero; siglongjmp restores it before jumping. */
#define sigsetjmp(env, savemask) __sigsetjmp((env), (savemask))
int __sigsetjmp(sigjmp_buf __env, int __savemask) __attribute__((returns_twice));
_Noreturn void siglongjmp(sigjmp_buf __env, int __val);

#endif
