/*
 * getopt.c - POSIX getopt: options end at the first non-option or "--";
 * no argument permutation (POSIXLY_CORRECT glibc behaviour).  Messages
 * are glibc's: "prog: invalid option -- 'x'" and "prog: option requires
 * an argument -- 'x'".
 */
#include <unistd.h>
#include <stdio.h>
#include <string.h>

char *optarg;
int optind = 1, opterr = 1, optopt;
static int nextchar;             /* position inside argv[optind] */

/* getopt(argc, argv, opts): the next option letter, '?' or ':' on error, -1 at the end. */
int getopt(int argc, char *const argv[], const char *opts)
{
	int colon = opts[0] == ':';
	if (optind == 0) {               /* glibc: optind = 0 restarts */
		optind = 1;
		nextchar = 0;
	}
	optarg = NULL;
	if (nextchar == 0) {
		if (optind >= argc || !argv[optind] || argv[optind][0] != '-' || argv[optind][1] == '\0')
			return -1;
		if (strcmp(argv[optind], "--") == 0) {
			optind++;
			return -1;
		}
		nextchar = 1;
	}
	const char *arg = argv[optind];
	int c = (unsigned char)arg[nextchar++];
	const char *spec = c != ':' ? strchr(opts + colon, c) : NULL;
	int last = arg[nextchar] == '\0';
	if (!spec) {
		optopt = c;
		if (opterr && !colon)
			fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
		if (last)
			optind++, nextchar = 0;
		return '?';
	}
	if (spec[1] != ':') {
		if (last)
			optind++, nextchar = 0;
		return c;
	}
	if (!last) {
		optarg = (char *)arg + nextchar;
	} else if (spec[2] == ':') {     /* "x::": optional, only in the same word */
		optarg = NULL;
	} else if (optind + 1 < argc) {
		optarg = argv[++optind];
	} else {
		optopt = c;
		optind++;
		nextchar = 0;
		if (opterr && !colon)
			fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
		return colon ? ':' : '?';
	}
	optind++;
	nextchar = 0;
	return c;
}
