package dev.lrtune.core.rangetest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.data.synthetic.SyntheticSpec;
import dev.lrtune.core.model.Model;
import dev.lrtune.core.model.ModelSpec;
import dev.lrtune.core.model.Models;
import dev.lrtune.core.optim.OptimizerSpec;
import dev.lrtune.core.optim.Optimizers;
import dev.lrtune.core.schedule.ConstantSchedule;
import dev.lrtune.core.train.Trainer;
import dev.lrtune.core.train.TrainingListener;
import dev.lrtune.core.train.TrainingSettings;

/**
 * Does the recommended rate train? A default range test (1e-7 → 10 over 100 steps), then 500 iterations of plain
 * SGD with batch 32 at a constant {@code recommendedLr} and at 1/100 of it, same seed: the recommendation must
 * train clearly better than a rate two decades lower. Which rule is recommended is chosen on the quality
 * benchmark ({@code bench/quality.sh}, docs/quality.md), not here: one problem cannot choose a rule.
 */
class RecommendedLrTrainingTests {

	private static final long SEED = 7;

	private static final SplitDataset MOONS = SyntheticSpec.parse("synthetic:moons?samples=1000&seed=7")
		.generate()
		.split(SEED);

	private static final int ITERATIONS = 500;

	static Stream<Arguments> models() {
		return Stream.of(Arguments.of(ModelSpec.of("logistic")), Arguments.of(ModelSpec.mlp(List.of(64, 32), "relu")));
	}

	@ParameterizedTest
	@MethodSource("models")
	void trainingAtTheRecommendedLrBeatsAHundredTimesLess(ModelSpec model) {
		Outcome outcome = Outcome.of(model);

		assertThat(outcome.atRecommended()).as(outcome.toString()).isLessThan(outcome.atHundredth());
	}

	/** Validation losses after training at the recommended rate and 1/100 of it. */
	private record Outcome(String model, String method, double lr, double atRecommended, double atHundredth) {

		static Outcome of(ModelSpec spec) {
			Recommendation recommendation = new RangeTest(spec, OptimizerSpec.sgd(), 32, RangeTestOptions.defaults())
				.run(MOONS, SEED)
				.recommendation();
			double lr = recommendation.recommendedLr();
			return new Outcome(spec.type() + spec.hiddenOrDefault(), recommendation.method(), lr,
					validationLoss(spec, lr), validationLoss(spec, lr / 100));
		}

		private static double validationLoss(ModelSpec spec, double lr) {
			Model model = Models.create(spec, MOONS.train().task(), MOONS.train().cols(), SEED);
			return new Trainer(model, Optimizers.create(OptimizerSpec.sgd(), model.parameterCount()),
					new ConstantSchedule(lr), new TrainingSettings(32, ITERATIONS, 0, SEED))
				.run(MOONS, TrainingListener.NONE)
				.validationLoss();
		}

		@Override
		public String toString() {
			return String.format("%s: %s lr %.3g -> validation loss %.4f; 1/100 -> %.4f", model, method, lr,
					atRecommended, atHundredth);
		}

	}

}
