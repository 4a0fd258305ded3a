/*
 * sysvshm.c - System V shared memory: the segment table, shmget, shmat,
 * shmdt, shmctl, limits and credentials (see mmsim/memmgr.h).
 *
 * Linux semantics (ipc/shm.c, ipc/util.c), error for error where the
 * guest can tell: the order of checks is Linux's.  A segment is an
 * OBJ_SYSV memory object plus its ipc_perm and times; an attachment is an
 * ordinary MAP_SHARED map entry of that object, counted by vm.c's link
 * hooks below.
 */
#include "sysvshm.h"
#include "vm.h"

#include <stdlib.h>
#include <string.h>

#define SHM_MODE_BITS 0777

/* ---- limits, time, credentials --------------------------------------- */

/* Linux 2.6's defaults. */
void mm_ipc_limits_default(struct mm_ipc_limits *l)
{
    *l = (struct mm_ipc_limits){
        .shmmin = 1, .shmmax = 32u << 20, .shmmni = 4096, .shmseg = 4096, .shmall = 2097152,
    };
}

/* Replace the limits after checking them. */
int mm_set_ipc_limits(struct mm *m, const struct mm_ipc_limits *l)
{
    if (l->shmmin < 1 || l->shmmin > l->shmmax || l->shmmni < 1 ||
        l->shmmni > MM_IPC_SEQ_MULT || l->shmseg < 1)
        return -EINVAL;
    m->shm.lim = *l;
    return 0;
}

void mm_get_ipc_limits(const struct mm *m, struct mm_ipc_limits *l)
{
    *l = m->shm.lim;
}

/* Simulated seconds for the segment times. */
void mm_set_time(struct mm *m, uint32_t now)
{
    m->now = now;
}

/* Set real and effective uid and gid. */
void mm_proc_set_creds(struct mm_proc *p, uint32_t uid, uint32_t gid)
{
    p->uid = p->euid = uid;
    p->gid = p->egid = gid;
}

void mm_proc_set_ids(struct mm_proc *p, uint32_t uid, uint32_t euid, uint32_t gid, uint32_t egid)
{
    p->uid = uid;
    p->euid = euid;
    p->gid = gid;
    p->egid = egid;
}

void mm_proc_creds(const struct mm_proc *p, uint32_t *uid, uint32_t *euid,
                   uint32_t *gid, uint32_t *egid)
{
    *uid = p->uid;
    *euid = p->euid;
    *gid = p->gid;
    *egid = p->egid;
}

/* Linux's ipcperms(): owner bits if p's euid owns or created the object,
 * group bits if its egid matches, else the "other" bits. */
bool shm_ipcperms(const struct mm_proc *p, const struct mm_ipc_perm *perm, int flg)
{
    unsigned requested = ((unsigned)flg >> 6 | (unsigned)flg >> 3 | (unsigned)flg) & 7;
    unsigned granted = perm->mode;
    if (p->euid == perm->cuid || p->euid == perm->uid)
        granted >>= 6;
    else if (p->egid == perm->cgid || p->egid == perm->gid)
        granted >>= 3;
    return !(requested & ~granted & 7) || p->euid == MM_UID_ROOT;
}

/* Owner or creator, or root: may change or remove the segment. */
static bool shm_is_owner(const struct mm_proc *p, const struct mm_shmseg *s)
{
    return p->euid == MM_UID_ROOT || p->euid == s->perm.uid || p->euid == s->perm.cuid;
}

/* ---- the table --------------------------------------------------------- */

void shmtab_init(struct mm *m)
{
    mm_ipc_limits_default(&m->shm.lim);
}

/* Remove s from the table and free it (the object goes with its last
 * mapping). */
static void shmseg_destroy(struct mm *m, struct mm_shmseg *s)
{
    m->shm.slot[s->index] = NULL;
    m->shm.used--;
    m->shm.tot_pages -= mm_pages(s->segsz);
    s->obj->sysv = NULL;
    obj_unref(s->obj);
    free(s);
}

/* Destroy every segment (mm_destroy, after the processes). */
void shmtab_clear(struct mm *m)
{
    for (size_t i = 0; i < m->shm.nslots; i++)
        if (m->shm.slot[i])
            shmseg_destroy(m, m->shm.slot[i]);
    free(m->shm.slot);
    m->shm.slot = NULL;
    m->shm.nslots = 0;
}

/* The segment with this id, or NULL (bad index, free slot, stale seq). */
static struct mm_shmseg *shm_by_id(const struct mm *m, int id)
{
    if (id < 0)
        return NULL;
    size_t i = (size_t)id % MM_IPC_SEQ_MULT;
    if (i >= m->shm.nslots || !m->shm.slot[i] || m->shm.slot[i]->id != id)
        return NULL;
    return m->shm.slot[i];
}

