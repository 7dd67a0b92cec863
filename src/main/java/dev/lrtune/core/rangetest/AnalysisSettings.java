package dev.lrtune.core.rangetest;

import dev.lrtune.core.InvalidParameterException;

/**
 * How a range-test curve is analysed.
 *
 * @param smoothing β of the {@link SmoothedLoss}, in [0, 1); 0 uses the losses as given
 * @param skipStart points left out at the start of the curve (fastai: {@code num_it//10}; pytorch-lr-finder: 10),
 *        where the loss still reflects the random initialisation
 * @param skipEnd points left out at the end (fastai and pytorch-lr-finder: 5), where the loss explodes;
 *        both skips apply only to a curve long enough, see {@link RangeTestAnalysis}
 */
public record AnalysisSettings(double smoothing, int skipStart, int skipEnd) {

	public static final int DEFAULT_SKIP_START = 10;

	public static final int DEFAULT_SKIP_END = 5;

	/** @throws InvalidParameterException naming {@code smoothing}, {@code skipStart} or {@code skipEnd} */
	public AnalysisSettings {
		SmoothedLoss.validSmoothing(smoothing);
		if (skipStart < 0) {
			throw new InvalidParameterException("skipStart", "must be >= 0, was " + skipStart);
		}
		if (skipEnd < 0) {
			throw new InvalidParameterException("skipEnd", "must be >= 0, was " + skipEnd);
		}
	}

	/** smoothing 0.98, skipStart 10, skipEnd 5. */
	public static AnalysisSettings defaults() {
		return new AnalysisSettings(SmoothedLoss.DEFAULT_SMOOTHING, DEFAULT_SKIP_START, DEFAULT_SKIP_END);
	}

	/** Settings from optional request fields: a {@code null} takes the default. */
	public static AnalysisSettings of(Double smoothing, Integer skipStart, Integer skipEnd) {
		return new AnalysisSettings(smoothing != null ? smoothing : SmoothedLoss.DEFAULT_SMOOTHING,
				skipStart != null ? skipStart : DEFAULT_SKIP_START, skipEnd != null ? skipEnd : DEFAULT_SKIP_END);
	}

}
