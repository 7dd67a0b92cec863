package dev.lrtune.study;

import java.util.Comparator;

/**
 * How a trial's job at one rung ended (or stands).
 *
 * @param status the job's status
 * @param validationLoss its last validation loss, {@code null} when not measured or not finite
 * @param reached iterations it ran
 */
record TrialOutcome(int candidate, int rung, String status, Double validationLoss, long reached) {

	/** Best first: further rungs, then finished with a lower validation loss, then still running; diverged or
	 * failed last of all; ties by candidate number, so the order is the same on every run. */
	static final Comparator<TrialOutcome> BEST_FIRST = Comparator.comparing(TrialOutcome::unusable)
		.thenComparing(Comparator.comparingInt(TrialOutcome::rung).reversed())
		.thenComparing(TrialOutcome::finished, Comparator.reverseOrder())
		.thenComparingDouble(outcome -> outcome.ranked() ? outcome.validationLoss : 0)
		.thenComparingInt(TrialOutcome::candidate);

	/** Finished and ranked by a validation loss. */
	boolean ranked() {
		return "succeeded".equals(status) && validationLoss != null && Double.isFinite(validationLoss);
	}

	boolean finished() {
		return finished(status);
	}

	/** Whether a job with that status has ended. */
	static boolean finished(String status) {
		return !"queued".equals(status) && !"running".equals(status);
	}

	/** Finished without a validation loss to rank by: diverged, failed, cancelled. */
	boolean unusable() {
		return finished() && !ranked();
	}

}
