package dev.lrtune.core.optim;

import dev.lrtune.core.InvalidParameterException;

/** Builds an {@link Optimizer} from an {@link OptimizerSpec}. */
public final class Optimizers {

	private Optimizers() {
	}

	/**
	 * A fresh optimizer for a model with {@code parameterCount} parameters.
	 * @throws InvalidParameterException naming the invalid field of {@code spec}
	 */
	public static Optimizer create(OptimizerSpec spec, int parameterCount) {
		spec.validate();
		if ("sgd".equals(spec.type())) {
			return new Sgd(parameterCount, spec.momentumOrDefault(), spec.nesterovOrDefault(), spec.weightDecayOrDefault(),
					spec.gradientClipNormOrNaN());
		}
		return new Adam(parameterCount, spec.beta1OrDefault(), spec.beta2OrDefault(), spec.epsOrDefault(),
				spec.weightDecayOrDefault(), spec.gradientClipNormOrNaN());
	}

}
