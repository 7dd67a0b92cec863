package dev.lrtune.core.rangetest;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of a {@link RangeTest}.
 *
 * @param recommendation the recommendation: the single run's when {@code repeats} is 1, else
 *        {@link Recommendation#aggregate(List) the aggregate} of {@code runs}; {@code null} when the test
 *        was cancelled
 * @param runs the recommendation of each repeat, in repeat order; empty when the test was cancelled
 * @param curves the curve of each repeat that ran, in repeat order; a cancelled test ends with the
 *        cancelled repeat's partial curve and runs no further repeats
 */
public record RangeTestResult(Recommendation recommendation, List<Recommendation> runs, List<Curve> curves) {

	public RangeTestResult {
		runs = List.copyOf(runs);
		curves = List.copyOf(curves);
	}

	/** Whether the test was cancelled (and so recommends nothing). */
	public boolean cancelled() {
		return !curves.isEmpty() && curves.get(curves.size() - 1).stopReason() == StopReason.CANCELLED;
	}

	/** Why a repeat stopped. */
	public enum StopReason {

		/** All {@code iterations} steps ran. */
		COMPLETED,

		/** The smoothed loss exceeded {@code divergenceFactor} × its minimum, or a loss was NaN/infinite. */
		DIVERGED,

		/** The run was cancelled before the step after the last recorded one. */
		CANCELLED;

		/** The name in the JSON contract: {@code completed}, {@code diverged} or {@code cancelled}. */
		public String jsonName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * The recorded curve of one repeat. Element k of each array belongs to step k; the arrays are copied in
	 * and handed out as they are, so callers must not write to them.
	 *
	 * @param repeat the repeat, from 0
	 * @param seed the seed this repeat's initial weights and minibatch order came from (see
	 *        {@link RangeTest#repeatSeed(long, int)})
	 * @param lr the rate of each step (the ramp's closed form)
	 * @param loss the raw loss of each step; the last may be NaN or infinite when the repeat diverged
	 * @param smoothedLoss the bias-corrected smoothed loss after each step
	 * @param stopReason why the repeat stopped
	 */
	public record Curve(int repeat, long seed, double[] lr, double[] loss, double[] smoothedLoss, StopReason stopReason) {

		public Curve {
			if (loss.length != lr.length || smoothedLoss.length != lr.length) {
				throw new IllegalArgumentException("lr, loss and smoothedLoss must have the same length");
			}
			lr = lr.clone();
			loss = loss.clone();
			smoothedLoss = smoothedLoss.clone();
		}

		/** The number of recorded steps. */
		public int iterations() {
			return lr.length;
		}

		/** The steps before the first non-finite smoothed loss: the part of the curve that can be analysed. */
		public int finitePoints() {
			int count = 0;
			while (count < smoothedLoss.length && Double.isFinite(smoothedLoss[count])) {
				count++;
			}
			return count;
		}

	}

}
