package dev.lrtune.core.rangetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.data.Task;
import dev.lrtune.core.data.synthetic.SyntheticSpec;
import dev.lrtune.core.model.Model;
import dev.lrtune.core.model.ModelSpec;
import dev.lrtune.core.model.Models;
import dev.lrtune.core.optim.OptimizerSpec;
import dev.lrtune.core.optim.Optimizers;
import dev.lrtune.core.rangetest.RangeTestResult.Curve;
import dev.lrtune.core.train.Trainer;
import dev.lrtune.core.train.TrainingListener;
import dev.lrtune.core.train.TrainingSettings;

/**
 * What "the loss of step k" is: a full-batch logistic regression small enough to be run again by hand, step
 * by step, beside the range test.
 */
class RangeTestLossSourceTests {

	private static final long SEED = 11;

	private static final double[] FEATURES = { 0.5, 1.0, -1.2, 0.3, 2.0, -0.7, -0.4, -1.5, 1.1, 0.8, -2.0, 0.2, 0.9,
			-0.3, 0.1, 1.7, -1.0, -0.9, 1.4, 0.6 };

	private static final double[] LABELS = { 1, 0, 1, 0, 1, 0, 1, 0, 1, 1 };

	/** 10 rows, 3 of them held out, not standardised, so the hand computation sees the same numbers. */
	private static final SplitDataset TINY = Dataset.of(FEATURES, 10, 2, LABELS, Task.classification(2), null)
		.split(0.3, SEED, false);

	private static final int STEPS = 6;

	private static final double START_LR = 0.5;

	private static final double END_LR = 2.0;

	/** A batch larger than the training split: every step is one full-batch gradient step. */
	private static final int FULL_BATCH = 64;

	private static Curve rangeTest(String lossSource) {
		RangeTestOptions options = RangeTestOptions.of(START_LR, END_LR, STEPS, "linear", null, null, lossSource, null,
				null, null);
		return new RangeTest(ModelSpec.of("logistic"), OptimizerSpec.sgd(), FULL_BATCH, options).run(TINY, SEED)
			.curves()
			.get(0);
	}

	@Test
	void trainLossOfStepKIsTheMinibatchLossBeforeItsUpdate() {
		HandLogistic hand = new HandLogistic();
		Curve curve = rangeTest("train");

		assertThat(curve.iterations()).isEqualTo(STEPS);
		for (int k = 0; k < STEPS; k++) {
			double lr = START_LR + k * (END_LR - START_LR) / (STEPS - 1);
			assertThat(curve.loss()[k]).as("step %d", k).isCloseTo(hand.loss(TINY.train()), within(1e-12));
			assertThat(curve.lr()[k]).isCloseTo(lr, within(1e-15));
			hand.step(TINY.train(), lr);
		}
	}

	@Test
	void validationLossOfStepKIsMeasuredOnTheValidationSplitAfterItsUpdate() {
		HandLogistic hand = new HandLogistic();
		Curve curve = rangeTest("validation");

		assertThat(curve.iterations()).isEqualTo(STEPS);
		for (int k = 0; k < STEPS; k++) {
			double lr = START_LR + k * (END_LR - START_LR) / (STEPS - 1);
			hand.step(TINY.train(), lr);
			assertThat(curve.loss()[k]).as("step %d", k).isCloseTo(hand.loss(TINY.validation()), within(1e-12));
			assertThat(curve.lr()[k]).isCloseTo(lr, within(1e-15));
		}
	}

	@Test
	void validationCurveEqualsWhatATrainerEvaluatingEveryStepReports() {
		SplitDataset moons = SyntheticSpec.parse("synthetic:moons?samples=300&seed=5").generate().split(SEED);
		ModelSpec mlp = ModelSpec.mlp(List.of(8), "tanh");
		RangeTestOptions options = RangeTestOptions.of(1e-3, 3.0, 40, null, null, null, "validation", null, null, null);

		Curve curve = new RangeTest(mlp, OptimizerSpec.sgd(), 16, options).run(moons, SEED).curves().get(0);

		Model model = Models.create(mlp, moons.train().task(), moons.train().cols(), SEED);
		List<Double> validationLosses = new ArrayList<>();
		new Trainer(model, Optimizers.create(OptimizerSpec.sgd(), model.parameterCount()), options.ramp(),
				new TrainingSettings(16, curve.iterations(), 1, SEED)).run(moons, new TrainingListener() {
					@Override
					public void onValidation(long iteration, double loss, double accuracy) {
						validationLosses.add(loss);
					}
				});
		assertThat(curve.loss()).containsExactly(validationLosses.stream().mapToDouble(Double::doubleValue).toArray());
	}

	/** Logistic regression written out: weights and bias from zero, mean binary cross-entropy, plain gradient steps. */
	private static final class HandLogistic {

		private final double[] w = new double[2];

		private double b;

		double loss(Dataset data) {
			double sum = 0;
			for (int i = 0; i < data.rows(); i++) {
				double z = z(data, i);
				// log(1 + e^z) − y·z, written so that e^z cannot overflow
				sum += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - data.target(i) * z;
			}
			return sum / data.rows();
		}

		void step(Dataset data, double lr) {
			double[] gradient = new double[3];
			for (int i = 0; i < data.rows(); i++) {
				double residual = 1 / (1 + Math.exp(-z(data, i))) - data.target(i);
				gradient[0] += residual * data.feature(i, 0) / data.rows();
				gradient[1] += residual * data.feature(i, 1) / data.rows();
				gradient[2] += residual / data.rows();
			}
			w[0] -= lr * gradient[0];
			w[1] -= lr * gradient[1];
			b -= lr * gradient[2];
		}

		private double z(Dataset data, int row) {
			return w[0] * data.feature(row, 0) + w[1] * data.feature(row, 1) + b;
		}

	}

}
