package dev.lrtune.core.rangetest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a range test suggests: the body of {@code GET /jobs/{id}/recommendation} and of
 * {@code POST /range-tests/analyze}. Every learning rate here is read off the smoothed curve, see
 * {@link RangeTestAnalysis}.
 *
 * @param recommendedLr the suggestion named by {@code method}; {@code null} when the curve defines none of the
 *        suggestions the rule uses (then {@code warnings} say why)
 * @param method how {@code recommendedLr} was chosen: {@value #MINIMUM_VALLEY} (the geometric mean of
 *        {@code minimum} and {@code valley}), or {@value #MINIMUM} when the curve has no valley (see
 *        {@link RangeTestAnalysis}); {@code null} with {@code recommendedLr}; an aggregate names the method most
 *        runs chose
 * @param suggestions all four suggestions
 * @param warnings why the answer may not be trusted as it is, empty when nothing is suspicious
 * @param minLossLr the lr at the lowest smoothed loss
 * @param divergenceLr the lr where the loss starts rising for good; {@code null} when it never does
 * @param cyclicBounds bounds for a {@code cyclic} schedule, after Smith 2015
 * @param indices where on the submitted curve the suggestions lie, for plots; {@code null} for an
 *        aggregate of several runs
 * @param spread with repeats, each suggestion's median, range and per-run values; {@code null} for a
 *        single run
 */
public record Recommendation(Double recommendedLr, String method, Suggestions suggestions, List<Warning> warnings,
		double minLossLr, Double divergenceLr, CyclicBounds cyclicBounds, Indices indices, Spreads spread) {

	/** A stored recommendation from before warnings existed reads as one without warnings. */
	public Recommendation {
		warnings = warnings == null ? List.of() : List.copyOf(warnings);
	}

	public static final String MINIMUM = "minimum";

	public static final String STEEPEST = "steepest";

	public static final String VALLEY = "valley";

	public static final String DIVERGENCE = "divergence";

	/** The geometric mean of {@code minimum} and {@code valley}: the rule the quality benchmark chose. */
	public static final String MINIMUM_VALLEY = "minimum_valley";

	/** Whether the recommendation carries {@code warning}. */
	public boolean warns(AnalysisWarning warning) {
		return warnings.stream().anyMatch(w -> w.code().equals(warning.code()));
	}

	/**
	 * A reason to distrust the answer.
	 *
	 * @param code the {@link AnalysisWarning}'s code, e.g. {@code no_divergence}
	 * @param message what it means and what to do about it
	 */
	public record Warning(String code, String message) {
	}

	/**
	 * The recommendation of a range test repeated with several seeds: every learning rate is the median
	 * over the runs, and {@code spread} shows how much the runs agree. See {@link Repeats}.
	 *
	 * @param runs one recommendation per run, in seed order; a single run is returned as it is
	 */
	public static Recommendation aggregate(List<Recommendation> runs) {
		return Repeats.aggregate(runs);
	}

	/**
	 * The four suggestions (fastai's {@code lr_find} suggestion functions, plus the rule of thumb "one
	 * order of magnitude below divergence").
	 *
	 * @param minimum the lr at the lowest smoothed loss, divided by 10 (fastai {@code minimum}); {@code null} when
	 *        that is the first analysed point or the loss is flat
	 * @param steepest the lr where the smoothed loss falls fastest against log(lr) (fastai {@code steep},
	 *        pytorch-lr-finder); {@code null} when the loss never falls or is flat
	 * @param valley fastai's {@code valley}; {@code null} when the curve has no decrease to speak of
	 * @param divergence the lr where the loss starts rising for good, divided by 10; {@code null} when it never does
	 */
	public record Suggestions(Double minimum, Double steepest, Double valley, Double divergence) {

		/**
		 * The lr the rule {@code method} gives: one of the four suggestions, or {@value #MINIMUM_VALLEY}, the
		 * geometric mean of minimum and valley; {@code null} when undefined.
		 */
		public Double get(String method) {
			return switch (method) {
				case MINIMUM -> minimum;
				case STEEPEST -> steepest;
				case VALLEY -> valley;
				case DIVERGENCE -> divergence;
				case MINIMUM_VALLEY -> minimum != null && valley != null ? Math.sqrt(minimum * valley) : null;
				default -> throw new IllegalArgumentException("unknown suggestion " + method);
			};
		}

		/**
		 * The recommended rule for these suggestions: {@value #MINIMUM_VALLEY} when both are defined, else
		 * {@value #MINIMUM}, else {@code null}.
		 */
		public String method() {
			if (minimum != null && valley != null) {
				return MINIMUM_VALLEY;
			}
			return minimum != null ? MINIMUM : null;
		}

	}

	/**
	 * Bounds for a triangular cyclic schedule from a range test, as Smith 2015 ("Cyclical Learning Rates
	 * for Training Neural Networks", section 3.3) proposes: {@code maxLr} where the loss stops falling (here
	 * the lr at the minimum of the smoothed loss), and {@code baseLr = maxLr / 4} after his rule of thumb
	 * "set base_lr to 1/3 or 1/4 of max_lr".
	 */
	public record CyclicBounds(double baseLr, double maxLr) {

		static CyclicBounds fromMaxLr(double maxLr) {
			return new CyclicBounds(maxLr / 4, maxLr);
		}

	}

	/**
	 * Indices into the submitted {@code lr}/{@code loss} arrays.
	 *
	 * @param first the first analysed point (after {@code skipStart}, when it applied)
	 * @param last the last analysed point, inclusive
	 * @param minimum the lowest smoothed loss
	 * @param steepest the steepest descent, {@code null} when undefined
	 * @param valley the valley, {@code null} when undefined
	 * @param divergence the point from which the loss stays risen for good (possibly among the {@code skipEnd} points
	 *        after {@code last}), {@code null} when it never does
	 */
	public record Indices(int first, int last, int minimum, Integer steepest, Integer valley, Integer divergence) {
	}

	/**
	 * How one suggestion varies over repeated runs.
	 *
	 * @param median the median over the runs where it is defined (geometric mean of the middle two for an even count)
	 * @param min the smallest value
	 * @param max the largest value
	 * @param values the value of each run, in run order, {@code null} where the run had none
	 */
	public record Spread(double median, double min, double max, List<Double> values) {

		public Spread {
			values = Collections.unmodifiableList(new ArrayList<>(values));
		}

	}

	/** A {@link Spread} per suggestion; {@code null} for a suggestion no run defined. */
	public record Spreads(Spread minimum, Spread steepest, Spread valley, Spread divergence) {
	}

}
