package dev.lrtune.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

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

	private static LrSearch search(SearchSpec spec) {
		return new LrSearch(LOGISTIC, OptimizerSpec.sgd(), 32, RangeTestOptions.defaults(), spec);
	}

	@Test
	void theRatesAreEvenlySpacedInLogOverTheSuggestionsSpan() {
		Recommendation finder = finder(new Suggestions(1e-2, 2e-3, 1e-3, 5e-2), 0.1);

		double[] rates = LrSearch.rates(finder, 6, RangeTestOptions.defaults());

		// from the lowest suggestion / 3 to 2 × the minimum-loss lr, 0.1: ratio 600, five equal steps in log
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
	void theRaceHalvesTheRatesRungByRungAndTheWinnerTrains() {
		SearchSpec spec = SearchSpec.of(300);
		List<Trial> reported = new ArrayList<>();
		SearchResult result = search(spec).run(MOONS, SEED, new SearchListener() {
			@Override
			public void onTrial(Trial trial) {
				reported.add(trial);
			}
		}, () -> false);

		// 6 rates, eta 3, 300 iterations: first rung ⌈300 / 9⌉ = 34, then 102, then 300; 6 → 2 → 1 trials
		assertThat(result.trials()).extracting(Trial::rung).containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 2);
		assertThat(result.trials()).extracting(Trial::iterations)
			.containsExactly(34L, 34L, 34L, 34L, 34L, 34L, 102L, 102L, 300L);
		assertThat(reported).isEqualTo(result.trials());
		assertThat(result.iterationsSpent()).isEqualTo(100 + 6 * 34 + 2 * 102 + 300);
		assertThat(result.method()).isEqualTo("search");
		assertThat(result.cancelled()).isFalse();

		// the evidence: every rate once, at the highest rung it reached; all but the last rung's were pruned
		assertThat(result.evidence()).hasSize(6);
		assertThat(result.evidence()).filteredOn(Evidence::pruned).hasSize(5);
		Evidence winner = result.evidence().stream().filter(e -> !e.pruned()).findFirst().orElseThrow();
		assertThat(winner.lr()).isEqualTo(result.lr());
		assertThat(winner.rung()).isEqualTo(2);
		assertThat(winner.iterations()).isEqualTo(300);
		// the two promoted to rung 1 were the best two of rung 0
		List<Trial> rung0 = result.trials().subList(0, 6).stream()
			.sorted((a, b) -> Double.compare(a.rankingLoss(), b.rankingLoss()))
			.toList();
		assertThat(result.trials().subList(6, 8)).extracting(Trial::lr)
			.containsExactlyInAnyOrder(rung0.get(0).lr(), rung0.get(1).lr());

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

		SearchResult resumed = search(spec).race(MOONS, SEED, whole.rangeTest(), 100, firstRung, new SearchListener() {
			@Override
			public TrainingListener trial(double lr, int rung) {
				trained.add(lr + "@" + rung);
				return TrainingListener.NONE;
			}
		}, () -> false);

		assertThat(resumed).isEqualTo(whole);
		assertThat(trained).hasSize(3); // the two of rung 1 and the one of rung 2
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
	void theFamiliesRaceTheirPeakRate() {
		for (SearchSpec.Family family : SearchSpec.Family.values()) {
			SearchResult result = search(new SearchSpec(120, family, 3, 3, SearchSpec.Objective.LAST)).run(MOONS, SEED);
			assertThat(result.lr()).as(family.jsonName()).isNotNull();
			assertThat(result.trials()).hasSize(3 + 1);
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
