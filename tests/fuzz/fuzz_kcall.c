/* fuzz_kcall.c - the kernel-call layer with arbitrary register values: a
 * real machine runs a real guest (the hello program of the flavour the
 * first input byte picks, from corpus/fuzz_elf); up to 16 kernel calls
 * whose number and seven argument registers come from the input are
 * dispatched in its process, as if it had trapped with them, and then
 * the guest runs to its end (bounded by --max-insns).  The next 256 input
 * bytes are put on the guest's stack first, and an argument whose top
 * byte is 0xb0 points into them, so message-passing calls (MsgSend with
 * _MEM_OBJ_INFO and the other types) see arbitrary message contents. */
#include <string.h>

#include "checker.h"
#include "fuzz_input.h"
#include "kcall.h"
#include "sim.h"

#define BLOB     256
#define NCALLS   16

static const char *const flavours[] = {"armv5", "armv6", "armv7", "e500", "ppc600"};
static const enum mmsim_cpu cpus[] = {CPU_ARMV5, CPU_ARMV6, CPU_ARMV7, CPU_E500, CPU_PPC600};
static char elf_path[5][64];

/* The hello program of each flavour into a memfd (its seed lacks byte 0). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    for (int i = 0; i < 5; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/hello.%s.bin", FUZZ_ELF_DIR, flavours[i]);
        FILE *f = fopen(path, "rb");
        static uint8_t buf[1 << 20];
        size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
        if (f)
            fclose(f);
        if (n < 2 || fuzz_file(buf + 1, n - 1, elf_path[i], sizeof elf_path[i]) < 0)
            abort();
    }
    return 0;
}

static uint32_t word(const uint8_t *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    if (n < 1 + BLOB)
        return 0;
    int k = data[0] % 5;
    struct sim_opts o = { .cpu = cpus[k], .ram = 16 << 20, .guest_quiet = true,
                          .max_insns = 20000, .max_host_mem = 1ull << 30 };
    o.cache_geom = cache_default_geom(o.cpu);
    mm_ipc_limits_default(&o.ipc);
    static struct sim s;
    if (sim_init(&s, &o, &kcall_kernel, &checker_memsys) != 0)
        goto out;
    int err;
    char why[256];
    char *argv[] = {elf_path[k], NULL};
    struct proc *p = sched_spawn(&s, NULL, elf_path[k], 1, argv, &err, why, sizeof why);
    if (!p)
        goto out;
    const struct arch_ops *a = s.arch;
    uint32_t sp = 0;
    if (engine_load(p->last) != 0)          /* its registers into the engine */
        goto out;
    uc_reg_read(s.uc, a->reg_sp, &sp);
    uint32_t blob = sp - 4096;
    (void)copyout(p, blob, data + 1, BLOB);
    s.cur = p;
    const uint8_t *rec = data + 1 + BLOB;
    size_t left = n - 1 - BLOB;
    for (int i = 0; i < NCALLS && left >= 32 && p->state == PROC_RUNNING; i++, rec += 32, left -= 32) {
        uint32_t num = word(rec) & 0xff;
        uc_reg_write(s.uc, a->reg_num, &num);
        for (int r = 0; r < 7; r++) {
            uint32_t v = word(rec + 4 + 4 * r);
            if ((v >> 24) == 0xb0)
                v = blob + (v & 0xff);
            uc_reg_write(s.uc, a->reg_arg[r], &v);
        }
        s.running = p->last;
        p->in_kcall = true;
        s.kernel->dispatch(p);
        p->in_kcall = false;
        s.running = NULL;
        if (p->last && p->last->state != TS_RUNNABLE)
            break;                        /* blocked: let the scheduler have it */
    }
    (void)sched_run(&s);
out:
    sim_fini(&s);
    return 0;
}
