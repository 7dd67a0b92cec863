package dev.lrtune.core.schedule;

import java.util.List;

import dev.lrtune.core.InvalidParameterException;

/**
 * {@code sequential} (PyTorch {@code SequentialLR}): {@code schedules[i]} is in charge from {@code milestones[i−1]}
 * (0 for the first) up to, not including, {@code milestones[i]}, and is asked for its local step
 * {@code k − milestones[i−1]}: each schedule starts again from its own step 0 at its milestone. Metrics go to the
 * schedule in charge, under its local step.
 *
 * <p>When only some of the schedules cycle momentum, {@link #momentum(long)} is {@link Double#NaN} (the optimizer's
 * own momentum) while one that does not is in charge.
 *
 * <p>The nested schedules are always given their step in iterations. When this schedule's own steps are epochs
 * ({@code iterationsPerStep} iterations each), milestone {@code m} falls on iteration {@code m·iterationsPerStep}.
 */
public final class SequentialSchedule implements Schedule {

	private final Schedule[] schedules;

	private final int[] milestones;

	private final int iterationsPerStep;

	public SequentialSchedule(List<? extends Schedule> schedules, int[] milestones) {
		this(schedules, milestones, 1);
	}

	public SequentialSchedule(List<? extends Schedule> schedules, int[] milestones, int iterationsPerStep) {
		if (schedules.isEmpty()) {
			throw new InvalidParameterException("schedules", "must name at least one schedule");
		}
		if (milestones.length != schedules.size() - 1) {
			throw new InvalidParameterException("milestones", "must have one entry fewer than schedules ("
					+ (schedules.size() - 1) + "), has " + milestones.length);
		}
		if (milestones.length > 0 && milestones[0] < 1) {
			throw new InvalidParameterException("milestones", "must be > 0, but milestones[0] is " + milestones[0]);
		}
		this.milestones = Check.strictlyIncreasing("milestones", milestones);
		this.schedules = schedules.toArray(Schedule[]::new);
		this.iterationsPerStep = Check.iterationsPerStep(iterationsPerStep);
	}

	@Override
	public double lr(long step) {
		int i = active(step);
		return schedules[i].lr(step - start(i));
	}

	@Override
	public double momentum(long step) {
		int i = active(step);
		return schedules[i].momentum(step - start(i));
	}

	@Override
	public boolean cyclesMomentum() {
		for (Schedule schedule : schedules) {
			if (schedule.cyclesMomentum()) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void observe(long step, double metric) {
		int i = active(step);
		schedules[i].observe(step - start(i), metric);
	}

	@Override
	public boolean isMetricDriven() {
		for (Schedule schedule : schedules) {
			if (schedule.isMetricDriven()) {
				return true;
			}
		}
		return false;
	}

	private int active(long step) {
		return MultiStepSchedule.passed(milestones, step / iterationsPerStep);
	}

	/** The iteration at which schedule {@code i} takes over. */
	private long start(int i) {
		return i == 0 ? 0 : (long) milestones[i - 1] * iterationsPerStep;
	}

}
