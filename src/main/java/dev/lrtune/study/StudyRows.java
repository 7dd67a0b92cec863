package dev.lrtune.study;

import java.time.Instant;

/** Rows of the study tables, as stored (JSON as text). */
final class StudyRows {

	private StudyRows() {
	}

	/** A row of {@code studies}. */
	record StudyRow(long id, StudyStatus status, String request, Objective objective, Long rangeTestJobId,
			String recommendation, int rung,
			Instant createdAt, Instant finishedAt, String error) {
	}

	/** A row of {@code study_runs}: {@code outcome} is null until the rung was closed. */
	record RunRow(int candidate, int rung, long jobId, long iterations, String schedule, String outcome,
			Double validationLoss, Double bestValidationLoss, Long bestIteration, Long reached) {
	}

}
