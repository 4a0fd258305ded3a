/* <getopt.h> - getopt and the GNU long options. */
#ifndef _GETOPT_H_INCLUDED
#define _GETOPT_H_INCLUDED

#include <unistd.h>

struct option {
	const char *name;
	int         has_arg;    /* no_argument, required_argument, optional_argument */
	int        *flag;       /* NULL: return val; else *flag = val and return 0 */
	int         val;
};

#define no_argument       0
#define required_argument 1
#define optional_argument 2

/* getopt_long(argc, argv, opts, longopts, index): getopt, plus "--name",
 * "--name=value" and "--name value" (unique prefixes accepted; an optional
 * argument only as "--name=value"); *index (if not NULL) gets the long
 * option's index.  Options end at the first operand (no permutation). */
int getopt_long(int __argc, char *const __argv[], const char *__opts,
		const struct option *__longopts, int *__index);
/* getopt_long_only: the same, and "-name" may be a long option too. */
int getopt_long_only(int __argc, char *const __argv[], const char *__opts,
		     const struct option *__longopts, int *__index);

#endif
