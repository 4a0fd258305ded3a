/* <sched.h> - sched_yield. */
#ifndef _SCHED_H_INCLUDED
#define _SCHED_H_INCLUDED

/* sched_yield(): let the next runnable thread run; 0. */
int sched_yield(void);

#endif
