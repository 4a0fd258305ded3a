/*
 * test_mem_obj_info_doc.c - the _MEM_OBJ_INFO example of the QNX
 * documentation (seed 000), step for step: an 8-page SHMCTL_ANON object,
 * a malloc'ed message with room for eight segments, MsgSend with
 * sizeof(*msg) as both sizes; then the object is mapped and every page's
 * mem_offset paddr must agree with the segments.  The example's
 * sizeof(*msg) reply room means one segment per call (REFERENCE.md
 * section 1), so the program continues from the end of the last segment,
 * as the memory manager's rules say, until the object is covered.
 *
 * `test_mem_obj_info_doc frag` additionally requires at least two
 * segments: ctest runs it with --phys-frag, so the test proves the
 * object really is fragmented and the segments still match.
 */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/memmsg.h>
#include <unistd.h>

#include "check.h"

#define MAXSEGS 64

int main(int argc, char **argv)
{
	uint64_t obj_size = 8 * __PAGESIZE;
	long i;
	int want_frag = argc > 1 && argv[1][0] == 'f';

	// Create a shared memory object.
	int fd = shm_open("/myshmem", O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd == -1) {
		perror("shm_open");
		return 1;
	}
	// Populate the object with physical memory.
	if (shm_ctl(fd, SHMCTL_ANON, 0, obj_size) == -1) {
		perror("shm_ctl");
		return 1;
	}
	// Allocate a message with enough space for eight segments.
	mem_obj_info_t *msg = malloc(sizeof(struct _mem_obj_segment) * 8);
	if (msg == NULL) {
		perror("malloc");
		return 1;
	}
	CHECK(sizeof(*msg) == 24, "sizeof(*msg) is 24, the reply room of the documented call");

	// Send the message, continuing after the last segment until the end.
	struct _mem_obj_segment segs[MAXSEGS];
	long total = 0;
	uint64_t next = 0;
	int calls = 0;
	while (next < obj_size && total < MAXSEGS) {
		msg->i.type = _MEM_OBJ_INFO;
		msg->i.zero = 0;
		msg->i.fd = fd;
		msg->i.offset = next;
		msg->i.length = SIZE_MAX;
		long nsegs = MsgSend(MEMMGR_COID, msg, sizeof(*msg), msg, sizeof(*msg));
		calls++;
		if (nsegs == -1) {
			perror("MsgSend");
			CHECK(0, "MsgSend _MEM_OBJ_INFO at offset 0x%llx", (unsigned long long)next);
			return done();
		}
		if (!CHECK(nsegs == 1, "call %d at offset 0x%llx returns exactly one segment (got %ld)", calls,
			   (unsigned long long)next, nsegs))
			break;
		segs[total++] = msg->o.segments[0];
		next = msg->o.segments[0].offset + msg->o.segments[0].length;
	}

	// Print the result (64-bit fields with the right formats on a 32-bit guest).
	printf("Observed results:\n");
	for (i = 0; i < total; i++)
		printf(" offset=%llx paddr=%llx len=%llx\n", (unsigned long long)segs[i].offset,
		       (unsigned long long)segs[i].paddr, (unsigned long long)segs[i].length);
	i = total - 1;
	if ((i >= 0) && (segs[i].offset + segs[i].length == obj_size))
		printf("We reached the end of the shared memory object.\n");

	CHECK(i >= 0 && segs[i].offset + segs[i].length == obj_size, "the segments reach the end of the object");
	CHECK(total >= 1 && segs[0].offset == 0, "the first segment starts at offset 0");
	int ok = 1;
	for (i = 1; i < total; i++)
		ok &= segs[i].offset == segs[i - 1].offset + segs[i - 1].length &&
		      segs[i].paddr != segs[i - 1].paddr + segs[i - 1].length;
	CHECK(ok, "segments follow each other with no gap, each a maximal physical run");
	if (want_frag)
		CHECK(total >= 2, "with --phys-frag the object is fragmented: %ld segments (need >= 2)", total);

	// Map the object: mem_offset must agree with the segments on every page.
	char *p = mmap(0, obj_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(p != MAP_FAILED, "map the object");
	for (uint64_t off = 0; off < obj_size; off += __PAGESIZE) {
		off_t pa = -1;
		size_t contig = 0;
		uint64_t want = ~0ull, run_left = 0;
		for (i = 0; i < total; i++)
			if (off >= segs[i].offset && off < segs[i].offset + segs[i].length) {
				want = segs[i].paddr + (off - segs[i].offset);
				run_left = segs[i].offset + segs[i].length - off;
			}
		if (!CHECK(mem_offset(p + off, NOFD, obj_size - off, &pa, &contig) == 0, "mem_offset of page %llu",
			   (unsigned long long)(off / __PAGESIZE)))
			continue;
		CHECK_EQ(pa, want, "page %llu: mem_offset paddr equals the segment's", (unsigned long long)(off / __PAGESIZE));
		CHECK_EQ(contig, run_left, "page %llu: contig_len runs to the end of its segment",
			 (unsigned long long)(off / __PAGESIZE));
	}
	munmap(p, obj_size);
	free(msg);
	close(fd);
	shm_unlink("/myshmem");
	return done();
}
