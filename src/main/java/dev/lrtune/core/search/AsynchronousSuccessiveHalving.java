package dev.lrtune.core.search;

import java.util.Arrays;
import java.util.List;

/**
 * Asynchronous successive halving (Li et al. 2018, "A System for Massively Parallel Hyperparameter Tuning"), decided
 * as Optuna's {@code SuccessiveHalvingPruner} decides it: a trial that reaches a rung is compared at once with every
 * trial that has reached that rung so far (itself included), without waiting for the rung to fill, and goes on when it
 * ranks in the best {@code 1/eta} of them. Lower values are better. Plain arithmetic, no state.
 */
public final class AsynchronousSuccessiveHalving {

	private AsynchronousSuccessiveHalving() {
	}

	/**
	 * The iterations at which a trial of the whole budget is judged: {@code minIterations·eta^k} below the budget (the
	 * rungs of {@link SuccessiveHalving#rungs} but the last, which is the budget itself).
	 */
	public static List<Long> judgedRungs(long minIterations, int eta, long budget) {
		List<Long> rungs = SuccessiveHalving.rungs(minIterations, eta, budget);
		return rungs.subList(0, rungs.size() - 1);
	}

	/**
	 * Whether a trial with {@code value} at a rung goes on. With the {@code n} values of the rung so far sorted
	 * ascending, it does when {@code value ≤ sorted[max(0, ⌊n/eta⌋ − 1)]}: the first {@code eta − 1} trials at a rung
	 * go on only when they are the best so far. A value that is not finite never goes on (and ranks below every finite
	 * value for the others).
	 *
	 * @param value the trial's value at the rung
	 * @param rung the values of every trial that has reached the rung, this trial's included
	 */
	public static boolean promotes(double value, double[] rung, int eta) {
		if (eta < 2) {
			throw new IllegalArgumentException("eta must be at least 2, got " + eta);
		}
		if (!Double.isFinite(value)) {
			return false;
		}
		double[] sorted = Arrays.stream(rung).map(v -> Double.isFinite(v) ? v : Double.POSITIVE_INFINITY).sorted()
			.toArray();
		int index = Math.max(0, sorted.length / eta - 1);
		return value <= sorted[index];
	}

}
