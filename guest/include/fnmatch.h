/* <fnmatch.h> - shell wildcard matching (POSIX, plus GNU's FNM_CASEFOLD). */
#ifndef _FNMATCH_H_INCLUDED
#define _FNMATCH_H_INCLUDED

#define FNM_NOMATCH  1
#define FNM_NOESCAPE 0x01   /* backslash is an ordinary character */
#define FNM_PATHNAME 0x02   /* '/' only matches '/' */
#define FNM_PERIOD   0x04   /* a leading '.' only matches '.' */
#define FNM_CASEFOLD 0x10   /* ignore case */

/* fnmatch(pattern, s, flags): 0 if s matches (*, ?, [...] with ranges, !
 * or ^, and [:class:]), FNM_NOMATCH if not. */
int fnmatch(const char *__pattern, const char *__s, int __flags);

#endif
