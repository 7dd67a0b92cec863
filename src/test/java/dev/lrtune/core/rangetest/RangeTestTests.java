package dev.lrtune.core.rangetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.data.synthetic.SyntheticSpec;
import dev.lrtune.core.model.Model;
import dev.lrtune.core.model.ModelSpec;
import dev.lrtune.core.model.Models;
import dev.lrtune.core.optim.OptimizerSpec;
import dev.lrtune.core.optim.Optimizers;
import dev.lrtune.core.rangetest.RangeTestResult.Curve;
import dev.lrtune.core.rangetest.RangeTestResult.StopReason;
import dev.lrtune.core.train.Trainer;
import dev.lrtune.core.train.TrainingListener;
import dev.lrtune.core.train.TrainingSettings;

class RangeTestTests {

	private static final long SEED = 7;

	private static final SplitDataset MOONS = SyntheticSpec.parse("synthetic:moons?samples=400&seed=3")
		.generate()
		.split(SEED);

	private static final SplitDataset LINEAR = SyntheticSpec.parse("synthetic:linear?samples=400&features=4&seed=3")
		.generate()
		.split(SEED);

	private static final ModelSpec SMALL_MLP = ModelSpec.mlp(List.of(8), "relu");

	private static RangeTestOptions options(double startLr, double endLr, int iterations, String mode,
			Integer repeats) {
		return RangeTestOptions.of(startLr, endLr, iterations, mode, null, null, null, repeats, null, null);
	}

	private static RangeTestResult run(ModelSpec model, RangeTestOptions options, SplitDataset data) {
		return new RangeTest(model, OptimizerSpec.sgd(), 32, options).run(data, SEED);
	}

	@Test
	void exponentialRampRecordsTheClosedFormRates() {
		double start = 1e-4;
		double end = 1e-1;
		int n = 40;

		Curve curve = run(ModelSpec.of("logistic"), options(start, end, n, "exponential", null), MOONS).curves().get(0);

		assertThat(curve.stopReason()).isEqualTo(StopReason.COMPLETED);
		assertThat(curve.iterations()).isEqualTo(n);
		for (int k = 0; k < n; k++) {
			double expected = Math.exp(Math.log(start) + k * (Math.log(end) - Math.log(start)) / (n - 1));
			assertThat(curve.lr()[k]).isCloseTo(expected, within(expected * 1e-12));
		}
	}

	@Test
	void linearRampRecordsTheClosedFormRates() {
		double start = 1e-3;
		double end = 0.5;
		int n = 40;

		Curve curve = run(ModelSpec.of("logistic"), options(start, end, n, "linear", null), MOONS).curves().get(0);

		assertThat(curve.stopReason()).isEqualTo(StopReason.COMPLETED);
		assertThat(curve.iterations()).isEqualTo(n);
		for (int k = 0; k < n; k++) {
			assertThat(curve.lr()[k]).isCloseTo(start + k * (end - start) / (n - 1), within(1e-15));
		}
	}

	@Test
	void aHugeEndLrStopsTheRunAtTheFirstStepWhoseSmoothedLossExceedsFourTimesItsMinimum() {
		int n = 100;

		Curve curve = run(ModelSpec.of("linear"), options(1e-4, 1e4, n, null, null), LINEAR).curves().get(0);

		int expectedStop = firstDivergedStep(curve.loss(), 0.98, 4);
		assertThat(curve.stopReason()).isEqualTo(StopReason.DIVERGED);
		assertThat(curve.iterations()).isEqualTo(expectedStop + 1).isLessThan(n);
		assertThat(curve.loss()[expectedStop]).as("stopped by the ratio, not by an overflow").isFinite();
	}

	/** Smoothed loss and running minimum written out again; the first step with s > factor·min or s non-finite. */
	private static int firstDivergedStep(double[] loss, double beta, double factor) {
		double average = 0;
		double minimum = Double.POSITIVE_INFINITY;
		for (int i = 0; i < loss.length; i++) {
			average = beta * average + (1 - beta) * loss[i];
			double smoothed = average / (1 - Math.pow(beta, i + 1));
			minimum = Math.min(minimum, smoothed);
			if (!Double.isFinite(smoothed) || smoothed > factor * minimum) {
				return i;
			}
		}
		return -1;
	}

	@Test
	void theSmoothedCurveIsTheBiasCorrectedAverageOfTheRawOne() {
		Curve curve = run(SMALL_MLP, options(1e-4, 1, 50, null, null), MOONS).curves().get(0);

		double average = 0;
		for (int i = 0; i < curve.iterations(); i++) {
			average = 0.98 * average + 0.02 * curve.loss()[i];
			double expected = average / (1 - Math.pow(0.98, i + 1));
			assertThat(curve.smoothedLoss()[i]).isCloseTo(expected, within(1e-12 * expected));
		}
	}

