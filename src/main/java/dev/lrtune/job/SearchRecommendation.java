package dev.lrtune.job;

import java.util.ArrayList;
import java.util.List;

import dev.lrtune.core.rangetest.Recommendation;
import dev.lrtune.core.rangetest.Recommendation.CyclicBounds;
import dev.lrtune.core.rangetest.Recommendation.Indices;
import dev.lrtune.core.rangetest.Recommendation.Spreads;
import dev.lrtune.core.rangetest.Recommendation.Suggestions;
import dev.lrtune.core.rangetest.Recommendation.Warning;
import dev.lrtune.core.search.Evidence;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The recommendation of an {@code lr_search}: a range test's body whose {@code recommendedLr} is the measured rate
 * ({@code method: search}), with the race's evidence; the range test's own suggestions, warnings and pick stay in it.
 */
@Schema(description = "An lr_search's recommendation: the measured rate (method search) with its evidence, and the "
		+ "range test's own suggestions.")
public record SearchRecommendation(
		@Schema(description = "The measured rate: the winner of the race's last rung; null when every rate there diverged",
				types = { "number", "null" }) Double recommendedLr,
		@Schema(description = "Always search", allowableValues = { "search" }) String method,
		@Schema(description = "The range test's four suggestions") Suggestions suggestions,
		@ArraySchema(arraySchema = @Schema(description = "The range test's warnings, and all_diverged when the race "
				+ "measured no rate")) List<Warning> warnings,
		@Schema(description = "The lr at the range test's lowest smoothed loss") double minLossLr,
		@Schema(description = "Where the range test's loss starts rising for good; null when it never does",
				types = { "number", "null" }) Double divergenceLr,
		@Schema(description = "Bounds for a cyclic schedule, from the range test") CyclicBounds cyclicBounds,
		@Schema(description = "Where the suggestions lie on the range test's part of the curve") Indices indices,
		@Schema(description = "With repeats, each suggestion's spread") Spreads spread,
		@Schema(description = "The range test's own recommendation, before the race") RangeTestPick rangeTest,
		@Schema(description = "The schedule whose (peak) rate was raced", allowableValues = { "constant", "cosine",
				"one_cycle" }) String family,
		@Schema(description = "What the rates were judged by", allowableValues = { "last", "best" }) String objective,
		@ArraySchema(arraySchema = @Schema(description = "Each raced rate at the furthest rung it reached, in "
				+ "increasing order of rate")) List<Evidence> evidence,
		@Schema(description = "Every iteration the search trained: the range test's and the race's") long iterationsSpent) {

	static final Warning ALL_DIVERGED = new Warning("all_diverged", "Every rate of the race's last rung diverged, so no "
			+ "rate was measured: lower the range test's endLr or the rates' span (a smaller rates count), or check the "
			+ "data for outliers.");

	/** The range test's pick: what its curve alone suggests. */
	@Schema(description = "What the range test's curve alone suggests.")
	public record RangeTestPick(@Schema(description = "The range test's recommended lr; null when its curve defines none",
			types = { "number", "null" }) Double recommendedLr,
			@Schema(description = "How the range test chose it; null with recommendedLr", types = { "string", "null" })
			String method) {
	}

	static SearchRecommendation of(Recommendation rangeTest, SearchSummary search) {
		List<Warning> warnings = new ArrayList<>(rangeTest.warnings());
		if (search.lr() == null) {
			warnings.add(ALL_DIVERGED);
		}
		return new SearchRecommendation(search.lr(), search.method(), rangeTest.suggestions(), warnings,
				rangeTest.minLossLr(), rangeTest.divergenceLr(), rangeTest.cyclicBounds(), rangeTest.indices(),
				rangeTest.spread(), new RangeTestPick(rangeTest.recommendedLr(), rangeTest.method()), search.family(),
				search.objective(), search.evidence(), search.iterationsSpent());
	}

}
