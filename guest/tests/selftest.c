/*
 * selftest.c - the guest runtime checking itself inside the simulator:
 * start-up (argv via KC_ARGS, constructors), the printf engine on ILP32
 * (long is 32-bit, 64-bit only through ll/PRI*64; floating point through
 * the soft-float helpers), malloc over lazy
 * mmap arenas, string and number functions, the kernel-call ABI (64-bit
 * arguments split low word first, struct stat layout, errno), and exit
 * (atexit order, stdout flushed).  Run as `selftest.elf x yz`; prints one
 * line per failure and "selftest: N checks, M failed"; exit status 0 when
 * all passed.
 */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/memmsg.h>
#include <sys/neutrino.h>
#include <sys/stat.h>

static int checks, failed;

#define CHECK(cond, ...) do {                                      \
	checks++;                                                  \
	if (!(cond)) {                                             \
		failed++;                                          \
		printf("FAIL line %d: ", __LINE__);                \
		printf(__VA_ARGS__);                               \
		printf("\n");                                      \
	}                                                          \
} while (0)

/* FMT(want, fmt, ...): snprintf must give exactly want. */
#define FMT(want, ...) do {                                             \
	char b_[128];                                                   \
	int n_ = snprintf(b_, sizeof b_, __VA_ARGS__);                  \
	CHECK(strcmp(b_, want) == 0 && n_ == (int)strlen(want),         \
	      "format %s: got \"%s\" (%d), want \"%s\"", #__VA_ARGS__, b_, n_, want); \
} while (0)

static int constructed;

__attribute__((constructor)) static void ctor(void)
{
	constructed = 1;
}

static void test_start(int argc, char **argv, char **envp)
{
	CHECK(constructed, "constructor did not run");
	CHECK(argc == 3, "argc %d, want 3", argc);
	if (argc == 3) {
		CHECK(strcmp(argv[1], "x") == 0, "argv[1] \"%s\"", argv[1]);
		CHECK(strcmp(argv[2], "yz") == 0, "argv[2] \"%s\"", argv[2]);
		CHECK(strstr(argv[0], "selftest") != NULL, "argv[0] \"%s\"", argv[0]);
	}
	CHECK(argv[argc] == NULL, "argv[argc] not NULL");
	CHECK(envp != NULL && envp[0] == NULL, "envp must be an empty list");
	CHECK(getenv("PATH") == NULL, "getenv");
}

