package dev.lrtune.core.rangetest;

import java.util.Locale;

/**
 * Why a range-test recommendation may not be trusted as it is. Each warning has a code (its name in the JSON
 * contract) and a sentence that says what to do about it; {@link #toWarning()} gives both as a
 * {@link Recommendation.Warning}.
 */
public enum AnalysisWarning {

	/** The smoothed loss never rose for good before the end of the analysed range. */
	NO_DIVERGENCE("The loss never rose for good before the end of the range, so the highest usable rate was not found: "
			+ "raise endLr (or the iterations) to see where it diverges; the divergence suggestion is absent."),

	/** The smoothed loss barely moved over the whole range. */
	FLAT("The loss barely moved over the whole range: the rates tried are too low, or the features or the target "
			+ "need scaling; raise endLr, or standardise the data, and run the test again."),

	/** The answer depends on the noise of the curve by more than a decade. */
	NOISY("The suggestions move by more than a decade with the noise of the curve (or between repeats): run the test "
			+ "with more repeats, a larger batch, more iterations or lossSource validation before trusting a single rate."),

	/** The lowest smoothed loss is the first analysed point. */
	MIN_AT_START("The lowest loss is at the first analysed rate: even the smallest rates tried do not help; lower "
			+ "startLr (or skipStart) to find where training starts to work; the minimum suggestion is absent.");

	private final String message;

	AnalysisWarning(String message) {
		this.message = message;
	}

	/** The code in the JSON contract, e.g. {@code no_divergence}. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** A sentence a user can act on. */
	public String message() {
		return message;
	}

	/** The code and the sentence, as a recommendation carries them. */
	public Recommendation.Warning toWarning() {
		return new Recommendation.Warning(code(), message);
	}

}
