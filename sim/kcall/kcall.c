/*
 * kcall.c - kernel calls, served inside Unicorn's interrupt hook.
 *
 * Registers are decoded per the ABI in include/mmsim/kcall.h, guest
 * pointers go through copyin/copyout, structures are encoded in guest
 * byte order, and the memory manager does the work.  Each call becomes one
 * "kcall" trace record: pid, call name, raw arguments, decoded details,
 * result and errno name.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mmsim/guest_abi.h"
#include "mmsim/kcall.h"
#include "checker.h"
#include "kcall.h"
#include "ksignal.h"
#include "mmtrace.h"
#include "sim.h"
#include "trace.h"

#define MEMMGR_COID 0x40000000u
#define MSG_MEM_OBJ_INFO 0x4A
#define MEM_OBJ_INFO_SIZE 24
#define MEM_OBJ_SEGMENT_SIZE 24
#define MAX_SEGMENTS_PER_CALL 65536u
#define NAME_MAX_GUEST 1024u

int guest_errno(int e)
{
    switch (e) {
    case ENAMETOOLONG: return GE_ENAMETOOLONG;
    case EIDRM:        return GE_EIDRM;
    case ENOSYS:       return GE_ENOSYS;
    case EOVERFLOW:    return GE_EOVERFLOW;
    case ENOTSUP:      return GE_ENOTSUP;
    case EDEADLK:      return GE_EDEADLK;
    case ENOMSG:       return GE_ENOMSG;
    case ENOLCK:       return GE_ENOLCK;
    case ETIMEDOUT:    return GE_ETIMEDOUT;
    case ELOOP:        return GE_ELOOP;
    case ENOTEMPTY:    return GE_ENOTEMPTY;
    default:           return e <= 34 ? e : GE_EINVAL;
    }
}

/* ---- process and console ------------------------------------------- */

static long k_exit(struct call *c)
{
    sched_terminate(c->p, (int)(c->a[0] & 0xff), 0);
    return 0;
}

static long k_getpid(struct call *c)
{
    return c->p->pid;
}

static long k_clock(struct call *c)
{
    return (long)(c->p->kcalls & 0x7fffffff);
}

/* Write guest bytes to the host stream for console fd 1 or 2. */
static long k_write(struct call *c)
{
    struct proc *p = c->p;
    int fd = (int)c->a[0];
    uint32_t va = c->a[1], len = c->a[2];
    int stream = mm_fd_console(p->mm, fd);   /* dup2(1, 5): fd 5 is stdout */
    if (stream < 0)
        return kcall_file_rw(c, true);
    if (stream == 0)
        return -EBADF;
    FILE *f = stream == 2 ? p->sim->err : p->sim->out;
    char buf[4096];
    uint32_t done = 0;
    while (done < len) {
        uint32_t n = len - done < sizeof buf ? len - done : (uint32_t)sizeof buf;
        if (copyin(p, buf, va + done, n) != 0)
            return done ? (long)done : -EFAULT;
        fwrite(buf, 1, n, f);
        trace_begin(p->sim->trace, "console");
        trace_uint(p->sim->trace, "pid", p->pid);
        trace_int(p->sim->trace, "fd", fd);
        trace_strn(p->sim->trace, "text", buf, n);
        trace_end(p->sim->trace);
        done += n;
    }
    fflush(f);
    return (long)done;
}

/* Read from the host's standard input for console fd 0. */
static long k_read(struct call *c)
{
    struct proc *p = c->p;
    int fd = (int)c->a[0];
    int stream = mm_fd_console(p->mm, fd);
    if (stream < 0)
        return kcall_file_rw(c, false);
    if (stream != 0)
        return -EBADF;
    char buf[4096];
    uint32_t len = c->a[2] < sizeof buf ? c->a[2] : (uint32_t)sizeof buf;
    ssize_t n = read(STDIN_FILENO, buf, len);
    if (n < 0)
        return -EIO;
    if (copyout(p, c->a[1], buf, (uint32_t)n) != 0)
        return -EFAULT;
    return n;
}

/* The argument blob: "argc\0arg0\0arg1\0...".  Returns its size; copies
 * it only if the buffer is large enough. */
static long k_args(struct call *c)
{
    struct proc *p = c->p;
    char num[16];
    int nl = snprintf(num, sizeof num, "%d", p->argc) + 1;
    uint32_t size = (uint32_t)nl;
    for (int i = 0; i < p->argc; i++)
        size += (uint32_t)strlen(p->argv[i]) + 1;
    if (c->a[1] < size)
        return size;
    char *blob = malloc(size);
    if (!blob)
        return -ENOMEM;
    memcpy(blob, num, (size_t)nl);
    uint32_t off = (uint32_t)nl;
    for (int i = 0; i < p->argc; i++) {
        size_t l = strlen(p->argv[i]) + 1;
        memcpy(blob + off, p->argv[i], l);
        off += (uint32_t)l;
    }
    int rc = copyout(p, c->a[0], blob, size);
    free(blob);
    return rc ? rc : (long)size;
}

