package dev.lrtune.job.store;

import java.time.Instant;

import dev.lrtune.job.queue.Lease;
import dev.lrtune.job.JobType;
import dev.lrtune.job.JobStatus;

/**
 * A row of {@code jobs}, as stored ({@code request}, {@code result}, {@code tags} and {@code params} are JSON).
 *
 * @param stopReason a client-run job's sticky stop decision ({@code diverged}, {@code complete}, {@code pruned}); {@code null} until
 *     a post made one, and always for a server job
 */
public record JobRow(long id, JobType type, JobStatus status, String request, String dataset, long totalIterations,
		long iteration, int attempt, String worker, Instant leaseUntil, boolean cancelRequested, Instant createdAt,
		Instant startedAt, Instant progressAt, Instant finishedAt, String result, String error, Long studyId,
		Runner runner, String name, String tags, String params, String stopReason) {

	public Lease lease() {
		return new Lease(id, worker, attempt);
	}

}
