package dev.lrtune.core.optim;

import java.util.List;
import java.util.SplittableRandom;

import dev.lrtune.core.data.RandomStreams;
import dev.lrtune.core.data.Task;
import dev.lrtune.core.model.Model;
import dev.lrtune.core.model.ModelSpec;
import dev.lrtune.core.model.Models;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * With weight decay λ the optimizer follows the gradient of the L2-penalised loss L(θ) + λ/2·‖θ‖²: the model's
 * gradient plus what {@link GradientTransforms#addWeightDecay} adds must match central finite differences of
 * that objective.
 */
class WeightDecayGradientTests {

	private static final double LAMBDA = 0.3;

	private static final double H = 1e-5;

	static List<Arguments> models() {
		return List.of(Arguments.of(ModelSpec.of("linear"), Task.regression()),
				Arguments.of(ModelSpec.of("logistic"), Task.classification(2)),
				Arguments.of(ModelSpec.of("softmax"), Task.classification(3)),
				Arguments.of(ModelSpec.mlp(List.of(5, 3), "relu"), Task.classification(3)),
				Arguments.of(ModelSpec.mlp(List.of(4), "tanh"), Task.regression()));
	}

	@ParameterizedTest
	@MethodSource("models")
	void decayedGradientIsTheGradientOfTheL2PenalisedLoss(ModelSpec spec, Task task) {
		int rows = 6;
		int inputs = 3;
		SplittableRandom random = new SplittableRandom(8);
		Model model = Models.create(spec, task, inputs, 1L);
		double[] theta = model.parameters();
		for (int p = 0; p < theta.length; p++) {
			theta[p] = 0.5 * RandomStreams.gaussian(random);
		}
		double[] x = new double[rows * inputs];
		for (int i = 0; i < x.length; i++) {
			x[i] = RandomStreams.gaussian(random);
		}
		double[] y = new double[rows];
		for (int row = 0; row < rows; row++) {
			y[row] = task.isClassification() ? random.nextInt(task.classes()) : RandomStreams.gaussian(random);
		}
		model.ensureCapacity(rows);
		double[] gradient = new double[theta.length];
		model.lossAndGradient(x, y, 0, rows, gradient);

		GradientTransforms.addWeightDecay(gradient, theta, LAMBDA);

		double[] scratch = new double[theta.length];
		for (int p = 0; p < theta.length; p++) {
			double saved = theta[p];
			theta[p] = saved + H;
			double plus = model.lossAndGradient(x, y, 0, rows, scratch) + penalty(theta);
			theta[p] = saved - H;
			double minus = model.lossAndGradient(x, y, 0, rows, scratch) + penalty(theta);
			theta[p] = saved;
			assertThat(gradient[p]).as("θ[%d]", p).isCloseTo((plus - minus) / (2 * H), within(1e-7));
		}
	}

	private static double penalty(double[] theta) {
		double squares = 0;
		for (double value : theta) {
			squares += value * value;
		}
		return LAMBDA / 2 * squares;
	}

}