/* ---- shared memory objects ----------------------------------------- */

int kcall_name_arg(struct call *c, uint32_t va, char *buf, uint32_t max)
{
    int rc = copyinstr(c->p, buf, va, max);
    if (rc == 0)
        trace_str(c->t, "name", buf);
    return rc;
}

/* The mode a new object gets: the caller's, less the process's umask. */
static unsigned create_mode(const struct call *c, uint32_t mode)
{
    return mode & 0777 & ~c->p->umask;
}

/* shm_open: the new descriptor has FD_CLOEXEC set, as POSIX requires
 * (an open() of /dev/shmem/NAME does not: k_open). */
static long k_shm_open(struct call *c)
{
    char name[NAME_MAX_GUEST];
    int fd = kcall_name_arg(c, c->a[0], name, sizeof name);
    if (fd == 0)
        fd = tm_shm_open(c->p, name, (int)c->a[1], create_mode(c, c->a[2]));
    if (fd >= 0)
        (void)tm_fcntl(c->p, fd, MM_F_SETFD, MM_FD_CLOEXEC);
    return fd;
}

/* open(): shared memory objects under /dev/shmem/ as on QNX, anything
 * else is a file under --root (kcall_file.c). */
static long k_open(struct call *c)
{
    static const char pfx[] = "/dev/shmem/";
    char name[NAME_MAX_GUEST];
    int rc = kcall_name_arg(c, c->a[0], name, sizeof name);
    if (rc)
        return rc;
    if (strncmp(name, pfx, sizeof pfx - 1) != 0)
        return kcall_file_open(c, name);
    return tm_shm_open(c->p, name + sizeof pfx - 2, (int)c->a[1], create_mode(c, c->a[2]));
}

static long k_shm_unlink(struct call *c)
{
    char name[NAME_MAX_GUEST];
    int rc = kcall_name_arg(c, c->a[0], name, sizeof name);
    return rc ? rc : tm_shm_unlink(c->p, name);
}

static long k_close(struct call *c)
{
    return tm_close(c->p, (int)c->a[0]);
}

static long k_ftruncate(struct call *c)
{
    int64_t len = (int64_t)kcall_arg64(c, 1);
    if (len < 0)
        return -EINVAL;
    return tm_ftruncate(c->p, (int)c->a[0], (uint64_t)len);
}

/* fstat: encode the guest struct stat (guest_abi.h) in guest byte order. */
static long k_fstat(struct call *c)
{
    struct proc *p = c->p;
    int fd = (int)c->a[0];
    struct mm_stat st = {0};
    if (mm_fd_is_console(p->mm, fd)) {
        st.mode = 0020000 | 0620;   /* character device */
        st.nlink = 1;
    } else {
        int rc = tm_fstat(p, fd, &st);
        if (rc)
            return rc;
    }
    uint8_t g[GUEST_STAT_SIZE] = {0};
    p64(p, g + 0, st.ino);
    p64(p, g + 8, st.size);
    p32(p, g + 16, st.dev);
    p32(p, g + 24, st.uid);
    p32(p, g + 28, st.gid);
    p32(p, g + 44, st.mode);
    p32(p, g + 48, st.nlink);
    p32(p, g + 52, MMSIM_PAGE_SIZE);
    p64(p, g + 56, (st.size + 511) / 512);
    return copyout(p, c->a[1], g, sizeof g);
}

static long k_shm_ctl(struct call *c)
{
    struct proc *p = c->p;
    bool special = (c->a[1] & KC_SHMCTL_SPECIAL_FLAG) != 0;
    int flags = (int)(c->a[1] & ~KC_SHMCTL_SPECIAL_FLAG);
    long rc = tm_shm_ctl(p, (int)c->a[0], flags, kcall_arg64(c, 2), kcall_arg64(c, 4), special, c->a[6]);
    if (rc == -EINVAL)
        c->why = mm_last_reason(p->mm);
    if (rc == 0 && (flags & MM_SHMCTL_PHYS))
        checker_reveal(p->sim, kcall_arg64(c, 2), kcall_arg64(c, 4), NULL);
    return rc;
}

/* ---- address space --------------------------------------------------- */

