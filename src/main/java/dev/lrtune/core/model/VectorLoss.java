package dev.lrtune.core.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The logistic loss of {@link VectorKernels#lanes()} rows at once, for {@link LinearPredictor}'s in-place layout.
 *
 * <p>{@link #logisticLosses} computes fdlibm's {@code exp} and {@code log1p}
 * lane by lane with the operations of {@link Exp} and {@link Log1p} in their order, each branch computed in
 * every lane and the lane's own chosen by a blend; IEEE 754 rounds a lane's add, multiply and divide as it
 * rounds a scalar one, and no multiply-add is fused, so each lane has the scalar bits. Arguments that take
 * their rare branches (near 0, overflow, NaN) are left to the scalar code.
 *
 * <p>Only loaded when {@link Kernels} found the {@code jdk.incubator.vector} module.
 */
final class VectorLoss {

	private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

	/** 1.5 · 2^52: {@code (a + ROUNDER) - ROUNDER} rounds a (|a| < 2^51) to an integer, exactly. */
	private static final double ROUNDER = 0x1.8p52;

	private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);

	/** |z| below which the loss's lanes are left to the scalar code: e^−|z| so near 1 that log1p takes a rare branch. */
	private static final double LOSS_SMALL = 1.0e-5;

	/** |z| from which the loss's lanes are left to the scalar code: e^−|z| near underflow, or z NaN. */
	private static final double LOSS_LARGE = 704.0;

	/** |x| below this: {@link Exp}'s unreduced branch (high word ≤ 0x3fd62e42). */
	private static final double EXP_NO_K = Double.longBitsToDouble(0x3fd62e4300000000L);

	/** |x| below this: k = ±1 (high word < 0x3ff0a2b2). */
	private static final double EXP_ONE_K = Double.longBitsToDouble(0x3ff0a2b200000000L);

	/** x from this on: {@link Log1p}'s reduced branch (high word ≥ 0x3fda827a). */
	private static final double LOG1P_REDUCED = Double.longBitsToDouble(0x3fda827a00000000L);

	/** 1 + x from this on: its significand at or above √2's (0x6a09e), so 2^k·(1 + f) with k = 1. */
	private static final double LOG1P_SQRT2 = Double.longBitsToDouble(0x3ff6a09e00000000L);

	/** 1 + x from this on: {@link Log1p}'s branch near a power of two (high word 0x3fffffffd: f's high bits 0). */
	private static final double LOG1P_NEAR_TWO = Double.longBitsToDouble(0x3ffffffd00000000L);

	private VectorLoss() {
	}

	/**
	 * The logistic loss of rows {@code [from, from + L)} ({@link VectorKernels#lanes()} rows): {@code z = dots[r] + bias},
	 * {@code residuals[r] = (σ(z) − targets[r]) / n} and {@code losses[r] = max(z, 0) + log1p(e^−|z|) −
	 * targets[r]·z}, each lane the scalar loss's operations in its order ({@code LinearPredictor}), with
	 * {@link #exp} and {@link #log1p} giving {@link Exp}'s and {@link Log1p}'s bits. Returns false, having
	 * written nothing, when a row's |z| is below {@link #LOSS_SMALL}, not below {@link #LOSS_LARGE} or NaN:
	 * those take branches of exp and log1p that the lanes do not compute, and the caller computes those rows
	 * with the scalar code.
	 */
	static boolean logisticLosses(double[] dots, double bias, double[] targets, int n, int from, double[] residuals,
			double[] losses) {
		DoubleVector z = DoubleVector.fromArray(S, dots, from).add(bias);
		DoubleVector az = z.abs();
		VectorMask<Double> inRange = az.compare(VectorOperators.GE, LOSS_SMALL)
			.and(az.compare(VectorOperators.LT, LOSS_LARGE));
		if (!inRange.allTrue()) {
			return false;
		}
		// e = e^−|z| and then log1p(e) through losses[from..): exp and log1p take and give arrays, so that
		// whether C2 inlines them or not (they are large), no vector is boxed between them
		az.neg().intoArray(losses, from);
		exp(losses, from, losses);
		DoubleVector e = DoubleVector.fromArray(S, losses, from);
		DoubleVector numerator = e.blend(1.0, z.compare(VectorOperators.GE, 0.0));
		DoubleVector target = DoubleVector.fromArray(S, targets, from);
		numerator.div(e.add(1.0)).sub(target).div(n).intoArray(residuals, from);
		log1p(losses, from, losses);
		DoubleVector positive = DoubleVector.zero(S).blend(z, z.compare(VectorOperators.GT, 0.0));
		positive.add(DoubleVector.fromArray(S, losses, from)).sub(target.mul(z)).intoArray(losses, from);
		return true;
	}

	/**
	 * {@code out[at..at+L) = } {@link Exp#exp} of {@code in[at..at+L)} ({@link VectorKernels#lanes() L} lanes), the same operations in the same order (its branches as blends), for
	 * 2^−28 ≤ |x| < 704; other lanes' results are undefined (see {@link #expComputes}). The three reductions
	 * are one: k = 0 (|x| ≤ ln2/2) and k = ±1 (|x| < 1.5·ln2) through the general {@code hi = x − k·ln2_hi},
	 * {@code lo = k·ln2_lo} give the special branches' hi, lo and r exactly, and with k = 0 the general
	 * {@code 1 − ((lo − r·c/(2 − c)) − hi)} is the unreduced {@code 1 − (x·c/(c − 2) − x)} bit for bit
	 * (c − 2 = −(2 − c) exactly, the quotient negated exactly). k = (int) (x/ln2 ± 0.5) is truncated with
	 * additions of 1.5·2^52, exact; 2^k is added to the exponent's bits.
	 */
	static void exp(double[] in, int at, double[] out) {
		DoubleVector x = DoubleVector.fromArray(S, in, at);
		DoubleVector ax = x.abs();
		VectorMask<Double> negative = x.compare(VectorOperators.LT, 0.0);
		// (int) (INV_LN2 · x ± 0.5), toward zero: the magnitude rounded to an integer, less 1 where that rounded up
		DoubleVector a = x.mul(Exp.INV_LN2).add(DoubleVector.broadcast(S, 0.5).blend(-0.5, negative)).abs();
		DoubleVector rounded = a.add(ROUNDER).sub(ROUNDER);
		DoubleVector magnitude = rounded.blend(rounded.sub(1.0), rounded.compare(VectorOperators.GT, a));
		magnitude = magnitude.blend(1.0, ax.compare(VectorOperators.LT, EXP_ONE_K))
			.blend(0.0, ax.compare(VectorOperators.LT, EXP_NO_K));
		DoubleVector t = magnitude.blend(magnitude.neg(), negative);
		DoubleVector hi = x.sub(t.mul(Exp.LN2_HI));
		DoubleVector lo = t.mul(Exp.LN2_LO);
		DoubleVector r = hi.sub(lo);
		DoubleVector rr = r.mul(r);
		DoubleVector c = r.sub(rr.mul(rr.mul(rr.mul(rr.mul(rr.mul(Exp.P5).add(Exp.P4)).add(Exp.P3)).add(Exp.P2))
			.add(Exp.P1)));
		DoubleVector y = DoubleVector.broadcast(S, 1.0).sub(lo.sub(r.mul(c).div(DoubleVector.broadcast(S, 2.0).sub(c))).sub(hi));
		// 2^k: k's bits from t + 1.5·2^52 (exact), added to y's exponent. Where C2 compiles this after the MLP's
		// vector code has run, the conversions and long operations below are not intrinsified (their species
		// are loaded rather than folded to constants) and the vectors are boxed, 1–2 ms an epoch
		LongVector k = t.add(ROUNDER).reinterpretAsLongs().sub(ROUNDER_BITS);
		y.reinterpretAsLongs().add(k.lanewise(VectorOperators.LSHL, 52)).reinterpretAsDoubles().intoArray(out, at);
	}

	/** Where {@link #exp}'s lanes are {@link Exp#exp}'s: 2^−28 ≤ |x| < 704. */
	static boolean expComputes(double x) {
		double ax = Math.abs(x);
		return ax >= 0x1p-28 && ax < LOSS_LARGE;
	}

	/**
	 * {@code out[at..at+L) = } {@link Log1p#log1p} of {@code in[at..at+L)}, the same operations in the same order (its branches as blends), for
	 * 0 ≤ x and 1 + x below 2 − 3·2^−20; other lanes' results are undefined (see {@link #log1pComputes}). In
	 * that range 1 + x = 2^k·(1 + f) has k = 0 or 1: f = x unreduced below √2 − 1, else f = (1 + x) − 1 or
	 * (1 + x)/2 − 1 with the rounding's correction c/(1 + x); below 2^−29 x itself or x − x²/2.
	 */
	static void log1p(double[] in, int at, double[] out) {
		DoubleVector x = DoubleVector.fromArray(S, in, at);
		DoubleVector u = x.add(1.0);
		VectorMask<Double> unreduced = x.compare(VectorOperators.LT, LOG1P_REDUCED);
		VectorMask<Double> halved = u.compare(VectorOperators.GE, LOG1P_SQRT2).andNot(unreduced);
		DoubleVector f = u.blend(u.mul(0.5), halved).sub(1.0).blend(x, unreduced);
		DoubleVector hfsq = f.mul(0.5).mul(f);
		DoubleVector s = f.div(f.add(2.0));
		DoubleVector z = s.mul(s);
		DoubleVector series = z.mul(z.mul(z.mul(z.mul(z.mul(z.mul(z.mul(Log1p.LP7).add(Log1p.LP6)).add(Log1p.LP5))
			.add(Log1p.LP4)).add(Log1p.LP3)).add(Log1p.LP2)).add(Log1p.LP1));
		DoubleVector sr = s.mul(hfsq.add(series));
		DoubleVector atZero = f.sub(hfsq.sub(sr));
		DoubleVector correction = x.sub(u.sub(1.0)).div(u);
		DoubleVector atOne = DoubleVector.broadcast(S, Log1p.LN2_HI)
			.sub(hfsq.sub(sr.add(correction.add(Log1p.LN2_LO))).sub(f));
		DoubleVector small = x.sub(x.mul(x).mul(0.5)).blend(x, x.compare(VectorOperators.LT, 0x1p-54));
		atZero.blend(atOne, halved).blend(small, x.compare(VectorOperators.LT, 0x1p-29)).intoArray(out, at);
	}

	/** Where {@link #log1p}'s lanes are {@link Log1p#log1p}'s: 0 ≤ x, 1 + x < 2 − 3·2^−20 (x NaN excluded). */
	static boolean log1pComputes(double x) {
		return x >= 0.0 && 1.0 + x < LOG1P_NEAR_TWO;
	}

}
