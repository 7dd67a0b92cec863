package dev.lrtune.study;

import java.util.List;

import dev.lrtune.job.Job;
import dev.lrtune.schedule.ScheduleSpec;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A trial handed to a client by {@code POST /studies/{id}/ask}: a client-run training job to train with
 * {@code schedule} for {@code iterations}, posting its points to {@code /jobs/{jobId}/points}.
 *
 * @param rungs the iterations at which the trial is judged (each time a validation loss is posted once that many
 *     iterations are trained), below the budget
 */
@Schema(description = "A trial to train: a client-run training job (post its points to /api/v1/jobs/{jobId}/points, "
		+ "then finish it) with its schedule, length and the rungs at which it may be pruned.")
record StudyTrial(@Schema(description = "The trial's job", example = "42") long jobId,
		@Schema(description = "The study", example = "7") long studyId,
		@Schema(description = "The candidate schedule's number in the study, from 0") int candidate,
		@Schema(description = "Always client: the client trains it", allowableValues = { "client" }) String runner,
		@Schema(description = "The schedule to train with, counted in iterations") ScheduleSpec schedule,
		@Schema(description = "Iterations to train: the study's budget") long iterations,
		@Schema(description = "The iterations at which the trial is judged: a validation loss posted once that many "
				+ "iterations are trained (at iteration rung − 1 or later) may get the answer stop, reason pruned")
		List<Long> rungs,
		@Schema(description = "The job itself, running, with its rate plan") Job job) {
}
