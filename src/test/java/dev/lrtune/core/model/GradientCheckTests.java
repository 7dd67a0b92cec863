package dev.lrtune.core.model;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import dev.lrtune.core.data.RandomStreams;
import dev.lrtune.core.data.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every model's analytic gradient against central finite differences (L(θ+h) − L(θ−h)) / 2h. Seven rows and
 * five inputs, so the four-way unrolled kernels also run their remainder loops.
 */
class GradientCheckTests {

	static final int ROWS = 7;

	static final int INPUTS = 5;

	static final double H = 1e-5;

	static Stream<Arguments> models() {
		return Stream.of(
				Arguments.of("linear", ModelSpec.of("linear"), Task.regression()),
				Arguments.of("logistic", ModelSpec.of("logistic"), Task.classification(2)),
				Arguments.of("softmax", ModelSpec.of("softmax"), Task.classification(3)),
				Arguments.of("mlp relu classifier", ModelSpec.mlp(List.of(6, 5), "relu"), Task.classification(3)),
				Arguments.of("mlp tanh classifier", ModelSpec.mlp(List.of(6, 5), "tanh"), Task.classification(4)),
				Arguments.of("mlp relu regressor", ModelSpec.mlp(List.of(9), "relu"), Task.regression()),
				Arguments.of("mlp tanh regressor", ModelSpec.mlp(List.of(4, 3, 5), "tanh"), Task.regression()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("models")
	void analyticGradientMatchesCentralFiniteDifferences(String name, ModelSpec spec, Task task) {
		Model model = Models.create(spec, task, INPUTS, 3L);
		randomise(model.parameters(), new SplittableRandom(5));
		double[] x = features(ROWS + 2, new SplittableRandom(6));
		double[] y = targets(ROWS + 2, task, new SplittableRandom(7));
		model.ensureCapacity(ROWS);
		double[] analytic = new double[model.parameterCount()];
		model.lossAndGradient(x, y, 2, ROWS, analytic); // rows 2..8: the row range is honoured too

		double[] numeric = finiteDifferences(model, x, y, 2, ROWS);

		for (int p = 0; p < analytic.length; p++) {
			double tolerance = 1e-7 * Math.max(1, Math.abs(numeric[p]));
			assertThat(analytic[p]).as("d loss / d θ[%d]", p).isCloseTo(numeric[p], org.assertj.core.data.Offset.offset(tolerance));
		}
	}

	/** Central differences of the mean minibatch loss, one parameter at a time. */
	static double[] finiteDifferences(Model model, double[] x, double[] y, int from, int n) {
		double[] theta = model.parameters();
		double[] scratch = new double[theta.length];
		double[] numeric = new double[theta.length];
		for (int p = 0; p < theta.length; p++) {
			double saved = theta[p];
			theta[p] = saved + H;
			double plus = model.lossAndGradient(x, y, from, n, scratch);
			theta[p] = saved - H;
			double minus = model.lossAndGradient(x, y, from, n, scratch);
			theta[p] = saved;
			numeric[p] = (plus - minus) / (2 * H);
		}
		return numeric;
	}

	static void randomise(double[] parameters, SplittableRandom random) {
		for (int p = 0; p < parameters.length; p++) {
			parameters[p] = 0.7 * RandomStreams.gaussian(random);
		}
	}

	static double[] features(int rows, SplittableRandom random) {
		double[] x = new double[rows * INPUTS];
		for (int i = 0; i < x.length; i++) {
			x[i] = RandomStreams.gaussian(random);
		}
		return x;
	}

	static double[] targets(int rows, Task task, SplittableRandom random) {
		double[] y = new double[rows];
		for (int row = 0; row < rows; row++) {
			y[row] = task.isClassification() ? random.nextInt(task.classes()) : RandomStreams.gaussian(random);
		}
		return y;
	}

}
