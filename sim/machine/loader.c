/*
 * loader.c - load a static 32-bit ELF executable into a process through
 * the memory manager (libelf reads the file).  The whole PT_LOAD span is
 * mapped private and writable, filled, then each page gets the union of
 * the protections of the segments covering it; pages no segment covers
 * are unmapped.  Every failure names what was wrong with the file.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mmsim/guest_abi.h"
#include "mmtrace.h"
#include "sim.h"

#define PAGE_DOWN(x) ((x) & ~(uint64_t)MMSIM_PAGE_MASK)
#define PAGE_UP(x)   (((x) + MMSIM_PAGE_MASK) & ~(uint64_t)MMSIM_PAGE_MASK)

/* Format an error into why and return -err. */
static int fail(char *why, size_t n, int err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, n, fmt, ap);
    va_end(ap);
    return -err;
}

/* ELF p_flags -> QNX PROT_* bits. */
static int seg_prot(const GElf_Phdr *ph)
{
    return (ph->p_flags & PF_R ? MM_PROT_READ : 0) | (ph->p_flags & PF_W ? MM_PROT_WRITE : 0) |
           (ph->p_flags & PF_X ? MM_PROT_EXEC : 0);
}

/* Check the header against the simulated CPU. */
static int check_header(struct proc *p, Elf *e, char *why, size_t n)
{
    const struct arch_ops *a = p->sim->arch;
    char *id = elf_getident(e, NULL);
    GElf_Ehdr eh;
    if (elf_kind(e) != ELF_K_ELF || !id || !gelf_getehdr(e, &eh))
        return fail(why, n, ENOEXEC, "not an ELF file");
    if (id[EI_CLASS] != ELFCLASS32)
        return fail(why, n, ENOEXEC, "not a 32-bit ELF file");
    if (id[EI_DATA] != (a->big_endian ? ELFDATA2MSB : ELFDATA2LSB))
        return fail(why, n, ENOEXEC, "wrong byte order for --cpu %s (%s-endian expected)",
                    a->name, a->big_endian ? "big" : "little");
    if (eh.e_machine != a->elf_machine)
        return fail(why, n, ENOEXEC, "built for ELF machine %u, not for --cpu %s (machine %u)",
                    eh.e_machine, a->name, a->elf_machine);
    if (eh.e_type != ET_EXEC)
        return fail(why, n, ENOEXEC, "not a static executable (ELF type %u)", eh.e_type);
    return 0;
}

/* Protection of page `va`: union over the segments covering it, -1 if none. */
static int page_prot(Elf *e, size_t nph, uint64_t va)
{
    int prot = -1;
    for (size_t i = 0; i < nph; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(e, (int)i, &ph) || ph.p_type != PT_LOAD || ph.p_memsz == 0)
            continue;
        if (va + MMSIM_PAGE_SIZE > ph.p_vaddr && va < ph.p_vaddr + ph.p_memsz)
            prot = (prot < 0 ? 0 : prot) | seg_prot(&ph);
    }
    return prot;
}

/* Copy every segment's file bytes into the mapped span. */
static int fill_segments(struct proc *p, Elf *e, size_t nph, const char *img, size_t imgsz,
                         char *why, size_t n)
{
    for (size_t i = 0; i < nph; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(e, (int)i, &ph) || ph.p_type != PT_LOAD || ph.p_filesz == 0)
            continue;
        if (ph.p_offset > imgsz || ph.p_filesz > imgsz - ph.p_offset)
            return fail(why, n, ENOEXEC, "segment %zu lies outside the file", i);
        if (copyout(p, (uint32_t)ph.p_vaddr, img + ph.p_offset, (uint32_t)ph.p_filesz) != 0)
            return fail(why, n, ENOEXEC, "cannot write segment %zu", i);
        if ((ph.p_flags & PF_X) &&
            p->sim->mem->code_loaded(p, (uint32_t)ph.p_vaddr, (const uint8_t *)img + ph.p_offset, ph.p_filesz))
            return fail(why, n, ENOMEM, "cannot hook the cache instructions of segment %zu", i);
    }
    return 0;
}