	@Test
	void suggestionsAreThoseOfTheAnalysisOfTheRecordedCurve() {
		RangeTestOptions options = RangeTestOptions.of(1e-5, 10.0, 60, null, 0.9, null, null, null, 3, 2);

		RangeTestResult result = run(SMALL_MLP, options, MOONS);

		Curve curve = result.curves().get(0);
		Recommendation direct = RangeTestAnalysis.analyze(curve.lr(), curve.loss(), new AnalysisSettings(0.9, 3, 2));
		assertThat(result.runs()).containsExactly(direct);
		assertThat(result.recommendation()).isEqualTo(direct);
	}

	@Test
	void theListenerSeesEveryRecordedStepOfEveryRepeat() {
		List<double[]> steps = new ArrayList<>();

		RangeTestResult result = new RangeTest(SMALL_MLP, OptimizerSpec.sgd(), 32, options(1e-4, 10, 30, null, 2))
			.run(MOONS, SEED, (repeat, k, lr, loss, smoothed) -> steps.add(new double[] { repeat, k, lr, loss, smoothed }),
					() -> false);

		List<double[]> expected = new ArrayList<>();
		for (Curve curve : result.curves()) {
			for (int k = 0; k < curve.iterations(); k++) {
				expected.add(new double[] { curve.repeat(), k, curve.lr()[k], curve.loss()[k], curve.smoothedLoss()[k] });
			}
		}
		assertThat(steps).containsExactlyElementsOf(expected);
	}

	@Test
	void repeatsRunWithDifferentSeedsOnTheSameSplit() {
		RangeTestOptions options = options(1e-4, 10, 40, null, 3);

		RangeTestResult result = run(SMALL_MLP, options, MOONS);

		assertThat(result.curves()).hasSize(3);
		assertThat(result.curves()).extracting(Curve::seed)
			.containsExactly(SEED, RangeTest.repeatSeed(SEED, 1), RangeTest.repeatSeed(SEED, 2))
			.doesNotHaveDuplicates();
		assertThat(result.curves().get(0).loss()).isNotEqualTo(result.curves().get(1).loss());
		assertThat(result.curves().get(1).loss()).isNotEqualTo(result.curves().get(2).loss());
		assertThat(result.curves().get(0).loss()).isNotEqualTo(result.curves().get(2).loss());
		for (Curve curve : result.curves()) {
			assertThat(curve.loss()).as("repeat %d", curve.repeat())
				.containsExactly(plainTrainingLosses(SMALL_MLP, options, curve.seed(), curve.iterations()));
		}
	}

	/** The minibatch losses of a plain training run under the ramp, on the shared split, from {@code seed}. */
	private static double[] plainTrainingLosses(ModelSpec spec, RangeTestOptions options, long seed, int steps) {
		Model model = Models.create(spec, MOONS.train().task(), MOONS.train().cols(), seed);
		List<Double> losses = new ArrayList<>();
		new Trainer(model, Optimizers.create(OptimizerSpec.sgd(), model.parameterCount()), options.ramp(),
				new TrainingSettings(32, steps, 0, seed)).run(MOONS, new TrainingListener() {
					@Override
					public void onIteration(long iteration, double lr, double momentum, double loss) {
						losses.add(loss);
					}
				});
		return losses.stream().mapToDouble(Double::doubleValue).toArray();
	}

	@Test
	void theRecommendationOfRepeatsIsTheMedianOfTheRuns() {
		RangeTestResult result = run(SMALL_MLP, options(1e-4, 10, 40, null, 3), MOONS);

		assertThat(result.runs()).hasSize(3);
		Recommendation aggregate = result.recommendation();
		assertThat(aggregate.spread()).isNotNull();
		assertThat(aggregate.suggestions().minimum()).isEqualTo(middle(result.runs(), r -> r.suggestions().minimum()));
		if (result.runs().stream().allMatch(r -> r.suggestions().divergence() != null)) {
			assertThat(aggregate.suggestions().divergence())
				.isEqualTo(middle(result.runs(), r -> r.suggestions().divergence()));
		}
		assertThat(aggregate.minLossLr()).isEqualTo(middle(result.runs(), Recommendation::minLossLr));
		if (result.runs().stream().allMatch(r -> r.suggestions().valley() != null)) {
			assertThat(aggregate.suggestions().valley()).isEqualTo(middle(result.runs(), r -> r.suggestions().valley()));
		}
		assertThat(aggregate.spread().minimum().values())
			.containsExactlyElementsOf(result.runs().stream().map(r -> r.suggestions().minimum()).toList());
	}

