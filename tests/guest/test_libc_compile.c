/*
 * test_libc_compile.c - "compiles unchanged": every header a POSIX
 * conformance program (Open POSIX Test Suite, System V programs written
 * from the Linux man pages) includes, and a reference to each function
 * of this area, so a missing declaration or symbol fails the build
 * (-Werror=implicit-function-declaration is GCC's default for C99+).
 * Run, it checks a few values every such program relies on.
 */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <pwd.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

/* Every function of the area, by address: the link fails if one is missing. */
static void *const used[] = {
	(void *)strtod, (void *)strtof, (void *)atof, (void *)strtok_r, (void *)strtok,
	(void *)strcasecmp, (void *)strncasecmp, (void *)strpbrk, (void *)strspn, (void *)strcspn,
	(void *)strdup, (void *)strndup, (void *)qsort, (void *)bsearch, (void *)getopt,
	(void *)sysconf, (void *)setenv, (void *)unsetenv, (void *)getenv, (void *)strerror_r,
	(void *)fopen, (void *)fdopen, (void *)freopen, (void *)fclose, (void *)fileno, (void *)fread,
	(void *)fwrite, (void *)fgetc, (void *)getc, (void *)getchar, (void *)ungetc, (void *)fgets,
	(void *)fputs, (void *)puts, (void *)fprintf, (void *)vfprintf, (void *)fscanf, (void *)sscanf,
	(void *)scanf, (void *)vsscanf, (void *)vfscanf, (void *)fseek, (void *)ftell, (void *)rewind,
	(void *)fgetpos, (void *)fsetpos, (void *)feof, (void *)ferror, (void *)clearerr,
	(void *)fflush, (void *)setvbuf, (void *)setbuf, (void *)perror, (void *)remove,
	(void *)tmpfile, (void *)getline, (void *)sin, (void *)cos, (void *)exp, (void *)log,
	(void *)pow, (void *)sqrt, (void *)floor, (void *)ceil, (void *)fmod, (void *)fabs,
	(void *)time, (void *)gettimeofday, (void *)clock_gettime, (void *)localtime,
	(void *)localtime_r, (void *)gmtime, (void *)gmtime_r, (void *)mktime, (void *)strftime,
	(void *)asctime, (void *)ctime, (void *)difftime, (void *)getpwnam, (void *)getpwuid,
	(void *)getgrnam, (void *)getgrgid, (void *)getpwnam_r, (void *)getpwuid_r,
	(void *)getgrnam_r, (void *)getgrgid_r, (void *)getlogin, (void *)getrlimit,
	(void *)setrlimit, (void *)getrusage, (void *)getpriority, (void *)setpriority, (void *)nice,
	(void *)uname, (void *)sched_setscheduler, (void *)sched_getscheduler, (void *)sched_setparam,
	(void *)sched_getparam, (void *)sched_get_priority_min, (void *)sched_get_priority_max,
	(void *)sched_rr_get_interval, (void *)seteuid, (void *)setegid, (void *)setuid,
	(void *)setgid, (void *)setreuid, (void *)setregid, (void *)getgroups,
};

int main(void)
{
	CHECK(sizeof used / sizeof used[0] > 100, "every function of the area links");
#if defined(_POSIX_VERSION) && _POSIX_VERSION >= 200809L
	CHECK(1, "_POSIX_VERSION is 200809L");
#else
	CHECK(0, "_POSIX_VERSION is 200809L");
#endif
#if defined(_POSIX_MEMORY_PROTECTION) && _POSIX_MEMORY_PROTECTION > 0 && \
    defined(_POSIX_MAPPED_FILES) && defined(_POSIX_SHARED_MEMORY_OBJECTS) && \
    defined(_POSIX_MEMLOCK) && defined(_POSIX_MEMLOCK_RANGE) && defined(_POSIX_SEMAPHORES) && \
    defined(_POSIX_THREADS) && defined(_POSIX_TIMEOUTS)
	CHECK(1, "the memory, semaphore and thread options are defined");
#else
	CHECK(0, "the memory, semaphore and thread options are defined");
#endif
	CHECK_EQ(sysconf(_SC_PAGESIZE), 4096, "sysconf(_SC_PAGESIZE)");
	CHECK_EQ(sysconf(_SC_PAGE_SIZE), 4096, "sysconf(_SC_PAGE_SIZE)");
	CHECK_EQ(sysconf(_SC_MEMORY_PROTECTION), 200809, "sysconf(_SC_MEMORY_PROTECTION)");
	CHECK_EQ(sysconf(_SC_MAPPED_FILES), 200809, "sysconf(_SC_MAPPED_FILES)");
	CHECK_EQ(sysconf(_SC_SEMAPHORES), 200809, "sysconf(_SC_SEMAPHORES)");
	CHECK_EQ(sysconf(_SC_VERSION), 200809, "sysconf(_SC_VERSION)");
	errno = 0;
	CHECK_EQ(sysconf(_SC_SEM_NSEMS_MAX), -1, "sysconf(_SC_SEM_NSEMS_MAX): -1, no limit, as Linux");
	CHECK_EQ(errno, 0, "... errno unchanged");
	CHECK(sysconf(_SC_SEM_VALUE_MAX) >= _POSIX_SEM_VALUE_MAX, "sysconf(_SC_SEM_VALUE_MAX) >= 32767");
	CHECK(sysconf(_SC_OPEN_MAX) >= 1024, "sysconf(_SC_OPEN_MAX) >= 1024");
	CHECK(sysconf(_SC_CHILD_MAX) >= 1024 || sysconf(_SC_CHILD_MAX) == -1, "sysconf(_SC_CHILD_MAX) >= 1024");
	CHECK_EQ(sysconf(_SC_CLK_TCK), 100, "sysconf(_SC_CLK_TCK)");
	CHECK(sysconf(_SC_NPROCESSORS_ONLN) >= 1, "sysconf(_SC_NPROCESSORS_ONLN) >= 1");
	CHECK_EQ(sysconf(_SC_MEMLOCK_RANGE), 200809, "sysconf(_SC_MEMLOCK_RANGE)");
	CHECK(sysconf(_SC_PHYS_PAGES) > 0, "sysconf(_SC_PHYS_PAGES) > 0");
	errno = 0;
	CHECK_EQ(sysconf(-12345), -1, "sysconf(bad name) -> -1");
	CHECK_EQ(errno, EINVAL, "... EINVAL");
	return done();
}
