/* test_phys.c - RAM banks, device windows, copies and 32-bit accessors. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mmsim/frames.h"
#include "mmsim/phys.h"

#define MiB (1ull << 20)
#define GiB (1ull << 30)

/* Resident set size in bytes, from /proc/self/statm. */
static uint64_t rss(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    cr_assert_not_null(f);
    unsigned long size = 0, res = 0;
    cr_assert_eq(fscanf(f, "%lu %lu", &size, &res), 2);
    fclose(f);
    return (uint64_t)res * (uint64_t)sysconf(_SC_PAGESIZE);
}

Test(phys, init_rejects_bad_sizes)
{
    struct phys p;
    cr_expect_eq(phys_init(&p, 0), -EINVAL);
    cr_expect_eq(phys_init(&p, 512 * 1024), -EINVAL);
    cr_expect_eq(phys_init(&p, 4 * MiB + 100), -EINVAL);
    cr_expect_eq(phys_init(&p, 3 * GiB + 4096), -EINVAL);
    cr_expect_eq(phys_init(&p, 4 * GiB), -EINVAL);
}

Test(phys, banks_layout)
{
    struct phys p;
    cr_assert_eq(phys_init(&p, 3 * GiB), 0);
    cr_expect_eq(p.nbanks, 3);
    for (int i = 0; i < 3; i++) {
        cr_expect_eq(p.bank[i].base, (uint64_t)i * GiB);
        cr_expect_eq(p.bank[i].size, GiB);
        cr_expect_not_null(p.bank[i].host);
    }
    cr_expect_eq(p.ram_size, 3 * GiB);
    phys_fini(&p);
    cr_assert_eq(phys_init(&p, GiB + 64 * MiB), 0);
    cr_expect_eq(p.nbanks, 2);
    cr_expect_eq(p.bank[1].base, GiB);
    cr_expect_eq(p.bank[1].size, 64 * MiB);
    phys_fini(&p);
    cr_assert_eq(phys_init(&p, MiB), 0);
    cr_expect_eq(p.nbanks, 1);
    phys_fini(&p);
}

Test(phys, two_gib_costs_no_memory)
{
    struct phys p;
    struct frames f;
    uint64_t before = rss();
    cr_assert_eq(phys_init(&p, 2 * GiB), 0);
    cr_assert_eq(frames_init(&f, &p), 0);
    frames_fragment(&f, 42);
    uint64_t after = rss();
    cr_expect_lt(after - before, 8 * MiB, "init cost %llu bytes of RSS",
                 (unsigned long long)(after - before));
    /* Touch 16 MiB spread over both banks: RSS grows by about that. */
    for (uint64_t pa = 0; pa < 8 * MiB; pa += 4096)
        cr_assert_eq(phys_write32(&p, pa, false, 1), 0);
    for (uint64_t pa = GiB + 512 * MiB; pa < GiB + 520 * MiB; pa += 4096)
        cr_assert_eq(phys_write32(&p, pa, false, 1), 0);
    uint64_t touched = rss();
    cr_expect_lt(touched - before, 40 * MiB, "16 MiB touched cost %llu bytes",
                 (unsigned long long)(touched - before));
    frames_fini(&f);
    phys_fini(&p);
}

Test(phys, read_write_span_banks)
{
    struct phys p;
    cr_assert_eq(phys_init(&p, GiB + 4 * MiB), 0);
    uint8_t src[8192], dst[8192];
    for (size_t i = 0; i < sizeof(src); i++)
        src[i] = (uint8_t)(i * 7 + 3);
    paddr_t pa = GiB - 5000;
    cr_assert_eq(phys_write(&p, pa, src, sizeof(src)), 0);
    cr_expect_eq(memcmp(p.bank[0].host + (GiB - 5000), src, 5000), 0);
    cr_expect_eq(memcmp(p.bank[1].host, src + 5000, sizeof(src) - 5000), 0);
    memset(dst, 0, sizeof(dst));
    cr_assert_eq(phys_read(&p, pa, dst, sizeof(dst)), 0);
    cr_expect_eq(memcmp(src, dst, sizeof(src)), 0);
    /* phys_host only within one bank. */
    cr_expect_null(phys_host(&p, pa, sizeof(src)));
    cr_expect_eq(phys_host(&p, GiB, 16), p.bank[1].host);
    cr_expect_eq(phys_host(&p, GiB - 16, 16), p.bank[0].host + GiB - 16);
    /* zero across the boundary */
    cr_assert_eq(phys_zero(&p, GiB - 100, 200), 0);
    cr_assert_eq(phys_read(&p, GiB - 100, dst, 200), 0);
    for (int i = 0; i < 200; i++)
        cr_expect_eq(dst[i], 0);
    cr_expect_eq(phys_kind(&p, pa, sizeof(src)), PHYS_RAM);
    phys_fini(&p);
}

