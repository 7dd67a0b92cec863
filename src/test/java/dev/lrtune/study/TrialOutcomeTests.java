package dev.lrtune.study;

import dev.lrtune.core.search.SuccessiveHalving;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.lrtune.core.search.SuccessiveHalving;
import dev.lrtune.job.JobStatus;

class TrialOutcomeTests {

	@Test
	void furtherRungsFirstThenLowerValidationLossThenStillRunningAndDivergedOrFailedLastOfAll() {
		List<TrialOutcome> expected = List.of(outcome(4, 2, "succeeded", 0.9, 900),
				outcome(1, 1, "succeeded", 0.5, 300), // lower loss than the winner, but pruned a rung earlier
				outcome(6, 1, "succeeded", 0.7, 300), outcome(0, 1, "running", null, 120),
				outcome(2, 0, "succeeded", 0.8, 100), outcome(3, 0, "succeeded", 0.8, 100), // tie: by candidate
				outcome(7, 1, "diverged", 1e30, 40), outcome(5, 0, "failed", null, 10),
				outcome(8, 0, "cancelled", null, 3));
		for (Objective objective : Objective.values()) {
			for (long seed = 0; seed < 20; seed++) {
				List<TrialOutcome> shuffled = new ArrayList<>(expected);
				Collections.shuffle(shuffled, new Random(seed));
				shuffled.sort(TrialOutcome.bestFirst(objective));
				assertThat(shuffled).containsExactlyElementsOf(expected);
			}
		}
	}

	/**
	 * Three trials of the last rung, 900 iterations, measured every 100. By hand:
	 * <pre>
	 * candidate  last   lowest (at iteration)   rank by last   rank by best
	 *     0      0.40   0.30   (199)                 2              1
	 *     1      0.35   0.34   (399)                 1              3
	 *     2      0.50   0.32   ( 99)                 3              2
	 * </pre>
	 * Candidate 0 was better than 1 for most of its run and degraded at the end; candidate 2 started best and
	 * degraded most.
	 */
	@Test
	void theObjectiveBestRanksByTheLowestLossReachedAndLastByTheFinalOne() {
		TrialOutcome degraded = new TrialOutcome(0, 2, JobStatus.SUCCEEDED, 0.40, 0.30, 199L, 900);
		TrialOutcome steady = new TrialOutcome(1, 2, JobStatus.SUCCEEDED, 0.35, 0.34, 399L, 900);
		TrialOutcome early = new TrialOutcome(2, 2, JobStatus.SUCCEEDED, 0.50, 0.32, 99L, 900);
		List<TrialOutcome> trials = new ArrayList<>(List.of(early, steady, degraded));

		trials.sort(TrialOutcome.bestFirst(Objective.LAST));
		assertThat(trials).containsExactly(steady, degraded, early);
		trials.sort(TrialOutcome.bestFirst(Objective.BEST));
		assertThat(trials).containsExactly(degraded, early, steady);

		// a rung of these three with eta 3 keeps one: the objective decides which
		assertThat(SuccessiveHalving.survivors(3, 3)).isEqualTo(1);
		assertThat(trials.get(0).candidate()).isEqualTo(0);
		trials.sort(TrialOutcome.bestFirst(Objective.LAST));
		assertThat(trials.get(0).candidate()).isEqualTo(1);
	}

	@Test
	void aTrialWithoutALowestLossIsNotRankedByBestButIsByLast() {
		// a job from before the lowest loss was recorded
		TrialOutcome old = new TrialOutcome(0, 0, JobStatus.SUCCEEDED, 0.2, null, null, 100);
		assertThat(old.ranked(Objective.LAST)).isTrue();
		assertThat(old.ranked(Objective.BEST)).isFalse();
		assertThat(old.unusable(Objective.BEST)).isTrue();
	}

	@Test
	void onlyASucceededJobWithAFiniteValidationLossIsRanked() {
		for (Objective objective : Objective.values()) {
			assertThat(outcome(0, 0, "succeeded", 0.1, 1).ranked(objective)).isTrue();
			assertThat(outcome(0, 0, "succeeded", null, 1).ranked(objective)).isFalse();
			assertThat(outcome(0, 0, "succeeded", Double.NaN, 1).ranked(objective)).isFalse();
			assertThat(outcome(0, 0, "diverged", 0.1, 1).ranked(objective)).isFalse();
			assertThat(outcome(0, 0, "running", null, 1).unusable(objective)).isFalse();
		}
		assertThat(outcome(0, 0, "queued", null, 0).finished()).isFalse();
	}

	@Test
	void anAbsentObjectiveIsBest() {
		assertThat(Objective.of(null)).isEqualTo(Objective.BEST);
		assertThat(Objective.of("last")).isEqualTo(Objective.LAST);
		assertThat(Objective.LAST.jsonName()).isEqualTo("last");
	}

	/** An outcome whose lowest validation loss is its last (measured once, at the end). */
	private static TrialOutcome outcome(int candidate, int rung, String status, Double loss, long reached) {
		return new TrialOutcome(candidate, rung, JobStatus.of(status), loss, loss, loss == null ? null : reached - 1, reached);
	}

	@Test
	void aJobFieldIsNamedAsTheStudySpellsIt() {
		assertThat(TrialJobs.studyField("training.schedule.maxLr", 2)).isEqualTo("candidates[2].maxLr");
		assertThat(TrialJobs.studyField("training.schedule", 0)).isEqualTo("candidates[0]");
		assertThat(TrialJobs.studyField("training.iterations", 1)).isEqualTo("iterations");
		assertThat(TrialJobs.studyField("training.evaluateEvery", 1)).isEqualTo("evaluateEvery");
		assertThat(TrialJobs.studyField("training.schedules", 1)).isEqualTo("training.schedules");
		assertThat(TrialJobs.studyField("model.hidden", 1)).isEqualTo("model.hidden");
		assertThat(TrialJobs.studyField("rangeTest.repeats", null)).isEqualTo("rangeTest.repeats");
	}

}
