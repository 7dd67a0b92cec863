package dev.lrtune.core.optim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** SGD updates against values worked out by hand from PyTorch's update rule. */
class SgdTests {

	private static final double NO_SCHEDULED_MOMENTUM = Double.NaN;

	private static OptimizerSpec sgd(Double momentum, Boolean nesterov, Double weightDecay, Double clip) {
		return new OptimizerSpec("sgd", momentum, nesterov, weightDecay, null, null, null, clip);
	}

	private static void step(Optimizer optimizer, double[] theta, double lr, double... gradient) {
		optimizer.step(theta, gradient, lr, NO_SCHEDULED_MOMENTUM);
	}

	@Test
	void plainSgdSubtractsTheLearningRateTimesTheGradient() {
		Optimizer sgd = Optimizers.create(OptimizerSpec.sgd(), 2);
		double[] theta = { 1, -2 };

		step(sgd, theta, 0.1, 0.5, -1); // θ = [1 − 0.05, −2 + 0.1]
		assertThat(theta).containsExactly(new double[] { 0.95, -1.9 }, within(1e-15));
		step(sgd, theta, 0.1, 0.2, 0.4); // θ = [0.95 − 0.02, −1.9 − 0.04]
		assertThat(theta).containsExactly(new double[] { 0.93, -1.94 }, within(1e-15));
	}

	@Test
	void momentumAccumulatesAVelocityStartingFromTheFirstGradient() {
		Optimizer sgd = Optimizers.create(OptimizerSpec.sgd(0.9), 1);
		double[] theta = { 1 };

		step(sgd, theta, 0.1, 1); // v = 1, θ = 1 − 0.1
		assertThat(theta[0]).isCloseTo(0.9, within(1e-15));
		step(sgd, theta, 0.1, 0.5); // v = 0.9·1 + 0.5 = 1.4, θ = 0.9 − 0.14
		assertThat(theta[0]).isCloseTo(0.76, within(1e-15));
		step(sgd, theta, 0.1, -1); // v = 0.9·1.4 − 1 = 0.26, θ = 0.76 − 0.026
		assertThat(theta[0]).isCloseTo(0.734, within(1e-15));
	}

	@Test
	void nesterovStepsAlongTheGradientPlusTheDecayedVelocity() {
		Optimizer sgd = Optimizers.create(sgd(0.9, true, null, null), 1);
		double[] theta = { 1 };

		step(sgd, theta, 0.1, 1); // v = 1, θ = 1 − 0.1·(1 + 0.9)
		assertThat(theta[0]).isCloseTo(0.81, within(1e-15));
		step(sgd, theta, 0.1, 0.5); // v = 1.4, θ = 0.81 − 0.1·(0.5 + 1.26)
		assertThat(theta[0]).isCloseTo(0.634, within(1e-15));
		step(sgd, theta, 0.1, -1); // v = 0.26, θ = 0.634 − 0.1·(−1 + 0.234)
		assertThat(theta[0]).isCloseTo(0.7106, within(1e-15));
	}

	@Test
	void weightDecayAddsLambdaThetaToTheGradient() {
		Optimizer sgd = Optimizers.create(sgd(null, null, 0.1, null), 1);
		double[] theta = { 2 };

		step(sgd, theta, 0.5, 1); // g = 1 + 0.1·2 = 1.2, θ = 2 − 0.6
		assertThat(theta[0]).isCloseTo(1.4, within(1e-15));
		step(sgd, theta, 0.5, 1); // g = 1 + 0.14 = 1.14, θ = 1.4 − 0.57
		assertThat(theta[0]).isCloseTo(0.83, within(1e-15));
	}

	@Test
	void weightDecayEntersTheVelocity() {
		Optimizer sgd = Optimizers.create(sgd(0.5, null, 0.1, null), 1);
		double[] theta = { 2 };

		step(sgd, theta, 0.5, 1); // g = 1.2, v = 1.2, θ = 2 − 0.6
		assertThat(theta[0]).isCloseTo(1.4, within(1e-15));
		step(sgd, theta, 0.5, 1); // g = 1.14, v = 0.6 + 1.14 = 1.74, θ = 1.4 − 0.87
		assertThat(theta[0]).isCloseTo(0.53, within(1e-15));
	}

	@Test
	void clippingScalesTheGradientToTheMaximumGlobalNorm() {
		Optimizer sgd = Optimizers.create(sgd(null, null, null, 1.0), 2);
		double[] theta = { 0, 0 };

		step(sgd, theta, 1.0, 3, 4); // ‖g‖ = 5 > 1: g ← g · 1/(5 + 1e-6)
		assertThat(theta).containsExactly(new double[] { -3 / (5 + 1e-6), -4 / (5 + 1e-6) }, within(1e-15));
	}

	@Test
	void clippingLeavesAGradientBelowTheMaximumAlone() {
		Optimizer sgd = Optimizers.create(sgd(null, null, null, 1.0), 2);
		double[] theta = { 0, 0 };

		step(sgd, theta, 1.0, 0.3, 0.4);
		assertThat(theta).containsExactly(-0.3, -0.4);
	}

	@Test
	void clippingHappensBeforeWeightDecayIsAdded() {
		Optimizer sgd = Optimizers.create(sgd(null, null, 1.0, 1.0), 2);
		double[] theta = { 10, 0 };

		step(sgd, theta, 0.1, 3, 4); // g = [3, 4]/(5 + 1e-6) + 1·[10, 0]
		assertThat(theta).containsExactly(
				new double[] { 10 - 0.1 * (3 / (5 + 1e-6) + 10), -0.1 * (4 / (5 + 1e-6)) }, within(1e-14));
	}

	@Test
	void aScheduledMomentumReplacesTheConfiguredOne() {
		Optimizer sgd = Optimizers.create(OptimizerSpec.sgd(), 1);
		double[] theta = { 1 };

		sgd.step(theta, new double[] { 1 }, 0.1, 0.9); // v = 1, θ = 0.9
		sgd.step(theta, new double[] { 0.5 }, 0.1, 0.8); // v = 0.8·1 + 0.5 = 1.3, θ = 0.9 − 0.13
		assertThat(theta[0]).isCloseTo(0.77, within(1e-15));
	}

	@Test
	void resetForgetsTheVelocity() {
		Optimizer sgd = Optimizers.create(OptimizerSpec.sgd(0.9), 1);
		double[] theta = { 1 };
		step(sgd, theta, 0.1, 1);

		sgd.reset();
		theta[0] = 1;
		step(sgd, theta, 0.1, 1);

		assertThat(theta[0]).isCloseTo(0.9, within(1e-15));
		assertThat(sgd.steps()).isEqualTo(1);
	}

}
