package dev.lrtune.core.model;

import java.util.List;
import java.util.Set;

import dev.lrtune.core.InvalidParameterException;

/**
 * The {@code model} object of a job request, as plain data: {@code {"type": "mlp", "hidden": [64, 32],
 * "activation": "relu"}}. Fields a model type does not use must be absent; absent {@code hidden} and
 * {@code activation} of an {@code mlp} default to {@code [64, 32]} and {@code relu}. Validation happens in
 * {@link #validate()} (and {@link Models#create}), never in the constructor, so a JSON mapper can build any
 * instance and the caller gets an {@link InvalidParameterException} naming the field.
 *
 * @param type {@code linear}, {@code logistic}, {@code softmax} or {@code mlp}
 * @param hidden hidden layer widths, mlp only
 * @param activation {@code relu} or {@code tanh}, mlp only
 * @param precision {@code float64} (the default) or {@code float32}; float32 for the networks only
 *     ({@code softmax}, {@code mlp})
 */
public record ModelSpec(String type, List<Integer> hidden, String activation, String precision) {

	public static final Set<String> TYPES = Set.of("linear", "logistic", "softmax", "mlp");

	public static final List<Integer> DEFAULT_HIDDEN = List.of(64, 32);

	public static final String DEFAULT_ACTIVATION = "relu";

	public static final int MAX_LAYERS = 16;

	public static final int MAX_WIDTH = 8192;

	public static final String FLOAT64 = "float64";

	public static final String FLOAT32 = "float32";

	/** A model in the default precision, float64. */
	public ModelSpec(String type, List<Integer> hidden, String activation) {
		this(type, hidden, activation, null);
	}

	/** A model type without options ({@code linear}, {@code logistic}, {@code softmax}; {@code mlp} with defaults). */
	public static ModelSpec of(String type) {
		return new ModelSpec(type, null, null);
	}

	public static ModelSpec mlp(List<Integer> hidden, String activation) {
		return new ModelSpec("mlp", hidden, activation);
	}

	/**
	 * Checks the fields on their own (the dataset-dependent checks are in {@link Models#create}).
	 * @return this spec
	 * @throws InvalidParameterException naming {@code type}, {@code hidden} or {@code activation}
	 */
	public ModelSpec validate() {
		if (type == null || !TYPES.contains(type)) {
			throw new InvalidParameterException("type",
					"must be one of linear, logistic, softmax, mlp, got " + (type == null ? "nothing" : "'" + type + "'"));
		}
		validatePrecision();
		if (!isMlp()) {
			if (hidden != null) {
				throw new InvalidParameterException("hidden", "applies to mlp only, not " + type);
			}
			if (activation != null) {
				throw new InvalidParameterException("activation", "applies to mlp only, not " + type);
			}
			return this;
		}
		List<Integer> widths = hiddenOrDefault();
		if (widths.isEmpty() || widths.size() > MAX_LAYERS) {
			throw new InvalidParameterException("hidden", "must list 1.." + MAX_LAYERS + " layer widths, got " + widths.size());
		}
		for (int layer = 0; layer < widths.size(); layer++) {
			Integer width = widths.get(layer);
			if (width == null || width < 1 || width > MAX_WIDTH) {
				throw new InvalidParameterException("hidden",
						"layer " + layer + " must have 1.." + MAX_WIDTH + " units, got " + width);
			}
		}
		activationOrDefault();
		return this;
	}

	private void validatePrecision() {
		if (precision == null || FLOAT64.equals(precision)) {
			return;
		}
		if (!FLOAT32.equals(precision)) {
			throw new InvalidParameterException("precision", "must be float64 or float32, got '" + precision + "'");
		}
		if (!isNetwork()) {
			throw new InvalidParameterException("precision",
					"float32 applies to softmax and mlp only; " + type + " trains in float64");
		}
	}

	public boolean isMlp() {
		return "mlp".equals(type);
	}

	/** Whether the model is a network ({@code softmax}, {@code mlp}): the models that can train in float32. */
	public boolean isNetwork() {
		return isMlp() || "softmax".equals(type);
	}

	/** Whether the network computes in float32 (absent means float64). */
	public boolean isFloat32() {
		return FLOAT32.equals(precision);
	}

	/** The precision with the default applied. */
	public String precisionOrDefault() {
		return precision == null ? FLOAT64 : precision;
	}

	/** The hidden widths with the default applied (empty for models other than mlp). */
	public List<Integer> hiddenOrDefault() {
		if (!isMlp()) {
			return List.of();
		}
		return hidden == null ? DEFAULT_HIDDEN : hidden;
	}

	/** The activation with the default applied. */
	public Activation activationOrDefault() {
		return Activation.of(activation == null ? DEFAULT_ACTIVATION : activation);
	}

}
