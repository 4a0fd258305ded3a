/* <sys/utsname.h> - uname(): sysname "QNX" (mmsim models a QNX-style
 * system), nodename "mmsim", release "8.0.0", version "mmsim", machine
 * the simulated CPU flavour (armv5, armv6, armv7, e500, ppc600). */
#ifndef _SYS_UTSNAME_H_INCLUDED
#define _SYS_UTSNAME_H_INCLUDED

#define _SYSNAME_SIZE 65

struct utsname {
	char sysname[_SYSNAME_SIZE];
	char nodename[_SYSNAME_SIZE];
	char release[_SYSNAME_SIZE];
	char version[_SYSNAME_SIZE];
	char machine[_SYSNAME_SIZE];
};

/* uname(u): fill *u; 0, or -1 (EFAULT). */
int uname(struct utsname *__u);

#endif
