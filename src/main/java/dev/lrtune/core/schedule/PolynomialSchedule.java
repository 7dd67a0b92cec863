package dev.lrtune.core.schedule;

/**
 * {@code polynomial} (Keras {@code PolynomialDecay}): {@code (lr − finalLr)·(1 − k/d)^power + finalLr}.
 *
 * <p>Without {@code cycle}, {@code k} is clamped to {@code d = decaySteps}, so the rate stays at {@code finalLr}.
 * With {@code cycle}, {@code d} becomes {@code decaySteps·⌈k/decaySteps⌉} (multiplier 1 at {@code k = 0}): the rate
 * reaches {@code finalLr} at every multiple of {@code decaySteps} and jumps back up just after it.
 */
public final class PolynomialSchedule implements Schedule {

	private final double lr;

	private final double finalLr;

	private final int decaySteps;

	private final double power;

	private final boolean cycle;

	public PolynomialSchedule(double lr, double finalLr, int decaySteps, double power, boolean cycle) {
		this.lr = Check.nonNegative("lr", lr);
		this.finalLr = Check.nonNegative("finalLr", finalLr);
		this.decaySteps = Check.atLeast("decaySteps", decaySteps, 1);
		this.power = Check.positive("power", power);
		this.cycle = cycle;
	}

	@Override
	public double lr(long step) {
		double k = step;
		double d = decaySteps;
		if (cycle) {
			d *= step == 0 ? 1 : Math.ceil(k / decaySteps);
		}
		else {
			k = Math.min(k, d);
		}
		return (lr - finalLr) * StrictMath.pow(1 - k / d, power) + finalLr;
	}

}
