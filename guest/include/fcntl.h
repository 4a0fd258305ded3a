/* <fcntl.h> - open flags with QNX values (octal, as QNX writes them). */
#ifndef _FCNTL_H_INCLUDED
#define _FCNTL_H_INCLUDED

#include <sys/types.h>
#include <sys/stat.h>

#define O_RDONLY    000000
#define O_WRONLY    000001
#define O_RDWR      000002
#define O_ACCMODE   000003
#define O_APPEND    000010
#define O_DSYNC     000020
#define O_SYNC      000040
#define O_RSYNC     000100
#define O_NONBLOCK  000200
#define O_CREAT     000400      /* 0x100 */
#define O_TRUNC     001000      /* 0x200 */
#define O_EXCL      002000      /* 0x400 */
#define O_NOCTTY    004000
#define O_CLOEXEC   020000
#define O_LARGEFILE 0100000

/* fcntl commands and FD_CLOEXEC (QNX values; F_DUPFD_CLOEXEC: Linux's number). */
#define F_DUPFD          0
#define F_GETFD          1
#define F_SETFD          2
#define F_GETFL          3
#define F_SETFL          4
#define F_DUPFD_CLOEXEC  1030
#define FD_CLOEXEC       1

/* fcntl(fd, cmd, ...): the descriptor commands above; record locks are not modelled. */
int fcntl(int __fd, int __cmd, ...);

/* open(path, oflag[, mode]): a /dev/shmem/ name is a shared memory object, any other path a file under mmsim's --root. An fd, or -1. */
int open(const char *__path, int __oflag, ...);

#endif
