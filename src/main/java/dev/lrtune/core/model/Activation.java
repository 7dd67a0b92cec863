package dev.lrtune.core.model;

import java.util.Locale;

import dev.lrtune.core.InvalidParameterException;

/**
 * Hidden-layer activations, each with the initialisation that keeps its signal variance stable: He (normal,
 * std √(2/fan_in); He et al. 2015) for relu, Xavier/Glorot uniform (±√(6/(fan_in+fan_out)); Glorot &amp;
 * Bengio 2010) for tanh.
 */
public enum Activation {

	RELU {
		@Override
		double apply(double z) {
			return z > 0 ? z : 0.0;
		}

		@Override
		double derivativeAtOutput(double a) {
			return a > 0 ? 1.0 : 0.0; // 0 at the kink, as PyTorch
		}
	},

	TANH {
		@Override
		double apply(double z) {
			return StrictMath.tanh(z);
		}

		@Override
		double derivativeAtOutput(double a) {
			return 1.0 - a * a;
		}
	};

	/** The activation of a pre-activation value. */
	abstract double apply(double z);

	/** The derivative, expressed through the activation's output {@code a} (so z need not be kept). */
	abstract double derivativeAtOutput(double a);

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Activation of(String id) {
		for (Activation activation : values()) {
			if (activation.id().equals(id)) {
				return activation;
			}
		}
		throw new InvalidParameterException("activation", "must be relu or tanh, got '" + id + "'");
	}

}
