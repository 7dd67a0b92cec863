package dev.lrtune.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.lrtune.core.optim.OptimizerSpec;

/** The {@code optimizer} of a job; checked by {@link OptimizerSpec#validate()}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The optimizer: sgd (momentum, nesterov, weightDecay) or adam (beta1, beta2, eps, weightDecay); "
		+ "gradientClipNorm for both. Default: plain sgd.", example = "{\"type\": \"sgd\", \"momentum\": 0.9}")
public record OptimizerRequest(
		@Schema(description = "Which optimizer", allowableValues = { "sgd", "adam" }) String type,
		@Schema(description = "sgd only: momentum in [0, 1); default 0") Double momentum,
		@Schema(description = "sgd only: Nesterov momentum; default false") Boolean nesterov,
		@Schema(description = "L2 penalty added to the gradient of every parameter, biases included; default 0") Double weightDecay,
		@Schema(description = "adam only: first-moment decay; default 0.9 (cycled when the schedule cycles momentum)") Double beta1,
		@Schema(description = "adam only: second-moment decay; default 0.999") Double beta2,
		@Schema(description = "adam only: added to the denominator; default 1e-8") Double eps,
		@Schema(description = "Clip the gradient to this L2 norm before the update; default none") Double gradientClipNorm) {

	public static final OptimizerRequest SGD = new OptimizerRequest("sgd", null, null, null, null, null, null, null);

	public OptimizerSpec toSpec() {
		return new OptimizerSpec(type, momentum, nesterov, weightDecay, beta1, beta2, eps, gradientClipNorm);
	}

	/** The same optimizer with every default of its type spelled out ({@code gradientClipNorm} stays absent: none). */
	OptimizerRequest resolved() {
		OptimizerSpec spec = toSpec();
		if ("sgd".equals(type)) {
			return new OptimizerRequest(type, spec.momentumOrDefault(), spec.nesterovOrDefault(), spec.weightDecayOrDefault(),
					null, null, null, gradientClipNorm);
		}
		return new OptimizerRequest(type, null, null, spec.weightDecayOrDefault(), spec.beta1OrDefault(),
				spec.beta2OrDefault(), spec.epsOrDefault(), gradientClipNorm);
	}

}
