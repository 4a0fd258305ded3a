/* <dirent.h> - directory listing: opendir/readdir/rewinddir/closedir.
 * Entries come in name order, "." and ".." first (mmsim lists a
 * directory the same way on every run).  d_type has Linux's values. */
#ifndef _DIRENT_H_INCLUDED
#define _DIRENT_H_INCLUDED

#include <sys/types.h>

#define DT_UNKNOWN 0
#define DT_DIR     4
#define DT_REG     8

struct dirent {
	ino_t         d_ino;      /* 0: not known (stat the entry for it) */
	unsigned char d_type;     /* DT_DIR, DT_REG */
	char          d_name[256];
};

typedef struct __dir DIR;

/* opendir(path): a directory stream, or NULL and errno (ENOENT, ENOTDIR). */
DIR *opendir(const char *__path);
/* readdir(d): the next entry, or NULL at the end (errno unchanged). */
struct dirent *readdir(DIR *__d);
/* rewinddir(d): back to the first entry. */
void rewinddir(DIR *__d);
/* closedir(d): 0. */
int closedir(DIR *__d);

/* scandir(dir, &list, filter, compar): the entries filter accepts (all
 * if NULL), sorted by compar (unsorted if NULL), as a malloc'd array of
 * malloc'd entries; their count, or -1 and errno.  alphasort compares
 * names with strcoll (strcmp in the C locale). */
int scandir(const char *__dir, struct dirent ***__list, int (*__filter)(const struct dirent *),
	    int (*__compar)(const struct dirent **, const struct dirent **));
int alphasort(const struct dirent **__a, const struct dirent **__b);

#endif
