/*
 * tmpfs.h - the in-memory /tmp mmsim holds when the guest has no host
 * /tmp (no --root, or a --root without a tmp directory): directories and
 * regular files, each file an anonymous host memfd (nothing is written
 * to the host's disks; contents go with the run).  The memory manager
 * gets a dup of the memfd exactly as it gets a host file under --root,
 * so read/write/mmap/ftruncate behave the same.
 *
 * Paths here are relative to /tmp: "" is /tmp itself, "a/b" is /tmp/a/b
 * (normalised: no "." or "..", no repeated or trailing '/').  Every call
 * returns 0 / a host fd, or -errno (host values).
 */
#ifndef MMSIM_SIM_TMPFS_H
#define MMSIM_SIM_TMPFS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

struct tmpfs;

struct tmpfs *tmpfs_create(void);
void tmpfs_destroy(struct tmpfs *fs);
/* open with host flags (O_CREAT, O_EXCL, O_DIRECTORY honoured; O_TRUNC is
 * the memory manager's): a new host fd of the file, or -errno
 * (-ENOENT, -EEXIST, -EISDIR, -ENOTDIR, -ENOMEM). */
int tmpfs_open(struct tmpfs *fs, const char *rel, int flags, unsigned mode);
/* stat: st_mode, st_size, st_nlink; st_dev/st_ino identify the node. */
int tmpfs_stat(struct tmpfs *fs, const char *rel, struct stat *st);
int tmpfs_unlink(struct tmpfs *fs, const char *rel);
int tmpfs_mkdir(struct tmpfs *fs, const char *rel, unsigned mode);
int tmpfs_rmdir(struct tmpfs *fs, const char *rel);
int tmpfs_rename(struct tmpfs *fs, const char *from, const char *to);
/* The index-th entry of directory rel, in name order: 1 and its name
 * (and *is_dir), 0 past the end, or -errno. */
int tmpfs_entry(struct tmpfs *fs, const char *rel, unsigned index, char *name, unsigned max,
                bool *is_dir);

#endif
