package dev.lrtune.core.model;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import dev.lrtune.core.data.RandomStreams;
import dev.lrtune.core.data.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The float32 networks against the float64 ones: the gradient to float32's precision, training that follows
 * the float64 run, and the same bits twice and on the vector and the plain path.
 */
class FloatNetworkTests {

	/** float32's unit roundoff, 2⁻²⁴. */
	private static final double EPSILON = 0x1p-24;

	static Stream<Arguments> networks() {
		return Stream.of(
				Arguments.of("softmax", ModelSpec.of("softmax"), Task.classification(3)),
				Arguments.of("mlp relu classifier", ModelSpec.mlp(List.of(6, 5), "relu"), Task.classification(3)),
				Arguments.of("mlp tanh classifier", ModelSpec.mlp(List.of(6, 5), "tanh"), Task.classification(4)),
				Arguments.of("mlp relu regressor", ModelSpec.mlp(List.of(9), "relu"), Task.regression()),
				Arguments.of("mlp tanh regressor", ModelSpec.mlp(List.of(4, 3, 5), "tanh"), Task.regression()));
	}

	/**
	 * The float64 network's gradient (itself checked against finite differences by {@link GradientCheckTests}) is
	 * the reference. Each float32 sum of m terms is off by at most about m·ε relative to the sum of their
	 * magnitudes, and the errors of the layers add up through the backward pass: with m ≤ 9 terms (seven rows, at
	 * most nine units) and up to four layers, and values of order one, 1e-6·m of max(1, |g|) bounds them with a
	 * margin. It must also not be the float64 gradient: float32 rounding leaves a difference far above float64's
	 * (about 1e-16).
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("networks")
	void theGradientIsTheFloat64GradientToFloat32Precision(String name, ModelSpec spec, Task task) {
		Model narrow = Models.create(float32(spec), task, GradientCheckTests.INPUTS, 3L);
		Model wide = Models.create(spec, task, GradientCheckTests.INPUTS, 3L);
		GradientCheckTests.randomise(wide.parameters(), new SplittableRandom(5));
		System.arraycopy(wide.parameters(), 0, narrow.parameters(), 0, wide.parameterCount());
		int rows = GradientCheckTests.ROWS;
		double[] x = GradientCheckTests.features(rows + 2, new SplittableRandom(6));
		double[] y = GradientCheckTests.targets(rows + 2, task, new SplittableRandom(7));
		narrow.ensureCapacity(rows);
		wide.ensureCapacity(rows);
		double[] narrowGradient = new double[narrow.parameterCount()];
		double[] wideGradient = new double[wide.parameterCount()];

		double narrowLoss = narrow.lossAndGradient(x, y, 2, rows, narrowGradient);
		double wideLoss = wide.lossAndGradient(x, y, 2, rows, wideGradient);

		double terms = 9;
		assertThat(narrowLoss).isCloseTo(wideLoss, org.assertj.core.data.Offset.offset(1e-6 * terms * Math.max(1, wideLoss)));
		double largest = 0;
		for (int p = 0; p < wideGradient.length; p++) {
			double scale = Math.max(1, Math.abs(wideGradient[p]));
			double difference = Math.abs(narrowGradient[p] - wideGradient[p]);
			assertThat(difference).as("d loss / d θ[%d]: %s vs %s", p, narrowGradient[p], wideGradient[p])
				.isLessThanOrEqualTo(1e-6 * terms * scale);
			largest = Math.max(largest, difference / scale);
		}
		assertThat(largest).as("computed in float32").isGreaterThan(EPSILON / 1000);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("networks")
	void aBatchOfRowIndicesGivesTheBitsOfTheSameRowsGathered(String name, ModelSpec spec, Task task) {
		Model model = Models.create(float32(spec), task, GradientCheckTests.INPUTS, 3L);
		GradientCheckTests.randomise(model.parameters(), new SplittableRandom(5));
		double[] x = GradientCheckTests.features(9, new SplittableRandom(6));
		double[] y = GradientCheckTests.targets(9, task, new SplittableRandom(7));
		int[] rows = { 3, 4, 5, 6 };
		model.ensureCapacity(rows.length);
		double[] indexed = new double[model.parameterCount()];
		double[] range = new double[model.parameterCount()];

		double indexedLoss = model.lossAndGradient(x, y, rows, rows.length, indexed);
		double rangeLoss = model.lossAndGradient(x, y, 3, rows.length, range);

		assertThat(Double.doubleToRawLongBits(indexedLoss)).isEqualTo(Double.doubleToRawLongBits(rangeLoss));
		assertThat(indexed).isEqualTo(range);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("networks")
	void aNaNWeightShowsInTheLoss(String name, ModelSpec spec, Task task) {
		Model model = Models.create(float32(spec), task, GradientCheckTests.INPUTS, 3L);
		GradientCheckTests.randomise(model.parameters(), new SplittableRandom(5));
		double[] x = GradientCheckTests.features(4, new SplittableRandom(6));
		double[] y = GradientCheckTests.targets(4, task, new SplittableRandom(7));
		model.ensureCapacity(4);
		double[] gradient = new double[model.parameterCount()];
		assertThat(model.lossAndGradient(x, y, 0, 4, gradient)).isFinite();

		model.parameters()[0] = Double.NaN;

		assertThat(model.lossAndGradient(x, y, 0, 4, gradient)).isNaN();
		assertThat(model.evaluate(dev.lrtune.core.data.Dataset.of(x, 4, GradientCheckTests.INPUTS, y, task, null))
			.loss()).isNaN();
	}

	/**
	 * A float32 and a float64 mlp from one seed, trained by plain SGD on the same batches: every step's loss
	 * within 1e-3 relative of the other's, and both falling. The first layer is large enough for the vector
	 * kernels.
	 */
	@Test
	void trainingFollowsTheFloat64Network() {
		Problem problem = new Problem(600, 100, 4);
		ModelSpec spec = ModelSpec.mlp(List.of(64), "relu");
		Model wide = Models.create(spec, problem.task(), problem.inputs, 9L);
		Model narrow = Models.create(float32(spec), problem.task(), problem.inputs, 9L);
		assertThat(narrow.parameters()).isEqualTo(wide.parameters());

		double[] wideLosses = problem.train(wide, 300);
		double[] narrowLosses = problem.train(narrow, 300);

		for (int step = 0; step < wideLosses.length; step++) {
			assertThat(Math.abs(narrowLosses[step] - wideLosses[step]) / wideLosses[step]).as("step %d", step)
				.isLessThanOrEqualTo(1e-3);
		}
		for (double[] losses : new double[][] { wideLosses, narrowLosses }) {
			assertThat(mean(losses, 280, 300)).isLessThan(0.5 * mean(losses, 0, 20));
		}
		assertThat(narrowLosses).isNotEqualTo(wideLosses);
	}

