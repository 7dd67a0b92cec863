package dev.lrtune.core.model;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LogisticLanes} gives the scalar logistic terms' bits (StrictMath's exp and log1p, the residual and the
 * loss) for every row it takes, and refuses the rows outside its ranges; a model taking them gives the bits of
 * the gathered, plain-Java layout.
 */
class LogisticLanesTests {

	private static final int N = 32;

	/** The boundaries of the lanes' ranges and of fdlibm's branches, each with its neighbours. */
	@ParameterizedTest(name = "z={0}")
	@ValueSource(doubles = { 0.0, 0x1.0p-28, 0x1.0p-27, 0.01, 0.010050335853501, 0.34657359027997264,
			0.3465735902799727, 0.5, 1.0397207708399179, 1.04, 0.8813735870195429, 0.88, 1.0, 2.0, 20.0,
			20.101268236238415, 20.2, 100.0, 699.9999999999999, 700.0, 709.0, 745.2, 800.0,
			Double.POSITIVE_INFINITY, Double.NaN })
	void boundaries(double z) {
		for (double value : new double[] { z, Math.nextUp(z), Math.nextDown(z) }) {
			assertGroup(new double[] { value, -value, value, -value }, new double[] { 0, 1, 1, 0 }, 0.0);
			assertGroup(new double[] { value, 0.5, -1.5, 3.0 }, new double[] { 1, 0, 1, 0 }, 0.0);
		}
	}

	@Test
	void uniformLogits() {
		SplittableRandom random = new SplittableRandom(1);
		int taken = 0;
		for (int i = 0; i < 250_000; i++) {
			double[] z = new double[4];
			for (int r = 0; r < 4; r++) {
				z[r] = random.nextDouble(-25, 25);
			}
			taken += assertGroup(z, targets(random), random.nextDouble(-1, 1)) ? 1 : 0;
		}
		assertThat(taken).as("groups the lanes took").isGreaterThan(50_000);
	}

	/** Magnitudes from 2^−10 to 2^6, both signs: across the lanes' lower and upper bounds. */
	@Test
	void logitsOfEveryMagnitude() {
		SplittableRandom random = new SplittableRandom(2);
		int taken = 0;
		for (int i = 0; i < 250_000; i++) {
			double[] z = new double[4];
			for (int r = 0; r < 4; r++) {
				z[r] = Math.scalb(random.nextDouble(1, 2), random.nextInt(-10, 6)) * (random.nextBoolean() ? 1 : -1);
			}
			taken += assertGroup(z, targets(random), 0.0) ? 1 : 0;
		}
		assertThat(taken).as("groups the lanes took").isGreaterThan(10_000);
	}

	/** A model whose logits reach past the lanes' ranges: the in-place layout (lanes) against the gathered one. */
	@ParameterizedTest(name = "weight scale={0}")
	@ValueSource(doubles = { 0.0, 0.1, 1.0, 10.0, 100.0, 1e4 })
	void aModelGivesTheGatheredBits(double scale) {
		SplittableRandom random = new SplittableRandom(Double.hashCode(scale));
		int inputs = 20;
		int rows = 64;
		double[] x = RandomArrays.uniform(rows * inputs, random);
		double[] y = targets(random, rows);
		LinearPredictor inPlace = new LinearPredictor(inputs, true, true, true);
		LinearPredictor gathered = new LinearPredictor(inputs, true, false);
		for (int j = 0; j <= inputs; j++) {
			double weight = (random.nextDouble() - 0.5) * scale;
			inPlace.parameters()[j] = weight;
			gathered.parameters()[j] = weight;
		}
		inPlace.ensureCapacity(N);
		gathered.ensureCapacity(N);
		int[] indices = new int[N];
		double[] inPlaceGradient = new double[inputs + 1];
		double[] gatheredGradient = new double[inputs + 1];
		for (int batch = 0; batch < 20; batch++) {
			for (int i = 0; i < N; i++) {
				indices[i] = random.nextInt(rows);
			}
			int n = batch % 5 == 4 ? 13 : N;
			double inPlaceLoss = inPlace.lossAndGradient(x, y, indices, n, inPlaceGradient);
			double gatheredLoss = gathered.lossAndGradient(x, y, indices, n, gatheredGradient);
			assertThat(Double.doubleToRawLongBits(inPlaceLoss)).isEqualTo(Double.doubleToRawLongBits(gatheredLoss));
			for (int j = 0; j <= inputs; j++) {
				assertThat(Double.doubleToRawLongBits(inPlaceGradient[j]))
					.as("gradient[%d]", j)
					.isEqualTo(Double.doubleToRawLongBits(gatheredGradient[j]));
			}
		}
	}

	/**
	 * The lanes' terms of rows z − bias (so that z = dots + bias), against the scalar definition row by row;
	 * true when the lanes took the group, false when they refused it (then nothing may have been written).
	 */
	private static boolean assertGroup(double[] z, double[] targets, double bias) {
		double[] dots = new double[6];
		double[] residuals = new double[6];
		double[] losses = new double[6];
		double[] paddedTargets = new double[6];
		for (int r = 0; r < 4; r++) {
			dots[r + 1] = z[r] - bias;
			paddedTargets[r + 1] = targets[r];
		}
		java.util.Arrays.fill(residuals, 7.0);
		java.util.Arrays.fill(losses, 7.0);
		boolean taken = LogisticLanes.terms(dots, 1, bias, paddedTargets, N, residuals, losses,
				new double[LogisticLanes.SCRATCH]);
		if (!taken) {
			assertThat(residuals).containsOnly(7.0);
			assertThat(losses).containsOnly(7.0);
			return false;
		}
		assertThat(residuals[0]).isEqualTo(7.0);
		assertThat(residuals[5]).isEqualTo(7.0);
		for (int r = 1; r <= 4; r++) {
			double zr = dots[r] + bias;
			double e = StrictMath.exp(-Math.abs(zr));
			double residual = ((zr >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e)) - paddedTargets[r]) / N;
			double loss = Math.max(zr, 0.0) + StrictMath.log1p(e) - paddedTargets[r] * zr;
			assertThat(Double.doubleToRawLongBits(residuals[r])).as("residual of z=%s", zr)
				.isEqualTo(Double.doubleToRawLongBits(residual));
			assertThat(Double.doubleToRawLongBits(losses[r])).as("loss of z=%s", zr)
				.isEqualTo(Double.doubleToRawLongBits(loss));
		}
		return true;
	}

	private static double[] targets(SplittableRandom random) {
		return targets(random, 4);
	}

	private static double[] targets(SplittableRandom random, int count) {
		double[] targets = new double[count];
		for (int i = 0; i < count; i++) {
			targets[i] = random.nextInt(2);
		}
		return targets;
	}

}
