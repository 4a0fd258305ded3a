/*
 * rbuf.c - mon_shm's byte ring buffer (see <monitor/monitor.h>).  Offsets
 * are relative to the segment; head == tail is empty and one byte stays
 * free.  tail (writer) and head (reader) are each stored once, after the
 * bytes they cover, so a reader never sees data that is not there yet.
 * Plain C with no system calls: tests/unit builds it for the host.
 */
#include <string.h>
#include <monitor/monitor.h>

size_t mon_shm_rbuf_len(mon_shm_rbuf *r)
{
	size_t cap = r->end - r->begin;
	return (r->tail + cap - r->head) % cap;
}

size_t mon_shm_rbuf_avail(mon_shm_rbuf *r)
{
	return r->end - r->begin - 1 - mon_shm_rbuf_len(r);
}

void mon_shm_rbuf_append(mon_shm_rbuf *r, void *shmaddr, void *src, size_t n)
{
	size_t avail = mon_shm_rbuf_avail(r);
	if (n > avail)
		n = avail;
	unsigned char *base = shmaddr;
	const unsigned char *s = src;
	size_t t = r->tail;
	size_t first = r->end - t < n ? r->end - t : n;
	memcpy(base + t, s, first);
	memcpy(base + r->begin, s + first, n - first);
	t += n;
	if (t >= r->end)
		t -= r->end - r->begin;
	*(volatile size_t *)&r->tail = t;
}

void mon_shm_rbuf_read(mon_shm_rbuf *r, void *shmaddr, void *dst, size_t n)
{
	size_t len = mon_shm_rbuf_len(r);
	if (n > len)
		n = len;
	const unsigned char *base = shmaddr;
	unsigned char *d = dst;
	size_t h = r->head;
	size_t first = r->end - h < n ? r->end - h : n;
	memcpy(d, base + h, first);
	memcpy(d + first, base + r->begin, n - first);
	mon_shm_rbuf_skip(r, n);
}

void mon_shm_rbuf_skip(mon_shm_rbuf *r, size_t n)
{
	size_t len = mon_shm_rbuf_len(r);
	if (n > len)
		n = len;
	size_t h = r->head + n;
	if (h >= r->end)
		h -= r->end - r->begin;
	*(volatile size_t *)&r->head = h;
}
