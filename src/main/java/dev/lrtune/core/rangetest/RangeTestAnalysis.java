package dev.lrtune.core.rangetest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * <li>{@code minimum} = lr[argmin s] / 10 — fastai {@code minimum}; undefined when the minimum is the first
 * analysed point (every rate tried was already too high, or nothing trained: a tenth of the lowest rate tried
 * would be a guess, not a reading);</li>
 * <li>{@code steepest} = lr[argmin ds/dlog(lr)] — fastai {@code steep} and pytorch-lr-finder's
 * suggestion, with the gradient taken like {@code numpy.gradient(s, log(lr))} ({@link LogGradient});
 * undefined when s never falls;</li>
 * <li>{@code valley} = fastai {@code valley} ({@link Valley}); undefined when s never falls or the
 * longest decrease is too short for fastai's formula;</li>
 * <li>{@code divergence} = divergenceLr / 10, where divergenceLr is the lr of the first point from which s
 * stays above {@value #RISE_FACTOR} × its running minimum (the lowest s so far) until the last finite point:
 * the loss has risen for good. It is judged on the window <em>and the {@code skipEnd} points after it</em>: those
 * are left out of the other suggestions because the loss explodes there, and the explosion is what this one looks
 * for (a test stopped at 4 × its minimum would otherwise never show it). Undefined when the loss is back near its
 * best by the end; never a fixed fraction of the last rate.</li>
 * </ul>
 * Ties go to the first index, as {@code numpy.argmin}. When s is <b>flat</b> (its range is under
 * {@value #FLAT_RANGE} of its largest value) no suggestion is defined: the differences are noise.
 *
 * <p>{@link AnalysisWarning Warnings}: {@code no_divergence} when divergence is undefined, {@code flat} as
 * above, {@code min_at_start} when the lowest point is the first analysed one, and {@code noisy} when the
 * minimum moves by more than a decade if the raw losses are smoothed with β² instead of β (half the averaging
 * window): then the minimum and the suggestions read off near it are artefacts of the noise.
 *
 * <p>{@code recommendedLr} is the geometric mean of {@code minimum} and {@code valley} (method
 * {@value Recommendation#MINIMUM_VALLEY}), or {@code minimum} alone when the curve has no valley, or
 * {@code null}. The quality benchmark ({@code bench/quality.sh}, docs/quality.md) chose it: on 144 real and
 * synthetic problems, with the default 300-step test, it hits more often than any single suggestion (47 against
 * minimum's 43, valley's 34 and steepest's 12) with the lowest median loss ratio to the best constant rate, and
 * misses on both sides, where {@code valley} nearly always lands too low and {@code minimum} mostly too high. No rule read off the curve hits more than about
 * a quarter of the problems: {@code LrSearch} measures instead. The cyclic bounds follow Smith 2015, see
 * {@link CyclicBounds}.
 */
public final class RangeTestAnalysis {

	/** The fewest finite points analysed: one interior point, so the loss can fall and rise. */
	public static final int MIN_POINTS = 3;

	/** {@code skipStart}/{@code skipEnd} apply only if at least this many points remain after them. */
	public static final int MIN_POINTS_AFTER_SKIP = 10;

	/** The loss has risen for good once it stays above this multiple of its running minimum. */
	public static final double RISE_FACTOR = 1.25;

	/** A smoothed loss whose range is under this fraction of its largest value is flat. */
	public static final double FLAT_RANGE = 0.05;

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
		double[] lightlySmoothed = SmoothedLoss.smooth(loss, settings.smoothing() * settings.smoothing());
		return recommend(Arrays.copyOfRange(lr, from, to), Arrays.copyOfRange(smoothed, from, to),
				Arrays.copyOfRange(lightlySmoothed, from, to), from, Arrays.copyOfRange(lr, from, finite),
				Arrays.copyOfRange(smoothed, from, finite));
	}

	/** The suggestions on the window; {@code withEndLr}/{@code withEnd} go on past it to the last finite point. */
	private static Recommendation recommend(double[] lr, double[] smoothed, double[] lightlySmoothed, int offset,
			double[] withEndLr, double[] withEnd) {
		int minimum = argmin(smoothed);
		boolean flat = flat(smoothed);
		double[] gradient = LogGradient.of(smoothed, lr);
		int steepest = argmin(gradient);
		OptionalInt steepestIndex = gradient[steepest] < 0 && !flat ? OptionalInt.of(steepest) : OptionalInt.empty();
		OptionalInt valleyIndex = flat ? OptionalInt.empty() : Valley.index(smoothed);
		OptionalInt divergence = risesForGood(withEnd);
		boolean minAtStart = minimum == 0;

		List<Recommendation.Warning> warnings = new ArrayList<>();
		if (divergence.isEmpty()) {
			warnings.add(AnalysisWarning.NO_DIVERGENCE.toWarning());
		}
		if (flat) {
			warnings.add(AnalysisWarning.FLAT.toWarning());
		}
		if (!flat && Math.abs(Math.log10(lr[argmin(lightlySmoothed)] / lr[minimum])) > 1) {
			warnings.add(AnalysisWarning.NOISY.toWarning());
		}
		if (minAtStart) {
			warnings.add(AnalysisWarning.MIN_AT_START.toWarning());
		}

		Double minimumLr = minAtStart || flat ? null : lr[minimum] / 10;
		Double divergenceLr = lrAt(withEndLr, divergence);
		Suggestions suggestions = new Suggestions(minimumLr, lrAt(lr, steepestIndex), lrAt(lr, valleyIndex),
				divergenceLr == null ? null : divergenceLr / 10);
		String method = suggestions.method();
		Indices indices = new Indices(offset, offset + lr.length - 1, offset + minimum, shift(steepestIndex, offset),
				shift(valleyIndex, offset), shift(divergence, offset));
		return new Recommendation(method == null ? null : suggestions.get(method), method, suggestions, warnings,
				lr[minimum], divergenceLr, CyclicBounds.fromMaxLr(lr[minimum]), indices, null);
	}

	/**
	 * The first index from which every s[j] exceeds {@value #RISE_FACTOR} × min(s[0..j]), up to the last;
	 * empty when the last point itself does not.
	 */
	static OptionalInt risesForGood(double[] smoothed) {
		double[] runningMinimum = new double[smoothed.length];
		double lowest = Double.POSITIVE_INFINITY;
		for (int i = 0; i < smoothed.length; i++) {
			lowest = Math.min(lowest, smoothed[i]);
			runningMinimum[i] = lowest;
		}
		int first = smoothed.length;
		for (int j = smoothed.length - 1; j >= 0 && smoothed[j] > RISE_FACTOR * runningMinimum[j]; j--) {
			first = j;
		}
		return first < smoothed.length ? OptionalInt.of(first) : OptionalInt.empty();
	}

	/** Whether max s − min s is under {@value #FLAT_RANGE} of max s. */
	static boolean flat(double[] smoothed) {
		double max = Arrays.stream(smoothed).max().orElseThrow();
		double min = Arrays.stream(smoothed).min().orElseThrow();
		return max - min < FLAT_RANGE * Math.abs(max);
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
