/*
 * stdio.c - FILE streams over any file descriptor.
 *
 * Buffering: _IOFBF streams write when the buffer is full, _IOLBF ones
 * at the end of each output call that contained a '\n', _IONBF ones at
 * the end of each output call (one write per call).  stdout is
 * line-buffered and stderr unbuffered, always (mmsim's console is not a
 * terminal test): stdout is also flushed before any stderr output (so the
 * console shows things in program order) and before stdin or any other
 * line-buffered or unbuffered stream is read.  Files from fopen/fdopen
 * are fully buffered (4 KiB); setvbuf changes any of this before the
 * first I/O.  Every open stream is flushed at exit.
 *
 * A stream reads ahead into its buffer; switching from reading to
 * writing seeks back over what was read ahead, from writing to reading
 * flushes.  ungetc keeps up to UNGET_MAX bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include "libc.h"

enum { S_ERR = 1, S_EOF = 2 };
enum { F_READ = 1, F_WRITE = 2, F_APPEND = 4, F_FREEBUF = 8, F_STATIC = 16, F_CLOSED = 32 };
#define UNGET_MAX 8
#define FILE_BUFSIZ 4096

struct _mmsim_file {
	int fd;
	int flags;              /* F_* */
	int state;              /* S_ERR | S_EOF */
	int mode;               /* _IOFBF, _IOLBF, _IONBF */
	unsigned char *buf;     /* NULL until the first I/O */
	size_t size;
	size_t rpos, rend;      /* reading: buf[rpos..rend) not handed out yet */
	size_t wlen;            /* writing: bytes buffered */
	int newline;            /* a '\n' was buffered since the last flush */
	int nunget;
	unsigned char unget[UNGET_MAX];
	struct _mmsim_file *next;   /* all open streams */
	unsigned char ibuf[BUFSIZ]; /* the buffer of std streams and of unbuffered ones */
};

static FILE file_stdin = { .fd = 0, .flags = F_READ | F_STATIC, .mode = _IOLBF };
static FILE file_stdout = { .fd = 1, .flags = F_WRITE | F_STATIC, .mode = _IOLBF };
static FILE file_stderr = { .fd = 2, .flags = F_WRITE | F_STATIC, .mode = _IONBF };

FILE *stdin = &file_stdin;
FILE *stdout = &file_stdout;
FILE *stderr = &file_stderr;

static FILE *open_files;        /* fopen'd streams, newest first */

/* has_buf(f): give f its buffer at the first I/O; 0. */
static void has_buf(FILE *f)
{
	if (f->buf)
		return;
	if (f->mode != _IONBF && !(f->flags & F_STATIC)) {
		f->buf = malloc(FILE_BUFSIZ);
		if (f->buf) {
			f->size = FILE_BUFSIZ;
			f->flags |= F_FREEBUF;
			return;
		}
	}
	f->buf = f->ibuf;
	f->size = sizeof f->ibuf;
}

