package dev.lrtune.core.rangetest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.lrtune.core.rangetest.Recommendation.CyclicBounds;
import dev.lrtune.core.rangetest.Recommendation.Spread;
import dev.lrtune.core.rangetest.Recommendation.Spreads;
import dev.lrtune.core.rangetest.Recommendation.Suggestions;
import dev.lrtune.core.rangetest.Recommendation.Warning;

/**
 * Aggregates the recommendations of a range test repeated with different seeds: the
 * recommendation carries the median and the spread of each suggestion.
 *
 * <ul>
 * <li>Every learning rate (suggestions, {@code minLossLr}, {@code divergenceLr}, cyclic bounds) is the
 * median over the runs. Learning rates live on a log scale, so the median of an even count is the
 * <em>geometric</em> mean of the two middle values: the median of 1e-3 and 1e-1 is 1e-2.</li>
 * <li>Each suggestion is the median over the runs that define it; {@code null} when none does.</li>
 * <li>{@code method} is the method most runs chose (ties go to minimum_valley, then minimum), and
 * {@code recommendedLr} is that rule applied to the aggregated suggestions; both {@code null} when most runs
 * recommended nothing.</li>
 * <li>{@code warnings} are every warning some run gave, plus {@code noisy} when a suggestion's runs span more
 * than a decade (max / min &gt; 10).</li>
 * <li>{@code indices} is {@code null} (the runs are different curves); {@code spread} holds, per
 * suggestion, median, min, max and the per-run values.</li>
 * </ul>
 */
final class Repeats {

	private static final List<String> PREFERENCE = List.of(Recommendation.MINIMUM_VALLEY, Recommendation.MINIMUM);

	private Repeats() {
	}

	static Recommendation aggregate(List<Recommendation> runs) {
		if (runs == null || runs.isEmpty()) {
			throw new IllegalArgumentException("at least one run is needed");
		}
		if (runs.stream().anyMatch(run -> run.spread() != null)) {
			throw new IllegalArgumentException("runs must be single-run recommendations, not aggregates");
		}
		if (runs.size() == 1) {
			return runs.get(0);
		}
		Spreads spreads = new Spreads(spread(runs, run -> run.suggestions().minimum()),
				spread(runs, run -> run.suggestions().steepest()), spread(runs, run -> run.suggestions().valley()),
				spread(runs, run -> run.suggestions().divergence()));
		Suggestions suggestions = new Suggestions(medianOrNull(spreads.minimum()), medianOrNull(spreads.steepest()),
				medianOrNull(spreads.valley()), medianOrNull(spreads.divergence()));
		String method = mostFrequentMethod(runs);
		Double recommended = method == null ? null : suggestions.get(method);
		CyclicBounds bounds = new CyclicBounds(median(runs, run -> run.cyclicBounds().baseLr()),
				median(runs, run -> run.cyclicBounds().maxLr()));
		Spread divergenceLr = spread(runs, Recommendation::divergenceLr);
		return new Recommendation(recommended, method, suggestions, warnings(runs, spreads),
				median(runs, Recommendation::minLossLr), medianOrNull(divergenceLr), bounds, null, spreads);
	}

	private static List<Warning> warnings(List<Recommendation> runs, Spreads spreads) {
		boolean disagree = Stream.of(spreads.minimum(), spreads.steepest(), spreads.valley(), spreads.divergence())
			.anyMatch(spread -> spread != null && spread.max() > 10 * spread.min());
		List<Warning> warnings = new ArrayList<>();
		for (AnalysisWarning warning : AnalysisWarning.values()) {
			if (runs.stream().anyMatch(run -> run.warns(warning)) || (warning == AnalysisWarning.NOISY && disagree)) {
				warnings.add(warning.toWarning());
			}
		}
		return warnings;
	}

	/** The median of sorted values; the geometric mean of the middle two for an even count. */
	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		if (sorted.size() % 2 == 1) {
			return sorted.get(middle);
		}
		return Math.sqrt(sorted.get(middle - 1) * sorted.get(middle));
	}

	private static double median(List<Recommendation> runs, Function<Recommendation, Double> value) {
		return median(runs.stream().map(value).toList());
	}

	private static Spread spread(List<Recommendation> runs, Function<Recommendation, Double> value) {
		List<Double> values = new ArrayList<>();
		runs.forEach(run -> values.add(value.apply(run)));
		List<Double> defined = values.stream().filter(Objects::nonNull).toList();
		if (defined.isEmpty()) {
			return null;
		}
		double min = defined.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
		double max = defined.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		return new Spread(median(defined), min, max, values);
	}

	private static Double medianOrNull(Spread spread) {
		return spread != null ? spread.median() : null;
	}

	/** The method most runs chose; {@code null} when more runs recommended nothing than chose any one method. */
	private static String mostFrequentMethod(List<Recommendation> runs) {
		String best = null;
		long bestCount = 0;
		for (String method : PREFERENCE) {
			long count = runs.stream().filter(run -> method.equals(run.method())).count();
			if (count > bestCount) {
				best = method;
				bestCount = count;
			}
		}
		long none = runs.stream().filter(run -> run.method() == null).count();
		return none > bestCount ? null : best;
	}

}
