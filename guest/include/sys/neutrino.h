/*
 * <sys/neutrino.h> - the QNX kernel calls mmsim provides: only MsgSend,
 * to the memory manager's side-channel connection MEMMGR_COID.
 */
#ifndef _SYS_NEUTRINO_H_INCLUDED
#define _SYS_NEUTRINO_H_INCLUDED

#include <sys/platform.h>
#include <stddef.h>

#define _NTO_SIDE_CHANNEL 0x40000000
#define SYSMGR_COID       _NTO_SIDE_CHANNEL
#define MEMMGR_COID       0x40000000

/* MsgSend(coid, smsg, sbytes, rmsg, rbytes): send a message and wait for
 * the reply (at most rbytes bytes); the server's status, or -1 and errno. */
long MsgSend(int __coid, const void *__smsg, size_t __sbytes, void *__rmsg, size_t __rbytes);

#endif
