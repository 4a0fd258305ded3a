/*
 * file.h - private to memmgr/: the page cache of host files (file.c) as
 * the rest of the module sees it.
 */
#ifndef MMSIM_MEMMGR_FILE_H
#define MMSIM_MEMMGR_FILE_H

#include "vm.h"

/* Fill page pg of file object o from the host file (zero past its end).
 * 0, -ENOMEM or -EIO. */
int file_page_in(struct mm_obj *o, uint64_t pg);
/* Write resident pages [pg0, pg1) of o back to the host file, clipped at
 * its size.  0 or -EIO. */
int file_writeback(struct mm_obj *o, uint64_t pg0, uint64_t pg1);
/* Resize the host file and the cache (shrinking unmaps past the end). */
int file_resize(struct mm_proc *p, struct mm_obj *o, uint64_t len);
/* mm_destroy: free the table of host files. */
void file_table_clear(struct mm *m);

#endif
