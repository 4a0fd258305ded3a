/*
 * test_libc_stdio.c - FILE streams on files (under /tmp: mmsim runs it
 * with --root, natively the host's /tmp): fopen modes, fprintf/fscanf,
 * fgets/fputs, fread/fwrite, ungetc, fseek/ftell/rewind/fgetpos/fsetpos,
 * feof/ferror/clearerr, setvbuf modes (what reaches the file and when),
 * fdopen, freopen, append, "x", tmpfile, remove, getline, perror.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "check.h"

#define PATH  "/tmp/mmsim_libc_stdio_a.txt"
#define PATH2 "/tmp/mmsim_libc_stdio_b.txt"

/* file_size(path): the size from stat, or -1. */
static long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* test_write_read(): fprintf to a new file, read it back every way. */
static void test_write_read(void)
{
	FILE *f = fopen(PATH, "w");
	REQUIRE(f != NULL, "fopen(w)");
	CHECK_EQ(fprintf(f, "line %d\n", 1), 7, "fprintf returns the length");
	CHECK(fputs("second line\n", f) >= 0, "fputs");
	CHECK_EQ(fputc('x', f), 'x', "fputc");
	CHECK_EQ(fwrite("yz\n", 1, 3, f), 3, "fwrite");
	CHECK_EQ(fprintf(f, "%d %s %.2f\n", 42, "word", 2.5), 13, "fprintf of numbers");
	CHECK_EQ(file_size(PATH), 0, "fully buffered: nothing in the file before fflush");
	CHECK_EQ(fflush(f), 0, "fflush");
	CHECK_EQ(file_size(PATH), 36, "36 bytes after fflush");
	CHECK_EQ(fclose(f), 0, "fclose");

	f = fopen(PATH, "r");
	REQUIRE(f != NULL, "fopen(r)");
	char buf[64];
	CHECK(fgets(buf, sizeof buf, f) && strcmp(buf, "line 1\n") == 0, "fgets first line");
	CHECK(fgets(buf, 7, f) && strcmp(buf, "second") == 0, "fgets stops at n-1 bytes");
	CHECK_EQ(ftell(f), 13, "ftell after 13 bytes");
	CHECK_EQ(fgetc(f), ' ', "fgetc");
	CHECK_EQ(ungetc('Q', f), 'Q', "ungetc");
	CHECK_EQ(ftell(f), 13, "ftell counts the pushed-back byte");
	CHECK_EQ(getc(f), 'Q', "getc gets the pushed-back byte");
	CHECK(fgets(buf, sizeof buf, f) && strcmp(buf, "line\n") == 0, "rest of the line");
	char two[4] = "";
	CHECK_EQ(fread(two, 1, 3, f), 3, "fread 3 bytes");
	CHECK(memcmp(two, "xyz", 3) == 0, "... xyz");
	int n = 0;
	char word[16];
	double d = 0;
	CHECK_EQ(fscanf(f, "%d %15s %lf", &n, word, &d), 3, "fscanf");
	CHECK(n == 42 && strcmp(word, "word") == 0 && d == 2.5, "... 42 word 2.5");
	CHECK_EQ(fgetc(f), '\n', "the last newline");
	CHECK_EQ(fgetc(f), EOF, "then EOF");
	CHECK(feof(f) && !ferror(f), "feof set, ferror not");
	clearerr(f);
	CHECK(!feof(f), "clearerr");
	CHECK_EQ(fscanf(f, "%d", &n), EOF, "fscanf at EOF -> EOF");
	rewind(f);
	CHECK_EQ(fgetc(f), 'l', "rewind");
	CHECK_EQ(fseek(f, -4, SEEK_END), 0, "fseek from the end");
	CHECK(fgets(buf, sizeof buf, f) && strcmp(buf, ".50\n") == 0, "... reads the tail: %s", buf);
	fpos_t pos;
	CHECK_EQ(fseek(f, 5, SEEK_SET), 0, "fseek SEEK_SET");
	CHECK_EQ(fgetpos(f, &pos), 0, "fgetpos");
	CHECK_EQ(fgetc(f), '1', "byte 5");
	CHECK_EQ(fsetpos(f, &pos), 0, "fsetpos");
	CHECK_EQ(fgetc(f), '1', "byte 5 again");
	CHECK_EQ(fseek(f, 1, SEEK_CUR), 0, "fseek SEEK_CUR");
	CHECK_EQ(fgetc(f), 's', "byte 7");
	CHECK_EQ(fputc('z', f), EOF, "fputc on a read-only stream -> EOF");
	CHECK(ferror(f), "... and the error flag");
	CHECK_EQ(fclose(f), 0, "fclose");
}