/* The live segment with this key (never IPC_PRIVATE), or NULL. */
static struct mm_shmseg *shm_by_key(const struct mm *m, int32_t key)
{
    for (size_t i = 0; i < m->shm.nslots; i++)
        if (m->shm.slot[i] && m->shm.slot[i]->perm.key == key)
            return m->shm.slot[i];
    return NULL;
}

/* Lowest free index below SHMMNI, growing slot[] as needed; -ENOSPC or -ENOMEM. */
static int shm_free_index(struct mm *m)
{
    struct mm_shm_table *t = &m->shm;
    size_t i = 0;
    while (i < t->nslots && i < t->lim.shmmni && t->slot[i])
        i++;
    if (i >= t->lim.shmmni)
        return -ENOSPC;
    if (i == t->nslots) {
        size_t cap = t->nslots ? t->nslots * 2 : 16;
        struct mm_shmseg **v = realloc(t->slot, cap * sizeof *v);
        if (!v)
            return -ENOMEM;
        memset(v + t->nslots, 0, (cap - t->nslots) * sizeof *v);
        t->slot = v;
        t->nslots = cap;
    }
    return (int)i;
}

/* ---- nattch, kept through the object ops (vm.c links entries) --------- */

/* An entry of a segment's object was linked: one more attach. */
static void shmseg_linked(struct mm_map *e)
{
    struct mm_shmseg *s = e->obj->sysv;
    if (!s)
        return;             /* the segment is gone, its object lives on */
    s->nattch++;
    s->atime = e->proc->m->now;
    s->lpid = e->proc->pid;
}

/* An entry of a segment's object is being unlinked: one attach less; the
 * last one destroys a segment IPC_RMID marked. */
static void shmseg_unlinked(struct mm_map *e)
{
    struct mm_shmseg *s = e->obj->sysv;
    if (!s)
        return;
    s->nattch--;
    s->dtime = e->proc->m->now;
    s->lpid = e->proc->pid;
    if (s->nattch == 0 && (s->perm.mode & MM_SHM_DEST))
        shmseg_destroy(e->proc->m, s);
}

static const struct obj_ops shmseg_ops = { .map_linked = shmseg_linked,
                                           .map_unlinked = shmseg_unlinked };

/* A new segment of size bytes for key (Linux newseg()). */
static int shm_new(struct mm_proc *p, int32_t key, uint64_t size, int flags)
{
    struct mm *m = p->m;
    struct mm_shm_table *t = &m->shm;
    if (size < t->lim.shmmin || size > t->lim.shmmax)
        return mm_einval(p, "shmget size outside [SHMMIN, SHMMAX]");
    uint64_t npages = mm_pages(size);
    if (t->tot_pages + npages > t->lim.shmall)
        return -ENOSPC;
    int idx = shm_free_index(m);
    if (idx < 0)
        return idx;
    struct mm_shmseg *s = calloc(1, sizeof *s);
    struct mm_obj *o = s ? obj_create(m, OBJ_SYSV) : NULL;
    if (!o) {
        free(s);
        return -ENOMEM;
    }
    o->size = size;
    o->mode = (uint32_t)flags & SHM_MODE_BITS;
    o->uid = p->euid;
    o->sysv = s;
    o->ops = &shmseg_ops;
    s->obj = o;
    s->perm = (struct mm_ipc_perm){
        .key = key, .uid = p->euid, .gid = p->egid, .cuid = p->euid, .cgid = p->egid,
        .mode = (uint32_t)flags & SHM_MODE_BITS, .seq = t->seq,
    };
    t->seq = (t->seq + 1) % (0x7fffffffu / MM_IPC_SEQ_MULT);
    s->index = (uint32_t)idx;
    s->id = (int)(s->perm.seq * MM_IPC_SEQ_MULT + (uint32_t)idx);
    s->segsz = size;
    s->ctime = m->now;
    s->cpid = p->pid;
    t->slot[idx] = s;
    t->used++;
    t->tot_pages += npages;
    return s->id;
}

/* shmget (Linux ipcget_public / ipcget_new). */
int mm_shmget(struct mm_proc *p, int32_t key, uint64_t size, int flags)
{
    if (key == MM_IPC_PRIVATE)
        return shm_new(p, key, size, flags);
    struct mm_shmseg *s = shm_by_key(p->m, key);
    if (!s)
        return (flags & MM_IPC_CREAT) ? shm_new(p, key, size, flags) : -ENOENT;
    if ((flags & MM_IPC_CREAT) && (flags & MM_IPC_EXCL))
        return -EEXIST;
    if (size > s->segsz)
        return mm_einval(p, "shmget size larger than the existing segment");
    if (!shm_ipcperms(p, &s->perm, flags))
        return -EACCES;
    return s->id;
}

