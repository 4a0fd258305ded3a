/* <sys/uio.h> - scatter/gather I/O. */
#ifndef _SYS_UIO_H_INCLUDED
#define _SYS_UIO_H_INCLUDED

#include <sys/types.h>
#include <stddef.h>

struct iovec {
	void  *iov_base;
	size_t iov_len;
};

#ifndef IOV_MAX
#define IOV_MAX 1024
#endif

/* readv(fd, iov, n) / writev(fd, iov, n): one read or write over n
 * buffers in order (a pipe write stays atomic up to PIPE_BUF); the byte
 * count, or -1 and errno (EINVAL for n outside 0..IOV_MAX or a total over
 * SSIZE_MAX, else the read/write's). */
ssize_t readv(int __fd, const struct iovec *__iov, int __n);
ssize_t writev(int __fd, const struct iovec *__iov, int __n);

#endif
