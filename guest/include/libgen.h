/* <libgen.h> - POSIX basename and dirname. */
#ifndef _LIBGEN_H_INCLUDED
#define _LIBGEN_H_INCLUDED

/* basename(path): the last component ("/" for "/", "." for NULL or "");
 * dirname(path): all but the last component ("." if none).  Both may
 * write into path (trailing slashes) and may return static storage. */
char *basename(char *__path);
char *dirname(char *__path);

#endif
