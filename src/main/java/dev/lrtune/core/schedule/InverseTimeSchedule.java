package dev.lrtune.core.schedule;

/**
 * {@code inverse_time} (Keras {@code InverseTimeDecay}): {@code lr / (1 + decayRate·k/decaySteps)}, with
 * {@code ⌊k/decaySteps⌋} when {@code staircase} is set.
 */
public final class InverseTimeSchedule implements Schedule {

	private final double lr;

	private final double decayRate;

	private final int decaySteps;

	private final boolean staircase;

	public InverseTimeSchedule(double lr, double decayRate, int decaySteps, boolean staircase) {
		this.lr = Check.nonNegative("lr", lr);
		this.decayRate = Check.nonNegative("decayRate", decayRate);
		this.decaySteps = Check.atLeast("decaySteps", decaySteps, 1);
		this.staircase = staircase;
	}

	@Override
	public double lr(long step) {
		double p = (double) step / decaySteps;
		return lr / (1 + decayRate * (staircase ? Math.floor(p) : p));
	}

}
