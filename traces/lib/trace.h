/*
 * trace.h - JSON Lines trace writer.  One record per line; fields appear in
 * the order the caller emits them, so the same run gives the same bytes.
 * Every record starts with "seq" (a counter) and "ev" (the event name).
 * Records may nest (begin inside an open record, up to 8 deep): a record's
 * line is written before the lines of the records nested in it.
 * A NULL trace accepts every call and writes nothing.
 * The format itself is documented in traces/README.md.
 */
#ifndef MMSIM_TRACE_H
#define MMSIM_TRACE_H

#include <stddef.h>
#include <stdint.h>

struct trace;

/* Format version written in the "machine" header (traces/README.md). */
#define TRACE_FORMAT 2
/* mmsim's own version, also in the header. */
#define MMSIM_VERSION "0.2"

/* Open `path` for writing (truncating); NULL path: write no file (a sink
 * only).  NULL and *err = errno on failure. */
struct trace *trace_open(const char *path, int *err);
/* Receiver of every finished group of lines (an outermost record and the
 * records nested in it), called in file order: `mmsim run --expect`. */
typedef void (*trace_sink_fn)(void *ctx, const char *lines, size_t len);
void trace_set_sink(struct trace *t, trace_sink_fn fn, void *ctx);
/* Flush and close; returns 0 or -errno if anything failed to write. */
int trace_close(struct trace *t);

/* Start a record with its event name. */
void trace_begin(struct trace *t, const char *ev);
/* End the record and write the line. */
void trace_end(struct trace *t);
/* Fields of the current record (or of the open nested object).  key is
 * NULL for array elements.  The _k forms take the key's length; the
 * inline wrappers let the compiler count a literal key's length. */
void trace_int_k(struct trace *t, const char *key, size_t kl, int64_t v);
void trace_uint_k(struct trace *t, const char *key, size_t kl, uint64_t v);
void trace_hex_k(struct trace *t, const char *key, size_t kl, uint64_t v);
void trace_bool_k(struct trace *t, const char *key, size_t kl, int v);
void trace_strn_k(struct trace *t, const char *key, size_t kl, const char *s, size_t n);
void trace_obj_begin_k(struct trace *t, const char *key, size_t kl);
void trace_obj_end(struct trace *t);
void trace_arr_begin_k(struct trace *t, const char *key, size_t kl);
void trace_arr_end(struct trace *t);

static inline size_t trace_klen_(const char *k)
{
    return k ? __builtin_strlen(k) : 0;
}
static inline void trace_int(struct trace *t, const char *k, int64_t v)
{
    trace_int_k(t, k, trace_klen_(k), v);
}
static inline void trace_uint(struct trace *t, const char *k, uint64_t v)
{
    trace_uint_k(t, k, trace_klen_(k), v);
}
static inline void trace_hex(struct trace *t, const char *k, uint64_t v)
{
    trace_hex_k(t, k, trace_klen_(k), v);
}
static inline void trace_bool(struct trace *t, const char *k, int v)
{
    trace_bool_k(t, k, trace_klen_(k), v);
}
/* A NUL-terminated string, or null for NULL. */
void trace_str_k(struct trace *t, const char *key, size_t kl, const char *s);
static inline void trace_str(struct trace *t, const char *k, const char *s)
{
    trace_str_k(t, k, trace_klen_(k), s);
}
static inline void trace_strn(struct trace *t, const char *k, const char *s, size_t n)
{
    trace_strn_k(t, k, trace_klen_(k), s, n);
}
static inline void trace_obj_begin(struct trace *t, const char *k)
{
    trace_obj_begin_k(t, k, trace_klen_(k));
}
static inline void trace_arr_begin(struct trace *t, const char *k)
{
    trace_arr_begin_k(t, k, trace_klen_(k));
}

#endif
