package dev.lrtune.core.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.lrtune.core.InvalidParameterException;

/**
 * {@code plateau} (PyTorch {@code ReduceLROnPlateau}): multiplies the rate by {@code factor} once the observed
 * metric has failed to improve for more than {@code patience} observations in a row.
 *
 * <p>Each {@link #observe(long, double)} is one call of PyTorch's {@code step(metrics)}: an improvement (beyond
 * {@code threshold}, relative or absolute) resets the count of bad observations; during a cooldown bad observations
 * are not counted; when the count exceeds {@code patience} the rate becomes {@code max(lr·factor, minLr)} (ignored
 * when it would change by {@code eps} or less), the cooldown starts and the count resets. {@code patience} and
 * {@code cooldown} therefore count observations, not steps.
 *
 * <p>A reduction decided by the metric observed at the end of step {@code s} applies from step {@code s + 1} on;
 * {@link #lr(long)} keeps answering earlier steps with the rate they had, so {@code lr(0)} is always {@code lr}.
 * Stateful: build a fresh instance for each run, and observe steps in order.
 */
public final class PlateauSchedule implements Schedule {

	/** Whether a lower ({@code min}, a loss) or a higher ({@code max}, an accuracy) metric is better. */
	public enum Mode {

		MIN, MAX

	}

	/** Whether {@code threshold} is a fraction of the best value so far ({@code rel}) or an amount ({@code abs}). */
	public enum ThresholdMode {

		REL, ABS

	}

	/** The rate in effect from {@code fromStep} on. */
	private record Change(long fromStep, double lr) {
	}

	private final Mode mode;

	private final double factor;

	private final int patience;

	private final double threshold;

	private final ThresholdMode thresholdMode;

	private final int cooldown;

	private final double minLr;

	private final double eps;

	private final List<Change> changes = new ArrayList<>();

	private double best;

	private int badObservations;

	private int cooldownLeft;

	private long lastObserved = -1;

	public PlateauSchedule(double lr, Mode mode, double factor, int patience, double threshold,
			ThresholdMode thresholdMode, int cooldown, double minLr, double eps) {
		Check.nonNegative("lr", lr);
		this.mode = Objects.requireNonNull(mode, "mode");
		this.factor = Check.positive("factor", factor);
		if (factor >= 1) {
			throw new InvalidParameterException("factor", "must be less than 1, was " + factor);
		}
		this.patience = Check.atLeast("patience", patience, 0);
		this.threshold = Check.nonNegative("threshold", threshold);
		this.thresholdMode = Objects.requireNonNull(thresholdMode, "thresholdMode");
		this.cooldown = Check.atLeast("cooldown", cooldown, 0);
		this.minLr = Check.notAbove("minLr", Check.nonNegative("minLr", minLr), "lr", lr);
		this.eps = Check.nonNegative("eps", eps);
		this.best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
		this.changes.add(new Change(0, lr));
	}

	@Override
	public double lr(long step) {
		for (int i = changes.size() - 1; i > 0; i--) {
			if (changes.get(i).fromStep() <= step) {
				return changes.get(i).lr();
			}
		}
		return changes.get(0).lr();
	}

	@Override
	public void observe(long step, double metric) {
		if (step < lastObserved) {
			throw new IllegalArgumentException(
					"metrics must be observed in step order: step " + step + " after step " + lastObserved);
		}
		lastObserved = step;
		if (isBetter(metric)) {
			best = metric;
			badObservations = 0;
		}
		else {
			badObservations++;
		}
		if (cooldownLeft > 0) {
			cooldownLeft--;
			badObservations = 0;
		}
		if (badObservations > patience) {
			reduce(step + 1);
			cooldownLeft = cooldown;
			badObservations = 0;
		}
	}

	@Override
	public boolean isMetricDriven() {
		return true;
	}

	private boolean isBetter(double metric) {
		return switch (mode) {
			case MIN -> thresholdMode == ThresholdMode.REL ? metric < best * (1.0 - threshold)
					: metric < best - threshold;
			case MAX -> thresholdMode == ThresholdMode.REL ? metric > best * (threshold + 1.0)
					: metric > best + threshold;
		};
	}

	private void reduce(long fromStep) {
		double old = changes.get(changes.size() - 1).lr();
		double reduced = Math.max(old * factor, minLr);
		if (old - reduced > eps) {
			if (changes.get(changes.size() - 1).fromStep() == fromStep) {
				changes.remove(changes.size() - 1);
			}
			changes.add(new Change(fromStep, reduced));
		}
	}

}