/* ---- shmat / shmdt -------------------------------------------------------- */

/* Where to attach (Linux do_shmat): 0 and *base, or -errno. */
static int shmat_place(struct mm_proc *p, uint32_t addr, int flags, uint64_t span,
                       uint32_t *base)
{
    if (!addr) {
        if (flags & MM_SHM_REMAP)
            return mm_einval(p, "SHM_REMAP without an address");
        return vm_find_free(p, 0, span, base);
    }
    if (addr & (MM_SHMLBA - 1)) {
        if (!(flags & MM_SHM_RND))
            return mm_einval(p, "shmat address not SHMLBA aligned and no SHM_RND");
        addr &= ~(uint32_t)(MM_SHMLBA - 1);
        if (!addr && (flags & MM_SHM_REMAP))
            return mm_einval(p, "SHM_RND rounded the address to 0 with SHM_REMAP");
        if (!addr)
            return vm_find_free(p, 0, span, base);
    }
    if (!mm_in_user(addr, span))
        return mm_einval(p, "shmat range outside the user address space");
    if (!(flags & MM_SHM_REMAP) && !vm_range_free(p, addr, (uint64_t)addr + span))
        return mm_einval(p, "shmat range overlaps a mapping and no SHM_REMAP");
    *base = addr;
    return 0;
}

/* shmat: check permission, place, enter a MAP_SHARED entry of the object. */
int mm_shmat(struct mm_proc *p, int shmid, uint32_t addr, int flags, uint32_t *out)
{
    struct mm_shmseg *s = shm_by_id(p->m, shmid);
    if (!s)
        return mm_einval(p, "no segment with this shmid");
    int prot = MM_PROT_READ, acc = 0444;
    if (!(flags & MM_SHM_RDONLY)) {
        prot |= MM_PROT_WRITE;
        acc |= 0222;
    }
    if (flags & MM_SHM_EXEC) {
        prot |= MM_PROT_EXEC;
        acc |= 0111;
    }
    if (!shm_ipcperms(p, &s->perm, acc))
        return -EACCES;
    uint64_t span = mm_pages(s->segsz) << MMSIM_PAGE_SHIFT;
    uint32_t base;
    int r = shmat_place(p, addr, flags, span, &base);
    if (r)
        return r;
    struct mm_map *e = calloc(1, sizeof *e);
    if (!e || vm_remove(p, base, (uint64_t)base + span)) {
        free(e);
        return -ENOMEM;
    }
    *e = (struct mm_map){
        .start = base, .end = (uint32_t)(base + span), .prot = prot, .flags = MM_MAP_SHARED,
        .fd_hint = -1, .may_write = !(flags & MM_SHM_RDONLY), .obj = s->obj,
    };
    obj_ref(s->obj);
    if (vm_insert(p, e)) {
        obj_unref(s->obj);
        free(e);
        return -ENOMEM;
    }
    if (vm_sync(e, e->start, e->end)) {
        vm_remove(p, base, (uint64_t)base + span);
        return -ENOMEM;
    }
    *out = base;
    return 0;
}

/* True if e maps a segment's object with the object's start at addr. */
static bool shmdt_match(const struct mm_map *e, uint32_t addr)
{
    return e->obj->sysv && e->start >= addr && e->start - addr == e->objoff;
}

/* shmdt (Linux): the first entry at or after addr whose segment starts at
 * addr, then every later entry of the same object within the segment's
 * size that also starts there. */
int mm_shmdt(struct mm_proc *p, uint32_t addr)
{
    if (addr & MMSIM_PAGE_MASK)
        return mm_einval(p, "shmdt address not page aligned");
    size_t i = vm_index_from(p, addr);
    while (i < p->nmaps && !shmdt_match(p->maps[i], addr))
        i++;
    if (i == p->nmaps)
        return mm_einval(p, "no attachment at this address");
    struct mm_obj *o = p->maps[i]->obj;
    obj_ref(o);                       /* unmapping may destroy the segment */
    uint64_t end = (uint64_t)addr + (mm_pages(o->size) << MMSIM_PAGE_SHIFT);
    int r = 0;
    while (!r && i < p->nmaps && p->maps[i]->start < end) {
        struct mm_map *e = p->maps[i];
        if (e->obj == o && e->start - addr == e->objoff)
            r = vm_remove(p, e->start, e->end);   /* whole entry: no split */
        else
            i++;
    }
    obj_unref(o);
    return r;
}

