package dev.lrtune.core.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The logistic loss's per-row terms for four rows at once, in the lanes of one 256-bit vector, bit for bit what
 * {@link LinearPredictor}'s scalar code computes row by row: e = {@link StrictMath#exp}(−|z|), the residual
 * (σ(z) − y)/n and the loss max(z, 0) + {@link Log1p#log1p}(e) − y·z.
 *
 * <p>Why the bits match: the exponential and log1p here are fdlibm's algorithms (StrictMath's definition; see
 * {@link Log1p}) step for step, each operation an IEEE 754 double operation in a lane, rounded as the scalar
 * one is (no fused multiply-add, the same order); the branches of the scalar code become lanes computed both
 * ways and blended. Only the common ranges take the lanes: 2^−28 ≤ |z| < 700 (the exponential without its
 * special cases, its result normal) and 2^−29 ≤ e ≤ 0.99, about 0.01 < |z| < 20.1 (log1p without its special
 * cases). A group with any row outside them (z = 0 at the start, |z| ≥ 20.1, NaN or infinities of a diverged model)
 * is left to the scalar code: {@link #terms} returns false and writes nothing.
 *
 * <p>Why: the scalar exponential, log1p and the two divisions of a row are a chain of some 150 dependent
 * operations; four rows in lanes share one chain. Only loaded on the vector path ({@link Kernels#VECTOR}).
 */
final class LogisticLanes {

	private static final VectorSpecies<Double> FOUR = DoubleVector.SPECIES_256;

	private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_256;

	/** 1.5 · 2^52: v + M − M rounds v to an integer, and bits(k + M) − bits(M) = k for an integer k. */
	private static final double MAGIC = 0x1.8p52;

	private static final long MAGIC_BITS = Double.doubleToRawLongBits(MAGIC);

	// fdlibm's exp (StrictMath.exp)
	private static final double EXP_LN2_HI = 0x1.62e42feep-1;

	private static final double EXP_LN2_LO = 0x1.a39ef35793c76p-33;

	private static final double INV_LN2 = 0x1.71547652b82fep0;

	private static final double P1 = 0x1.555555555553ep-3;

	private static final double P2 = -0x1.6c16c16bebd93p-9;

	private static final double P3 = 0x1.1566aaf25de2cp-14;

	private static final double P4 = -0x1.bbd41c5d26bf1p-20;

	private static final double P5 = 0x1.6376972bea4d0p-25;

	// fdlibm's log1p (Log1p)
	private static final double LN2_HI = 6.93147180369123816490e-01;

	private static final double LN2_LO = 1.90821492927058770002e-10;

	private static final double LP1 = 6.666666666666735130e-01;

	private static final double LP2 = 3.999999999940941908e-01;

	private static final double LP3 = 2.857142874366239149e-01;

	private static final double LP4 = 2.222219843214978396e-01;

	private static final double LP5 = 1.818357216161805012e-01;

	private static final double LP6 = 1.531383769920937332e-01;

	private static final double LP7 = 1.479819860511658591e-01;

	private LogisticLanes() {
	}

	/**
	 * Rows {@code [at, at + 4)}: z = dots[r] + bias, {@code residuals[r]} = (σ(z) − targets[r])/n and
	 * {@code losses[r]} = max(z, 0) + log1p(e^−|z|) − targets[r]·z, the bits of the scalar code. False, and
	 * nothing written, when a row lies outside the ranges the lanes take (the caller then computes the four rows
	 * one by one).
	 */
	static boolean terms(double[] dots, int at, double bias, double[] targets, int n, double[] residuals,
			double[] losses) {
		DoubleVector z = DoubleVector.fromArray(FOUR, dots, at).add(bias);
		DoubleVector x = z.abs().neg();
		// high word of |x|; NaN has the largest, so every range test below also sends NaN to the scalar code
		LongVector ax = x.reinterpretAsLongs().lanewise(VectorOperators.LSHR, 32).and(0x7fffffffL);
		// 2^-28 <= |x| < 700 (0x4085e000 is 700's high word)
		if (ax.compare(VectorOperators.LT, 0x3e300000L).or(ax.compare(VectorOperators.GE, 0x4085e000L)).anyTrue()) {
			return false;
		}
		DoubleVector e = exp(x, ax);
		// log1p's lanes need 2^-29 <= e <= 0.99 (0x3fefae14 is 0.99's high word, rounded down): below, log1p returns
		// e or e - e²/2; above, its reduction needs its special case near e = 1
		LongVector he = e.reinterpretAsLongs().lanewise(VectorOperators.LSHR, 32);
		if (he.compare(VectorOperators.LT, 0x3e200000L).or(he.compare(VectorOperators.GT, 0x3fefae14L)).anyTrue()) {
			return false;
		}
		DoubleVector log1p = log1p(e, he);
		DoubleVector y = DoubleVector.fromArray(FOUR, targets, at);
		DoubleVector onePlusE = e.add(1.0);
		VectorMask<Double> nonNegative = z.compare(VectorOperators.GE, 0.0);
		// z >= 0 ? 1/(1 + e) : e/(1 + e)
		DoubleVector sigma = e.blend(1.0, nonNegative).div(onePlusE);
		sigma.sub(y).div(n).intoArray(residuals, at);
		// Math.max(z, 0.0): z where z > 0, else +0.0 (also for z = -0.0)
		DoubleVector positive = DoubleVector.zero(FOUR).blend(z, z.compare(VectorOperators.GT, 0.0));
		positive.add(log1p).sub(y.mul(z)).intoArray(losses, at);
		return true;
	}

	/** fdlibm's exp of x (x ≤ 0, 2^−28 ≤ |x| < 700; ax the high word of |x|). */
	private static DoubleVector exp(DoubleVector x, LongVector ax) {
		// |x| > 0.5 ln2 reduces x; below 1.5 ln2 with k = -1, above with k = (int) (x/ln2 - 0.5)
		VectorMask<Long> reducedL = ax.compare(VectorOperators.GT, 0x3fd62e42L);
		VectorMask<Long> generalL = ax.compare(VectorOperators.GE, 0x3ff0a2b2L);
		VectorMask<Double> reduced = reducedL.cast(FOUR);
		VectorMask<Double> general = generalL.cast(FOUR);
		DoubleVector v = x.mul(INV_LN2).add(-0.5);
		DoubleVector rounded = v.add(MAGIC).sub(MAGIC);
		// (int) v for v < 0 truncates towards zero: the rounded value, plus one if it rounded down
		DoubleVector truncated = rounded.add(1.0).blend(rounded, rounded.compare(VectorOperators.GE, v));
		DoubleVector k = truncated.blend(-1.0, general.not());
		DoubleVector hiGeneral = x.sub(k.mul(EXP_LN2_HI));
		DoubleVector loGeneral = k.mul(EXP_LN2_LO);
		DoubleVector hi = x.sub(-EXP_LN2_HI).blend(hiGeneral, general);
		DoubleVector lo = DoubleVector.broadcast(FOUR, -EXP_LN2_LO).blend(loGeneral, general);
		DoubleVector r = hi.sub(lo).blend(x, reduced.not());
		DoubleVector t = r.mul(r);
		DoubleVector c = r.sub(t.mul(t.mul(t.mul(t.mul(t.mul(P5).add(P4)).add(P3)).add(P2)).add(P1)));
		DoubleVector rc = r.mul(c);
		// k = 0: 1 - ((r·c)/(c - 2) - r)
		DoubleVector small = DoubleVector.broadcast(FOUR, 1.0).sub(rc.div(c.sub(2.0)).sub(r));
		// k != 0: (1 - ((lo - (r·c)/(2 - c)) - hi)) · 2^k, k added to the exponent
		DoubleVector scaled = DoubleVector.broadcast(FOUR, 1.0).sub(lo.sub(rc.div(DoubleVector.broadcast(FOUR, 2.0).sub(c))).sub(hi));
		LongVector kBits = k.add(MAGIC).reinterpretAsLongs().sub(MAGIC_BITS).lanewise(VectorOperators.LSHL, 52);
		DoubleVector large = scaled.reinterpretAsLongs().add(kBits).reinterpretAsDoubles();
		return small.blend(large, reduced);
	}

	/** fdlibm's log1p of e (2^−29 ≤ e ≤ 0.99; he the high word of e). */
	private static DoubleVector log1p(DoubleVector e, LongVector he) {
		// e < 0.41422: f = e, k = 0; above: 1 + e = u, normalised to u/2 in [√2/2, 1), k = 1, c corrects 1 + e
		VectorMask<Double> plain = he.compare(VectorOperators.LT, 0x3fda827aL).cast(FOUR);
		DoubleVector u = e.add(1.0);
		DoubleVector c = e.sub(u.sub(1.0)).div(u);
		DoubleVector half = u.reinterpretAsLongs()
			.and(0x000fffff_ffffffffL)
			.or(0x3fe00000_00000000L)
			.reinterpretAsDoubles();
		DoubleVector f = half.sub(1.0).blend(e, plain);
		DoubleVector hfsq = f.mul(0.5).mul(f);
		DoubleVector s = f.div(f.add(2.0));
		DoubleVector z = s.mul(s);
		DoubleVector r = z.mul(z.mul(z.mul(z.mul(z.mul(z.mul(z.mul(LP7).add(LP6)).add(LP5)).add(LP4)).add(LP3)).add(LP2)).add(LP1));
		DoubleVector sr = s.mul(hfsq.add(r));
		DoubleVector k0 = f.sub(hfsq.sub(sr));
		DoubleVector k1 = DoubleVector.broadcast(FOUR, LN2_HI).sub(hfsq.sub(sr.add(c.add(LN2_LO))).sub(f));
		return k1.blend(k0, plain);
	}

}
