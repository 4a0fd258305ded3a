/*
 * <stdio.h> - console output for mmsim guests.  stdout is line-buffered
 * (flushed at '\n', when full, before stderr output, before reading
 * stdin, and at exit); stderr is written at the end of each call.
 * No floating-point conversions: %f %e %g %a print "<float>".
 */
#ifndef _STDIO_H_INCLUDED
#define _STDIO_H_INCLUDED

#include <stddef.h>
#include <stdarg.h>
#include <sys/types.h>

typedef struct _mmsim_file FILE;

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;

#define EOF      (-1)
#define BUFSIZ   256
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

#define __printf_like(f, a) __attribute__((__format__(__printf__, f, a)))

/* printf(fmt, ...): formatted output to stdout; the number of bytes, or a negative value. */
int printf(const char *restrict __fmt, ...) __printf_like(1, 2);
/* fprintf(f, fmt, ...): formatted output to f (stdout or stderr). */
int fprintf(FILE *restrict __f, const char *restrict __fmt, ...) __printf_like(2, 3);
/* dprintf(fd, fmt, ...): formatted output straight to fd, unbuffered. */
int dprintf(int __fd, const char *restrict __fmt, ...) __printf_like(2, 3);
/* sprintf(buf, fmt, ...): format into buf (no size check); the length. */
int sprintf(char *restrict __buf, const char *restrict __fmt, ...) __printf_like(2, 3);
/* snprintf(buf, n, fmt, ...): format into buf, at most n-1 chars + NUL; the full length. */
int snprintf(char *restrict __buf, size_t __n, const char *restrict __fmt, ...) __printf_like(3, 4);
/* vprintf(fmt, ap): printf with a va_list. */
int vprintf(const char *restrict __fmt, va_list __ap) __printf_like(1, 0);
/* vfprintf(f, fmt, ap): fprintf with a va_list. */
int vfprintf(FILE *restrict __f, const char *restrict __fmt, va_list __ap) __printf_like(2, 0);
/* vdprintf(fd, fmt, ap): dprintf with a va_list. */
int vdprintf(int __fd, const char *restrict __fmt, va_list __ap) __printf_like(2, 0);
/* vsprintf(buf, fmt, ap): sprintf with a va_list. */
int vsprintf(char *restrict __buf, const char *restrict __fmt, va_list __ap) __printf_like(2, 0);
/* vsnprintf(buf, n, fmt, ap): snprintf with a va_list. */
int vsnprintf(char *restrict __buf, size_t __n, const char *restrict __fmt, va_list __ap) __printf_like(3, 0);

/* puts(s): s and a newline to stdout; >= 0, or EOF. */
int puts(const char *__s);
/* fputs(s, f): s to f; >= 0, or EOF. */
int fputs(const char *restrict __s, FILE *restrict __f);
/* putchar(c): one byte to stdout; c, or EOF. */
int putchar(int __c);
/* fputc(c, f): one byte to f; c, or EOF. */
int fputc(int __c, FILE *__f);
/* putc(c, f): the same as fputc. */
int putc(int __c, FILE *__f);
/* fwrite(p, size, n, f): n items of size bytes to f; the number of items written. */
size_t fwrite(const void *restrict __p, size_t __size, size_t __n, FILE *restrict __f);
/* fflush(f): write out f's buffer (all streams when f is NULL); 0, or EOF. */
int fflush(FILE *__f);

/* fgetc(f): next byte of f (stdin), or EOF. */
int fgetc(FILE *__f);
/* getc(f): the same as fgetc. */
int getc(FILE *__f);
/* getchar(): next byte of stdin, or EOF. */
int getchar(void);
/* fgets(s, n, f): read a line (up to n-1 bytes, keeping '\n'); s, or NULL at EOF. */
char *fgets(char *restrict __s, int __n, FILE *restrict __f);
/* fread(p, size, n, f): read n items of size bytes; the number of whole items read. */
size_t fread(void *restrict __p, size_t __size, size_t __n, FILE *restrict __f);

/* fileno(f): f's file descriptor. */
int fileno(FILE *__f);
/* ferror(f): nonzero after a write or read error on f. */
int ferror(FILE *__f);
/* feof(f): nonzero after f reached end of file. */
int feof(FILE *__f);
/* clearerr(f): reset f's error and EOF indicators. */
void clearerr(FILE *__f);

/* rename(from, to): both in /tmp or both under --root; 0, or -1 and errno. */
int rename(const char *__from, const char *__to);

/* perror(s): "s: <strerror(errno)>\n" to stderr ("<strerror>" alone if s is NULL or empty). */
void perror(const char *__s);

#endif
