package dev.lrtune.core.train;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.data.synthetic.SyntheticSpec;
import dev.lrtune.core.model.Model;
import dev.lrtune.core.model.ModelSpec;
import dev.lrtune.core.model.Models;
import dev.lrtune.core.optim.Optimizer;
import dev.lrtune.core.optim.OptimizerSpec;
import dev.lrtune.core.optim.Optimizers;
import dev.lrtune.core.schedule.Schedule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerTests {

	private static final SplitDataset MOONS = SyntheticSpec.parse("synthetic:moons?samples=300&noise=0.15&seed=3").generate()
		.split(0.2, 1, true);

	private static Trainer trainer(SplitDataset data, String model, OptimizerSpec optimizer, Schedule schedule,
			TrainingSettings settings) {
		Model built = Models.create(ModelSpec.of(model), data.train().task(), data.train().cols(), settings.seed());
		return new Trainer(built, Optimizers.create(optimizer, built.parameterCount()), schedule, settings);
	}

	@Test
	void sameSeedGivesABitIdenticalCurve() {
		TrainingSettings settings = new TrainingSettings(16, 200, 20, 42);

		RecordingListener first = new RecordingListener();
		RecordingListener second = new RecordingListener();
		trainer(MOONS, "mlp", OptimizerSpec.sgd(0.9), step -> 0.05, settings).run(MOONS, first);
		trainer(MOONS, "mlp", OptimizerSpec.sgd(0.9), step -> 0.05, settings).run(MOONS, second);

		assertThat(first.losses).hasSize(200).isEqualTo(second.losses); // Double.equals compares the bits
		assertThat(first.validationLosses).hasSize(10).isEqualTo(second.validationLosses);
	}

	@Test
	void differentSeedsGiveDifferentCurves() {
		RecordingListener first = new RecordingListener();
		RecordingListener second = new RecordingListener();
		trainer(MOONS, "mlp", OptimizerSpec.sgd(0.9), step -> 0.05, new TrainingSettings(16, 50, 0, 1)).run(MOONS, first);
		trainer(MOONS, "mlp", OptimizerSpec.sgd(0.9), step -> 0.05, new TrainingSettings(16, 50, 0, 2)).run(MOONS, second);

		assertThat(first.losses).isNotEqualTo(second.losses);
	}

	@Test
	void aHugeLearningRateDivergesAndReportsTheNonFinitePoint() {
		SplitDataset linear = SyntheticSpec.parse("synthetic:linear?samples=200&features=5&seed=1").generate().split(1);
		RecordingListener listener = new RecordingListener();

		TrainingResult result = trainer(linear, "linear", OptimizerSpec.sgd(), step -> 1e6,
				new TrainingSettings(8, 1000, 0, 1)).run(linear, listener);

		assertThat(result.status()).isEqualTo(TrainingStatus.DIVERGED);
		assertThat(result.iterations()).isLessThan(1000).isEqualTo(listener.losses.size());
		assertThat(listener.losses.get(listener.losses.size() - 1)).isNotFinite();
		assertThat(listener.losses.subList(0, listener.losses.size() - 1)).allSatisfy(loss -> assertThat(loss).isFinite());
		assertThat(result.lastLoss()).isNotFinite();
		assertThat(result.bestLoss()).isFinite();
		assertThat(listener.validationLosses).isEmpty();
	}

	@Test
	void validatesAfterEveryNthIterationAndAfterTheLastAndFeedsTheScheduleTheSameLosses() {
		RecordingListener listener = new RecordingListener();
		RecordingSchedule schedule = new RecordingSchedule(step -> 0.1);

		trainer(MOONS, "logistic", OptimizerSpec.sgd(), schedule, new TrainingSettings(16, 10, 3, 1)).run(MOONS, listener);

		assertThat(listener.validationIterations).containsExactly(2L, 5L, 8L, 9L);
		assertThat(schedule.observedSteps).containsExactly(2L, 5L, 8L, 9L);
		assertThat(schedule.observedMetrics).isEqualTo(listener.validationLosses);
		assertThat(listener.validationAccuracies).allSatisfy(accuracy -> assertThat(accuracy).isBetween(0.0, 1.0));
	}

	@Test
	void evaluatingEveryIterationReportsTheValidationLossAfterEachStep() {
		RecordingListener listener = new RecordingListener();

		TrainingResult result = trainer(MOONS, "logistic", OptimizerSpec.sgd(), step -> 0.5,
				new TrainingSettings(16, 6, 1, 1)).run(MOONS, listener);

		assertThat(listener.validationIterations).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
		assertThat(listener.validationLosses).doesNotHaveDuplicates();
		assertThat(result.validationLoss()).isEqualTo(listener.validationLosses.get(5));
	}

	@Test
	void evaluateEveryZeroValidatesOnlyAtTheEnd() {
		RecordingListener listener = new RecordingListener();

		trainer(MOONS, "logistic", OptimizerSpec.sgd(), step -> 0.1, new TrainingSettings(16, 7, 0, 1)).run(MOONS, listener);

		assertThat(listener.validationIterations).containsExactly(6L);
	}

	@Test
	void anEmptyValidationSplitIsNeverMeasured() {
		SplitDataset noValidation = SyntheticSpec.parse("synthetic:moons?samples=100").generate().split(0, 1, true);
		RecordingListener listener = new RecordingListener();
		RecordingSchedule schedule = new RecordingSchedule(step -> 0.1);

		TrainingResult result = trainer(noValidation, "logistic", OptimizerSpec.sgd(), schedule,
				new TrainingSettings(16, 5, 1, 1)).run(noValidation, listener);

		assertThat(result.status()).isEqualTo(TrainingStatus.COMPLETED);
		assertThat(listener.validationIterations).isEmpty();
		assertThat(schedule.observedSteps).isEmpty();
		assertThat(result.validationLoss()).isNaN();
	}

	@Test
	void theListenerCanStopTheRun() {
		RecordingListener listener = new RecordingListener(5);

		TrainingResult result = trainer(MOONS, "logistic", OptimizerSpec.sgd(), step -> 0.1,
				new TrainingSettings(16, 100, 0, 1)).run(MOONS, listener);

		assertThat(result.status()).isEqualTo(TrainingStatus.STOPPED);
		assertThat(result.iterations()).isEqualTo(5);
		assertThat(listener.iterations).containsExactly(0L, 1L, 2L, 3L, 4L);
		assertThat(listener.validationIterations).containsExactly(4L);
	}

	@Test
	void cancellationStopsBeforeTheNextIterationWithoutAFinalValidation() {
		AtomicBoolean cancelled = new AtomicBoolean();
		RecordingListener listener = new RecordingListener() {
			@Override
			public void onIteration(long iteration, double lr, double momentum, double loss) {
				super.onIteration(iteration, lr, momentum, loss);
				cancelled.set(iteration == 2);
			}
		};

		TrainingResult result = trainer(MOONS, "logistic", OptimizerSpec.sgd(), step -> 0.1,
				new TrainingSettings(16, 100, 0, 1)).run(MOONS, listener, cancelled::get);

		assertThat(result.status()).isEqualTo(TrainingStatus.STOPPED);
		assertThat(result.iterations()).isEqualTo(3);
		assertThat(listener.validationIterations).isEmpty();
	}

	@Test
	void passesTheScheduledRateAndCycledMomentumToTheOptimizerAndTheListener() {
		RecordingListener listener = new RecordingListener();
		RecordingOptimizer optimizer = new RecordingOptimizer();
		Schedule schedule = new RecordingSchedule(step -> 0.1 / (step + 1), step -> 0.9 - 0.01 * step);
		Model model = Models.create(ModelSpec.of("logistic"), MOONS.train().task(), 2, 1L);

		new Trainer(model, optimizer, schedule, new TrainingSettings(16, 3, 0, 1)).run(MOONS, listener);

		assertThat(optimizer.lrs).containsExactly(0.1, 0.05, 0.1 / 3);
		assertThat(optimizer.momenta).containsExactly(0.9, 0.89, 0.88);
		assertThat(listener.lrs).isEqualTo(optimizer.lrs);
		assertThat(listener.momenta).isEqualTo(optimizer.momenta);
	}

	@Test
	void reportsNaNMomentumWhenTheScheduleDoesNotCycleIt() {
		RecordingListener listener = new RecordingListener();
		RecordingOptimizer optimizer = new RecordingOptimizer();
		Model model = Models.create(ModelSpec.of("logistic"), MOONS.train().task(), 2, 1L);

		new Trainer(model, optimizer, step -> 0.1, new TrainingSettings(16, 2, 0, 1)).run(MOONS, listener);

		assertThat(listener.momenta).containsOnly(Double.NaN);
		assertThat(optimizer.momenta).containsOnly(Double.NaN);
	}

	@Test
	void theResultKeepsTheLastAndTheBestTrainingLoss() {
		RecordingListener listener = new RecordingListener();

		TrainingResult result = trainer(MOONS, "logistic", OptimizerSpec.sgd(), step -> 0.5,
				new TrainingSettings(16, 40, 0, 1)).run(MOONS, listener);

		assertThat(result.status()).isEqualTo(TrainingStatus.COMPLETED);
		assertThat(result.iterations()).isEqualTo(40);
		assertThat(result.lastLoss()).isEqualTo(listener.losses.get(39));
		assertThat(result.bestLoss()).isEqualTo(listener.losses.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
		assertThat(result.validationAccuracy()).isBetween(0.0, 1.0);
	}

	@Test
	void rejectsSettingsOutOfRangeNamingTheField() {
		assertThatThrownBy(() -> new TrainingSettings(0, 10, 1, 1).validate()).isInstanceOfSatisfying(
				InvalidParameterException.class, ex -> assertThat(ex.parameter()).isEqualTo("batchSize"));
		assertThatThrownBy(() -> new TrainingSettings(8, 0, 1, 1).validate()).isInstanceOfSatisfying(
				InvalidParameterException.class, ex -> assertThat(ex.parameter()).isEqualTo("iterations"));
		assertThatThrownBy(() -> new TrainingSettings(8, 10, -1, 1).validate()).isInstanceOfSatisfying(
				InvalidParameterException.class, ex -> assertThat(ex.parameter()).isEqualTo("evaluateEvery"));
	}

	@Test
	void derivesIterationsFromEpochsCountingThePartialBatch() {
		assertThat(TrainingSettings.iterationsPerEpoch(10, 4)).isEqualTo(3);
		assertThat(TrainingSettings.iterationsPerEpoch(8, 4)).isEqualTo(2);
		assertThat(TrainingSettings.iterationsForEpochs(5, 10, 4)).isEqualTo(15);
		assertThatThrownBy(() -> TrainingSettings.iterationsForEpochs(0, 10, 4)).hasMessageStartingWith("epochs:");
	}

	@Test
	void rejectsAModelBuiltForOtherFeatures() {
		Model model = Models.create(ModelSpec.of("logistic"), MOONS.train().task(), 3, 1L);
		Trainer trainer = new Trainer(model, Optimizers.create(OptimizerSpec.sgd(), 4), step -> 0.1,
				new TrainingSettings(8, 1, 0, 1));

		assertThatThrownBy(() -> trainer.run(MOONS, TrainingListener.NONE)).isInstanceOf(IllegalArgumentException.class);
	}

	/** Records the rate and momentum of every step and leaves the parameters alone. */
	static final class RecordingOptimizer implements Optimizer {

		final List<Double> lrs = new java.util.ArrayList<>();

		final List<Double> momenta = new java.util.ArrayList<>();

		@Override
		public String type() {
			return "recording";
		}

		@Override
		public void step(double[] parameters, double[] gradient, double lr, double momentum) {
			lrs.add(lr);
			momenta.add(momentum);
		}

		@Override
		public long steps() {
			return lrs.size();
		}

		@Override
		public void reset() {
			lrs.clear();
			momenta.clear();
		}

	}

}
