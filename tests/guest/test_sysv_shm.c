/*
 * test_sysv_shm.c - System V shared memory in one process: shmget, shmat,
 * shmdt, shmctl and their documented errors (REFERENCE.md section 6).
 *
 * Plain POSIX / System V: the same source runs under mmsim on every
 * flavour and natively on Linux (built with the host's gcc, -DNATIVE_HOST),
 * so every expectation here is checked against a real kernel too.
 *
 *   test_sysv_shm          as whoever runs it (mmsim: uid 0 by default)
 *   test_sysv_shm user     expects to run as a non-root user (mmsim:
 *                          --uid 1000 --gid 1000; natively as root, the
 *                          program first drops to uid/gid 1000 itself)
 * Permission expectations follow geteuid(): root passes every check.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include "check.h"

#define PG 4096u
#define SHM_FAILED ((void *)-1)

static int is_root;

/* IPC_STAT into *ds; 0 or -1. */
static int stat_of(int id, struct shmid_ds *ds)
{
	return shmctl(id, IPC_STAT, ds);
}

/* shm_nattch of id, or -1. */
static long nattch(int id)
{
	struct shmid_ds ds;
	return stat_of(id, &ds) == 0 ? (long)ds.shm_nattch : -1;
}

/* A private segment: create, stat, zero fill, share between two attaches. */
static void private_segment(void)
{
	struct shmid_ds ds;
	int id;
	REQUIRE_OK(id = shmget(IPC_PRIVATE, 5000, IPC_CREAT | 0600), "shmget(IPC_PRIVATE, 5000)");
	REQUIRE_OK(stat_of(id, &ds), "IPC_STAT");
	CHECK_EQ(ds.shm_segsz, 5000, "shm_segsz is the size asked for");
	CHECK_EQ(ds.shm_nattch, 0, "no attach yet");
	CHECK_EQ(ds.shm_cpid, getpid(), "shm_cpid");
	CHECK_EQ(ds.shm_perm.mode & 0777, 0600, "mode");
	CHECK_EQ(ds.shm_perm.uid, geteuid(), "owner uid");
	CHECK_EQ(ds.shm_perm.cuid, geteuid(), "creator uid");
	CHECK_EQ(ds.shm_perm.cgid, getegid(), "creator gid");
	CHECK_EQ(ds.shm_perm.__key, IPC_PRIVATE, "key");
	CHECK_ERR(shmctl(id, IPC_STAT, NULL), EFAULT, "IPC_STAT to a bad buffer");
	CHECK_ERR(shmctl(id, IPC_SET, NULL), EFAULT, "IPC_SET from a bad buffer");

	unsigned char *a, *b;
	REQUIRE_OK(a = shmat(id, NULL, 0), "shmat(NULL)");
	CHECK_EQ((uintptr_t)a % SHMLBA, 0, "attach address is SHMLBA aligned");
	int zero = 1;
	for (unsigned i = 0; i < 2 * PG; i++)
		zero &= a[i] == 0;
	CHECK(zero, "new segment is zero-filled, to the end of its last page");
	for (unsigned i = 0; i < 5000; i++)
		a[i] = (unsigned char)(i * 7);
	REQUIRE_OK(b = shmat(id, NULL, SHM_RDONLY), "second attach, SHM_RDONLY");
	CHECK(a != b, "a second attach gets its own address");
	CHECK(memcmp(a, b, 5000) == 0, "both attaches see the same memory");
	a[4999] = 0x5a;
	CHECK_EQ(b[4999], 0x5a, "a write through one shows in the other");
	CHECK_EQ(nattch(id), 2, "shm_nattch 2");
	REQUIRE_OK(stat_of(id, &ds), "IPC_STAT");
	CHECK_EQ(ds.shm_lpid, getpid(), "shm_lpid");
	CHECK_OK(shmdt(b), "shmdt second");
	CHECK_EQ(nattch(id), 1, "shm_nattch 1");
	CHECK_ERR(shmdt(b), EINVAL, "shmdt twice");
	CHECK_ERR(shmdt(a + 1), EINVAL, "shmdt of an unaligned address");
	CHECK_ERR(shmdt(a + PG), EINVAL, "shmdt inside an attach");
	CHECK_OK(shmdt(a), "shmdt first");
	CHECK_OK(shmctl(id, IPC_RMID, NULL), "IPC_RMID without attach");
	CHECK_ERR(stat_of(id, &ds), EINVAL, "gone at once");
	CHECK_ERR(shmat(id, NULL, 0), EINVAL, "shmat of a removed id");
}

