package dev.lrtune.study;

import java.time.Instant;

/** Rows of the study tables, as stored (JSON as text). */
final class StudyRows {

	private StudyRows() {
	}

	/** A row of {@code studies}; {@code runner} is {@code server} or {@code client}. */
	record StudyRow(long id, StudyStatus status, String request, Objective objective, Long rangeTestJobId,
			String recommendation, int rung,
			Instant createdAt, Instant finishedAt, String error, String runner) {

		boolean clientRun() {
			return StudyRequest.CLIENT.equals(runner);
		}

	}

	/**
	 * A row of {@code study_rungs}: a client-run trial judged at a rung, the {@code ordinal}-th there.
	 *
	 * @param iteration the validation point judged
	 * @param value what was ranked; {@code null} when not finite
	 */
	record RungRow(int rung, int candidate, int ordinal, long iteration, Double value, boolean promoted,
			Instant judgedAt) {
	}

	/** A row of {@code study_runs}: {@code outcome} is null until the rung was closed. */
	record RunRow(int candidate, int rung, long jobId, long iterations, String schedule, String outcome,
			Double validationLoss, Double bestValidationLoss, Long bestIteration, Long reached) {
	}

}
