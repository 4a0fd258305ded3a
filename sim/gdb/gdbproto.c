/*
 * gdbproto.c - the GDB remote serial protocol (see gdbproto.h).
 *
 * Receiving: '$' data '#' two hex digits.  A packet whose checksum is
 * wrong gets '-' (gdb sends it again), except in no-ack mode where it is
 * dropped; a packet longer than GDB_PACKET_MAX is read to its end and
 * answered "E01"; bytes outside a packet other than 0x03 (interrupt),
 * '+' and '-' (resend the last packet) are ignored.  Unknown packets get
 * the empty reply, malformed ones "E01", a memory access the target
 * refuses "E14" (EFAULT).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdbproto.h"

enum { RX_IDLE, RX_DATA, RX_CSUM1, RX_CSUM2 };

static const char hexd[] = "0123456789abcdef";

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Parse a hex number of at most 8 digits from *s (at least one); false if none or too long. */
static bool hex32(const char **s, uint32_t *v)
{
    uint64_t x = 0;
    int n = 0;
    while (hexval(**s) >= 0) {
        x = x << 4 | (unsigned)hexval(**s);
        (*s)++;
        if (++n > 8)
            return false;
    }
    *v = (uint32_t)x;
    return n > 0;
}

/* A thread id: hex, or -1 (all) read as 0 (any). */
static bool thread_id(const char **s, uint32_t *v)
{
    if (**s == '-' && (*s)[1] == '1') {
        *s += 2;
        *v = 0;
        return true;
    }
    if (**s == 'p') {                    /* multiprocess form pPID.TID: keep TID */
        uint32_t pid;
        (*s)++;
        if (!thread_id(s, &pid))
            return false;
        if (**s != '.') {
            *v = 0;
            return true;
        }
        (*s)++;
    }
    return hex32(s, v);
}

void gdb_proto_init(struct gdb_proto *g, const struct gdb_target *t,
                    int (*send)(void *io, const void *b, size_t n), void *io)
{
    memset(g, 0, sizeof *g);
    g->t = t;
    g->send = send;
    g->io = io;
    snprintf(g->stop, sizeof g->stop, "S05");
}

void gdb_proto_fini(struct gdb_proto *g)
{
    free(g->last);
    g->last = NULL;
}

void gdb_proto_send(struct gdb_proto *g, const char *data, size_t n)
{
    char *pkt = malloc(n + 4);
    if (!pkt)
        return;
    uint8_t sum = 0;
    pkt[0] = '$';
    for (size_t i = 0; i < n; i++) {
        pkt[1 + i] = data[i];
        sum = (uint8_t)(sum + (uint8_t)data[i]);
    }
    pkt[n + 1] = '#';
    pkt[n + 2] = hexd[sum >> 4];
    pkt[n + 3] = hexd[sum & 15];
    g->send(g->io, pkt, n + 4);
    free(g->last);
    g->last = pkt;
    g->last_len = n + 4;
}

static void reply(struct gdb_proto *g, const char *s)
{
    gdb_proto_send(g, s, strlen(s));
}

void gdb_proto_stop(struct gdb_proto *g, const char *r)
{
    snprintf(g->stop, sizeof g->stop, "%s", r);
    reply(g, r);
}

int gdb_signal_of(int sig)
{
    /* QNX 1..15 are gdb's numbers; USR1 16, USR2 17, CHLD 18 differ. */
    if (sig >= 1 && sig <= 15)
        return sig;
    switch (sig) {
    case 16: return 30;
    case 17: return 31;
    case 18: return 20;
    default: return 143;                  /* GDB_SIGNAL_UNKNOWN */
    }
}

int linux_signal_of(int sig)
{
    switch (sig) {
    case 10: return 7;                    /* SIGBUS */
    case 7:  return 0;                    /* SIGEMT: none on Linux */
    case 12: return 31;                   /* SIGSYS */
    case 16: return 10;
    case 17: return 12;
    case 18: return 17;
    default: return sig;
    }
}

