/* strerror.c - text for every errno value of <errno.h> (QNX numbering). */
#include <string.h>
#include <stdio.h>
#include <errno.h>

static const struct { int e; const char *text; } errors[] = {
	{ EOK,          "No error" },
	{ EPERM,        "Operation not permitted" },
	{ ENOENT,       "No such file or directory" },
	{ ESRCH,        "No such process" },
	{ EINTR,        "Interrupted function call" },
	{ EIO,          "I/O error" },
	{ ENXIO,        "No such device or address" },
	{ E2BIG,        "Arg list too long" },
	{ ENOEXEC,      "Exec format error" },
	{ EBADF,        "Bad file descriptor" },
	{ ECHILD,       "No child processes" },
	{ EAGAIN,       "Resource unavailable, try again" },
	{ ENOMEM,       "Not enough memory" },
	{ EACCES,       "Permission denied" },
	{ EFAULT,       "Bad address" },
	{ EBUSY,        "Device or resource busy" },
	{ EEXIST,       "File exists" },
	{ EXDEV,        "Cross-device link" },
	{ ENODEV,       "No such device" },
	{ ENOTDIR,      "Not a directory" },
	{ EISDIR,       "Is a directory" },
	{ EINVAL,       "Invalid argument" },
	{ ENFILE,       "Too many open files in system" },
	{ EMFILE,       "Too many open files" },
	{ ENOTTY,       "Inappropriate I/O control operation" },
	{ EFBIG,        "File too large" },
	{ ENOSPC,       "No space left on device" },
	{ ESPIPE,       "Illegal seek" },
	{ EROFS,        "Read-only file system" },
	{ EPIPE,        "Broken pipe" },
	{ EDOM,         "Math argument out of domain of function" },
	{ ERANGE,       "Result too large" },
	{ ENOMSG,       "No message of desired type" },
	{ EIDRM,        "Identifier removed" },
	{ EDEADLK,      "Resource deadlock avoided" },
	{ ENOLCK,       "No locks available" },
	{ ENOTSUP,      "Not supported" },
	{ ENAMETOOLONG, "Filename too long" },
	{ EOVERFLOW,    "Value too large to be stored in data type" },
	{ ENOSYS,       "Function not implemented" },
	{ ELOOP,        "Too many levels of symbolic links" },
	{ ETIMEDOUT,    "Connection timed out" },
};

/* strerror(e): text for errno value e ("Unknown error N" for others). */
char *strerror(int e)
{
	static char unknown[32];
	for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++)
		if (errors[i].e == e)
			return (char *)errors[i].text;
	snprintf(unknown, sizeof unknown, "Unknown error %d", e);
	return unknown;
}
