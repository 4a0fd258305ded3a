/*
 * arch.c - the table of CPU glue per flavour.
 */
#include "sim.h"

extern const struct arch_ops arch_armv5, arch_armv6, arch_armv7;

const struct arch_ops *arch_for(enum mmsim_cpu cpu)
{
    switch (cpu) {
    case CPU_ARMV5: return &arch_armv5;
    case CPU_ARMV6: return &arch_armv6;
    case CPU_ARMV7: return &arch_armv7;
    default:        return NULL;
    }
}
