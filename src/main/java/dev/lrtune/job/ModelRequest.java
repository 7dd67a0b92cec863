package dev.lrtune.job;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.lrtune.core.model.ModelSpec;

/** The {@code model} of a job; checked by {@link ModelSpec#validate()}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The model: linear, logistic, softmax or mlp (hidden layers, relu | tanh), and the precision it "
		+ "computes in.", example = "{\"type\": \"mlp\", \"hidden\": [64, 32], \"activation\": \"relu\"}")
public record ModelRequest(@Schema(description = "linear (regression), logistic (two classes), softmax (classes), mlp (either)",
		allowableValues = { "linear", "logistic", "softmax", "mlp" }) String type,
		@Schema(description = "mlp only; default [64, 32]") List<Integer> hidden,
		@Schema(description = "mlp only; default relu", allowableValues = { "relu", "tanh" }) String activation,
		@Schema(description = "The arithmetic of the network's products, activations and gradients: float64 "
				+ "(default) or float32 (softmax and mlp only; faster, the weights and the optimizer stay float64). "
				+ "Either gives the same bits for the same request and seed on the same machine.",
				allowableValues = { "float64", "float32" }) String precision) {

	public ModelSpec toSpec() {
		return new ModelSpec(type, hidden, activation, precision);
	}

	/** The same model with its defaults spelled out: an mlp's layers and activation, and the precision. */
	ModelRequest resolved() {
		ModelSpec spec = toSpec();
		String resolvedPrecision = spec.precisionOrDefault();
		return spec.isMlp() ? new ModelRequest(type, spec.hiddenOrDefault(),
				activation == null ? ModelSpec.DEFAULT_ACTIVATION : activation, resolvedPrecision)
				: new ModelRequest(type, hidden, activation, resolvedPrecision);
	}

}
