/*
 * softfloat.c - IEEE 754 binary64/binary32 arithmetic in integers: the
 * libgcc soft-float helpers (__adddf3, __muldf3, __fixdfsi, ...) that
 * GCC calls for -msoft-float code.
 *
 * Only PowerPC guests link this file: Debian's powerpc-linux-gnu libgcc
 * is built for hard float (its __adddf3 uses the FPU and takes doubles in
 * FPRs), so soft-float guests need their own.  ARM guests use libgcc's.
 *
 * Round to nearest, ties to even; no exception flags.  Invalid operations
 * give the default NaN, NaN operands come back quieted.  The algorithms
 * follow Berkeley SoftFloat 3 (J. Hauser): a significand carries its
 * leading 1 at bit 62 (double) or 30 (float) above the rounding bits, and
 * packing *adds* exponent and significand so a carry out of rounding
 * bumps the exponent.  tests/host_libc checks every function against the
 * host's FPU.
 *
 * This file must not use floating-point operations itself.
 */
#include <stdint.h>

typedef union { double d; uint64_t u; } d64;
typedef union { float f; uint32_t u; } f32;

#define DNAN64 UINT64_C(0x7FF8000000000000)
#define DNAN32 UINT32_C(0x7FC00000)

/* Prototypes, for -Wmissing-prototypes; GCC calls these by name. */
double __adddf3(double a, double b);
double __subdf3(double a, double b);
double __muldf3(double a, double b);
double __divdf3(double a, double b);
double __negdf2(double a);
int __eqdf2(double a, double b);
int __nedf2(double a, double b);
int __gedf2(double a, double b);
int __gtdf2(double a, double b);
int __ledf2(double a, double b);
int __ltdf2(double a, double b);
int __unorddf2(double a, double b);
int __fixdfsi(double a);
unsigned __fixunsdfsi(double a);
long long __fixdfdi(double a);
unsigned long long __fixunsdfdi(double a);
double __floatsidf(int a);
double __floatunsidf(unsigned a);
double __floatdidf(long long a);
double __floatundidf(unsigned long long a);
double __extendsfdf2(float a);
float __truncdfsf2(double a);
float __addsf3(float a, float b);
float __subsf3(float a, float b);
float __mulsf3(float a, float b);
float __divsf3(float a, float b);
float __negsf2(float a);
int __eqsf2(float a, float b);
int __nesf2(float a, float b);
int __gesf2(float a, float b);
int __gtsf2(float a, float b);
int __lesf2(float a, float b);
int __ltsf2(float a, float b);
int __unordsf2(float a, float b);
int __fixsfsi(float a);
unsigned __fixunssfsi(float a);
long long __fixsfdi(float a);
unsigned long long __fixunssfdi(float a);
float __floatsisf(int a);
float __floatunsisf(unsigned a);
float __floatdisf(long long a);
float __floatundisf(unsigned long long a);

/* --- bits <-> values ---------------------------------------------------- */

static uint64_t bits64(double d) { d64 v; v.d = d; return v.u; }
static double from64(uint64_t u) { d64 v; v.u = u; return v.d; }
static uint32_t bits32(float f) { f32 v; v.f = f; return v.u; }
static float from32(uint32_t u) { f32 v; v.u = u; return v.f; }

#define SIGN64(u) ((int)((u) >> 63))
#define EXP64(u)  ((int)((u) >> 52) & 0x7FF)
#define FRAC64(u) ((u) & UINT64_C(0x000FFFFFFFFFFFFF))
#define PACK64(s, e, sig) (((uint64_t)(s) << 63) + ((uint64_t)(e) << 52) + (sig))
#define ISNAN64(u) (EXP64(u) == 0x7FF && FRAC64(u))

/* clz64(x): leading zero bits of x (x != 0). */
static int clz64(uint64_t x)
{
	return __builtin_clzll(x);
}

/* shift_right_jam(x, n): x >> n, with any 1 shifted out ORed into bit 0. */
static uint64_t shift_right_jam(uint64_t x, int n)
{
	if (n <= 0)
		return x;
	if (n >= 63)
		return x != 0;
	return (x >> n) | ((x << (64 - n)) != 0);
}

