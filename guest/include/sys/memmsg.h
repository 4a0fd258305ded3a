/*
 * <sys/memmsg.h> - messages to the memory manager (MEMMGR_COID), QNX
 * values.  mmsim's memory manager documents which ones it serves
 * (_MEM_OBJ_INFO at least); the others are listed for completeness.
 */
#ifndef _SYS_MEMMSG_H_INCLUDED
#define _SYS_MEMMSG_H_INCLUDED

#include <sys/platform.h>
#include <sys/neutrino.h>

#define _MEM_MAP         0x40
#define _MEM_CTRL        0x41
#define _MEM_INFO        0x42
#define _MEM_OFFSET      0x43
#define _MEM_DEBUG_INFO  0x44
#define _MEM_OBJ_INFO    0x4A

/* _MEM_CTRL subtypes */
#define _MEM_CTRL_UNMAP      0
#define _MEM_CTRL_PROTECT    1
#define _MEM_CTRL_SYNC       2
#define _MEM_CTRL_LOCKALL    3
#define _MEM_CTRL_UNLOCKALL  4
#define _MEM_CTRL_LOCK       5
#define _MEM_CTRL_UNLOCK     6
#define _MEM_CTRL_ADVISE     7

/* _MEM_OFFSET subtypes */
#define _MEM_OFFSET_PHYS     0
#define _MEM_OFFSET_FD       1
#define _MEM_OFFSET_PT       2

/* _MEM_OBJ_INFO request: segments of [offset, offset+length) of shm object fd (24 bytes). */
struct _mem_obj_info {
	_Uint16t type;          /* _MEM_OBJ_INFO */
	_Uint16t zero;          /* must be 0 */
	_Int32t  fd;
	_Uint64t offset;
	_Uint64t length;        /* SIZE_MAX: to the end of the object */
};

/* One physically contiguous piece of the object (24 bytes). */
struct _mem_obj_segment {
	_Uint64t offset;        /* offset within the object */
	_Uint64t paddr;
	_Uint64t length;
};

struct _mem_obj_info_reply {
	__FLEXARY(struct _mem_obj_segment, segments);
};

typedef union {
	struct _mem_obj_info       i;
	struct _mem_obj_info_reply o;
} mem_obj_info_t;

_Static_assert(sizeof(struct _mem_obj_info) == 24, "_mem_obj_info is 24 bytes");
_Static_assert(sizeof(struct _mem_obj_segment) == 24, "_mem_obj_segment is 24 bytes");

#endif
