/* <sys/stat.h> - struct stat in the simulator's layout (mmsim/guest_abi.h: 64 bytes) and mode bits (QNX values). */
#ifndef _SYS_STAT_H_INCLUDED
#define _SYS_STAT_H_INCLUDED

#include <sys/types.h>
#include <mmsim/guest_abi.h>

struct stat {
	ino_t     st_ino;       /*  0 */
	off_t     st_size;      /*  8 */
	dev_t     st_dev;       /* 16 */
	dev_t     st_rdev;      /* 20 */
	uid_t     st_uid;       /* 24 */
	gid_t     st_gid;       /* 28 */
	time_t    st_mtime;     /* 32 */
	time_t    st_atime;     /* 36 */
	time_t    st_ctime;     /* 40 */
	mode_t    st_mode;      /* 44 */
	nlink_t   st_nlink;     /* 48 */
	blksize_t st_blksize;   /* 52 */
	blkcnt_t  st_blocks;    /* 56 */
};
_Static_assert(sizeof(struct stat) == GUEST_STAT_SIZE, "struct stat must match mmsim/guest_abi.h");
_Static_assert(__builtin_offsetof(struct stat, st_mode) == 44, "struct stat must match mmsim/guest_abi.h");
_Static_assert(__builtin_offsetof(struct stat, st_blocks) == 56, "struct stat must match mmsim/guest_abi.h");

#define S_IFMT   GUEST_S_IFMT
#define S_IFIFO  0010000
#define S_IFCHR  0020000
#define S_IFDIR  0040000
#define S_IFNAM  GUEST_S_IFNAM     /* QNX: special named file (shared memory objects) */
#define S_IFBLK  0060000
#define S_IFREG  GUEST_S_IFREG
#define S_IFLNK  0120000
#define S_IFSOCK 0140000

#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISNAM(m)  (((m) & S_IFMT) == S_IFNAM)
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)
#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m)  (((m) & S_IFMT) == S_IFLNK)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

#define S_ISUID  04000
#define S_ISGID  02000
#define S_ISVTX  01000
#define S_IRWXU  0700
#define S_IRUSR  0400
#define S_IWUSR  0200
#define S_IXUSR  0100
#define S_IRWXG  0070
#define S_IRGRP  0040
#define S_IWGRP  0020
#define S_IXGRP  0010
#define S_IRWXO  0007
#define S_IROTH  0004
#define S_IWOTH  0002
#define S_IXOTH  0001

/* mkdir(path, mode): a new directory (mode & ~umask); 0, or -1 and errno. */
int mkdir(const char *__path, mode_t __mode);
/* umask(mask): set the file mode creation mask; the old one. */
mode_t umask(mode_t __mask);

/* fstat(fd, st): fill *st for an open fd; 0, or -1 and errno. */
int fstat(int __fd, struct stat *__st);
/* stat(path, st): fill *st for a file under mmsim's --root; 0, or -1 and errno. */
int stat(const char *__path, struct stat *__st);

#endif
