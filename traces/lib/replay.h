/*
 * replay.h - re-drive the memory manager from trace records, with no CPU
 * (`mmsim replay`, and `mmsim scenario` through the same table).
 *
 * A replay owns a machine built like sim_init's (RAM, frames, MMU, memory
 * manager) from the trace's "machine" header.  Each record is handled by
 * its entry in the event table (replay.c): "mm" records are re-issued
 * (ops table) and their results compared, "pte"/"rc" records are compared
 * with the PTE writes the replayed calls made, and the other events are
 * listed as compared-only or informational.  An event name in no table
 * entry is refused.
 */
#ifndef MMSIM_REPLAY_H
#define MMSIM_REPLAY_H

#include <stdbool.h>
#include <stdio.h>

struct replay;
struct tf_reader;

/* partial: compare only the result fields a record has (scenarios);
 * otherwise every field must agree both ways. */
struct replay *replay_new(bool partial);
void replay_free(struct replay *rp);
/* Handle the record r has just read: 0 agrees, 1 divergence (see
 * replay_report), -1 refused as malformed (r->err). */
int replay_event(struct replay *rp, struct tf_reader *r);
/* End of input: 1 if the replayed calls made PTE writes nobody recorded. */
int replay_finish(struct replay *rp, struct tf_reader *r);
/* Print the last divergence: the event, recorded vs now, context. */
void replay_report(const struct replay *rp, FILE *out);
/* Short text of the last divergence ("<rec>: ...; <now>: ..."). */
const char *replay_what(const struct replay *rp, const char *rec, const char *now);
/* Counters for the summary line. */
void replay_counts(const struct replay *rp, unsigned long long *events,
                   unsigned long long *driven, unsigned long long *ptes);

/* Names of the memory-manager ops (for scenario's messages) and the
 * argument schema of one: "name:s oflag:x mode:x" (x hex/symbolic, d int,
 * b bool, s string), or NULL if unknown. */
const char *replay_op_args(const char *op);
const char *replay_op_outputs(const char *op);
void replay_list_ops(FILE *out);

/* `mmsim replay TRACE`: exit status 0 identical, 1 divergence, 2 refused. */
int replay_main(int argc, char **argv);

#endif
