/* fuzz_cli.c - the command line on any arguments: `mmsim run` (its whole
 * option parser, then a program that does not exist), `pte`, `trace`,
 * `replay` and `scenario`.  The input is NUL-separated arguments; the
 * first byte picks the command.  Arguments with '/' are dropped (no file
 * outside the harness's scratch directory is ever named), and so are the
 * ones that ask for help (usage() exits).  sim/cli/main.c is compiled in
 * with its main renamed. */
#include <string.h>
#include <sys/stat.h>

#include "fuzz_input.h"

int mmsim_main(int argc, char **argv);

#define MAXARGS 24

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    char dir[] = "/tmp/mmsim-fuzz-cli-XXXXXX";
    if (!mkdtemp(dir) || chdir(dir) != 0)
        abort();
    return 0;
}

/* An argument usage() would answer, which exits. */
static int asks_help(const char *a)
{
    return !strncmp(a, "--h", 3) || (a[0] == '-' && a[1] != '-' && strchr(a, 'h'));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    static const char *const cmds[] = {"run", "pte", "trace", "replay", "scenario"};
    if (n < 1 || n > 4096)
        return 0;
    char *copy = malloc(n);
    if (!copy)
        return 0;
    memcpy(copy, data + 1, n - 1);
    copy[n - 1] = 0;
    char *argv[MAXARGS + 4];
    int argc = 0;
    argv[argc++] = (char *)"mmsim";
    argv[argc++] = (char *)cmds[data[0] % 5];
    for (char *p = copy; p < copy + n - 1 && argc < MAXARGS; p += strlen(p) + 1)
        if (!strchr(p, '/') && !asks_help(p))
            argv[argc++] = p;
    if (data[0] % 5 == 0)
        argv[argc++] = (char *)"no-such-program.elf";
    argv[argc] = NULL;
    (void)mmsim_main(argc, argv);
    free(copy);
    return 0;
}
