/*
 * <sys/special.h> - names for the `special` argument of shm_ctl_special():
 * the CPU-specific page-table bits put into every PTE that maps the object
 * (values from REFERENCE.md sections 3 and 4).
 *
 * Where QNX Neutrino has a name for a bit it is used here with QNX's
 * value: PPC_SPECIAL_* (<ppc/...>), ARM_PTE_* (<arm/mmu.h>) and the
 * ARM_SHMCTL_* combinations of QNX 7.  The other names are mmsim's and say
 * so.  On QNX the ARM names live in <arm/mmu.h>; mmsim keeps every
 * flavour's names in this one header, which <sys/mman.h> includes, so that
 * a program can name the bits of every flavour and pick at run time.
 *
 * special == 0 means "no special bits" (shm_ctl_special then behaves as
 * shm_ctl), so an encoding whose value is 0 - ARMv6/v7 strongly ordered,
 * ARMv5 uncached-unbuffered - cannot be asked for alone; add XN
 * (ARM_SHMCTL_SO | ARM_PTE_V6_SP_XN) or map with PROT_NOCACHE, which gives
 * the same TEX/C/B 000/0/0 on ARM.
 */
#ifndef _SYS_SPECIAL_H_INCLUDED
#define _SYS_SPECIAL_H_INCLUDED

/* ------------------------------------------------------------------ */
/* PowerPC (e500 MAS2 WIMGE; PPC 600 WIMG = special << 2 in PTE word 1) */

#define PPC_SPECIAL_E     0x01  /* little-endian page (e500 only: EINVAL on the 600) */
#define PPC_SPECIAL_G     0x02  /* guarded: no speculative access, no instruction fetch */
#define PPC_SPECIAL_M     0x04  /* memory coherence required: snooped by coherent DMA */
#define PPC_SPECIAL_I     0x08  /* cache inhibited */
#define PPC_SPECIAL_W     0x10  /* write-through (never with I: EINVAL) */
#define PPC_SPECIAL_MASK  0x1F  /* every other bit: EINVAL */

/* Combinations (mmsim's names). */
#define PPC_SPECIAL_DEVICE   (PPC_SPECIAL_I | PPC_SPECIAL_G)  /* registers: uncached, guarded */
#define PPC_SPECIAL_UNCACHED (PPC_SPECIAL_I | PPC_SPECIAL_M)  /* uncached memory, speculation allowed */
#define PPC_SPECIAL_WB       PPC_SPECIAL_M                    /* coherent write-back (the default) */
#define PPC_SPECIAL_WT       (PPC_SPECIAL_W | PPC_SPECIAL_M)  /* coherent write-through */

/* ------------------------------------------------------------------ */
/* ARM bits common to v5 and v6/v7 small pages (QNX <arm/mmu.h>)        */

#define ARM_PTE_B   0x004   /* bufferable */
#define ARM_PTE_C   0x008   /* cacheable */
#define ARM_PTE_CB  0x00C   /* cacheable and bufferable */
#define ARM_PTE_WT  ARM_PTE_C   /* write-through */
#define ARM_PTE_WB  ARM_PTE_CB  /* write-back */

/* ------------------------------------------------------------------ */
/* ARMv5: XScale extended small page, [9:6] TEX (X = bit 6), [3] C, [2] B */

#define ARM_PTE_V5_SP_TEX(n)    ((unsigned)(n) << 6)  /* XScale defines only TEX 0 and 1 (X) */
#define ARM_PTE_V5_SP_TEX_MASK  0x3C0
#define ARM_PTE_XS_X            0x040                       /* the XScale X bit */
#define ARM_PTE_XS_MC           (ARM_PTE_XS_X | ARM_PTE_C)  /* X/C/B 1/1/0: mini-data cache */
#define ARM_PTE_XS_WA           (ARM_PTE_XS_X | ARM_PTE_WB) /* X/C/B 1/1/1: write-back, read/write-allocate */
#define ARM_V5_SPECIAL_MASK     0x3CC                       /* mmsim's name: TEX[9:6] | C | B */

/* The other XScale X/C/B encodings (mmsim's names).  X/C/B 0/0/0
 * (uncached, unbuffered) is special == 0: use PROT_NOCACHE.  1/0/0 is
 * unpredictable: EINVAL. */
#define ARM_PTE_XS_BUFFERED     ARM_PTE_B                   /* 0/0/1: uncached, buffered */
#define ARM_PTE_XS_WT           ARM_PTE_WT                  /* 0/1/0: write-through */
#define ARM_PTE_XS_WB           ARM_PTE_WB                  /* 0/1/1: write-back, read-allocate */
#define ARM_PTE_XS_NOCOALESCE   (ARM_PTE_XS_X | ARM_PTE_B)  /* 1/0/1: uncached, buffered, no coalescing */

/* ------------------------------------------------------------------ */
/* ARMv6/v7 small page: [10] S, [8:6] TEX, [3] C, [2] B, [0] XN         */

/* QNX's ARM_PTE_V*_SP_TEX mask n to the field; these do not, so that a
 * TEX value out of range shows as EINVAL instead of other bits. */
#define ARM_PTE_V6_SP_TEX(n)    ((unsigned)(n) << 6)
#define ARM_PTE_V6_SP_TEX_MASK  0x1C0
#define ARM_PTE_V6_S            0x400   /* shareable (normal memory) */
#define ARM_PTE_V6_SP_XN        0x001   /* execute never */
#define ARM_V6_SPECIAL_MASK     0x5CD   /* mmsim's name: S | TEX | C | B | XN */

/* Memory types, TEX remap off (QNX 7's ARM_SHMCTL_* names where it has
 * one).  S may be added to the normal types; XN to any. */
#define ARM_SHMCTL_SO      0x000   /* TEX/C/B 000/0/0 strongly ordered (0 alone: see above) */
#define ARM_SHMCTL_DEV     0x004   /* 000/0/1 shareable device */
#define ARM_SHMCTL_DEV_NSH 0x080   /* 010/0/0 non-shareable device (mmsim's name) */
#define ARM_SHMCTL_WT      0x008   /* 000/1/0 normal, write-through, no write-allocate */
#define ARM_SHMCTL_WB      0x00C   /* 000/1/1 normal, write-back, no write-allocate */
#define ARM_SHMCTL_NC      0x040   /* 001/0/0 normal, non-cacheable */
#define ARM_SHMCTL_WBWA    0x04C   /* 001/1/1 normal, write-back, write-allocate */
#define ARM_SHMCTL_SH      ARM_PTE_V6_S  /* shareable */

/* Normal memory with separate outer and inner policies, TEX/C/B 1BB/A/A
 * (mmsim's names): ARM_SHMCTL_NORMAL(outer, inner) with the policies
 * below, e.g. ARM_SHMCTL_NORMAL(ARM_POLICY_NC, ARM_POLICY_WBWA) = 0x104. */
#define ARM_POLICY_NC      0   /* non-cacheable */
#define ARM_POLICY_WBWA    1   /* write-back, write-allocate */
#define ARM_POLICY_WT      2   /* write-through, no write-allocate */
#define ARM_POLICY_WB      3   /* write-back, no write-allocate */
#define ARM_SHMCTL_NORMAL(outer, inner) \
	(ARM_PTE_V6_SP_TEX(4 + (outer)) | ((unsigned)(inner) << 2))

#endif
