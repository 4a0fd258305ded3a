/*
 * test_softfloat.c - guest/libc/softfloat.c (PowerPC guests' soft-float
 * helpers) against the host's FPU: every operation on special values and
 * on millions of random operands must give the same bits (any NaN matches
 * any NaN).  x86-64 SSE rounds to nearest-even in double and single
 * precision, as IEEE 754 says.  Exits 1 on any mismatch.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <math.h>

double guest__adddf3(double, double);
double guest__subdf3(double, double);
double guest__muldf3(double, double);
double guest__divdf3(double, double);
double guest__negdf2(double);
int guest__eqdf2(double, double);
int guest__nedf2(double, double);
int guest__gedf2(double, double);
int guest__gtdf2(double, double);
int guest__ledf2(double, double);
int guest__ltdf2(double, double);
int guest__unorddf2(double, double);
int guest__fixdfsi(double);
unsigned guest__fixunsdfsi(double);
long long guest__fixdfdi(double);
unsigned long long guest__fixunsdfdi(double);
double guest__floatsidf(int);
double guest__floatunsidf(unsigned);
double guest__floatdidf(long long);
double guest__floatundidf(unsigned long long);
double guest__extendsfdf2(float);
float guest__truncdfsf2(double);
float guest__addsf3(float, float);
float guest__subsf3(float, float);
float guest__mulsf3(float, float);
float guest__divsf3(float, float);
int guest__ltsf2(float, float);
int guest__gesf2(float, float);
int guest__fixsfsi(float);
float guest__floatsisf(int);
float guest__floatunsisf(unsigned);
float guest__floatdisf(long long);
float guest__floatundisf(unsigned long long);

static long failures, checks;
static uint64_t rng = 0x9E3779B97F4A7C15ULL;

/* next(): xorshift64* random bits. */
static uint64_t next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1DULL;
}

