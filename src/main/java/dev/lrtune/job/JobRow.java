package dev.lrtune.job;

import java.time.Instant;

/** A row of {@code jobs}, as stored ({@code request} and {@code result} are JSON). */
record JobRow(long id, JobType type, JobStatus status, String request, String dataset, long totalIterations,
		long iteration, int attempt, String worker, Instant leaseUntil, boolean cancelRequested, Instant createdAt,
		Instant startedAt, Instant progressAt, Instant finishedAt, String result, String error, Long studyId) {

	Lease lease() {
		return new Lease(id, worker, attempt);
	}

}
