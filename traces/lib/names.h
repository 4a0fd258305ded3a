/*
 * names.h - symbolic names shared by the trace writers (sim/kcall,
 * sim/machine/mmtrace.c) and the trace readers (replay.c, scenario.c):
 * errno names, fault verdicts and access kinds.  Plain C: no
 * CPU, no machine.
 */
#ifndef MMSIM_TRACE_NAMES_H
#define MMSIM_TRACE_NAMES_H

#include "mmsim/memmgr.h"

/* Symbolic name of a host errno for traces ("EINVAL"). */
const char *kcall_errno_name(int e);
const char *tm_fault_kind_name(enum mm_fault_kind k);
const char *tm_access_name(unsigned access);   /* "r", "w", "x" */

#endif
