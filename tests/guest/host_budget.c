/* host_budget.c - the host-memory budget: fork until it fails; the
 * failure is ENOMEM (not a dead simulator), the children made so far run
 * to their end, and the count is the budget's (argv[1]).  Run with
 * --ram 16M --max-host-mem 100M: 100M - 16M - 12M for the engine leaves
 * 72 processes at 1M each, so 71 children.  With argv[1] "any" (a
 * `ulimit -v` run with --max-procs, where the count depends on the host),
 * at least one child must fit and fork fails with ENOMEM or, at
 * --max-procs, EAGAIN. */
#include <errno.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

int main(int argc, char **argv)
{
    bool any = argc > 1 && !strcmp(argv[1], "any");
    int want = argc > 1 && !any ? atoi(argv[1]) : 6, made = 0;
    pid_t c;
    while ((c = fork()) > 0)
        made++;
    if (c == 0) {
        struct timespec ts = { 0, 1000000 };
        nanosleep(&ts, NULL);
        return 0;
    }
    if (any && errno == EAGAIN)
        errno = ENOMEM;                 /* --max-procs came first */
    CHECK_EQ(errno, ENOMEM, "fork past the budget fails with ENOMEM");
    if (any)
        want = made;
    CHECK(made >= 1, "at least one child fits");
    CHECK_EQ(made, want, "children within the budget");
    int st, reaped = 0;
    while (wait(&st) > 0)
        reaped += WIFEXITED(st) && WEXITSTATUS(st) == 0;
    CHECK_EQ(reaped, want, "every child ran to its end");
    /* Freed engines give their share back: one more fork works. */
    c = fork();
    if (c == 0)
        return 0;
    CHECK(c > 0, "fork after the children are gone");
    CHECK_OK(waitpid(c, &st, 0), "reap it");
    return done();
}
