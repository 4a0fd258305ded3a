/* <grp.h> - the group database: root (gid 0) and "user" (the --gid of
 * the run, 1000 when --gid is not given), no members listed. */
#ifndef _GRP_H_INCLUDED
#define _GRP_H_INCLUDED

#include <sys/types.h>
#include <stddef.h>

struct group {
	char  *gr_name;
	char  *gr_passwd;
	gid_t  gr_gid;
	char **gr_mem;
};

/* getgrnam(name) / getgrgid(gid): the entry (static storage), or NULL. */
struct group *getgrnam(const char *__name);
struct group *getgrgid(gid_t __gid);
/* getgrnam_r / getgrgid_r: the entry built in buf; 0 (and *res NULL if not found) or ERANGE. */
int getgrnam_r(const char *__name, struct group *__gr, char *__buf, size_t __n, struct group **__res);
int getgrgid_r(gid_t __gid, struct group *__gr, char *__buf, size_t __n, struct group **__res);
/* setgrent / getgrent / endgrent: walk the database. */
void setgrent(void);
struct group *getgrent(void);
void endgrent(void);

#endif
