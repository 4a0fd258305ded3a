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

/* The program's name (argv[0]) and its last component, as glibc has them. */
extern char *program_invocation_name, *program_invocation_short_name;

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

/* The rest of QNX Neutrino's <errno.h> (the simulator itself never
 * returns these, so they need no GE_ twin).  EALREADY is 237, QNX's
 * EALREADY_NEW: POSIX wants it distinct from EBUSY. */
#define ENOTBLK         15
#define ETXTBSY         26
#define EMLINK          31
#define ECHRNG          37
#define EL2NSYNC        38
#define EL3HLT          39
#define EL3RST          40
#define ELNRNG          41
#define EUNATCH         42
#define ENOCSI          43
#define EL2HLT          44
#define ECANCELED       47
#define EDQUOT          49
#define EBADE           50
#define EBADR           51
#define EXFULL          52
#define ENOANO          53
#define EBADRQC         54
#define EBADSLT         55
#define EDEADLOCK       56
#define EBFONT          57
#define EOWNERDEAD      58
#define ENOSTR          60
#define ENODATA         61
#define ETIME           62
#define ENOSR           63
#define ENONET          64
#define ENOPKG          65
#define EREMOTE         66
#define ENOLINK         67
#define EADV            68
#define ESRMNT          69
#define ECOMM           70
#define EPROTO          71
#define EMULTIHOP       74
#define EBADMSG         77
#define ENOTUNIQ        80
#define EBADFD          81
#define EREMCHG         82
#define ELIBACC         83
#define ELIBBAD         84
#define ELIBSCN         85
#define ELIBMAX         86
#define ELIBEXEC        87
#define EILSEQ          88
#define ERESTART        91
#define ESTRPIPE        92
#define EUSERS          94
#define ENOTRECOVERABLE 95
#define EOPNOTSUPP     103
#define EFPOS          110
#define ESTALE         122
#define EINPROGRESS    236
#define EALREADY       237
#define ENOTSOCK       238
#define EDESTADDRREQ   239
#define EMSGSIZE       240
#define EPROTOTYPE     241
#define ENOPROTOOPT    242
#define EPROTONOSUPPORT 243
#define ESOCKTNOSUPPORT 244
#define EPFNOSUPPORT   246
#define EAFNOSUPPORT   247
#define EADDRINUSE     248
#define EADDRNOTAVAIL  249
#define ENETDOWN       250
#define ENETUNREACH    251
#define ENETRESET      252
#define ECONNABORTED   253
#define ECONNRESET     254
#define ENOBUFS        255
#define EISCONN        256
#define ENOTCONN       257
#define ESHUTDOWN      258
#define ETOOMANYREFS   259
#define ECONNREFUSED   261
#define EHOSTDOWN      264
#define EHOSTUNREACH   265
#define EBADRPC        272
#define ERPCMISMATCH   273
#define EPROGUNAVAIL   274
#define EPROGMISMATCH  275
#define EPROCUNAVAIL   276
#define ENOREMOTE      300
#define ENONDP         301
#define EBADFSYS       302
#define EMORE          309
#define ECTRLTERM      310
#define ENOLIC         311
#define ESRVRFAULT     312
#define EENDIAN        313

#endif
