package dev.lrtune.core.rangetest;

import java.util.Arrays;

import dev.lrtune.core.rangetest.RangeTestOptions.LossSource;
import dev.lrtune.core.rangetest.RangeTestResult.Curve;
import dev.lrtune.core.rangetest.RangeTestResult.StopReason;
import dev.lrtune.core.train.TrainingListener;

/**
 * Records one repeat of a range test from the trainer's reports and asks it to stop once the smoothed loss
 * diverges. Which report is the loss of step k depends on the {@link LossSource}:
 * <ul>
 * <li>{@code train}: {@code onIteration(k, lr, …, loss)}, the minibatch loss before step k's update;</li>
 * <li>{@code validation}: {@code onValidation(k, loss, …)}, measured after step k's update (the trainer runs
 * with {@code evaluateEvery = 1}), paired with the rate of {@code onIteration(k, …)}. When the minibatch
 * loss itself is NaN/∞ the trainer ends before validating, so that non-finite loss is the step's loss.</li>
 * </ul>
 * The arrays are sized once; a step allocates nothing.
 */
final class CurveRecorder implements TrainingListener {

	private final int repeat;

	private final boolean validationSource;

	private final double divergenceFactor;

	private final RangeTestListener listener;

	private final SmoothedLoss smoothed;

	private final double[] lr;

	private final double[] loss;

	private final double[] smoothedLoss;

	private int count;

	private double pendingLr = Double.NaN;

	private boolean diverged;

	CurveRecorder(int repeat, RangeTestOptions options, RangeTestListener listener) {
		this.repeat = repeat;
		this.validationSource = options.lossSource() == LossSource.VALIDATION;
		this.divergenceFactor = options.divergenceFactor();
		this.listener = listener;
		this.smoothed = new SmoothedLoss(options.smoothing());
		this.lr = new double[options.iterations()];
		this.loss = new double[options.iterations()];
		this.smoothedLoss = new double[options.iterations()];
	}

	@Override
	public void onIteration(long iteration, double rate, double momentum, double minibatchLoss) {
		if (validationSource && Double.isFinite(minibatchLoss)) {
			pendingLr = rate;
		}
		else {
			record(rate, minibatchLoss);
		}
	}

	@Override
	public void onValidation(long iteration, double validationLoss, double accuracy) {
		if (validationSource && iteration == count) {
			record(pendingLr, validationLoss);
		}
	}

	@Override
	public boolean stopRequested() {
		return diverged;
	}

	/** Whether the smoothed loss diverged (fastai's {@code stop_div}): the step that did is recorded. */
	boolean diverged() {
		return diverged;
	}

	Curve curve(long seed, StopReason stopReason) {
		return new Curve(repeat, seed, Arrays.copyOf(lr, count), Arrays.copyOf(loss, count),
				Arrays.copyOf(smoothedLoss, count), stopReason);
	}

	private void record(double rate, double stepLoss) {
		double value = smoothed.add(stepLoss);
		lr[count] = rate;
		loss[count] = stepLoss;
		smoothedLoss[count] = value;
		diverged = smoothed.diverged(divergenceFactor);
		listener.onStep(repeat, count, rate, stepLoss, value);
		count++;
	}

}
