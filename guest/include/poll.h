/* <poll.h> - poll() over pipes, files, shm objects and the console.
 * Event bits have Linux's values (mmsim's choice; QNX's are not in our
 * reference).  Timeouts run on mmsim's simulated clock. */
#ifndef _POLL_H_INCLUDED
#define _POLL_H_INCLUDED

#define POLLIN     0x001
#define POLLPRI    0x002
#define POLLOUT    0x004
#define POLLERR    0x008
#define POLLHUP    0x010
#define POLLNVAL   0x020
#define POLLRDNORM 0x040
#define POLLRDBAND 0x080
#define POLLWRNORM 0x100
#define POLLWRBAND 0x200

typedef unsigned int nfds_t;

struct pollfd {
	int   fd;        /* < 0: ignored */
	short events;    /* requested */
	short revents;   /* returned (POLLERR, POLLHUP, POLLNVAL always) */
};

/* poll(fds, n, timeout): wait until one fd is ready or timeout ms pass
 * (-1: no limit, 0: just look); the number of ready entries, 0 at the
 * timeout, or -1 and errno. */
int poll(struct pollfd *__fds, nfds_t __n, int __timeout);

#endif
