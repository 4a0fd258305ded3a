/*
 * guest_abi.h - values and layouts the guest sees, shared by guest/ and
 * sim/.  Plain C, no includes: the guest runtime includes it too.
 *
 * errno values are QNX Neutrino's (the guest's <errno.h> uses them);
 * sim/ translates the host's negative errno into these.
 */
#ifndef MMSIM_GUEST_ABI_H
#define MMSIM_GUEST_ABI_H

#define GE_EPERM         1
#define GE_ENOENT        2
#define GE_ESRCH         3
#define GE_EINTR         4
#define GE_EIO           5
#define GE_ENXIO         6
#define GE_E2BIG         7
#define GE_ENOEXEC       8
#define GE_EBADF         9
#define GE_ECHILD       10
#define GE_EAGAIN       11
#define GE_ENOMEM       12
#define GE_EACCES       13
#define GE_EFAULT       14
#define GE_EBUSY        16
#define GE_EEXIST       17
#define GE_EXDEV        18
#define GE_ENODEV       19
#define GE_ENOTDIR      20
#define GE_EISDIR       21
#define GE_EINVAL       22
#define GE_ENFILE       23
#define GE_EMFILE       24
#define GE_ENOTTY       25
#define GE_EFBIG        27
#define GE_ENOSPC       28
#define GE_ESPIPE       29
#define GE_EROFS        30
#define GE_EPIPE        32
#define GE_EDOM         33
#define GE_ERANGE       34
#define GE_ENOMSG       35
#define GE_EIDRM        36
#define GE_EDEADLK      45
#define GE_ENOLCK       46
#define GE_ENOTSUP      48
#define GE_ENAMETOOLONG 78
#define GE_EOVERFLOW    79
#define GE_ENOSYS       89
#define GE_ELOOP        90
#define GE_ENOTEMPTY    93
#define GE_ETIMEDOUT   260

/* Guest struct stat: 64 bytes, fields in guest byte order.
 *   0 u64 st_ino      8 i64 st_size    16 u32 st_dev    20 u32 st_rdev
 *  24 u32 st_uid     28 u32 st_gid     32 u32 st_mtime  36 u32 st_atime
 *  40 u32 st_ctime   44 u32 st_mode    48 u32 st_nlink  52 u32 st_blksize
 *  56 u64 st_blocks */
#define GUEST_STAT_SIZE 64

/* Guest System V layouts (<sys/ipc.h>, <sys/shm.h>): every field 32 bits,
 * in guest byte order, Linux field meanings.  ipc_perm has QNX's field
 * order (creator first, four reserved words), shared with <sys/sem.h>.
 *   struct ipc_perm  (44): 0 cuid 4 cgid 8 uid 12 gid 16 mode 20 seq 24 key
 *                          28 _reserved[4]
 *   struct shmid_ds  (72): 0 shm_perm 44 shm_segsz 48 shm_atime 52 shm_dtime
 *                          56 shm_ctime 60 shm_cpid 64 shm_lpid 68 shm_nattch
 *   struct shminfo   (20): 0 shmmax 4 shmmin 8 shmmni 12 shmseg 16 shmall
 *   struct shm_info  (24): 0 used_ids 4 shm_tot 8 shm_rss 12 shm_swp
 *                          16 swap_attempts 20 swap_successes */
#define GUEST_IPC_PERM_SIZE 44
#define GUEST_SHMID_DS_SIZE 72
#define GUEST_SHMINFO_SIZE  20
#define GUEST_SHM_INFO_SIZE 24

/* Guest st_mode type bits (QNX values). */
#define GUEST_S_IFMT  0170000
#define GUEST_S_IFREG 0100000
#define GUEST_S_IFNAM 0050000

/* Default guest memory layout (sim/ loader; guest linker script). */
#define GUEST_TEXT_BASE  0x00100000u  /* ELF images are linked here */
#define GUEST_STACK_TOP  0x7FF00000u  /* initial sp (16-byte aligned) */
#define GUEST_STACK_SIZE 0x00100000u  /* 1 MiB, MAP_LAZY */

#endif
