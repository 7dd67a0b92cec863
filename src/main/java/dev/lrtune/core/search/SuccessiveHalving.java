package dev.lrtune.core.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Successive halving (Jamieson and Talwalkar 2016; the inner loop of Hyperband, Li et al. 2017): every candidate
 * trains {@code minIterations}; the best {@code 1/eta} go on to {@code eta} times as many, until the budget.
 * Plain arithmetic, no state: the one implementation that studies and {@link LrSearch} share.
 */
public final class SuccessiveHalving {

	private SuccessiveHalving() {
	}

	/**
	 * The iterations of each rung: {@code minIterations·eta^k} while below the budget, then the budget itself
	 * (the last rung always trains the full budget, so the winner's job is the run to reproduce).
	 */
	public static List<Long> rungs(long minIterations, int eta, long budget) {
		List<Long> rungs = new ArrayList<>();
		long length = minIterations;
		while (length < budget) {
			rungs.add(length);
			length = length > budget / eta ? budget : length * eta;
		}
		rungs.add(budget);
		return List.copyOf(rungs);
	}

	/**
	 * The default first rung: enough rungs that halving {@code candidates} by {@code eta} each time leaves one
	 * for the last, that is {@code ⌈budget / eta^⌈log_eta(candidates)⌉⌉} (at least 1).
	 */
	public static long defaultMinIterations(long budget, int candidates, int eta) {
		long divisor = 1;
		for (long n = 1; n < candidates && divisor <= budget; n *= eta) {
			divisor *= eta;
		}
		return Math.max(1, (budget + divisor - 1) / divisor);
	}

	/** How many of a rung's entrants go on to the next: the best ⌊n/eta⌋, at least one. */
	public static int survivors(int entrants, int eta) {
		return Math.max(1, entrants / eta);
	}

}
