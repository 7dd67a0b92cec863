package dev.lrtune.core.schedule;

/**
 * {@code linear}: from {@code lr} at step 0 in a straight line to {@code finalLr} at step {@code τ = decaySteps},
 * then {@code finalLr}. {@code finalLr} may exceed {@code lr} (a linear increase).
 */
public final class LinearSchedule implements Schedule {

	private final double lr;

	private final double finalLr;

	private final int decaySteps;

	public LinearSchedule(double lr, double finalLr, int decaySteps) {
		this.lr = Check.nonNegative("lr", lr);
		this.finalLr = Check.nonNegative("finalLr", finalLr);
		this.decaySteps = Check.atLeast("decaySteps", decaySteps, 1);
	}

	@Override
	public double lr(long step) {
		if (step >= decaySteps) {
			return finalLr;
		}
		double t = (double) step / decaySteps;
		return (1 - t) * lr + t * finalLr;
	}

}
