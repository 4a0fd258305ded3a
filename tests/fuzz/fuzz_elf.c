/* fuzz_elf.c - the ELF loader on any bytes: a process of a real machine
 * (RAM, frames, MMU, memory manager, checker) loads the input as its
 * program; the first input byte picks the CPU flavour.  No Unicorn engine
 * is made: the loader writes through the page tables (copyout), and the
 * PowerPC cache-instruction scan, the one part that needs an engine, is
 * left out. */
#include <string.h>

#include "checker.h"
#include "fuzz_input.h"
#include "mmtrace.h"
#include "sim.h"

static struct sim_memsys memsys;

/* No engine: nothing to hook. */
static int no_code_hooks(struct proc *p, uint32_t va, const uint8_t *code, size_t len)
{
    (void)p; (void)va; (void)code; (void)len;
    return 0;
}

static void no_dispatch(struct proc *p) { (void)p; }
static const struct sim_kernel kernel = { .dispatch = no_dispatch, .proc_exit = no_dispatch };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    static const enum mmsim_cpu cpus[] = { CPU_ARMV5, CPU_ARMV6, CPU_ARMV7, CPU_E500, CPU_PPC600 };
    if (n < 1)
        return 0;
    memsys = checker_memsys;
    memsys.code_loaded = no_code_hooks;
    struct sim_opts o = { .cpu = cpus[data[0] % 5], .ram = 16 << 20, .guest_quiet = true };
    o.cache_geom = cache_default_geom(o.cpu);
    char path[64];
    int fd = fuzz_file(data + 1, n - 1, path, sizeof path);
    static struct sim s;
    if (fd < 0)
        return 0;
    if (sim_init(&s, &o, &kernel, &memsys) == 0) {
        struct proc p = { .sim = &s, .pid = 1 };
        uint32_t entry;
        char why[256];
        if (tm_proc_create(&p, true) == 0) {
            (void)loader_load(&p, path, &entry, why, sizeof why);
            tm_proc_destroy(&p);
        }
    }
    sim_fini(&s);
    close(fd);
    return 0;
}
