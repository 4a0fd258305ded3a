/* <sys/ipc.h> - System V IPC common definitions (QNX / SVR4 values).
 * Kept minimal by the semaphore work (issue 6a); the shared-memory half
 * (issue 6b) adds ftok and the rest. */
#ifndef _SYS_IPC_H_INCLUDED
#define _SYS_IPC_H_INCLUDED

#include <sys/types.h>

struct ipc_perm {
	uid_t        cuid;   /* creator */
	gid_t        cgid;
	uid_t        uid;    /* owner */
	gid_t        gid;
	mode_t       mode;   /* low 9 bits: rw permissions */
	unsigned int seq;
	key_t        key;
	int          _reserved[4];
};

#define IPC_CREAT   001000
#define IPC_EXCL    002000
#define IPC_NOWAIT  004000
#define IPC_PRIVATE ((key_t)0)

#define IPC_RMID 0
#define IPC_SET  1
#define IPC_STAT 2

#endif
