/* <sys/select.h> - select() (built on poll()) and fd_set. */
#ifndef _SYS_SELECT_H_INCLUDED
#define _SYS_SELECT_H_INCLUDED

#include <sys/types.h>
#include <time.h>

#ifndef __timeval_defined
#define __timeval_defined
struct timeval {
	long tv_sec;
	long tv_usec;
};
#endif

#define FD_SETSIZE 1024

typedef struct {
	unsigned long fds_bits[FD_SETSIZE / (8 * sizeof(unsigned long))];
} fd_set;

#define __FD_WORD(fd) ((fd) / (8 * (int)sizeof(unsigned long)))
#define __FD_BIT(fd)  (1ul << ((fd) % (8 * (int)sizeof(unsigned long))))
#define FD_ZERO(s)     do { unsigned __i; for (__i = 0; __i < sizeof((s)->fds_bits) / sizeof((s)->fds_bits[0]); __i++) (s)->fds_bits[__i] = 0; } while (0)
#define FD_SET(fd, s)   ((s)->fds_bits[__FD_WORD(fd)] |= __FD_BIT(fd))
#define FD_CLR(fd, s)   ((s)->fds_bits[__FD_WORD(fd)] &= ~__FD_BIT(fd))
#define FD_ISSET(fd, s) (((s)->fds_bits[__FD_WORD(fd)] & __FD_BIT(fd)) != 0)

/* select(n, r, w, e, timeout): fds below n; the sets are replaced by the
 * ready ones; the number of ready bits, 0 at the timeout (NULL: none),
 * or -1 and errno (EBADF for a set fd that is not open). */
int select(int __n, fd_set *__r, fd_set *__w, fd_set *__e, struct timeval *__timeout);

#endif
