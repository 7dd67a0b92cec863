package dev.lrtune.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decisions of asynchronous successive halving against tables worked out by hand. Trials reach one rung one after the
 * other with the values listed; each is judged among the values so far (its own included): with n of them sorted
 * ascending it goes on when its value is at most the one at place max(0, ⌊n/eta⌋ − 1), counted from 0. Written out:
 * <pre>
 * eta 2, values 5 3 4 1 2 6:
 *   5: n 1, place 0 of [5]           → 5 ≤ 5 go on
 *   3: n 2, place 0 of [3 5]         → 3 ≤ 3 go on
 *   4: n 3, place 0 of [3 4 5]       → 4 > 3 prune
 *   1: n 4, place 1 of [1 3 4 5]     → 1 ≤ 3 go on
 *   2: n 5, place 1 of [1 2 3 4 5]   → 2 ≤ 2 go on
 *   6: n 6, place 2 of [1 2 3 4 5 6] → 6 > 3 prune
 * eta 3, values 2 1 3 0.5 4 1.5 0.8 5 9:
 *   2: n 1, place 0 of [2]                  → go on
 *   1: n 2, place 0 of [1 2]                → go on
 *   3: n 3, place 0 of [1 2 3]              → 3 > 1 prune
 *   0.5: n 4, place 0 of [.5 1 2 3]         → go on
 *   4: n 5, place 0                         → 4 > .5 prune
 *   1.5: n 6, place 1 of [.5 1 1.5 2 3 4]   → 1.5 > 1 prune
 *   0.8: n 7, place 1 of [.5 .8 1 …]        → .8 ≤ .8 go on
 *   5: n 8, place 1                         → 5 > .8 prune
 *   9: n 9, place 2 of [.5 .8 1 1.5 …]      → 9 > 1 prune
 * </pre>
 */
class AsynchronousSuccessiveHalvingTests {

	@ParameterizedTest(name = "eta {0}: {1} → {2}")
	@CsvSource(delimiter = ';', value = {
			"2; 5 3 4 1 2 6; go go prune go go prune",
			"3; 2 1 3 0.5 4 1.5 0.8 5 9; go go prune go prune prune go prune prune",
			// ties go on: the value equals the one at the promotable place
			"2; 1 1 1 1; go go go go",
			// a rising sequence: after the first, each is the worst so far
			"2; 1 2 3 4 5; go prune prune prune prune",
			// a falling sequence: each is the best so far
			"3; 5 4 3 2 1; go go go go go",
			// eta 3 with six equal-ish values: n 6 puts the place at 1
			"3; 3 3 2 2 1 2.5; go go go go go prune" })
	void eachTrialIsJudgedAmongTheValuesOfTheRungSoFar(int eta, String values, String expected) {
		List<Double> seen = new ArrayList<>();
		List<String> decisions = new ArrayList<>();
		for (String text : values.split(" ")) {
			double value = Double.parseDouble(text);
			seen.add(value);
			double[] rung = seen.stream().mapToDouble(Double::doubleValue).toArray();
			decisions.add(AsynchronousSuccessiveHalving.promotes(value, rung, eta) ? "go" : "prune");
		}
		assertThat(decisions).containsExactly(expected.split(" "));
	}

	@Test
	void aValueThatIsNotFiniteIsPrunedAndRanksBelowEveryFiniteValue() {
		assertThat(AsynchronousSuccessiveHalving.promotes(Double.NaN, new double[] { Double.NaN }, 2)).isFalse();
		// [1, NaN, 3] with eta 2: n 3, place 0 is 1; then 3 > 1 is pruned; the NaN does not hide the 1
		assertThat(AsynchronousSuccessiveHalving.promotes(3, new double[] { 1, Double.NaN, 3 }, 2)).isFalse();
		// [NaN, NaN, 2, 1] with eta 2: n 4, place 1 of [1 2 ∞ ∞] is 2
		assertThat(AsynchronousSuccessiveHalving.promotes(2, new double[] { Double.NaN, Double.NaN, 2, 1 }, 2)).isTrue();
	}

	@ParameterizedTest(name = "min {0}, eta {1}, budget {2} → {3}")
	@CsvSource(delimiter = ';', value = { "100; 3; 900; 100 300", "500; 2; 2000; 500 1000", "112; 3; 1000; 112 336",
			"1000; 3; 1000; ''", "7; 2; 30; 7 14 28" })
	void aTrialIsJudgedAtTheRungsBelowTheBudget(long min, int eta, long budget, String expected) {
		List<Long> want = expected.isEmpty() ? List.of()
				: List.of(expected.split(" ")).stream().map(Long::valueOf).toList();
		assertThat(AsynchronousSuccessiveHalving.judgedRungs(min, eta, budget)).containsExactlyElementsOf(want);
	}

	@Test
	void etaBelowTwoIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> AsynchronousSuccessiveHalving.promotes(1, new double[] { 1 }, 1));
	}

}