/* Give each page of [lo, hi) its final protection, in runs. */
static int protect_pages(struct proc *p, Elf *e, size_t nph, uint64_t lo, uint64_t hi)
{
    uint64_t run = lo;
    int run_prot = page_prot(e, nph, lo);
    for (uint64_t va = lo + MMSIM_PAGE_SIZE; va <= hi; va += MMSIM_PAGE_SIZE) {
        int prot = va < hi ? page_prot(e, nph, va) : -2;
        if (prot == run_prot)
            continue;
        uint32_t len = (uint32_t)(va - run);
        int rc = run_prot < 0 ? tm_munmap(p, (uint32_t)run, len)
                              : tm_mprotect(p, (uint32_t)run, len, run_prot);
        if (rc)
            return rc;
        run = va;
        run_prot = prot;
    }
    return 0;
}

/* Map, fill and protect the PT_LOAD segments of an opened ELF. */
static int load_image(struct proc *p, Elf *e, const char *img, size_t imgsz, uint32_t *entry,
                      char *why, size_t n)
{
    size_t nph;
    GElf_Ehdr eh;
    int rc = check_header(p, e, why, n);
    if (rc)
        return rc;
    if (!gelf_getehdr(e, &eh) || elf_getphdrnum(e, &nph) != 0)
        return fail(why, n, ENOEXEC, "unreadable program headers");
    uint64_t lo = UINT64_MAX, hi = 0, prev_end = 0;
    for (size_t i = 0; i < nph; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(e, (int)i, &ph))
            return fail(why, n, ENOEXEC, "unreadable program header %zu", i);
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
            continue;
        if (ph.p_filesz > ph.p_memsz)
            return fail(why, n, ENOEXEC, "segment %zu: file size larger than memory size", i);
        /* The ELF rules a loader relies on: PT_LOAD entries ascend by
         * p_vaddr without overlapping, and p_vaddr = p_offset modulo a
         * power-of-two p_align (at least a page, so file pages map whole). */
        if (ph.p_vaddr < prev_end)
            return fail(why, n, ENOEXEC, "segment %zu at 0x%llx overlaps the one before it or is "
                        "out of order", i, (unsigned long long)ph.p_vaddr);
        if (ph.p_align & (ph.p_align - 1) || (ph.p_align > 1 && ph.p_align < MMSIM_PAGE_SIZE) ||
            (ph.p_align > 1 && (ph.p_vaddr - ph.p_offset) % ph.p_align))
            return fail(why, n, ENOEXEC, "segment %zu: p_vaddr 0x%llx and p_offset 0x%llx are not "
                        "congruent modulo p_align 0x%llx (a power of two, at least a page)", i,
                        (unsigned long long)ph.p_vaddr, (unsigned long long)ph.p_offset,
                        (unsigned long long)ph.p_align);
        prev_end = ph.p_vaddr + ph.p_memsz;
        if (ph.p_vaddr < MM_USER_BASE || ph.p_vaddr + ph.p_memsz > MM_USER_END ||
            ph.p_vaddr + ph.p_memsz < ph.p_vaddr)
            return fail(why, n, ENOEXEC, "segment %zu at 0x%llx+0x%llx is outside user space", i,
                        (unsigned long long)ph.p_vaddr, (unsigned long long)ph.p_memsz);
        if (PAGE_DOWN(ph.p_vaddr) < lo)
            lo = PAGE_DOWN(ph.p_vaddr);
        if (PAGE_UP(ph.p_vaddr + ph.p_memsz) > hi)
            hi = PAGE_UP(ph.p_vaddr + ph.p_memsz);
    }
    if (hi == 0)
        return fail(why, n, ENOEXEC, "no loadable segment");
    if (hi - lo > (256u << 20))
        return fail(why, n, ENOEXEC, "loadable span of %llu bytes is too large",
                    (unsigned long long)(hi - lo));
    uint32_t at;
    rc = tm_mmap(p, (uint32_t)lo, (uint32_t)(hi - lo), MM_PROT_READ | MM_PROT_WRITE | MM_PROT_EXEC,
                 MM_MAP_PRIVATE | MM_MAP_ANON | MM_MAP_FIXED, MM_NOFD, 0, &at);
    if (rc)
        return fail(why, n, -rc, "cannot map the image: %s", strerror(-rc));
    rc = fill_segments(p, e, nph, img, imgsz, why, n);
    if (rc)
        return rc;
    rc = protect_pages(p, e, nph, lo, hi);
    if (rc)
        return fail(why, n, -rc, "cannot protect the image: %s", strerror(-rc));
    if (eh.e_entry < lo || eh.e_entry >= hi || page_prot(e, nph, PAGE_DOWN(eh.e_entry)) < 0 ||
        !(page_prot(e, nph, PAGE_DOWN(eh.e_entry)) & MM_PROT_EXEC))
        return fail(why, n, ENOEXEC, "entry point 0x%llx is not in an executable segment",
                    (unsigned long long)eh.e_entry);
    *entry = (uint32_t)eh.e_entry;
    return 0;
}

