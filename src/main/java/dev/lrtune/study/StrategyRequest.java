package dev.lrtune.study;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.lrtune.core.search.SuccessiveHalving;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * How a study spends its budget; only successive halving for now.
 *
 * @param eta each rung keeps the best 1/eta of its trials and trains them eta times as long
 * @param minIterations the first rung's iterations; default {@code ⌈iterations / eta^⌈log_eta(candidates)⌉⌉}, so
 *     that one trial is left for the last rung
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Successive halving: every candidate trains minIterations; the best 1/eta go on to eta× more, "
		+ "until the study's iterations.")
record StrategyRequest(
		@Pattern(regexp = StrategyRequest.SUCCESSIVE_HALVING, message = "must be successive_halving")
		@Schema(description = "The only strategy: successive_halving", defaultValue = SUCCESSIVE_HALVING,
				allowableValues = { SUCCESSIVE_HALVING }) String type,
		@Min(2) @Max(100) @Schema(description = "Keep the best 1/eta of each rung, train them eta× longer; 2 to 100",
				defaultValue = "3") Integer eta,
		@Positive @Schema(description = "Iterations of the first rung; default iterations / eta^⌈log_eta(candidates)⌉, "
				+ "rounded up") Long minIterations) {

	static final String SUCCESSIVE_HALVING = "successive_halving";

	static final int DEFAULT_ETA = 3;

	/** This strategy with every default resolved for a study of that many candidates and iterations. */
	StrategyRequest resolved(int candidates, long iterations) {
		int resolvedEta = eta == null ? DEFAULT_ETA : eta;
		long min = minIterations == null ? SuccessiveHalving.defaultMinIterations(iterations, candidates, resolvedEta)
				: minIterations;
		return new StrategyRequest(SUCCESSIVE_HALVING, resolvedEta, min);
	}

}
