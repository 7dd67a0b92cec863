package dev.lrtune.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.core.rangetest.Recommendation.CyclicBounds;
import dev.lrtune.job.JobStatus;
import dev.lrtune.job.SearchSummary;
import dev.lrtune.job.SearchSummary.SearchTrial;
import dev.lrtune.schedule.PlateauSpec;

/**
 * How a generated study races its candidates: the constant candidate's whole run taken from the learning-rate search,
 * the other seven racing to meet it at the last rung, and the rungs' measurements. Every expected value is worked by
 * hand in the comments.
 */
class GeneratedStudyRungsTests {

	/** A search for a budget of 1,000 that measured 0.01: its rungs' trials, then the climb's whole runs. */
	private static final SearchSummary SEARCH = new SearchSummary(0.01, "search", "constant", "best", List.of(), 0, 100,
			List.of(trial(0.01, 0, 112, 0.52, 0.50, 99L), trial(0.1, 0, 112, null, null, null),
					trial(0.01, 1, 336, 0.41, 0.40, 329L), trial(0.01, 2, 1000, 0.33, 0.30, 799L),
					trial(0.0178, 2, 1000, 0.36, 0.34, 509L), trial(0.00562, 2, 1000, 0.35, 0.35, 999L)));

	@Test
	void theSearchsWholeRunAtItsRateIsTheConstantCandidatesRunAtTheLastRung() {
		// the trial of 0.01 that trained the budget (rung 2), not its shorter ones nor the neighbours' whole runs
		assertThat(StudyCoordinator.searchRun(SEARCH, 1000, 2)).contains(
				new TrialOutcome(StudyCoordinator.CONSTANT, 2, JobStatus.SUCCEEDED, 0.33, 0.30, 799L, 1000));
		// placed at whatever the study's last rung is
		assertThat(StudyCoordinator.searchRun(SEARCH, 1000, 3)).map(TrialOutcome::rung).contains(3);
	}

