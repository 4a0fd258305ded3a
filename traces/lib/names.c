/*
 * names.c - symbolic names shared by the trace writers and readers (see
 * names.h).
 */
#include <errno.h>

#include "names.h"

const char *kcall_errno_name(int e)
{
    static const struct { int e; const char *n; } t[] = {
        {EPERM, "EPERM"}, {ENOENT, "ENOENT"}, {EIO, "EIO"}, {ENXIO, "ENXIO"},
        {EBADF, "EBADF"}, {EAGAIN, "EAGAIN"}, {ENOMEM, "ENOMEM"}, {EACCES, "EACCES"},
        {EFAULT, "EFAULT"}, {EBUSY, "EBUSY"}, {EEXIST, "EEXIST"}, {ENODEV, "ENODEV"},
        {EINVAL, "EINVAL"}, {EMFILE, "EMFILE"}, {ENOSPC, "ENOSPC"}, {ERANGE, "ERANGE"},
        {ENAMETOOLONG, "ENAMETOOLONG"}, {ENOSYS, "ENOSYS"}, {EOVERFLOW, "EOVERFLOW"},
        {ENOTSUP, "ENOTSUP"}, {EIDRM, "EIDRM"}, {ENFILE, "ENFILE"},
        {EXDEV, "EXDEV"}, {EISDIR, "EISDIR"}, {ENOTDIR, "ENOTDIR"}, {ELOOP, "ELOOP"},
        {ESPIPE, "ESPIPE"}, {EFBIG, "EFBIG"}, {ESRCH, "ESRCH"}, {EINTR, "EINTR"},
        {E2BIG, "E2BIG"}, {ENOEXEC, "ENOEXEC"}, {ECHILD, "ECHILD"}, {ETIMEDOUT, "ETIMEDOUT"},
        {EDEADLK, "EDEADLK"}, {EPIPE, "EPIPE"}, {ENOTEMPTY, "ENOTEMPTY"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (t[i].e == e)
            return t[i].n;
    return "E?";
}

const char *tm_fault_kind_name(enum mm_fault_kind k)
{
    switch (k) {
    case MMF_RESOLVED:   return "resolved";
    case MMF_UNMAPPED:   return "unmapped";
    case MMF_PROTECTION: return "protection";
    case MMF_PAST_END:   return "past_end";
    case MMF_NOMEM:      return "nomem";
    }
    return "?";
}

const char *tm_access_name(unsigned access)
{
    return access == PT_W ? "w" : access == PT_X ? "x" : "r";
}