/* Hex of n bytes into out (2n + 1 bytes). */
static void tohex(char *out, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hexd[b[i] >> 4];
        out[2 * i + 1] = hexd[b[i] & 15];
    }
    out[2 * n] = 0;
}

/* Decode 2n hex digits; false on a bad digit. */
static bool fromhex(uint8_t *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int h = hexval(s[2 * i]), l = h < 0 ? -1 : hexval(s[2 * i + 1]);
        if (h < 0 || l < 0)
            return false;
        b[i] = (uint8_t)(h << 4 | l);
    }
    return true;
}

/* A 32-bit register value as 8 hex digits in target order. */
static void reghex(const struct gdb_proto *g, char *out, uint32_t v)
{
    uint8_t b[4];
    for (int i = 0; i < 4; i++)
        b[i] = (uint8_t)(g->t->big_endian ? v >> (24 - 8 * i) : v >> (8 * i));
    tohex(out, b, 4);
}

static bool hexreg(const struct gdb_proto *g, const char *s, uint32_t *v)
{
    uint8_t b[4];
    if (!fromhex(b, s, 4))
        return false;
    *v = 0;
    for (int i = 0; i < 4; i++)
        *v |= (uint32_t)b[i] << (g->t->big_endian ? 24 - 8 * i : 8 * i);
    return true;
}

static uint32_t reg_tid(const struct gdb_proto *g)
{
    return g->g_tid ? g->g_tid : g->stop_tid;
}

/* m addr,len */
static void cmd_read_mem(struct gdb_proto *g, const char *a)
{
    uint32_t addr, len;
    if (!hex32(&a, &addr) || *a++ != ',' || !hex32(&a, &len) || *a) {
        reply(g, "E01");
        return;
    }
    if ((uint64_t)addr + len > (1ull << 32) && len) {   /* wraps past 0xffffffff */
        reply(g, "E01");
        return;
    }
    if (len > (GDB_PACKET_MAX - 8) / 2)
        len = (GDB_PACKET_MAX - 8) / 2;
    if (len == 0) {
        reply(g, "");
        return;
    }
    uint8_t *b = malloc(len);
    char *h = malloc(2 * (size_t)len + 1);
    long n = b && h ? g->t->mem_read(g->t->ctx, addr, b, len) : -ENOMEM;
    if (n <= 0)
        reply(g, "E14");
    else {
        tohex(h, b, (size_t)n);
        reply(g, h);
    }
    free(b);
    free(h);
}

/* M addr,len:hex and X addr,len:binary (bin: escaped with '}'). */
static void cmd_write_mem(struct gdb_proto *g, const char *a, size_t n, bool bin)
{
    const char *end = a + n;
    uint32_t addr, len;
    if (!hex32(&a, &addr) || *a++ != ',' || !hex32(&a, &len) || *a++ != ':') {
        reply(g, "E01");
        return;
    }
    if (len && (uint64_t)addr + len > (1ull << 32)) {
        reply(g, "E01");
        return;
    }
    if (len > GDB_PACKET_MAX) {
        reply(g, "E01");
        return;
    }
    uint8_t *b = malloc(len ? len : 1);
    if (!b) {
        reply(g, "E01");
        return;
    }
    size_t got = 0;
    bool ok = true;
    if (bin) {
        while (a < end && got < len) {
            uint8_t c = (uint8_t)*a++;
            if (c == '}') {
                if (a >= end) {
                    ok = false;
                    break;
                }
                c = (uint8_t)(*a++ ^ 0x20);
            }
            b[got++] = c;
        }
        ok = ok && got == len && a == end;
    } else {
        ok = (size_t)(end - a) == 2 * (size_t)len && fromhex(b, a, len);
    }
    if (!ok)
        reply(g, "E01");
    else if (len == 0)
        reply(g, "OK");
    else
        reply(g, g->t->mem_write(g->t->ctx, addr, b, len) == 0 ? "OK" : "E14");
    free(b);
}

