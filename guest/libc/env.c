/*
 * env.c - getenv/setenv/unsetenv/putenv over `environ`, which starts
 * empty (mmsim passes no environment).  The array and setenv's strings
 * are malloc'd; putenv's string becomes part of the environment.
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>

extern char **environ;
static char **own_env;          /* environ when we allocated it */

/* find(name, n): the index of the entry "name=..." (name n bytes long), or -1. */
static int find(const char *name, size_t n)
{
	for (int i = 0; environ && environ[i]; i++)
		if (strncmp(environ[i], name, n) == 0 && environ[i][n] == '=')
			return i;
	return -1;
}

/* valid_name(name): non-empty and without '='. */
static int valid_name(const char *name)
{
	return name && *name && !strchr(name, '=');
}

/* getenv(name): the value of name in the environment, or NULL. */
char *getenv(const char *name)
{
	size_t n = strlen(name);
	int i = find(name, n);
	return i < 0 ? NULL : environ[i] + n + 1;
}

/* put_entry(s, n): make s (whose name is n bytes) an entry, replacing the old one; 0 or -1 (ENOMEM). */
static int put_entry(char *s, size_t n)
{
	int i = find(s, n);
	if (i >= 0) {
		environ[i] = s;
		return 0;
	}
	int count = 0;
	while (environ && environ[count])
		count++;
	char **e = malloc(((size_t)count + 2) * sizeof *e);
	if (!e) {
		errno = ENOMEM;
		return -1;
	}
	for (int k = 0; k < count; k++)
		e[k] = environ[k];
	e[count] = s;
	e[count + 1] = NULL;
	free(own_env);
	own_env = environ = e;
	return 0;
}

/* setenv(name, value, overwrite): set name=value; 0, or -1 (EINVAL, ENOMEM). */
int setenv(const char *name, const char *value, int overwrite)
{
	if (!valid_name(name)) {
		errno = EINVAL;
		return -1;
	}
	size_t n = strlen(name), v = strlen(value);
	if (!overwrite && find(name, n) >= 0)
		return 0;
	char *s = malloc(n + v + 2);
	if (!s) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(s, name, n);
	s[n] = '=';
	memcpy(s + n + 1, value, v + 1);
	return put_entry(s, n);
}

/* putenv(s): s ("name=value") itself becomes the entry; 0, or -1. */
int putenv(char *s)
{
	char *eq = strchr(s, '=');
	if (!eq || eq == s) {
		errno = EINVAL;
		return -1;
	}
	return put_entry(s, (size_t)(eq - s));
}

/* unsetenv(name): remove name; 0, or -1 (EINVAL). */
int unsetenv(const char *name)
{
	if (!valid_name(name)) {
		errno = EINVAL;
		return -1;
	}
	size_t n = strlen(name);
	int i;
	while ((i = find(name, n)) >= 0)
		for (; environ[i]; i++)
			environ[i] = environ[i + 1];
	return 0;
}
