package dev.lrtune.job;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.lrtune.core.model.ModelSpec;

/** The {@code model} of a job; checked by {@link ModelSpec#validate()}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The model: linear, logistic, softmax or mlp (hidden layers, relu | tanh).",
		example = "{\"type\": \"mlp\", \"hidden\": [64, 32], \"activation\": \"relu\"}")
public record ModelRequest(@Schema(description = "linear (regression), logistic (two classes), softmax (classes), mlp (either)",
		allowableValues = { "linear", "logistic", "softmax", "mlp" }) String type,
		@Schema(description = "mlp only; default [64, 32]") List<Integer> hidden,
		@Schema(description = "mlp only; default relu", allowableValues = { "relu", "tanh" }) String activation) {

	public ModelSpec toSpec() {
		return new ModelSpec(type, hidden, activation);
	}

	/** The same model with the defaults of an mlp spelled out. */
	ModelRequest resolved() {
		ModelSpec spec = toSpec();
		return spec.isMlp() ? new ModelRequest(type, spec.hiddenOrDefault(),
				activation == null ? ModelSpec.DEFAULT_ACTIVATION : activation)
				: this;
	}

}
