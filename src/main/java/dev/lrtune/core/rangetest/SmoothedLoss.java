package dev.lrtune.core.rangetest;

import dev.lrtune.core.InvalidParameterException;

/**
 * A streaming, exponentially smoothed loss with bias correction, as fastai's {@code AvgSmoothLoss} and
 * pytorch-lr-finder compute it during a range test:
 *
 * <pre>
 * avg_i      = β·avg_(i−1) + (1−β)·loss_i        (avg_(−1) = 0)
 * smoothed_i = avg_i / (1 − β^(i+1))
 * </pre>
 *
 * The correction makes the first values an average of the losses seen so far instead of a value biased
 * towards 0: {@code smoothed_0 = loss_0}. With β = 0 the smoothed loss is exactly the raw loss.
 *
 * <p>Non-finite losses: a NaN or infinite raw loss poisons the average. The smoothed loss is
 * {@link Double#NaN} at that step and at every later step, whatever the later losses are, so "the
 * curve is usable up to the first non-finite smoothed value" is one rule for both the runner and the
 * analysis. The {@link #minimum()} ignores non-finite values.
 *
 * <p>Lifecycle: {@link #add(double)} once per iteration, then {@link #value()}, {@link #minimum()} and
 * {@link #diverged(double)} describe the curve so far. Not thread-safe; one instance per run.
 */
public final class SmoothedLoss {

	/** fastai's and pytorch-lr-finder's default β. */
	public static final double DEFAULT_SMOOTHING = 0.98;

	/** Stop once the smoothed loss exceeds this multiple of its minimum (fastai's {@code 4*best_loss}). */
	public static final double DEFAULT_DIVERGENCE_FACTOR = 4;

	private final double beta;

	private double average;

	private double value = Double.NaN;

	private double minimum = Double.POSITIVE_INFINITY;

	private int count;

	private boolean poisoned;

	/**
	 * @param smoothing β in [0, 1); 0 keeps the raw losses
	 * @throws InvalidParameterException ({@code smoothing}) when out of range
	 */
	public SmoothedLoss(double smoothing) {
		this.beta = validSmoothing(smoothing);
	}

	/** The smoothed curve of {@code loss}: element i is what {@link #add(double)} returns for loss[i]. */
	public static double[] smooth(double[] loss, double beta) {
		SmoothedLoss smoothed = new SmoothedLoss(beta);
		double[] result = new double[loss.length];
		for (int i = 0; i < loss.length; i++) {
			result[i] = smoothed.add(loss[i]);
		}
		return result;
	}

	static double validSmoothing(double smoothing) {
		if (!(smoothing >= 0 && smoothing < 1)) {
			throw new InvalidParameterException("smoothing", "must be in [0, 1), was " + smoothing);
		}
		return smoothing;
	}

	/** Adds the raw loss of the next iteration and returns the smoothed loss after it. */
	public double add(double loss) {
		count++;
		poisoned |= !Double.isFinite(loss);
		if (poisoned) {
			value = Double.NaN;
			return value;
		}
		average = beta * average + (1 - beta) * loss;
		// β = 0 passes the loss through untouched (the formula would turn −0.0 into 0.0)
		value = beta == 0 ? loss : average / (1 - StrictMath.pow(beta, count));
		if (value < minimum) {
			minimum = value;
		}
		return value;
	}

	/** The smoothed loss after the last {@link #add(double)}; NaN before the first. */
	public double value() {
		return value;
	}

	/** The lowest finite smoothed loss so far; +∞ before the first. */
	public double minimum() {
		return minimum;
	}

	/** How many losses were added. */
	public int count() {
		return count;
	}

	/**
	 * Whether the range test should stop: the smoothed loss is not finite, or exceeds
	 * {@code divergenceFactor} times its minimum so far (fastai's {@code stop_div}; meant for the
	 * non-negative losses lrtune trains on). False before the first loss.
	 *
	 * @throws InvalidParameterException ({@code divergenceFactor}) unless it is a finite number above 1
	 */
	public boolean diverged(double divergenceFactor) {
		if (!(divergenceFactor > 1 && Double.isFinite(divergenceFactor))) {
			throw new InvalidParameterException("divergenceFactor", "must be a finite number > 1, was " + divergenceFactor);
		}
		if (count == 0) {
			return false;
		}
		return !Double.isFinite(value) || value > divergenceFactor * minimum;
	}

}
