package dev.lrtune.core.model;

/**
 * {@code log(1 + x)} with the bits of {@link StrictMath#log1p}, in Java. StrictMath's result is defined as
 * that of fdlibm 5.3's {@code log1p}, and this is that algorithm, step for step in the same double
 * arithmetic (Java's is IEEE 754 round-to-nearest, with no fused or wider intermediate), so the bits are the
 * same on every JVM and CPU. Why not call StrictMath: on Java 17 its {@code log1p} is a native method, and
 * its call per row (with the thread's transitions into native code and back) cost the logistic loss more
 * than its exponential: measured 2.3–2.75 ms per 100,000 calls, against 1.3–1.5 ms for this code. The
 * common arguments take short methods, which C2 inlines into the loss (the whole of fdlibm's function in
 * one method, 482 bytes of bytecode, was a call per row).
 *
 * <p>The method: {@code 1 + x = 2^k · (1 + f)} with {@code √2/2 < 1 + f < √2} and a correction term c for
 * the rounding of {@code 1 + x}; then {@code log(1 + f) = f − (hfsq − s·(hfsq + R))} with {@code s = f/(2 + f)},
 * {@code hfsq = f²/2} and R a degree-14 polynomial in s (Remez, error below 2^−58.45), and
 * {@code log1p(x) = k·ln2_hi + (f − (hfsq − (s·(hfsq + R) + (k·ln2_lo + c))))}. Tiny arguments return x or
 * {@code x − x²/2}; {@code x = −1} gives −∞, {@code x < −1} and NaN give NaN, +∞ gives +∞.
 * {@code Log1pTests} compares it with {@link StrictMath#log1p} bit for bit.
 */
final class Log1p {

	static final double LN2_HI = 6.93147180369123816490e-01; // 0x3fe62e42_fee00000

	static final double LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef_35793c76

	static final double LP1 = 6.666666666666735130e-01; // 0x3fe55555_55555593

	static final double LP2 = 3.999999999940941908e-01; // 0x3fd99999_9997fa04

	static final double LP3 = 2.857142874366239149e-01; // 0x3fd24924_94229359

	static final double LP4 = 2.222219843214978396e-01; // 0x3fcc71c5_1d8e78af

	static final double LP5 = 1.818357216161805012e-01; // 0x3fc74664_96cb03de

	static final double LP6 = 1.531383769920937332e-01; // 0x3fc39a09_d078c69f

	static final double LP7 = 1.479819860511658591e-01; // 0x3fc2f112_df3e5244

	private Log1p() {
	}

	/**
	 * {@code StrictMath.log1p(x)}, the same bits. The arguments of the logistic loss ({@code e^−|z|}, in
	 * (0, 1]) take the first two branches, small enough for C2 to inline into the loss; the others are
	 * calls.
	 */
	static double log1p(double x) {
		int hx = high(x);
		if (hx < 0x3e200000 || hx >= 0x43400000) { // x < 2^-29 (negatives included), x >= 2^53, +inf, NaN
			return otherArgument(x, hx);
		}
		return hx < 0x3fda827a ? unreduced(x) : reduced(x);
	}

	private static double otherArgument(double x, int hx) {
		int ax = hx & 0x7fffffff;
		if (hx < 0x3fda827a) { // here: x < 2^-29
			if (ax >= 0x3ff00000) { // x <= -1
				return x == -1.0 ? Double.NEGATIVE_INFINITY : Double.NaN;
			}
			if (ax < 0x3e200000) { // |x| < 2^-29
				return ax < 0x3c900000 ? x : x - x * x * 0.5; // |x| < 2^-54: x itself
			}
			return hx <= 0xbfd2bec3 ? unreduced(x) : reduced(x); // -0.2929 < x, or x in (-1, -0.2929]
		}
		if (hx >= 0x7ff00000) { // +inf or NaN
			return x + x;
		}
		return normalised(x, 0); // x >= 2^53: 1 + x is x
	}

	/** −0.2929 < x < 0.41422, |x| >= 2^−29: no reduction, f = x. */
	private static double unreduced(double f) {
		double hfsq = 0.5 * f * f;
		double s = f / (2.0 + f);
		double z = s * s;
		return f - (hfsq - s * (hfsq + series(z)));
	}

	/** x < 2^53 outside {@link #unreduced}'s range: 1 + x is rounded, and c corrects it. */
	private static double reduced(double x) {
		double u = 1.0 + x;
		int k = (high(u) >> 20) - 1023;
		double c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
		return normalised(u, c / u);
	}

	/** log(u) + c for u = 1 + x: u = 2^k · (1 + f), 1 + f in [√2/2, √2). */
	private static double normalised(double u, double c) {
		int hu = high(u);
		int k = (hu >> 20) - 1023;
		hu &= 0x000fffff;
		if (hu < 0x6a09e) { // the significand of u below √2: u normalised into [1, √2)
			u = withHigh(u, hu | 0x3ff00000);
		}
		else { // u/2 normalised into [√2/2, 1)
			k += 1;
			u = withHigh(u, hu | 0x3fe00000);
			hu = (0x00100000 - hu) >> 2;
		}
		double f = u - 1.0;
		double hfsq = 0.5 * f * f;
		if (hu == 0) { // |f| < 2^-20
			return nearPowerOfTwo(f, k, c, hfsq);
		}
		double s = f / (2.0 + f);
		double r = series(s * s);
		if (k == 0) {
			return f - (hfsq - s * (hfsq + r));
		}
		return k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
	}

	private static double nearPowerOfTwo(double f, int k, double c, double hfsq) {
		if (f == 0.0) {
			if (k == 0) {
				return 0.0;
			}
			return k * LN2_HI + (c + k * LN2_LO);
		}
		double r = hfsq * (1.0 - 0.66666666666666666 * f);
		return k == 0 ? f - r : k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
	}

	/** R(z), z = s²: the degree-14 polynomial in s. */
	private static double series(double z) {
		return z * (LP1 + z * (LP2 + z * (LP3 + z * (LP4 + z * (LP5 + z * (LP6 + z * LP7))))));
	}

	private static int high(double x) {
		return (int) (Double.doubleToRawLongBits(x) >>> 32);
	}

	private static double withHigh(double x, int high) {
		return Double.longBitsToDouble(((long) high << 32) | (Double.doubleToRawLongBits(x) & 0xffffffffL));
	}

}
