/*
 * cacheinsn.c - the PowerPC user-mode cache instructions.
 *
 * dcbf, dcbst, dcbz and icbi are executed by Unicorn as no-ops or plain
 * stores; the cache model must see the first two.  At load time Capstone
 * finds them in the executable segments and a code hook is placed on
 * exactly those addresses, so nothing else runs slower.  The engine is
 * every process's, so a hook acts only while its own process runs; a
 * forked child gets hooks of its own on its parent's instructions.  dcbi is
 * privileged: the CPU raises a program exception for it in user mode
 * (tests pin that), so it needs no hook.
 */
#include <capstone/capstone.h>
#include <stdlib.h>

#include "mmsim/kcall.h"
#include "checker.h"
#include "sim.h"

/* One cache instruction in the image. */
struct cacheinsn {
    struct proc *p;
    uc_hook      h;
    uint32_t     va;
    unsigned     op;      /* KC_CACHE_CLEAN / KC_CACHE_FLUSH, 0: no data effect */
    uint8_t      ra, rb;
};

/* Code hook: the instruction is about to execute; apply it to the model. */
static void on_cacheinsn(uc_engine *uc, uint64_t addr, uint32_t size, void *ud)
{
    (void)addr; (void)size;
    const struct cacheinsn *ci = ud;
    uint32_t a = 0, b = 0;
    if (ci->p != ci->p->sim->as_proc)
        return;
    if (ci->ra)
        uc_reg_read(uc, UC_PPC_REG_0 + ci->ra, &a);
    uc_reg_read(uc, UC_PPC_REG_0 + ci->rb, &b);
    if (ci->op)
        checker_cache_op(ci->p, a + b, 1, ci->op);
}

/* Which model operation an instruction id stands for; -1 if none. */
static int op_of(unsigned id)
{
    switch (id) {
    case PPC_INS_DCBF:  return KC_CACHE_FLUSH;
    case PPC_INS_DCBST: return KC_CACHE_CLEAN;
    case PPC_INS_DCBZ:  return 0;   /* Unicorn's stores reach the model */
    case PPC_INS_ICBI:  return 0;   /* no data-cache effect */
    default:            return -1;
    }
}

/* Hook for p the instruction `like` describes (its p aside).  0 or -1. */
static int hook_one(struct proc *p, const struct cacheinsn *like)
{
    struct cacheinsn *ci = malloc(sizeof *ci);
    struct cacheinsn **n = realloc(p->cacheinsns, (p->ncacheinsns + 1) * sizeof *n);
    if (n)
        p->cacheinsns = n;
    if (!ci || !n) {
        free(ci);
        return -1;
    }
    *ci = *like;
    ci->p = p;
    if (uc_hook_add(p->sim->uc, &ci->h, UC_HOOK_CODE, (void *)on_cacheinsn, ci, ci->va, ci->va) != UC_ERR_OK) {
        free(ci);
        return -1;
    }
    n[p->ncacheinsns++] = ci;
    return 0;
}

int cacheinsn_scan(struct proc *p, uint32_t va, const uint8_t *code, size_t len)
{
    if (!p->sim->arch->big_endian || len == 0)
        return 0;
    csh h;
    if (cs_open(CS_ARCH_PPC, CS_MODE_32 | CS_MODE_BIG_ENDIAN, &h) != CS_ERR_OK)
        return -1;
    cs_option(h, CS_OPT_SKIPDATA, CS_OPT_ON);
    cs_insn *insn = cs_malloc(h);
    uint64_t addr = va;
    int rc = insn ? 0 : -1;
    while (rc == 0 && insn && cs_disasm_iter(h, &code, &len, &addr, insn)) {
        int op = op_of(insn->id);
        if (op < 0 || insn->size != 4)
            continue;
        uint32_t w = (uint32_t)insn->bytes[0] << 24 | (uint32_t)insn->bytes[1] << 16 |
                     (uint32_t)insn->bytes[2] << 8 | insn->bytes[3];
        rc = hook_one(p, &(struct cacheinsn){ .va = (uint32_t)insn->address, .op = (unsigned)op,
                                              .ra = (uint8_t)(w >> 16 & 31), .rb = (uint8_t)(w >> 11 & 31) });
    }
    cs_free(insn, 1);
    cs_close(&h);
    return rc;
}

int cacheinsn_fork(struct proc *p, struct proc *c)
{
    for (size_t i = 0; i < p->ncacheinsns; i++)
        if (hook_one(c, p->cacheinsns[i]) != 0)
            return -1;
    return 0;
}

void cacheinsn_free(struct proc *p)
{
    for (size_t i = 0; i < p->ncacheinsns; i++) {
        if (p->sim->uc)
            uc_hook_del(p->sim->uc, p->cacheinsns[i]->h);
        free(p->cacheinsns[i]);
    }
    free(p->cacheinsns);
    p->cacheinsns = NULL;
    p->ncacheinsns = 0;
}
