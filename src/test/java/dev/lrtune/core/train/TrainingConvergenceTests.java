package dev.lrtune.core.train;

import java.util.List;
import java.util.stream.Stream;

import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.data.synthetic.SyntheticSpec;
import dev.lrtune.core.model.Evaluation;
import dev.lrtune.core.model.Model;
import dev.lrtune.core.model.ModelSpec;
import dev.lrtune.core.model.Models;
import dev.lrtune.core.optim.OptimizerSpec;
import dev.lrtune.core.optim.Optimizers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each model learns the synthetic problem it is made for. */
class TrainingConvergenceTests {

	static Stream<Arguments> problems() {
		return Stream.of(
				Arguments.of("linear on linear", "synthetic:linear?samples=500&features=4&noise=0.1&seed=1",
						ModelSpec.of("linear"), OptimizerSpec.sgd(0.9), 0.01, Double.NaN),
				Arguments.of("logistic on two blobs", "synthetic:blobs?samples=500&classes=2&noise=2&seed=1",
						ModelSpec.of("logistic"), OptimizerSpec.sgd(), 0.5, 0.9),
				Arguments.of("mlp relu on moons", "synthetic:moons?samples=500&noise=0.1&seed=1",
						ModelSpec.mlp(List.of(16), "relu"), OptimizerSpec.sgd(0.9), 0.05, 0.95),
				Arguments.of("softmax on blobs", "synthetic:blobs?samples=500&classes=4&features=3&seed=1",
						ModelSpec.of("softmax"), OptimizerSpec.sgd(0.9), 0.05, 0.95),
				Arguments.of("mlp relu on xor", "synthetic:xor?samples=800&noise=0.05&seed=1",
						ModelSpec.mlp(List.of(32, 16), "relu"), OptimizerSpec.adam(), 0.01, 0.9),
				Arguments.of("mlp tanh on circles", "synthetic:circles?samples=800&seed=1",
						ModelSpec.mlp(List.of(32), "tanh"), OptimizerSpec.adam(), 0.01, 0.9),
				Arguments.of("mlp relu on spirals", "synthetic:spirals?samples=900&classes=3&seed=1",
						ModelSpec.mlp(List.of(64, 32), "relu"), OptimizerSpec.adam(), 0.01, 0.8),
				Arguments.of("mlp regression on linear", "synthetic:linear?samples=500&features=3&seed=1",
						ModelSpec.mlp(List.of(16), "relu"), OptimizerSpec.sgd(0.9), 0.01, Double.NaN));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("problems")
	void trainingReducesTheValidationLoss(String name, String dataset, ModelSpec spec, OptimizerSpec optimizer,
			double lr, double minimumAccuracy) {
		SplitDataset data = SyntheticSpec.parse(dataset).generate().split(1);
		Model model = Models.create(spec, data.train().task(), data.train().cols(), 7L);
		Evaluation before = model.evaluate(data.validation());

		TrainingResult result = new Trainer(model, Optimizers.create(optimizer, model.parameterCount()), step -> lr,
				new TrainingSettings(32, 1500, 500, 7)).run(data, TrainingListener.NONE);

		assertThat(result.status()).isEqualTo(TrainingStatus.COMPLETED);
		assertThat(result.validationLoss()).isLessThan(0.5 * before.loss());
		if (!Double.isNaN(minimumAccuracy)) {
			assertThat(result.validationAccuracy()).isGreaterThanOrEqualTo(minimumAccuracy);
		}
	}

}
