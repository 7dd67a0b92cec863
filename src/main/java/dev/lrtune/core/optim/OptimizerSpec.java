package dev.lrtune.core.optim;

import dev.lrtune.core.InvalidParameterException;

/**
 * The {@code optimizer} object of a job request, as plain data; {@code null} means absent and takes the
 * default. Fields that the type does not use must be absent. Validation happens in {@link #validate()} (and
 * {@link Optimizers#create}), never in the constructor, so a JSON mapper can build any instance.
 *
 * @param type {@code sgd} or {@code adam}
 * @param momentum sgd: μ in [0, 1), default 0
 * @param nesterov sgd: Nesterov momentum (needs μ &gt; 0), default false
 * @param weightDecay L2 penalty λ ≥ 0 added to the gradient as λ·θ, default 0
 * @param beta1 adam: β1 in [0, 1), default 0.9
 * @param beta2 adam: β2 in [0, 1), default 0.999
 * @param eps adam: ε ≥ 0 added to the denominator, default 1e-8
 * @param gradientClipNorm max global L2 norm of the gradient (&gt; 0), default none
 */
public record OptimizerSpec(String type, Double momentum, Boolean nesterov, Double weightDecay, Double beta1,
		Double beta2, Double eps, Double gradientClipNorm) {

	public static final double DEFAULT_BETA1 = 0.9;

	public static final double DEFAULT_BETA2 = 0.999;

	public static final double DEFAULT_EPS = 1e-8;

	/** Plain SGD. */
	public static OptimizerSpec sgd() {
		return new OptimizerSpec("sgd", null, null, null, null, null, null, null);
	}

	/** SGD with heavy-ball momentum. */
	public static OptimizerSpec sgd(double momentum) {
		return new OptimizerSpec("sgd", momentum, null, null, null, null, null, null);
	}

	/** Adam with its defaults. */
	public static OptimizerSpec adam() {
		return new OptimizerSpec("adam", null, null, null, null, null, null, null);
	}

	/**
	 * Checks every field.
	 * @return this spec
	 * @throws InvalidParameterException naming the field
	 */
	public OptimizerSpec validate() {
		if (!"sgd".equals(type) && !"adam".equals(type)) {
			throw new InvalidParameterException("type",
					"must be sgd or adam, got " + (type == null ? "nothing" : "'" + type + "'"));
		}
		boolean sgd = "sgd".equals(type);
		only(sgd, momentum, "momentum", "sgd");
		only(sgd, nesterov, "nesterov", "sgd");
		only(!sgd, beta1, "beta1", "adam");
		only(!sgd, beta2, "beta2", "adam");
		only(!sgd, eps, "eps", "adam");
		if (sgd) {
			checkUnitInterval("momentum", momentumOrDefault());
			if (nesterovOrDefault() && momentumOrDefault() <= 0) {
				throw new InvalidParameterException("nesterov", "Nesterov momentum needs momentum > 0");
			}
		}
		else {
			checkUnitInterval("beta1", beta1OrDefault());
			checkUnitInterval("beta2", beta2OrDefault());
			checkNonNegative("eps", epsOrDefault());
		}
		checkNonNegative("weightDecay", weightDecayOrDefault());
		if (gradientClipNorm != null && !(gradientClipNorm > 0 && gradientClipNorm < Double.POSITIVE_INFINITY)) {
			throw new InvalidParameterException("gradientClipNorm", "must be a finite number > 0, got " + gradientClipNorm);
		}
		return this;
	}

	public double momentumOrDefault() {
		return momentum == null ? 0.0 : momentum;
	}

	public boolean nesterovOrDefault() {
		return nesterov != null && nesterov;
	}

	public double weightDecayOrDefault() {
		return weightDecay == null ? 0.0 : weightDecay;
	}

	public double beta1OrDefault() {
		return beta1 == null ? DEFAULT_BETA1 : beta1;
	}

	public double beta2OrDefault() {
		return beta2 == null ? DEFAULT_BETA2 : beta2;
	}

	public double epsOrDefault() {
		return eps == null ? DEFAULT_EPS : eps;
	}

	/** The clipping threshold, or {@link Double#NaN} for no clipping. */
	public double gradientClipNormOrNaN() {
		return gradientClipNorm == null ? Double.NaN : gradientClipNorm;
	}

	private void only(boolean applies, Object value, String field, String owner) {
		if (!applies && value != null) {
			throw new InvalidParameterException(field, "applies to " + owner + " only, not " + type);
		}
	}

	static void checkUnitInterval(String field, double value) {
		if (!(value >= 0 && value < 1)) {
			throw new InvalidParameterException(field, "must be in [0, 1), got " + value);
		}
	}

	private static void checkNonNegative(String field, double value) {
		if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
			throw new InvalidParameterException(field, "must be a finite number >= 0, got " + value);
		}
	}

}
