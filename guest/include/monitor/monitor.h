/*
 * <monitor/monitor.h> - mon_shm: a shared memory segment shared by a
 * master and one peer process, with a lock and a byte ring buffer (seed
 * 003; REFERENCE.md section 7).
 *
 * Segment layout (offsets from the start, all in the header):
 *   [0, sizeof(mon_shm_header))  the header
 *   then the implementation's lock (POSIX: a process-shared sem_t)
 *   [cdata_begin, cdata_end)     common data handed out by
 *                                mon_shm_data_alloc (grows up to rbuf.begin)
 *   [rbuf.begin, rbuf.end)       the ring buffer: the second half of the
 *                                segment.  head == tail: empty; one byte
 *                                always stays free, so it is full at
 *                                (end - begin - 1) bytes.
 * Ring-buffer functions do no locking: take mon_shm_lock around them.
 * mon_shm_rbuf_append stores at most mon_shm_rbuf_avail() bytes and
 * mon_shm_rbuf_read / _skip take at most mon_shm_rbuf_len() bytes (the
 * rest is dropped / left untouched): check first.
 *
 * mon_buffer: a byte buffer mon_shm_encode appends to and mon_shm_decode
 * reads from (data[pos..len)); the caller moves it to the peer (a pipe,
 * a message, argv...).  mon_ipc_creds: who the peer is; a peer with our
 * uid gets a segment of mode 0600, any other 0666.
 *
 * Implementations: MON_SHM_IMPL_POSIX (shm_open + a pshared POSIX
 * semaphore as the lock), MON_SHM_IMPL_SYSV (shmget/shmat + a System V
 * semaphore taken with SEM_UNDO, so a peer that dies holding the lock
 * releases it), MON_SHM_IMPL_AUTO (POSIX).  SYSV needs shmget/shmat in
 * the runtime; where they are missing mon_shm_new returns NULL, errno
 * ENOSYS.
 */
#ifndef _MONITOR_MONITOR_H_INCLUDED
#define _MONITOR_MONITOR_H_INCLUDED

#include <stddef.h>
#include <sys/types.h>

#define MON_BUFFER_MAX 256

typedef struct {
	unsigned char data[MON_BUFFER_MAX];
	size_t        len;    /* bytes written */
	size_t        pos;    /* next byte to read */
} mon_buffer;

typedef struct {
	pid_t pid;
	uid_t uid;
	gid_t gid;
} mon_ipc_creds;

typedef struct {
	/* Beginning of the ring buffer */
	size_t begin;
	/* End of the ring buffer */
	size_t end;
	/* Start of data in the ring buffer */
	size_t head;
	/* End of data in the ring buffer */
	size_t tail;
} mon_shm_rbuf;

typedef struct {
	/* Total size of the shared memory area */
	size_t       size;
	/* Beginning of the "Common Data" area */
	size_t       cdata_begin;
	/* End of the "Common Data" area */
	size_t       cdata_end;
	mon_shm_rbuf rbuf;
} mon_shm_header;

typedef enum {
	MON_SHM_IMPL_NONE = -1,
	MON_SHM_IMPL_AUTO,
	MON_SHM_IMPL_POSIX,
	MON_SHM_IMPL_SYSV
} mon_shm_impl;

typedef struct mon_shm_desc mon_shm_desc;
struct mon_shm_desc {
	/* This points to the beginning of the shared memory area */
	mon_shm_header *header;
	/* Shared memory implementation code */
	mon_shm_impl    impl;
	/* Should be the same as header->size but cannot be modified by the peer */
	size_t          orig_size;
	/* Implementation-specific private data */
	void           *priv;
	int             is_master;
	/* Methods */
	void (*destroy)(mon_shm_desc *desc);
	int  (*lock)(mon_shm_desc *desc);
	int  (*unlock)(mon_shm_desc *desc);
	int  (*trylock)(mon_shm_desc *desc);
	int  (*encode)(mon_shm_desc *desc, mon_buffer *buf);
	int             refcnt;
};

void mon_buffer_init(mon_buffer *buf);

mon_shm_desc *mon_shm_new(size_t size, mon_ipc_creds *peer, mon_shm_impl impl);
void mon_shm_done(mon_shm_desc *desc);
void mon_shm_ref(mon_shm_desc *desc);
int mon_shm_lock(mon_shm_desc *desc);
int mon_shm_unlock(mon_shm_desc *desc);
int mon_shm_trylock(mon_shm_desc *desc);
int mon_shm_encode(mon_shm_desc *desc, mon_buffer *buf);
mon_shm_desc *mon_shm_decode(mon_buffer *buf, size_t size);
void *mon_shm_addr(mon_shm_desc *desc, size_t offset);
#define MON_SHM_ADDR(desc, field) mon_shm_addr(desc, (desc)->header->field)
int mon_shm_data_alloc(mon_shm_desc *desc, size_t size, void **ptr);

void mon_shm_rbuf_append(mon_shm_rbuf *rbuf, void *shmaddr, void *src, size_t srclen);
void mon_shm_rbuf_read(mon_shm_rbuf *rbuf, void *shmaddr, void *dst, size_t dstlen);
void mon_shm_rbuf_skip(mon_shm_rbuf *rbuf, size_t datalen);
size_t mon_shm_rbuf_avail(mon_shm_rbuf *rbuf);
size_t mon_shm_rbuf_len(mon_shm_rbuf *rbuf);

#endif