/* Keys: IPC_CREAT, IPC_EXCL, missing keys, sizes. */
static void keyed_segment(key_t key)
{
	int id, id2;
	struct shminfo info;
	shmctl(0, IPC_INFO, (struct shmid_ds *)&info);
	CHECK_ERR(shmget(key, PG, 0600), ENOENT, "missing key without IPC_CREAT");
	CHECK_ERR(shmget(key, 0, IPC_CREAT | 0600), EINVAL, "new segment below SHMMIN (1)");
	CHECK_ERR(shmget(key, (size_t)info.shmmax + 1, IPC_CREAT | 0600), EINVAL,
		  "new segment above SHMMAX");
	REQUIRE_OK(id = shmget(key, 2 * PG, IPC_CREAT | IPC_EXCL | 0600), "create with IPC_EXCL");
	CHECK_ERR(shmget(key, PG, IPC_CREAT | IPC_EXCL | 0600), EEXIST, "IPC_EXCL on an existing key");
	CHECK_EQ(shmget(key, 0, 0), id, "existing key, size 0");
	CHECK_EQ(shmget(key, PG, IPC_CREAT | 0600), id, "IPC_CREAT on an existing key, smaller size");
	CHECK_ERR(shmget(key, 2 * PG + 1, 0600), EINVAL, "larger than the existing segment");
	CHECK((id2 = shmget(IPC_PRIVATE, PG, 0600)) >= 0 && id2 != id, "IPC_PRIVATE is always new");
	shmctl(id2, IPC_RMID, NULL);

	/* IPC_SET */
	struct shmid_ds ds;
	REQUIRE_OK(stat_of(id, &ds), "IPC_STAT");
	ds.shm_perm.mode = 0640;
	CHECK_OK(shmctl(id, IPC_SET, &ds), "IPC_SET mode 0640");
	REQUIRE_OK(stat_of(id, &ds), "IPC_STAT");
	CHECK_EQ(ds.shm_perm.mode & 0777, 0640, "mode changed");

	/* SHM_LOCK / SHM_UNLOCK */
	CHECK_OK(shmctl(id, SHM_LOCK, NULL), "SHM_LOCK");
	REQUIRE_OK(stat_of(id, &ds), "IPC_STAT");
	CHECK_EQ(ds.shm_perm.mode & SHM_LOCKED, SHM_LOCKED, "SHM_LOCKED in mode");
	CHECK_OK(shmctl(id, SHM_UNLOCK, NULL), "SHM_UNLOCK");
	REQUIRE_OK(stat_of(id, &ds), "IPC_STAT");
	CHECK_EQ(ds.shm_perm.mode & SHM_LOCKED, 0, "SHM_LOCKED cleared");

	/* IPC_INFO, SHM_INFO, SHM_STAT */
	int maxidx, found = 0;
	CHECK_OK(maxidx = shmctl(0, IPC_INFO, (struct shmid_ds *)&info), "IPC_INFO");
	CHECK_EQ(info.shmmin, 1, "shminfo.shmmin");
	CHECK(info.shmmni > 0 && info.shmall > 0, "shminfo.shmmni, shmall");
	struct shm_info si;
	CHECK_EQ(shmctl(0, SHM_INFO, (struct shmid_ds *)&si), maxidx, "SHM_INFO: same highest index");
	CHECK(si.used_ids >= 1, "shm_info.used_ids");
	CHECK(si.shm_tot >= 2, "shm_info.shm_tot counts our 2 pages");
	for (int i = 0; i <= maxidx; i++)
		if (shmctl(i, SHM_STAT, &ds) == id && ds.shm_perm.__key == key)
			found = 1;
	CHECK(found, "SHM_STAT over the indices finds the segment");
	CHECK_ERR(shmctl(id, 12345, &ds), EINVAL, "unknown command");
	CHECK_ERR(shmctl(-1, IPC_STAT, &ds), EINVAL, "negative id");

	/* IPC_RMID with an attach: the key stops matching, the id works
	 * until the last detach */
	char *a;
	REQUIRE_OK(a = shmat(id, NULL, 0), "shmat");
	strcpy(a, "still here");
	CHECK_OK(shmctl(id, IPC_RMID, NULL), "IPC_RMID while attached");
	CHECK_ERR(shmget(key, 0, 0), ENOENT, "the key stops matching at once");
	REQUIRE_OK(stat_of(id, &ds), "IPC_STAT after IPC_RMID");
	CHECK_EQ(ds.shm_perm.mode & SHM_DEST, SHM_DEST, "SHM_DEST in mode");
	CHECK_EQ(ds.shm_perm.__key, IPC_PRIVATE, "key is IPC_PRIVATE now");
	CHECK(strcmp(a, "still here") == 0, "memory still there");
	REQUIRE_OK(id2 = shmget(key, PG, IPC_CREAT | IPC_EXCL | 0600), "the key is free for a new segment");
	CHECK(id2 != id, "a new id");
	CHECK_OK(shmdt(a), "last detach");
	CHECK_ERR(stat_of(id, &ds), EINVAL, "destroyed after the last detach");
	CHECK_OK(shmctl(id2, IPC_RMID, NULL), "IPC_RMID the new one");
}

