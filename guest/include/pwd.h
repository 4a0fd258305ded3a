/* <pwd.h> - the user database: a fixed one of two entries, root (uid 0)
 * and "user" (the --uid of the run; uid 1000 when --uid is not given),
 * home /root and /home/user, shell /bin/sh (docs/posix/libc.md). */
#ifndef _PWD_H_INCLUDED
#define _PWD_H_INCLUDED

#include <sys/types.h>
#include <stddef.h>

struct passwd {
	char  *pw_name;
	char  *pw_passwd;
	uid_t  pw_uid;
	gid_t  pw_gid;
	char  *pw_gecos;
	char  *pw_dir;
	char  *pw_shell;
};

/* getpwnam(name) / getpwuid(uid): the entry (static storage), or NULL (errno unchanged: not found). */
struct passwd *getpwnam(const char *__name);
struct passwd *getpwuid(uid_t __uid);
/* getpwnam_r / getpwuid_r: the entry built in buf; 0 (and *res NULL if not found) or ERANGE. */
int getpwnam_r(const char *__name, struct passwd *__pw, char *__buf, size_t __n, struct passwd **__res);
int getpwuid_r(uid_t __uid, struct passwd *__pw, char *__buf, size_t __n, struct passwd **__res);
/* setpwent / getpwent / endpwent: walk the database. */
void setpwent(void);
struct passwd *getpwent(void);
void endpwent(void);

#endif
