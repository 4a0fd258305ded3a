/* trace_bytes.c - a guest that writes every byte value 0..255 (NUL first)
 * to stdout and stderr: the trace must carry each one, and every trace
 * reader (replay, trace show, trace diff, run --expect) must accept it. */
#include <unistd.h>

int main(void)
{
    char all[256];
    for (int i = 0; i < 256; i++)
        all[i] = (char)i;
    write(1, "a\0b\n", 4);
    write(1, all, sizeof all);
    write(2, all, sizeof all);
    return 0;
}
