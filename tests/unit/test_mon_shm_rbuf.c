/*
 * test_mon_shm_rbuf.c - mon_shm's ring buffer (guest/mon_shm/rbuf.c built
 * for the host): empty, full, wrap-around, skip, and clipping.
 */
#include <criterion/criterion.h>
#include <string.h>

#include <monitor/monitor.h>

static unsigned char seg[256];
static mon_shm_rbuf R;

/* A ring of n bytes at offset 100 of seg. */
static void ring(size_t n)
{
    memset(seg, 0xee, sizeof seg);
    R = (mon_shm_rbuf){ 100, 100 + n, 100, 100 };
}

Test(rbuf, empty)
{
    ring(16);
    cr_assert_eq(mon_shm_rbuf_len(&R), 0);
    cr_assert_eq(mon_shm_rbuf_avail(&R), 15, "one byte always free");
    unsigned char d[4] = { 1, 2, 3, 4 };
    mon_shm_rbuf_read(&R, seg, d, 4);
    cr_assert_eq(d[0], 1, "reading an empty ring changes nothing");
    cr_assert_eq(R.head, R.tail);
}

Test(rbuf, full)
{
    ring(16);
    unsigned char s[20];
    for (int i = 0; i < 20; i++)
        s[i] = (unsigned char)i;
    mon_shm_rbuf_append(&R, seg, s, 20);
    cr_assert_eq(mon_shm_rbuf_len(&R), 15, "clipped at capacity");
    cr_assert_eq(mon_shm_rbuf_avail(&R), 0);
    cr_assert_neq(R.head, R.tail, "full is not empty");
    cr_assert_eq(seg[99], 0xee, "nothing written before the ring");
    cr_assert_eq(seg[116], 0xee, "nothing written after the ring");
    unsigned char d[15];
    mon_shm_rbuf_read(&R, seg, d, 15);
    cr_assert_eq(memcmp(d, s, 15), 0);
    cr_assert_eq(mon_shm_rbuf_len(&R), 0);
}

Test(rbuf, wrap_around)
{
    ring(16);
    unsigned char s[10], d[10];
    unsigned next = 0, want = 0;
    for (int round = 0; round < 50; round++) {
        size_t n = (size_t)(round % 7) + 3;      /* 3..9 bytes */
        for (size_t i = 0; i < n; i++)
            s[i] = (unsigned char)(next++ * 7);
        mon_shm_rbuf_append(&R, seg, s, n);
        cr_assert_eq(mon_shm_rbuf_len(&R), n);
        cr_assert(R.tail >= R.begin && R.tail < R.end);
        mon_shm_rbuf_read(&R, seg, d, n);
        for (size_t i = 0; i < n; i++)
            cr_assert_eq(d[i], (unsigned char)(want++ * 7), "round %d byte %zu", round, i);
    }
    cr_assert_eq(seg[116], 0xee);
}

Test(rbuf, skip)
{
    ring(8);
    unsigned char s[6] = { 1, 2, 3, 4, 5, 6 }, d[6] = {0};
    mon_shm_rbuf_append(&R, seg, s, 5);
    mon_shm_rbuf_skip(&R, 2);
    cr_assert_eq(mon_shm_rbuf_len(&R), 3);
    mon_shm_rbuf_append(&R, seg, s, 4);      /* wraps: 7 bytes of 7 */
    cr_assert_eq(mon_shm_rbuf_len(&R), 7);
    mon_shm_rbuf_skip(&R, 100);               /* clipped */
    cr_assert_eq(mon_shm_rbuf_len(&R), 0);
    cr_assert_eq(R.head, R.tail);
    mon_shm_rbuf_append(&R, seg, s, 6);
    mon_shm_rbuf_skip(&R, 4);
    mon_shm_rbuf_read(&R, seg, d, 6);
    cr_assert(d[0] == 5 && d[1] == 6 && d[2] == 0, "after a skip the read starts past it");
}