/* write_all(f, s, n): write n bytes to f's fd, retrying short writes; 0, or EOF and f's error flag. */
static int write_all(FILE *f, const void *s, size_t n)
{
	const char *p = s;
	while (n) {
		ssize_t w = write(f->fd, p, n);
		if (w <= 0) {
			f->state |= S_ERR;
			return EOF;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* drop_readahead(f): forget read-ahead and pushed-back bytes, seeking the fd back over them. */
static void drop_readahead(FILE *f)
{
	size_t ahead = f->rend - f->rpos + (size_t)f->nunget;
	int saved = errno;
	if (ahead)
		lseek(f->fd, -(off_t)ahead, SEEK_CUR);   /* fails on pipes: nothing to undo there */
	errno = saved;
	f->rpos = f->rend = 0;
	f->nunget = 0;
}

/* flush_one(f): write out f's output buffer; 0, or EOF. */
static int flush_one(FILE *f)
{
	size_t n = f->wlen;
	f->wlen = 0;
	f->newline = 0;
	return n ? write_all(f, f->buf, n) : 0;
}

/* flush_linebuffered(): flush every line-buffered or unbuffered output stream (before a read that may block). */
static void flush_linebuffered(void)
{
	if (stdout->wlen)
		flush_one(stdout);
	for (FILE *f = open_files; f; f = f->next)
		if (f->wlen && f->mode != _IOFBF)
			flush_one(f);
}

/* put(f, s, n): buffer n bytes for f (writing through when they do not fit); 0, or EOF. */
static int put(FILE *f, const char *s, size_t n)
{
	if (!(f->flags & F_WRITE) || (f->flags & F_CLOSED)) {
		f->state |= S_ERR;
		errno = EBADF;
		return EOF;
	}
	has_buf(f);
	if (f->rend || f->nunget)
		drop_readahead(f);
	if (f == stderr && stdout->wlen)
		flush_one(stdout);
	if (f->mode != _IOFBF && memchr(s, '\n', n))
		f->newline = 1;
	if (f->wlen + n > f->size) {
		if (flush_one(f))
			return EOF;
		if (n > f->size)
			return write_all(f, s, n);
	}
	memcpy(f->buf + f->wlen, s, n);
	f->wlen += n;
	return 0;
}

/* flush_lines(f): write f's buffer through its last '\n', keep the rest; 0, or EOF. */
static int flush_lines(FILE *f)
{
	size_t n = f->wlen;
	while (n && f->buf[n - 1] != '\n')
		n--;
	f->newline = 0;
	if (!n)
		return 0;
	int r = write_all(f, f->buf, n);
	memmove(f->buf, f->buf + n, f->wlen - n);
	f->wlen -= n;
	return r;
}

/* end_call(f): the buffering rule at the end of each output call: _IONBF
 * all, _IOLBF through the last newline (stdout: all of the call's text,
 * mmsim's documented console rule); 0, or EOF. */
static int end_call(FILE *f)
{
	if (f->mode == _IONBF || (f->mode == _IOLBF && f->newline && f == stdout))
		return flush_one(f);
	if (f->mode == _IOLBF && f->newline)
		return flush_lines(f);
	return 0;
}

/* file_out(ctx, s, n): __format sink that appends to a FILE. */
static void file_out(void *ctx, const char *s, size_t n)
{
	put(ctx, s, n);
}

/* fflush(f): write out f's buffer (every stream when f is NULL); 0, or EOF. */
int fflush(FILE *f)
{
	if (f) {
		if (f->wlen)
			return flush_one(f);
		if (f->rend || f->nunget)       /* POSIX: an input stream's position becomes the fd's */
			drop_readahead(f);
		return 0;
	}
	int r = 0;
	if (flush_one(stdout))
		r = EOF;
	if (flush_one(stderr))
		r = EOF;
	for (FILE *g = open_files; g; g = g->next)
		if (g->wlen && flush_one(g))
			r = EOF;
	return r;
}

/* __stdio_flush_all(): write out every stdio buffer (exit, abort). */
void __stdio_flush_all(void)
{
	fflush(NULL);
}

/* parse_mode(mode, &flags): open(2) flags for an fopen mode ("r", "w+", "ab", "wx", "re" ...), or -1 (EINVAL). */
static int parse_mode(const char *mode, int *flags)
{
	int o;
	switch (mode[0]) {
	case 'r': o = O_RDONLY; *flags = F_READ; break;
	case 'w': o = O_WRONLY | O_CREAT | O_TRUNC; *flags = F_WRITE; break;
	case 'a': o = O_WRONLY | O_CREAT | O_APPEND; *flags = F_WRITE | F_APPEND; break;
	default:
		errno = EINVAL;
		return -1;
	}
	for (const char *p = mode + 1; *p; p++) {
		if (*p == '+') {
			o = (o & ~O_ACCMODE) | O_RDWR;
			*flags |= F_READ | F_WRITE;
		} else if (*p == 'x') {
			o |= O_EXCL;
		} else if (*p == 'e') {
			o |= O_CLOEXEC;
		}
	}
	return o;
}

/* new_file(fd, flags): a fully buffered stream on fd, on the open list; or NULL (ENOMEM). */
static FILE *new_file(int fd, int flags)
{
	FILE *f = calloc(1, sizeof *f);
	if (!f) {
		errno = ENOMEM;
		return NULL;
	}
	f->fd = fd;
	f->flags = flags;
	f->mode = fd <= 2 ? _IOLBF : _IOFBF;
	f->next = open_files;
	open_files = f;
	return f;
}

/* fopen(path, mode): open path as a stream; the stream, or NULL and errno. */
FILE *fopen(const char *restrict path, const char *restrict mode)
{
	int flags;
	int o = parse_mode(mode, &flags);
	if (o < 0)
		return NULL;
	int fd = open(path, o, 0666);
	if (fd < 0)
		return NULL;
	FILE *f = new_file(fd, flags);
	if (!f)
		close(fd);
	return f;
}

/* fdopen(fd, mode): a stream on an open fd; the stream, or NULL and errno. */
FILE *fdopen(int fd, const char *mode)
{
	int flags;
	if (fd < 0) {
		errno = EBADF;
		return NULL;
	}
	if (parse_mode(mode, &flags) < 0)
		return NULL;
	return new_file(fd, flags);
}

/* unlist(f): take f off the open list. */
static void unlist(FILE *f)
{
	for (FILE **pp = &open_files; *pp; pp = &(*pp)->next)
		if (*pp == f) {
			*pp = f->next;
			return;
		}
}

/* release_buf(f): free f's buffer if malloc'd; the next I/O makes a new one. */
static void release_buf(FILE *f)
{
	if (f->flags & F_FREEBUF)
		free(f->buf);
	f->flags &= ~F_FREEBUF;
	f->buf = NULL;
	f->size = 0;
}

/* fclose(f): flush, close the fd, free the stream; 0, or EOF. */
int fclose(FILE *f)
{
	int r = f->wlen ? flush_one(f) : 0;
	if (close(f->fd) != 0)
		r = EOF;
	release_buf(f);
	if (f->flags & F_STATIC) {
		f->flags |= F_CLOSED;
		f->rpos = f->rend = 0;
		f->nunget = 0;
		return r;
	}
	unlist(f);
	free(f);
	return r;
}

/* freopen(path, mode, f): reopen f on path (NULL: keep the file, new mode); f, or NULL and errno. */
FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f)
{
	int flags;
	int o = parse_mode(mode, &flags);
	if (f->wlen)
		flush_one(f);
	f->rpos = f->rend = 0;
	f->nunget = 0;
	if (o < 0)
		return NULL;
	if (path) {
		close(f->fd);
		int fd = open(path, o, 0666);
		if (fd < 0) {
			f->flags |= F_CLOSED;
			return NULL;
		}
		f->fd = fd;
	}
	f->flags = (f->flags & (F_STATIC | F_FREEBUF)) | flags;
	f->state = 0;
	return f;
}

/* setvbuf(f, buf, mode, size): the buffering of f, before its first I/O; 0, or EOF (EINVAL). */
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) {
		errno = EINVAL;
		return EOF;
	}
	if (f->wlen)
		flush_one(f);
	release_buf(f);
	f->mode = mode;
	if (mode != _IONBF && buf && size) {
		f->buf = (unsigned char *)buf;
		f->size = size;
	} else if (mode != _IONBF && size > BUFSIZ) {
		f->buf = malloc(size);
		if (f->buf) {
			f->size = size;
			f->flags |= F_FREEBUF;
		}
	}
	return 0;
}

