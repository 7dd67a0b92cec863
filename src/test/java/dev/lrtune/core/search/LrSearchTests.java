package dev.lrtune.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.data.synthetic.SyntheticSpec;
import dev.lrtune.core.model.Model;
import dev.lrtune.core.model.ModelSpec;
import dev.lrtune.core.model.Models;
import dev.lrtune.core.optim.OptimizerSpec;
import dev.lrtune.core.optim.Optimizers;
import dev.lrtune.core.rangetest.RangeTestOptions;
import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.core.rangetest.Recommendation.CyclicBounds;
import dev.lrtune.core.rangetest.Recommendation.Suggestions;
import dev.lrtune.core.schedule.ConstantSchedule;
import dev.lrtune.core.train.Trainer;
import dev.lrtune.core.train.TrainingListener;
import dev.lrtune.core.train.TrainingSettings;

class LrSearchTests {

	private static final long SEED = 11;

	private static final SplitDataset MOONS = SyntheticSpec.parse("synthetic:moons?samples=600&noise=0.2&seed=4")
		.generate()
		.split(SEED);

	private static final ModelSpec LOGISTIC = ModelSpec.of("logistic");

	/** The range test every search here starts with: the default length. */
	private static final int RANGE_TEST = RangeTestOptions.DEFAULT_ITERATIONS;

	private static LrSearch search(SearchSpec spec) {
		return new LrSearch(LOGISTIC, OptimizerSpec.sgd(), 32, RangeTestOptions.defaults(), spec);
	}

	@Test
	void theRatesAreEvenlySpacedInLogOverTheSuggestionsSpan() {
		Recommendation finder = finder(new Suggestions(1e-2, 2e-5, 1e-3, 5e-2), 0.1);

		double[] rates = LrSearch.rates(finder, 6, RangeTestOptions.defaults());

		// from the lower of minimum and valley / 3 to 2 × the minimum-loss lr, 0.1: ratio 600, five equal steps in log;
		// steepest (2e-5) is left out
		assertThat(rates[0]).isCloseTo(1e-3 / 3, within(1e-15));
		assertThat(rates[5]).isCloseTo(0.2, within(1e-12));
		for (int i = 1; i < 6; i++) {
			assertThat(rates[i] / rates[i - 1]).isCloseTo(Math.pow(600, 0.2), within(1e-9));
		}
	}

	@Test
	void aNarrowSpanIsWidenedToTwoDecadesAndAnUndefinedOneIsTheWholeRange() {
		double[] narrow = LrSearch.rates(finder(new Suggestions(1e-2, 1e-2, 1e-2, null), 0.02), 3, RangeTestOptions.defaults());
		// 1e-2 / 3 to 0.04: centre √(1/3 · 4) · 1e-2, half a span of 10 on each side
		double centre = Math.sqrt(1e-2 / 3 * 0.04);
		assertThat(narrow).containsExactly(new double[] { centre / 10, centre, centre * 10 }, within(1e-12));

		double[] whole = LrSearch.rates(finder(new Suggestions(null, null, null, 1e-3), 1e-7), 3, RangeTestOptions.defaults());
		assertThat(whole).containsExactly(new double[] { 1e-7, 1e-3, 10 }, within(1e-12));
	}

	@Test
	void ratesAreRoundedToQuarterDecadesWithoutDuplicates() {
		double[] rounded = LrSearch.roundToQuarterDecades(new double[] { 0.0012, 0.002, 0.0021, 0.5 });

		// log10: -2.92 → -3, -2.70 and -2.68 → -2.75 (1.78e-3, once), -0.30 → -0.25 (0.562)
		assertThat(rounded).containsExactly(new double[] { 1e-3, Math.pow(10, -2.75), Math.pow(10, -0.25) }, within(1e-15));
	}

