/*
 * pwd.c - <pwd.h> and <grp.h> over a fixed database of two users and two
 * groups: root (0) and "user" (the run's --uid / --gid, 1000 when they
 * are not given or 0).  The _r variants build the entry in the caller's
 * buffer; the others use static storage, overwritten by the next call.
 */
#include <pwd.h>
#include <grp.h>
#include <string.h>
#include "libc.h"

/* Index 0: root, 1: user. */
static const char *const names[2] = { "root", "user" };
static const char *const homes[2] = { "/root", "/home/user" };

/* user_id(i, group): the uid (gid) of entry i. */
static uint32_t user_id(int i, int group)
{
	if (i == 0)
		return 0;
	return (uint32_t)KC1(KC_SYSINFO, group ? KC_SYSINFO_USER_GID : KC_SYSINFO_USER_UID);
}

/* copy_str(&buf, &n, s): s into the buffer, advancing it; the copy, or NULL when it does not fit. */
static char *copy_str(char **buf, size_t *n, const char *s)
{
	size_t len = strlen(s) + 1;
	if (len > *n)
		return NULL;
	char *d = memcpy(*buf, s, len);
	*buf += len;
	*n -= len;
	return d;
}

/* fill_pw(i, pw, buf, n): entry i into pw; 0 or ERANGE. */
static int fill_pw(int i, struct passwd *pw, char *buf, size_t n)
{
	pw->pw_uid = user_id(i, 0);
	pw->pw_gid = user_id(i, 1);
	if (!(pw->pw_name = copy_str(&buf, &n, names[i])) ||
	    !(pw->pw_passwd = copy_str(&buf, &n, "x")) ||
	    !(pw->pw_gecos = copy_str(&buf, &n, names[i])) ||
	    !(pw->pw_dir = copy_str(&buf, &n, homes[i])) ||
	    !(pw->pw_shell = copy_str(&buf, &n, "/bin/sh")))
		return ERANGE;
	return 0;
}

/* fill_gr(i, gr, buf, n): group i into gr (no members); 0 or ERANGE. */
static int fill_gr(int i, struct group *gr, char *buf, size_t n)
{
	gr->gr_gid = user_id(i, 1);
	if (!(gr->gr_name = copy_str(&buf, &n, names[i])) ||
	    !(gr->gr_passwd = copy_str(&buf, &n, "x")))
		return ERANGE;
	size_t pad = (sizeof(char *) - ((uintptr_t)buf & (sizeof(char *) - 1))) & (sizeof(char *) - 1);
	if (n < pad + sizeof(char *))
		return ERANGE;
	gr->gr_mem = (char **)(void *)(buf + pad);
	gr->gr_mem[0] = NULL;
	return 0;
}

/* find_user(name, uid, by_name): the entry index, or -1. */
static int find(const char *name, uint32_t id, int by_name, int group)
{
	for (int i = 0; i < 2; i++)
		if (by_name ? strcmp(name, names[i]) == 0 : user_id(i, group) == id)
			return i;
	return -1;
}

/* pw_lookup(i, pw, buf, n, res): the _r result for index i. */
static int pw_lookup(int i, struct passwd *pw, char *buf, size_t n, struct passwd **res)
{
	*res = NULL;
	if (i < 0)
		return 0;
	int e = fill_pw(i, pw, buf, n);
	if (!e)
		*res = pw;
	return e;
}

/* gr_lookup(i, gr, buf, n, res): the _r result for index i. */
static int gr_lookup(int i, struct group *gr, char *buf, size_t n, struct group **res)
{
	*res = NULL;
	if (i < 0)
		return 0;
	int e = fill_gr(i, gr, buf, n);
	if (!e)
		*res = gr;
	return e;
}

/* getpwnam_r(name, pw, buf, n, res): see <pwd.h>. */
int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t n, struct passwd **res)
{
	return pw_lookup(find(name, 0, 1, 0), pw, buf, n, res);
}

/* getpwuid_r(uid, pw, buf, n, res): see <pwd.h>. */
int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t n, struct passwd **res)
{
	return pw_lookup(find(NULL, uid, 0, 0), pw, buf, n, res);
}

/* getgrnam_r(name, gr, buf, n, res): see <grp.h>. */
int getgrnam_r(const char *name, struct group *gr, char *buf, size_t n, struct group **res)
{
	return gr_lookup(find(name, 0, 1, 1), gr, buf, n, res);
}

/* getgrgid_r(gid, gr, buf, n, res): see <grp.h>. */
int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t n, struct group **res)
{
	return gr_lookup(find(NULL, gid, 0, 1), gr, buf, n, res);
}

static struct passwd pw_static;
static struct group gr_static;
static char pw_buf[128], gr_buf[128];
static int pw_next, gr_next;

/* getpwnam(name): see <pwd.h>. */
struct passwd *getpwnam(const char *name)
{
	struct passwd *r;
	getpwnam_r(name, &pw_static, pw_buf, sizeof pw_buf, &r);
	return r;
}

/* getpwuid(uid): see <pwd.h>. */
struct passwd *getpwuid(uid_t uid)
{
	struct passwd *r;
	getpwuid_r(uid, &pw_static, pw_buf, sizeof pw_buf, &r);
	return r;
}

/* getgrnam(name): see <grp.h>. */
struct group *getgrnam(const char *name)
{
	struct group *r;
	getgrnam_r(name, &gr_static, gr_buf, sizeof gr_buf, &r);
	return r;
}

/* getgrgid(gid): see <grp.h>. */
struct group *getgrgid(gid_t gid)
{
	struct group *r;
	getgrgid_r(gid, &gr_static, gr_buf, sizeof gr_buf, &r);
	return r;
}

/* setpwent(): restart getpwent. */
void setpwent(void) { pw_next = 0; }
/* endpwent(): the same as setpwent. */
void endpwent(void) { pw_next = 0; }

/* getpwent(): the next entry, or NULL after the last. */
struct passwd *getpwent(void)
{
	struct passwd *r;
	if (pw_next >= 2)
		return NULL;
	pw_lookup(pw_next++, &pw_static, pw_buf, sizeof pw_buf, &r);
	return r;
}

/* setgrent(): restart getgrent. */
void setgrent(void) { gr_next = 0; }
/* endgrent(): the same as setgrent. */
void endgrent(void) { gr_next = 0; }

/* getgrent(): the next group, or NULL after the last. */
struct group *getgrent(void)
{
	struct group *r;
	if (gr_next >= 2)
		return NULL;
	gr_lookup(gr_next++, &gr_static, gr_buf, sizeof gr_buf, &r);
	return r;
}
