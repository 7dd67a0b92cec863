package dev.lrtune.core.rangetest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a range test suggests: the body of {@code GET /jobs/{id}/recommendation} and of
 * {@code POST /range-tests/analyze}. Every learning rate here is read off the smoothed curve, see
 * {@link RangeTestAnalysis}.
 *
 * @param recommendedLr the suggestion named by {@code method}
 * @param method the suggestion recommended: {@value #DIVERGENCE} (see {@link RangeTestAnalysis}); an
 *        aggregate names the method most runs chose
 * @param suggestions all four suggestions
 * @param minLossLr the lr at the lowest smoothed loss
 * @param divergenceLr the lr where the loss starts rising for good
 * @param cyclicBounds bounds for a {@code cyclic} schedule, after Smith 2015
 * @param indices where on the submitted curve the suggestions lie, for plots; {@code null} for an
 *        aggregate of several runs
 * @param spread with repeats, each suggestion's median, range and per-run values; {@code null} for a
 *        single run
 */
public record Recommendation(double recommendedLr, String method, Suggestions suggestions, double minLossLr,
		double divergenceLr, CyclicBounds cyclicBounds, Indices indices, Spreads spread) {

	public static final String MINIMUM = "minimum";

	public static final String STEEPEST = "steepest";

	public static final String VALLEY = "valley";

	public static final String DIVERGENCE = "divergence";

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
	 * @param minimum the lr at the lowest smoothed loss, divided by 10 (fastai {@code minimum})
	 * @param steepest the lr where the smoothed loss falls fastest against log(lr) (fastai {@code steep},
	 *        pytorch-lr-finder); {@code null} when the loss never falls
	 * @param valley fastai's {@code valley}; {@code null} when the curve has no decrease to speak of
	 * @param divergence the divergence lr divided by 10
	 */
	public record Suggestions(double minimum, Double steepest, Double valley, double divergence) {

		/** The suggestion called {@code method}, {@code null} when undefined. */
		Double get(String method) {
			return switch (method) {
				case MINIMUM -> minimum;
				case STEEPEST -> steepest;
				case VALLEY -> valley;
				case DIVERGENCE -> divergence;
				default -> throw new IllegalArgumentException("unknown suggestion " + method);
			};
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
	 * @param divergence the divergence point
	 */
	public record Indices(int first, int last, int minimum, Integer steepest, Integer valley, int divergence) {
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

	/** A {@link Spread} per suggestion; {@code steepest} or {@code valley} is {@code null} when no run defined it. */
	public record Spreads(Spread minimum, Spread steepest, Spread valley, Spread divergence) {
	}

}