/* ---- shmctl ------------------------------------------------------------------ */

/* Fill ds from s. */
static void shm_stat(const struct mm_shmseg *s, struct mm_shmid_ds *ds)
{
    *ds = (struct mm_shmid_ds){
        .perm = s->perm, .segsz = s->segsz, .atime = s->atime, .dtime = s->dtime,
        .ctime = s->ctime, .cpid = s->cpid, .lpid = s->lpid, .nattch = s->nattch,
    };
}

/* IPC_RMID: the key stops matching now, the segment goes with its last attach. */
static int shm_rmid(struct mm_proc *p, struct mm_shmseg *s)
{
    if (!shm_is_owner(p, s))
        return -EPERM;
    if (s->nattch == 0) {
        shmseg_destroy(p->m, s);
        return 0;
    }
    s->perm.mode |= MM_SHM_DEST;
    s->perm.key = MM_IPC_PRIVATE;
    return 0;
}

/* IPC_SET: owner, group and the nine permission bits. */
static int shm_set(struct mm_proc *p, struct mm_shmseg *s, const struct mm_shmid_ds *ds)
{
    if (!shm_is_owner(p, s))
        return -EPERM;
    s->perm.uid = ds->perm.uid;
    s->perm.gid = ds->perm.gid;
    s->perm.mode = (s->perm.mode & ~(uint32_t)SHM_MODE_BITS) | (ds->perm.mode & SHM_MODE_BITS);
    s->obj->mode = s->perm.mode & SHM_MODE_BITS;
    s->ctime = p->m->now;
    return 0;
}

/* SHM_STAT: shmid is a table index. */
static int shm_stat_index(struct mm_proc *p, int index, struct mm_shmid_ds *ds)
{
    struct mm *m = p->m;
    if (index < 0 || (size_t)index >= m->shm.nslots || !m->shm.slot[index])
        return mm_einval(p, "SHM_STAT: no segment at this index");
    struct mm_shmseg *s = m->shm.slot[index];
    if (!shm_ipcperms(p, &s->perm, 0444))
        return -EACCES;
    shm_stat(s, ds);
    return s->id;
}

int mm_shmctl(struct mm_proc *p, int shmid, int cmd, struct mm_shmid_ds *ds)
{
    if (cmd == MM_SHM_STAT)
        return shm_stat_index(p, shmid, ds);
    if (cmd != MM_IPC_RMID && cmd != MM_IPC_SET && cmd != MM_IPC_STAT &&
        cmd != MM_SHM_LOCK && cmd != MM_SHM_UNLOCK)
        return mm_einval(p, "unknown shmctl command");
    struct mm_shmseg *s = shm_by_id(p->m, shmid);
    if (!s)
        return mm_einval(p, "no segment with this shmid");
    switch (cmd) {
    case MM_IPC_RMID:
        return shm_rmid(p, s);
    case MM_IPC_SET:
        return shm_set(p, s, ds);
    case MM_IPC_STAT:
        if (!shm_ipcperms(p, &s->perm, 0444))
            return -EACCES;
        shm_stat(s, ds);
        return 0;
    default:                                    /* SHM_LOCK, SHM_UNLOCK */
        if (!shm_is_owner(p, s))
            return -EPERM;
        if (cmd == MM_SHM_LOCK)
            s->perm.mode |= MM_SHM_LOCKED;
        else
            s->perm.mode &= ~(uint32_t)MM_SHM_LOCKED;
        return 0;
    }
}

/* Resident pages of o. */
static uint64_t obj_resident(const struct mm_obj *o)
{
    uint64_t n = 0;
    for (size_t i = 0; i < o->n_ext; i++)
        n += o->ext[i].npages;
    return n;
}

/* IPC_INFO / SHM_INFO: returns the highest index in use, 0 if none. */
int mm_shm_info(struct mm *m, struct mm_ipc_limits *lim, struct mm_shm_info *info)
{
    int hi = 0;
    uint64_t rss = 0;
    for (size_t i = 0; i < m->shm.nslots; i++)
        if (m->shm.slot[i]) {
            hi = (int)i;
            rss += obj_resident(m->shm.slot[i]->obj);
        }
    if (lim)
        *lim = m->shm.lim;
    if (info)
        *info = (struct mm_shm_info){
            .used_ids = m->shm.used, .shm_tot = m->shm.tot_pages, .shm_rss = rss,
        };
    return hi;
}
