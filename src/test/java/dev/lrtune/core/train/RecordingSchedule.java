package dev.lrtune.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;

import dev.lrtune.core.schedule.Schedule;

/** A schedule from functions of the step that records what it observes. */
class RecordingSchedule implements Schedule {

	final List<Long> observedSteps = new ArrayList<>();

	final List<Double> observedMetrics = new ArrayList<>();

	private final LongToDoubleFunction lr;

	private final LongToDoubleFunction momentum;

	RecordingSchedule(LongToDoubleFunction lr) {
		this(lr, null);
	}

	RecordingSchedule(LongToDoubleFunction lr, LongToDoubleFunction momentum) {
		this.lr = lr;
		this.momentum = momentum;
	}

	@Override
	public double lr(long step) {
		return lr.applyAsDouble(step);
	}

	@Override
	public double momentum(long step) {
		return momentum == null ? Double.NaN : momentum.applyAsDouble(step);
	}

	@Override
	public boolean cyclesMomentum() {
		return momentum != null;
	}

	@Override
	public void observe(long step, double metric) {
		observedSteps.add(step);
		observedMetrics.add(metric);
	}

}