	@Test
	void withoutAWholeRunAtTheMeasuredRateTheConstantCandidateRaces() {
		// nothing measured (every rate of the last rung diverged)
		SearchSummary none = new SearchSummary(null, "search", "constant", "best", List.of(), 0, 100, SEARCH.trials());
		assertThat(StudyCoordinator.searchRun(none, 1000, 2)).isEmpty();
		// a search for another budget
		assertThat(StudyCoordinator.searchRun(SEARCH, 900, 2)).isEmpty();
		// a search stored before its trials kept their last and lowest losses
		SearchSummary old = new SearchSummary(0.01, "search", "constant", "best", List.of(), 0, 100,
				List.of(new SearchTrial(0.01, 2, 0, 1000, 0.30, 799L, false, null, null, null)));
		assertThat(StudyCoordinator.searchRun(old, 1000, 2)).isEmpty();

		assertThat(StudyCoordinator.racing(8, true)).containsExactly(1, 2, 3, 4, 5, 6, 7);
		assertThat(StudyCoordinator.racing(8, false)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
	}

	/**
	 * A study of 1,000 iterations, eta 3, objective best, with the constant candidate from {@link #SEARCH} (lowest
	 * loss 0.30). By hand:
	 * <pre>
	 * rung 0 (112), 7 race, ⌊7/3⌋ = 2 go on      rung 1 (336), ⌊2/3⌋ → 1 goes on    rung 2 (1,000)
	 * candidate  lowest   rank                     candidate  lowest                 candidate  lowest
	 *   1 step    0.61     5                         6         0.44  → on            0 (search) 0.30
	 *   2 exp     0.58     4                         7         0.47                   6          0.29  → best
	 *   3 linear  0.57     3
	 *   4 plateau 0.70     6
	 *   5 cyclic  diverged 7
	 *   6 cos_r   0.52     1  → on
	 *   7 1cycle  0.55     2  → on
	 * </pre>
	 */
	@Test
	void theOtherSevenRaceToMeetTheSearchsRunAtTheLastRung() {
		int eta = 3;
		List<TrialOutcome> rung0 = new ArrayList<>(List.of(done(1, 0, 0.61, 112), done(2, 0, 0.58, 112),
				done(3, 0, 0.57, 112), done(4, 0, 0.70, 112),
				new TrialOutcome(5, 0, JobStatus.DIVERGED, null, null, null, 40), done(6, 0, 0.52, 112),
				done(7, 0, 0.55, 112)));
		List<Integer> racing = StudyCoordinator.racing(8, true);
		assertThat(rung0).extracting(TrialOutcome::candidate).containsExactlyElementsOf(racing);

		List<Integer> afterRung0 = StudyCoordinator.survivors(rung0, Objective.BEST, eta);
		assertThat(afterRung0).containsExactly(6, 7);
		List<Integer> afterRung1 = StudyCoordinator.survivors(List.of(done(6, 1, 0.44, 336), done(7, 1, 0.47, 336)),
				Objective.BEST, eta);
		assertThat(afterRung1).containsExactly(6);

		TrialOutcome constant = StudyCoordinator.searchRun(SEARCH, 1000, 2).orElseThrow();
		List<TrialOutcome> last = new ArrayList<>(List.of(constant, done(6, 2, 0.29, 1000)));
		last.sort(TrialOutcome.bestFirst(Objective.BEST));
		assertThat(last.get(0).candidate()).isEqualTo(6);
		// had the survivor ended above 0.30, the search's run would have won
		List<TrialOutcome> worse = new ArrayList<>(List.of(done(6, 2, 0.31, 1000), constant));
		worse.sort(TrialOutcome.bestFirst(Objective.BEST));
		assertThat(worse.get(0).candidate()).isEqualTo(StudyCoordinator.CONSTANT);
	}

	@Test
	void aRungShorterThanTheBudgetMeasuresAtLeastAHundredTimes() {
		// evaluateEvery 10 over 1,000: rungs 112, 336, 1,000 measure every ⌈112/100⌉ = 2, ⌈336/100⌉ = 4, then 10
		StudyRequest tenEvery = request(1000, 10);
		assertThat(StudyCoordinator.evaluateEvery(tenEvery, 112)).isEqualTo(2);
		assertThat(StudyCoordinator.evaluateEvery(tenEvery, 336)).isEqualTo(4);
		assertThat(StudyCoordinator.evaluateEvery(tenEvery, 1000)).isEqualTo(10);
		// never less often than the study's own; the budget's rung as asked, even when sparser than 100 times
		assertThat(StudyCoordinator.evaluateEvery(request(1000, 1), 112)).isEqualTo(1);
		assertThat(StudyCoordinator.evaluateEvery(request(1000, 50), 112)).isEqualTo(2);
		assertThat(StudyCoordinator.evaluateEvery(request(1000, 50), 1000)).isEqualTo(50);
		// 0 (only after the last iteration) stays 0; a rung under 100 iterations measures every iteration
		assertThat(StudyCoordinator.evaluateEvery(request(1000, 0), 112)).isZero();
		assertThat(StudyCoordinator.evaluateEvery(request(3000, 30), 12)).isEqualTo(1);
	}

	@Test
	void thePlateauCandidatesPatienceCountsTheRungsOwnMeasurements() {
		Recommendation finder = new Recommendation(0.1, Recommendation.MINIMUM, null, List.of(), 0.2, 1.0,
				new CyclicBounds(0.05, 0.2), null, null);
		StudyRequest tenEvery = request(1000, 10);
		// rung 112 measured every 2: 56 measurements, patience a tenth, 5 (= 10 iterations)
		assertThat(((PlateauSpec) StudyCoordinator.generated(finder, tenEvery, 112).get(4)).patience()).isEqualTo(5);
		// the budget measured every 10: 100 measurements, patience 10 (= 100 iterations)
		assertThat(((PlateauSpec) StudyCoordinator.generated(finder, tenEvery, 1000).get(4)).patience()).isEqualTo(10);
	}

	private static StudyRequest request(long iterations, int evaluateEvery) {
		return new StudyRequest(null, null, null, 32, 1L, 0.2, true, iterations, evaluateEvery, null,
				new StrategyRequest(null, null, null).resolved(8, iterations), "best", null, null, null, null, null);
	}

	private static TrialOutcome done(int candidate, int rung, double lowest, long iterations) {
		return new TrialOutcome(candidate, rung, JobStatus.SUCCEEDED, lowest + 0.01, lowest, iterations - 1, iterations);
	}

	private static SearchTrial trial(double lr, int rung, long iterations, Double last, Double best, Long at) {
		return new SearchTrial(lr, rung, 0, iterations, best, at, best == null, last, best, at);
	}

}