/* nan_result(a, b): the NaN an operation on a and b returns (a NaN operand, quieted). */
static uint64_t nan_result(uint64_t a, uint64_t b)
{
	uint64_t n = ISNAN64(a) ? a : b;
	return n | UINT64_C(0x0008000000000000);
}

/* round_pack64(sign, exp, sig): round sig (leading 1 at bit 62, exp = biased exponent - 1) to a double. */
static uint64_t round_pack64(int sign, int exp, uint64_t sig)
{
	unsigned round_bits = sig & 0x3FF;
	if ((unsigned)exp >= 0x7FD) {
		if (exp < 0) {                          /* subnormal or zero */
			sig = shift_right_jam(sig, -exp);
			exp = 0;
			round_bits = sig & 0x3FF;
		} else if (exp > 0x7FD || sig + 0x200 >= UINT64_C(0x8000000000000000)) {
			return PACK64(sign, 0x7FF, 0);  /* overflow: infinity */
		}
	}
	sig = (sig + 0x200) >> 10;
	if (round_bits == 0x200)
		sig &= ~UINT64_C(1);                    /* tie: to even */
	if (!sig)
		exp = 0;
	return PACK64(sign, exp, sig);
}

/* norm_round_pack64(sign, exp, sig): round_pack64 for any nonzero-or-zero sig below bit 63. */
static uint64_t norm_round_pack64(int sign, int exp, uint64_t sig)
{
	if (!sig)
		return PACK64(sign, 0, 0);
	int shift = clz64(sig) - 1;
	return round_pack64(sign, exp - shift, sig << shift);
}

/* norm_subnormal64(&exp, &sig): normalize a subnormal fraction (leading 1 to bit 52). */
static void norm_subnormal64(int *exp, uint64_t *sig)
{
	int shift = clz64(*sig) - 11;
	*exp = 1 - shift;
	*sig <<= shift;
}

/* --- double arithmetic ----------------------------------------------------- */

/* add_mags(a, b, sign): |a| + |b| with the given sign. */
static uint64_t add_mags(uint64_t a, uint64_t b, int sign)
{
	int ea = EXP64(a), eb = EXP64(b), ez;
	uint64_t sa = FRAC64(a), sb = FRAC64(b), sz;
	int diff = ea - eb;

	if (diff == 0) {
		if (ea == 0)                            /* both subnormal: exact */
			return PACK64(sign, 0, sa + sb);
		if (ea == 0x7FF)
			return (sa | sb) ? nan_result(a, b) : a;
		ez = ea;
		sz = (UINT64_C(0x0020000000000000) + sa + sb) << 9;
		return round_pack64(sign, ez, sz);
	}
	sa <<= 9;
	sb <<= 9;
	if (diff < 0) {
		if (eb == 0x7FF)
			return sb ? nan_result(a, b) : PACK64(sign, 0x7FF, 0);
		ez = eb;
		sa = ea ? sa + UINT64_C(0x2000000000000000) : sa << 1;
		sa = shift_right_jam(sa, -diff);
	} else {
		if (ea == 0x7FF)
			return sa ? nan_result(a, b) : a;
		ez = ea;
		sb = eb ? sb + UINT64_C(0x2000000000000000) : sb << 1;
		sb = shift_right_jam(sb, diff);
	}
	sz = UINT64_C(0x2000000000000000) + sa + sb;
	if (sz < UINT64_C(0x4000000000000000)) {
		ez--;
		sz <<= 1;
	}
	return round_pack64(sign, ez, sz);
}

