/*
 * frag.c - lesson 3, physically contiguous and scattered objects
 * (docs/lessons/03-contiguous-vs-scattered.md).  Two 16-page shared
 * objects: one made with SHMCTL_PHYS (one physically contiguous run, as
 * a DMA buffer needs), one without (any free frames).  Run with
 * --phys-frag SEED, the second lands in several pieces; _MEM_OBJ_INFO
 * says where each piece is.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/memmsg.h>

#define PAGES 16
#define SIZE  (PAGES * __PAGESIZE)

static union {
	mem_obj_info_t msg;
	struct _mem_obj_segment room[PAGES];
} buf;

/* Make object `name` (SHMCTL_ANON | extra), map it, print its segments. */
static int show(const char *name, unsigned extra)
{
	int fd = shm_open(name, O_RDWR | O_CREAT, 0600);
	if (fd < 0 || shm_ctl(fd, SHMCTL_ANON | extra, 0, SIZE) != 0)
		return -1;
	char *p = mmap(0, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return -1;
	p[0] = 1;
	buf.msg.i.type = _MEM_OBJ_INFO;
	buf.msg.i.zero = 0;
	buf.msg.i.fd = fd;
	buf.msg.i.offset = 0;
	buf.msg.i.length = SIZE_MAX;
	long n = MsgSend(MEMMGR_COID, &buf.msg, sizeof buf.msg.i, &buf.msg, sizeof buf.room);
	if (n < 0)
		return -1;
	printf("%s: %ld segment(s)\n", name, n);
	for (long i = 0; i < n; i++)
		printf("  offset 0x%05" PRIx64 " paddr 0x%08" PRIx64 " length 0x%05" PRIx64 "\n",
		       (uint64_t)buf.msg.o.segments[i].offset, (uint64_t)buf.msg.o.segments[i].paddr,
		       (uint64_t)buf.msg.o.segments[i].length);
	return 0;
}

int main(void)
{
	if (show("/contiguous", SHMCTL_PHYS) != 0 || show("/scattered", 0) != 0)
		return 1;
	return 0;
}
