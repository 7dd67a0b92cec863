package dev.lrtune.core.rangetest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lrtune.core.rangetest.Recommendation.CyclicBounds;
import dev.lrtune.core.rangetest.Recommendation.Indices;
import dev.lrtune.core.rangetest.Recommendation.Suggestions;
import dev.lrtune.core.rangetest.Recommendation.Warning;

/** Curves whose warnings and undefined suggestions are known by hand. */
class RangeTestWarningsTests {

	private static final AnalysisSettings RAW_WHOLE_CURVE = new AnalysisSettings(0, 0, 0);

	private static final double[] LR = LrRamp.exponential(1e-6, 1, 61).lrs(); // ten points a decade

	private static List<String> codes(Recommendation recommendation) {
		return recommendation.warnings().stream().map(Warning::code).toList();
	}

	@Test
	void aCurveThatFallsRisesForGoodAndHasAValleyWarnsNothing() {
		double[] loss = new double[61];
		for (int i = 0; i < loss.length; i++) {
			loss[i] = i <= 40 ? 2 - i / 40.0 : 1 + (i - 40) / 10.0; // 2 → 1 at i = 40, then up to 3
		}

		Recommendation recommendation = RangeTestAnalysis.analyze(LR, loss, RAW_WHOLE_CURVE);

		assertThat(recommendation.warnings()).isEmpty();
		// 1.3 > 1.25 first at i = 43
		assertThat(recommendation.indices().divergence()).isEqualTo(43);
		assertThat(recommendation.suggestions().minimum()).isEqualTo(LR[40] / 10);
		assertThat(recommendation.method()).isEqualTo(Recommendation.MINIMUM_VALLEY);
		assertThat(recommendation.recommendedLr())
			.isEqualTo(Math.sqrt(recommendation.suggestions().minimum() * recommendation.suggestions().valley()));
	}

	@Test
	void aLossThatNeverRisesForGoodWarnsNoDivergenceAndLeavesDivergenceUndefined() {
		double[] loss = new double[61];
		for (int i = 0; i < loss.length; i++) {
			loss[i] = Math.max(1, 3 - i / 10.0); // falls to 1 at i = 20 and stays there to the end of the range
		}

		Recommendation recommendation = RangeTestAnalysis.analyze(LR, loss, RAW_WHOLE_CURVE);

		assertThat(codes(recommendation)).containsExactly("no_divergence");
		assertThat(recommendation.suggestions().divergence()).isNull();
		assertThat(recommendation.divergenceLr()).isNull();
		// never "the last lr / 10": the suggestions the curve does define stay
		assertThat(recommendation.suggestions().minimum()).isEqualTo(LR[20] / 10);
		assertThat(recommendation.recommendedLr()).isNotNull();
	}

	@Test
	void aRiseInTheSkippedEndStillCountsAsDivergence() {
		double[] loss = new double[61];
		for (int i = 0; i < loss.length; i++) {
			loss[i] = i < 56 ? 3 - i / 40.0 : 10 * (i - 54); // falls to 1.625 at i = 55, explodes over the last 5 points
		}

		Recommendation recommendation = RangeTestAnalysis.analyze(LR, loss, new AnalysisSettings(0, 10, 5));

		assertThat(recommendation.indices().last()).isEqualTo(55);
		assertThat(recommendation.indices().divergence()).isEqualTo(56);
		assertThat(recommendation.divergenceLr()).isEqualTo(LR[56]);
		assertThat(codes(recommendation)).doesNotContain("no_divergence");
	}

	@Test
	void aLossThatBarelyMovesIsFlatAndSuggestsNothing() {
		double[] loss = new double[61];
		for (int i = 0; i < loss.length; i++) {
			loss[i] = 1000 + 10 * Math.sin(i / 5.0); // a 2 % range around 1000
		}

		Recommendation recommendation = RangeTestAnalysis.analyze(LR, loss, RAW_WHOLE_CURVE);

		assertThat(codes(recommendation)).contains("flat", "no_divergence");
		assertThat(recommendation.suggestions()).isEqualTo(new Suggestions(null, null, null, null));
		assertThat(recommendation.recommendedLr()).isNull();
		assertThat(recommendation.method()).isNull();
	}