/* sub_mags(a, b, sign): |a| - |b|, the result carrying sign when |a| > |b|. */
static uint64_t sub_mags(uint64_t a, uint64_t b, int sign)
{
	int ea = EXP64(a), eb = EXP64(b), ez;
	uint64_t sa = FRAC64(a), sb = FRAC64(b), sz;
	int diff = ea - eb;

	if (diff == 0) {
		if (ea == 0x7FF)
			return (sa | sb) ? nan_result(a, b) : DNAN64;   /* inf - inf */
		int64_t d = (int64_t)sa - (int64_t)sb;
		if (d == 0)
			return 0;                       /* +0 when rounding to nearest */
		if (ea)
			ea--;
		if (d < 0) {
			sign = !sign;
			d = -d;
		}
		int shift = clz64((uint64_t)d) - 11;
		ez = ea - shift;
		if (ez < 0) {
			shift = ea;
			ez = 0;
		}
		return PACK64(sign, ez, (uint64_t)d << shift);
	}
	sa <<= 10;
	sb <<= 10;
	if (diff < 0) {
		sign = !sign;
		if (eb == 0x7FF)
			return sb ? nan_result(a, b) : PACK64(sign, 0x7FF, 0);
		sa += ea ? UINT64_C(0x4000000000000000) : sa;
		sa = shift_right_jam(sa, -diff);
		sb |= UINT64_C(0x4000000000000000);
		ez = eb;
		sz = sb - sa;
	} else {
		if (ea == 0x7FF)
			return sa ? nan_result(a, b) : a;
		sb += eb ? UINT64_C(0x4000000000000000) : sb;
		sb = shift_right_jam(sb, diff);
		sa |= UINT64_C(0x4000000000000000);
		ez = ea;
		sz = sa - sb;
	}
	return norm_round_pack64(sign, ez - 1, sz);
}

/* __adddf3(a, b): a + b. */
double __adddf3(double a, double b)
{
	uint64_t ua = bits64(a), ub = bits64(b);
	if (SIGN64(ua) == SIGN64(ub))
		return from64(add_mags(ua, ub, SIGN64(ua)));
	return from64(sub_mags(ua, ub, SIGN64(ua)));
}

/* __subdf3(a, b): a - b. */
double __subdf3(double a, double b)
{
	return __adddf3(a, from64(bits64(b) ^ UINT64_C(0x8000000000000000)));
}

