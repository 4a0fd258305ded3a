/*
 * test_libc_sys.c - users, limits, scheduling, credentials.  Run as root
 * (no argument) or as uid/gid 1000 (argument "user": mmsim --uid 1000
 * --gid 1000).  Where Linux and mmsim's QNX-style choices differ
 * (uname's sysname, scheduling priorities), NATIVE_HOST picks Linux's
 * values; docs/posix/libc.md lists them.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "check.h"

#ifdef NATIVE_HOST
#define PRIO_FIFO_MAX 99
#define OTHER_PRIO    0
#else
#define PRIO_FIFO_MAX 255
#define OTHER_PRIO    10
#endif

static int user;        /* running as uid 1000 */

/* test_users(): the fixed user and group database. */
static void test_users(void)
{
	struct passwd *pw = getpwnam("root");
	CHECK(pw && pw->pw_uid == 0 && pw->pw_gid == 0 && strcmp(pw->pw_dir, "/root") == 0,
	      "getpwnam(root)");
	pw = getpwuid(0);
	CHECK(pw && strcmp(pw->pw_name, "root") == 0, "getpwuid(0)");
	struct group *gr = getgrgid(0);
	CHECK(gr && strcmp(gr->gr_name, "root") == 0, "getgrgid(0)");
	gr = getgrnam("root");
	CHECK(gr && gr->gr_gid == 0, "getgrnam(root)");
	CHECK(getpwnam("no-such-user-xyz") == NULL, "getpwnam of an unknown name -> NULL");
	CHECK(getgrnam("no-such-group-xyz") == NULL, "getgrnam of an unknown name -> NULL");
	struct passwd pwd, *res = NULL;
	char buf[256], tiny[4];
	CHECK_EQ(getpwuid_r(0, &pwd, buf, sizeof buf, &res), 0, "getpwuid_r");
	CHECK(res == &pwd && strcmp(pwd.pw_name, "root") == 0, "... fills the caller's entry");
	CHECK_EQ(getpwuid_r(0, &pwd, tiny, sizeof tiny, &res), ERANGE, "getpwuid_r, small buffer: ERANGE");
	CHECK_EQ(getpwnam_r("no-such-user-xyz", &pwd, buf, sizeof buf, &res), 0, "getpwnam_r of an unknown name: 0");
	CHECK(res == NULL, "... and no entry");
	struct group grp, *gres = NULL;
	CHECK_EQ(getgrgid_r(0, &grp, buf, sizeof buf, &gres), 0, "getgrgid_r");
	CHECK(gres == &grp && grp.gr_mem != NULL, "... with a member list");
	pw = getpwuid(getuid());
	CHECK(pw != NULL && pw->pw_uid == getuid(), "the running user is in the database");
	if (user) {
		CHECK(pw && strcmp(pw->pw_name, "user") == 0, "uid 1000 is \"user\"");
		gr = getgrgid(getgid());
		CHECK(gr && strcmp(gr->gr_name, "user") == 0, "gid 1000 is \"user\"");
	}
#ifndef NATIVE_HOST          /* a host run may have no login name */
	char *login = getlogin();
	CHECK(login && strcmp(login, user ? "user" : "root") == 0, "getlogin: %s", login ? login : "NULL");
#endif
	CHECK(getgroups(0, NULL) >= 0, "getgroups");
}

/* test_uname(): sysname and machine. */
static void test_uname(void)
{
	struct utsname u;
	CHECK_EQ(uname(&u), 0, "uname");
#ifdef NATIVE_HOST
	CHECK(strcmp(u.sysname, "Linux") == 0, "sysname Linux");
#else
	CHECK(strcmp(u.sysname, "QNX") == 0, "sysname QNX");
	CHECK(strcmp(u.machine, "armv5") == 0 || strcmp(u.machine, "armv6") == 0 ||
	      strcmp(u.machine, "armv7") == 0 || strcmp(u.machine, "e500") == 0 ||
	      strcmp(u.machine, "ppc600") == 0, "machine is the flavour: %s", u.machine);
	CHECK(strcmp(u.nodename, "mmsim") == 0, "nodename mmsim");
#endif
	CHECK(u.release[0] && u.version[0], "release and version");
}

