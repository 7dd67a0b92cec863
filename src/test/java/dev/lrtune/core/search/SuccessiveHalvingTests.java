package dev.lrtune.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rungs and survivors against tables worked out by hand from Jamieson and Talwalkar's successive halving: rung k
 * trains min·eta^k iterations, capped by the budget, and keeps ⌊n/eta⌋ (at least one) of its n trials.
 */
class SuccessiveHalvingTests {

	@ParameterizedTest(name = "min {0}, eta {1}, budget {2} → {3}")
	@CsvSource(delimiter = ';', value = {
			"500; 2; 2000; 500 1000 2000",
			"100; 3; 900; 100 300 900",
			"112; 3; 1000; 112 336 1000", // 336·3 = 1008 passes the budget: the last rung is the budget itself
			"1000; 3; 1000; 1000",
			"1; 10; 1000; 1 10 100 1000",
			"7; 2; 30; 7 14 28 30",
			"4611686018427387904; 3; 9223372036854775807; 4611686018427387904 9223372036854775807" })
	void rungsGrowByEtaUntilTheBudget(long min, int eta, long budget, String expected) {
		List<Long> rungs = SuccessiveHalving.rungs(min, eta, budget);
		assertThat(rungs).containsExactlyElementsOf(List.of(expected.split(" ")).stream().map(Long::valueOf).toList());
	}

	@ParameterizedTest(name = "budget {0}, {1} candidates, eta {2} → {3}")
	@CsvSource({
			"2700, 8, 3, 300", // ⌈log₃ 8⌉ = 2: 2700 / 9
			"1000, 8, 3, 112", // ⌈1000 / 9⌉
			"900, 9, 3, 100", // log₃ 9 = 2 exactly
			"900, 10, 3, 34", // ⌈log₃ 10⌉ = 3: ⌈900 / 27⌉
			"100, 4, 2, 25", "100, 1, 3, 100", // one candidate: no halving, the whole budget
			"5, 100, 3, 1" // never below one iteration
	})
	void theDefaultFirstRungLeavesOneTrialForTheLast(long budget, int candidates, int eta, long expected) {
		assertThat(SuccessiveHalving.defaultMinIterations(budget, candidates, eta)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} entrants, eta {1} → {2}")
	@CsvSource({ "8, 3, 2", "9, 3, 3", "2, 3, 1", "1, 2, 1", "4, 2, 2", "32, 2, 16" })
	void aRungKeepsTheBestOneInEtaAndAtLeastOne(int entrants, int eta, int expected) {
		assertThat(SuccessiveHalving.survivors(entrants, eta)).isEqualTo(expected);
	}

}
