/*
 * test_sysvsem.c - System V semaphores (issue 6): semget, semop (several
 * operations atomically, IPC_NOWAIT, blocking across processes, SEM_UNDO
 * at exit and at death), semctl (GETVAL, SETVAL, GETALL, SETALL, GETPID,
 * GETNCNT, GETZCNT, IPC_STAT, IPC_SET, IPC_RMID waking sleepers with
 * EIDRM) and their errors.  Built natively too (-DNATIVE); argument
 * "unpriv" (mmsim --unprivileged, uid 1000) adds the EACCES/EPERM checks
 * a root user would not see.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/wait.h>

#include "check.h"

union semun {
	int              val;
	struct semid_ds *buf;
	unsigned short  *array;
};

/* Let the other processes run for a while (simulated 5 ms). */
static void pause_a_bit(void)
{
	struct timespec ts = { 0, 5000000 };
	nanosleep(&ts, NULL);
}

/* Pause until semctl(id, num, cmd) == want (at most ~5 s of pauses):
 * on a real kernel the other process may need a while to get there. */
static int wait_for(int id, int num, int cmd, int want)
{
	for (int i = 0; i < 1000; i++) {
		if (semctl(id, num, cmd) == want)
			return 1;
		pause_a_bit();
	}
	return 0;
}

static int sop(int id, unsigned short num, short op, short flg)
{
	struct sembuf b = { num, op, flg };
	return semop(id, &b, 1);
}

static int getval(int id, int num)
{
	return semctl(id, num, GETVAL);
}

/* waitpid for c: its exit status, or 1000 + signal. */
static int reap(pid_t c)
{
	int st = 0;
	if (waitpid(c, &st, 0) != c)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + WTERMSIG(st);
}

static void test_values(void)
{
	int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
	REQUIRE(id >= 0, "semget IPC_PRIVATE, 3 semaphores");
	unsigned short set[3] = { 1, 2, 3 }, got[3] = { 0, 0, 0 };
	union semun u;
	u.array = set;
	CHECK_OK(semctl(id, 0, SETALL, u), "SETALL");
	u.array = got;
	CHECK_OK(semctl(id, 0, GETALL, u), "GETALL");
	CHECK(got[0] == 1 && got[1] == 2 && got[2] == 3, "GETALL gives what SETALL set");
	u.val = 7;
	CHECK_OK(semctl(id, 1, SETVAL, u), "SETVAL 7");
	CHECK_EQ(getval(id, 1), 7, "GETVAL");
	CHECK_EQ(semctl(id, 1, GETPID), getpid(), "GETPID: the last process to change it");
	u.val = 40000;
	CHECK_ERR(semctl(id, 1, SETVAL, u), ERANGE, "SETVAL above SEMVMX -> ERANGE");
	u.val = -1;
	CHECK_ERR(semctl(id, 1, SETVAL, u), ERANGE, "SETVAL -1 -> ERANGE");
	CHECK_ERR(semctl(id, 3, GETVAL), EINVAL, "GETVAL of semaphore 3 of 3 -> EINVAL");

	/* several operations: all or nothing */
	struct sembuf two[2] = { { 0, -1, IPC_NOWAIT }, { 2, -5, IPC_NOWAIT } };
	CHECK_ERR(semop(id, two, 2), EAGAIN, "second op cannot proceed: IPC_NOWAIT -> EAGAIN");
	CHECK_EQ(getval(id, 0), 1, "... and the first was not applied");
	two[1].sem_op = -3;
	CHECK_OK(semop(id, two, 2), "both can proceed");
	CHECK(getval(id, 0) == 0 && getval(id, 2) == 0, "both applied");
	CHECK_ERR(sop(id, 3, 1, 0), EFBIG, "sem_num past the set -> EFBIG");
	CHECK_ERR(semop(id, two, 0), EINVAL, "nsops 0 -> EINVAL");
	static struct sembuf many[1000];
	CHECK_ERR(semop(id, many, 1000), E2BIG, "nsops above SEMOPM -> E2BIG");
	CHECK_ERR(sop(id, 1, 32767, 0), ERANGE, "7 + 32767 is past SEMVMX -> ERANGE");

	struct semid_ds ds;
	u.buf = &ds;
	CHECK_OK(semctl(id, 0, IPC_STAT, u), "IPC_STAT");
	CHECK_EQ(ds.sem_nsems, 3, "sem_nsems 3");
	CHECK_EQ(ds.sem_perm.mode & 0777, 0600, "mode 0600");
	CHECK_EQ(ds.sem_perm.cuid, ds.sem_perm.uid, "the creator owns it");
	ds.sem_perm.mode = 0640;
	CHECK_OK(semctl(id, 0, IPC_SET, u), "IPC_SET mode 0640");
	memset(&ds, 0, sizeof ds);
	semctl(id, 0, IPC_STAT, u);
	CHECK_EQ(ds.sem_perm.mode & 0777, 0640, "the new mode");
	CHECK_ERR(semctl(id, 0, 12345), EINVAL, "unknown command -> EINVAL");
	CHECK_OK(semctl(id, 0, IPC_RMID), "IPC_RMID");
	CHECK_ERR(getval(id, 0), EINVAL, "the removed id -> EINVAL");
	CHECK_ERR(sop(id, 0, 1, 0), EINVAL, "semop on the removed id -> EINVAL");
}

