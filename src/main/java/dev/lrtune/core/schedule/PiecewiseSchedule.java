package dev.lrtune.core.schedule;

import dev.lrtune.core.InvalidParameterException;

/**
 * {@code piecewise} (Keras {@code PiecewiseConstantDecay}): {@code values[i]} while {@code k <= boundaries[i]}, and
 * {@code values[n]} after the last of the {@code n} boundaries.
 */
public final class PiecewiseSchedule implements Schedule {

	private final int[] boundaries;

	private final double[] values;

	public PiecewiseSchedule(int[] boundaries, double[] values) {
		this.boundaries = Check.strictlyIncreasing("boundaries", boundaries);
		if (values.length != boundaries.length + 1) {
			throw new InvalidParameterException("values", "must have one more entry than boundaries ("
					+ (boundaries.length + 1) + "), has " + values.length);
		}
		for (int i = 0; i < values.length; i++) {
			Check.nonNegative("values[" + i + "]", values[i]);
		}
		this.values = values.clone();
	}

	@Override
	public double lr(long step) {
		// values[i] applies to the steps in (boundaries[i-1], boundaries[i]]: i = how many boundaries are < k
		return values[MultiStepSchedule.passed(boundaries, step - 1)];
	}

}