/* test_limits(): getrlimit/setrlimit rules. */
static void test_limits(void)
{
	struct rlimit rl, old;
	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &old), 0, "getrlimit(RLIMIT_NOFILE)");
	CHECK(old.rlim_cur >= 1024 && old.rlim_cur <= old.rlim_max, "RLIMIT_NOFILE >= 1024, soft <= hard");
	CHECK_EQ(getrlimit(RLIMIT_CORE, &rl), 0, "getrlimit(RLIMIT_CORE)");
	CHECK_EQ(getrlimit(RLIMIT_STACK, &rl), 0, "getrlimit(RLIMIT_STACK)");
	CHECK_EQ(getrlimit(RLIMIT_MEMLOCK, &rl), 0, "getrlimit(RLIMIT_MEMLOCK)");
	CHECK_EQ(getrlimit(RLIMIT_AS, &rl), 0, "getrlimit(RLIMIT_AS)");
	CHECK_EQ(getrlimit(RLIMIT_NPROC, &rl), 0, "getrlimit(RLIMIT_NPROC)");
	CHECK_ERR(getrlimit(9999, &rl), EINVAL, "getrlimit of a bad resource");
	rl.rlim_cur = 200;
	rl.rlim_max = 100;
	CHECK_ERR(setrlimit(RLIMIT_NOFILE, &rl), EINVAL, "setrlimit soft > hard: EINVAL");
	rl.rlim_cur = 100;
	rl.rlim_max = old.rlim_max;
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &rl), 0, "lower the soft limit");
	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &rl), 0, "getrlimit");
	CHECK_EQ(rl.rlim_cur, 100, "... soft 100");
	/* the soft limit is the fd limit: with 8, dup fails with EMFILE past fd 7 */
	struct rlimit eight = { 8, rl.rlim_max };
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &eight), 0, "soft limit 8");
	int fds[16], n = 0, fd;
	errno = 0;
	while (n < 16 && (fd = dup(1)) >= 0)
		fds[n++] = fd;
	CHECK_EQ(errno, EMFILE, "dup past the soft RLIMIT_NOFILE: EMFILE");
	CHECK(n > 0 && fds[n - 1] <= 7, "no fd at or above the limit");
	while (n)
		close(fds[--n]);
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &rl), 0, "back to 100");
	rl.rlim_cur = 100;
	rl.rlim_max = 200;
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &rl), 0, "lower the hard limit");
	rl.rlim_max = 300;
	if (user) {
		CHECK_ERR(setrlimit(RLIMIT_NOFILE, &rl), EPERM, "raise the hard limit unprivileged: EPERM");
	} else {
#ifndef NATIVE_HOST     /* a container's root may lack CAP_SYS_RESOURCE */
		CHECK_EQ(setrlimit(RLIMIT_NOFILE, &rl), 0, "raise the hard limit as root");
		CHECK_EQ(setrlimit(RLIMIT_NOFILE, &old), 0, "restore it");
#endif
	}
	/* RLIMIT_AS: mmap beyond it fails with ENOMEM, for root too */
	struct rlimit as;
	CHECK_EQ(getrlimit(RLIMIT_AS, &as), 0, "getrlimit(RLIMIT_AS)");
	rl.rlim_cur = 512u << 20;
	rl.rlim_max = as.rlim_max;
	CHECK_EQ(setrlimit(RLIMIT_AS, &rl), 0, "RLIMIT_AS 512 MiB");
	void *big = mmap(NULL, 1u << 30, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0);
	CHECK(big == MAP_FAILED && errno == ENOMEM, "mmap of 1 GiB over RLIMIT_AS: ENOMEM");
	void *small = mmap(NULL, 1u << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0);
	CHECK(small != MAP_FAILED, "mmap of 1 MiB under it");
	if (small != MAP_FAILED)
		munmap(small, 1u << 20);
	CHECK_EQ(setrlimit(RLIMIT_AS, &as), 0, "RLIMIT_AS back to unlimited");
	if (user) {             /* RLIMIT_MEMLOCK binds the unprivileged */
		char *m = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0);
		REQUIRE(m != MAP_FAILED, "mmap 4 pages");
		struct rlimit ml = { 8192, 8192 };
		CHECK_EQ(setrlimit(RLIMIT_MEMLOCK, &ml), 0, "RLIMIT_MEMLOCK 2 pages");
		CHECK_ERR(mlock(m, 4 * 4096), ENOMEM, "mlock of 4 pages over it: ENOMEM");
		CHECK_EQ(mlock(m, 4096), 0, "mlock of 1 page");
		CHECK_EQ(mlock(m + 4096, 4096), 0, "mlock of a second page");
		CHECK_ERR(mlock(m + 8192, 4096), ENOMEM, "a third page: ENOMEM");
		CHECK_ERR(mlockall(MCL_CURRENT), ENOMEM, "mlockall(MCL_CURRENT) over it: ENOMEM");
		munlock(m, 4 * 4096);
		ml.rlim_cur = ml.rlim_max = 0;
		CHECK_EQ(setrlimit(RLIMIT_MEMLOCK, &ml), 0, "RLIMIT_MEMLOCK 0");
		CHECK_ERR(mlock(m, 4096), EPERM, "mlock with a zero limit: EPERM");
		munmap(m, 4 * 4096);
	}
	struct rusage ru;
	CHECK_EQ(getrusage(RUSAGE_SELF, &ru), 0, "getrusage(RUSAGE_SELF)");
	CHECK(ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000, "... a valid utime");
	CHECK_EQ(getrusage(RUSAGE_CHILDREN, &ru), 0, "getrusage(RUSAGE_CHILDREN)");
	CHECK_ERR(getrusage(12345, &ru), EINVAL, "getrusage of a bad who");
}

