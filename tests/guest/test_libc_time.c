/*
 * test_libc_time.c - the wall clock and calendar time: time(),
 * gettimeofday(), clock_gettime(CLOCK_REALTIME) agree and start at the
 * run's --epoch (argument 1: the epoch mmsim was given; default run:
 * 2026-01-01T00:00:00Z), System V times (shm_atime, sem_otime) are on the
 * same clock, and gmtime/localtime/mktime/timegm/strftime/asctime/ctime/
 * difftime give glibc's results in UTC.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/time.h>
#include <semaphore.h>
#include "check.h"

#ifdef NATIVE_HOST
#define EPOCH_MIN 1700000000L        /* the host's clock: some time after 2023 */
#define EPOCH_SPAN 2000000000L
#else
#define EPOCH_MIN 1767225600L        /* mmsim's default --epoch */
#define EPOCH_SPAN 60L               /* simulated seconds a short program takes */
#endif

union semun { int val; struct semid_ds *buf; unsigned short *array; };

/* test_clock(epoch): the three clocks read the same realtime, near epoch. */
static void test_clock(long epoch)
{
	time_t t1 = time(NULL), t2;
	CHECK((long)t1 >= epoch && (long)t1 < epoch + EPOCH_SPAN, "time() = %ld, starts at the epoch %ld",
	      (long)t1, epoch);
	CHECK_EQ(time(&t2), t2, "time(&t) stores what it returns");
	struct timeval tv;
	CHECK_EQ(gettimeofday(&tv, NULL), 0, "gettimeofday");
	CHECK(tv.tv_sec >= t1 && tv.tv_sec <= t1 + 1 && tv.tv_usec >= 0 && tv.tv_usec < 1000000,
	      "gettimeofday agrees with time()");
	struct timespec ts, mono;
	CHECK_EQ(clock_gettime(CLOCK_REALTIME, &ts), 0, "clock_gettime(CLOCK_REALTIME)");
	CHECK(ts.tv_sec >= tv.tv_sec && ts.tv_sec <= tv.tv_sec + 1, "... agrees");
	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &mono), 0, "clock_gettime(CLOCK_MONOTONIC)");
	CHECK_EQ(clock_getres(CLOCK_REALTIME, &ts), 0, "clock_getres");
	CHECK(ts.tv_sec == 0 && ts.tv_nsec > 0, "... a positive resolution");
	struct timespec nap = { 1, 0 };
	time_t before = time(NULL);
	nanosleep(&nap, NULL);
	time_t after = time(NULL);
	CHECK(after - before >= 1 && after - before <= 2, "a 1 s nanosleep moves time() by 1: %ld",
	      (long)(after - before));
	/* POSIX timed waits take CLOCK_REALTIME deadlines */
	sem_t s;
	sem_init(&s, 0, 0);
	struct timespec dl;
	clock_gettime(CLOCK_REALTIME, &dl);
	dl.tv_sec += 1;
	errno = 0;
	CHECK(sem_timedwait(&s, &dl) == -1 && errno == ETIMEDOUT, "sem_timedwait(now + 1 s) times out");
	clock_gettime(CLOCK_REALTIME, &ts);
	CHECK(ts.tv_sec == dl.tv_sec || (ts.tv_sec == dl.tv_sec + 1 && ts.tv_nsec < dl.tv_nsec),
	      "... about 1 s later on the realtime clock");
}

/* test_sysv_times(): shm_atime and sem_otime are realtime seconds, not 0. */
static void test_sysv_times(void)
{
	time_t now = time(NULL);
	int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	REQUIRE(id >= 0, "shmget");
	void *p = shmat(id, NULL, 0);
	CHECK(p != (void *)-1, "shmat");
	struct shmid_ds ds;
	CHECK_EQ(shmctl(id, IPC_STAT, &ds), 0, "shmctl IPC_STAT");
	CHECK(ds.shm_atime >= now && ds.shm_atime <= now + 2, "shm_atime %ld is now (%ld)",
	      (long)ds.shm_atime, (long)now);
	CHECK(ds.shm_ctime >= now - 1 && ds.shm_ctime <= now + 2, "shm_ctime is now");
	shmdt(p);
	shmctl(id, IPC_RMID, NULL);
	int sid = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	REQUIRE(sid >= 0, "semget");
	struct sembuf op = { 0, 1, 0 };
	CHECK_EQ(semop(sid, &op, 1), 0, "semop");
	struct semid_ds sd;
	union semun arg = { .buf = &sd };
	CHECK_EQ(semctl(sid, 0, IPC_STAT, arg), 0, "semctl IPC_STAT");
	CHECK(sd.sem_otime >= now && sd.sem_otime <= now + 2, "sem_otime %ld is now (%ld)",
	      (long)sd.sem_otime, (long)now);
	semctl(sid, 0, IPC_RMID);
}

