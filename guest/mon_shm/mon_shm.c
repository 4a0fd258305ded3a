/*
 * mon_shm.c - mon_shm segments: creation, reference counting, locking,
 * encode/decode for the peer, common data (see <monitor/monitor.h>).
 *
 * POSIX: the segment is the shm object "/mon_shm.<pid>.<n>" mapped shared;
 * the lock is a process-shared POSIX semaphore right after the header.
 * SYSV: shmget(IPC_PRIVATE) + shmat, and a System V semaphore set of one,
 * taken and given with SEM_UNDO.  The master (creator) removes the names
 * (shm_unlink / IPC_RMID) when its last reference goes; the peer only
 * unmaps.
 */
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <monitor/monitor.h>

#include <sys/shm.h>

#define ALIGN(x, a) (((x) + (a) - 1) & ~((size_t)(a) - 1))
#define LOCK_OFF    ALIGN(sizeof(mon_shm_header), 16)
#define NAME_LEN    64

/* Implementation data of a descriptor. */
struct priv {
	char  name[NAME_LEN];   /* POSIX object name */
	int   shmid, semid;     /* SYSV */
};

union mon_semun {
	int              val;
	struct semid_ds *buf;
	unsigned short  *array;
};

static unsigned name_seq;

void mon_buffer_init(mon_buffer *buf)
{
	buf->len = buf->pos = 0;
}

/* Append n bytes; -ENOSPC if they do not fit. */
static int buf_put(mon_buffer *b, const void *p, size_t n)
{
	if (b->len + n > MON_BUFFER_MAX)
		return ENOSPC;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return 0;
}

/* Take n bytes; -1 if fewer are left. */
static int buf_get(mon_buffer *b, void *p, size_t n)
{
	if (b->pos + n > b->len)
		return -1;
	memcpy(p, b->data + b->pos, n);
	b->pos += n;
	return 0;
}

/* Mode of a segment for peer. */
static unsigned mode_for(const mon_ipc_creds *peer)
{
	return !peer || peer->uid == getuid() ? 0600 : 0666;
}

/* A descriptor around a mapped segment. */
static mon_shm_desc *desc_new(void *addr, size_t size, mon_shm_impl impl, struct priv *pv,
			      int master)
{
	mon_shm_desc *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->header = addr;
	d->impl = impl;
	d->orig_size = size;
	d->priv = pv;
	d->is_master = master;
	d->refcnt = 1;
	return d;
}

/* Fill in a new segment's header. */
static void header_init(mon_shm_header *h, size_t size)
{
	h->size = size;
	h->cdata_begin = h->cdata_end = ALIGN(LOCK_OFF + sizeof(sem_t), 16);
	h->rbuf.begin = ALIGN(size / 2, 16);
	h->rbuf.end = size;
	h->rbuf.head = h->rbuf.tail = h->rbuf.begin;
}

/* ---- POSIX ------------------------------------------------------------ */

static sem_t *posix_sem(mon_shm_desc *d)
{
	return (sem_t *)((char *)d->header + LOCK_OFF);
}

static int posix_lock(mon_shm_desc *d)
{
	while (sem_wait(posix_sem(d)) != 0)
		if (errno != EINTR)
			return errno;
	return 0;
}

static int posix_unlock(mon_shm_desc *d)
{
	return sem_post(posix_sem(d)) == 0 ? 0 : errno;
}

static int posix_trylock(mon_shm_desc *d)
{
	return sem_trywait(posix_sem(d)) == 0 ? 0 : errno;
}

static int posix_encode(mon_shm_desc *d, mon_buffer *buf)
{
	struct priv *pv = d->priv;
	unsigned char impl = MON_SHM_IMPL_POSIX;
	int rc = buf_put(buf, &impl, 1);
	return rc ? rc : buf_put(buf, pv->name, strlen(pv->name) + 1);
}

static void posix_destroy(mon_shm_desc *d)
{
	struct priv *pv = d->priv;
	if (d->is_master) {
		sem_destroy(posix_sem(d));
		shm_unlink(pv->name);
	}
	munmap(d->header, d->orig_size);
}

static void posix_methods(mon_shm_desc *d)
{
	d->destroy = posix_destroy;
	d->lock = posix_lock;
	d->unlock = posix_unlock;
	d->trylock = posix_trylock;
	d->encode = posix_encode;
}

/* Map the POSIX object `name` of `size` bytes (fd open). */
static void *posix_map(int fd, size_t size)
{
	void *a = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	return a == MAP_FAILED ? NULL : a;
}

