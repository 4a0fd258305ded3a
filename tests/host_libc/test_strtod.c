/*
 * test_strtod.c - the guest's strtod/strtof (guest/libc/strtod.c, built
 * for the host with a guest_ prefix) against the host glibc's, which is
 * correctly rounded: same bits, same end pointer, same ERANGE, for fixed
 * hard cases (halfway points, subnormals, overflow, long inputs, hex,
 * inf/nan) and for 200000 pseudo-random decimal strings.  Exits 1 on any
 * difference, printing it.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double guest_strtod(const char *s, char **end);
float guest_strtof(const char *s, char **end);
int guest_errno;
/* strtod.c copies bits with memcpy. */
void *guest_memcpy(void *d, const void *s, size_t n) { return memcpy(d, s, n); }

static int failures;

/* check(s): compare strtod and strtof of s with the host's. */
static void check(const char *s)
{
	char *e1, *e2;
	errno = 0;
	guest_errno = 0;
	double a = strtod(s, &e1);
	int ea = errno == ERANGE;
	double b = guest_strtod(s, &e2);
	int eb = guest_errno == ERANGE;
	if (memcmp(&a, &b, sizeof a) || e1 != e2 || ea != eb) {
		if (failures++ < 20)
			printf("strtod(\"%.60s\"): host %a end+%td erange %d, guest %a end+%td erange %d\n",
			       s, a, e1 - s, ea, b, e2 - s, eb);
	}
	errno = 0;
	guest_errno = 0;
	float fa = strtof(s, &e1);
	ea = errno == ERANGE;
	float fb = guest_strtof(s, &e2);
	eb = guest_errno == ERANGE;
	if (memcmp(&fa, &fb, sizeof fa) || e1 != e2 || ea != eb) {
		if (failures++ < 20)
			printf("strtof(\"%.60s\"): host %a end+%td erange %d, guest %a end+%td erange %d\n",
			       s, (double)fa, e1 - s, ea, (double)fb, e2 - s, eb);
	}
}

static uint64_t rng = 88172645463325252ull;

/* next(): xorshift64. */
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

int main(void)
{
	static const char *fixed[] = {
		"0", "-0", "1", "-1", "0.1", "1e23", "8.589973e9", "2.2250738585072011e-308",
		"2.2250738585072012e-308", "4.9406564584124654e-324", "2.4703282292062327e-324",
		"2.4703282292062328e-324", "1e-400", "1.7976931348623157e308", "1.7976931348623158e308",
		"1.7976931348623159e308", "1e309", "-1e309", "9007199254740993", "9007199254740992.5",
		"0x1p-1074", "0x1.fffffffffffffp1023", "0x1.fffffffffffff8p1023", "0X1.8P3", "0x.8",
		"0x", "0xg", "  +3.5e+2xyz", ".5", "5.", ".", "e5", "1e", "1e+", "-.e1", "inf", "-INF",
		"infinity", "Infinityx", "nan", "NaN(123)", "nan(", "1.00000005960464477539062499",
		"1.000000059604644775390625", "1.00000005960464477539062501", "3.4028235677973366e38",
		"3.4028234663852886e38", "1.401298464324817e-45", "7.006492321624085e-46",
		"7.006492321624086e-46", "1.1754943508222875e-38", "123456789012345678901234567890",
		"0.000000000000000000000000000000000000000000001", "1e-320", "2e-323", "0e99999",
		"1e99999", "1e-99999", "00000000000000000000000000.5", "12.34.56",
		"2.22507385850720113605740979670913197593481954635164564e-308",
		"179769313486231580793728971405301e276",
		"0.500000000000000166533453693773481063544750213623046875",
		"3.518437208883201171875e13", "62.5364939768271845828", "8.10109172351e-10",
		"1.50000000000000011102230246251565404236316680908203125",
		"9007199254740993.0000000000000000000000000000000000000000000000000000000000000000"
		"000000000000000000000000000000000000000000000000000000000000000000000000000001",
	};
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		check(fixed[i]);
	/* 2^-1075 (halfway below the smallest subnormal) with 760 digits, then one more. */
	char buf[2048];
	for (int i = 0; i < 200000; i++) {
		uint64_t r = next();
		int nd = 1 + (int)(r % 25);
		if (i % 100 == 0)
			nd = 1 + (int)(r % 900);
		char *p = buf;
		if (r & (1ull << 40))
			*p++ = '-';
		int point = (int)((r >> 8) % (unsigned)(nd + 1));
		for (int d = 0; d < nd; d++) {
			if (d == point)
				*p++ = '.';
			*p++ = (char)('0' + next() % 10);
		}
		int ex = (int)(next() % 700) - 350;
		if (i % 3 == 0)
			ex = (int)(next() % 100) - 50;
		p += sprintf(p, "e%d", ex);
		check(buf);
		/* the exact halfway point between two doubles, and its neighbours */
		if (i % 10 == 0) {
			double d;
			uint64_t bits = next() >> 2;
			memcpy(&d, &bits, sizeof d);
			snprintf(buf, sizeof buf, "%.800e", d);
			check(buf);
		}
	}
	if (failures) {
		printf("%d strtod/strtof differences\n", failures);
		return 1;
	}
	printf("strtod/strtof: all equal to the host's\n");
	return 0;
}