static void test_printf(void)
{
	FMT("42 -42 +7  7", "%d %i %+d % d", 42, -42, 7, 7);
	FMT("[   42] [42   ] [00042] [  042]", "[%5d] [%-5d] [%05d] [%5.3d]", 42, 42, 42, 42);
	FMT("ffffffff FFFFFFFF 37777777777 4294967295", "%x %X %o %u", -1, -1, -1, -1);
	FMT("0x2a 0X2A 052 0", "%#x %#X %#o %#x", 42, 42, 42, 0);
	FMT("-128 255 -32768 65535", "%hhd %hhu %hd %hu", 128, 255, 32768, 65535);
	/* long is 32-bit here: %lx reads one word. */
	FMT("ffffffff 2147483647 -2147483648", "%lx %ld %ld", -1L, LONG_MAX, LONG_MIN);
	FMT("18446744073709551615 -9223372036854775808 123456789abcdef0",
	    "%" PRIu64 " %" PRId64 " %" PRIx64, UINT64_MAX, INT64_MIN, UINT64_C(0x123456789abcdef0));
	FMT("0x00000001_00000000 4294967296", "0x%08" PRIx32 "_%08" PRIx32 " %llu",
	    (uint32_t)1, (uint32_t)0, 1ULL << 32);
	FMT("4294967295 -1 7fffffff", "%zu %zd %tx", SIZE_MAX, (ssize_t)-1, PTRDIFF_MAX);
	FMT("18446744073709551615", "%ju", UINTMAX_MAX);
	/* 64-bit and 32-bit arguments mixed: registers and stack alignment of varargs. */
	FMT("1 2 3 4 5 6", "%d %lld %d %lld %d %lld", 1, 2LL, 3, 4LL, 5, 6LL);
	FMT("0x100000 0x0 (null)", "%p %p %s", (void *)0x100000, (void *)0, (char *)NULL);
	FMT("abc|  abc|abc  |ab", "%s|%5s|%-5s|%.2s", "abc", "abc", "abc", "abc");
	FMT("x|  y|z  |%", "%c|%3c|%-3c|%%", 'x', 'y', 'z');
	FMT("1.000000 -2.50 3.142e+00 0.0001 1e+100 0x1.8p+1", "%f %.2f %.3e %g %g %a",
	    1.0, -2.5, 3.14159, 0.0001, 1e100, 3.0);
	FMT("[  1.50] [1.5   ] [-0001.5] inf -nan 0.125", "[%6.2f] [%-6g] [%07.1f] %f %g %Lg",
	    1.5, 1.5, -1.5, 1.0 / 0.0, -__builtin_nan(""), (long double)0.125);
	FMT("0.30000000000000004 2.5 2", "%.17g %.1f %.0f", 0.1 + 0.2, 2.45, 2.5);
	FMT("    12|12    ", "%*d|%-*d", 6, 12, 6, 12);
	char small[6];
	volatile size_t small_size = sizeof small;   /* keep GCC from warning about the truncation */
	int n = snprintf(small, small_size, "%s", "truncated");
	CHECK(n == 9 && strcmp(small, "trunc") == 0, "snprintf truncation: %d \"%s\"", n, small);
	char big[32];
	const char *volatile zero_and_prec = "%05.1d|%-+4d|";   /* '0' is ignored with a precision */
	CHECK(sprintf(big, zero_and_prec, 3, 5) == 11 && strcmp(big, "    3|+5  |") == 0,
	      "sprintf \"%s\"", big);
}

