package dev.lrtune.core.model;

/**
 * {@code e^x} with the bits of {@link StrictMath#exp}, in Java. StrictMath's result is defined as that of
 * fdlibm 5.3's {@code exp}, and this is that algorithm, step for step in the same double arithmetic, as
 * {@link Log1p} is for {@code log1p}. Why not call StrictMath: on Java 17 its {@code exp} is already Java
 * ({@code FdLibm.Exp}), but 348 bytes of bytecode, above C2's inlining limit for hot methods (325), so the
 * logistic loss paid a call per row, with its spills (the softmax head uses it too). Here the common path
 * (finite x, not tiny, below the overflow threshold) is a small method that inlines, and the rest is a call of
 * its own.
 *
 * <p>The method: {@code x = k·ln2 + r} with {@code |r| ≤ ln2/2}, {@code r = hi − lo} in two parts; then
 * {@code e^r = 1 + r + r·c/(2 − c)} with {@code c = r − r²·P(r²)} (Remez, error below 2^−59), and
 * {@code e^x = 2^k · e^r}, the exponent added to the bits. {@code ExpTests} compares it with
 * {@link StrictMath#exp} bit for bit.
 */
final class Exp {

	static final double LN2_HI = 6.93147180369123816490e-01; // 0x3fe62e42_fee00000

	static final double LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef_35793c76

	static final double INV_LN2 = 1.44269504088896338700e+00; // 0x3ff71547_652b82fe

	static final double P1 = 1.66666666666666019037e-01; // 0x3fc55555_5555553e

	static final double P2 = -2.77777777770155933842e-03; // 0xbf66c16c_16bebd93

	static final double P3 = 6.61375632143793436117e-05; // 0x3f11566a_af25de2c

	static final double P4 = -1.65339022054652515390e-06; // 0xbebbbd41_c5d26bf1

	static final double P5 = 4.13813679705723846039e-08; // 0x3e663769_72bea4d0

	private static final double HUGE = 1.0e+300;

	private static final double TWO_M1000 = 9.33263618503218878990e-302; // 2^-1000

	private static final double OVERFLOW_THRESHOLD = 7.09782712893383973096e+02; // 0x40862e42_fefa39ef

	private static final double UNDERFLOW_THRESHOLD = -7.45133219101941108420e+02; // 0xc0874910_d52d3051

	private Exp() {
	}

	/** {@code StrictMath.exp(x)}, the same bits. */
	static double exp(double x) {
		int hx = (int) (Double.doubleToRawLongBits(x) >>> 32);
		int ax = hx & 0x7fffffff;
		if (ax >= 0x40862e42) { // |x| >= 709.78: overflow, underflow, infinities, NaN
			return large(x, hx < 0);
		}
		if (ax < 0x3e300000) { // |x| < 2^-28: 1 + x, rounded
			return 1.0 + x;
		}
		return reduced(x, ax, hx < 0);
	}

	/** |x| in [2^−28, 709.78) or, from {@link #large}, a finite x beyond that whose result is not 0 or ∞. */
	private static double reduced(double x, int ax, boolean negative) {
		if (ax <= 0x3fd62e42) { // |x| <= ln2/2: k = 0, no reduction
			double t = x * x;
			double c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
			return 1.0 - ((x * c) / (c - 2.0) - x);
		}
		double hi;
		double lo;
		int k;
		if (ax < 0x3ff0a2b2) { // |x| < 1.5·ln2: k = ±1
			hi = negative ? x + LN2_HI : x - LN2_HI;
			lo = negative ? -LN2_LO : LN2_LO;
			k = negative ? -1 : 1;
		}
		else {
			k = (int) (INV_LN2 * x + (negative ? -0.5 : 0.5));
			double t = k;
			hi = x - t * LN2_HI; // exact
			lo = t * LN2_LO;
		}
		double r = hi - lo;
		double t = r * r;
		double c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
		double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
		return k >= -1021 ? scaled(y, k) : scaled(y, k + 1000) * TWO_M1000;
	}

	/** |x| >= 709.78 or NaN. */
	private static double large(double x, boolean negative) {
		if (Double.isNaN(x)) {
			return x + x;
		}
		if (Double.isInfinite(x)) {
			return negative ? 0.0 : x;
		}
		if (x > OVERFLOW_THRESHOLD) {
			return HUGE * HUGE;
		}
		if (x < UNDERFLOW_THRESHOLD) {
			return TWO_M1000 * TWO_M1000;
		}
		return reduced(x, 0x40862e42, negative);
	}

	/** y · 2^k by adding k to y's exponent (y in [0.5, 2), the result normal). */
	private static double scaled(double y, int k) {
		return Double.longBitsToDouble(Double.doubleToRawLongBits(y) + ((long) k << 52));
	}

}