/* setbuf(f, buf): setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ). */
void setbuf(FILE *restrict f, char *restrict buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

/* setlinebuf(f): setvbuf(f, NULL, _IOLBF, 0). */
void setlinebuf(FILE *f)
{
	setvbuf(f, NULL, _IOLBF, 0);
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

/* fprintf(f, fmt, ...): formatted output to f. */
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

/* fill(f): read more of f into its buffer; the bytes read, 0 at EOF (flag set), -1 on error. */
static ssize_t fill(FILE *f)
{
	if (!(f->flags & F_READ) || (f->flags & F_CLOSED)) {
		errno = EBADF;
		f->state |= S_ERR;
		return -1;
	}
	has_buf(f);
	if (f->wlen && flush_one(f))
		return -1;
	if (f == stdin || f->mode != _IOFBF)
		flush_linebuffered();   /* a prompt must be visible before we wait */
	size_t want = f->mode == _IONBF && f != stdin ? 1 : f->size;
	ssize_t r = read(f->fd, f->buf, want);
	if (r <= 0) {
		f->state |= r == 0 ? S_EOF : S_ERR;
		return r < 0 ? -1 : 0;
	}
	f->rpos = 0;
	f->rend = (size_t)r;
	return r;
}

/* fgetc(f): next byte of f, or EOF (end of file or error: feof/ferror tell). */
int fgetc(FILE *f)
{
	if (f->nunget)
		return f->unget[--f->nunget];
	if (f->rpos == f->rend && fill(f) <= 0)
		return EOF;
	return f->buf[f->rpos++];
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

/* ungetc(c, f): push c back onto f (up to UNGET_MAX bytes); c, or EOF. */
int ungetc(int c, FILE *f)
{
	if (c == EOF || f->nunget == UNGET_MAX)
		return EOF;
	if (f->rpos > 0 && f->nunget == 0 && f->buf[f->rpos - 1] == (unsigned char)c)
		f->rpos--;                       /* the byte just read: step back over it */
	else
		f->unget[f->nunget++] = (unsigned char)c;
	f->state &= ~S_EOF;
	return (unsigned char)c;
}

/* fgets(s, n, f): read a line (up to n-1 bytes, keeping '\n'); s, or NULL at EOF or error. */
char *fgets(char *restrict s, int n, FILE *restrict f)
{
	int i = 0;
	if (n <= 0)
		return NULL;
	while (i < n - 1) {
		int c = fgetc(f);
		if (c == EOF) {
			if (f->state & S_ERR)
				return NULL;
			break;
		}
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0 && n > 1)
		return NULL;
	s[i] = '\0';
	return s;
}

/* getdelim(&line, &cap, delim, f): read up to and including delim into a
 * malloc'd *line; the length, or -1 at EOF / on error (ENOMEM, EINVAL). */
ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f)
{
	size_t len = 0;
	if (!line || !cap) {
		errno = EINVAL;
		return -1;
	}
	for (;;) {
		int c = fgetc(f);
		if (c == EOF && len == 0)
			return -1;
		if (len + 2 > *cap || !*line) {
			size_t ncap = *cap < 64 ? 128 : *cap * 2;
			char *p = realloc(*line, ncap);
			if (!p) {
				errno = ENOMEM;
				return -1;
			}
			*line = p;
			*cap = ncap;
		}
		if (c == EOF)
			break;
		(*line)[len++] = (char)c;
		if (c == delim)
			break;
	}
	(*line)[len] = '\0';
	return (ssize_t)len;
}

/* getline(&line, &cap, f): getdelim with '\n'. */
ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f)
{
	return getdelim(line, cap, '\n', f);
}

/* fread(p, size, n, f): read n items of size bytes; the number of whole items read. */
size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	unsigned char *d = p;
	if (size == 0 || n == 0 || n > SIZE_MAX / size)
		return 0;
	size_t total = size * n, got = 0;
	while (got < total && f->nunget)
		d[got++] = f->unget[--f->nunget];
	while (got < total) {
		if (f->rpos == f->rend && fill(f) <= 0)
			break;
		size_t c = f->rend - f->rpos;
		if (c > total - got)
			c = total - got;
		memcpy(d + got, f->buf + f->rpos, c);
		f->rpos += c;
		got += c;
	}
	return got / size;
}

