package dev.lrtune.job;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A job as the API shows it.
 *
 * @param request the request with every default resolved (including the seed)
 * @param result how the run ended; {@code null} until it did
 * @param error why it failed; {@code null} unless {@code status} is {@code failed}
 * @param attempt how many times a worker started it (more than 1 after a worker died and another took over)
 * @param worker the worker that runs or ran it: {@code <lrtune.instance-id>/<thread>}, thread 0…threads−1
 */
@Schema(description = "A training or range-test job.")
record Job(long id, String type,
		@Schema(allowableValues = { "queued", "running", "succeeded", "failed", "cancelled", "diverged" }) String status,
		Instant createdAt, Instant startedAt, Instant finishedAt, Progress progress, JobRequest request, JobResult result,
		String error, int attempt, String worker) {

	/**
	 * @param iteration iterations done
	 * @param etaSeconds estimated seconds left, from the rate so far; {@code null} unless running with progress
	 */
	record Progress(long iteration, long totalIterations, double fraction, Double etaSeconds) {
	}

}
