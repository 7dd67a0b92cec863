package dev.lrtune.job;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.lrtune.core.search.SearchSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The {@code lrSearch} block of an {@code lr_search} job: the run the user intends, whose rate is measured by a
 * race of rates placed around the range test's suggestions ({@link dev.lrtune.core.search.LrSearch}).
 *
 * @param iterations the intended run's length; the race's last rung trains this many iterations
 * @param family {@code constant}, {@code cosine} or {@code one_cycle}: the schedule whose (peak) rate is raced
 * @param rates how many rates race
 * @param eta successive halving keeps the best 1/eta of each rung and trains them eta times longer
 * @param objective {@code last}: rates are judged by the validation loss where the intended run ends; {@code best}:
 *     by the lowest one it reached
 * @param evaluateEvery every trial measures the validation split every this many iterations and after its last (0:
 *     only after its last); absent: 20 times over the intended run with {@code best}, only after the last with
 *     {@code last}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The run to measure a learning rate for: rates around the range test's suggestions race by "
		+ "successive halving, the last rung training the whole run.")
public record LrSearchRequest(
		@NotNull @Positive @Schema(description = "The intended run's length in iterations: the race's last rung trains "
				+ "this many", example = "1000") Long iterations,
		@Schema(description = "The schedule whose rate is raced (its peak rate for cosine and one_cycle), sized for the "
				+ "intended run", defaultValue = "constant", allowableValues = { "constant", "cosine", "one_cycle" })
		String family,
		@Schema(description = "How many rates race, 2 to 20", defaultValue = "6") Integer rates,
		@Schema(description = "Keep the best 1/eta of each rung and train them eta times longer, 2 to 10",
				defaultValue = "3") Integer eta,
		@Schema(description = "What rates are judged by: last, the validation loss where the intended run ends; best, "
				+ "the lowest it reached", defaultValue = "last", allowableValues = { "last", "best" }) String objective,
		@PositiveOrZero @Schema(description = "Every trial measures the validation split every this many iterations "
				+ "and after its last (0: only after its last); default: 20 times over the intended run with objective "
				+ "best, only after the last with last") Integer evaluateEvery) {

	/** A request with the default measurements. */
	public LrSearchRequest(Long iterations, String family, Integer rates, Integer eta, String objective) {
		this(iterations, family, rates, eta, objective, null);
	}

	/**
	 * The core's spec of this request.
	 * @throws dev.lrtune.core.InvalidParameterException naming the invalid field
	 */
	public SearchSpec toSpec() {
		return SearchSpec.of(iterations, family, rates, eta, objective).withEvaluateEvery(evaluateEvery);
	}

	/** This request with every absent field set to its default. */
	LrSearchRequest resolved() {
		SearchSpec spec = toSpec();
		return new LrSearchRequest(iterations, spec.family().jsonName(), spec.rates(), spec.eta(),
				spec.objective().jsonName(), spec.measuredEvery());
	}

}
