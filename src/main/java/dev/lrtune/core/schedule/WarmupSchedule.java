package dev.lrtune.core.schedule;

import java.util.Objects;

/**
 * {@code warmup}: a linear ramp over {@code warmupSteps} steps from {@code startFactor·then.lr(0)} towards
 * {@code then.lr(0)}, after which the inner schedule {@code then} starts at its own step 0:
 * {@code then.lr(0)·(startFactor + (1 − startFactor)·k/W)} for {@code k < W}, {@code then.lr(k − W)} after.
 *
 * <p>Like PyTorch's {@code LinearLR} warm-up chained by {@code SequentialLR}. During the ramp the momentum is the
 * inner schedule's momentum at its step 0, and metrics are not passed on (the inner schedule has not started).
 *
 * <p>The inner schedule is always given its step in iterations. When this schedule's own steps are epochs
 * ({@code iterationsPerStep} iterations each), the ramp advances once per epoch and lasts
 * {@code warmupSteps·iterationsPerStep} iterations.
 */
public final class WarmupSchedule implements Schedule {

	private final Schedule then;

	private final int warmupSteps;

	private final double startFactor;

	private final int iterationsPerStep;

	public WarmupSchedule(Schedule then, int warmupSteps, double startFactor) {
		this(then, warmupSteps, startFactor, 1);
	}

	public WarmupSchedule(Schedule then, int warmupSteps, double startFactor, int iterationsPerStep) {
		this.then = Objects.requireNonNull(then, "then");
		this.warmupSteps = Check.atLeast("warmupSteps", warmupSteps, 0);
		this.startFactor = Check.between("startFactor", startFactor, 0, 1);
		this.iterationsPerStep = Check.iterationsPerStep(iterationsPerStep);
	}

	@Override
	public double lr(long step) {
		long own = step / iterationsPerStep;
		if (own < warmupSteps) {
			return then.lr(0) * (startFactor + (1 - startFactor) * own / warmupSteps);
		}
		return then.lr(step - rampLength());
	}

	@Override
	public double momentum(long step) {
		return then.momentum(Math.max(0, step - rampLength()));
	}

	@Override
	public boolean cyclesMomentum() {
		return then.cyclesMomentum();
	}

	@Override
	public void observe(long step, double metric) {
		if (step >= rampLength()) {
			then.observe(step - rampLength(), metric);
		}
	}

	@Override
	public boolean isMetricDriven() {
		return then.isMetricDriven();
	}

	private long rampLength() {
		return (long) warmupSteps * iterationsPerStep;
	}

}