static void test_get_errors(void)
{
	key_t key = 0x6a6a0001;
	int old = semget(key, 0, 0);
	if (old >= 0)
		semctl(old, 0, IPC_RMID);
	CHECK_ERR(semget(key, 1, 0600), ENOENT, "missing key without IPC_CREAT -> ENOENT");
	int id = semget(key, 2, IPC_CREAT | 0600);
	CHECK(id >= 0, "IPC_CREAT makes it");
	CHECK_EQ(semget(key, 2, 0600), id, "the same key finds it");
	CHECK_EQ(semget(key, 0, 0), id, "nsems 0 finds it too");
	CHECK_ERR(semget(key, 3, 0600), EINVAL, "more semaphores than it has -> EINVAL");
	CHECK_ERR(semget(key, 2, IPC_CREAT | IPC_EXCL | 0600), EEXIST, "IPC_EXCL -> EEXIST");
	CHECK_ERR(semget(IPC_PRIVATE, -1, 0600), EINVAL, "nsems -1 -> EINVAL");
	semctl(id, 0, IPC_RMID);
}

static void test_blocking(void)
{
	int id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
	REQUIRE(id >= 0, "semget");
	pid_t c = fork();
	if (c < 0)
		REQUIRE(0, "fork failed");
	if (c == 0) {
		if (sop(id, 0, -1, 0) != 0)    /* blocks: value 0 */
			_exit(1);
		if (sop(id, 1, 0, 0) != 0)     /* wait for zero */
			_exit(2);
		_exit(0);
	}
	CHECK(wait_for(id, 0, GETNCNT, 1), "GETNCNT: the child waits for an increase");
	union semun u;
	u.val = 1;
	semctl(id, 1, SETVAL, u);
	CHECK_OK(sop(id, 0, 1, 0), "post: the child takes it");
	CHECK(wait_for(id, 1, GETZCNT, 1), "GETZCNT: the child waits for zero");
	CHECK_EQ(semctl(id, 0, GETNCNT), 0, "GETNCNT 0 again");
	CHECK_EQ(getval(id, 0), 0, "the child consumed the unit");
	CHECK_OK(sop(id, 1, -1, 0), "make it zero");
	CHECK_EQ(reap(c), 0, "the child went through both waits");
	CHECK_EQ(semctl(id, 0, GETPID), c, "GETPID names the child");
	semctl(id, 0, IPC_RMID);
}

static void test_undo(void)
{
	int id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	union semun u;
	u.val = 5;
	semctl(id, 0, SETVAL, u);
	pid_t c = fork();
	if (c < 0)
		REQUIRE(0, "fork failed");
	if (c == 0) {
		sop(id, 0, -2, SEM_UNDO);
		sop(id, 0, 4, SEM_UNDO);
		sop(id, 0, -1, 0);           /* no undo for this one */
		_exit(getval(id, 0) == 6 ? 0 : 1);
	}
	CHECK_EQ(reap(c), 0, "the child's operations applied (value 6)");
	CHECK_EQ(getval(id, 0), 4, "SEM_UNDO undone at exit: 6 - (4 - 2) = 4");

	/* killed while holding: the lock comes back */
	u.val = 1;
	semctl(id, 0, SETVAL, u);
	c = fork();
	if (c < 0)
		REQUIRE(0, "fork failed");
	if (c == 0) {
		sop(id, 0, -1, SEM_UNDO);    /* take the "lock" */
		for (;;)
			pause_a_bit();
	}
	CHECK(wait_for(id, 0, GETVAL, 0), "the child holds the semaphore");
	kill(c, SIGKILL);
	CHECK_EQ(reap(c), 1000 + SIGKILL, "killed");
	CHECK_EQ(getval(id, 0), 1, "SEM_UNDO gave it back at the child's death");
	semctl(id, 0, IPC_RMID);
}

static void test_rmid_wakes(void)
{
	int id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	pid_t c = fork();
	if (c < 0)
		REQUIRE(0, "fork failed");
	if (c == 0) {
		int r = sop(id, 0, -1, 0);
		_exit(r == -1 && errno == EIDRM ? 0 : 1);
	}
	CHECK(wait_for(id, 0, GETNCNT, 1), "the child sleeps in semop");
	CHECK_OK(semctl(id, 0, IPC_RMID), "IPC_RMID with a sleeper");
	CHECK_EQ(reap(c), 0, "the sleeper's semop failed with EIDRM");
}

static void test_unpriv(void)
{
	int id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0000);
	REQUIRE(id >= 0, "semget with mode 0");
	CHECK_ERR(sop(id, 0, 1, 0), EACCES, "alter without permission -> EACCES");
	CHECK_ERR(getval(id, 0), EACCES, "read without permission -> EACCES");
	CHECK_OK(semctl(id, 0, IPC_RMID), "the owner may still remove it");
}

int main(int argc, char **argv)
{
	test_values();
	test_get_errors();
	test_blocking();
	test_undo();
	test_rmid_wakes();
	if (argc > 1 && !strcmp(argv[1], "unpriv"))
		test_unpriv();
	return done();
}