	@ParameterizedTest(name = "{0} iterations, {1} rates, eta {2} → first rung {3}")
	@CsvSource({
			"1000, 6, 3, 112", // 6 → 2 → 1: two halvings, ⌈1000 / 9⌉
			"1000, 9, 3, 112", // 9 → 3 → 1
			"1000, 4, 2, 250", // 4 → 2 → 1 by 2: ⌈1000 / 4⌉
			"900, 3, 3, 300", // 3 → 1: one halving
			"1000, 20, 3, 38" // 20 → 6 → 2 → 1: three halvings, ⌈1000 / 27⌉
	})
	void theDefaultFirstRungIsSuccessiveHalvingsOwn(long iterations, int rates, int eta, long expected) {
		SearchSpec spec = new SearchSpec(iterations, SearchSpec.Family.CONSTANT, rates, eta, SearchSpec.Objective.LAST);

		assertThat(spec.firstRung()).isEqualTo(expected);
	}

	@Test
	void theRaceHalvesTheRatesRungByRungAndTheWinnerTrains() {
		SearchSpec spec = SearchSpec.of(300);
		List<Trial> reported = new ArrayList<>();
		SearchResult result = search(spec).run(MOONS, SEED, new SearchListener() {
			@Override
			public void onTrial(Trial trial) {
				reported.add(trial);
			}
		}, () -> false);

		// 6 rates, eta 3, 300 iterations: rungs ⌈300 / 9⌉ = 34, 102 and 300 with 6, 2 and 1 rates; then the climb
		// trains the winner's quarter-decade neighbours for the whole run (2 to 6 runs)
		List<Trial> firstRung = result.trials().subList(0, 6);
		List<Trial> secondRung = result.trials().subList(6, 8);
		List<Trial> lastRung = result.trials().subList(8, result.trials().size());
		assertThat(firstRung).allSatisfy(trial -> {
			assertThat(trial.rung()).isZero();
			assertThat(trial.iterations()).isEqualTo(34);
		});
		assertThat(secondRung).allSatisfy(trial -> {
			assertThat(trial.rung()).isEqualTo(1);
			assertThat(trial.iterations()).isEqualTo(102);
		});
		assertThat(lastRung).hasSizeBetween(1 + 1, 1 + 6).allSatisfy(trial -> {
			assertThat(trial.rung()).isEqualTo(2);
			assertThat(trial.iterations()).isEqualTo(300);
		});
		assertThat(reported).isEqualTo(result.trials());
		assertThat(result.iterationsSpent())
			.isEqualTo(RANGE_TEST + result.trials().stream().mapToLong(Trial::iterations).sum());
		// at most 6 × 34 + 2 × 102 + 300 + 6 × 300 = 2,508 for the race
		assertThat(LrSearch.maxRaceIterations(spec)).isEqualTo(2508);
		assertThat(result.iterationsSpent() - RANGE_TEST).isLessThanOrEqualTo(2508);
		assertThat(result.method()).isEqualTo("search");
		assertThat(result.cancelled()).isFalse();

		// the evidence: every rate once, in increasing order, at the highest rung it reached
		assertThat(result.evidence()).extracting(Evidence::lr).isSorted().doesNotHaveDuplicates();
		List<Evidence> finalists = result.evidence().stream().filter(e -> !e.pruned()).toList();
		assertThat(finalists).hasSize(lastRung.size()).allSatisfy(e -> {
			assertThat(e.rung()).isEqualTo(2);
			assertThat(e.iterations()).isEqualTo(300);
		});
		Evidence winner = finalists.stream().filter(e -> e.lr() == result.lr()).findFirst().orElseThrow();
		assertThat(winner.validationLoss()).isEqualTo(
				finalists.stream().mapToDouble(e -> e.validationLoss() == null ? Double.POSITIVE_INFINITY : e.validationLoss())
					.min()
					.orElseThrow());
		// rung 1 took the best two of rung 0, rung 2 the best of rung 1
		List<Trial> rung0 = firstRung.stream().sorted((a, b) -> Double.compare(a.rankingLoss(), b.rankingLoss())).toList();
		assertThat(secondRung).extracting(Trial::lr).containsExactlyInAnyOrder(rung0.get(0).lr(), rung0.get(1).lr());
		Trial bestOfRung1 = secondRung.get(0).rankingLoss() <= secondRung.get(1).rankingLoss() ? secondRung.get(0)
				: secondRung.get(1);
		assertThat(lastRung.get(0).lr()).isEqualTo(bestOfRung1.lr());
		// the climb: each later trial lies a quarter decade from the best rate of the last rung so far
		for (int k = 1; k < lastRung.size(); k++) {
			Trial bestSoFar = lastRung.subList(0, k).stream()
				.min((a, b) -> Double.compare(a.rankingLoss(), b.rankingLoss()))
				.orElseThrow();
			boolean nextToBest = Math.abs(Math.abs(Math.log10(lastRung.get(k).lr() / bestSoFar.lr())) - 0.25) < 1e-9;
			boolean nextToPrevious = Math.abs(Math.abs(Math.log10(lastRung.get(k).lr() / lastRung.get(k - 1).lr())) - 0.5) < 1e-9;
			assertThat(nextToBest || nextToPrevious).as("trial %d at %s", k, lastRung.get(k).lr()).isTrue();
		}

		// the winner's loss is what an ordinary run at that rate reaches, and it beats the lowest raced rate
		double atWinner = validationLoss(result.lr(), 300);
		assertThat(winner.validationLoss()).isEqualTo(atWinner);
		assertThat(atWinner).isLessThan(validationLoss(result.evidence().get(0).lr(), 300));
	}

