package dev.lrtune.core.schedule;

/** {@code constant}: the same rate at every step. */
public final class ConstantSchedule implements Schedule {

	private final double lr;

	public ConstantSchedule(double lr) {
		this.lr = Check.nonNegative("lr", lr);
	}

	@Override
	public double lr(long step) {
		return lr;
	}

}