static void cmd_read_regs(struct gdb_proto *g)
{
    char *out = malloc((size_t)g->t->nregs * 8 + 1);
    if (!out) {
        reply(g, "E01");
        return;
    }
    for (int i = 0; i < g->t->nregs; i++) {
        uint32_t v = 0;
        if (g->t->reg(g->t->ctx, reg_tid(g), i, &v, false) != 0) {
            free(out);
            reply(g, "E01");
            return;
        }
        reghex(g, out + 8 * i, v);
    }
    out[8 * g->t->nregs] = 0;
    reply(g, out);
    free(out);
}

static void cmd_write_regs(struct gdb_proto *g, const char *a, size_t n)
{
    if (n != (size_t)g->t->nregs * 8) {
        reply(g, "E01");
        return;
    }
    uint32_t v[256];
    for (int i = 0; i < g->t->nregs && i < 256; i++)
        if (!hexreg(g, a + 8 * i, &v[i])) {
            reply(g, "E01");
            return;
        }
    for (int i = 0; i < g->t->nregs && i < 256; i++)
        if (g->t->reg(g->t->ctx, reg_tid(g), i, &v[i], true) != 0) {
            reply(g, "E01");
            return;
        }
    reply(g, "OK");
}

/* p n  /  P n=v */
static void cmd_reg(struct gdb_proto *g, const char *a, bool write)
{
    uint32_t n, v = 0;
    if (!hex32(&a, &n) || n >= (uint32_t)g->t->nregs) {
        reply(g, "E01");
        return;
    }
    if (write) {
        if (*a++ != '=' || strlen(a) != 8 || !hexreg(g, a, &v)) {
            reply(g, "E01");
            return;
        }
        reply(g, g->t->reg(g->t->ctx, reg_tid(g), (int)n, &v, true) == 0 ? "OK" : "E01");
        return;
    }
    if (*a || g->t->reg(g->t->ctx, reg_tid(g), (int)n, &v, false) != 0) {
        reply(g, "E01");
        return;
    }
    char h[9];
    reghex(g, h, v);
    reply(g, h);
}

/* Z/z type,addr,kind */
static void cmd_point(struct gdb_proto *g, const char *a, bool insert)
{
    uint32_t type, addr, kind;
    if (!hex32(&a, &type) || *a++ != ',' || !hex32(&a, &addr) || *a++ != ',' || !hex32(&a, &kind)) {
        reply(g, "E01");
        return;
    }
    if (type > 4) {
        reply(g, "");
        return;
    }
    int rc = g->t->point(g->t->ctx, (int)type, addr, kind, insert);
    reply(g, rc == 0 ? "OK" : rc == 1 ? "" : "E01");
}

/* An escaped binary qXfer reply: 'm' or 'l' then data[off, off+len). */
static void xfer_reply(struct gdb_proto *g, const uint8_t *data, size_t size, uint32_t off, uint32_t len)
{
    if (off > size) {
        reply(g, "E01");
        return;
    }
    size_t n = size - off;
    if (n > len)
        n = len;
    if (n > GDB_PACKET_MAX / 2 - 2)
        n = GDB_PACKET_MAX / 2 - 2;
    char *out = malloc(2 * n + 2);
    if (!out) {
        reply(g, "E01");
        return;
    }
    size_t o = 0;
    out[o++] = off + n < size ? 'm' : 'l';
    for (size_t i = 0; i < n; i++) {
        uint8_t c = data[off + i];
        if (c == '$' || c == '#' || c == '}' || c == '*') {
            out[o++] = '}';
            c ^= 0x20;
        }
        out[o++] = (char)c;
    }
    gdb_proto_send(g, out, o);
    free(out);
}

