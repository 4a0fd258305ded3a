/*
 * hello.c - the smallest mmsim guest: prints its name and arguments.
 *
 *   mmsim-cc -o hello.elf hello.c && mmsim run --cpu armv7 hello.elf a b
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("hello from %s\n", argc > 0 ? argv[0] : "(no name)");
	for (int i = 1; i < argc; i++)
		printf("  argv[%d] = \"%s\"\n", i, argv[i]);
	return 0;
}
