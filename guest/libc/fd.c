/*
 * fd.c - descriptors: pipe/pipe2, dup/dup2/dup3, fcntl, poll, select
 * (kernel calls 140-179, sim/kcall/kcall_fd.c).
 */
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/select.h>
#include "libc.h"

/* pipe2(fds, flags): fds[0] reads, fds[1] writes; flags O_NONBLOCK, O_CLOEXEC. */
int pipe2(int fds[2], int flags)
{
	return (int)__kc_ret(KC2(KC_PIPE2, KA_PTR(fds), flags));
}

/* pipe(fds): pipe2 with no flags. */
int pipe(int fds[2])
{
	return pipe2(fds, 0);
}

/* dup(fd): the lowest free fd sharing fd's open file description. */
int dup(int fd)
{
	return fcntl(fd, F_DUPFD, 0);
}

/* dup2(fd, nfd): nfd (closed first if open) shares fd's description. */
int dup2(int fd, int nfd)
{
	return (int)__kc_ret(KC3(KC_DUP3, fd, nfd, -1));
}

/* dup3(fd, nfd, flags): dup2 with O_CLOEXEC; fd == nfd is EINVAL. */
int dup3(int fd, int nfd, int flags)
{
	return (int)__kc_ret(KC3(KC_DUP3, fd, nfd, flags));
}

/* fcntl(fd, cmd, ...): F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD,
 * F_GETFL, F_SETFL (the int argument, when the command takes one). */
int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	va_start(ap, cmd);
	int arg = cmd == F_GETFD || cmd == F_GETFL ? 0 : va_arg(ap, int);
	va_end(ap);
	return (int)__kc_ret(KC3(KC_FCNTL, fd, cmd, arg));
}

/* poll(fds, n, timeout ms). */
int poll(struct pollfd *fds, nfds_t n, int timeout)
{
	return (int)__kc_ret(KC3(KC_POLL, KA_PTR(fds), (long)n, timeout));
}

/* The poll events select's three sets ask of fd. */
static short select_events(int fd, fd_set *r, fd_set *w, fd_set *e)
{
	short ev = 0;
	if (r && FD_ISSET(fd, r))
		ev |= POLLIN;
	if (w && FD_ISSET(fd, w))
		ev |= POLLOUT;
	if (e && FD_ISSET(fd, e))
		ev |= POLLPRI;
	return ev;
}

/* select on poll: one pollfd per fd in any set; POLLHUP/POLLERR count as
 * readable/writable, as Linux does. */
int select(int n, fd_set *r, fd_set *w, fd_set *e, struct timeval *tv)
{
	if (n < 0 || n > FD_SETSIZE || (tv && (tv->tv_sec < 0 || tv->tv_usec < 0))) {
		errno = EINVAL;
		return -1;
	}
	struct pollfd *p = malloc(n ? (size_t)n * sizeof *p : 1);
	if (!p) {
		errno = ENOMEM;
		return -1;
	}
	int np = 0;
	for (int fd = 0; fd < n; fd++) {
		short ev = select_events(fd, r, w, e);
		if (ev)
			p[np++] = (struct pollfd){ fd, ev, 0 };
	}
	long ms = -1;
	if (tv)
		ms = tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000;
	int got = poll(p, (nfds_t)np, ms > 0x7fffffff ? 0x7fffffff : (int)ms);
	int ready = 0;
	for (int i = 0; got >= 0 && i < np; i++)
		if (p[i].revents & POLLNVAL) {
			errno = EBADF;
			got = -1;
		}
	if (got >= 0) {
		if (r) FD_ZERO(r);
		if (w) FD_ZERO(w);
		if (e) FD_ZERO(e);
		for (int i = 0; i < np; i++) {
			short rv = p[i].revents, ev = p[i].events;
			if ((ev & POLLIN) && (rv & (POLLIN | POLLHUP | POLLERR)))
				FD_SET(p[i].fd, r), ready++;
			if ((ev & POLLOUT) && (rv & (POLLOUT | POLLERR)))
				FD_SET(p[i].fd, w), ready++;
			if ((ev & POLLPRI) && (rv & POLLPRI))
				FD_SET(p[i].fd, e), ready++;
		}
	}
	free(p);
	return got < 0 ? -1 : ready;
}
