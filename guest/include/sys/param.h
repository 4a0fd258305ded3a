/* <sys/param.h> - the BSD odds and ends programs expect. */
#ifndef _SYS_PARAM_H_INCLUDED
#define _SYS_PARAM_H_INCLUDED

#include <limits.h>
#include <endian.h>

#define MAXPATHLEN   PATH_MAX
#define MAXHOSTNAMELEN 256
#define MAXSYMLINKS  8
#define NOFILE       1000
#define NBBY         8
#define NGROUPS      8
#define DEV_BSIZE    512

#ifndef MIN
#define MIN(a, b) (((a) < (b)) ? (a) : (b))
#endif
#ifndef MAX
#define MAX(a, b) (((a) > (b)) ? (a) : (b))
#endif
#define howmany(x, y)  (((x) + ((y) - 1)) / (y))
#define roundup(x, y)  ((((x) + ((y) - 1)) / (y)) * (y))
#define rounddown(x, y) (((x) / (y)) * (y))
#define powerof2(x)    ((((x) - 1) & (x)) == 0)
#define nitems(a)      (sizeof(a) / sizeof((a)[0]))

#endif