	@Test
	void aLossThatOnlyRisesHasItsMinimumAtTheStartAndNoMinimumSuggestion() {
		double[] loss = new double[61];
		for (int i = 0; i < loss.length; i++) {
			loss[i] = 1 + i / 10.0;
		}

		Recommendation recommendation = RangeTestAnalysis.analyze(LR, loss, RAW_WHOLE_CURVE);

		assertThat(codes(recommendation)).containsExactly("min_at_start");
		assertThat(recommendation.suggestions().minimum()).isNull();
		assertThat(recommendation.minLossLr()).isEqualTo(LR[0]);
		// 1.3 > 1.25 · 1 from i = 3 on
		assertThat(recommendation.indices().divergence()).isEqualTo(3);
		assertThat(recommendation.recommendedLr()).isNull();
	}

	@Test
	void aMinimumThatMovesByDecadesWithTheSmoothingIsNoisy() {
		// a level loss of 2 with one stray minibatch at 0 (i = 10) and a broad dip to 1.65 (i = 30..49)
		double[] loss = new double[61];
		Arrays.fill(loss, 2);
		loss[10] = 0;
		Arrays.fill(loss, 30, 50, 1.65);
		AnalysisSettings settings = new AnalysisSettings(0.9, 0, 0);
		// β = 0.9 keeps 1.708 of the stray point and reaches 1.65 + 0.35 · 0.9^20 = 1.692 in the dip;
		// β² = 0.81 drops to 1.579 at the stray point but only to 1.655 in the dip: three decades apart
		assertThat(argmin(SmoothedLoss.smooth(loss, 0.9))).isEqualTo(49);
		assertThat(argmin(SmoothedLoss.smooth(loss, 0.81))).isEqualTo(10);

		Recommendation recommendation = RangeTestAnalysis.analyze(LR, loss, settings);

		assertThat(codes(recommendation)).contains("noisy");
	}

	@Test
	void everyWarningHasACodeAndASentence() {
		assertThat(Arrays.stream(AnalysisWarning.values()).map(AnalysisWarning::code)).containsExactly("no_divergence",
				"flat", "noisy", "min_at_start");
		for (AnalysisWarning warning : AnalysisWarning.values()) {
			assertThat(warning.toWarning().message()).endsWith(".").hasSizeGreaterThan(40);
		}
	}

	@Test
	void repeatsThatDisagreeByMoreThanADecadeAreNoisyAndKeepTheRunsWarnings() {
		Recommendation agree = run(1e-3, List.of());
		Recommendation apart = run(2e-2, List.of(AnalysisWarning.NO_DIVERGENCE.toWarning()));

		Recommendation aggregate = Recommendation.aggregate(List.of(agree, apart));

		assertThat(codes(aggregate)).containsExactly("no_divergence", "noisy");
		assertThat(codes(Recommendation.aggregate(List.of(agree, run(5e-3, List.of()))))).isEmpty();
	}

	@Test
	void repeatsRecommendNothingWhenMostRunsDo() {
		Recommendation none = new Recommendation(null, null, new Suggestions(null, null, null, 1e-2),
				List.of(AnalysisWarning.MIN_AT_START.toWarning()), 1e-6, 1e-1, CyclicBounds.fromMaxLr(1e-6),
				new Indices(0, 9, 0, null, null, 5), null);

		Recommendation aggregate = Recommendation.aggregate(List.of(none, none, run(1e-3, List.of())));

		assertThat(aggregate.recommendedLr()).isNull();
		assertThat(aggregate.method()).isNull();
		assertThat(aggregate.suggestions().minimum()).isEqualTo(1e-3 / 10);
	}

	/** A run whose minimum lr is {@code minLossLr} and whose valley is a decade below the minimum suggestion. */
	private static Recommendation run(double minLossLr, List<Warning> warnings) {
		Suggestions suggestions = new Suggestions(minLossLr / 10, minLossLr / 30, minLossLr / 100, minLossLr);
		return new Recommendation(suggestions.get(suggestions.method()), suggestions.method(), suggestions, warnings,
				minLossLr, minLossLr * 10, CyclicBounds.fromMaxLr(minLossLr), new Indices(0, 9, 5, 3, 4, 9), null);
	}

	private static int argmin(double[] values) {
		int best = 0;
		for (int i = 1; i < values.length; i++) {
			if (values[i] < values[best]) {
				best = i;
			}
		}
		return best;
	}

}