/* qXfer:OBJECT:read:ANNEX:off,len */
static void cmd_xfer(struct gdb_proto *g, const char *a)
{
    const char *p;
    uint32_t off, len;
    if (!strncmp(a, "features:read:target.xml:", 25)) {
        p = a + 25;
        if (!hex32(&p, &off) || *p++ != ',' || !hex32(&p, &len) || *p) {
            reply(g, "E01");
            return;
        }
        const char *x = g->t->xml(g->t->ctx);
        xfer_reply(g, (const uint8_t *)x, strlen(x), off, len);
        return;
    }
    if (!strncmp(a, "features:read:", 14)) {
        reply(g, "E00");                              /* no other annex */
        return;
    }
    if (!strncmp(a, "siginfo:read::", 14)) {
        p = a + 14;
        if (!hex32(&p, &off) || *p++ != ',' || !hex32(&p, &len) || *p) {
            reply(g, "E01");
            return;
        }
        uint8_t si[128];
        long n = g->t->siginfo(g->t->ctx, si, sizeof si);
        if (n < 0)
            reply(g, "E01");
        else
            xfer_reply(g, si, (size_t)n, off, len);
        return;
    }
    reply(g, "");
}

/* qRcmd,hex: the output as O packets, then OK. */
static void cmd_monitor(struct gdb_proto *g, const char *a)
{
    size_t n = strlen(a);
    if (n % 2 || n / 2 > 1024) {
        reply(g, "E01");
        return;
    }
    char cmd[1025];
    if (!fromhex((uint8_t *)cmd, a, n / 2)) {
        reply(g, "E01");
        return;
    }
    cmd[n / 2] = 0;
    if (strlen(cmd) != n / 2) {                       /* an embedded NUL */
        reply(g, "E01");
        return;
    }
    char *out = g->t->monitor(g->t->ctx, cmd);
    if (!out) {
        reply(g, "E01");
        return;
    }
    size_t len = strlen(out);
    char pkt[1 + 2 * 1024 + 1];
    for (size_t i = 0; i < len; i += 1024) {
        size_t c = len - i < 1024 ? len - i : 1024;
        pkt[0] = 'O';
        tohex(pkt + 1, (const uint8_t *)out + i, c);
        reply(g, pkt);
    }
    free(out);
    reply(g, "OK");
}

static void cmd_thread_list(struct gdb_proto *g, bool first)
{
    uint32_t tids[256];
    int n = g->t->threads(g->t->ctx, tids, 256);
    if (first)
        g->thread_iter = 0;
    if (g->thread_iter >= n || n <= 0) {
        reply(g, "l");
        return;
    }
    char out[256 * 9 + 2];
    size_t o = 0;
    out[o++] = 'm';
    for (int i = g->thread_iter; i < n; i++)
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%x", i > g->thread_iter ? "," : "", tids[i]);
    g->thread_iter = n;
    gdb_proto_send(g, out, o);
}

/* c/s/C/S with an optional signal and resume address. */
static enum gdb_action cmd_resume(struct gdb_proto *g, char op, const char *a)
{
    uint32_t sig = 0, addr;
    if (op == 'C' || op == 'S') {
        if (!hex32(&a, &sig) || sig > 255) {
            reply(g, "E01");
            return GA_NONE;
        }
        if (*a == ';')
            a++;
    }
    if (*a) {                                       /* resume at addr: write the PC */
        if (!hex32(&a, &addr) || *a) {
            reply(g, "E01");
            return GA_NONE;
        }
        reply(g, "E01");                            /* not supported: gdb writes the PC itself */
        return GA_NONE;
    }
    g->resume_sig = (int)sig;
    g->resume_tid = g->stop_tid;
    return (op == 'c' || op == 'C') ? GA_CONT : GA_STEP;
}

