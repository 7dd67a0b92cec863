package dev.lrtune.core.rangetest;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.rangetest.LrRamp.Mode;

/**
 * The {@code rangeTest} part of a range-test job, validated. The defaults are fastai's
 * {@code lr_find} ({@code start_lr=1e-7, end_lr=10}, β 0.98, stop at 4 × the best loss) and pytorch-lr-finder's
 * skips (10 at the start, 5 at the end), but 300 steps where fastai takes {@code num_it=100}: β 0.98 averages the
 * loss over about 50 steps, which on 100 steps over eight decades is four decades of lr, so the smoothed curve's
 * minimum and valley trail the loss by decades; over 300 steps the lag is about 1.3 decades. On the quality
 * benchmark (docs/quality.md) that makes {@code recommendedLr} hit 47 of 144 problems instead of 38, {@code minimum}
 * 43 instead of 37 (a β of 0.95 on 100 steps, the same lag, does about as well), for 200 more steps.
 *
 * @param startLr the rate of step 0, &gt; 0 (default {@value #DEFAULT_START_LR})
 * @param endLr the rate of the last step, &gt; startLr (default {@value #DEFAULT_END_LR})
 * @param iterations steps per repeat, {@value RangeTestAnalysis#MIN_POINTS}..{@value #MAX_ITERATIONS}
 *        (default {@value #DEFAULT_ITERATIONS}, see above); the upper bound is the longest curve
 *        {@code POST /range-tests/analyze} takes by default, so every curve can be analysed again
 * @param mode how the rate grows, see {@link LrRamp} (default exponential)
 * @param smoothing β of the {@link SmoothedLoss} that both stops the run and is analysed, in [0, 1)
 *        (default {@value SmoothedLoss#DEFAULT_SMOOTHING})
 * @param divergenceFactor stop once the smoothed loss exceeds this multiple of its minimum, finite and &gt; 1
 *        (default {@value SmoothedLoss#DEFAULT_DIVERGENCE_FACTOR})
 * @param lossSource which loss the curve records (default {@link LossSource#TRAIN})
 * @param repeats how many runs with different seeds, 1..{@value #MAX_REPEATS} (default {@value #DEFAULT_REPEATS})
 * @param skipStart points the analysis leaves out at the start (default {@value AnalysisSettings#DEFAULT_SKIP_START})
 * @param skipEnd points the analysis leaves out at the end (default {@value AnalysisSettings#DEFAULT_SKIP_END})
 */
