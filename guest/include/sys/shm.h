/*
 * <sys/shm.h> - System V shared memory (Linux semantics and values; the
 * structures are mmsim's 32-bit layouts of mmsim/guest_abi.h).
 */
#ifndef _SYS_SHM_H_INCLUDED
#define _SYS_SHM_H_INCLUDED

#include <sys/ipc.h>
#include <sys/platform.h>

#define SHM_RDONLY  010000    /* shmat: read-only attach */
#define SHM_RND     020000    /* shmat: round the address down to SHMLBA */
#define SHM_REMAP   040000    /* shmat: replace mappings in the range */
#define SHM_EXEC    0100000   /* shmat: executable attach */

#define SHM_LOCK    11        /* shmctl commands */
#define SHM_UNLOCK  12
#define SHM_STAT    13
#define SHM_INFO    14

#define SHM_DEST    01000     /* in shm_perm.mode: removed, attaches remain */
#define SHM_LOCKED  02000     /* in shm_perm.mode: SHM_LOCK done */

#define SHMLBA      __PAGESIZE

typedef unsigned int shmatt_t;

struct shmid_ds {
	struct ipc_perm shm_perm;   /*  0 */
	size_t   shm_segsz;         /* 44 size in bytes, as given to shmget */
	time_t   shm_atime;         /* 48 last attach (guest seconds) */
	time_t   shm_dtime;         /* 52 last detach */
	time_t   shm_ctime;         /* 56 creation or last IPC_SET */
	pid_t    shm_cpid;          /* 60 creator */
	pid_t    shm_lpid;          /* 64 last attach / detach */
	shmatt_t shm_nattch;        /* 68 current attaches */
};
_Static_assert(sizeof(struct shmid_ds) == GUEST_SHMID_DS_SIZE, "struct shmid_ds must match mmsim/guest_abi.h");

/* IPC_INFO result (cast the shmctl buffer). */
struct shminfo {
	unsigned long shmmax, shmmin, shmmni, shmseg, shmall;
};
_Static_assert(sizeof(struct shminfo) == GUEST_SHMINFO_SIZE, "struct shminfo must match mmsim/guest_abi.h");

/* SHM_INFO result (cast the shmctl buffer). */
struct shm_info {
	int used_ids;
	unsigned long shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};
_Static_assert(sizeof(struct shm_info) == GUEST_SHM_INFO_SIZE, "struct shm_info must match mmsim/guest_abi.h");

/* shmget(key, size, flags): the id of a segment, created with IPC_CREAT; -1 and errno. */
int shmget(key_t __key, size_t __size, int __flags);
/* shmat(id, addr, flags): attach; the address, or (void *)-1 and errno. */
void *shmat(int __id, const void *__addr, int __flags);
/* shmdt(addr): detach the attachment that begins at addr; 0, or -1 and errno. */
int shmdt(const void *__addr);
/* shmctl(id, cmd, buf): IPC_STAT/SET/RMID/INFO, SHM_INFO/STAT/LOCK/UNLOCK; -1 and errno on failure. */
int shmctl(int __id, int __cmd, struct shmid_ds *__buf);

#endif