/* vCont;ACTION[:TID];... : a step for any thread steps it, else continue. */
static enum gdb_action cmd_vcont(struct gdb_proto *g, const char *a)
{
    enum gdb_action act = GA_NONE;
    int sig = 0;
    uint32_t step_tid = 0;
    while (*a == ';') {
        a++;
        char op = *a++;
        uint32_t s = 0, tid = 0;
        if (op == 'C' || op == 'S') {
            if (!hex32(&a, &s) || s > 255) {
                reply(g, "E01");
                return GA_NONE;
            }
        } else if (op != 'c' && op != 's') {
            reply(g, "E01");                        /* t, r: not supported */
            return GA_NONE;
        }
        if (*a == ':') {
            a++;
            if (!thread_id(&a, &tid)) {
                reply(g, "E01");
                return GA_NONE;
            }
        }
        if ((op == 's' || op == 'S') && act != GA_STEP) {
            act = GA_STEP;
            step_tid = tid;
            sig = (int)s;
        } else if (act == GA_NONE) {
            act = GA_CONT;
            if (!tid || tid == g->stop_tid || !sig)
                sig = (int)s;
        }
    }
    if (*a || act == GA_NONE) {
        reply(g, "E01");
        return GA_NONE;
    }
    g->resume_sig = sig;
    g->resume_tid = step_tid ? step_tid : g->stop_tid;
    return act;
}

static enum gdb_action handle(struct gdb_proto *g, char *pkt, size_t n)
{
    char tmp[64];
    pkt[n] = 0;
    if (strlen(pkt) != n && pkt[0] != 'X') {        /* NUL inside a text packet */
        reply(g, "E01");
        return GA_NONE;
    }
    switch (pkt[0]) {
    case '?':
        reply(g, g->stop);
        return GA_NONE;
    case 'g':
        if (n != 1)
            break;
        cmd_read_regs(g);
        return GA_NONE;
    case 'G':
        cmd_write_regs(g, pkt + 1, n - 1);
        return GA_NONE;
    case 'p':
    case 'P':
        cmd_reg(g, pkt + 1, pkt[0] == 'P');
        return GA_NONE;
    case 'm':
        cmd_read_mem(g, pkt + 1);
        return GA_NONE;
    case 'M':
    case 'X':
        cmd_write_mem(g, pkt + 1, n - 1, pkt[0] == 'X');
        return GA_NONE;
    case 'c': case 's': case 'C': case 'S':
        return cmd_resume(g, pkt[0], pkt + 1);
    case 'Z':
    case 'z':
        cmd_point(g, pkt + 1, pkt[0] == 'Z');
        return GA_NONE;
    case 'H': {
        const char *a = pkt + 2;
        uint32_t tid;
        if ((pkt[1] != 'g' && pkt[1] != 'c') || !thread_id(&a, &tid) || *a) {
            reply(g, "E01");
            return GA_NONE;
        }
        if (tid && !g->t->thread_info(g->t->ctx, tid)) {
            reply(g, "E01");
            return GA_NONE;
        }
        if (pkt[1] == 'g')
            g->g_tid = tid;
        reply(g, "OK");
        return GA_NONE;
    }
    case 'T': {
        const char *a = pkt + 1;
        uint32_t tid;
        if (!thread_id(&a, &tid) || *a)
            reply(g, "E01");
        else
            reply(g, g->t->thread_info(g->t->ctx, tid) ? "OK" : "E01");
        return GA_NONE;
    }
    case 'D':
        reply(g, "OK");
        return GA_DETACH;
    case 'k':
        return GA_KILL;
    case 'b':
        if (!strcmp(pkt, "bs"))
            return GA_RSTEP;
        if (!strcmp(pkt, "bc"))
            return GA_RCONT;
        break;
    case 'v':
        if (!strcmp(pkt, "vCont?")) {
            reply(g, "vCont;c;C;s;S");
            return GA_NONE;
        }
        if (!strncmp(pkt, "vCont;", 6))
            return cmd_vcont(g, pkt + 5);
        if (!strncmp(pkt, "vKill", 5)) {
            reply(g, "OK");
            return GA_KILL;
        }
        break;
    case 'q':
        if (!strncmp(pkt, "qSupported", 10)) {
            snprintf(tmp, sizeof tmp, "PacketSize=%x;", GDB_PACKET_MAX);
            char out[256];
            snprintf(out, sizeof out, "%sqXfer:features:read+;qXfer:siginfo:read+;"
                     "QStartNoAckMode+;ReverseStep+;ReverseContinue+", tmp);
            reply(g, out);
            return GA_NONE;
        }
        if (!strncmp(pkt, "qXfer:", 6)) {
            cmd_xfer(g, pkt + 6);
            return GA_NONE;
        }
        if (!strcmp(pkt, "qC")) {
            snprintf(tmp, sizeof tmp, "QC%x", g->stop_tid);
            reply(g, tmp);
            return GA_NONE;
        }
        if (!strcmp(pkt, "qfThreadInfo") || !strcmp(pkt, "qsThreadInfo")) {
            cmd_thread_list(g, pkt[1] == 'f');
            return GA_NONE;
        }
        if (!strncmp(pkt, "qThreadExtraInfo,", 17)) {
            const char *a = pkt + 17;
            uint32_t tid;
            const char *info;
            if (!thread_id(&a, &tid) || *a || !(info = g->t->thread_info(g->t->ctx, tid))) {
                reply(g, "E01");
                return GA_NONE;
            }
            char out[2 * 128 + 1];
            size_t l = strlen(info) < 128 ? strlen(info) : 128;
            tohex(out, (const uint8_t *)info, l);
            reply(g, out);
            return GA_NONE;
        }
        if (!strcmp(pkt, "qAttached")) {
            reply(g, "0");                           /* created by mmsim: quit kills it */
            return GA_NONE;
        }
        if (!strncmp(pkt, "qRcmd,", 6)) {
            cmd_monitor(g, pkt + 6);
            return GA_NONE;
        }
        break;
    case 'Q':
        if (!strcmp(pkt, "QStartNoAckMode")) {
            reply(g, "OK");
            g->noack = true;
            return GA_NONE;
        }
        break;
    default:
        break;
    }
    reply(g, "");
    return GA_NONE;
}