	@Test
	void aResumedRaceReusesTheKnownTrialsAndEndsTheSame() {
		SearchSpec spec = SearchSpec.of(300);
		SearchResult whole = search(spec).run(MOONS, SEED);
		List<Trial> firstRung = whole.trials().subList(0, 6);
		List<String> trained = new ArrayList<>();

		SearchResult resumed = search(spec).race(MOONS, SEED, whole.rangeTest(), RANGE_TEST, firstRung, new SearchListener() {
			@Override
			public TrainingListener trial(double lr, int rung) {
				trained.add(lr + "@" + rung);
				return TrainingListener.NONE;
			}
		}, () -> false);

		assertThat(resumed).isEqualTo(whole);
		assertThat(trained).hasSize(whole.trials().size() - 6); // rung 1's and the last rung's
	}

	@Test
	void theBestObjectiveRanksByTheLowestValidationLossAndSaysWhere() {
		SearchSpec spec = new SearchSpec(200, SearchSpec.Family.CONSTANT, 4, 2, SearchSpec.Objective.BEST);

		SearchResult result = search(spec).run(MOONS, SEED);

		for (Trial trial : result.trials()) {
			if (!trial.diverged()) {
				// measured every 200 / 20 = 10 iterations
				assertThat((trial.lossIteration() + 1) % 10).isZero();
				assertThat(trial.lossIteration()).isLessThan(trial.iterations());
			}
		}
		assertThat(result.lr()).isNotNull();
	}

	@Test
	void givenHowOftenToMeasureEveryTrialMeasuresThatOftenAndKeepsItsLastAndLowestLoss() {
		SearchSpec spec = new SearchSpec(200, SearchSpec.Family.CONSTANT, 4, 2, SearchSpec.Objective.BEST)
			.withEvaluateEvery(4);
		List<List<double[]>> measured = new ArrayList<>();
		SearchResult result = search(spec).run(MOONS, SEED, new SearchListener() {
			@Override
			public TrainingListener trial(double lr, int rung) {
				List<double[]> points = new ArrayList<>();
				measured.add(points);
				return new TrainingListener() {
					@Override
					public void onValidation(long k, double validationLoss, double accuracy) {
						points.add(new double[] { k, validationLoss });
					}
				};
			}
		}, () -> false);

		assertThat(measured).hasSameSizeAs(result.trials());
		for (int i = 0; i < measured.size(); i++) {
			Trial trial = result.trials().get(i);
			List<double[]> points = measured.get(i);
			if (trial.diverged()) {
				continue;
			}
			// every 4 iterations (at iterations 3, 7, 11, …) and after the last: ⌈iterations / 4⌉ measurements
			assertThat(points).hasSize((int) ((trial.iterations() + 3) / 4));
			double[] lowest = points.stream().min((a, b) -> Double.compare(a[1], b[1])).orElseThrow();
			assertThat(trial.bestValidationLoss()).isEqualTo(lowest[1]);
			assertThat(trial.bestIteration()).isEqualTo((long) lowest[0]);
			assertThat(trial.lastValidationLoss()).isEqualTo(points.get(points.size() - 1)[1]);
			// the objective best ranks by the lowest
			assertThat(trial.validationLoss()).isEqualTo(trial.bestValidationLoss());
		}
		assertThat(spec.measuredEvery()).isEqualTo(4);
		assertThat(SearchSpec.of(200, null, null, null, "best").measuredEvery()).isEqualTo(10);
		assertThat(SearchSpec.of(200).measuredEvery()).isZero();
	}

