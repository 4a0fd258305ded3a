/*
 * expect.h - `mmsim run --expect TRACE`: the run's own trace records are
 * compared, as they are written, with the records of TRACE (seq left
 * out).  At the first difference the report (the expected record, the
 * live one, the fields that differ, context) goes to stderr and the guest
 * is stopped.
 */
#ifndef MMSIM_EXPECT_H
#define MMSIM_EXPECT_H

#include <stdbool.h>
#include <stddef.h>

struct expect;

/* Open the expected trace.  At the first divergence stop(ctx, why) is
 * called so the caller can stop its guest.  NULL after printing why. */
struct expect *expect_open(const char *path, void (*stop)(void *ctx, const char *why), void *ctx);
/* The trace sink (trace_set_sink's ctx is the struct expect). */
void expect_sink(void *sim, const char *lines, size_t len);
/* End of the run: a trace that goes on is a divergence too.  Returns
 * true if the run diverged (the report has been printed). */
bool expect_close(struct expect *e);

#endif
