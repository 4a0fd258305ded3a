/* <errno.h> - QNX Neutrino errno values (shared with the simulator through mmsim/guest_abi.h). */
#ifndef _ERRNO_H_INCLUDED
#define _ERRNO_H_INCLUDED

#include <mmsim/guest_abi.h>

/* Set by a failing library call; one per thread. */
int *__errno(void);
#ifndef errno           /* (the host build of libc parts names its own) */
#define errno (*__errno())
#else
extern int errno;
#endif

#define EOK          0
#define EPERM        GE_EPERM
#define ENOENT       GE_ENOENT
#define ESRCH        GE_ESRCH
#define EINTR        GE_EINTR
#define EIO          GE_EIO
#define ENXIO        GE_ENXIO
#define E2BIG        GE_E2BIG
#define ENOEXEC      GE_ENOEXEC
#define EBADF        GE_EBADF
#define ECHILD       GE_ECHILD
#define EAGAIN       GE_EAGAIN
#define EWOULDBLOCK  GE_EAGAIN
#define ENOMEM       GE_ENOMEM
#define EACCES       GE_EACCES
#define EFAULT       GE_EFAULT
#define EBUSY        GE_EBUSY
#define EEXIST       GE_EEXIST
#define EXDEV        GE_EXDEV
#define ENODEV       GE_ENODEV
#define ENOTDIR      GE_ENOTDIR
#define EISDIR       GE_EISDIR
#define EINVAL       GE_EINVAL
#define ENFILE       GE_ENFILE
#define EMFILE       GE_EMFILE
#define ENOTTY       GE_ENOTTY
#define EFBIG        GE_EFBIG
#define ENOSPC       GE_ENOSPC
#define ESPIPE       GE_ESPIPE
#define EROFS        GE_EROFS
#define EPIPE        GE_EPIPE
#define EDOM         GE_EDOM
#define ERANGE       GE_ERANGE
#define ENOMSG       GE_ENOMSG
#define EIDRM        GE_EIDRM
#define EDEADLK      GE_EDEADLK
#define ENOLCK       GE_ENOLCK
#define ENOTSUP      GE_ENOTSUP
#define ENAMETOOLONG GE_ENAMETOOLONG
#define EOVERFLOW    GE_EOVERFLOW
#define ENOSYS       GE_ENOSYS
#define ELOOP        GE_ELOOP
#define ENOTEMPTY    GE_ENOTEMPTY
#define ETIMEDOUT    GE_ETIMEDOUT

#endif
