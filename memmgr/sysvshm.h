/*
 * sysvshm.h - private to memmgr/: one System V shared memory segment and
 * the hooks vm.c calls so that shm_nattch follows the map entries of a
 * segment's object (the contract is in mmsim/memmgr.h).
 */
#ifndef MMSIM_MEMMGR_SYSVSHM_H
#define MMSIM_MEMMGR_SYSVSHM_H

#include "object.h"

struct mm_shmseg {
    struct mm_ipc_perm perm;   /* key becomes IPC_PRIVATE at IPC_RMID */
    uint32_t        index;     /* slot in the table */
    int             id;        /* index + perm.seq * MM_IPC_SEQ_MULT */
    uint64_t        segsz;     /* bytes, as asked */
    uint32_t        atime, dtime, ctime;
    uint32_t        cpid, lpid;
    uint32_t        nattch;    /* map entries of obj, every process */
    struct mm_obj  *obj;       /* the segment holds one reference */
};

/* Linux's ipcperms(): may p access with the rwx bits of `flg` (the three
 * triplets are folded together)?  uid 0 passes everything. */
bool shm_ipcperms(const struct mm_proc *p, const struct mm_ipc_perm *perm, int flg);

#endif