/* test_nice(): nice values. */
static void test_nice(void)
{
	errno = 0;
#ifdef NATIVE_HOST      /* a host run inherits its runner's nice value (`nice ctest`) */
	int start = getpriority(PRIO_PROCESS, 0);
	CHECK(errno == 0 && start >= -20 && start <= 19, "getpriority: the inherited value");
#else
	CHECK(getpriority(PRIO_PROCESS, 0) == 0 && errno == 0, "getpriority starts at 0");
#endif
	CHECK_EQ(setpriority(PRIO_PROCESS, 0, 5), 0, "setpriority 5");
	CHECK_EQ(getpriority(PRIO_PROCESS, 0), 5, "... 5");
	CHECK_EQ(nice(1), 6, "nice(1) -> 6");
	if (user) {
		CHECK_ERR(setpriority(PRIO_PROCESS, 0, 0), EACCES, "lowering nice unprivileged: EACCES");
		CHECK_ERR(nice(-1), EPERM, "nice(-1) unprivileged: EPERM");
	} else {
		CHECK_EQ(setpriority(PRIO_PROCESS, 0, 0), 0, "lowering nice as root");
	}
	CHECK_ERR(getpriority(PRIO_PROCESS, 999999), ESRCH, "getpriority of no process: ESRCH");
	CHECK_ERR(getpriority(77, 0), EINVAL, "getpriority with a bad which: EINVAL");
}

/* test_sched(): policies and priorities. */
static void test_sched(void)
{
	CHECK_EQ(sched_getscheduler(0), SCHED_OTHER, "the default policy is SCHED_OTHER");
	struct sched_param sp;
	CHECK_EQ(sched_getparam(0, &sp), 0, "sched_getparam");
	CHECK_EQ(sp.sched_priority, OTHER_PRIO, "... the default priority");
	CHECK_EQ(sched_get_priority_min(SCHED_FIFO), 1, "FIFO min 1");
	CHECK_EQ(sched_get_priority_max(SCHED_FIFO), PRIO_FIFO_MAX, "FIFO max");
	CHECK_EQ(sched_get_priority_max(SCHED_RR), PRIO_FIFO_MAX, "RR max");
	CHECK_ERR(sched_get_priority_max(12345), EINVAL, "priority range of a bad policy: EINVAL");
	CHECK_ERR(sched_getscheduler(999999), ESRCH, "sched_getscheduler of no process: ESRCH");
	sp.sched_priority = 1;
	CHECK_ERR(sched_setscheduler(0, 12345, &sp), EINVAL, "a bad policy: EINVAL");
	sp.sched_priority = PRIO_FIFO_MAX + 1;
	CHECK_ERR(sched_setscheduler(0, SCHED_FIFO, &sp), EINVAL, "a priority out of range: EINVAL");
	struct timespec ts;
	CHECK_EQ(sched_rr_get_interval(0, &ts), 0, "sched_rr_get_interval");
#ifdef NATIVE_HOST
	CHECK(ts.tv_sec >= 0 && ts.tv_nsec >= 0, "... a slice (Linux: 0 for SCHED_OTHER)");
#else
	CHECK(ts.tv_sec == 0 && ts.tv_nsec == 4000000, "... QNX's 4 ms slice");
#endif
	if (user) {
#ifndef NATIVE_HOST
		sp.sched_priority = 64;
		CHECK_ERR(sched_setscheduler(0, SCHED_FIFO, &sp), EPERM,
			  "priority above 63 unprivileged: EPERM (QNX)");
#endif
		return;
	}
#ifdef NATIVE_HOST
#define OLD_POLICY(p) 0         /* Linux returns 0, not the old policy POSIX asks for */
#else
#define OLD_POLICY(p) (p)
#endif
	sp.sched_priority = 2;
	CHECK_EQ(sched_setscheduler(0, SCHED_FIFO, &sp), OLD_POLICY(SCHED_OTHER),
		 "sched_setscheduler returns the old policy (POSIX, QNX)");
	CHECK_EQ(sched_getscheduler(0), SCHED_FIFO, "now SCHED_FIFO");
	sp.sched_priority = 0;
	CHECK_EQ(sched_getparam(getpid(), &sp), 0, "sched_getparam(getpid())");
	CHECK_EQ(sp.sched_priority, 2, "... priority 2");
	sp.sched_priority = 3;
	CHECK_EQ(sched_setparam(0, &sp), 0, "sched_setparam");
	CHECK_EQ(sched_getscheduler(0), SCHED_FIFO, "... keeps the policy");
	pid_t pid = fork();
	if (pid == 0)
		_exit(sched_getscheduler(0) == SCHED_FIFO ? 0 : 1);
	int st = -1;
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a child inherits the policy");
	sp.sched_priority = OTHER_PRIO;
	CHECK_EQ(sched_setscheduler(0, SCHED_OTHER, &sp), OLD_POLICY(SCHED_FIFO), "back to SCHED_OTHER");
}

