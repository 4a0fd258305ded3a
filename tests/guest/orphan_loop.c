/* orphan_loop.c - process 1 exits while its child loops forever without a
 * kernel call: the run goes on until every process has ended (as it does
 * for a looping process 1), and the run limits still end it. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    if (fork() == 0) {
        for (volatile unsigned i = 0;; i++)
            ;
    }
    printf("parent exits first\n");
    return 7;
}
