/*
 * <stdio.h> - FILE streams over any file descriptor (guest/libc/stdio.c).
 * stdout is line-buffered (flushed at the end of a call that wrote a
 * '\n', when full, before stderr output, before reading stdin, and at
 * exit); stderr is unbuffered (written at the end of each call); files
 * are fully buffered.  setvbuf changes that before the first I/O.
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
#define _IOFBF   0
#define _IOLBF   1
#define _IONBF   2
#define FOPEN_MAX    16
#define FILENAME_MAX 1024
#define L_tmpnam     32
#define TMP_MAX      238328
#define P_tmpdir     "/tmp"
#define L_ctermid    16

typedef off_t fpos_t;
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

/* ---- streams on any descriptor (docs/posix/libc.md) --------------------- */
/* fopen(path, mode): "r", "w", "a", with "+", "b", "x" (O_EXCL), "e" (O_CLOEXEC); the stream, or NULL and errno. */
FILE *fopen(const char *restrict __path, const char *restrict __mode);
/* fdopen(fd, mode): a stream on an open fd. */
FILE *fdopen(int __fd, const char *__mode);
/* freopen(path, mode, f): f reopened on path (its fd may change). */
FILE *freopen(const char *restrict __path, const char *restrict __mode, FILE *restrict __f);
/* fclose(f): flush, close, free; 0, or EOF. */
int fclose(FILE *__f);
/* setvbuf(f, buf, mode, size) / setbuf(f, buf) / setlinebuf(f): buffering, before the first I/O. */
int setvbuf(FILE *restrict __f, char *restrict __buf, int __mode, size_t __size);
void setbuf(FILE *restrict __f, char *restrict __buf);
void setlinebuf(FILE *__f);
/* ungetc(c, f): push c back (up to 8 bytes); c, or EOF. */
int ungetc(int __c, FILE *__f);
/* getline(&line, &cap, f) / getdelim(&line, &cap, delim, f): a malloc'd line; its length, or -1. */
ssize_t getline(char **restrict __line, size_t *restrict __cap, FILE *restrict __f);
ssize_t getdelim(char **restrict __line, size_t *restrict __cap, int __delim, FILE *restrict __f);
/* fseek/fseeko(f, off, whence), ftell/ftello(f), rewind(f), fgetpos/fsetpos: the stream position. */
int fseek(FILE *__f, long __off, int __whence);
int fseeko(FILE *__f, off_t __off, int __whence);
long ftell(FILE *__f);
off_t ftello(FILE *__f);
void rewind(FILE *__f);
int fgetpos(FILE *restrict __f, fpos_t *restrict __pos);
int fsetpos(FILE *__f, const fpos_t *__pos);
/* remove(path): unlink a file (rmdir a directory); 0, or -1 and errno. */
int remove(const char *__path);
/* tmpfile(): an unlinked file in /tmp opened "w+"; tmpnam(buf): a fresh /tmp name. */
FILE *tmpfile(void);
char *tmpnam(char *__buf);
/* stream locks: no-ops; the _unlocked calls are the plain ones. */
void flockfile(FILE *__f);
void funlockfile(FILE *__f);
int ftrylockfile(FILE *__f);
int getc_unlocked(FILE *__f);
int getchar_unlocked(void);
int putc_unlocked(int __c, FILE *__f);
int putchar_unlocked(int __c);

#define __scanf_like(f, a) __attribute__((__format__(__scanf__, f, a)))
/* scanf family: every C99 conversion (d i u o x X a e f g E G c s [ p n %), widths, '*',
 * lengths hh h l ll j z t L; the number of items assigned, or EOF on input failure before the first. */
int scanf(const char *restrict __fmt, ...) __scanf_like(1, 2);
int fscanf(FILE *restrict __f, const char *restrict __fmt, ...) __scanf_like(2, 3);
int sscanf(const char *restrict __s, const char *restrict __fmt, ...) __scanf_like(2, 3);
int vscanf(const char *restrict __fmt, va_list __ap) __scanf_like(1, 0);
int vfscanf(FILE *restrict __f, const char *restrict __fmt, va_list __ap) __scanf_like(2, 0);
int vsscanf(const char *restrict __s, const char *restrict __fmt, va_list __ap) __scanf_like(2, 0);

/* asprintf(&s, fmt, ...) / vasprintf: print into a malloc'd string; its
 * length, or -1 (ENOMEM or a bad format) with *s undefined. */
int asprintf(char **restrict __s, const char *restrict __fmt, ...) __printf_like(2, 3);
int vasprintf(char **restrict __s, const char *restrict __fmt, va_list __ap) __printf_like(2, 0);

/* popen(cmd, "r"|"w"[e]): a stream on a pipe to "/bin/sh -c cmd";
 * pclose(f): close it and wait for the shell: its wait status (127 << 8
 * when there is no shell), or -1 (ECHILD if f is not from popen). */
FILE *popen(const char *__cmd, const char *__mode);
int pclose(FILE *__f);

#endif
