/*
 * demo.c - where does shared memory really live?
 *
 * Creates an 8-page shared memory object, asks the memory manager which
 * physical pages back it (_MEM_OBJ_INFO), maps it, writes to it, and
 * checks every page's physical address with mem_offset().  It exits
 * without munmap, so the simulator's exit report (`mmsim demo`, or
 * `mmsim run --dump-pt`) shows the page-table entries that still map it.
 * No malloc: a heap would add mappings of its own to that report.
 *
 *   mmsim demo --cpu armv7          (this program, fragmented physical memory)
 *   mmsim-cc --cpu armv7 -o demo.elf demo.c && mmsim run --dump-pt demo.elf
 */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/memmsg.h>

#define PAGES     8
#define OBJ_SIZE  (PAGES * __PAGESIZE)
#define MAX_SEGS  PAGES            /* at worst one segment per page */

static struct _mem_obj_segment segs[MAX_SEGS];
static long nsegs;

/* The message buffer: the request, then room for MAX_SEGS segments of reply. */
static union {
	mem_obj_info_t msg;
	struct _mem_obj_segment room[MAX_SEGS];
} buf;

/* get_segments(fd): fill segs[] with the object's physical pieces; 0, or -1 on error. */
static int get_segments(int fd)
{
	mem_obj_info_t *msg = &buf.msg;
	uint64_t offset = 0;

	nsegs = 0;
	while (offset < OBJ_SIZE && nsegs < MAX_SEGS) {
		msg->i.type = _MEM_OBJ_INFO;
		msg->i.zero = 0;
		msg->i.fd = fd;
		msg->i.offset = offset;
		msg->i.length = SIZE_MAX;            /* to the end of the object */
		/* The reply may hold (room / 24) segments: say so in rbytes. */
		long n = MsgSend(MEMMGR_COID, msg, sizeof msg->i, msg,
				 sizeof(struct _mem_obj_segment) * (MAX_SEGS - nsegs));
		if (n == -1) {
			perror("MsgSend(_MEM_OBJ_INFO)");
			return -1;
		}
		if (n == 0)
			break;
		for (long i = 0; i < n; i++)
			segs[nsegs++] = msg->o.segments[i];
		/* Continue after the last segment we got. */
		offset = segs[nsegs - 1].offset + segs[nsegs - 1].length;
	}
	return 0;
}

/* expected_paddr(off, &paddr): the physical address of object offset off by segs[]; 1 if found. */
static int expected_paddr(uint64_t off, uint64_t *paddr)
{
	for (long i = 0; i < nsegs; i++) {
		if (off >= segs[i].offset && off < segs[i].offset + segs[i].length) {
			*paddr = segs[i].paddr + (off - segs[i].offset);
			return 1;
		}
	}
	return 0;
}

int main(void)
{
	printf("== 1. A shared memory object ==\n");
	int fd = shm_open("/demo", O_RDWR | O_CREAT, 0600);
	if (fd == -1) {
		perror("shm_open(\"/demo\")");
		return 1;
	}
	if (shm_ctl(fd, SHMCTL_ANON, 0, OBJ_SIZE) == -1) {
		perror("shm_ctl(SHMCTL_ANON)");
		return 1;
	}
	printf("shm_open(\"/demo\") gave fd %d; shm_ctl(SHMCTL_ANON) gave it %d pages (%d bytes)\n"
	       "of RAM. SHMCTL_ANON does not ask for contiguous memory, so the pages\n"
	       "may be scattered over physical RAM.\n\n", fd, PAGES, OBJ_SIZE);

	printf("== 2. Its physical segments (_MEM_OBJ_INFO) ==\n");
	if (get_segments(fd) == -1)
		return 1;
	printf("The memory manager reports %ld physically contiguous segment(s):\n", nsegs);
	printf("  %-12s %-20s %-12s %s\n", "offset", "paddr", "length", "pages");
	for (long i = 0; i < nsegs; i++)
		printf("  0x%08" PRIx64 "   0x%016" PRIx64 "   0x%08" PRIx64 "   %" PRIu64 "\n",
		       segs[i].offset, segs[i].paddr, segs[i].length,
		       segs[i].length / __PAGESIZE);
	printf("\n");

	printf("== 3. Map it and write to it ==\n");
	uint32_t *p = mmap(NULL, OBJ_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	printf("mmap(MAP_SHARED) placed the object at virtual address %p.\n", (void *)p);
	const size_t words_per_page = __PAGESIZE / sizeof(uint32_t);
	for (size_t w = 0; w < PAGES * words_per_page; w++)
		p[w] = 0xDA7A0000u | (uint32_t)(w / words_per_page);   /* page number in the low bits */
	int bad = 0;
	for (size_t w = 0; w < PAGES * words_per_page; w++)
		if (p[w] != (0xDA7A0000u | (uint32_t)(w / words_per_page)))
			bad++;
	printf("Wrote 0xDA7A000<page> to every word and read it back: %s.\n\n",
	       bad ? "MISMATCH" : "all correct");

	printf("== 4. Virtual to physical, page by page (mem_offset) ==\n");
	printf("mem_offset() walks this process's page table; the result should agree\n"
	       "with the segments from step 2.\n");
	printf("  %-4s %-12s %-20s %-10s %s\n", "page", "vaddr", "paddr", "contig", "agrees?");
	int disagree = 0;
	for (int pg = 0; pg < PAGES; pg++) {
		char *va = (char *)p + pg * __PAGESIZE;
		off_t pa;
		size_t contig;
		if (mem_offset(va, NOFD, OBJ_SIZE - pg * __PAGESIZE, &pa, &contig) == -1) {
			perror("mem_offset");
			return 1;
		}
		uint64_t want;
		int known = expected_paddr((uint64_t)pg * __PAGESIZE, &want);
		int ok = known && want == (uint64_t)pa;
		disagree += !ok;
		printf("  %-4d %-12p 0x%016" PRIx64 "   0x%-8zx %s\n", pg, (void *)va,
		       (uint64_t)pa, contig, ok ? "yes" : known ? "NO" : "NO (not in any segment)");
	}
	printf("%s\n\n", disagree ? "Some pages disagree: the memory manager has a bug!"
				  : "Every page agrees with _MEM_OBJ_INFO.");

	printf("== 5. Exit without munmap ==\n");
	printf("The mapping is still in place. `mmsim demo` (or `mmsim run --dump-pt`)\n"
	       "now prints the page-table entries that map it: one per page, with the\n"
	       "physical address and the attribute bits the memory manager chose.\n");
	return 0;
}
