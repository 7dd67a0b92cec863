package dev.lrtune.job;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.lrtune.core.InvalidParameterException;
import dev.lrtune.core.rangetest.RangeTestOptions;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The {@code rangeTest} block of a range-test job; absent fields take the core's defaults
 * ({@link RangeTestOptions}: fastai's {@code lr_find}, over 300 steps).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The learning-rate range test: lr from startLr to endLr over iterations steps.")
public record RangeTestRequest(@Schema(description = "Learning rate of the first step", defaultValue = "1e-7") Double startLr,
		@Schema(description = "Learning rate of the last step", defaultValue = "10") Double endLr,
		@Schema(description = "Steps per repeat (at most 100000)", defaultValue = "300") Integer iterations,
		@Schema(description = "How lr grows from startLr to endLr", defaultValue = "exponential",
				allowableValues = { "exponential", "linear" }) String mode,
		@Schema(description = "EMA β of the smoothed loss, in [0, 1)", defaultValue = "0.98") Double smoothing,
		@Schema(description = "Stop once the smoothed loss exceeds this × its minimum", defaultValue = "4") Double divergenceFactor,
		@Schema(description = "Runs with different initial weights and minibatch order (at most 20); suggestions are medians",
				defaultValue = "1") Integer repeats,
		@Schema(description = "train: the minibatch loss before each step (fastai); validation: the validation loss after it",
				defaultValue = "train", allowableValues = { "train", "validation" }) String lossSource) {

	/** Every field at the core's default. */
	static final RangeTestRequest DEFAULTS = of(RangeTestOptions.defaults());

	private static RangeTestRequest of(RangeTestOptions options) {
		return new RangeTestRequest(options.startLr(), options.endLr(), options.iterations(), options.mode().jsonName(),
				options.smoothing(), options.divergenceFactor(), options.repeats(), options.lossSource().jsonName());
	}

	/**
	 * The core's options for this block, absent fields at their defaults.
	 *
	 * @throws InvalidParameterException naming the first invalid field
	 */
	public RangeTestOptions toOptions() {
		return RangeTestOptions.of(startLr, endLr, iterations, mode, smoothing, divergenceFactor, lossSource, repeats,
				null, null);
	}

	/** Every rule of the core's options that this block breaks, each naming its field ({@code endLr}). */
	List<InvalidParameterException> violations() {
		return RangeTestOptions.violations(startLr, endLr, iterations, mode, smoothing, divergenceFactor, lossSource,
				repeats, null, null);
	}

	/** This request with every absent field set to its default. */
	RangeTestRequest resolved() {
		return new RangeTestRequest(or(startLr, DEFAULTS.startLr), or(endLr, DEFAULTS.endLr),
				or(iterations, DEFAULTS.iterations), or(mode, DEFAULTS.mode), or(smoothing, DEFAULTS.smoothing),
				or(divergenceFactor, DEFAULTS.divergenceFactor), or(repeats, DEFAULTS.repeats),
				or(lossSource, DEFAULTS.lossSource));
	}

	private static <T> T or(T value, T fallback) {
		return value == null ? fallback : value;
	}

}
