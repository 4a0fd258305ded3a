/*
 * doc_example.c - the _MEM_OBJ_INFO example of the QNX documentation
 * (seed 000), verbatim apart from this comment: it must compile unchanged
 * with only the headers it includes (REFERENCE.md section 1) and, on an
 * unfragmented machine, reach the end of the object in its single
 * 24-byte reply.  (Its %lx for 64-bit fields is the example's own bug on
 * a 32-bit guest; the output is not checked beyond the last line.)
 */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/memmsg.h>

int main(void)
{
    uint64_t obj_size = 8 * __PAGESIZE;
    long i;

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

    // Send the message.
    msg->i.type = _MEM_OBJ_INFO;
    msg->i.zero = 0;
    msg->i.fd = fd;
    msg->i.offset = 0;
    msg->i.length = SIZE_MAX;

    long nsegs = MsgSend(MEMMGR_COID, msg, sizeof(*msg), msg, sizeof(*msg));
    if (nsegs == -1) {
        perror("MsgSend");
        return 1;
    }

    // Print the result.
    printf("Observed results:\n");
    for (i = 0; i < nsegs; i++) {
        printf(" offset=%lx paddr=%lx len=%lx\n",
               msg->o.segments[i].offset,
               msg->o.segments[i].paddr,
               msg->o.segments[i].length);
    }

    i = nsegs -1;
    if ((i >= 0) && (msg->o.segments[i].offset + msg->o.segments[i].length == obj_size)) {
        printf ("We reached the end of the shared memory object.\n");
    }

    return 0;
}