static void test_malloc(void)
{
	enum { N = 64 };
	unsigned char *p[N] = { 0 };
	size_t len[N] = { 0 };
	unsigned seed = 1;
	int ok = 1;

	for (int round = 0; round < 3000 && ok; round++) {
		seed = seed * 1103515245u + 12345u;
		int i = (seed >> 16) % N;
		size_t n = (seed >> 4) % 2000;
		if (p[i]) {
			for (size_t k = 0; k < len[i]; k++)
				if (p[i][k] != (unsigned char)(i ^ k)) {
					ok = 0;
					break;
				}
			if (seed & 1) {
				free(p[i]);
				p[i] = NULL;
				continue;
			}
			unsigned char *q = realloc(p[i], n + 1);
			if (!q) {
				ok = 0;
				break;
			}
			for (size_t k = len[i] < n + 1 ? len[i] : n + 1; k < n + 1; k++)
				q[k] = (unsigned char)(i ^ k);
			p[i] = q;
			len[i] = n + 1;
			continue;
		}
		p[i] = malloc(n);
		if (!p[i]) {
			ok = 0;
			break;
		}
		CHECK(((uintptr_t)p[i] & 7) == 0, "malloc(%zu) misaligned: %p", n, (void *)p[i]);
		for (size_t k = 0; k < n; k++)
			p[i][k] = (unsigned char)(i ^ k);
		len[i] = n;
	}
	CHECK(ok, "malloc/realloc/free random workload corrupted a block or failed");
	for (int i = 0; i < N; i++)
		free(p[i]);

	int *z = calloc(1000, sizeof *z);
	int zero = z != NULL;
	for (int i = 0; zero && i < 1000; i++)
		zero = z[i] == 0;
	CHECK(zero, "calloc not zeroed");
	free(z);

	/* A big block gets its own mapping and goes back with munmap. */
	char *b = malloc(300 * 1024);
	CHECK(b != NULL, "malloc(300 KiB) failed: %s", strerror(errno));
	if (b) {
		memset(b, 0x5A, 300 * 1024);
		CHECK(b[0] == 0x5A && b[300 * 1024 - 1] == 0x5A, "big block contents");
		free(b);
	}
	errno = 0;
	volatile size_t huge = SIZE_MAX - 100;
	CHECK(malloc(huge) == NULL && errno == ENOMEM, "malloc(huge) must fail with ENOMEM");
	char *d = strdup("duplicate");
	CHECK(d && strcmp(d, "duplicate") == 0, "strdup");
	free(d);
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void test_strings(void)
{
	char buf[32];
	strcpy(buf, "abc");
	strcat(buf, "def");
	CHECK(strcmp(buf, "abcdef") == 0 && strlen(buf) == 6, "strcpy/strcat");
	CHECK(strncmp("abcx", "abcy", 3) == 0 && strcmp("a", "b") < 0, "strncmp/strcmp");
	CHECK(strchr(buf, 'd') == buf + 3 && strrchr("a/b/c", '/') != NULL, "strchr/strrchr");
	CHECK(strstr("hello world", "o w") != NULL, "strstr");
	memmove(buf + 1, buf, 5);
	CHECK(memcmp(buf, "aabcde", 6) == 0, "memmove overlap");

	char *end;
	CHECK(strtol("  -0x7fffffff", &end, 0) == -0x7fffffff && *end == '\0', "strtol hex");
	errno = 0;
	CHECK(strtol("2147483648", NULL, 10) == LONG_MAX && errno == ERANGE, "strtol overflow");
	CHECK(strtoul("4294967295", NULL, 10) == 4294967295UL, "strtoul");
	CHECK(strtoull("18446744073709551615", NULL, 10) == UINT64_MAX, "strtoull");
	CHECK(strtoll("-9223372036854775808", NULL, 10) == INT64_MIN, "strtoll");
	CHECK(atoi("123abc") == 123 && atol("-5") == -5 && abs(-3) == 3 && labs(-4L) == 4, "atoi/abs");
	CHECK(isdigit('7') && !isdigit('a') && isspace('\t') && toupper('q') == 'Q' && isxdigit('F'),
	      "ctype");

	int v[10] = { 5, 3, 9, 1, 7, 2, 8, 0, 6, 4 };
	qsort(v, 10, sizeof v[0], cmp_int);
	int sorted = 1;
	for (int i = 0; i < 10; i++)
		sorted &= v[i] == i;
	CHECK(sorted, "qsort");
	int key = 6;
	CHECK(bsearch(&key, v, 10, sizeof v[0], cmp_int) == &v[6], "bsearch");

	int errs[] = { EPERM, ENOENT, EBADF, ENOMEM, EACCES, EFAULT, EEXIST, ENODEV, EINVAL,
		       ENOSYS, EOVERFLOW, ETIMEDOUT };
	for (size_t i = 0; i < sizeof errs / sizeof errs[0]; i++)
		CHECK(strncmp(strerror(errs[i]), "Unknown", 7) != 0, "strerror(%d)", errs[i]);
	CHECK(strcmp(strerror(9999), "Unknown error 9999") == 0, "strerror(9999)");
}

static void test_kcalls(void)
{
	CHECK(getpid() > 0, "getpid");
	CHECK(sysconf(_SC_PAGESIZE) == 4096 && getpagesize() == 4096, "page size");
	clock_t c0 = clock(), c1 = clock();
	CHECK(c1 >= c0, "clock went backwards");

	errno = 0;
	CHECK(close(1234) == -1 && errno == EBADF, "close(bad fd): errno %d", errno);
	errno = 0;
	CHECK(shm_open("/selftest-none", O_RDWR, 0) == -1 && errno == ENOENT,
	      "shm_open of a missing name: errno %d", errno);

	int fd = shm_open("/selftest", O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0, "shm_open: %s", strerror(errno));
	if (fd < 0)
		return;
	/* 64-bit length, low word first: 3 pages. */
	CHECK(ftruncate(fd, 3 * 4096) == 0, "ftruncate: %s", strerror(errno));
	struct stat st;
	memset(&st, 0xEE, sizeof st);
	CHECK(fstat(fd, &st) == 0, "fstat: %s", strerror(errno));
	CHECK(st.st_size == 3 * 4096, "st_size %lld, want 12288", (long long)st.st_size);

	/* mmap with a non-zero offset: the offset's low word is r5 / r8. */
	unsigned char *all = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(all != MAP_FAILED, "mmap: %s", strerror(errno));
	unsigned char *third = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 2 * 4096);
	CHECK(third != MAP_FAILED, "mmap at offset 8192: %s", strerror(errno));
	if (all != MAP_FAILED && third != MAP_FAILED) {
		all[2 * 4096 + 5] = 0xA5;
		CHECK(third[5] == 0xA5, "mapping at offset 8192 does not see page 2");
		off_t pa1, pa2;
		size_t contig;
		CHECK(mem_offset(all + 2 * 4096, NOFD, 4096, &pa1, &contig) == 0 &&
		      mem_offset(third, NOFD, 4096, &pa2, &contig) == 0 && pa1 == pa2,
		      "mem_offset of one page through two mappings");
		CHECK(msync(all, 3 * 4096, MS_SYNC) == 0, "msync: %s", strerror(errno));
		CHECK(mprotect(all, 4096, PROT_READ) == 0, "mprotect: %s", strerror(errno));
		CHECK(munmap(third, 4096) == 0 && munmap(all, 3 * 4096) == 0, "munmap");
	}
	errno = 0;
	CHECK(mmap(NULL, 4096, PROT_READ, MAP_SHARED, 999, 0) == MAP_FAILED && errno == EBADF,
	      "mmap(bad fd) errno %d", errno);
	CHECK(close(fd) == 0, "close");
	CHECK(shm_unlink("/selftest") == 0, "shm_unlink: %s", strerror(errno));

	/* shm_ctl_special with special 0 is shm_ctl; 64-bit size in two registers. */
	fd = shm_open("/selftest2", O_RDWR | O_CREAT, 0600);
	CHECK(fd >= 0 && shm_ctl_special(fd, SHMCTL_ANON, 0, 2 * 4096, 0) == 0,
	      "shm_ctl_special(special 0): %s", strerror(errno));
	errno = 0;
	CHECK(shm_ctl(fd, SHMCTL_ANON, 0, 4096) == -1 && errno == EINVAL,
	      "second shm_ctl must fail with EINVAL (errno %d)", errno);
	mem_obj_info_t *msg = malloc(4 * sizeof(struct _mem_obj_segment));
	msg->i.type = _MEM_OBJ_INFO;
	msg->i.zero = 0;
	msg->i.fd = fd;
	msg->i.offset = 0;
	msg->i.length = SIZE_MAX;
	long ns = MsgSend(MEMMGR_COID, msg, sizeof msg->i, msg, 4 * sizeof(struct _mem_obj_segment));
	uint64_t total = 0;
	for (long i = 0; i < ns; i++)
		total += msg->o.segments[i].length;
	CHECK(ns >= 1 && total == 2 * 4096, "_MEM_OBJ_INFO: %ld segments, %" PRIu64 " bytes", ns, total);
	free(msg);
	close(fd);
	shm_unlink("/selftest2");
}

static int exit_stage;

static void at_exit_second(void)     /* registered first: runs last */
{
	if (exit_stage != 1) {
		printf("FAIL: atexit order\n");
		fflush(stdout);
		_exit(3);
	}
	printf("selftest: atexit handlers ran in order\n");   /* flushed by exit() */
}

static void at_exit_first(void)
{
	exit_stage = 1;
}

int main(int argc, char **argv, char **envp)
{
	test_start(argc, argv, envp);
	test_printf();
	test_malloc();
	test_strings();
	test_kcalls();
	assert(checks > 0);
	atexit(at_exit_second);
	atexit(at_exit_first);
	printf("selftest: %d checks, %d failed\n", checks, failed);
	fprintf(stderr, "selftest: (stderr works)\n");
	return failed ? 1 : 0;
}
