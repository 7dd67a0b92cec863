package dev.lrtune.core.schedule;

/** {@code step} (PyTorch {@code StepLR}): {@code lr·gamma^⌊k/stepSize⌋}. */
public final class StepSchedule implements Schedule {

	private final double lr;

	private final double gamma;

	private final int stepSize;

	public StepSchedule(double lr, double gamma, int stepSize) {
		this.lr = Check.nonNegative("lr", lr);
		this.gamma = Check.positive("gamma", gamma);
		this.stepSize = Check.atLeast("stepSize", stepSize, 1);
	}

	@Override
	public double lr(long step) {
		return lr * StrictMath.pow(gamma, step / stepSize);
	}

}
