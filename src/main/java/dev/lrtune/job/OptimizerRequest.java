package dev.lrtune.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.lrtune.core.optim.OptimizerSpec;

/** The {@code optimizer} of a job; checked by {@link OptimizerSpec#validate()}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The optimizer: sgd (momentum, nesterov, weightDecay) or adam (beta1, beta2, eps, weightDecay); "
		+ "gradientClipNorm for both. Default: plain sgd.", example = "{\"type\": \"sgd\", \"momentum\": 0.9}")
record OptimizerRequest(@Schema(allowableValues = { "sgd", "adam" }) String type, Double momentum, Boolean nesterov,
		Double weightDecay, Double beta1, Double beta2, Double eps, Double gradientClipNorm) {

	static final OptimizerRequest SGD = new OptimizerRequest("sgd", null, null, null, null, null, null, null);

	OptimizerSpec toSpec() {
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
