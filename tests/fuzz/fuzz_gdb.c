/* fuzz_gdb.c - the GDB remote protocol (sim/gdb/gdbproto.c) on any byte
 * stream: framing, checksums, acks, every packet handler, against a fake
 * target (64 KiB of memory at 0x10000, 38 registers, a thread list).  Every
 * action a packet asks for is taken as done, so the stream goes on. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gdbproto.h"

static uint8_t mem[65536];
static uint32_t regs[38];
static size_t sent;

static int f_send(void *io, const void *b, size_t n)
{
    (void)io; (void)b;
    sent += n;
    return 0;
}

static const char *f_xml(void *ctx)
{
    (void)ctx;
    return "<target><architecture>arm</architecture>$#}*</target>";
}

static int f_reg(void *ctx, uint32_t tid, int n, uint32_t *v, bool write)
{
    (void)ctx;
    if (tid > 2 || n < 0 || n >= 38)
        return -1;
    if (write)
        regs[n] = *v;
    else
        *v = regs[n];
    return 0;
}

static long f_read(void *ctx, uint32_t a, uint8_t *b, uint32_t n)
{
    (void)ctx;
    if (a < 0x10000 || a >= 0x20000)
        return -EFAULT;
    uint32_t k = 0x20000 - a < n ? 0x20000 - a : n;
    memcpy(b, mem + (a - 0x10000), k);
    return k;
}

static int f_write(void *ctx, uint32_t a, const uint8_t *b, uint32_t n)
{
    (void)ctx;
    if (a < 0x10000 || (uint64_t)a + n > 0x20000)
        return -EFAULT;
    memcpy(mem + (a - 0x10000), b, n);
    return 0;
}

static int f_point(void *ctx, int type, uint32_t addr, uint32_t kind, bool insert)
{
    (void)ctx; (void)addr; (void)insert;
    return type == 4 ? 1 : kind > 4096 ? -1 : 0;
}

static int f_threads(void *ctx, uint32_t *tids, int max)
{
    (void)ctx;
    int n = 0;
    for (uint32_t t = 1; t <= 2 && n < max; t++)
        tids[n++] = t;
    return n;
}

static const char *f_info(void *ctx, uint32_t tid)
{
    (void)ctx;
    return tid >= 1 && tid <= 2 ? "runnable" : NULL;
}

static char *f_monitor(void *ctx, const char *cmd)
{
    (void)ctx;
    size_t n = strlen(cmd);
    char *o = malloc(3 * n + 2);      /* long output: several O packets */
    if (o) {
        for (size_t i = 0; i < 3; i++)
            memcpy(o + i * n, cmd, n);
        strcpy(o + 3 * n, "\n");
    }
    return o;
}

static long f_siginfo(void *ctx, uint8_t *b, size_t n)
{
    (void)ctx;
    if (n < 128)
        return -1;
    memset(b, '#', 128);
    return 128;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    static const struct gdb_target t = {
        .nregs = 38, .big_endian = true, .xml = f_xml, .reg = f_reg, .mem_read = f_read,
        .mem_write = f_write, .point = f_point, .threads = f_threads, .thread_info = f_info,
        .monitor = f_monitor, .siginfo = f_siginfo,
    };
    struct gdb_proto *g = malloc(sizeof *g);
    if (!g)
        return 0;
    gdb_proto_init(g, &t, f_send, NULL);
    for (size_t i = 0; i < n; i++)
        (void)gdb_proto_byte(g, data[i]);
    gdb_proto_fini(g);
    free(g);
    return 0;
}
