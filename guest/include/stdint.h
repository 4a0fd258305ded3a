/*
 * <stdint.h> - exact-width integer types for mmsim guests (ILP32 ARM/PPC).
 *
 * Our own instead of GCC's: arm-none-eabi-gcc makes int32_t a `long`
 * (newlib's convention) while powerpc-linux-gnu-gcc makes it an `int`.
 * QNX uses `int` on every CPU, so one guest program prints the same way
 * (PRId32 is "d") whichever CPU it is built for.  64-bit types are
 * `long long`; pointers and size_t follow the compiler.
 */
#ifndef _STDINT_H_INCLUDED
#define _STDINT_H_INCLUDED

typedef signed char        int8_t;
typedef short              int16_t;
typedef int                int32_t;
typedef long long          int64_t;
typedef unsigned char      uint8_t;
typedef unsigned short     uint16_t;
typedef unsigned int       uint32_t;
typedef unsigned long long uint64_t;

typedef int8_t   int_least8_t;
typedef int16_t  int_least16_t;
typedef int32_t  int_least32_t;
typedef int64_t  int_least64_t;
typedef uint8_t  uint_least8_t;
typedef uint16_t uint_least16_t;
typedef uint32_t uint_least32_t;
typedef uint64_t uint_least64_t;

typedef int      int_fast8_t;
typedef int      int_fast16_t;
typedef int      int_fast32_t;
typedef int64_t  int_fast64_t;
typedef unsigned uint_fast8_t;
typedef unsigned uint_fast16_t;
typedef unsigned uint_fast32_t;
typedef uint64_t uint_fast64_t;

#if __SIZEOF_POINTER__ == __SIZEOF_INT__
typedef int           intptr_t;
typedef unsigned int  uintptr_t;
#define INTPTR_MAX    __INT_MAX__
#define UINTPTR_MAX   (__INT_MAX__ * 2U + 1U)
#else
typedef long          intptr_t;
typedef unsigned long uintptr_t;
#define INTPTR_MAX    __LONG_MAX__
#define UINTPTR_MAX   (__LONG_MAX__ * 2UL + 1UL)
#endif
#define INTPTR_MIN    (-INTPTR_MAX - 1)

typedef long long          intmax_t;
typedef unsigned long long uintmax_t;

#define INT8_MIN    (-128)
#define INT16_MIN   (-32767 - 1)
#define INT32_MIN   (-2147483647 - 1)
#define INT64_MIN   (-9223372036854775807LL - 1)
#define INT8_MAX    127
#define INT16_MAX   32767
#define INT32_MAX   2147483647
#define INT64_MAX   9223372036854775807LL
#define UINT8_MAX   255
#define UINT16_MAX  65535
#define UINT32_MAX  4294967295U
#define UINT64_MAX  18446744073709551615ULL

#define INT_LEAST8_MIN   INT8_MIN
#define INT_LEAST16_MIN  INT16_MIN
#define INT_LEAST32_MIN  INT32_MIN
#define INT_LEAST64_MIN  INT64_MIN
#define INT_LEAST8_MAX   INT8_MAX
#define INT_LEAST16_MAX  INT16_MAX
#define INT_LEAST32_MAX  INT32_MAX
#define INT_LEAST64_MAX  INT64_MAX
#define UINT_LEAST8_MAX  UINT8_MAX
#define UINT_LEAST16_MAX UINT16_MAX
#define UINT_LEAST32_MAX UINT32_MAX
#define UINT_LEAST64_MAX UINT64_MAX

#define INT_FAST8_MIN    INT32_MIN
#define INT_FAST16_MIN   INT32_MIN
#define INT_FAST32_MIN   INT32_MIN
#define INT_FAST64_MIN   INT64_MIN
#define INT_FAST8_MAX    INT32_MAX
#define INT_FAST16_MAX   INT32_MAX
#define INT_FAST32_MAX   INT32_MAX
#define INT_FAST64_MAX   INT64_MAX
#define UINT_FAST8_MAX   UINT32_MAX
#define UINT_FAST16_MAX  UINT32_MAX
#define UINT_FAST32_MAX  UINT32_MAX
#define UINT_FAST64_MAX  UINT64_MAX

#define INTMAX_MIN   INT64_MIN
#define INTMAX_MAX   INT64_MAX
#define UINTMAX_MAX  UINT64_MAX

#define PTRDIFF_MIN  (-__PTRDIFF_MAX__ - 1)
#define PTRDIFF_MAX  __PTRDIFF_MAX__
#define SIZE_MAX     __SIZE_MAX__
#define SIG_ATOMIC_MIN (-__INT_MAX__ - 1)
#define SIG_ATOMIC_MAX __INT_MAX__
#define WCHAR_MIN    __WCHAR_MIN__
#define WCHAR_MAX    __WCHAR_MAX__
#define WINT_MIN     __WINT_MIN__
#define WINT_MAX     __WINT_MAX__

#define INT8_C(c)    c
#define INT16_C(c)   c
#define INT32_C(c)   c
#define INT64_C(c)   c ## LL
#define UINT8_C(c)   c
#define UINT16_C(c)  c
#define UINT32_C(c)  c ## U
#define UINT64_C(c)  c ## ULL
#define INTMAX_C(c)  c ## LL
#define UINTMAX_C(c) c ## ULL

#endif
