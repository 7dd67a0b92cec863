package dev.lrtune.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A job as the API shows it.
 *
 * @param request the request with every default resolved (including the seed)
 * @param result how the run ended; {@code null} until it did
 * @param error why it failed; {@code null} unless {@code status} is {@code failed}
 * @param attempt how many times a worker started it (more than 1 after a worker died and another took over)
 * @param worker the worker that runs or ran it: {@code <lrtune.instance-id>/<thread>}, thread 0…threads−1
 * @param studyId the study this job is a trial (or the range test) of; {@code null} for a job submitted on its own
 * @param lrPlan a client-run job's rate for every iteration, when known in advance and short enough; {@code null}
 *     otherwise
 */
@Schema(description = "A training, range-test or learning-rate search job.")
public record Job(@Schema(description = "The job's id", example = "1") long id,
		@Schema(description = "The job's type", allowableValues = { "range_test", "training", "lr_search" }) String type,
		@Schema(description = "Where the job is: queued → running → succeeded, failed, cancelled or diverged",
				allowableValues = { "queued", "running", "succeeded", "failed", "cancelled", "diverged" }) String status,
		@Schema(description = "When it was queued") Instant createdAt,
		@Schema(description = "When a worker started its current attempt; null while queued") Instant startedAt,
		@Schema(description = "When it finished; null until then") Instant finishedAt,
		@Schema(description = "Iterations done of the total, and the estimated time left") Progress progress,
		@Schema(description = "The request with every default resolved, the seed included: post it again to reproduce the job")
		JobRequest request,
		@Schema(description = "How the run ended; null until it did") JobResult result,
		@Schema(description = "Why it failed; null unless failed") String error,
		@Schema(description = "How many times a worker started it") int attempt,
		@Schema(description = "The worker that runs or ran it; null while queued") String worker,
		@Schema(description = "The study this job is a trial or the range test of; null for a job submitted on its own",
				types = { "integer", "null" }, format = "int64") Long studyId,
		@Schema(description = "Who runs it: server (lrtune's workers) or client (the client posts its points)",
				allowableValues = { "server", "client" }) String runner,
		@Schema(description = "Its name; null when none was given", types = { "string", "null" }) String name,
		@Schema(description = "Its tags (string to string); empty when none were given") Map<String, String> tags,
		@Schema(description = "The free-form params it was given; null when none were", types = { "object", "null" })
		Map<String, Object> params,
		// @Schema rather than @ArraySchema: springdoc drops the types of an @ArraySchema's arraySchema, and the
		// document would not admit the null most jobs answer
		@Schema(description = "A client-run job: the rate of every iteration when it is known in "
				+ "advance (a range test's ramp, a schedule without plateau) and at most 100,000 long. Null otherwise, "
				+ "and in the lists of GET /jobs (read the job itself)", types = { "array", "null" }) List<Double> lrPlan) {

	/** A server job without name, tags, params or plan. */
	public Job(long id, String type, String status, Instant createdAt, Instant startedAt, Instant finishedAt,
			Progress progress, JobRequest request, JobResult result, String error, int attempt, String worker,
			Long studyId) {
		this(id, type, status, createdAt, startedAt, finishedAt, progress, request, result, error, attempt, worker,
				studyId, "server", null, Map.of(), null, null);
	}

	/** This job without its plan (as lists show it). */
	/** {@link #status()} as a {@link JobStatus}, for code that decides by it (the JSON keeps the name). */
	public JobStatus state() {
		return JobStatus.of(status);
	}

	Job withoutPlan() {
		return lrPlan == null ? this : new Job(id, type, status, createdAt, startedAt, finishedAt, progress, request,
				result, error, attempt, worker, studyId, runner, name, tags, params, null);
	}

	/**
	 * @param iteration iterations done
	 * @param etaSeconds estimated seconds left, from the rate so far; {@code null} unless running with progress
	 */
	@Schema(description = "How far a job has got, as of its last curve flush (about every second while it runs).")
	public record Progress(@Schema(description = "Iterations done (a range test counts every repeat's iterations)") long iteration,
			@Schema(description = "Iterations the job will run: training iterations; range-test iterations × repeats; for an lr_search, those "
					+ "and the most the race can train (once it succeeded, what it trained)") long totalIterations,
			@Schema(description = "iteration / totalIterations, in [0, 1]") double fraction,
			@Schema(description = "Estimated seconds left, from the rate so far; null unless running with progress",
					types = { "number", "null" }) Double etaSeconds) {
	}

}
