/*
 * stdio.c - the three standard streams over write()/read().
 *
 * stdout is line-buffered: its buffer goes out at '\n', when full, before
 * any stderr output (so the console shows things in program order),
 * before stdin is read, and at exit.  stderr collects one call's text
 * and writes it at the end of that call.  stdin reads ahead up to BUFSIZ.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "libc.h"

enum { S_ERR = 1, S_EOF = 2 };

struct _mmsim_file {
	int fd;
	int state;              /* S_ERR | S_EOF */
	size_t len;             /* output: bytes buffered; input: bytes in buf */
	size_t pos;             /* input: next byte to hand out */
	int newline;            /* output: a '\n' was buffered since the last flush */
	char buf[BUFSIZ];
};

static FILE file_stdin = { .fd = 0 };
static FILE file_stdout = { .fd = 1 };
static FILE file_stderr = { .fd = 2 };

FILE *stdin = &file_stdin;
FILE *stdout = &file_stdout;
FILE *stderr = &file_stderr;

/* write_all(f, s, n): write n bytes to f's fd, retrying short writes; 0, or EOF and f's error flag. */
static int write_all(FILE *f, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(f->fd, s, n);
		if (w <= 0) {
			f->state |= S_ERR;
			return EOF;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* flush_one(f): write out f's output buffer; 0, or EOF. */
static int flush_one(FILE *f)
{
	if (f == stdin)
		return 0;
	size_t n = f->len;
	f->len = 0;
	f->newline = 0;
	return n ? write_all(f, f->buf, n) : 0;
}

/* put(f, s, n): buffer n bytes for f (writing through when they do not fit); 0, or EOF. */
static int put(FILE *f, const char *s, size_t n)
{
	if (f == stdin) {
		f->state |= S_ERR;
		errno = EBADF;
		return EOF;
	}
	if (f == stderr && stdout->len)
		flush_one(stdout);
	if (memchr(s, '\n', n))
		f->newline = 1;
	if (f->len + n > sizeof f->buf) {
		if (flush_one(f))
			return EOF;
		if (n > sizeof f->buf)
			return write_all(f, s, n);
	}
	memcpy(f->buf + f->len, s, n);
	f->len += n;
	return 0;
}

/* end_call(f): the buffering rule at the end of each output call; 0, or EOF. */
static int end_call(FILE *f)
{
	if (f == stderr || f->newline)
		return flush_one(f);
	return 0;
}

/* file_out(ctx, s, n): __format sink that appends to a FILE. */
static void file_out(void *ctx, const char *s, size_t n)
{
	put(ctx, s, n);
}

/* fflush(f): write out f's buffer (all streams when f is NULL); 0, or EOF. */
int fflush(FILE *f)
{
	if (f)
		return flush_one(f);
	int a = flush_one(stdout);
	int b = flush_one(stderr);
	return a ? a : b;
}

/* __stdio_flush_all(): write out every stdio buffer (exit, abort, stderr output). */
void __stdio_flush_all(void)
{
	fflush(NULL);
}

/* vfprintf(f, fmt, ap): fprintf with a va_list. */
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	int before = f->state & S_ERR;
	int r = __format(file_out, f, fmt, ap);
	if (end_call(f) || (!before && (f->state & S_ERR)))
		return -1;
	return r;
}

/* fprintf(f, fmt, ...): formatted output to f (stdout or stderr). */
int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

/* vprintf(fmt, ap): printf with a va_list. */
int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

/* printf(fmt, ...): formatted output to stdout; the number of bytes, or a negative value. */
int printf(const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}

/* Where vdprintf's text goes: a small buffer written to fd when full. */
struct fd_sink {
	int fd;
	int failed;
	size_t len;
	char buf[128];
};

/* fd_drain(k): write out the fd_sink's buffer. */
static void fd_drain(struct fd_sink *k)
{
	size_t off = 0;
	while (off < k->len && !k->failed) {
		ssize_t w = write(k->fd, k->buf + off, k->len - off);
		if (w <= 0)
			k->failed = 1;
		else
			off += (size_t)w;
	}
	k->len = 0;
}

/* fd_out(ctx, s, n): __format sink for vdprintf. */
static void fd_out(void *ctx, const char *s, size_t n)
{
	struct fd_sink *k = ctx;
	while (n) {
		if (k->len == sizeof k->buf)
			fd_drain(k);
		size_t c = sizeof k->buf - k->len;
		if (c > n)
			c = n;
		memcpy(k->buf + k->len, s, c);
		k->len += c;
		s += c;
		n -= c;
	}
}

/* vdprintf(fd, fmt, ap): dprintf with a va_list. */
int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	struct fd_sink k = { .fd = fd };
	fflush(NULL);            /* keep the console in program order */
	int r = __format(fd_out, &k, fmt, ap);
	fd_drain(&k);
	return k.failed ? -1 : r;
}