/* test_modes(): append, read/write, exclusive create, buffering modes. */
static void test_modes(void)
{
	FILE *f = fopen(PATH, "a");
	REQUIRE(f != NULL, "fopen(a)");
	fputs("appended\n", f);
	fclose(f);
	CHECK_EQ(file_size(PATH), 45, "append adds at the end");
	f = fopen(PATH, "r+");
	REQUIRE(f != NULL, "fopen(r+)");
	CHECK_EQ(fgetc(f), 'l', "r+ reads");
	CHECK_EQ(fseek(f, 0, SEEK_CUR), 0, "fseek between reading and writing");
	CHECK_EQ(fputc('I', f), 'I', "r+ writes");
	fseek(f, 0, SEEK_SET);
	char buf[16];
	CHECK(fgets(buf, sizeof buf, f) && strcmp(buf, "lIne 1\n") == 0, "the overwrite is there: %s", buf);
	fclose(f);
	CHECK(fopen(PATH, "wx") == NULL && errno == EEXIST, "fopen(wx) of an existing file: EEXIST");
	CHECK(fopen("/tmp/mmsim_no_such_dir/x", "r") == NULL && errno == ENOENT, "fopen of a missing file: ENOENT");
	CHECK(fopen(PATH, "q") == NULL && errno == EINVAL, "fopen with a bad mode: EINVAL");

	/* line buffering: a line goes out at its newline */
	f = fopen(PATH2, "w+");
	REQUIRE(f != NULL, "fopen(w+)");
	CHECK_EQ(setvbuf(f, NULL, _IOLBF, 0), 0, "setvbuf _IOLBF");
	fputs("part", f);
	CHECK_EQ(file_size(PATH2), 0, "_IOLBF: no newline, nothing written");
	fputs(" done\nmore", f);
	CHECK_EQ(file_size(PATH2), 10, "_IOLBF: written through the newline");
	fclose(f);
	f = fopen(PATH2, "w");
	REQUIRE(f != NULL, "fopen(w) again");
	CHECK_EQ(setvbuf(f, NULL, _IONBF, 0), 0, "setvbuf _IONBF");
	fputs("abc", f);
	CHECK_EQ(file_size(PATH2), 3, "_IONBF: written at once");
	fclose(f);
	static char mybuf[64];
	f = fopen(PATH2, "w");
	REQUIRE(f != NULL, "fopen(w) a third time");
	CHECK_EQ(setvbuf(f, mybuf, _IOFBF, sizeof mybuf), 0, "setvbuf with the caller's buffer");
	fputs("0123456789", f);
#ifndef NATIVE_HOST     /* when glibc writes a caller's buffer is its own business */
	CHECK_EQ(file_size(PATH2), 0, "_IOFBF: held in the buffer");
	CHECK(memcmp(mybuf, "0123456789", 10) == 0, "... in the caller's buffer");
#endif
	for (int i = 0; i < 7; i++)
		fputs("0123456789", f);
	CHECK(file_size(PATH2) >= 60, "full buffer written: %ld", file_size(PATH2));
	fclose(f);
	CHECK_EQ(file_size(PATH2), 80, "all 80 bytes after fclose");
	CHECK_EQ(setvbuf(stdout, NULL, _IOLBF, 0), 0, "setvbuf(stdout, NULL, _IOLBF, 0)");
}

/* test_fd_streams(): fdopen, fileno, freopen, getline, tmpfile, remove. */
static void test_fd_streams(void)
{
	int fd = open(PATH2, O_RDONLY);
	REQUIRE(fd >= 0, "open");
	FILE *f = fdopen(fd, "r");
	REQUIRE(f != NULL, "fdopen");
	CHECK_EQ(fileno(f), fd, "fileno");
	char *line = NULL;
	size_t cap = 0;
	CHECK_EQ(getline(&line, &cap, f), 80, "getline of an 80-byte line without newline");
	CHECK(line && cap > 80 && line[80] == 0, "... NUL-terminated in a big enough buffer");
	CHECK_EQ(getline(&line, &cap, f), -1, "getline at EOF -> -1");
	free(line);
	fclose(f);
	f = fopen(PATH, "r");
	REQUIRE(f != NULL, "fopen for freopen");
	f = freopen(PATH2, "r", f);
	REQUIRE(f != NULL, "freopen");
	CHECK_EQ(fgetc(f), '0', "freopen reads the new file");
	fclose(f);
	f = tmpfile();
	REQUIRE(f != NULL, "tmpfile");
	fprintf(f, "temporary %d", 7);
	rewind(f);
	int v = 0;
	CHECK_EQ(fscanf(f, "temporary %d", &v), 1, "tmpfile: write, rewind, read");
	CHECK_EQ(v, 7, "... 7");
	fclose(f);
	CHECK_EQ(remove(PATH), 0, "remove");
	CHECK_EQ(remove(PATH2), 0, "remove the second");
	CHECK(remove(PATH) == -1 && errno == ENOENT, "remove again: ENOENT");
	errno = ENOENT;
	perror("perror test");                   /* "perror test: No such file or directory" on stderr */
	CHECK_EQ(fflush(NULL), 0, "fflush(NULL)");
}

int main(void)
{
	test_write_read();
	test_modes();
	test_fd_streams();
	return done();
}
