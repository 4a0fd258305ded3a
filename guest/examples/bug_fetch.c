/*
 * bug_fetch.c - jumping into memory the page attributes forbid to execute.
 *
 * ARM: a data page mapped without PROT_EXEC has XN set (ARMv6/v7), so the
 * fetch faults and mmsim reports "xn-fetch".  ARMv5 has no execute-never
 * bit: the code runs, and the program says so.
 * PowerPC: a page made with shm_ctl_special(PPC_SPECIAL_I | PPC_SPECIAL_G)
 * is guarded; even mapped PROT_EXEC, the CPU never fetches from guarded
 * storage, so the fetch faults and mmsim reports "guarded-fetch".
 * Fix: run code only from PROT_EXEC pages without XN or G.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifdef __PPC__
static const uint32_t ret_insn = 0x4E800020u;     /* blr */

/* A guarded, cache-inhibited page mapped read/write/execute. */
static uint32_t *code_page(void)
{
	int fd = shm_open("/guarded", O_RDWR | O_CREAT, 0600);
	if (fd < 0 || shm_ctl_special(fd, SHMCTL_ANON, 0, 4096, PPC_SPECIAL_I | PPC_SPECIAL_G) != 0)
		return NULL;
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_SHARED, fd, 0);
	shm_unlink("/guarded");
	return p == MAP_FAILED ? NULL : p;
}
#else
static const uint32_t ret_insn = 0xE12FFF1Eu;     /* bx lr */

/* An ordinary data page: read/write, not executable. */
static uint32_t *code_page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, NOFD, 0);
	return p == MAP_FAILED ? NULL : p;
}
#endif

int main(void)
{
	uint32_t *page = code_page();
	if (!page)
		return 2;
	page[0] = ret_insn;
	void (*fn)(void) = (void (*)(void))(uintptr_t)page;
	printf("calling code at %p\n", (void *)page);
	fflush(stdout);
	fn();
	printf("the code ran: this CPU has no execute-never bit for this page\n");
	return 0;
}
