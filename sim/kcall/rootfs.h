/*
 * rootfs.h - the guest's files: guest paths resolved inside the host
 * directory given with --root, never outside it.
 *
 * The root is the guest's "/": absolute and relative guest paths both
 * start there (the guest has no working directory).  With openat2()
 * (Linux 5.6+), resolution uses RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS:
 * ".." above the root, and symbolic links whose target lies outside it
 * (absolute targets included), fail with -EXDEV.  Without openat2 (or with
 * MMSIM_NO_OPENAT2 set in the environment, for tests), a component walk
 * opens one directory at a time with O_NOFOLLOW: ".." above the root is
 * -EXDEV and every symbolic link is refused with -EXDEV.
 */
#ifndef MMSIM_SIM_ROOTFS_H
#define MMSIM_SIM_ROOTFS_H

/* Open guest `path` under rootfd with host open flags (O_PATH for stat);
 * a host fd or -errno.  Only regular files and directories open: a FIFO,
 * socket or device is -ENXIO (opened non-blocking first, so the host's
 * open() can never block the simulator). */
int rootfs_open(int rootfd, const char *path, int flags, unsigned mode);
/* Unlink guest `path` (not a directory).  0 or -errno. */
int rootfs_unlink(int rootfd, const char *path);

#endif
