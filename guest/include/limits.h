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

#endif
