package dev.lrtune.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TrialOutcomeTests {

	@Test
	void furtherRungsFirstThenLowerValidationLossThenStillRunningAndDivergedOrFailedLastOfAll() {
		List<TrialOutcome> expected = List.of(new TrialOutcome(4, 2, "succeeded", 0.9, 900),
				new TrialOutcome(1, 1, "succeeded", 0.5, 300), // lower loss than the winner, but pruned a rung earlier
				new TrialOutcome(6, 1, "succeeded", 0.7, 300), new TrialOutcome(0, 1, "running", null, 120),
				new TrialOutcome(2, 0, "succeeded", 0.8, 100), new TrialOutcome(3, 0, "succeeded", 0.8, 100), // tie: by candidate
				new TrialOutcome(7, 1, "diverged", 1e30, 40), new TrialOutcome(5, 0, "failed", null, 10),
				new TrialOutcome(8, 0, "cancelled", null, 3));
		for (long seed = 0; seed < 20; seed++) {
			List<TrialOutcome> shuffled = new ArrayList<>(expected);
			Collections.shuffle(shuffled, new Random(seed));
			shuffled.sort(TrialOutcome.BEST_FIRST);
			assertThat(shuffled).containsExactlyElementsOf(expected);
		}
	}

	@Test
	void onlyASucceededJobWithAFiniteValidationLossIsRanked() {
		assertThat(new TrialOutcome(0, 0, "succeeded", 0.1, 1).ranked()).isTrue();
		assertThat(new TrialOutcome(0, 0, "succeeded", null, 1).ranked()).isFalse();
		assertThat(new TrialOutcome(0, 0, "succeeded", Double.NaN, 1).ranked()).isFalse();
		assertThat(new TrialOutcome(0, 0, "diverged", 0.1, 1).ranked()).isFalse();
		assertThat(new TrialOutcome(0, 0, "running", null, 1).unusable()).isFalse();
		assertThat(new TrialOutcome(0, 0, "queued", null, 0).finished()).isFalse();
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
