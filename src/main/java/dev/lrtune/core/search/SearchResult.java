package dev.lrtune.core.search;

import java.util.List;

import dev.lrtune.core.rangetest.Recommendation;

/**
 * The outcome of an {@link LrSearch}.
 *
 * @param lr the measured rate: the best of the last rung; {@code null} when the search was cancelled or every
 *        rate of the last rung diverged
 * @param method always {@value #METHOD}
 * @param rangeTest the range test's own recommendation, which the raced rates were placed around
 * @param evidence each raced rate, in increasing order of rate
 * @param trials every trial, in the order it ran
 * @param iterationsSpent every iteration the search trained: the range test's steps and every trial's
 * @param cancelled whether the search was cancelled before it finished
 */
public record SearchResult(Double lr, String method, Recommendation rangeTest, List<Evidence> evidence,
		List<Trial> trials, long iterationsSpent, boolean cancelled) {

	public static final String METHOD = "search";

	public SearchResult {
		evidence = List.copyOf(evidence);
		trials = List.copyOf(trials);
	}

}