/* test_ids(): set*id rules (last: as root it gives up root). */
static void test_ids(void)
{
	if (user) {
		CHECK_ERR(setuid(0), EPERM, "setuid(0) unprivileged: EPERM");
		CHECK_ERR(seteuid(0), EPERM, "seteuid(0) unprivileged: EPERM");
		CHECK_ERR(setgid(0), EPERM, "setgid(0) unprivileged: EPERM");
		CHECK_ERR(setreuid(0, 0), EPERM, "setreuid(0, 0) unprivileged: EPERM");
		CHECK_EQ(setuid(1000), 0, "setuid to oneself");
		CHECK_EQ(seteuid(1000), 0, "seteuid to oneself");
		struct rlimit rl = { 1, 1 };
		CHECK_EQ(setrlimit(RLIMIT_NPROC, &rl), 0, "RLIMIT_NPROC 1");
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		CHECK(pid == -1 && errno == EAGAIN, "fork over RLIMIT_NPROC: EAGAIN");
		if (pid > 0)
			waitpid(pid, NULL, 0);
		return;
	}
	int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	REQUIRE(id >= 0, "shmget as root, mode 0600");
	CHECK_EQ(setegid(1000), 0, "setegid(1000)");
	CHECK_EQ(seteuid(1000), 0, "seteuid(1000)");
	CHECK(geteuid() == 1000 && getuid() == 0 && getegid() == 1000, "effective 1000, real 0");
	CHECK(shmat(id, NULL, 0) == (void *)-1 && errno == EACCES,
	      "System V permissions use the effective uid: EACCES");
	CHECK_EQ(seteuid(0), 0, "seteuid(0) back through the saved uid");
	CHECK_EQ(geteuid(), 0, "... effective 0");
	CHECK_EQ(setegid(0), 0, "setegid(0) back");
	CHECK_EQ(setreuid(-1, 1000), 0, "setreuid(-1, 1000)");
	CHECK_EQ(geteuid(), 1000, "... effective 1000");
	CHECK_EQ(setreuid(-1, 0), 0, "setreuid(-1, 0): the saved uid is still 0");
	shmctl(id, IPC_RMID, NULL);
	CHECK_EQ(setgid(1000), 0, "setgid(1000) as root");
	CHECK_EQ(setuid(1000), 0, "setuid(1000) as root: all three IDs");
	CHECK(getuid() == 1000 && geteuid() == 1000 && getgid() == 1000, "now 1000 everywhere");
	CHECK_ERR(setuid(0), EPERM, "no way back: EPERM");
	CHECK_ERR(seteuid(0), EPERM, "seteuid(0): EPERM");
}

int main(int argc, char **argv)
{
	user = argc > 1 && strcmp(argv[1], "user") == 0;
	CHECK_EQ(getuid(), user ? 1000 : 0, "running as %s", user ? "uid 1000" : "root");
	test_users();
	test_uname();
	test_limits();
	test_nice();
	test_sched();
	test_ids();
	return done();
}
