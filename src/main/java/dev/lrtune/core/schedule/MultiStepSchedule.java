package dev.lrtune.core.schedule;

import java.util.Arrays;

/**
 * {@code multistep} (PyTorch {@code MultiStepLR}): {@code lr·gamma^n} where {@code n} is the number of milestones
 * {@code <= k}. Unlike PyTorch, which counts a repeated milestone twice, milestones must be strictly increasing.
 */
public final class MultiStepSchedule implements Schedule {

	private final double lr;

	private final double gamma;

	private final int[] milestones;

	public MultiStepSchedule(double lr, double gamma, int[] milestones) {
		this.lr = Check.nonNegative("lr", lr);
		this.gamma = Check.positive("gamma", gamma);
		this.milestones = Check.strictlyIncreasing("milestones", milestones);
	}

	@Override
	public double lr(long step) {
		return lr * StrictMath.pow(gamma, passed(milestones, step));
	}

	/** How many of the (strictly increasing) {@code milestones} are {@code <= step}: Python's {@code bisect_right}. */
	static int passed(int[] milestones, long step) {
		if (step > Integer.MAX_VALUE) {
			return milestones.length;
		}
		int at = Arrays.binarySearch(milestones, (int) step);
		return at >= 0 ? at + 1 : -at - 1;
	}

}
