/*
 * test_libc_math.c - <math.h> (newlib's libm in the guest) against the
 * values glibc gives: exact for the correctly rounded operations (sqrt,
 * floor, ceil, fmod, trunc, round, ldexp, frexp, fabs), within one ulp
 * for the transcendental ones, plus errno and special values.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "check.h"

/* ulps(a, b): the distance between two finite doubles of the same sign, in units in the last place. */
static long long ulps(double a, double b)
{
	int64_t x, y;
	memcpy(&x, &a, sizeof x);
	memcpy(&y, &b, sizeof y);
	return x > y ? x - y : y - x;
}

#define NEAR(got, want, what) CHECK(ulps((got), (want)) <= 1, "%s = %.17g (want %.17g)", what, (got), (want))
#define EXACT(got, want, what) CHECK(ulps((got), (want)) == 0, "%s = %.17g (want %.17g)", what, (got), (want))

int main(void)
{
	volatile double two = 2.0, half = 0.5, ten = 10.0, m1 = -1.0, zero = 0.0;
	EXACT(sqrt(two), 1.4142135623730951, "sqrt(2)");
	EXACT(floor(-2.5), -3.0, "floor(-2.5)");
	EXACT(ceil(-2.5), -2.0, "ceil(-2.5)");
	EXACT(fmod(10.5, 3.0), 1.5, "fmod(10.5, 3)");
	EXACT(fmod(-7.0, 3.0), -1.0, "fmod(-7, 3)");
	EXACT(trunc(-2.7), -2.0, "trunc(-2.7)");
	EXACT(round(2.5), 3.0, "round(2.5)");
	EXACT(fabs(-3.25), 3.25, "fabs");
	EXACT(ldexp(0.75, 4), 12.0, "ldexp");
	int e;
	double fr = frexp(48.0, &e);
	EXACT(fr, 0.75, "frexp(48)");
	CHECK_EQ(e, 6, "... exponent 6");
	NEAR(sin(half), 0.47942553860420301, "sin(0.5)");
	NEAR(cos(half), 0.87758256189037276, "cos(0.5)");
	NEAR(tan(half), 0.54630248984379048, "tan(0.5)");
	NEAR(sin(1e6), -0.34999350217129294, "sin(1e6): argument reduction");
	NEAR(atan2(1.0, -1.0), 2.3561944901923448, "atan2(1, -1)");
	NEAR(exp(1.0), 2.7182818284590451, "exp(1)");
	NEAR(exp(-745.0), 4.9406564584124654e-324, "exp(-745): subnormal");
	NEAR(log(ten), 2.3025850929940459, "log(10)");
	NEAR(log10(2.0), 0.3010299956639812, "log10(2)");
	NEAR(pow(two, 0.5), 1.4142135623730951, "pow(2, 0.5)");
	EXACT(pow(two, 10.0), 1024.0, "pow(2, 10)");
	NEAR(pow(1.0001, 10000.0), 2.7181459268249255, "pow(1.0001, 10000)");
	NEAR(cbrt(27.0), 3.0, "cbrt(27)");
	NEAR(hypot(3.0, 4.0), 5.0, "hypot(3, 4)");
	NEAR(sinh(1.0), 1.1752011936438014, "sinh(1)");
	NEAR(tanh(0.5), 0.46211715726000974, "tanh(0.5)");
	NEAR(asin(half), 0.52359877559829893, "asin(0.5)");
	NEAR(acos(half), 1.0471975511965979, "acos(0.5)");
	CHECK(fabsf(sinf(0.5f) - 0.47942554f) < 1e-7f, "sinf(0.5)");
	CHECK(fabsf(sqrtf(2.0f) - 1.41421354f) == 0.0f, "sqrtf(2)");
	errno = 0;
	double r = sqrt(m1);
	CHECK(isnan(r), "sqrt(-1) is NaN");
	CHECK_EQ(errno, EDOM, "sqrt(-1): EDOM");
	errno = 0;
	r = log(zero);
	CHECK(isinf(r) && r < 0, "log(0) = -inf");
	CHECK_EQ(errno, ERANGE, "log(0): ERANGE");
	errno = 0;
	r = exp(1000.0);
	CHECK(isinf(r), "exp(1000) = inf");
	CHECK_EQ(errno, ERANGE, "exp(1000): ERANGE");
	errno = 0;
	r = log(m1);
	CHECK(isnan(r) && errno == EDOM, "log(-1): NaN, EDOM");
	CHECK(isnan(NAN) && isinf(INFINITY) && !isfinite(HUGE_VAL), "NAN INFINITY HUGE_VAL");
	CHECK_EQ(fpclassify(1e-310), FP_SUBNORMAL, "fpclassify subnormal");
	CHECK_EQ(fpclassify(0.0), FP_ZERO, "fpclassify zero");
	CHECK(signbit(-0.0) && !signbit(0.0), "signbit");
	CHECK(fabs(M_PI - 3.14159265358979323846) == 0, "M_PI");
	CHECK_EQ(lround(-2.5), -3, "lround(-2.5)");
	CHECK_EQ(ilogb(1024.0), 10, "ilogb(1024)");
	double ip;
	double frac = modf(3.75, &ip);
	EXACT(frac, 0.75, "modf fraction");
	EXACT(ip, 3.0, "modf integer part");
	EXACT(fmax(1.0, NAN), 1.0, "fmax ignores NaN");
	EXACT(copysign(2.0, -0.0), -2.0, "copysign");
	EXACT(nextafter(1.0, 2.0), 1.0000000000000002, "nextafter");
	EXACT(remainder(10.0, 3.0), 1.0, "remainder");
	return done();
}
