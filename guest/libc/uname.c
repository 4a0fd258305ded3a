/*
 * uname.c - uname(): "QNX" on node "mmsim", machine = the CPU flavour.
 */
#include <sys/utsname.h>
#include <string.h>
#include "libc.h"

/* uname(u): fill *u; 0. */
int uname(struct utsname *u)
{
	static const char *const cpus[] = { "armv5", "armv6", "armv7", "e500", "ppc600" };
	long cpu = KC1(KC_SYSINFO, KC_SYSINFO_CPU);
	memset(u, 0, sizeof *u);
	strcpy(u->sysname, "QNX");
	strcpy(u->nodename, "mmsim");
	strcpy(u->release, "8.0.0");
	strcpy(u->version, "mmsim");
	strcpy(u->machine, cpu >= 0 && cpu < 5 ? cpus[cpu] : "unknown");
	return 0;
}
