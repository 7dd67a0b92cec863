package dev.lrtune.core.rangetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lrtune.core.rangetest.Recommendation.CyclicBounds;
import dev.lrtune.core.rangetest.Recommendation.Indices;
import dev.lrtune.core.rangetest.Recommendation.Suggestions;

class RepeatsTests {

	/** A single-run recommendation whose lrs are all derived from its valley, steepest and minimum lr. */
	private static Recommendation run(Double valley, Double steepest, double minLossLr) {
		Suggestions suggestions = new Suggestions(minLossLr / 10, steepest, valley, minLossLr);
		String method = suggestions.method();
		return new Recommendation(suggestions.get(method), method, suggestions, List.of(), minLossLr, minLossLr * 10,
				CyclicBounds.fromMaxLr(minLossLr), new Indices(0, 9, 5, 3, 4, 9), null);
	}

	@Test
	void anOddNumberOfRunsTakesTheMiddleValue() {
		Recommendation aggregate = Recommendation
			.aggregate(List.of(run(1e-3, 2e-3, 1e-2), run(1e-2, 3e-3, 1e-1), run(1e-4, 1e-3, 1e-3)));

		assertThat(aggregate.suggestions().valley()).isEqualTo(1e-3);
		assertThat(aggregate.suggestions().steepest()).isEqualTo(2e-3);
		assertThat(aggregate.minLossLr()).isEqualTo(1e-2);
		assertThat(aggregate.suggestions().minimum()).isEqualTo(1e-2 / 10);
		assertThat(aggregate.divergenceLr()).isEqualTo(1e-2 * 10);
		assertThat(aggregate.cyclicBounds()).isEqualTo(new CyclicBounds(1e-2 / 4, 1e-2));
		assertThat(aggregate.method()).isEqualTo(Recommendation.MINIMUM_VALLEY);
		// the geometric mean of the median minimum and the median valley
		assertThat(aggregate.recommendedLr()).isCloseTo(Math.sqrt(1e-3 * 1e-3), within(1e-18));
		assertThat(aggregate.indices()).isNull();
	}

	@Test
	void anEvenNumberOfRunsTakesTheGeometricMeanOfTheMiddleTwo() {
		Recommendation aggregate = Recommendation.aggregate(
				List.of(run(1e-1, 1e-3, 1e-2), run(1e-4, 1e-3, 1e-2), run(1e-3, 1e-3, 1e-2), run(1e-5, 1e-3, 1e-2)));

		// sorted 1e-5, 1e-4, 1e-3, 1e-1: √(1e-4 · 1e-3)
		assertThat(aggregate.suggestions().valley()).isCloseTo(Math.pow(10, -3.5), within(1e-18));
		assertThat(Repeats.median(List.of(1e-3, 1e-1))).isCloseTo(1e-2, within(1e-17));
		assertThat(Repeats.median(List.of(0.5, 0.5))).isEqualTo(0.5);
	}

	@Test
	void spreadHoldsMedianRangeAndEachRunsValueInRunOrder() {
		Recommendation aggregate = Recommendation
			.aggregate(List.of(run(1e-3, 2e-3, 1e-2), run(1e-2, 3e-3, 1e-1), run(1e-4, 1e-3, 1e-3)));

		Recommendation.Spread valley = aggregate.spread().valley();
		assertThat(valley.median()).isEqualTo(1e-3);
		assertThat(valley.min()).isEqualTo(1e-4);
		assertThat(valley.max()).isEqualTo(1e-2);
		assertThat(valley.values()).containsExactly(1e-3, 1e-2, 1e-4);
		assertThat(aggregate.spread().divergence().values()).containsExactly(1e-2, 1e-1, 1e-3);
	}

	@Test
	void aSuggestionSomeRunsLackIsTheMedianOfTheOthers() {
		Recommendation aggregate = Recommendation
			.aggregate(List.of(run(null, 2e-3, 1e-2), run(1e-3, 3e-3, 1e-2), run(1e-4, 1e-3, 1e-2)));

		assertThat(aggregate.spread().valley().values()).containsExactly(null, 1e-3, 1e-4);
		assertThat(aggregate.suggestions().valley()).isCloseTo(Math.sqrt(1e-3 * 1e-4), within(1e-18));
		assertThat(aggregate.method()).isEqualTo(Recommendation.MINIMUM_VALLEY);
		assertThat(aggregate.recommendedLr())
			.isCloseTo(Math.sqrt(aggregate.suggestions().valley() * aggregate.suggestions().minimum()), within(1e-18));
	}

	@Test
	void theMethodMostRunsChoseIsRecommended() {
		Recommendation aggregate = Recommendation
			.aggregate(List.of(run(null, 2e-3, 1e-2), run(null, 3e-3, 1e-2), run(1e-4, 1e-3, 1e-2)));

		// two runs without a valley recommend the minimum alone
		assertThat(aggregate.method()).isEqualTo(Recommendation.MINIMUM);
		assertThat(aggregate.recommendedLr()).isEqualTo(1e-3);
	}

	@Test
	void aSuggestionNoRunHasStaysAbsent() {
		Recommendation aggregate = Recommendation.aggregate(List.of(run(null, 2e-3, 1e-2), run(null, 3e-3, 1e-2)));

		assertThat(aggregate.suggestions().valley()).isNull();
		assertThat(aggregate.spread().valley()).isNull();
	}

	@Test
	void aSingleRunIsReturnedAsItIsWithoutSpread() {
		Recommendation single = run(1e-3, 2e-3, 1e-2);

		assertThat(Recommendation.aggregate(List.of(single))).isSameAs(single);
		assertThat(single.spread()).isNull();
	}

	@Test
	void repeatedAnalysesOfTheSameCurveAggregateToThatCurvesSuggestions() {
		double[] lr = LrRamp.exponential(1e-5, 1, 100).lrs();
		double[] loss = Arrays.stream(lr).map(x -> 2 + Math.sin(Math.log10(x))).toArray();
		Recommendation once = RangeTestAnalysis.analyze(lr, loss);

		Recommendation aggregate = Recommendation.aggregate(List.of(once, once));

		assertThat(aggregate.suggestions()).isEqualTo(once.suggestions());
		assertThat(aggregate.recommendedLr()).isEqualTo(once.recommendedLr());
		assertThat(aggregate.cyclicBounds()).isEqualTo(once.cyclicBounds());
	}

	@Test
	void nothingToAggregateIsAnError() {
		assertThatThrownBy(() -> Recommendation.aggregate(List.of())).isInstanceOf(IllegalArgumentException.class);
	}

}