public record RangeTestOptions(double startLr, double endLr, int iterations, Mode mode, double smoothing,
		double divergenceFactor, LossSource lossSource, int repeats, int skipStart, int skipEnd) {

	public static final double DEFAULT_START_LR = 1e-7;

	public static final double DEFAULT_END_LR = 10;

	public static final int DEFAULT_ITERATIONS = 300;

	public static final int MAX_ITERATIONS = 100_000;

	public static final int DEFAULT_REPEATS = 1;

	public static final int MAX_REPEATS = 20;

	/** The names of the fields, as the JSON contract spells them and {@link InvalidParameterException}s name them. */
	public static final Set<String> FIELDS = Arrays.stream(RangeTestOptions.class.getRecordComponents())
		.map(RecordComponent::getName)
		.collect(Collectors.toUnmodifiableSet());

	/** Which loss a range test records for each step. */
	public enum LossSource {

		/**
		 * The loss of step k's minibatch, measured before step k's update (the convention of fastai and of
		 * pytorch-lr-finder without {@code val_loader}): cheap and noisy.
		 */
		TRAIN,

		/**
		 * The loss on the whole validation split, measured after step k's update with lr(k) (pytorch-lr-finder's
		 * {@code val_loader} mode): one pass over the validation split per step, smoother.
		 */
		VALIDATION;

		/**
		 * The source named {@code train} or {@code validation} (case-insensitive) in the JSON contract.
		 *
		 * @throws InvalidParameterException ({@code lossSource}) for any other name
		 */
		public static LossSource of(String name) {
			for (LossSource source : values()) {
				if (source.jsonName().equalsIgnoreCase(name)) {
					return source;
				}
			}
			throw new InvalidParameterException("lossSource", "must be train or validation, was " + name);
		}

		/** The name in the JSON contract: {@code train} or {@code validation}. */
		public String jsonName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** @throws InvalidParameterException naming the first invalid field */
	public RangeTestOptions {
		List<InvalidParameterException> violations = violations(startLr, endLr, iterations, mode, smoothing,
				divergenceFactor, lossSource, repeats, skipStart, skipEnd);
		if (!violations.isEmpty()) {
			throw violations.get(0);
		}
	}

	/**
	 * Every rule that options from these optional request fields break, at most one per field; empty exactly when
	 * {@link #of} succeeds. Each field is checked on its own so that a request hears of all its mistakes at once:
	 * the ramp's bounds are checked over the iterations asked (or the nearest allowed count, when that is out of
	 * range) and with the mode asked (or the default, when that is unknown). These are the only rules of a range
	 * test's options; the API's 400s are made from them.
	 */
	public static List<InvalidParameterException> violations(Double startLr, Double endLr, Integer iterations,
			String mode, Double smoothing, Double divergenceFactor, String lossSource, Integer repeats,
			Integer skipStart, Integer skipEnd) {
		List<InvalidParameterException> violations = new ArrayList<>();
		Mode parsedMode = parse(mode, Mode::of, Mode.EXPONENTIAL, violations);
		LossSource parsedSource = parse(lossSource, LossSource::of, LossSource.TRAIN, violations);
		violations.addAll(violations(or(startLr, DEFAULT_START_LR), or(endLr, DEFAULT_END_LR),
				or(iterations, DEFAULT_ITERATIONS), parsedMode, or(smoothing, SmoothedLoss.DEFAULT_SMOOTHING),
				or(divergenceFactor, SmoothedLoss.DEFAULT_DIVERGENCE_FACTOR), parsedSource, or(repeats, DEFAULT_REPEATS),
				or(skipStart, AnalysisSettings.DEFAULT_SKIP_START), or(skipEnd, AnalysisSettings.DEFAULT_SKIP_END)));
		return violations;
	}

	private static List<InvalidParameterException> violations(double startLr, double endLr, int iterations, Mode mode,
			double smoothing, double divergenceFactor, LossSource lossSource, int repeats, int skipStart, int skipEnd) {
		List<InvalidParameterException> violations = new ArrayList<>();
		check(violations, () -> {
			if (iterations < RangeTestAnalysis.MIN_POINTS || iterations > MAX_ITERATIONS) {
				throw new InvalidParameterException("iterations",
						"must be in " + RangeTestAnalysis.MIN_POINTS + ".." + MAX_ITERATIONS + ", was " + iterations);
			}
		});
		int rampIterations = Math.max(RangeTestAnalysis.MIN_POINTS, Math.min(iterations, MAX_ITERATIONS));
		check(violations, () -> new LrRamp(startLr, endLr, rampIterations, mode)); // startLr, endLr and mode
		check(violations, () -> new AnalysisSettings(smoothing, skipStart, skipEnd)); // smoothing, skipStart, skipEnd
		check(violations, () -> {
			if (!(divergenceFactor > 1 && Double.isFinite(divergenceFactor))) {
				throw new InvalidParameterException("divergenceFactor", "must be a finite number > 1, was " + divergenceFactor);
			}
		});
		check(violations, () -> {
			if (lossSource == null) {
				throw new InvalidParameterException("lossSource", "is required");
			}
		});
		check(violations, () -> {
			if (repeats < 1 || repeats > MAX_REPEATS) {
				throw new InvalidParameterException("repeats", "must be in 1.." + MAX_REPEATS + ", was " + repeats);
			}
		});
		return violations;
	}

	private static <T> T parse(String name, Function<String, T> parser, T fallback, List<InvalidParameterException> violations) {
		if (name == null) {
			return fallback;
		}
		try {
			return parser.apply(name);
		}
		catch (InvalidParameterException ex) {
			violations.add(ex);
			return fallback;
		}
	}

	private static void check(List<InvalidParameterException> violations, Runnable rule) {
		try {
			rule.run();
		}
		catch (InvalidParameterException ex) {
			violations.add(ex);
		}
	}

	/** Every field at its default. */
	public static RangeTestOptions defaults() {
		return of(null, null, null, null, null, null, null, null, null, null);
	}

	/**
	 * Options from optional request fields: a {@code null} takes the default.
	 *
	 * @param mode {@code exponential} or {@code linear}
	 * @param lossSource {@code train} or {@code validation}
	 * @throws InvalidParameterException naming the first invalid field
	 */
	public static RangeTestOptions of(Double startLr, Double endLr, Integer iterations, String mode, Double smoothing,
			Double divergenceFactor, String lossSource, Integer repeats, Integer skipStart, Integer skipEnd) {
		return new RangeTestOptions(or(startLr, DEFAULT_START_LR), or(endLr, DEFAULT_END_LR),
				or(iterations, DEFAULT_ITERATIONS), mode != null ? Mode.of(mode) : Mode.EXPONENTIAL,
				or(smoothing, SmoothedLoss.DEFAULT_SMOOTHING), or(divergenceFactor, SmoothedLoss.DEFAULT_DIVERGENCE_FACTOR),
				lossSource != null ? LossSource.of(lossSource) : LossSource.TRAIN, or(repeats, DEFAULT_REPEATS),
				or(skipStart, AnalysisSettings.DEFAULT_SKIP_START), or(skipEnd, AnalysisSettings.DEFAULT_SKIP_END));
	}

	private static double or(Double given, double fallback) {
		return given != null ? given : fallback;
	}

	private static int or(Integer given, int fallback) {
		return given != null ? given : fallback;
	}

	/** The schedule of every repeat. */
	public LrRamp ramp() {
		return new LrRamp(startLr, endLr, iterations, mode);
	}

	/** How each repeat's curve is analysed: the settings {@code POST /range-tests/analyze} would get. */
	public AnalysisSettings analysisSettings() {
		return new AnalysisSettings(smoothing, skipStart, skipEnd);
	}

}
