/*
 * gdbproto.h - the GDB remote serial protocol, independent of the machine:
 * packet framing and checksums, acks and no-ack mode, and every packet the
 * stub answers, against a target given as a table of functions (struct
 * gdb_target).  Bytes go in one at a time (gdb_proto_byte); replies go out
 * through the `send` function.  Resume packets (c, s, vCont, bc, bs, D, k)
 * are not carried out here: gdb_proto_byte returns them as an action for
 * the caller (sim/gdb/gdbsim.c) to perform, so the parser is testable and
 * fuzzable without a machine (tests/fuzz/fuzz_gdb.c).
 *
 * Depends on libc only.  Nothing but sim/gdb depends on it.
 */
#ifndef MMSIM_GDBPROTO_H
#define MMSIM_GDBPROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest packet accepted or sent (qSupported PacketSize, hex 4000). */
#define GDB_PACKET_MAX 16384

/* What the debugged machine offers the protocol.  Every function returns
 * 0 (or a count) on success and a negative number on error. */
struct gdb_target {
    void       *ctx;
    int         nregs;               /* registers in a 'g' packet, 32 bits each */
    bool        big_endian;          /* byte order of registers and siginfo */
    const char *(*xml)(void *ctx);   /* target description */
    int  (*reg)(void *ctx, uint32_t tid, int n, uint32_t *v, bool write);
    long (*mem_read)(void *ctx, uint32_t addr, uint8_t *b, uint32_t n);   /* bytes or -errno */
    int  (*mem_write)(void *ctx, uint32_t addr, const uint8_t *b, uint32_t n);
    /* Z/z type 0..4 at addr, kind (length): 0, 1 when the type is not
     * supported (empty reply), negative on error. */
    int  (*point)(void *ctx, int type, uint32_t addr, uint32_t kind, bool insert);
    int  (*threads)(void *ctx, uint32_t *tids, int max);
    /* A thread's state in words, or NULL if it does not exist. */
    const char *(*thread_info)(void *ctx, uint32_t tid);
    /* monitor command: its output (NUL-terminated, malloc'ed) or NULL. */
    char *(*monitor)(void *ctx, const char *cmd);
    /* siginfo of the last stop: bytes (at most n) or -1 if none. */
    long (*siginfo)(void *ctx, uint8_t *b, size_t n);
};

/* What the debugger asked for that the caller carries out. */
enum gdb_action {
    GA_NONE,      /* nothing (keep feeding bytes) */
    GA_CONT,      /* continue; resume_sig: signal to give (0: none) */
    GA_STEP,      /* one instruction of resume_tid */
    GA_RSTEP,     /* bs: one instruction backwards */
    GA_RCONT,     /* bc: backwards to the previous breakpoint / watchpoint */
    GA_DETACH,    /* D: detach, the guest goes on */
    GA_KILL,      /* k / vKill */
    GA_INTERRUPT, /* 0x03 while running */
};

struct gdb_proto {
    const struct gdb_target *t;
    int  (*send)(void *io, const void *b, size_t n);
    void *io;
    bool     noack;
    uint32_t g_tid;                 /* Hg: thread for g/G/p/P (0: the stopped one) */
    uint32_t stop_tid;              /* thread of the last stop */
    int      resume_sig;            /* GA_CONT/GA_STEP: the signal to deliver, 0 none */
    uint32_t resume_tid;            /* GA_STEP: thread to step */
    char     stop[256];             /* last stop reply ('?') */
    /* receiver */
    int      rx_state;
    size_t   rx_len;
    bool     rx_over;
    uint8_t  rx_sum, rx_csum;
    char     rx[GDB_PACKET_MAX + 1];
    char    *last;                  /* last packet sent (for a '-' NAK) */
    size_t   last_len;
    int      thread_iter;           /* qsThreadInfo position */
};

/* A protocol over target t; replies go to send(io, ...). */
void gdb_proto_init(struct gdb_proto *g, const struct gdb_target *t,
                    int (*send)(void *io, const void *b, size_t n), void *io);
void gdb_proto_fini(struct gdb_proto *g);
/* Feed one received byte; GA_NONE, or the action a complete packet asks. */
enum gdb_action gdb_proto_byte(struct gdb_proto *g, uint8_t c);
/* Send one packet (framed, checksummed). */
void gdb_proto_send(struct gdb_proto *g, const char *data, size_t n);
/* Send a stop reply and keep it for '?'. */
void gdb_proto_stop(struct gdb_proto *g, const char *reply);

/* Guest signal numbers (QNX) to gdb's and Linux's numbering. */
int gdb_signal_of(int qnx_sig);
int linux_signal_of(int qnx_sig);

#endif
