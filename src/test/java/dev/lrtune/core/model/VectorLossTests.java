package dev.lrtune.core.model;

import java.util.SplittableRandom;
import java.util.function.DoublePredicate;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logistic loss in vector lanes ({@link VectorLoss#logisticLosses}, with its lane-wise exp and log1p)
 * gives the scalar bits: {@link StrictMath#exp} and {@link StrictMath#log1p} argument by argument wherever the
 * lanes compute them, on the loss's arguments, uniform ones, random bit patterns and ulps on each side of
 * every branch's threshold; and the loss and residual of {@code LinearPredictor} row by row. Run natively and
 * with {@code -XX:UseAVX=2} (4 lanes instead of 8).
 */
class VectorLossTests {

	private static final int L = VectorKernels.lanes();

	@Test
	void theTestsRunTheVectorPath() {
		assertThat(Kernels.VECTOR).as("jdk.incubator.vector resolved (surefire argLine)").isTrue();
	}

	/** −|z| for dot products z of every magnitude, as the loss calls it. */
	@Test
	void expOnTheArgumentsOfTheLoss() {
		SplittableRandom random = new SplittableRandom(1);
		assertThat(assertExp(4_000_000, () -> -random.nextDouble() * Math.scalb(1.0, random.nextInt(-30, 10)))).isGreaterThan(1_000_000);
	}

	@Test
	void expOnUniformArguments() {
		SplittableRandom random = new SplittableRandom(2);
		assertThat(assertExp(4_000_000, () -> random.nextDouble(-704.0, 704.0))).isGreaterThan(1_000_000);
	}

	@Test
	void expOnRandomBitPatterns() {
		SplittableRandom random = new SplittableRandom(3);
		// every exponent of the domain (2^-28 to 2^9), either sign, random significands
		assertThat(assertExp(4_000_000, () -> Double.longBitsToDouble((random.nextLong() & 0x800fffffffffffffL)
				| (long) random.nextInt(0x3e3, 0x409) << 52))).isGreaterThan(3_000_000);
	}

	/**
	 * 20,000 ulps on each side of every threshold: 2^−28, ln2/2, 1.5·ln2, 704 (both signs), and the points
	 * (j + ½)·ln2 where the rounding of k changes, for |j| ≤ 1,015; plus zeros, infinities and NaN.
	 */
	@Test
	void expAroundEveryThreshold() {
		double ln2 = 0.6931471805599453;
		double[] thresholds = { 0x1p-28, Double.longBitsToDouble(0x3fd62e4300000000L), 0.34657359027997264,
				Double.longBitsToDouble(0x3ff0a2b200000000L), 1.0397207708399179, 704.0 };
		for (double threshold : thresholds) {
			assertThat(assertExpAround(threshold, 20_000)).isGreaterThanOrEqualTo(20_000);
			assertThat(assertExpAround(-threshold, 20_000)).isGreaterThanOrEqualTo(20_000);
		}
		for (int j = -1015; j <= 1015; j++) {
			assertExpAround((j + 0.5) * ln2, 200);
		}
		double[] special = { 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, 1.0, -1.0, 709.0, -709.0,
				745.2, -745.2, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
				Double.NEGATIVE_INFINITY, Double.NaN };
		for (double x : special) {
			assertExpAround(x, 2);
		}
	}

	/** e^−|z| in (0, 1), as the loss calls it. */
	@Test
	void log1pOnTheArgumentsOfTheLoss() {
		SplittableRandom random = new SplittableRandom(4);
		assertThat(assertLog1p(4_000_000, () -> StrictMath.exp(-random.nextDouble() * Math.scalb(1.0, random.nextInt(-30, 10))))).isGreaterThan(1_000_000);
	}

	@Test
	void log1pOnUniformArguments() {
		SplittableRandom random = new SplittableRandom(5);
		assertThat(assertLog1p(4_000_000, () -> random.nextDouble(-0.5, 1.5))).isGreaterThan(1_000_000);
	}

	@Test
	void log1pOnRandomBitPatterns() {
		SplittableRandom random = new SplittableRandom(6);
		// non-negative bit patterns below 2: every exponent up to the domain's end
		assertThat(assertLog1p(4_000_000, () -> Double.longBitsToDouble(random.nextLong(0x4000000000000000L)))).isGreaterThan(1_000_000);
	}

	/** 20,000 ulps on each side of 2^−54, 2^−29, √2 − 1, where 1 + x reaches √2, and where the domain ends. */
	@Test
	void log1pAroundEveryThreshold() {
		double[] thresholds = { 0x1p-54, 0x1p-29, Double.longBitsToDouble(0x3fda827a00000000L),
				Double.longBitsToDouble(0x3ff6a09e00000000L) - 1.0, 0.41421356237309503,
				Double.longBitsToDouble(0x3ffffffd00000000L) - 1.0 };
		for (double threshold : thresholds) {
			assertThat(assertLog1pAround(threshold, 20_000)).isGreaterThanOrEqualTo(20_000);
		}
		double[] special = { 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, 0.5, 1.0, -0.5, 2.0,
				Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN };
		for (double x : special) {
			assertLog1pAround(x, 2);
		}
	}

	/** The lanes' domains hold what the loss gives them, and leave out every special value. */
	@Test
	void theDomainsCoverTheLossAndLeaveOutTheSpecialValues() {
		for (double x : new double[] { 0.0, -0.0, 1e-9, -1e-9, 704.0, -704.0, 800.0, Double.NaN,
				Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY }) {
			assertThat(VectorLoss.expComputes(x)).as("exp lanes at %s", x).isFalse();
		}
		for (double x : new double[] { -1e-300, -0.5, 1.0, 2.0, Double.NaN, Double.POSITIVE_INFINITY }) {
			assertThat(VectorLoss.log1pComputes(x)).as("log1p lanes at %s", x).isFalse();
		}
		for (double az : new double[] { 1.0e-5, Math.nextDown(704.0), 1.0, 50.0 }) {
			assertThat(VectorLoss.expComputes(-az)).isTrue();
			assertThat(VectorLoss.log1pComputes(StrictMath.exp(-az))).isTrue();
		}
	}

	/**
	 * {@link VectorLoss#logisticLosses} against the scalar loss and residual ({@code LinearPredictor}'s),
	 * for z of every magnitude, both signs and signed zeros, targets 0 and 1 (and others), various n; it
	 * declines exactly the groups with a lane outside its range.
	 */
	@Test
	void lossesGiveTheScalarBits() {
		SplittableRandom random = new SplittableRandom(7);
		double[] dots = new double[L];
		double[] targets = new double[L];
		double[] residuals = new double[L];
		double[] losses = new double[L];
		double[] specials = { 0.0, -0.0, 1e-6, -1e-6, 1.0e-5, -1.0e-5, 703.9, -703.9, 704.0, -704.0, 800.0,
				Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY };
		int computed = 0;
		int groups = 1_000_000;
		for (int g = 0; g < groups; g++) {
			double bias = random.nextInt(4) == 0 ? 0.0 : random.nextDouble(-2.0, 2.0);
			for (int j = 0; j < L; j++) {
				dots[j] = random.nextInt(2000) == 0 ? specials[random.nextInt(specials.length)]
						: (random.nextBoolean() ? -1 : 1) * random.nextDouble() * Math.scalb(1.0, random.nextInt(-20, 10));
				targets[j] = random.nextInt(50) == 0 ? random.nextDouble() : random.nextInt(2);
			}
			int n = 1 + random.nextInt(64);
			boolean inRange = true;
			for (int j = 0; j < L; j++) {
				double az = Math.abs(dots[j] + bias);
				inRange &= az >= 1.0e-5 && az < 704.0;
			}
			boolean done = VectorLoss.logisticLosses(dots, bias, targets, n, 0, residuals, losses);
			assertThat(done).as("group %d computed", g).isEqualTo(inRange);
			if (!done) {
				continue;
			}
			computed++;
			for (int j = 0; j < L; j++) {
				double z = dots[j] + bias;
				double e = StrictMath.exp(-Math.abs(z));
				double residual = ((z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e)) - targets[j]) / n;
				double loss = Math.max(z, 0.0) + StrictMath.log1p(e) - targets[j] * z;
				assertBits(residuals[j], residual, "residual", z);
				assertBits(losses[j], loss, "loss", z);
				assertBits(loss, LinearPredictor.binaryCrossEntropy(z, targets[j]), "scalar loss", z);
			}
		}
		assertThat(computed).isGreaterThan(groups / 2);
	}

	private static int assertExp(int count, DoubleSupplier arguments) {
		return assertLanes("exp", VectorLoss::exp, VectorLoss::expComputes, StrictMath::exp, count, arguments);
	}

	private static int assertExpAround(double x, int ulps) {
		return assertExp(2 * ulps + 1 + L, around(x, ulps));
	}

	private static int assertLog1p(int count, DoubleSupplier arguments) {
		return assertLanes("log1p", VectorLoss::log1p, VectorLoss::log1pComputes, StrictMath::log1p, count, arguments);
	}

	private static int assertLog1pAround(double x, int ulps) {
		return assertLog1p(2 * ulps + 1 + L, around(x, ulps));
	}

	/** Lanes of count arguments against StrictMath's function, where the lanes compute it; how many were checked. */
	private static int assertLanes(String name, Lanes lanes, DoublePredicate computes, DoubleUnaryOperator strict,
			int count, DoubleSupplier arguments) {
		double[] x = new double[L];
		double[] out = new double[L];
		int checked = 0;
		for (int i = 0; i < count; i += L) {
			for (int j = 0; j < L; j++) {
				x[j] = arguments.getAsDouble();
			}
			lanes.apply(x, 0, out);
			for (int j = 0; j < L; j++) {
				if (computes.test(x[j])) {
					assertBits(out[j], strict.applyAsDouble(x[j]), name, x[j]);
					checked++;
				}
			}
		}
		return checked;
	}

	/** The doubles from {@code ulps} below x to {@code ulps} above it, in turn and then again from the start. */
	private static DoubleSupplier around(double x, int ulps) {
		double[] xs = new double[2 * ulps + 1];
		xs[ulps] = x;
		for (int i = 1; i <= ulps; i++) {
			xs[ulps + i] = Math.nextUp(xs[ulps + i - 1]);
			xs[ulps - i] = Math.nextDown(xs[ulps - i + 1]);
		}
		int[] at = { 0 };
		return () -> xs[at[0]++ % xs.length];
	}

	/** {@link VectorLoss#exp} or {@link VectorLoss#log1p}: L lanes of {@code in} from {@code at} into {@code out}. */
	@FunctionalInterface
	private interface Lanes {

		void apply(double[] in, int at, double[] out);

	}

	private static void assertBits(double actual, double expected, String what, double x) {
		if (Double.doubleToRawLongBits(actual) != Double.doubleToRawLongBits(expected)) {
			assertThat(Double.toHexString(actual)).as("%s at %s (%s)", what, x, Double.toHexString(x))
				.isEqualTo(Double.toHexString(expected));
		}
	}

}