/* dprintf(fd, fmt, ...): formatted output straight to fd, unbuffered. */
int dprintf(int fd, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vdprintf(fd, fmt, ap);
	va_end(ap);
	return r;
}

/* fputs(s, f): s to f; >= 0, or EOF. */
int fputs(const char *restrict s, FILE *restrict f)
{
	if (put(f, s, strlen(s)))
		return EOF;
	return end_call(f) ? EOF : 0;
}

/* puts(s): s and a newline to stdout; >= 0, or EOF. */
int puts(const char *s)
{
	if (put(stdout, s, strlen(s)) || put(stdout, "\n", 1))
		return EOF;
	return end_call(stdout) ? EOF : 0;
}

/* fputc(c, f): one byte to f; c, or EOF. */
int fputc(int c, FILE *f)
{
	char ch = (char)c;
	if (put(f, &ch, 1) || end_call(f))
		return EOF;
	return (unsigned char)ch;
}

/* putc(c, f): the same as fputc. */
int putc(int c, FILE *f)
{
	return fputc(c, f);
}

/* putchar(c): one byte to stdout; c, or EOF. */
int putchar(int c)
{
	return fputc(c, stdout);
}

/* fwrite(p, size, n, f): n items of size bytes to f; the number of items written. */
size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	if (size == 0 || n == 0)
		return 0;
	if (n > SIZE_MAX / size)
		return 0;
	if (put(f, p, size * n) || end_call(f))
		return 0;
	return n;
}

/* fgetc(f): next byte of f (stdin), or EOF. */
int fgetc(FILE *f)
{
	if (f != stdin) {
		errno = EBADF;
		f->state |= S_ERR;
		return EOF;
	}
	if (f->pos == f->len) {
		fflush(NULL);    /* a prompt must be visible before we wait */
		ssize_t r = read(f->fd, f->buf, sizeof f->buf);
		if (r <= 0) {
			f->state |= r == 0 ? S_EOF : S_ERR;
			return EOF;
		}
		f->pos = 0;
		f->len = (size_t)r;
	}
	return (unsigned char)f->buf[f->pos++];
}

/* getc(f): the same as fgetc. */
int getc(FILE *f)
{
	return fgetc(f);
}

/* getchar(): next byte of stdin, or EOF. */
int getchar(void)
{
	return fgetc(stdin);
}

/* fgets(s, n, f): read a line (up to n-1 bytes, keeping '\n'); s, or NULL at EOF. */
char *fgets(char *restrict s, int n, FILE *restrict f)
{
	int i = 0;
	if (n <= 0)
		return NULL;
	while (i < n - 1) {
		int c = fgetc(f);
		if (c == EOF)
			break;
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0 && n > 1)
		return NULL;
	s[i] = '\0';
	return s;
}

/* fread(p, size, n, f): read n items of size bytes; the number of whole items read. */
size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	unsigned char *d = p;
	if (size == 0 || n == 0 || n > SIZE_MAX / size)
		return 0;
	size_t total = size * n, got = 0;
	while (got < total) {
		int c = fgetc(f);
		if (c == EOF)
			break;
		d[got++] = (unsigned char)c;
	}
	return got / size;
}

/* fileno(f): f's file descriptor. */
int fileno(FILE *f)
{
	return f->fd;
}

/* ferror(f): nonzero after a write or read error on f. */
int ferror(FILE *f)
{
	return f->state & S_ERR;
}

/* feof(f): nonzero after f reached end of file. */
int feof(FILE *f)
{
	return f->state & S_EOF;
}

/* clearerr(f): reset f's error and EOF indicators. */
void clearerr(FILE *f)
{
	f->state = 0;
}

/* perror(s): "s: <strerror(errno)>\n" to stderr ("<strerror>" alone if s is NULL or empty). */
void perror(const char *s)
{
	const char *msg = strerror(errno);
	if (s && *s) {
		put(stderr, s, strlen(s));
		put(stderr, ": ", 2);
	}
	put(stderr, msg, strlen(msg));
	put(stderr, "\n", 1);
	end_call(stderr);
}
