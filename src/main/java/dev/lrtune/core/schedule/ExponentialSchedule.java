package dev.lrtune.core.schedule;

/**
 * {@code exponential} (Keras {@code ExponentialDecay}): {@code lr·decayRate^(k/decaySteps)}, the exponent floored
 * when {@code staircase} is set.
 */
public final class ExponentialSchedule implements Schedule {

	private final double lr;

	private final double decayRate;

	private final int decaySteps;

	private final boolean staircase;

	public ExponentialSchedule(double lr, double decayRate, int decaySteps, boolean staircase) {
		this.lr = Check.nonNegative("lr", lr);
		this.decayRate = Check.positive("decayRate", decayRate);
		this.decaySteps = Check.atLeast("decaySteps", decaySteps, 1);
		this.staircase = staircase;
	}

	@Override
	public double lr(long step) {
		double p = (double) step / decaySteps;
		return lr * StrictMath.pow(decayRate, staircase ? Math.floor(p) : p);
	}

}