	/** The same seed gives the same bits: twice, and on the vector and the plain path. */
	@Test
	void trainingGivesTheSameBitsTwiceAndOnEitherPath() {
		assertThat(Kernels.vectorModuleResolved()).as("the vector kernels are there to compare").isTrue();
		Problem problem = new Problem(300, 100, 3);
		int[] hidden = { 64, 40 };
		double[][] runs = new double[3][];
		double[][] parameters = new double[3][];
		boolean[] vector = { true, true, false };
		for (int run = 0; run < 3; run++) {
			Model model = new FloatNetwork("mlp", problem.inputs, hidden, 3, Activation.RELU, Head.CROSS_ENTROPY,
					new SplittableRandom(4), new FloatKernels(vector[run]));
			runs[run] = problem.train(model, 200);
			parameters[run] = model.parameters();
		}

		for (int run = 1; run < 3; run++) {
			assertThat(runs[run]).isEqualTo(runs[0]);
			assertThat(parameters[run]).isEqualTo(parameters[0]);
		}
		assertThat(mean(runs[0], 180, 200)).isLessThan(mean(runs[0], 0, 20));
	}

	private static ModelSpec float32(ModelSpec spec) {
		return new ModelSpec(spec.type(), spec.hidden(), spec.activation(), ModelSpec.FLOAT32);
	}

	private static double mean(double[] values, int from, int to) {
		double sum = 0;
		for (int i = from; i < to; i++) {
			sum += values[i];
		}
		return sum / (to - from);
	}

	/** Gaussian features, labels from the largest of a few random linear scores: learnable, not trivially. */
	private static final class Problem {

		final int rows;

		final int inputs;

		final int classes;

		final double[] x;

		final double[] y;

		Problem(int rows, int inputs, int classes) {
			this.rows = rows;
			this.inputs = inputs;
			this.classes = classes;
			SplittableRandom random = new SplittableRandom(rows + inputs);
			double[] scores = new double[inputs * classes];
			for (int i = 0; i < scores.length; i++) {
				scores[i] = RandomStreams.gaussian(random);
			}
			x = new double[rows * inputs];
			y = new double[rows];
			for (int i = 0; i < rows; i++) {
				int best = 0;
				double bestScore = Double.NEGATIVE_INFINITY;
				for (int k = 0; k < inputs; k++) {
					x[i * inputs + k] = RandomStreams.gaussian(random);
				}
				for (int j = 0; j < classes; j++) {
					double score = 0;
					for (int k = 0; k < inputs; k++) {
						score += x[i * inputs + k] * scores[k * classes + j];
					}
					if (score > bestScore) {
						bestScore = score;
						best = j;
					}
				}
				y[i] = best;
			}
		}

		Task task() {
			return Task.classification(classes);
		}

		/** Plain SGD at 0.05 on batches of 32 drawn from one seed; each step's minibatch loss. */
		double[] train(Model model, int steps) {
			int batch = 32;
			model.ensureCapacity(batch);
			SplittableRandom random = new SplittableRandom(11);
			double[] gradient = new double[model.parameterCount()];
			double[] theta = model.parameters();
			int[] batchRows = new int[batch];
			double[] losses = new double[steps];
			for (int step = 0; step < steps; step++) {
				for (int i = 0; i < batch; i++) {
					batchRows[i] = random.nextInt(rows);
				}
				losses[step] = model.lossAndGradient(x, y, batchRows, batch, gradient);
				for (int p = 0; p < theta.length; p++) {
					theta[p] -= 0.05 * gradient[p];
				}
			}
			return losses;
		}

	}

}