/* mul64x64(a, b, &hi, &lo): the 128-bit product of a and b. */
static void mul64x64(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
	uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
	uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
	uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
	*lo = (mid << 32) | (uint32_t)p00;
	*hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

/* __muldf3(a, b): a * b. */
double __muldf3(double a, double b)
{
	uint64_t ua = bits64(a), ub = bits64(b);
	int sign = SIGN64(ua) ^ SIGN64(ub);
	int ea = EXP64(ua), eb = EXP64(ub);
	uint64_t sa = FRAC64(ua), sb = FRAC64(ub);

	if (ea == 0x7FF || eb == 0x7FF) {
		if (ISNAN64(ua) || ISNAN64(ub))
			return from64(nan_result(ua, ub));
		if ((ea == 0 && sa == 0) || (eb == 0 && sb == 0))
			return from64(DNAN64);          /* inf * 0 */
		return from64(PACK64(sign, 0x7FF, 0));
	}
	if (ea == 0) {
		if (!sa)
			return from64(PACK64(sign, 0, 0));
		norm_subnormal64(&ea, &sa);
	}
	if (eb == 0) {
		if (!sb)
			return from64(PACK64(sign, 0, 0));
		norm_subnormal64(&eb, &sb);
	}
	int ez = ea + eb - 0x3FF;
	sa = (sa | UINT64_C(0x0010000000000000)) << 10;
	sb = (sb | UINT64_C(0x0010000000000000)) << 11;
	uint64_t hi, lo;
	mul64x64(sa, sb, &hi, &lo);
	uint64_t sz = hi | (lo != 0);
	if (sz < UINT64_C(0x4000000000000000)) {
		ez--;
		sz <<= 1;
	}
	return from64(round_pack64(sign, ez, sz));
}

/* __divdf3(a, b): a / b. */
double __divdf3(double a, double b)
{
	uint64_t ua = bits64(a), ub = bits64(b);
	int sign = SIGN64(ua) ^ SIGN64(ub);
	int ea = EXP64(ua), eb = EXP64(ub);
	uint64_t sa = FRAC64(ua), sb = FRAC64(ub);

	if (ISNAN64(ua) || ISNAN64(ub))
		return from64(nan_result(ua, ub));
	if (ea == 0x7FF)
		return from64(eb == 0x7FF ? DNAN64 : PACK64(sign, 0x7FF, 0));   /* inf/inf, inf/x */
	if (eb == 0x7FF)
		return from64(PACK64(sign, 0, 0));                               /* x/inf */
	if (eb == 0 && sb == 0)
		return from64((ea == 0 && sa == 0) ? DNAN64 : PACK64(sign, 0x7FF, 0));  /* 0/0, x/0 */
	if (ea == 0) {
		if (!sa)
			return from64(PACK64(sign, 0, 0));
		norm_subnormal64(&ea, &sa);
	}
	if (eb == 0)
		norm_subnormal64(&eb, &sb);

	int ez = ea - eb + 0x3FE;
	sa |= UINT64_C(0x0010000000000000);
	sb |= UINT64_C(0x0010000000000000);
	if (sa < sb) {                  /* make 1 <= sa/sb < 2 */
		sa <<= 1;
		ez--;
	}
	uint64_t q = 0, r = sa;
	for (int i = 0; i < 63; i++) {  /* 63 quotient bits: the leading 1 lands at bit 62 */
		q <<= 1;
		if (r >= sb) {
			r -= sb;
			q |= 1;
		}
		r <<= 1;
	}
	return from64(round_pack64(sign, ez, q | (r != 0)));
}

/* __negdf2(a): -a. */
double __negdf2(double a)
{
	return from64(bits64(a) ^ UINT64_C(0x8000000000000000));
}

/* cmp64(a, b, unordered): -1, 0, 1 comparing a and b; `unordered` if either is NaN. */
static int cmp64(uint64_t a, uint64_t b, int unordered)
{
	if (ISNAN64(a) || ISNAN64(b))
		return unordered;
	if (((a | b) << 1) == 0)
		return 0;                                /* +0 == -0 */
	if (a == b)
		return 0;
	int sa = SIGN64(a), sb = SIGN64(b);
	if (sa != sb)
		return sa ? -1 : 1;
	int less = (a < b) ^ sa;                         /* magnitude order, flipped if negative */
	return less ? -1 : 1;
}

/* __eqdf2(a, b): 0 when a == b. */
int __eqdf2(double a, double b) { return cmp64(bits64(a), bits64(b), 1); }
/* __nedf2(a, b): nonzero when a != b or unordered. */
int __nedf2(double a, double b) { return cmp64(bits64(a), bits64(b), 1); }
/* __gedf2(a, b): >= 0 when a >= b. */
int __gedf2(double a, double b) { return cmp64(bits64(a), bits64(b), -1); }
/* __gtdf2(a, b): > 0 when a > b. */
int __gtdf2(double a, double b) { return cmp64(bits64(a), bits64(b), -1); }
/* __ledf2(a, b): <= 0 when a <= b. */
int __ledf2(double a, double b) { return cmp64(bits64(a), bits64(b), 1); }
/* __ltdf2(a, b): < 0 when a < b. */
int __ltdf2(double a, double b) { return cmp64(bits64(a), bits64(b), 1); }
/* __unorddf2(a, b): nonzero when a or b is NaN. */
int __unorddf2(double a, double b) { return ISNAN64(bits64(a)) || ISNAN64(bits64(b)); }

/* --- conversions ------------------------------------------------------------- */

/* to_u64(a, &neg, max_mag): |a| truncated to an integer, saturated at max_mag; sets *neg. NaN gives max_mag. */
static uint64_t to_u64(uint64_t a, int *neg, uint64_t max_mag)
{
	int e = EXP64(a);
	uint64_t sig = FRAC64(a) | UINT64_C(0x0010000000000000);
	*neg = SIGN64(a);
	if (ISNAN64(a)) {
		*neg = 0;
		return max_mag;
	}
	if (e < 0x3FF)
		return 0;                               /* |a| < 1 */
	int shift = e - 0x3FF - 52;                     /* value = sig * 2^shift */
	if (shift >= 64 - 52)
		return max_mag;
	uint64_t v = shift >= 0 ? sig << shift : sig >> -shift;
	return v > max_mag ? max_mag : v;
}

/* __fixdfsi(a): a truncated to int (saturating). */
int __fixdfsi(double a)
{
	int neg;
	uint64_t v = to_u64(bits64(a), &neg, UINT64_C(0x80000000));
	if (neg)
		return v >= UINT64_C(0x80000000) ? INT32_MIN : -(int)v;
	return v >= UINT64_C(0x80000000) ? INT32_MAX : (int)v;
}

/* __fixunsdfsi(a): a truncated to unsigned (0 for negatives, saturating). */
unsigned __fixunsdfsi(double a)
{
	int neg;
	uint64_t v = to_u64(bits64(a), &neg, UINT32_MAX);
	return neg ? 0 : (unsigned)v;
}

/* __fixdfdi(a): a truncated to long long (saturating). */
long long __fixdfdi(double a)
{
	int neg;
	uint64_t v = to_u64(bits64(a), &neg, UINT64_C(0x8000000000000000));
	if (neg)
		return v >= UINT64_C(0x8000000000000000) ? INT64_MIN : -(long long)v;
	return v >= UINT64_C(0x8000000000000000) ? INT64_MAX : (long long)v;
}

/* __fixunsdfdi(a): a truncated to unsigned long long (0 for negatives, saturating). */
unsigned long long __fixunsdfdi(double a)
{
	int neg;
	uint64_t v = to_u64(bits64(a), &neg, UINT64_MAX);
	return neg ? 0 : v;
}

/* from_u64(sign, mag): the double nearest to +-mag. */
static uint64_t from_u64(int sign, uint64_t mag)
{
	if (!mag)
		return PACK64(sign, 0, 0);
	if (mag >> 63)                                   /* leading 1 must sit at bit 62 */
		return round_pack64(sign, 0x43D, shift_right_jam(mag, 1));
	return norm_round_pack64(sign, 0x43C, mag);
}

/* __floatsidf(a): (double)a. */
double __floatsidf(int a) { return from64(from_u64(a < 0, a < 0 ? 0u - (uint64_t)(int64_t)a : (uint64_t)a)); }
/* __floatunsidf(a): (double)a. */
double __floatunsidf(unsigned a) { return from64(from_u64(0, a)); }
/* __floatdidf(a): (double)a, rounded. */
double __floatdidf(long long a) { return from64(from_u64(a < 0, a < 0 ? 0 - (uint64_t)a : (uint64_t)a)); }
/* __floatundidf(a): (double)a, rounded. */
double __floatundidf(unsigned long long a) { return from64(from_u64(0, a)); }

/* --- float ------------------------------------------------------------------------- */

/* round_pack32(sign, exp, sig): round sig (leading 1 at bit 30, exp = biased exponent - 1) to a float. */
static uint32_t round_pack32(int sign, int exp, uint32_t sig)
{
	unsigned round_bits = sig & 0x7F;
	if ((unsigned)exp >= 0xFD) {
		if (exp < 0) {
			int n = -exp;
			sig = n >= 31 ? (sig != 0) : (sig >> n) | ((sig << (32 - n)) != 0);
			exp = 0;
			round_bits = sig & 0x7F;
		} else if (exp > 0xFD || sig + 0x40 >= UINT32_C(0x80000000)) {
			return ((uint32_t)sign << 31) + (UINT32_C(0xFF) << 23);
		}
	}
	sig = (sig + 0x40) >> 7;
	if (round_bits == 0x40)
		sig &= ~UINT32_C(1);
	if (!sig)
		exp = 0;
	return ((uint32_t)sign << 31) + ((uint32_t)exp << 23) + sig;
}

/* __truncdfsf2(a): a rounded to float. */
float __truncdfsf2(double a)
{
	uint64_t u = bits64(a);
	int sign = SIGN64(u), e = EXP64(u);
	uint64_t frac = FRAC64(u);
	if (e == 0x7FF) {
		if (frac)                               /* NaN: keep the top payload bits, quiet */
			return from32(((uint32_t)sign << 31) | UINT32_C(0x7FC00000) | (uint32_t)(frac >> 29));
		return from32(((uint32_t)sign << 31) | UINT32_C(0x7F800000));
	}
	/* 52 fraction bits -> 30 (22 + 7 round bits + 1 jam), leading 1 at bit 30. */
	uint32_t sig = (uint32_t)shift_right_jam(frac, 22);
	if (!(e | sig))
		return from32((uint32_t)sign << 31);
	return from32(round_pack32(sign, e - 0x381, sig | UINT32_C(0x40000000)));
}

/* __extendsfdf2(a): (double)a, exact. */
double __extendsfdf2(float a)
{
	uint32_t u = bits32(a);
	int sign = u >> 31, e = (u >> 23) & 0xFF;
	uint64_t frac = u & 0x7FFFFF;
	if (e == 0xFF) {
		if (frac)
			return from64(PACK64(sign, 0x7FF, (frac << 29) | UINT64_C(0x0008000000000000)));
		return from64(PACK64(sign, 0x7FF, 0));
	}
	if (e == 0) {
		if (!frac)
			return from64(PACK64(sign, 0, 0));
		int shift = __builtin_clz((uint32_t)frac) - 8;   /* leading 1 to bit 23 */
		frac = (frac << shift) & 0x7FFFFF;
		e = 1 - shift;
	}
	return from64(PACK64(sign, e + 0x380, frac << 29));
}

/*
 * Float arithmetic through double: a double holds every float exactly and
 * has more than 2*24+2 significand bits, so rounding the double result of
 * + - * / to float gives the correctly rounded float result.
 */
float __addsf3(float a, float b) { return __truncdfsf2(__adddf3(__extendsfdf2(a), __extendsfdf2(b))); }
float __subsf3(float a, float b) { return __truncdfsf2(__subdf3(__extendsfdf2(a), __extendsfdf2(b))); }
float __mulsf3(float a, float b) { return __truncdfsf2(__muldf3(__extendsfdf2(a), __extendsfdf2(b))); }
float __divsf3(float a, float b) { return __truncdfsf2(__divdf3(__extendsfdf2(a), __extendsfdf2(b))); }
/* __negsf2(a): -a. */
float __negsf2(float a) { return from32(bits32(a) ^ UINT32_C(0x80000000)); }

int __eqsf2(float a, float b) { return __eqdf2(__extendsfdf2(a), __extendsfdf2(b)); }
int __nesf2(float a, float b) { return __nedf2(__extendsfdf2(a), __extendsfdf2(b)); }
int __gesf2(float a, float b) { return __gedf2(__extendsfdf2(a), __extendsfdf2(b)); }
int __gtsf2(float a, float b) { return __gtdf2(__extendsfdf2(a), __extendsfdf2(b)); }
int __lesf2(float a, float b) { return __ledf2(__extendsfdf2(a), __extendsfdf2(b)); }
int __ltsf2(float a, float b) { return __ltdf2(__extendsfdf2(a), __extendsfdf2(b)); }
int __unordsf2(float a, float b) { return __unorddf2(__extendsfdf2(a), __extendsfdf2(b)); }

int __fixsfsi(float a) { return __fixdfsi(__extendsfdf2(a)); }
unsigned __fixunssfsi(float a) { return __fixunsdfsi(__extendsfdf2(a)); }
long long __fixsfdi(float a) { return __fixdfdi(__extendsfdf2(a)); }
unsigned long long __fixunssfdi(float a) { return __fixunsdfdi(__extendsfdf2(a)); }

/* from_u64_32(sign, mag): the float nearest to +-mag (one rounding, not via double). */
static uint32_t from_u64_32(int sign, uint64_t mag)
{
	if (!mag)
		return (uint32_t)sign << 31;
	int shift = clz64(mag) - 33;                    /* leading 1 to bit 30 */
	uint32_t sig = shift >= 0 ? (uint32_t)(mag << shift) : (uint32_t)shift_right_jam(mag, -shift);
	return round_pack32(sign, 0x9C - shift, sig);
}

float __floatsisf(int a) { return from32(from_u64_32(a < 0, a < 0 ? 0u - (uint64_t)(int64_t)a : (uint64_t)a)); }
float __floatunsisf(unsigned a) { return from32(from_u64_32(0, a)); }
float __floatdisf(long long a) { return from32(from_u64_32(a < 0, a < 0 ? 0 - (uint64_t)a : (uint64_t)a)); }
float __floatundisf(unsigned long long a) { return from32(from_u64_32(0, a)); }