/* test_calendar(): broken-down time, conversions and formatting in UTC. */
static void test_calendar(void)
{
	time_t t = 1767225600;                      /* 2026-01-01 00:00:00 UTC, a Thursday */
	struct tm tm, *r = gmtime_r(&t, &tm);
	CHECK(r == &tm, "gmtime_r returns its argument");
	CHECK(tm.tm_year == 126 && tm.tm_mon == 0 && tm.tm_mday == 1 && tm.tm_hour == 0 &&
	      tm.tm_wday == 4 && tm.tm_yday == 0, "gmtime 2026-01-01: y%d m%d d%d wd%d",
	      tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_wday);
	t = 951825599;                              /* 2000-02-29 11:59:59 UTC */
	r = gmtime(&t);
	CHECK(r->tm_year == 100 && r->tm_mon == 1 && r->tm_mday == 29 && r->tm_hour == 11 &&
	      r->tm_min == 59 && r->tm_sec == 59 && r->tm_yday == 59 && r->tm_wday == 2,
	      "gmtime of a leap day");
	struct tm in = { .tm_year = 124, .tm_mon = 11, .tm_mday = 31, .tm_hour = 23, .tm_min = 59,
			 .tm_sec = 60 };              /* 2024-12-31 23:59:60 -> 2025-01-01 00:00:00 */
	CHECK_EQ((long)timegm(&in), 1735689600L, "timegm normalises a carry into the next year");
	CHECK(in.tm_year == 125 && in.tm_mon == 0 && in.tm_mday == 1 && in.tm_wday == 3 &&
	      in.tm_sec == 0, "... and fixes up the fields");
	struct tm m = { .tm_year = 126, .tm_mon = 13, .tm_mday = 0 }; /* month 13, day 0: 2027-01-31 */
	time_t mt = mktime(&m);
	struct tm back;
	localtime_r(&mt, &back);
	CHECK(m.tm_year == 127 && m.tm_mon == 0 && m.tm_mday == 31, "mktime normalises (UTC here)");
	CHECK(back.tm_mday == 31 && back.tm_mon == 0, "localtime_r(mktime()) round trip");
	char buf[128];
	t = 1767225600 + 13 * 3600 + 5 * 60 + 9;    /* 2026-01-01 13:05:09 */
	gmtime_r(&t, &tm);
	size_t n = strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %b %j %I%p %e|%y|%%|%u %w %C", &tm);
	CHECK(n > 0 && strcmp(buf, "2026-01-01 13:05:09 Thu Jan 001 01PM  1|26|%|4 4 20") == 0,
	      "strftime: %s", buf);
	CHECK(strftime(buf, sizeof buf, "%F %T %D %R", &tm) > 0 &&
	      strcmp(buf, "2026-01-01 13:05:09 01/01/26 13:05") == 0, "strftime %%F %%T %%D %%R: %s", buf);
	CHECK(strftime(buf, sizeof buf, "%A %B %U %W %V %G", &tm) > 0 &&
	      strcmp(buf, "Thursday January 00 00 01 2026") == 0, "strftime weeks: %s", buf);
	CHECK_EQ(strftime(buf, 5, "%Y-%m-%d", &tm), 0, "strftime that does not fit -> 0");
	CHECK(strcmp(asctime(&tm), "Thu Jan  1 13:05:09 2026\n") == 0, "asctime: %s", asctime(&tm));
	t = 0;
	CHECK(strcmp(ctime(&t), "Thu Jan  1 00:00:00 1970\n") == 0, "ctime(0) in UTC");
	CHECK(difftime(100, 40) == 60.0, "difftime");
}

int main(int argc, char **argv)
{
	long epoch = argc > 1 ? strtol(argv[1], NULL, 10) : EPOCH_MIN;
	test_clock(epoch);
	test_sysv_times();
	test_calendar();
	return done();
}
