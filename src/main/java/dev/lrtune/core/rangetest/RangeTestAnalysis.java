package dev.lrtune.core.rangetest;

import java.util.Arrays;
import java.util.OptionalInt;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.rangetest.Recommendation.CyclicBounds;
import dev.lrtune.core.rangetest.Recommendation.Indices;
import dev.lrtune.core.rangetest.Recommendation.Suggestions;

/**
 * Turns a range-test curve (the lr and the raw loss of every step) into a {@link Recommendation}.
 * The range-test runner and {@code POST /range-tests/analyze} both call
 * {@link #analyze(double[], double[], AnalysisSettings)}, so the same curve gets the same suggestions.
 *
 * <p>The curve, in this order:
 * <ol>
 * <li><b>Smoothed</b> with {@link SmoothedLoss} over all points, as fastai's {@code Recorder} does
 * before slicing (so the average is warmed up by the points skipped at the start).</li>
 * <li><b>Cut before the first non-finite point.</b> A diverged run may end with NaN or infinite losses;
 * from the first one on the smoothed loss is undefined, so those points are dropped (fastai's
 * {@code lr_find} likewise drops everything from the first NaN). At least {@value #MIN_POINTS} finite
 * points must remain.</li>
 * <li><b>Trimmed</b> by {@code skipStart} points at the start and {@code skipEnd} at the end of the finite
 * part, but only when at least {@value #MIN_POINTS_AFTER_SKIP} points remain; a shorter curve is analysed
 * whole (fastai's fixed slice {@code [num_it//10:-5]} would leave a short, early-diverged curve with
 * almost nothing).</li>
 * </ol>
 *
 * <p>On that window of the smoothed loss s and its lrs:
 * <ul>
 * <li>{@code minimum} = lr[argmin s] / 10 — fastai {@code minimum};</li>
 * <li>{@code steepest} = lr[argmin ds/dlog(lr)] — fastai {@code steep} and pytorch-lr-finder's
 * suggestion, with the gradient taken like {@code numpy.gradient(s, log(lr))} ({@link LogGradient});
 * undefined when s never falls;</li>
 * <li>{@code valley} = fastai {@code valley} ({@link Valley}); undefined when s never falls or the
 * longest decrease is too short for fastai's formula;</li>
 * <li>{@code divergence} = divergenceLr / 10, where divergenceLr is the first lr after the minimum at
 * which s rises above its value at the start of the window — from there on, training is worse than not
 * training at all; when s never does, the lr of the last analysed point, where the test stopped (or
 * where the analysed part ends).</li>
 * </ul>
 * Ties go to the first index, as {@code numpy.argmin}.
 *
 * <p>{@code recommendedLr} is {@code divergence}: one order of magnitude below where the loss starts rising for
 * good, the rule of thumb of Smith's range test ("where the loss stops falling and starts rising is too high;
 * pick an order of magnitude lower"). It is always defined. lrtune does not recommend fastai's {@code valley}
 * (fastai's default since v2.5): on plain-SGD problems its smoothed loss falls over many decades and the valley,
 * halfway down that fall, lands two to three decades below the best constant rate (measured in
 * {@code RecommendedLrTrainingTests}); it stays available among the suggestions. The
 * cyclic bounds follow Smith 2015, see {@link CyclicBounds}.
 */
public final class RangeTestAnalysis {

	/** The fewest finite points analysed: one interior point, so the loss can fall and rise. */
	public static final int MIN_POINTS = 3;

	/** {@code skipStart}/{@code skipEnd} apply only if at least this many points remain after them. */
	public static final int MIN_POINTS_AFTER_SKIP = 10;

	private RangeTestAnalysis() {
	}

	/** {@link #analyze(double[], double[], AnalysisSettings)} with {@link AnalysisSettings#defaults()}. */
	public static Recommendation analyze(double[] lr, double[] loss) {
		return analyze(lr, loss, AnalysisSettings.defaults());
	}