static long k_mmap(struct call *c)
{
    uint32_t out = 0;
    long lim = sys_check_mmap(c->p, c->a[1]);     /* RLIMIT_AS */
    if (lim)
        return lim;
    int rc = tm_mmap(c->p, c->a[0], c->a[1], (int)c->a[2], (int)c->a[3], (int)c->a[4],
                     kcall_arg64(c, 5), &out);
    if (rc)
        return rc;
    if (((int)c->a[3] & MM_MAP_PHYS) && !((int)c->a[3] & MM_MAP_ANON))
        checker_reveal(c->p->sim, kcall_arg64(c, 5), c->a[1], NULL);
    return (long)out;
}

static long k_munmap(struct call *c)
{
    return tm_munmap(c->p, c->a[0], c->a[1]);
}

static long k_mprotect(struct call *c)
{
    return tm_mprotect(c->p, c->a[0], c->a[1], (int)c->a[2]);
}

static long k_msync(struct call *c)
{
    return tm_msync(c->p, c->a[0], c->a[1], (int)c->a[2]);
}

/* mem_offset(addr, fd, len, off_t *off, size_t *contig). */
static long k_mem_offset(struct call *c)
{
    struct proc *p = c->p;
    uint64_t off = 0;
    uint32_t contig = 0;
    int rc = tm_mem_offset(p, c->a[0], (int)c->a[1], c->a[2], &off, &contig);
    if (rc)
        return rc;
    uint8_t o[8], l[4];
    p64(p, o, off);
    p32(p, l, contig);
    if (copyout(p, c->a[3], o, sizeof o) || (c->a[4] && copyout(p, c->a[4], l, sizeof l)))
        return -EFAULT;
    checker_reveal(p->sim, off, contig, NULL);
    return 0;
}

/* _MEM_OBJ_INFO: decode the request, write the segments to the reply. */
static long msg_mem_obj_info(struct call *c, const uint8_t *m, uint32_t sbytes)
{
    struct proc *p = c->p;
    if (sbytes < MEM_OBJ_INFO_SIZE)
        return -EINVAL;
    uint16_t zero = g16(p, m + 2);
    int fd = (int)g32(p, m + 4);
    uint64_t offset = g64(p, m + 8), length = g64(p, m + 16);
    trace_str(c->t, "msg", "_MEM_OBJ_INFO");
    uint32_t rbytes = c->a[4];
    size_t max = rbytes / MEM_OBJ_SEGMENT_SIZE;
    if (max > MAX_SEGMENTS_PER_CALL)
        max = MAX_SEGMENTS_PER_CALL;
    struct mm_segment *seg = max ? calloc(max, sizeof *seg) : NULL;
    if (max && !seg)
        return -ENOMEM;
    long n = tm_obj_info(p, fd, zero, offset, length, seg, max);
    if (n > 0) {
        uint8_t *out = calloc((size_t)n, MEM_OBJ_SEGMENT_SIZE);
        if (!out) {
            free(seg);
            return -ENOMEM;
        }
        for (long i = 0; i < n; i++) {
            p64(p, out + i * 24 + 0, seg[i].offset);
            p64(p, out + i * 24 + 8, seg[i].paddr);
            p64(p, out + i * 24 + 16, seg[i].length);
            checker_reveal(p->sim, seg[i].paddr, seg[i].length, NULL);
        }
        if (copyout(p, c->a[3], out, (uint32_t)n * MEM_OBJ_SEGMENT_SIZE) != 0)
            n = -EFAULT;
        free(out);
    }
    free(seg);
    return n;
}

/* MsgSend(coid, smsg, sbytes, rmsg, rbytes): only the memory manager's
 * connection exists; it serves _MEM_OBJ_INFO. */
static long k_msgsend(struct call *c)
{
    struct proc *p = c->p;
    if (c->a[0] != MEMMGR_COID) {
        c->why = "no such connection: only MEMMGR_COID is connected";
        return -EBADF;
    }
    uint32_t sbytes = c->a[2];
    if (sbytes < 2) {
        c->why = "message shorter than its type field";
        return -EINVAL;
    }
    uint8_t m[MEM_OBJ_INFO_SIZE] = {0};
    uint32_t n = sbytes < sizeof m ? sbytes : (uint32_t)sizeof m;
    if (copyin(p, m, c->a[1], n) != 0)
        return -EFAULT;
    uint16_t type = g16(p, m);
    trace_hex(c->t, "type", type);
    if (type == MSG_MEM_OBJ_INFO)
        return msg_mem_obj_info(c, m, sbytes);
    c->why = "memory-manager message type not served by mmsim";
    return -ENOSYS;
}

/* ---- dispatch ---------------------------------------------------------- */