enum gdb_action gdb_proto_byte(struct gdb_proto *g, uint8_t c)
{
    switch (g->rx_state) {
    case RX_IDLE:
        if (c == '$') {
            g->rx_state = RX_DATA;
            g->rx_len = 0;
            g->rx_sum = 0;
            g->rx_over = false;
        } else if (c == 0x03) {
            return GA_INTERRUPT;
        } else if (c == '-' && !g->noack && g->last) {
            g->send(g->io, g->last, g->last_len);
        }
        return GA_NONE;
    case RX_DATA:
        if (c == '#') {
            g->rx_state = RX_CSUM1;
            return GA_NONE;
        }
        g->rx_sum = (uint8_t)(g->rx_sum + c);
        if (g->rx_len < GDB_PACKET_MAX)
            g->rx[g->rx_len++] = (char)c;
        else
            g->rx_over = true;
        return GA_NONE;
    case RX_CSUM1:
        if (hexval(c) < 0) {
            g->rx_state = RX_IDLE;
            if (!g->noack)
                g->send(g->io, "-", 1);
            return GA_NONE;
        }
        g->rx_csum = (uint8_t)(hexval(c) << 4);
        g->rx_state = RX_CSUM2;
        return GA_NONE;
    default: {
        g->rx_state = RX_IDLE;
        int l = hexval(c);
        bool good = l >= 0 && (uint8_t)(g->rx_csum | l) == g->rx_sum;
        if (!good) {
            if (!g->noack)
                g->send(g->io, "-", 1);
            return GA_NONE;
        }
        if (!g->noack)
            g->send(g->io, "+", 1);
        if (g->rx_over) {
            reply(g, "E01");
            return GA_NONE;
        }
        return handle(g, g->rx, g->rx_len);
    }
    }
}
