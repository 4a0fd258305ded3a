/* <sys/types.h> - POSIX types; off_t is 64-bit (QNX with _FILE_OFFSET_BITS=64). */
#ifndef _SYS_TYPES_H_INCLUDED
#define _SYS_TYPES_H_INCLUDED

#include <sys/platform.h>
#include <stddef.h>
#include <stdint.h>

typedef _Ssizet  ssize_t;
typedef _Int64t  off_t;
typedef _Int64t  off64_t;
typedef _Int32t  pid_t;
typedef _Uint32t uid_t;
typedef _Uint32t gid_t;
typedef _Uint32t id_t;        /* any of pid_t, uid_t, gid_t */
typedef _Int32t  suseconds_t;
typedef _Uint32t useconds_t;
typedef _Uint32t mode_t;
typedef _Uint32t dev_t;
typedef _Uint64t ino_t;
typedef _Uint64t ino64_t;
typedef _Uint32t nlink_t;
typedef _Uint32t blksize_t;
typedef _Uint64t blkcnt_t;
typedef _Uint32t time_t;
typedef _Uint32t clock_t;
typedef _Int32t  key_t;
typedef _Uint64t paddr_t;
typedef _Uint64t paddr64_t;

#endif