static mon_shm_desc *posix_new(size_t size, mon_ipc_creds *peer)
{
	struct priv *pv = calloc(1, sizeof *pv);
	if (!pv)
		return NULL;
	snprintf(pv->name, sizeof pv->name, "/mon_shm.%d.%u", (int)getpid(), name_seq++);
	int fd = shm_open(pv->name, O_RDWR | O_CREAT | O_EXCL, mode_for(peer));
	void *a = NULL;
	if (fd >= 0 && ftruncate(fd, (off_t)size) == 0)
		a = posix_map(fd, size);
	int e = errno;
	if (fd >= 0)
		close(fd);
	mon_shm_desc *d = a ? desc_new(a, size, MON_SHM_IMPL_POSIX, pv, 1) : NULL;
	if (!d) {
		if (a)
			munmap(a, size);
		if (fd >= 0)
			shm_unlink(pv->name);
		free(pv);
		errno = a ? ENOMEM : e;
		return NULL;
	}
	header_init(d->header, size);
	sem_init(posix_sem(d), 1, 1);
	posix_methods(d);
	return d;
}

static mon_shm_desc *posix_decode(mon_buffer *buf)
{
	struct priv *pv = calloc(1, sizeof *pv);
	if (!pv)
		return NULL;
	size_t i = 0;
	char c = 1;
	while (i < NAME_LEN - 1 && buf_get(buf, &c, 1) == 0 && c)
		pv->name[i++] = c;
	struct stat st;
	int fd = c == 0 ? shm_open(pv->name, O_RDWR, 0) : -1;
	void *a = NULL;
	if (fd >= 0 && fstat(fd, &st) == 0 && st.st_size > 0)
		a = posix_map(fd, (size_t)st.st_size);
	if (fd >= 0)
		close(fd);
	mon_shm_desc *d = a ? desc_new(a, (size_t)st.st_size, MON_SHM_IMPL_POSIX, pv, 0) : NULL;
	if (!d) {
		if (a)
			munmap(a, (size_t)st.st_size);
		free(pv);
		if (c != 0)
			errno = EINVAL;
		return NULL;
	}
	posix_methods(d);
	return d;
}

/* ---- System V ------------------------------------------------------- */

static int sysv_op(mon_shm_desc *d, short op, short flg)
{
	struct priv *pv = d->priv;
	struct sembuf b = { 0, op, (short)(flg | SEM_UNDO) };
	while (semop(pv->semid, &b, 1) != 0)
		if (errno != EINTR)
			return errno;
	return 0;
}

static int sysv_lock(mon_shm_desc *d)
{
	return sysv_op(d, -1, 0);
}

static int sysv_unlock(mon_shm_desc *d)
{
	return sysv_op(d, 1, 0);
}

static int sysv_trylock(mon_shm_desc *d)
{
	return sysv_op(d, -1, IPC_NOWAIT);
}

static int sysv_encode(mon_shm_desc *d, mon_buffer *buf)
{
	struct priv *pv = d->priv;
	unsigned char impl = MON_SHM_IMPL_SYSV;
	int rc = buf_put(buf, &impl, 1);
	rc = rc ? rc : buf_put(buf, &pv->shmid, sizeof pv->shmid);
	return rc ? rc : buf_put(buf, &pv->semid, sizeof pv->semid);
}

static void sysv_destroy(mon_shm_desc *d)
{
	struct priv *pv = d->priv;
	shmdt(d->header);
	if (d->is_master) {
		shmctl(pv->shmid, IPC_RMID, NULL);
		semctl(pv->semid, 0, IPC_RMID);
	}
}

static void sysv_methods(mon_shm_desc *d)
{
	d->destroy = sysv_destroy;
	d->lock = sysv_lock;
	d->unlock = sysv_unlock;
	d->trylock = sysv_trylock;
	d->encode = sysv_encode;
}

static mon_shm_desc *sysv_new(size_t size, mon_ipc_creds *peer)
{
	struct priv *pv = calloc(1, sizeof *pv);
	if (!pv)
		return NULL;
	int mode = (int)mode_for(peer);
	pv->shmid = shmget(IPC_PRIVATE, size, IPC_CREAT | mode);
	pv->semid = pv->shmid >= 0 ? semget(IPC_PRIVATE, 1, IPC_CREAT | mode) : -1;
	void *a = pv->semid >= 0 ? shmat(pv->shmid, NULL, 0) : (void *)-1;
	mon_shm_desc *d = a != (void *)-1 ? desc_new(a, size, MON_SHM_IMPL_SYSV, pv, 1) : NULL;
	if (!d) {
		int e = errno;
		if (a != (void *)-1)
			shmdt(a);
		if (pv->shmid >= 0)
			shmctl(pv->shmid, IPC_RMID, NULL);
		if (pv->semid >= 0)
			semctl(pv->semid, 0, IPC_RMID);
		free(pv);
		errno = e;
		return NULL;
	}
	union mon_semun u;
	u.val = 1;
	semctl(pv->semid, 0, SETVAL, u);
	header_init(d->header, size);
	sysv_methods(d);
	return d;
}

