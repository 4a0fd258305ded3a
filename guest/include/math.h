/*
 * <math.h> - C99 math for mmsim guests: newlib's libm (built from
 * Debian's newlib-source by guest/libm/build-libm.sh; linked into every
 * program, -lm accepted).  Soft float on every flavour; errors set errno
 * (EDOM, ERANGE) as glibc does: math_errhandling is MATH_ERRNO.
 * PowerPC: long double is IBM double-double and newlib has no long
 * double code for it, so the *l functions exist on ARM only.
 */
#ifndef _MATH_H_INCLUDED
#define _MATH_H_INCLUDED

#define HUGE_VAL   (__builtin_huge_val())
#define HUGE_VALF  (__builtin_huge_valf())
#define HUGE_VALL  (__builtin_huge_vall())
#define INFINITY   (__builtin_inff())
#define NAN        (__builtin_nanf(""))

#define FP_NAN       0
#define FP_INFINITE  1
#define FP_ZERO      2
#define FP_SUBNORMAL 3
#define FP_NORMAL    4
#define FP_ILOGB0    (-__INT_MAX__)
#define FP_ILOGBNAN  __INT_MAX__

#define MATH_ERRNO      1
#define MATH_ERREXCEPT  2
#define math_errhandling MATH_ERRNO

typedef float float_t;
typedef double double_t;

#define fpclassify(x) __builtin_fpclassify(FP_NAN, FP_INFINITE, FP_NORMAL, FP_SUBNORMAL, FP_ZERO, x)
#define isfinite(x)   __builtin_isfinite(x)
#define isinf(x)      __builtin_isinf_sign(x)
#define isnan(x)      __builtin_isnan(x)
#define isnormal(x)   __builtin_isnormal(x)
#define signbit(x)    __builtin_signbit(x)
#define isgreater(x, y)      __builtin_isgreater(x, y)
#define isgreaterequal(x, y) __builtin_isgreaterequal(x, y)
#define isless(x, y)         __builtin_isless(x, y)
#define islessequal(x, y)    __builtin_islessequal(x, y)
#define islessgreater(x, y)  __builtin_islessgreater(x, y)
#define isunordered(x, y)    __builtin_isunordered(x, y)

#define M_E        2.7182818284590452354
#define M_LOG2E    1.4426950408889634074
#define M_LOG10E   0.43429448190325182765
#define M_LN2      0.69314718055994530942
#define M_LN10     2.30258509299404568402
#define M_PI       3.14159265358979323846
#define M_PI_2     1.57079632679489661923
#define M_PI_4     0.78539816339744830962
#define M_1_PI     0.31830988618379067154
#define M_2_PI     0.63661977236758134308
#define M_2_SQRTPI 1.12837916709551257390
#define M_SQRT2    1.41421356237309504880
#define M_SQRT1_2  0.70710678118654752440

/* One declaration per function in double, float (f) and long double (l). */
#define __MATH1(name) double name(double); float name##f(float); long double name##l(long double)
#define __MATH2(name) double name(double, double); float name##f(float, float); \
	long double name##l(long double, long double)

__MATH1(acos); __MATH1(asin); __MATH1(atan); __MATH2(atan2);
__MATH1(cos); __MATH1(sin); __MATH1(tan);
__MATH1(acosh); __MATH1(asinh); __MATH1(atanh);
__MATH1(cosh); __MATH1(sinh); __MATH1(tanh);
__MATH1(exp); __MATH1(exp2); __MATH1(expm1);
__MATH1(log); __MATH1(log10); __MATH1(log1p); __MATH1(log2); __MATH1(logb);
__MATH1(cbrt); __MATH1(fabs); __MATH2(hypot); __MATH2(pow); __MATH1(sqrt);
__MATH1(erf); __MATH1(erfc); __MATH1(lgamma); __MATH1(tgamma);
__MATH1(ceil); __MATH1(floor); __MATH1(nearbyint); __MATH1(rint); __MATH1(round); __MATH1(trunc);
__MATH2(fmod); __MATH2(remainder); __MATH2(copysign); __MATH2(nextafter);
__MATH2(fdim); __MATH2(fmax); __MATH2(fmin);

double frexp(double, int *); float frexpf(float, int *); long double frexpl(long double, int *);
double ldexp(double, int); float ldexpf(float, int); long double ldexpl(long double, int);
double scalbn(double, int); float scalbnf(float, int); long double scalbnl(long double, int);
double scalbln(double, long); float scalblnf(float, long); long double scalblnl(long double, long);
double modf(double, double *); float modff(float, float *); long double modfl(long double, long double *);
int ilogb(double); int ilogbf(float); int ilogbl(long double);
long lrint(double); long lrintf(float); long lrintl(long double);
long long llrint(double); long long llrintf(float); long long llrintl(long double);
long lround(double); long lroundf(float); long lroundl(long double);
long long llround(double); long long llroundf(float); long long llroundl(long double);
double remquo(double, double, int *); float remquof(float, float, int *);
long double remquol(long double, long double, int *);
double fma(double, double, double); float fmaf(float, float, float);
long double fmal(long double, long double, long double);
double nan(const char *); float nanf(const char *); long double nanl(const char *);
double nexttoward(double, long double); float nexttowardf(float, long double);
/* Bessel functions and gamma (X/Open). */
double j0(double); double j1(double); double jn(int, double);
double y0(double); double y1(double); double yn(int, double);
double gamma(double);
extern int signgam;

#undef __MATH1
#undef __MATH2

#endif
