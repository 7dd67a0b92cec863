package dev.lrtune.study;

import java.time.Instant;
import java.util.List;

import dev.lrtune.schedule.ScheduleSpec;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A study as the API shows it.
 *
 * @param rung the rung being trained (0 first), or the last one reached; {@code -1} while the learning-rate search runs
 * @param rungs the iterations of each rung, the last one the budget
 * @param trials one per candidate, ranked best first
 * @param best the top-ranked trial, which trained the whole budget, once the study succeeded; {@code null} until
 *     then (the ranked trials show the standing while it runs)
 */
@Schema(description = "A study: its status, learning-rate search, trials ranked best first and the best schedule.")
record Study(@Schema(description = "The study's id", example = "1") long id,
		@Schema(description = "running until the last rung is complete; then succeeded, or failed when no trial "
				+ "could be ranked; cancelled on request", allowableValues = { "running", "succeeded", "failed",
						"cancelled" }) String status,
		@Schema(description = "When it was submitted") Instant createdAt,
		@Schema(description = "When it ended; null until then") Instant finishedAt,
		@Schema(description = "The request with every default resolved, the seed included") StudyRequest request,
		@Schema(description = "What trials are ranked by: best (the lowest validation loss a trial reached) or last "
				+ "(its validation loss at the end of its run)", allowableValues = { "best", "last" }) String objective,
		@Schema(description = "Who trains the trials: server (lrtune's workers, rung by rung) or client (clients ask for "
				+ "trials and post their points; pruned at the rungs as they reach them)",
				allowableValues = { "server", "client" }) String runner,
		@Schema(description = "The lr_search job (a range test, then a race of constant rates) run first to size the "
				+ "candidates; null when candidates were given",
				types = { "integer", "null" }, format = "int64") Long rangeTestJobId,
		@Schema(description = "The rung being trained, from 0 (or the last reached); -1 while the learning-rate search runs")
		int rung,
		@Schema(description = "Iterations of each rung; the last is the budget") List<Long> rungs,
		@Schema(description = "One per candidate, ranked best first") List<Trial> trials,
		@Schema(description = "The winner once the study succeeded (it trained the whole budget); null until then, "
				+ "while the ranked trials show the standing") Best best,
		@Schema(description = "Why it failed; null unless failed") String error) {

	/**
	 * One candidate schedule and how far it got.
	 *
	 * @param jobId the job of the furthest rung it entered (the curve endpoints show its training)
	 * @param iterations iterations that job has run
	 * @param validationLoss that job's last validation loss; {@code null} until measured or when not finite
	 * @param bestValidationLoss the lowest validation loss that job measured; {@code null} until measured
	 * @param bestValidationIteration the iteration (from 0) at whose end it was measured
	 * @param pruned whether successive halving stopped it before the study's current (or last) rung
	 * @param diverged whether its loss stopped being finite (such trials rank last)
	 * @param rank 1 for the best; trials further along rank above those pruned earlier
	 * @param judgements a client-run trial's value at each rung it reached and the decision; empty for a server study
	 * @param note {@code null}, or where its furthest run came from when the study did not train it: the constant
	 *     candidate's whole run is the learning-rate search's own run at that rate
	 */
	@Schema(description = "A candidate schedule and the furthest it got.")
	record Trial(@Schema(description = "The candidate's number, in the order given or generated, from 0") int candidate,
			@Schema(description = "Its place, 1 the best: further rungs first, then lower validation loss by the "
					+ "study's objective; diverged and failed last") int rank,
			@Schema(description = "The schedule, sized for the study's budget") ScheduleSpec schedule,
			@Schema(description = "The job of the furthest rung it entered") long jobId,
			@Schema(description = "That job's status", allowableValues = { "queued", "running", "succeeded", "failed",
					"cancelled", "diverged" }) String status,
			@Schema(description = "The furthest rung it entered, from 0") int rung,
			@Schema(description = "Iterations that job has run") long iterations,
			@Schema(description = "That job's last validation loss; null until measured or if not finite",
					types = { "number", "null" }) Double validationLoss,
			@Schema(description = "The lowest validation loss that job measured (what the objective best ranks by); "
					+ "null until measured", types = { "number", "null" }) Double bestValidationLoss,
			@Schema(description = "The iteration, from 0, at whose end bestValidationLoss was measured",
					types = { "integer", "null" }, format = "int64") Long bestValidationIteration,
			@Schema(description = "Stopped by successive halving before the study's current or last rung") boolean pruned,
			@Schema(description = "Its loss stopped being finite; ranked last") boolean diverged,
			@Schema(description = "Its job at every rung it entered") List<Run> runs,
			@Schema(description = "A client-run study: the trial's value at each rung it reached and whether it went "
					+ "on; empty for a server study") List<Judgement> judgements,
			@Schema(description = "Null, or where its furthest run came from when the study did not train it: the "
					+ "constant candidate's whole run is the learning-rate search's own run at the searched rate "
					+ "(jobId is the search's job)", types = { "string", "null" }) String note) {
	}

	/**
	 * A client-run trial judged at a rung by asynchronous successive halving, among the values of the trials that had
	 * reached that rung before it (the first {@code ordinal − 1}) and its own.
	 *
	 * @param value what was ranked (by the study's objective, up to that point); {@code null} when not finite
	 */
	@Schema(description = "A client-run trial judged at a rung: among the first `ordinal` values of that rung, it went "
			+ "on when it ranked in the best 1/eta.")
	record Judgement(@Schema(description = "The rung, from 0") int rung,
			@Schema(description = "The rung's iterations: judged at the first validation loss measured once that many "
					+ "iterations were trained") long rungIterations,
			@Schema(description = "The iteration, from 0, of the validation loss judged", format = "int64") long iteration,
			@Schema(description = "The value ranked: the validation loss by the study's objective (best: the lowest so "
					+ "far; last: that one); null when not finite", types = { "number", "null" }) Double value,
			@Schema(description = "Its place among the rung's judgements, from 1") int ordinal,
			@Schema(description = "Whether it went on (false: pruned there)") boolean promoted) {
	}

	/**
	 * A trial's job at one rung.
	 *
	 * @param source {@code trial}: a job of its own; {@code search}: the learning-rate search's whole run at the
	 *     searched rate (the job is the search), taken as the constant candidate's run at the last rung
	 */
	@Schema(description = "A trial's job at one rung.")
	record Run(@Schema(description = "The rung, from 0") int rung, @Schema(description = "The job") long jobId,
			@Schema(description = "trial: a training job of its own; search: the lr_search job's whole run at the "
					+ "searched rate (same seed, split, budget and measurements), the constant candidate's run at the "
					+ "last rung", allowableValues = { "trial", "search" }) String source,
			@Schema(description = "Iterations this rung trains") long iterations,
			@Schema(description = "The schedule this job trained: a generated candidate sized for the rung, a given "
					+ "one as given") ScheduleSpec schedule,
			@Schema(description = "The job's status") String status,
			@Schema(description = "Its last validation loss; null until measured or if not finite",
					types = { "number", "null" }) Double validationLoss,
			@Schema(description = "Its lowest validation loss; null until measured", types = { "number", "null" })
			Double bestValidationLoss,
			@Schema(description = "The iteration, from 0, at whose end bestValidationLoss was measured",
					types = { "integer", "null" }, format = "int64") Long bestValidationIteration) {
	}

	/**
	 * @param schedule ready to paste into a training job's {@code training.schedule}; with the study's seed and
	 *     {@code iterations} it reproduces the trial's curve
	 * @param note as the trial's: {@code null}, or that the run is the learning-rate search's
	 */
	@Schema(description = "The winning trial, and the schedule to train with.")
	record Best(@Schema(description = "The trial's job") long jobId,
			@Schema(description = "Ready to paste into training.schedule; with the study's seed and these iterations "
					+ "it reproduces the job's curve") ScheduleSpec schedule,
			@Schema(description = "Iterations the job ran") long iterations,
			@Schema(description = "Its last validation loss") double validationLoss,
			@Schema(description = "The lowest validation loss it measured; null for a job run before it was recorded",
					types = { "number", "null" }) Double bestValidationLoss,
			@Schema(description = "The iteration, from 0, at whose end bestValidationLoss was measured: with the "
					+ "objective best, training this schedule and stopping there (or keeping that checkpoint) gives "
					+ "bestValidationLoss", types = { "integer", "null" }, format = "int64") Long bestValidationIteration,
			@Schema(description = "Null, or that the run is the learning-rate search's own at the searched rate (jobId "
					+ "is the search's job; its trials list says where the run lies in the job's curve)",
					types = { "string", "null" }) String note) {
	}

}