int loader_check(struct proc *p, const char *path, char *why, size_t n)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return fail(why, n, errno, "cannot open: %s", strerror(errno));
    char img[64];
    ssize_t got = pread(fd, img, sizeof img, 0);
    close(fd);
    if (got < (ssize_t)sizeof img)
        return fail(why, n, ENOEXEC, "not an ELF file");
    elf_version(EV_CURRENT);
    Elf *e = elf_memory(img, sizeof img);
    int rc = e ? check_header(p, e, why, n) : fail(why, n, ENOEXEC, "not an ELF file");
    if (e)
        elf_end(e);
    return rc;
}

int loader_load(struct proc *p, const char *path, uint32_t *entry, char *why, size_t n)
{
    /* Non-blocking: a FIFO or device named by a guest's spawn must not
     * stop the simulator in open(); only regular files are programs. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return fail(why, n, errno, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        bool dir = S_ISDIR(st.st_mode);
        close(fd);
        return fail(why, n, dir ? EISDIR : EACCES, dir ? "is a directory" : "not a regular file");
    }
    off_t size = lseek(fd, 0, SEEK_END);
    if (size <= 0 || size > (512 << 20)) {
        close(fd);
        return fail(why, n, ENOEXEC, size <= 0 ? "empty or unreadable file" : "file too large");
    }
    char *img = malloc((size_t)size);
    if (!img || pread(fd, img, (size_t)size, 0) != size) {
        free(img);
        close(fd);
        return fail(why, n, EIO, "cannot read the file");
    }
    close(fd);
    elf_version(EV_CURRENT);
    Elf *e = elf_memory(img, (size_t)size);
    int rc = e ? load_image(p, e, img, (size_t)size, entry, why, n)
               : fail(why, n, ENOEXEC, "not an ELF file: %s", elf_errmsg(-1));
    if (e)
        elf_end(e);
    free(img);
    return rc;
}

int loader_stack(struct proc *p, uint32_t *sp)
{
    uint32_t at;
    int rc = tm_mmap(p, GUEST_STACK_TOP - GUEST_STACK_SIZE, GUEST_STACK_SIZE,
                     MM_PROT_READ | MM_PROT_WRITE,
                     MM_MAP_PRIVATE | MM_MAP_ANON | MM_MAP_FIXED | MM_MAP_LAZY, MM_NOFD, 0, &at);
    if (rc)
        return rc;
    *sp = GUEST_STACK_TOP;
    return 0;
}