Test(phys, out_of_range_is_efault)
{
    struct phys p;
    cr_assert_eq(phys_init(&p, 16 * MiB), 0);
    uint8_t b[16] = { 1, 2, 3 };
    cr_expect_eq(phys_write(&p, 16 * MiB - 8, b, 16), -EFAULT);
    cr_expect_eq(phys_read(&p, 16 * MiB, b, 1), -EFAULT);
    cr_expect_eq(phys_zero(&p, ~0ull - 4, 16), -EFAULT);
    cr_expect_eq(phys_read(&p, 16 * MiB - 16, b, 16), 0);
    cr_expect_eq(phys_read(&p, 0, b, 0), 0);
    uint32_t v;
    cr_expect_eq(phys_read32(&p, 16 * MiB - 2, false, &v), -EFAULT);
    cr_expect_eq(phys_write32(&p, 0xC0000000, false, 1), -EFAULT);
    cr_expect_null(phys_host(&p, 16 * MiB - 4, 8));
    phys_fini(&p);
}

Test(phys, endian_accessors)
{
    struct phys p;
    cr_assert_eq(phys_init(&p, GiB + MiB), 0);
    uint32_t v;
    cr_assert_eq(phys_write32(&p, 0x1000, false, 0x11223344), 0);
    cr_expect_eq(p.bank[0].host[0x1000], 0x44);
    cr_expect_eq(p.bank[0].host[0x1003], 0x11);
    cr_assert_eq(phys_read32(&p, 0x1000, false, &v), 0);
    cr_expect_eq(v, 0x11223344);
    cr_assert_eq(phys_read32(&p, 0x1000, true, &v), 0);
    cr_expect_eq(v, 0x44332211);
    cr_assert_eq(phys_write32(&p, 0x2000, true, 0xA1B2C3D4), 0);
    cr_expect_eq(p.bank[0].host[0x2000], 0xA1);
    cr_expect_eq(p.bank[0].host[0x2003], 0xD4);
    /* a word straddling the bank boundary */
    cr_assert_eq(phys_write32(&p, GiB - 2, true, 0xCAFEBABE), 0);
    cr_expect_eq(p.bank[0].host[GiB - 1], 0xFE);
    cr_expect_eq(p.bank[1].host[0], 0xBA);
    cr_assert_eq(phys_read32(&p, GiB - 2, true, &v), 0);
    cr_expect_eq(v, 0xCAFEBABE);
    phys_fini(&p);
}

Test(phys, device_windows)
{
    struct phys p;
    cr_assert_eq(phys_init(&p, 64 * MiB), 0);
    cr_expect_eq(phys_add_device(&p, 0xB0000000, 0x1000, "low"), -EINVAL);
    cr_expect_eq(phys_add_device(&p, 0xC0000800, 0x1000, "unaligned"), -EINVAL);
    cr_expect_eq(phys_add_device(&p, 0xC0000000, 0x800, "short"), -EINVAL);
    cr_expect_eq(phys_add_device(&p, 0xC0000000, 0, "empty"), -EINVAL);
    cr_expect_eq(phys_add_device(&p, 0xFFFFF000, 0x2000, "wrap"), -EINVAL);
    cr_expect_eq(phys_add_device(&p, 0x100000000ull, 0x1000, "high"), -EINVAL);
    cr_assert_eq(phys_add_device(&p, 0xC0000000, 0x10000, "dma"), 0);
    cr_expect_eq(phys_add_device(&p, 0xC000F000, 0x1000, "overlap"), -EINVAL);
    cr_expect_eq(phys_add_device(&p, 0xBFFFF000, 0x2000, "overlap-low"), -EINVAL);
    cr_assert_eq(phys_add_device(&p, 0xC0010000, 0x1000,
                                 "a-very-long-device-name-that-does-not-fit"), 0);
    cr_expect_eq(p.ndevs, 2);
    cr_expect_str_eq(p.dev[0].name, "dma");
    cr_expect_eq(strlen(p.dev[1].name), sizeof(p.dev[1].name) - 1);
    cr_expect_eq(phys_kind(&p, 0xC0000000, 0x10000), PHYS_DEVICE);
    cr_expect_eq(phys_kind(&p, 0xC000FFFC, 4), PHYS_DEVICE);
    /* spanning two adjacent windows is not "inside one window" */
    cr_expect_eq(phys_kind(&p, 0xC000F000, 0x2000), PHYS_NONE);
    cr_expect_eq(phys_kind(&p, 0xC0011000, 4), PHYS_NONE);
    cr_expect_eq(phys_kind(&p, 0, 64 * MiB), PHYS_RAM);
    cr_expect_eq(phys_kind(&p, 64 * MiB - 4, 8), PHYS_NONE);
    cr_expect_eq(phys_kind(&p, 64 * MiB, 4), PHYS_NONE);
    /* devices are not RAM: copies refuse them */
    uint32_t v;
    cr_expect_eq(phys_read32(&p, 0xC0000000, false, &v), -EFAULT);
    cr_expect_null(phys_host(&p, 0xC0000000, 4));
    for (int i = 2; i < PHYS_MAX_DEVICES; i++)
        cr_assert_eq(phys_add_device(&p, 0xD0000000ull + (uint64_t)i * 0x1000, 0x1000, "x"), 0);
    cr_expect_eq(phys_add_device(&p, 0xE0000000, 0x1000, "full"), -ENOSPC);
    phys_fini(&p);
}

Test(phys, fresh_ram_reads_zero)
{
    struct phys p;
    cr_assert_eq(phys_init(&p, 2 * GiB), 0);
    uint32_t v = 1;
    cr_assert_eq(phys_read32(&p, 2 * GiB - 4, false, &v), 0);
    cr_expect_eq(v, 0);
    phys_fini(&p);
}
