/*
 * creds.c - set*id (the kernel checks POSIX's permission rules: the
 * memory manager holds the IDs, System V checks use them), getgroups,
 * getlogin, gethostname, nice.
 */
#include <unistd.h>
#include <string.h>
#include <pwd.h>
#include <sys/resource.h>
#include "libc.h"

/* setuid(uid): see <unistd.h>. */
int setuid(uid_t uid) { return (int)__kc_ret(KC1(KC_SETUID, (long)uid)); }
/* setgid(gid): see <unistd.h>. */
int setgid(gid_t gid) { return (int)__kc_ret(KC1(KC_SETGID, (long)gid)); }
/* seteuid(uid): see <unistd.h>. */
int seteuid(uid_t uid) { return (int)__kc_ret(KC1(KC_SETEUID, (long)uid)); }
/* setegid(gid): see <unistd.h>. */
int setegid(gid_t gid) { return (int)__kc_ret(KC1(KC_SETEGID, (long)gid)); }
/* setreuid(r, e): see <unistd.h>. */
int setreuid(uid_t r, uid_t e) { return (int)__kc_ret(KC2(KC_SETREUID, (long)r, (long)e)); }
/* setregid(r, e): see <unistd.h>. */
int setregid(gid_t r, gid_t e) { return (int)__kc_ret(KC2(KC_SETREGID, (long)r, (long)e)); }

/* getgroups(n, list): mmsim processes have no supplementary groups; 0 (EINVAL for n < 0). */
int getgroups(int n, gid_t list[])
{
	(void)list;
	if (n < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* getlogin(): the real user's name, or NULL (ENXIO) if the database has none. */
char *getlogin(void)
{
	struct passwd *pw = getpwuid(getuid());
	if (!pw) {
		errno = ENXIO;
		return NULL;
	}
	return pw->pw_name;
}

/* getlogin_r(buf, n): getlogin into buf; 0, or an error number (ERANGE, ENXIO). */
int getlogin_r(char *buf, size_t n)
{
	int saved = errno;
	char *name = getlogin();
	int e = errno;
	errno = saved;
	if (!name)
		return e;
	if (strlen(name) >= n)
		return ERANGE;
	strcpy(buf, name);
	return 0;
}

/* gethostname(buf, n): "mmsim"; 0, or -1 (ENAMETOOLONG) when n is too small. */
int gethostname(char *buf, size_t n)
{
	static const char name[] = "mmsim";
	if (n < sizeof name) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, name, sizeof name);
	return 0;
}

/* nice(inc): the new nice value, or -1 and errno (EPERM when lowering it unprivileged). */
int nice(int inc)
{
	errno = 0;
	int cur = getpriority(PRIO_PROCESS, 0);
	if (cur == -1 && errno)
		return -1;
	if (setpriority(PRIO_PROCESS, 0, cur + inc) != 0) {
		if (errno == EACCES)
			errno = EPERM;
		return -1;
	}
	return getpriority(PRIO_PROCESS, 0);
}