/* shmat addresses: SHM_RND, SHM_REMAP, alignment, overlap. */
static void addresses(void)
{
	int id;
	char *a, *r;
	REQUIRE_OK(id = shmget(IPC_PRIVATE, 2 * PG, 0600), "shmget");
	REQUIRE_OK(a = shmat(id, NULL, 0), "shmat(NULL)");
	CHECK_OK(shmdt(a), "shmdt: a known free range");
	CHECK_EQ((uintptr_t)shmat(id, a, 0), (uintptr_t)a, "attach at a chosen address");
	a[0] = 'x';
	CHECK_ERR(shmat(id, a + PG, 0), EINVAL, "overlap without SHM_REMAP");
	CHECK_ERR(shmat(id, NULL, SHM_REMAP), EINVAL, "SHM_REMAP without an address");
	CHECK_ERR(shmat(id, a + 16, 0), EINVAL, "unaligned address without SHM_RND");
	CHECK_EQ(nattch(id), 1, "failed attaches count nothing");
	CHECK_EQ((uintptr_t)shmat(id, a, SHM_REMAP), (uintptr_t)a, "SHM_REMAP over the attach");
	CHECK_EQ(a[0], 'x', "same memory");
	CHECK_EQ(nattch(id), 1, "the old attach was replaced");
	CHECK_OK(shmdt(a), "shmdt");
	CHECK_EQ((uintptr_t)(r = shmat(id, a + 16, SHM_RND)), (uintptr_t)a, "SHM_RND rounds down to SHMLBA");
	CHECK_OK(shmdt(r), "shmdt");
	CHECK_ERR(shmat(-1, NULL, 0), EINVAL, "negative id");
	CHECK_OK(shmctl(id, IPC_RMID, NULL), "IPC_RMID");
}

/* Permission bits: owner without write, other bits. */
static void permissions(key_t key)
{
	int id;
	struct shmid_ds ds;
	REQUIRE_OK(id = shmget(key, PG, IPC_CREAT | IPC_EXCL | 0400), "create mode 0400");
	if (is_root) {
		CHECK_EQ(shmget(key, 0, 0600), id, "root: shmget asking for rw");
		void *a = shmat(id, NULL, 0);
		CHECK(a != SHM_FAILED, "root: read-write attach");
		if (a != SHM_FAILED)
			shmdt(a);
	} else {
		CHECK_ERR(shmget(key, 0, 0600), EACCES, "shmget asking for write on 0400");
		CHECK_EQ(shmget(key, 0, 0400), id, "shmget asking for read");
		CHECK_ERR(shmat(id, NULL, 0), EACCES, "read-write attach on 0400");
	}
	void *a;
	CHECK_OK(a = shmat(id, NULL, SHM_RDONLY), "read-only attach on 0400");
	if (a != SHM_FAILED)
		shmdt(a);
	REQUIRE_OK(stat_of(id, &ds), "IPC_STAT");
	ds.shm_perm.mode = 0;
	CHECK_OK(shmctl(id, IPC_SET, &ds), "the owner may IPC_SET without any bit");
	if (is_root)
		CHECK_OK(stat_of(id, &ds), "root: IPC_STAT on mode 0");
	else
		CHECK_ERR(stat_of(id, &ds), EACCES, "IPC_STAT on mode 0");
	CHECK_OK(shmctl(id, IPC_RMID, NULL), "the owner may IPC_RMID without any bit");
}

int main(int argc, char **argv)
{
	int user = argc > 1 && strcmp(argv[1], "user") == 0;
#ifdef NATIVE_HOST
	if (user && geteuid() == 0 && (setgid(1000) != 0 || setuid(1000) != 0)) {
		perror("dropping to uid 1000");
		return 1;
	}
#endif
	is_root = geteuid() == 0;
	if (user)
		REQUIRE(!is_root && getuid() == 1000 && getgid() == 1000 && getegid() == 1000,
			"running as uid/gid 1000");
	/* keys unique to this process (they are system-wide on a real kernel) */
	key_t base = (key_t)(0x6d6d0000 + ((getpid() & 0xfff) << 4));
	private_segment();
	keyed_segment(base + 1);
	addresses();
	permissions(base + 2);
	return done();
}
