/*
 * arch.c - the table of CPU glue per flavour.
 */
#include "sim.h"

extern const struct arch_ops arch_armv5, arch_armv6, arch_armv7, arch_e500, arch_ppc600;

const struct arch_ops *arch_for(enum mmsim_cpu cpu)
{
    switch (cpu) {
    case CPU_ARMV5: return &arch_armv5;
    case CPU_ARMV6: return &arch_armv6;
    case CPU_ARMV7: return &arch_armv7;
    case CPU_E500:  return &arch_e500;
    case CPU_PPC600: return &arch_ppc600;
    default:        return NULL;
    }
}
