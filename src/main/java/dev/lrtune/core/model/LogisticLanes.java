package dev.lrtune.core.model;

import jdk.incubator.vector.DoubleVector;
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
 * ways, then blended or picked row by row. Only the common ranges take the lanes: 2^−28 ≤ |z| < 700 (the exponential without its
 * special cases, its result normal) and 2^−29 ≤ e ≤ 0.99, about 0.01 < |z| < 20.1 (log1p without its special
 * cases). A group with any row outside them (z = 0 at the start, |z| ≥ 20.1, NaN or infinities of a diverged model)
 * is left to the scalar code: {@link #terms} returns false and writes nothing.
 *
 * <p>Why: the scalar exponential, log1p and the three divisions of a row are a chain of some 100 dependent
 * operations per row; four rows in lanes share one chain (one logistic epoch's terms: 2.4 ms of CPU row by row,
 * 1.6 ms in lanes, measured on the shared Xeon). Only loaded on the vector path ({@link Kernels#VECTOR}).
 */
final class LogisticLanes {

	private static final VectorSpecies<Double> FOUR = DoubleVector.SPECIES_256;

	/** 1.5 · 2^52: v + M − M rounds v (|v| < 2^51) to an integer. */
	private static final double MAGIC = 0x1.8p52;

	// fdlibm's exp (StrictMath.exp)
	private static final double EXP_LN2_HI = 0x1.62e42feep-1;

	private static final double EXP_LN2_LO = 0x1.a39ef35793c76p-33;

	private static final double INV_LN2 = 0x1.71547652b82fep0;

	/** |x| from which exp reduces its argument: high word above 0x3fd62e42 (0.5 ln2). */
	private static final double REDUCED = Double.longBitsToDouble(0x3fd62e43_00000000L);

	/** |x| from which exp's reduction takes its general case: high word 0x3ff0a2b2 and up (1.5 ln2). */
	private static final double GENERAL = Double.longBitsToDouble(0x3ff0a2b2_00000000L);

	private static final double P1 = 0x1.555555555553ep-3;

	private static final double P2 = -0x1.6c16c16bebd93p-9;

	private static final double P3 = 0x1.1566aaf25de2cp-14;

	private static final double P4 = -0x1.bbd41c5d26bf1p-20;

	private static final double P5 = 0x1.6376972bea4d0p-25;

	// fdlibm's log1p (Log1p)
	private static final double LN2_HI = 6.93147180369123816490e-01;

	/** e below which log1p does not reduce: high word below 0x3fda827a (0.41422). */
	private static final double LOG1P_REDUCED = Double.longBitsToDouble(0x3fda827a_00000000L);

	/** The lanes' bound on e: 0.99, rounded up to a high word (0x3fefae15), well below log1p's case near 1. */
	private static final double LOG1P_TOP = Double.longBitsToDouble(0x3fefae15_00000000L);

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
	 * nothing written to {@code residuals} and {@code losses}, when a row lies outside the ranges the lanes take
	 * (the caller then computes the four rows one by one). {@code scratch} holds {@link #SCRATCH} doubles.
	 *
	 * <p>Four steps that hand their lanes on through {@code scratch}, and a few scalar operations between them,
	 * rather than one method: written as one (or as functions taking and returning vectors), C2 left most of the
	 * operations to the Vector API's allocating fallback (3.4 KB allocated per call, measured), and so did it for
	 * a blend at the end of a long chain of operations, and for reinterpreting the lanes as longs (fdlibm's
	 * exponent arithmetic, here a multiplication by 2^k and a halving instead, exact in these ranges). As it
	 * stands, a logistic epoch allocates no more than before (measured with the thread's allocation counter).
	 * The tests on fdlibm's high words are comparisons of the doubles themselves (a positive double orders as its
	 * bits), which also send NaN to the scalar code.
	 */
	static boolean terms(double[] dots, int at, double bias, double[] targets, int n, double[] residuals,
			double[] losses, double[] scratch) {
		if (!reduce(dots, at, bias, scratch)) {
			return false;
		}
		for (int r = 0; r < 4; r++) {
			// 2^k, k in [-1021, -1]: a normal power of two, so that multiplying a result in [0.5, 2) by it is exact,
			// the bits of fdlibm's adding k to the exponent
			scratch[SCALE + r] = Double.longBitsToDouble((long) ((int) scratch[K + r] + 1023) << 52);
		}
		exp(scratch);
		for (int r = 0; r < 4; r++) {
			double e = scratch[AX + r] >= REDUCED ? scratch[LARGE + r] : scratch[SMALL + r];
			// log1p's lanes need 2^-29 <= e <= 0.99: below, it returns e or e - e²/2; above, its reduction needs
			// its special case near e = 1
			if (!(e >= 0x1.0p-29 && e < LOG1P_TOP)) {
				return false;
			}
			scratch[E + r] = e;
		}
		log1p(scratch);
		for (int r = 0; r < 4; r++) {
			scratch[LOG1P + r] = scratch[E + r] >= LOG1P_REDUCED ? scratch[LARGE + r] : scratch[SMALL + r];
		}
		finish(dots, at, bias, targets, n, residuals, losses, scratch);
		return true;
	}

	/** Offsets into the scratch array of the four rows' |z|, r, k, hi, lo, e, log1p(e) and 2^k. */
	private static final int AX = 0;

	private static final int R = 4;

	private static final int K = 8;

	private static final int HI = 12;

	private static final int LO = 16;

	private static final int E = 20;

	private static final int LOG1P = 24;

	private static final int SCALE = 28;

	private static final int SMALL = 32;

	private static final int LARGE = 36;

	/** Doubles of scratch space {@link #terms} needs. */
	static final int SCRATCH = 40;

	/**
	 * exp's argument reduction of x = −|z| (fdlibm): |x| > 0.5 ln2 is reduced, below 1.5 ln2 with k = −1, above
	 * with k = (int) (x/ln2 − 0.5); false when a row has |z| outside [2^−28, 700).
	 */
	private static boolean reduce(double[] dots, int at, double bias, double[] w) {
		DoubleVector ax = DoubleVector.fromArray(FOUR, dots, at).add(bias).abs();
		if (!ax.compare(VectorOperators.GE, 0x1.0p-28).and(ax.compare(VectorOperators.LT, 700.0)).allTrue()) {
			return false;
		}
		DoubleVector x = ax.neg();
		VectorMask<Double> general = ax.compare(VectorOperators.GE, GENERAL);
		DoubleVector v = x.mul(INV_LN2).add(-0.5);
		DoubleVector rounded = v.add(MAGIC).sub(MAGIC);
		// (int) v for v < 0 truncates towards zero: the rounded value, plus one where it rounded down
		DoubleVector truncated = rounded.add(1.0).blend(rounded, rounded.compare(VectorOperators.GE, v));
		DoubleVector k = DoubleVector.broadcast(FOUR, -1.0).blend(truncated, general);
		DoubleVector hi = x.sub(-EXP_LN2_HI).blend(x.sub(k.mul(EXP_LN2_HI)), general);
		DoubleVector lo = DoubleVector.broadcast(FOUR, -EXP_LN2_LO).blend(k.mul(EXP_LN2_LO), general);
		x.blend(hi.sub(lo), ax.compare(VectorOperators.GE, REDUCED)).intoArray(w, R);
		ax.intoArray(w, AX);
		k.intoArray(w, K);
		hi.intoArray(w, HI);
		lo.intoArray(w, LO);
		return true;
	}

	/**
	 * exp's polynomial and scaling (fdlibm): e^−|z| of the unreduced rows into the scratch array's SMALL lanes,
	 * of the reduced ones into its LARGE lanes; {@link #terms} picks one per row. (Blended here, the lanes fell to
	 * the Vector API's allocating fallback: a 64-byte array per call.)
	 */
	private static void exp(double[] w) {
		DoubleVector r = DoubleVector.fromArray(FOUR, w, R);
		DoubleVector t = r.mul(r);
		DoubleVector c = r.sub(t.mul(t.mul(t.mul(t.mul(t.mul(P5).add(P4)).add(P3)).add(P2)).add(P1)));
		DoubleVector rc = r.mul(c);
		// k = 0: 1 - ((r·c)/(c - 2) - r)
		rc.div(c.sub(2.0)).sub(r).neg().add(1.0).intoArray(w, SMALL);
		// k != 0: 1 - ((lo - (r·c)/(2 - c)) - hi), k then added to its exponent (the result stays normal)
		DoubleVector lo = DoubleVector.fromArray(FOUR, w, LO);
		DoubleVector hi = DoubleVector.fromArray(FOUR, w, HI);
		DoubleVector scaled = lo.sub(rc.div(c.neg().add(2.0))).sub(hi).neg().add(1.0);
		DoubleVector.fromArray(FOUR, w, SCALE).mul(scaled).intoArray(w, LARGE);
	}

	/**
	 * log1p(e) (fdlibm): e < 0.41422 is f = e, k = 0; above, 1 + e = u is normalised to u/2 in [√2/2, 1), k = 1,
	 * with a correction for the rounding of 1 + e.
	 */
	private static void log1p(double[] w) {
		DoubleVector e = DoubleVector.fromArray(FOUR, w, E);
		VectorMask<Double> withK = e.compare(VectorOperators.GE, LOG1P_REDUCED);
		DoubleVector u = e.add(1.0);
		DoubleVector correction = e.sub(u.sub(1.0)).div(u);
		// fdlibm sets u's exponent to that of [0.5, 1): u/2, exactly, for u in [1, 2)
		DoubleVector f = e.blend(u.mul(0.5).sub(1.0), withK);
		DoubleVector hfsq = f.mul(0.5).mul(f);
		DoubleVector s = f.div(f.add(2.0));
		DoubleVector z = s.mul(s);
		DoubleVector poly = z.mul(z.mul(z.mul(z.mul(z.mul(z.mul(z.mul(LP7).add(LP6)).add(LP5)).add(LP4)).add(LP3))
			.add(LP2)).add(LP1));
		DoubleVector sr = s.mul(hfsq.add(poly));
		f.sub(hfsq.sub(sr)).intoArray(w, SMALL);
		hfsq.sub(sr.add(correction.add(LN2_LO))).sub(f).neg().add(LN2_HI).intoArray(w, LARGE);
	}

	/** The residuals (σ(z) − y)/n and the losses max(z, 0) + log1p(e) − y·z. */
	private static void finish(double[] dots, int at, double bias, double[] targets, int n, double[] residuals,
			double[] losses, double[] w) {
		DoubleVector z = DoubleVector.fromArray(FOUR, dots, at).add(bias);
		DoubleVector e = DoubleVector.fromArray(FOUR, w, E);
		DoubleVector y = DoubleVector.fromArray(FOUR, targets, at);
		// z >= 0 ? 1/(1 + e) : e/(1 + e)
		DoubleVector sigma = e.blend(1.0, z.compare(VectorOperators.GE, 0.0)).div(e.add(1.0));
		sigma.sub(y).div(n).intoArray(residuals, at);
		// Math.max(z, 0.0): z where z > 0, else +0.0 (also for z = -0.0)
		DoubleVector positive = DoubleVector.zero(FOUR).blend(z, z.compare(VectorOperators.GT, 0.0));
		positive.add(DoubleVector.fromArray(FOUR, w, LOG1P)).sub(y.mul(z)).intoArray(losses, at);
	}


}
