/* <limits.h> - integer limits from the compiler's predefined macros (plus QNX PATH_MAX/NAME_MAX). */
#ifndef _LIMITS_H_INCLUDED
#define _LIMITS_H_INCLUDED

#define CHAR_BIT    __CHAR_BIT__
#define SCHAR_MIN   (-__SCHAR_MAX__ - 1)
#define SCHAR_MAX   __SCHAR_MAX__
#define UCHAR_MAX   (__SCHAR_MAX__ * 2 + 1)
#ifdef __CHAR_UNSIGNED__            /* ARM and PowerPC: plain char is unsigned */
#define CHAR_MIN    0
#define CHAR_MAX    UCHAR_MAX
#else
#define CHAR_MIN    SCHAR_MIN
#define CHAR_MAX    SCHAR_MAX
#endif
#define MB_LEN_MAX  1
#define SHRT_MIN    (-__SHRT_MAX__ - 1)
#define SHRT_MAX    __SHRT_MAX__
#define USHRT_MAX   (__SHRT_MAX__ * 2 + 1)
#define INT_MIN     (-__INT_MAX__ - 1)
#define INT_MAX     __INT_MAX__
#define UINT_MAX    (__INT_MAX__ * 2U + 1U)
#define LONG_MIN    (-__LONG_MAX__ - 1L)
#define LONG_MAX    __LONG_MAX__
#define ULONG_MAX   (__LONG_MAX__ * 2UL + 1UL)
#define LLONG_MIN   (-__LONG_LONG_MAX__ - 1LL)
#define LLONG_MAX   __LONG_LONG_MAX__
#define ULLONG_MAX  (__LONG_LONG_MAX__ * 2ULL + 1ULL)
#define SSIZE_MAX   __PTRDIFF_MAX__

#define PATH_MAX    1024
#define NAME_MAX    255
#define PAGESIZE    4096
#define PAGE_SIZE   4096
#define PIPE_BUF    4096   /* atomic pipe write size (Linux's; mmsim's choice) */


/* ---- POSIX limits (docs/posix/libc.md) ---------------------------------- */
#define NGROUPS_MAX                 32
#define LINE_MAX                    2048
#define IOV_MAX                     1024
#define LOGIN_NAME_MAX              256
#define HOST_NAME_MAX               64
#define TTY_NAME_MAX                32
#define PTHREAD_STACK_MIN           16384
#define PTHREAD_KEYS_MAX            1024
#define PTHREAD_DESTRUCTOR_ITERATIONS 4
#define _POSIX_ARG_MAX              4096
#define _POSIX_CHILD_MAX            25
#define _POSIX_HOST_NAME_MAX        255
#define _POSIX_LINK_MAX             8
#define _POSIX_LOGIN_NAME_MAX       9
#define _POSIX_MAX_CANON            255
#define _POSIX_MAX_INPUT            255
#define _POSIX_NAME_MAX             14
#define _POSIX_NGROUPS_MAX          8
#define _POSIX_OPEN_MAX             20
#define _POSIX_PATH_MAX             256
#define _POSIX_PIPE_BUF             512
#define _POSIX_SEM_NSEMS_MAX        256
#define _POSIX_SEM_VALUE_MAX        32767
#define _POSIX_SSIZE_MAX            32767
#define _POSIX_STREAM_MAX           8
#define _POSIX_TZNAME_MAX           6
#define _POSIX_THREAD_KEYS_MAX      128
#define _POSIX_THREAD_THREADS_MAX   64
#define _POSIX_THREAD_DESTRUCTOR_ITERATIONS 4
#define _POSIX2_LINE_MAX            2048
#define _XOPEN_IOV_MAX              16

#endif
