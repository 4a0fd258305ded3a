/*
 * test_sysv_limits.c - System V limits set on mmsim's command line
 * (guest only: a real kernel needs root to change them).  Run with
 *   --ipc-limit shmmni=3 --ipc-limit shmall=4 --ipc-limit shmmax=12288
 *   --ipc-limit shmmin=16
 * and checks ENOSPC (out of ids, over SHMALL) and EINVAL (SHMMIN, SHMMAX),
 * IPC_INFO showing the values, and room coming back after IPC_RMID.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include "check.h"

int main(void)
{
	struct shminfo info;
	int a, b, c;
	CHECK_OK(shmctl(0, IPC_INFO, (struct shmid_ds *)&info), "IPC_INFO");
	CHECK_EQ(info.shmmni, 3, "shmmni from the command line");
	CHECK_EQ(info.shmall, 4, "shmall from the command line");
	CHECK_EQ(info.shmmax, 12288, "shmmax from the command line");
	CHECK_EQ(info.shmmin, 16, "shmmin from the command line");
	CHECK_ERR(shmget(IPC_PRIVATE, 15, 0600), EINVAL, "below SHMMIN");
	CHECK_ERR(shmget(IPC_PRIVATE, 12289, 0600), EINVAL, "above SHMMAX");
	REQUIRE_OK(a = shmget(IPC_PRIVATE, 12288, 0600), "3 pages");
	CHECK_ERR(shmget(IPC_PRIVATE, 4097, 0600), ENOSPC, "2 more pages exceed SHMALL 4");
	REQUIRE_OK(b = shmget(IPC_PRIVATE, 4096, 0600), "1 more page: SHMALL reached exactly");
	CHECK_ERR(shmget(IPC_PRIVATE, 16, 0600), ENOSPC, "SHMALL full");
	CHECK_OK(shmctl(a, IPC_RMID, NULL), "IPC_RMID 3 pages");
	REQUIRE_OK(a = shmget(1, 16, IPC_CREAT | 0600), "room again");
	REQUIRE_OK(c = shmget(2, 16, IPC_CREAT | 0600), "third id");
	CHECK_ERR(shmget(3, 16, IPC_CREAT | 0600), ENOSPC, "out of ids (SHMMNI 3)");
	CHECK_EQ(shmget(2, 0, 0), c, "existing keys still found when the table is full");
	CHECK_OK(shmctl(b, IPC_RMID, NULL), "IPC_RMID");
	CHECK_OK(shmget(3, 16, IPC_CREAT | 0600), "an id is free again");
	return done();
}