static uint64_t b64(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static double d64(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static uint32_t b32(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

/* same64(x, y): identical bits, or both NaN. */
static int same64(double x, double y)
{
	return b64(x) == b64(y) || (isnan(x) && isnan(y));
}

static int same32(float x, float y)
{
	return b32(x) == b32(y) || (isnan(x) && isnan(y));
}

static void fail64(const char *op, double a, double b, double got, double want)
{
	if (failures++ < 20)
		printf("FAIL %s(%a, %a) = %a (%016llx), want %a (%016llx)\n", op, a, b, got,
		       (unsigned long long)b64(got), want, (unsigned long long)b64(want));
}

/* random_double(): random bits, biased towards interesting exponents. */
static double random_double(void)
{
	uint64_t u = next();
	switch (next() % 8) {
	case 0: u &= 0x800FFFFFFFFFFFFFULL; break;                              /* subnormal */
	case 1: u = (u & 0x800FFFFFFFFFFFFFULL) | (0x3FFULL << 52); break;      /* [1, 2) */
	case 2: u = (u & 0x801FFFFFFFFFFFFFULL) | (0x7FEULL << 52); break;      /* huge */
	case 3: u = (u & 0x803FFFFFFFFFFFFFULL) | (0x001ULL << 52); break;      /* tiny normal */
	case 4: u &= 0xFFFFFFFFFFE00000ULL; break;                              /* few significant bits */
	default: break;
	}
	return d64(u);
}

static void check_pair(double a, double b)
{
	double r;
	checks += 4;
	if (!same64(r = guest__adddf3(a, b), a + b)) fail64("add", a, b, r, a + b);
	if (!same64(r = guest__subdf3(a, b), a - b)) fail64("sub", a, b, r, a - b);
	if (!same64(r = guest__muldf3(a, b), a * b)) fail64("mul", a, b, r, a * b);
	if (!same64(r = guest__divdf3(a, b), a / b)) fail64("div", a, b, r, a / b);
	checks += 7;
	if ((guest__eqdf2(a, b) == 0) != (a == b) || (guest__nedf2(a, b) != 0) != (a != b) ||
	    (guest__gedf2(a, b) >= 0) != (a >= b) || (guest__gtdf2(a, b) > 0) != (a > b) ||
	    (guest__ledf2(a, b) <= 0) != (a <= b) || (guest__ltdf2(a, b) < 0) != (a < b) ||
	    (guest__unorddf2(a, b) != 0) != (isnan(a) || isnan(b)))
		fail64("compare", a, b, 0, 0);

	float fa = (float)a, fb = (float)b;
	float fr;
	checks += 5;
	if (!same32(guest__truncdfsf2(a), fa)) fail64("truncdfsf2", a, 0, guest__truncdfsf2(a), fa);
	if (!same64(guest__extendsfdf2(fa), (double)fa)) fail64("extendsfdf2", fa, 0, guest__extendsfdf2(fa), fa);
	if (!same32(fr = guest__addsf3(fa, fb), fa + fb)) fail64("addsf3", fa, fb, fr, fa + fb);
	if (!same32(fr = guest__mulsf3(fa, fb), fa * fb)) fail64("mulsf3", fa, fb, fr, fa * fb);
	if (!same32(fr = guest__divsf3(fa, fb), fa / fb)) fail64("divsf3", fa, fb, fr, fa / fb);
	checks += 2;
	if (!same32(fr = guest__subsf3(fa, fb), fa - fb)) fail64("subsf3", fa, fb, fr, fa - fb);
	if ((guest__ltsf2(fa, fb) < 0) != (fa < fb) || (guest__gesf2(fa, fb) >= 0) != (fa >= fb))
		fail64("comparesf", fa, fb, 0, 0);

	/* Conversions to integers, where C defines them. */
	if (!isnan(a) && a > -2147483649.0 && a < 2147483648.0) {
		checks++;
		if (guest__fixdfsi(a) != (int)a) fail64("fixdfsi", a, 0, guest__fixdfsi(a), (int)a);
	}
	if (!isnan(a) && a > -1.0 && a < 4294967296.0) {
		checks++;
		if (guest__fixunsdfsi(a) != (unsigned)a) fail64("fixunsdfsi", a, 0, guest__fixunsdfsi(a), (unsigned)a);
	}
	if (!isnan(a) && a >= -9223372036854775808.0 && a < 9223372036854775808.0) {
		checks++;
		if (guest__fixdfdi(a) != (long long)a) fail64("fixdfdi", a, 0, 0, 0);
	}
	if (!isnan(a) && a > -1.0 && a < 18446744073709551616.0) {
		checks++;
		if (guest__fixunsdfdi(a) != (unsigned long long)a) fail64("fixunsdfdi", a, 0, 0, 0);
	}
	if (!isnan(fa) && fa > -2147483649.0f && fa < 2147483648.0f) {
		checks++;
		if (guest__fixsfsi(fa) != (int)fa) fail64("fixsfsi", fa, 0, guest__fixsfsi(fa), (int)fa);
	}
}

static void check_int(uint64_t u)
{
	long long s = (long long)u;
	checks += 8;
	if (!same64(guest__floatdidf(s), (double)s)) fail64("floatdidf", (double)s, 0, guest__floatdidf(s), (double)s);
	if (!same64(guest__floatundidf(u), (double)u)) fail64("floatundidf", (double)u, 0, guest__floatundidf(u), (double)u);
	if (!same64(guest__floatsidf((int)u), (double)(int)u)) fail64("floatsidf", (int)u, 0, 0, 0);
	if (!same64(guest__floatunsidf((unsigned)u), (double)(unsigned)u)) fail64("floatunsidf", (unsigned)u, 0, 0, 0);
	if (!same32(guest__floatdisf(s), (float)s)) fail64("floatdisf", (double)s, 0, guest__floatdisf(s), (float)s);
	if (!same32(guest__floatundisf(u), (float)u)) fail64("floatundisf", (double)u, 0, guest__floatundisf(u), (float)u);
	if (!same32(guest__floatsisf((int)u), (float)(int)u)) fail64("floatsisf", (int)u, 0, guest__floatsisf((int)u), (float)(int)u);
	if (!same32(guest__floatunsisf((unsigned)u), (float)(unsigned)u)) fail64("floatunsisf", (unsigned)u, 0, 0, 0);
}

int main(void)
{
	double special[] = { 0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.0, 3.0, 0.1, -0.1, 1e308, -1e308,
			     1.7976931348623157e308, 2.2250738585072014e-308, 4.9e-324, -4.9e-324,
			     2.2250738585072009e-308, INFINITY, -INFINITY, NAN, -NAN, 1.0 + 0x1p-52,
			     1.0 - 0x1p-53, 0x1p1023, 0x1p-1022, 0x1p-1074, 3.4028234663852886e38,
			     1.1754943508222875e-38, 1.401298464324817e-45, 16777217.0, 2147483647.5,
			     -2147483648.5, 4294967295.9, 9007199254740993.0, 18446744073709549568.0 };
	size_t n = sizeof special / sizeof special[0];
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			check_pair(special[i], special[j]);
	for (long i = 0; i < 2000000; i++) {
		double a = random_double(), b = random_double();
		if (i & 1)
			b = d64(b64(a) + (next() % 5) - 2);     /* neighbours: cancellation */
		check_pair(a, b);
	}
	uint64_t ints[] = { 0, 1, 2, 3, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000000ULL,
			    0x1FFFFFFFFFFFFFULL, 0x20000000000001ULL, 0x7FFFFFFFFFFFFFFFULL,
			    0x8000000000000000ULL, 0xFFFFFFFFFFFFFFFFULL, 0x8000008000000001ULL,
			    16777217, 16777219, 0xFFFFFF7FFFFFFFFFULL };
	for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
		check_int(ints[i]);
		check_int(-ints[i]);
	}
	for (long i = 0; i < 1000000; i++)
		check_int(next() >> (next() % 64));
	printf("softfloat: %ld checks, %ld failures\n", checks, failures);
	return failures ? 1 : 0;
}