static const struct kcall_def core_defs[] = {
    {KC_EXIT, "exit", 1, k_exit},
    {KC_WRITE, "write", 3, k_write},
    {KC_READ, "read", 3, k_read},
    {KC_GETPID, "getpid", 0, k_getpid},
    {KC_CLOCK, "clock", 0, k_clock},
    {KC_ARGS, "args", 2, k_args},
    {KC_SHM_OPEN, "shm_open", 3, k_shm_open},
    {KC_SHM_UNLINK, "shm_unlink", 1, k_shm_unlink},
    {KC_CLOSE, "close", 1, k_close},
    {KC_FTRUNCATE, "ftruncate", 3, k_ftruncate},
    {KC_FSTAT, "fstat", 2, k_fstat},
    {KC_SHM_CTL, "shm_ctl", 7, k_shm_ctl},
    {KC_OPEN, "open", 3, k_open},
    {KC_MMAP, "mmap", 7, k_mmap},
    {KC_MUNMAP, "munmap", 2, k_munmap},
    {KC_MPROTECT, "mprotect", 3, k_mprotect},
    {KC_MSYNC, "msync", 3, k_msync},
    {KC_MEM_OFFSET, "mem_offset", 5, k_mem_offset},
    {KC_MSGSEND, "MsgSend", 5, k_msgsend},
};

const struct kcall_table kcall_core_table = KCALL_TABLE(core_defs);

/* Every family of calls; a number is looked up in each in turn. */
static const struct kcall_table *const tables[] = {
    &kcall_core_table,
    &kcall_ipc_table,
    &kcall_file_table,
    &kcall_proc_table,
    &kcall_sem_table,
    &kcall_cache_table,
    &kcall_fd_table,
    &kcall_path_table,
    &kcall_signal_table,
    &kcall_sys_table,
};

static const struct kcall_def *find_kcall(unsigned num)
{
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (size_t i = 0; i < tables[t]->n; i++)
            if (tables[t]->defs[i].num == num)
                return &tables[t]->defs[i];
    return NULL;
}

/* Serve the kernel call p trapped with: decode the registers, run the
 * handler, trace it, and put the result (or the guest errno) back. */
static void kcall_dispatch(struct proc *p)
{
    struct sim *s = p->sim;
    const struct arch_ops *a = s->arch;
    uint32_t num = 0;
    uc_reg_read(p->sim->uc, a->reg_num, &num);
    struct call c = { .p = p, .t = s->trace };
    for (int i = 0; i < 7; i++)
        uc_reg_read(p->sim->uc, a->reg_arg[i], &c.a[i]);
    p->kcalls++;

    const struct kcall_def *d = find_kcall(num);
    trace_begin(c.t, "kcall");
    trace_uint(c.t, "pid", p->pid);
    trace_str(c.t, "call", d ? d->name : "unknown");
    kcall_trace_args(c.t, num, c.a, d ? d->nargs : 0);

    long r;
    struct thread *t = s->running;
    s->now_ns += 1000;                  /* simulated time: 1 us per call */
    if (t && t->has_result) {           /* completed while it was blocked */
        t->has_result = false;
        r = t->result;
        trace_bool(c.t, "completed", 1);
    } else if (d) {
        r = d->fn(&c);
    } else {
        c.why = "unknown kernel call number";
        r = -ENOSYS;
    }
    if (r == KC_BLOCKED) {
        /* re-issue the call when woken: back onto the trap instruction */
        trace_bool(c.t, "blocked", 1);
        trace_end(c.t);
        uint32_t pc = 0;
        uc_reg_read(p->sim->uc, a->reg_pc, &pc);
        pc -= 4;
        uc_reg_write(p->sim->uc, a->reg_pc, &pc);
        sched_flush_events(s);
        return;
    }
    trace_int(c.t, "ret", r < 0 && r >= -4095 ? -1 : r);
    if (r < 0 && r >= -4095) {
        trace_str(c.t, "errno", kcall_errno_name((int)-r));
        if (c.why)
            trace_str(c.t, "why", c.why);
    }
    trace_end(c.t);

    sched_flush_events(s);
    if (p->state == PROC_RUNNING && !c.keep_regs) {
        uint32_t ret = r < 0 && r >= -4095 ? (uint32_t)-guest_errno((int)-r) : (uint32_t)r;
        uc_reg_write(p->sim->uc, a->reg_ret, &ret);
    }
    sig_after_kcall(&c, num, r);        /* pending signals: a handler frame */
    sched_flush_events(s);
}

/* p ends: its blocked semops stop counting, SEM_UNDO applied. */
static void kcall_proc_exit(struct proc *p)
{
    sem_proc_exit(p);
    sig_proc_exit(p);
}

const struct sim_kernel kcall_kernel = {
    .dispatch = kcall_dispatch, .proc_exit = kcall_proc_exit, .fini = kcall_path_fini,
    .deliver = sig_deliver_hook, .fault = sig_fault_hook, .alarm = sig_alarm_hook,
    .exec = sig_exec,
};
