/* elf_mutate.c - make a malformed copy of a guest ELF for the loader's
 * refusal tests: `elf_mutate IN OUT overlap|misalign`.
 *   overlap   the second PT_LOAD starts where the first does
 *   misalign  the first PT_LOAD's p_vaddr moves by 4 bytes, so it is no
 *             longer congruent to p_offset modulo p_align
 * Exit 0, or 1 with a message. */
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Copy file `in` to `out`.  0 or -1. */
static int copy_file(const char *in, const char *out)
{
    char buf[65536];
    int a = open(in, O_RDONLY), b = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ssize_t n = 0;
    while (a >= 0 && b >= 0 && (n = read(a, buf, sizeof buf)) > 0)
        if (write(b, buf, (size_t)n) != n)
            n = -1;
    if (a >= 0)
        close(a);
    if (b >= 0)
        close(b);
    return a < 0 || b < 0 || n < 0 ? -1 : 0;
}

/* Index of the k-th PT_LOAD header (k = 0, 1), or -1. */
static int nth_load(Elf *e, size_t nph, int k)
{
    for (size_t i = 0; i < nph; i++) {
        GElf_Phdr ph;
        if (gelf_getphdr(e, (int)i, &ph) && ph.p_type == PT_LOAD && k-- == 0)
            return (int)i;
    }
    return -1;
}

int main(int argc, char **argv)
{
    if (argc != 4 || (strcmp(argv[3], "overlap") && strcmp(argv[3], "misalign")) ||
        copy_file(argv[1], argv[2]) != 0) {
        fprintf(stderr, "usage: elf_mutate IN OUT overlap|misalign\n");
        return 1;
    }
    elf_version(EV_CURRENT);
    int fd = open(argv[2], O_RDWR);
    Elf *e = fd >= 0 ? elf_begin(fd, ELF_C_RDWR, NULL) : NULL;
    size_t nph;
    int first = -1, second = -1;
    if (e && elf_getphdrnum(e, &nph) == 0) {
        first = nth_load(e, nph, 0);
        second = nth_load(e, nph, 1);
    }
    GElf_Phdr a, b;
    if (first < 0 || second < 0 || !gelf_getphdr(e, first, &a) || !gelf_getphdr(e, second, &b)) {
        fprintf(stderr, "elf_mutate: %s: needs two PT_LOAD segments\n", argv[1]);
        return 1;
    }
    if (!strcmp(argv[3], "overlap")) {
        b.p_vaddr = b.p_paddr = a.p_vaddr;
        gelf_update_phdr(e, second, &b);
    } else {
        a.p_vaddr += 4;
        a.p_paddr += 4;
        gelf_update_phdr(e, first, &a);
    }
    elf_flagelf(e, ELF_C_SET, ELF_F_LAYOUT);
    if (elf_update(e, ELF_C_WRITE) < 0) {
        fprintf(stderr, "elf_mutate: %s\n", elf_errmsg(-1));
        return 1;
    }
    elf_end(e);
    close(fd);
    return 0;
}
