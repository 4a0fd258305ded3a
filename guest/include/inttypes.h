/* <inttypes.h> - printf/scanf macros matching our <stdint.h> (int32 = int, int64 = long long). */
#ifndef _INTTYPES_H_INCLUDED
#define _INTTYPES_H_INCLUDED

#include <stdint.h>

#define PRId8   "d"
#define PRIi8   "i"
#define PRIo8   "o"
#define PRIu8   "u"
#define PRIx8   "x"
#define PRIX8   "X"
#define PRId16  "d"
#define PRIi16  "i"
#define PRIo16  "o"
#define PRIu16  "u"
#define PRIx16  "x"
#define PRIX16  "X"
#define PRId32  "d"
#define PRIi32  "i"
#define PRIo32  "o"
#define PRIu32  "u"
#define PRIx32  "x"
#define PRIX32  "X"
#define PRId64  "lld"
#define PRIi64  "lli"
#define PRIo64  "llo"
#define PRIu64  "llu"
#define PRIx64  "llx"
#define PRIX64  "llX"
#define PRIdMAX "lld"
#define PRIiMAX "lli"
#define PRIoMAX "llo"
#define PRIuMAX "llu"
#define PRIxMAX "llx"
#define PRIXMAX "llX"
#if __SIZEOF_POINTER__ == __SIZEOF_INT__
#define __PRIPTR ""
#else
#define __PRIPTR "l"
#endif
#define PRIdPTR __PRIPTR "d"
#define PRIiPTR __PRIPTR "i"
#define PRIoPTR __PRIPTR "o"
#define PRIuPTR __PRIPTR "u"
#define PRIxPTR __PRIPTR "x"
#define PRIXPTR __PRIPTR "X"

#define PRIdLEAST32 PRId32
#define PRIuLEAST32 PRIu32
#define PRIxLEAST32 PRIx32
#define PRIdLEAST64 PRId64
#define PRIuLEAST64 PRIu64
#define PRIxLEAST64 PRIx64
#define PRIdFAST32  PRId32
#define PRIuFAST32  PRIu32
#define PRIxFAST32  PRIx32
#define PRIdFAST64  PRId64
#define PRIuFAST64  PRIu64
#define PRIxFAST64  PRIx64

/* strtoimax(s, end, base): strtoll for intmax_t. */
intmax_t strtoimax(const char *__s, char **__end, int __base);
/* strtoumax(s, end, base): strtoull for uintmax_t. */
uintmax_t strtoumax(const char *__s, char **__end, int __base);

#endif