/* fseeko(f, off, whence): flush, drop read-ahead, move the fd; 0, or -1 and errno. */
int fseeko(FILE *f, off_t off, int whence)
{
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) {
		errno = EINVAL;
		return -1;
	}
	if (f->wlen && flush_one(f))
		return -1;
	if (whence == SEEK_CUR)
		off -= (off_t)(f->rend - f->rpos + (size_t)f->nunget);
	f->rpos = f->rend = 0;
	f->nunget = 0;
	if (lseek(f->fd, off, whence) < 0)
		return -1;
	f->state &= ~S_EOF;
	return 0;
}

/* fseek(f, off, whence): fseeko with a long offset. */
int fseek(FILE *f, long off, int whence)
{
	return fseeko(f, off, whence);
}

/* ftello(f): the stream's position, or -1 and errno. */
off_t ftello(FILE *f)
{
	off_t pos = lseek(f->fd, 0, SEEK_CUR);
	if (pos < 0)
		return -1;
	if (f->wlen && (f->flags & F_APPEND)) {
		pos = lseek(f->fd, 0, SEEK_END);
		if (pos < 0)
			return -1;
	}
	return pos + (off_t)f->wlen - (off_t)(f->rend - f->rpos + (size_t)f->nunget);
}

/* ftell(f): ftello as a long; -1 and EOVERFLOW if it does not fit. */
long ftell(FILE *f)
{
	off_t pos = ftello(f);
	if (pos > 0x7fffffff) {
		errno = EOVERFLOW;
		return -1;
	}
	return (long)pos;
}

