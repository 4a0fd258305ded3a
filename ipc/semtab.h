/*
 * semtab.h - System V semaphore sets as plain data: the id table, the
 * ipc_perm permission check, semop's all-or-nothing operations, semctl,
 * and SEM_UNDO bookkeeping.  No CPU and no blocking: when an operation
 * must wait, semtab_op returns SEMTAB_BLOCK and counts the caller in
 * semncnt/semzcnt; the simulator sleeps and calls semtab_op again
 * (after semtab_unwait).  Errors are negative host errno values with the
 * meanings of the Linux man pages (semget(2), semop(2), semctl(2)).
 */
#ifndef MMSIM_IPC_SEMTAB_H
#define MMSIM_IPC_SEMTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Guest (QNX / SVR4) flag and command values. */
#define IPCT_CREAT   01000
#define IPCT_EXCL    02000
#define IPCT_NOWAIT  04000
#define IPCT_PRIVATE 0
#define IPCT_RMID    0
#define IPCT_SET     1
#define IPCT_STAT    2
#define SEMT_UNDO    010000
#define SEMT_GETNCNT 3
#define SEMT_GETPID  4
#define SEMT_GETVAL  5
#define SEMT_GETALL  6
#define SEMT_GETZCNT 7
#define SEMT_SETVAL  8
#define SEMT_SETALL  9

/* Returned by semtab_op when the caller must wait. */
#define SEMTAB_BLOCK 1

struct semtab_limits {
    unsigned semmni;   /* sets (default 128) */
    unsigned semmsl;   /* semaphores per set (250) */
    unsigned semmns;   /* semaphores in all sets (32000) */
    unsigned semopm;   /* operations per semop (32) */
    unsigned semvmx;   /* largest value (32767) */
    unsigned semaem;   /* largest undo adjustment (32767) */
};

/* Who is asking. */
struct semtab_cred {
    uint32_t pid, uid, gid;
};

struct semtab_perm {
    int32_t  key;
    uint32_t cuid, cgid, uid, gid, mode, seq;
};

/* IPC_STAT / IPC_SET view of a set. */
struct semtab_ds {
    struct semtab_perm perm;
    unsigned nsems;
    uint64_t otime, ctime;    /* simulated seconds */
};

/* One semop operation. */
struct semtab_op {
    uint16_t num;
    int16_t  op;
    int16_t  flg;
};

/* What a blocked semop waits for (for semtab_unwait). */
struct semtab_wait {
    int      semid;       /* -1: nothing */
    unsigned num;
    bool     zero;        /* waiting for zero (semzcnt), else semncnt */
};

struct semtab;

/* A table with these limits (zeros take the defaults), NULL on ENOMEM. */
struct semtab *semtab_create(const struct semtab_limits *lim);
void semtab_destroy(struct semtab *t);
const struct semtab_limits *semtab_limits(const struct semtab *t);

/* 0 if cred may access perm for `want` (4 read, 2 alter), else -EACCES
 * (uid 0 may do anything). */
int semtab_perm_check(const struct semtab_perm *perm, const struct semtab_cred *c, unsigned want);

/* semget: the id, or -EINVAL/-ENOENT/-EEXIST/-EACCES/-ENOSPC/-ENOMEM. */
int semtab_get(struct semtab *t, int32_t key, int nsems, int flg, const struct semtab_cred *c,
               uint64_t now);
/* semop: 0 (all done), SEMTAB_BLOCK (nothing done; *w says on what), or
 * -E2BIG/-EINVAL/-EFBIG/-EACCES/-EAGAIN/-ERANGE/-ENOMEM. */
int semtab_op(struct semtab *t, int semid, const struct semtab_op *ops, size_t nops,
              const struct semtab_cred *c, uint64_t now, struct semtab_wait *w);
/* A blocked caller stops waiting (woken, killed): drop it from the count. */
void semtab_unwait(struct semtab *t, struct semtab_wait *w);
/* semctl for the value commands (GETVAL, GETPID, GETNCNT, GETZCNT,
 * SETVAL with val): the value or 0, or -EINVAL/-EACCES/-ERANGE. */
int semtab_ctl_val(struct semtab *t, int semid, int num, int cmd, int val,
                   const struct semtab_cred *c, uint64_t now);
/* GETALL into vals (nsems of them), SETALL from vals. */
int semtab_getall(struct semtab *t, int semid, uint16_t *vals, size_t n, const struct semtab_cred *c);
int semtab_setall(struct semtab *t, int semid, const uint16_t *vals, size_t n,
                  const struct semtab_cred *c, uint64_t now);
/* Number of semaphores in set semid, or -EINVAL. */
int semtab_nsems(const struct semtab *t, int semid);
/* IPC_STAT, IPC_SET (uid, gid, mode & 0777 from ds), IPC_RMID. */
int semtab_stat(struct semtab *t, int semid, struct semtab_ds *ds, const struct semtab_cred *c);
int semtab_set(struct semtab *t, int semid, const struct semtab_ds *ds,
               const struct semtab_cred *c, uint64_t now);
int semtab_rmid(struct semtab *t, int semid, const struct semtab_cred *c);
/* Process pid ends: apply and drop its SEM_UNDO adjustments (values
 * clamped to 0..semvmx).  Calls changed(ctx, semid) for every set it
 * changed.  Returns the number of adjustments applied. */
int semtab_exit(struct semtab *t, uint32_t pid, void (*changed)(void *ctx, int semid), void *ctx);
/* The undo adjustment of pid for (semid, num), 0 if none (tests). */
int semtab_undo_of(const struct semtab *t, uint32_t pid, int semid, unsigned num);

#endif
