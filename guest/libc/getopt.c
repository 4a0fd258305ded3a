/*
 * getopt.c - POSIX getopt: options end at the first non-option or "--";
 * no argument permutation (POSIXLY_CORRECT glibc behaviour).  Messages
 * are glibc's: "prog: invalid option -- 'x'" and "prog: option requires
 * an argument -- 'x'".
 */
#include <getopt.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>

char *optarg;
int optind = 1, opterr = 1, optopt;
static int nextchar;             /* position inside argv[optind] */

/* Every call starts here: optind = 0 restarts (glibc), optarg is cleared. */
static void begin(void)
{
	if (optind == 0) {
		optind = 1;
		nextchar = 0;
	}
	optarg = NULL;
}

/* getopt(argc, argv, opts): the next option letter, '?' or ':' on error, -1 at the end. */
int getopt(int argc, char *const argv[], const char *opts)
{
	int colon = opts[0] == ':';
	begin();
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

/* Match "--name[=value]" (after the dashes) against longopts: the index of
 * the exact match, or of the only option name starts with; -1 none, -2 ambiguous. */
static int match_long(const char *name, size_t len, const struct option *lo)
{
	int found = -1;
	for (int i = 0; lo[i].name; i++) {
		if (strncmp(lo[i].name, name, len) != 0)
			continue;
		if (strlen(lo[i].name) == len)
			return i;
		if (found >= 0 && (lo[found].has_arg != lo[i].has_arg || lo[found].flag != lo[i].flag ||
				   lo[found].val != lo[i].val))
			return -2;
		if (found < 0)
			found = i;
	}
	return found;
}

/* One long option at argv[optind] + skip ("--" or "-"); what getopt_long returns. */
static int long_option(int argc, char *const argv[], const char *opts, const struct option *lo,
		       int *index, int skip)
{
	int colon = opts[0] == ':';
	const char *name = argv[optind] + skip;
	const char *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	int i = match_long(name, len, lo);
	const char *dashes = skip == 2 ? "--" : "-";
	optind++;
	if (i < 0) {
		optopt = 0;
		if (opterr)
			fprintf(stderr, i == -2 ? "%s: option '%s%.*s' is ambiguous\n"
						: "%s: unrecognized option '%s%.*s'\n",
				argv[0], dashes, (int)len, name);
		return '?';
	}
	const struct option *o = &lo[i];
	if (index)
		*index = i;
	if (eq) {
		if (o->has_arg == no_argument) {
			optopt = o->val;
			if (opterr)
				fprintf(stderr, "%s: option '%s%s' doesn't allow an argument\n", argv[0],
					dashes, o->name);
			return '?';
		}
		optarg = (char *)eq + 1;
	} else if (o->has_arg == required_argument) {
		if (optind >= argc) {
			optopt = o->val;
			if (opterr && !colon)
				fprintf(stderr, "%s: option '%s%s' requires an argument\n", argv[0], dashes,
					o->name);
			return colon ? ':' : '?';
		}
		optarg = argv[optind++];
	}
	if (o->flag) {
		*o->flag = o->val;
		return 0;
	}
	return o->val;
}

/* getopt_long(argc, argv, opts, longopts, index): getopt, plus "--name",
 * "--name=value" and "--name value" (unique prefixes accepted); without
 * argument permutation, like getopt. */
int getopt_long(int argc, char *const argv[], const char *opts, const struct option *lo, int *index)
{
	begin();
	if (nextchar == 0 && optind < argc && argv[optind] && argv[optind][0] == '-' &&
	    argv[optind][1] == '-' && argv[optind][2] != '\0')
		return long_option(argc, argv, opts, lo, index, 2);
	return getopt(argc, argv, opts);
}

/* getopt_long_only: "-name" may be a long option too: a word of more than
 * one letter is tried as a long option first (then as short options if
 * none matches and its first letter is one); a single letter that is a
 * short option stays short. */
int getopt_long_only(int argc, char *const argv[], const char *opts, const struct option *lo,
		     int *index)
{
	begin();
	if (nextchar == 0 && optind < argc && argv[optind] && argv[optind][0] == '-' &&
	    argv[optind][1] != '\0' && argv[optind][1] != '-') {
		const char *name = argv[optind] + 1;
		const char *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		int is_short = strchr(opts, name[0]) != NULL;
		/* glibc's rule: "-f" for a short option f stays short; a longer
		 * word is tried as a long option first, then as short options */
		if ((len > 1 || !is_short) && !(match_long(name, len, lo) == -1 && is_short))
			return long_option(argc, argv, opts, lo, index, 1);
	}
	return getopt_long(argc, argv, opts, lo, index);
}