static mon_shm_desc *sysv_decode(mon_buffer *buf)
{
	struct priv *pv = calloc(1, sizeof *pv);
	if (!pv)
		return NULL;
	struct shmid_ds ds;
	void *a = (void *)-1;
	if (buf_get(buf, &pv->shmid, sizeof pv->shmid) == 0 &&
	    buf_get(buf, &pv->semid, sizeof pv->semid) == 0 &&
	    shmctl(pv->shmid, IPC_STAT, &ds) == 0)
		a = shmat(pv->shmid, NULL, 0);
	mon_shm_desc *d = a != (void *)-1 ? desc_new(a, ds.shm_segsz, MON_SHM_IMPL_SYSV, pv, 0) : NULL;
	if (!d) {
		if (a != (void *)-1)
			shmdt(a);
		free(pv);
		return NULL;
	}
	sysv_methods(d);
	return d;
}

/* ---- the API -------------------------------------------------------- */

mon_shm_desc *mon_shm_new(size_t size, mon_ipc_creds *peer, mon_shm_impl impl)
{
	long pg = sysconf(_SC_PAGESIZE);
	if (size == 0 || size > ((size_t)1 << 30) || impl < MON_SHM_IMPL_AUTO ||
	    impl > MON_SHM_IMPL_SYSV) {
		errno = EINVAL;
		return NULL;
	}
	size = ALIGN(size, (size_t)pg);
	if (impl == MON_SHM_IMPL_SYSV)
		return sysv_new(size, peer);
	return posix_new(size, peer);      /* POSIX, and AUTO's choice */
}

mon_shm_desc *mon_shm_decode(mon_buffer *buf, size_t size)
{
	unsigned char impl = 0;
	if (buf_get(buf, &impl, 1) != 0) {
		errno = EINVAL;
		return NULL;
	}
	mon_shm_desc *d = impl == MON_SHM_IMPL_POSIX ? posix_decode(buf)
			: impl == MON_SHM_IMPL_SYSV ? sysv_decode(buf) : NULL;
	if (!d) {
		if (impl != MON_SHM_IMPL_POSIX && impl != MON_SHM_IMPL_SYSV)
			errno = EINVAL;
		return NULL;
	}
	if (d->header->size != d->orig_size) {
		fprintf(stderr, "mon_shm: segment header says %zu bytes, mapped %zu: refused\n",
			(size_t)d->header->size, d->orig_size);
		d->destroy(d);
		free(d->priv);
		free(d);
		errno = EINVAL;
		return NULL;
	}
	if (size && size != d->orig_size)
		fprintf(stderr, "mon_shm: asked for a segment of %zu bytes, got %zu\n", size, d->orig_size);
	return d;
}

void mon_shm_ref(mon_shm_desc *d)
{
	d->refcnt++;
}

void mon_shm_done(mon_shm_desc *d)
{
	if (!d || --d->refcnt > 0)
		return;
	d->destroy(d);
	free(d->priv);
	free(d);
}

int mon_shm_lock(mon_shm_desc *d)
{
	return d->lock(d);
}

int mon_shm_unlock(mon_shm_desc *d)
{
	return d->unlock(d);
}

int mon_shm_trylock(mon_shm_desc *d)
{
	return d->trylock(d);
}

int mon_shm_encode(mon_shm_desc *d, mon_buffer *buf)
{
	return d->encode(d, buf);
}

void *mon_shm_addr(mon_shm_desc *d, size_t offset)
{
	if (offset >= d->orig_size)
		return NULL;
	return (char *)d->header + offset;
}

int mon_shm_data_alloc(mon_shm_desc *d, size_t size, void **ptr)
{
	mon_shm_header *h = d->header;
	size_t at = ALIGN(h->cdata_end, 8);
	if (h->rbuf.begin > d->orig_size || at > h->rbuf.begin || size > h->rbuf.begin - at)
		return ENOSPC;
	h->cdata_end = at + size;
	*ptr = (char *)h + at;
	return 0;
}
