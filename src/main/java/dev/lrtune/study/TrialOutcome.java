package dev.lrtune.study;

import java.util.Comparator;

import dev.lrtune.job.JobStatus;

/**
 * How a trial's job at one rung ended (or stands).
 *
 * @param status the job's status
 * @param validationLoss its last validation loss, {@code null} when not measured or not finite
 * @param bestValidationLoss the lowest validation loss it measured, {@code null} when none was
 * @param bestIteration the iteration (from 0) at whose end that lowest loss was measured
 * @param reached iterations it ran
 */
record TrialOutcome(int candidate, int rung, JobStatus status, Double validationLoss, Double bestValidationLoss,
		Long bestIteration, long reached) {

	/**
	 * Best first: further rungs, then finished with a lower loss by the objective, then still running; diverged or
	 * failed last of all; ties by candidate number, so the order is the same on every run.
	 */
	static Comparator<TrialOutcome> bestFirst(Objective objective) {
		return Comparator.comparing((TrialOutcome outcome) -> outcome.unusable(objective))
			.thenComparing(Comparator.comparingInt(TrialOutcome::rung).reversed())
			.thenComparing(TrialOutcome::finished, Comparator.reverseOrder())
			.thenComparingDouble(outcome -> outcome.ranked(objective) ? objective.loss(outcome) : 0)
			.thenComparingInt(TrialOutcome::candidate);
	}

	/** This outcome at another rung: a client-run trial's one job has entered as many rungs as it went on from. */
	TrialOutcome atRung(int entered) {
		return new TrialOutcome(candidate, entered, status, validationLoss, bestValidationLoss, bestIteration, reached);
	}

	/** Finished and ranked by the objective's validation loss. */
	boolean ranked(Objective objective) {
		Double loss = objective.loss(this);
		return status == JobStatus.SUCCEEDED && loss != null && Double.isFinite(loss);
	}

	boolean finished() {
		return status.isTerminal();
	}

	/** Finished without a validation loss to rank by: diverged, failed, cancelled. */
	boolean unusable(Objective objective) {
		return finished() && !ranked(objective);
	}

}
