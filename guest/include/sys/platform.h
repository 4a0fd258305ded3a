/*
 * <sys/platform.h> - QNX base types (_Uint32t ...), __PAGESIZE and
 * __FLEXARY, included by every QNX-shaped header as on QNX Neutrino.
 */
#ifndef _SYS_PLATFORM_H_INCLUDED
#define _SYS_PLATFORM_H_INCLUDED

typedef signed char        _Int8t;
typedef unsigned char      _Uint8t;
typedef short              _Int16t;
typedef unsigned short     _Uint16t;
typedef int                _Int32t;
typedef unsigned int       _Uint32t;
typedef long long          _Int64t;
typedef unsigned long long _Uint64t;
typedef __INTPTR_TYPE__    _Intptrt;
typedef __UINTPTR_TYPE__   _Uintptrt;
typedef __SIZE_TYPE__      _Sizet;
typedef __PTRDIFF_TYPE__   _Ssizet;
typedef _Uint64t           _Paddr64t;
typedef _Uint32t           _Paddr32t;
typedef _Paddr64t          _Paddrt;

#define __PAGESIZE 4096

/* A flexible array member that may also be a struct's only member (as in
 * struct _mem_obj_info_reply): GCC's zero-length array, as QNX spells it. */
#define __FLEXARY(__type, __name) __extension__ __type __name[0]

#ifndef NULL
#define NULL ((void *)0)
#endif

#endif