	private static double middle(List<Recommendation> runs, Function<Recommendation, Double> value) {
		double[] values = runs.stream().map(value).mapToDouble(Double::doubleValue).sorted().toArray();
		return values[values.length / 2];
	}

	@Test
	void theSameSeedGivesBitIdenticalCurves() {
		RangeTestOptions options = options(1e-4, 10, 40, null, 3);

		RangeTestResult first = run(SMALL_MLP, options, MOONS);
		RangeTestResult second = run(SMALL_MLP, options, MOONS);

		for (int r = 0; r < 3; r++) {
			Curve a = first.curves().get(r);
			Curve b = second.curves().get(r);
			assertThat(Arrays.equals(a.lr(), b.lr()) && Arrays.equals(a.loss(), b.loss())
					&& Arrays.equals(a.smoothedLoss(), b.smoothedLoss())).as("repeat %d", r).isTrue();
		}
		assertThat(second.recommendation()).isEqualTo(first.recommendation());
	}

	@Test
	void repeatZeroUsesTheJobSeedAndLaterRepeatsDeriveTheirs() {
		assertThat(RangeTest.repeatSeed(42, 0)).isEqualTo(42);
		assertThat(RangeTest.repeatSeed(42, 1)).isNotIn(42L, 43L, RangeTest.repeatSeed(43, 1));
		assertThat(RangeTest.repeatSeed(42, 2)).isNotEqualTo(RangeTest.repeatSeed(42, 1));
	}

	@Test
	void cancellationStopsBeforeTheNextStepAndRecommendsNothing() {
		AtomicBoolean cancelled = new AtomicBoolean();
		List<Integer> steps = new ArrayList<>();

		RangeTestResult result = new RangeTest(SMALL_MLP, OptimizerSpec.sgd(), 32, options(1e-4, 10, 50, null, 3))
			.run(MOONS, SEED, (repeat, k, lr, loss, smoothed) -> {
				steps.add(k);
				if (k == 4) {
					cancelled.set(true);
				}
			}, cancelled::get);

		assertThat(steps).containsExactly(0, 1, 2, 3, 4);
		assertThat(result.curves()).singleElement().satisfies(curve -> {
			assertThat(curve.iterations()).isEqualTo(5);
			assertThat(curve.stopReason()).isEqualTo(StopReason.CANCELLED);
		});
		assertThat(result.cancelled()).isTrue();
		assertThat(result.recommendation()).isNull();
		assertThat(result.runs()).isEmpty();
	}

	@Test
	void cancellationAfterARepeatEndsStartsNoFurtherStep() {
		AtomicBoolean cancelled = new AtomicBoolean();

		RangeTestResult result = new RangeTest(SMALL_MLP, OptimizerSpec.sgd(), 32, options(1e-4, 1, 20, null, 3))
			.run(MOONS, SEED, (repeat, k, lr, loss, smoothed) -> cancelled.set(k == 19), cancelled::get);

		assertThat(result.curves()).extracting(Curve::stopReason)
			.containsExactly(StopReason.COMPLETED, StopReason.CANCELLED);
		assertThat(result.curves().get(1).iterations()).isZero();
		assertThat(result.recommendation()).isNull();
	}

	@Test
	void aRunThatDivergesBeforeThreePointsAsksToLowerStartLr() {
		RangeTest test = new RangeTest(ModelSpec.of("linear"), OptimizerSpec.sgd(), 32, options(1e3, 1e5, 50, null, null));

		assertThatThrownBy(() -> test.run(LINEAR, SEED)).isInstanceOfSatisfying(InvalidParameterException.class, e -> {
			assertThat(e.parameter()).isEqualTo("startLr");
			assertThat(e.getMessage()).contains("lower startLr").contains("at least 3");
		});
	}

	@Test
	void validationLossNeedsAValidationSplit() {
		SplitDataset noValidation = SyntheticSpec.parse("synthetic:moons?samples=100&seed=3")
			.generate()
			.split(0, SEED, true);
		RangeTestOptions options = RangeTestOptions.of(null, null, null, null, null, null, "validation", null, null,
				null);

		assertThatThrownBy(() -> run(ModelSpec.of("logistic"), options, noValidation))
			.isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("lossSource"));
	}

	@Test
	void curvesAreCopiedIn() {
		double[] lr = { 1, 2, 3 };
		Curve curve = new Curve(0, 1, lr, new double[] { 1, 1, 1 }, new double[] { 1, 1, 1 }, StopReason.COMPLETED);

		lr[0] = 99;

		assertThat(curve.lr()[0]).isEqualTo(1);
	}

}
