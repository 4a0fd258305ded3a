/* bad_fetch.c - instruction fetches the CPU must refuse, reported
 * precisely (argv[1] picks one; each dies with SIGSEGV and a report):
 *   kernel   a jump to 0xfffff000, kernel space (the page mmsim stops
 *            Unicorn at): the fault is at the address jumped to
 *   device   a call into FIFO0 mapped PROT_EXEC: device registers hold no
 *            code (a permission fault with the PTE, not Unicorn's raw error)
 *   handler  the kernel jump with a SIGSEGV handler: si_addr is 0xfffff000,
 *            si_code SEGV_MAPERR, and siglongjmp returns (exit 0)
 */
#include <mmsim/devices.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static sigjmp_buf env;
static volatile uintptr_t fault_addr;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    fault_addr = (uintptr_t)si->si_addr;
    fault_code = si->si_code;
    siglongjmp(env, 1);
}

static void jump(uintptr_t to)
{
    ((void (*)(void))to)();
}

int main(int argc, char **argv)
{
    const char *m = argc > 1 ? argv[1] : "";
    if (!strcmp(m, "kernel"))
        jump(0xfffff000u);
    if (!strcmp(m, "device")) {
        void *p = mmap_device_memory(NULL, MMSIM_FIFO0_SIZE, PROT_READ | PROT_EXEC | PROT_NOCACHE, 0,
                                     MMSIM_FIFO0_PADDR);
        if (p == MAP_FAILED)
            return 3;
        jump((uintptr_t)p);
    }
    if (!strcmp(m, "handler")) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_segv;
        sa.sa_flags = SA_SIGINFO;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGSEGV, &sa, NULL);
        if (sigsetjmp(env, 1) == 0)
            jump(0xfffff000u);
        printf("handler: si_addr 0x%08lx si_code %d\n", (unsigned long)fault_addr, fault_code);
        return fault_addr == 0xfffff000u && fault_code == SEGV_MAPERR ? 0 : 1;
    }
    return 2;
}
