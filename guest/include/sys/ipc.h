/*
 * <sys/ipc.h> - System V IPC common definitions.  Flag and command values
 * are Linux's (the simulator decodes these; QNX has the same IPC_CREAT,
 * IPC_EXCL, IPC_NOWAIT, IPC_RMID, IPC_SET, IPC_STAT); struct ipc_perm has
 * QNX's field order (mmsim/guest_abi.h) and Linux's meanings.  `key`
 * and `seq` are also reachable as glibc's `__key` and `__seq`, so sources
 * written for Linux compile unchanged.
 */
#ifndef _SYS_IPC_H_INCLUDED
#define _SYS_IPC_H_INCLUDED

#include <sys/types.h>
#include <mmsim/guest_abi.h>

struct ipc_perm {
	uid_t  cuid;    /*  0 creator's effective uid */
	gid_t  cgid;    /*  4 creator's effective gid */
	uid_t  uid;     /*  8 owner's effective uid */
	gid_t  gid;     /* 12 owner's effective gid */
	mode_t mode;    /* 16 permission bits | SHM_DEST | SHM_LOCKED */
	union { unsigned int seq; unsigned int __seq; };   /* 20 sequence number */
	union { key_t key; key_t __key; };                 /* 24 key given to *get() */
	int    _reserved[4];                               /* 28 */
};
_Static_assert(sizeof(struct ipc_perm) == GUEST_IPC_PERM_SIZE, "struct ipc_perm must match mmsim/guest_abi.h");

#define IPC_PRIVATE ((key_t)0)

#define IPC_CREAT   001000
#define IPC_EXCL    002000
#define IPC_NOWAIT  004000

#define IPC_RMID    0
#define IPC_SET     1
#define IPC_STAT    2
#define IPC_INFO    3

/* ftok(path, id): a key from the file's inode and device numbers and the
 * low 8 bits of id, as glibc computes it; -1 and errno as stat(). */
key_t ftok(const char *__path, int __id);

#endif