/* rewind(f): fseek(f, 0, SEEK_SET) and clear the error flag. */
void rewind(FILE *f)
{
	fseeko(f, 0, SEEK_SET);
	f->state = 0;
}

/* fgetpos(f, pos): the position into *pos; 0 or -1. */
int fgetpos(FILE *restrict f, fpos_t *restrict pos)
{
	off_t p = ftello(f);
	if (p < 0)
		return -1;
	*pos = p;
	return 0;
}

/* fsetpos(f, pos): fseeko to *pos; 0 or -1. */
int fsetpos(FILE *f, const fpos_t *pos)
{
	return fseeko(f, *pos, SEEK_SET);
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
	int e = errno;
	const char *msg = strerror(e);
	if (s && *s) {
		put(stderr, s, strlen(s));
		put(stderr, ": ", 2);
	}
	put(stderr, msg, strlen(msg));
	put(stderr, "\n", 1);
	end_call(stderr);
	errno = e;
}

/* remove(path): unlink(path), or rmdir(path) for a directory (when the runtime has rmdir). */
extern int rmdir(const char *) __attribute__((__weak__));
int remove(const char *path)
{
	int r = unlink(path);
	if (r != 0 && (errno == EISDIR || errno == EPERM) && rmdir)
		r = rmdir(path);
	return r;
}

static unsigned tmp_seq;

/* tmp_name(buf): "/tmp/tmp.<pid>.<n>" in buf (L_tmpnam bytes). */
static void tmp_name(char *buf)
{
	snprintf(buf, L_tmpnam, "/tmp/tmp.%d.%u", (int)getpid(), tmp_seq++);
}

/* tmpfile(): a new file in /tmp opened "w+" and already unlinked; the stream, or NULL and errno. */
FILE *tmpfile(void)
{
	char name[L_tmpnam];
	for (int tries = 0; tries < 100; tries++) {
		tmp_name(name);
		int fd = open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd < 0) {
			if (errno == EEXIST)
				continue;
			return NULL;
		}
		unlink(name);
		FILE *f = new_file(fd, F_READ | F_WRITE);
		if (!f)
			close(fd);
		return f;
	}
	errno = EEXIST;
	return NULL;
}

/* tmpnam(buf): a name in /tmp no file had when asked (buf NULL: static storage). */
char *tmpnam(char *buf)
{
	static char own[L_tmpnam];
	if (!buf)
		buf = own;
	tmp_name(buf);
	return buf;
}

/* flockfile / funlockfile / ftrylockfile: streams are not locked (one thread does stdio at a time). */
void flockfile(FILE *f) { (void)f; }
void funlockfile(FILE *f) { (void)f; }
int ftrylockfile(FILE *f) { (void)f; return 0; }
/* The _unlocked variants: the same as the locked ones. */
int getc_unlocked(FILE *f) { return fgetc(f); }
int getchar_unlocked(void) { return fgetc(stdin); }
int putc_unlocked(int c, FILE *f) { return fputc(c, f); }
int putchar_unlocked(int c) { return fputc(c, stdout); }
