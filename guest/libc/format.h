/*
 * format.h - the printf engine shared by stdio.c and printf.c.  It
 * needs no kernel call, so tests/host_libc compiles printf.c on the host.
 */
#ifndef MMSIM_GUEST_FORMAT_H
#define MMSIM_GUEST_FORMAT_H

#include <stddef.h>
#include <stdarg.h>

/* A sink for formatted text: called with each piece, in order. */
typedef void (*__format_out)(void *ctx, const char *s, size_t n);

/* __format(out, ctx, fmt, ap): format fmt with ap into out; the total length (C's printf result). */
int __format(__format_out out, void *ctx, const char *fmt, va_list ap);

#endif