	/**
	 * @param lr the learning rate of every step: finite, positive, strictly increasing
	 * @param loss the raw (unsmoothed) loss of every step, as many as {@code lr}; may end with non-finite values
	 * @throws InvalidParameterException naming {@code lr} or {@code loss} when the curve is unusable
	 */
	public static Recommendation analyze(double[] lr, double[] loss, AnalysisSettings settings) {
		validate(lr, loss);
		double[] smoothed = SmoothedLoss.smooth(loss, settings.smoothing());
		int finite = finitePrefix(smoothed);
		if (finite < MIN_POINTS) {
			throw new InvalidParameterException("loss", "needs at least " + MIN_POINTS
					+ " finite values before the first non-finite one, has " + finite);
		}
		int from = 0;
		int to = finite;
		if (finite - settings.skipStart() - settings.skipEnd() >= MIN_POINTS_AFTER_SKIP) {
			from = settings.skipStart();
			to = finite - settings.skipEnd();
		}
		return recommend(Arrays.copyOfRange(lr, from, to), Arrays.copyOfRange(smoothed, from, to), from);
	}

	private static Recommendation recommend(double[] lr, double[] smoothed, int offset) {
		int minimum = argmin(smoothed);
		double[] gradient = LogGradient.of(smoothed, lr);
		int steepest = argmin(gradient);
		OptionalInt steepestIndex = gradient[steepest] < 0 ? OptionalInt.of(steepest) : OptionalInt.empty();
		OptionalInt valleyIndex = Valley.index(smoothed);
		int divergence = divergence(smoothed, minimum);

		Suggestions suggestions = new Suggestions(lr[minimum] / 10, lrAt(lr, steepestIndex), lrAt(lr, valleyIndex),
				lr[divergence] / 10);
		String method = Recommendation.DIVERGENCE;
		Indices indices = new Indices(offset, offset + lr.length - 1, offset + minimum, shift(steepestIndex, offset),
				shift(valleyIndex, offset), offset + divergence);
		return new Recommendation(suggestions.get(method), method, suggestions, lr[minimum], lr[divergence],
				CyclicBounds.fromMaxLr(lr[minimum]), indices, null);
	}

	/** The first index after the minimum where s exceeds s[0], else the last index. */
	private static int divergence(double[] smoothed, int minimum) {
		for (int i = minimum + 1; i < smoothed.length; i++) {
			if (smoothed[i] > smoothed[0]) {
				return i;
			}
		}
		return smoothed.length - 1;
	}

	private static void validate(double[] lr, double[] loss) {
		if (lr == null) {
			throw new InvalidParameterException("lr", "is required");
		}
		if (loss == null) {
			throw new InvalidParameterException("loss", "is required");
		}
		if (loss.length != lr.length) {
			throw new InvalidParameterException("loss",
					"must have as many values as lr (" + lr.length + "), has " + loss.length);
		}
		if (lr.length < MIN_POINTS) {
			throw new InvalidParameterException("lr", "needs at least " + MIN_POINTS + " points, has " + lr.length);
		}
		for (int i = 0; i < lr.length; i++) {
			if (!(lr[i] > 0 && Double.isFinite(lr[i]))) {
				throw new InvalidParameterException("lr", "must be finite and > 0, but lr[" + i + "] = " + lr[i]);
			}
			// on a log scale too: the steepest descent divides by log(lr[i]) - log(lr[i - 1])
			if (i > 0 && !(StrictMath.log(lr[i]) > StrictMath.log(lr[i - 1]))) {
				throw new InvalidParameterException("lr", "must be strictly increasing, but lr[" + i + "] = " + lr[i]
						+ " follows lr[" + (i - 1) + "] = " + lr[i - 1]);
			}
		}
	}

	private static int finitePrefix(double[] values) {
		int count = 0;
		while (count < values.length && Double.isFinite(values[count])) {
			count++;
		}
		return count;
	}

	/** The first index of the smallest value. */
	private static int argmin(double[] values) {
		int best = 0;
		for (int i = 1; i < values.length; i++) {
			if (values[i] < values[best]) {
				best = i;
			}
		}
		return best;
	}

	private static Double lrAt(double[] lr, OptionalInt index) {
		return index.isPresent() ? lr[index.getAsInt()] : null;
	}

	private static Integer shift(OptionalInt index, int offset) {
		return index.isPresent() ? offset + index.getAsInt() : null;
	}

}