	@Test
	void theFamiliesRaceTheirPeakRate() {
		for (SearchSpec.Family family : SearchSpec.Family.values()) {
			SearchResult result = search(new SearchSpec(120, family, 3, 3, SearchSpec.Objective.LAST)).run(MOONS, SEED);
			assertThat(result.lr()).as(family.jsonName()).isNotNull();
			// 3 rates at 40 iterations, the best at 120, then the climb's 1 to 6 runs
			assertThat(result.trials()).hasSizeBetween(3 + 1 + 1, 3 + 1 + 6);
		}
		assertThat(SearchSpec.Family.ONE_CYCLE.schedule(0.5, 100).lr(29)).isCloseTo(0.5, within(1e-12));
		assertThat(SearchSpec.Family.COSINE.schedule(0.5, 100).lr(50)).isCloseTo(0.25, within(1e-12));
	}

	@Test
	void aCancelledSearchMeasuresNothing() {
		int[] checks = { 0 };
		SearchResult result = search(SearchSpec.of(300)).run(MOONS, SEED, SearchListener.NONE, () -> ++checks[0] > 150);

		assertThat(result.cancelled()).isTrue();
		assertThat(result.lr()).isNull();
	}

	@Test
	void invalidSpecsNameTheField() {
		assertParameter(() -> SearchSpec.of(0), "iterations");
		assertParameter(() -> SearchSpec.of(100, "step", null, null, null), "family");
		assertParameter(() -> SearchSpec.of(100, null, 1, null, null), "rates");
		assertParameter(() -> SearchSpec.of(100, null, null, 1, null), "eta");
		assertParameter(() -> SearchSpec.of(100, null, null, null, "mean"), "objective");
		assertParameter(() -> new SearchSpec(100, SearchSpec.Family.CONSTANT, 6, 3, SearchSpec.Objective.LAST, 101L),
				"minIterations");
		assertParameter(() -> SearchSpec.of(100).withEvaluateEvery(-1), "evaluateEvery");
		assertParameter(() -> search(SearchSpec.of(100)).run(MOONS.train().split(0, 1, true), SEED), "validationFraction");
		assertThat(SearchSpec.of(100, null, null, null, null)).isEqualTo(SearchSpec.of(100));
	}

	private static double validationLoss(double lr, long iterations) {
		Model model = Models.create(LOGISTIC, MOONS.train().task(), MOONS.train().cols(), SEED);
		return new Trainer(model, Optimizers.create(OptimizerSpec.sgd(), model.parameterCount()), new ConstantSchedule(lr),
				new TrainingSettings(32, iterations, 0, SEED))
			.run(MOONS, TrainingListener.NONE)
			.validationLoss();
	}

	private static Recommendation finder(Suggestions suggestions, double minLossLr) {
		String method = suggestions.method();
		return new Recommendation(method == null ? null : suggestions.get(method), method, suggestions, List.of(),
				minLossLr, null, new CyclicBounds(minLossLr / 4, minLossLr), null, null);
	}

	private static void assertParameter(Runnable invalid, String parameter) {
		assertThatThrownBy(invalid::run).isInstanceOfSatisfying(InvalidParameterException.class,
				e -> assertThat(e.parameter()).isEqualTo(parameter));
	}

}
