package dev.lrtune.core.optim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Adam updates against moments and bias corrections worked out by hand (β1 = 0.9, β2 = 0.999, ε = 1e-8). */
class AdamTests {

	private static final double EPS = 1e-8;

	@Test
	void firstStepMovesByTheLearningRateTimesTheBiasCorrectedSign() {
		Optimizer adam = Optimizers.create(OptimizerSpec.adam(), 1);
		double[] theta = { 1 };

		adam.step(theta, new double[] { 0.5 }, 0.1, Double.NaN);

		// m = 0.1·0.5 = 0.05, v = 0.001·0.25 = 0.00025; m̂ = 0.05/0.1 = 0.5, v̂ = 0.00025/0.001 = 0.25
		assertThat(theta[0]).isCloseTo(1 - 0.1 * 0.5 / (0.5 + EPS), within(1e-15));
	}

	@Test
	void secondStepUsesBothMomentsWithTheirBiasCorrections() {
		Optimizer adam = Optimizers.create(OptimizerSpec.adam(), 1);
		double[] theta = { 1 };
		adam.step(theta, new double[] { 0.5 }, 0.1, Double.NaN);
		double afterFirst = theta[0];

		adam.step(theta, new double[] { -1 }, 0.1, Double.NaN);

		// m = 0.9·0.05 − 0.1 = −0.055, v = 0.999·0.00025 + 0.001 = 0.00124975
		// m̂ = −0.055 / (1 − 0.81) = −0.055 / 0.19, v̂ = 0.00124975 / (1 − 0.998001) = 0.00124975 / 0.001999
		double mHat = -0.055 / 0.19;
		double vHat = 0.00124975 / 0.001999;
		assertThat(theta[0]).isCloseTo(afterFirst - 0.1 * mHat / (Math.sqrt(vHat) + EPS), within(1e-12));
		assertThat(adam.steps()).isEqualTo(2);
	}

	@Test
	void weightDecayIsAnL2TermOnTheGradient() {
		Optimizer adam = Optimizers.create(new OptimizerSpec("adam", null, null, 0.1, null, null, null, null), 1);
		double[] theta = { 1 };

		adam.step(theta, new double[] { 0.5 }, 0.1, Double.NaN);

		// g = 0.5 + 0.1·1 = 0.6; m̂ = 0.6, v̂ = 0.36
		assertThat(theta[0]).isCloseTo(1 - 0.1 * 0.6 / (0.6 + EPS), within(1e-15));
	}

	@Test
	void aScheduledMomentumIsBetaOneInTheAverageAndTheBiasCorrection() {
		Optimizer adam = Optimizers.create(OptimizerSpec.adam(), 1);
		double[] theta = { 1 };
		adam.step(theta, new double[] { 0.5 }, 0.1, 0.8); // m = 0.2·0.5 = 0.1, m̂ = 0.1/0.2 = 0.5
		assertThat(theta[0]).isCloseTo(1 - 0.1 * 0.5 / (0.5 + EPS), within(1e-15));
		double afterFirst = theta[0];

		adam.step(theta, new double[] { -1 }, 0.1, 0.85);

		// m = 0.85·0.1 + 0.15·(−1) = −0.065, m̂ = −0.065 / (1 − 0.85²) = −0.065 / 0.2775
		double mHat = -0.065 / 0.2775;
		double vHat = 0.00124975 / 0.001999;
		assertThat(theta[0]).isCloseTo(afterFirst - 0.1 * mHat / (Math.sqrt(vHat) + EPS), within(1e-12));
	}

	@Test
	void aSmallBetaOneUsesTheOtherLerpFormulaWithTheSameResult() {
		Optimizer adam = Optimizers.create(new OptimizerSpec("adam", null, null, null, 0.3, null, null, null), 1);
		double[] theta = { 1 };

		adam.step(theta, new double[] { 0.5 }, 0.1, Double.NaN);
		adam.step(theta, new double[] { -1 }, 0.1, Double.NaN);

		// t=1: m = 0.35, m̂ = 0.5; t=2: m = 0.3·0.35 − 0.7 = −0.595, m̂ = −0.595 / (1 − 0.09)
		double first = 1 - 0.1 * 0.5 / (0.5 + EPS);
		double mHat = -0.595 / 0.91;
		double vHat = 0.00124975 / 0.001999;
		assertThat(theta[0]).isCloseTo(first - 0.1 * mHat / (Math.sqrt(vHat) + EPS), within(1e-12));
	}

	@Test
	void clipsBeforeTheMomentsSeeTheGradient() {
		Optimizer adam = Optimizers.create(new OptimizerSpec("adam", null, null, null, null, null, null, 0.5), 2);
		double[] theta = { 0, 0 };
		double[] gradient = { 3, 4 };

		adam.step(theta, gradient, 0.1, Double.NaN);

		double scale = 0.5 / (5 + 1e-6);
		assertThat(gradient).containsExactly(new double[] { 3 * scale, 4 * scale }, within(1e-15));
		// one step of Adam moves every coordinate by about lr·sign(g), whatever the scale
		assertThat(theta).containsExactly(new double[] { -0.1, -0.1 }, within(1e-7));
	}

	@Test
	void biasCorrectionPowersAreExactRepeatedProducts() {
		assertThat(Adam.power(0.9, 0)).isEqualTo(1.0);
		assertThat(Adam.power(0.9, 1)).isEqualTo(0.9);
		assertThat(Adam.power(0.9, 2)).isEqualTo(0.9 * 0.9);
		assertThat(Adam.power(0.999, 1000)).isCloseTo(Math.pow(0.999, 1000), within(1e-14));
		assertThat(Adam.power(0.999, 123_456_789)).isCloseTo(0.0, within(1e-300));
	}

}
