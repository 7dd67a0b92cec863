package dev.lrtune.core.optim;

import dev.lrtune.core.InvalidParameterException;

/** The gradient preprocessing every optimizer shares, and the per-step argument checks. */
final class GradientTransforms {

	/** Added to the norm before dividing, as {@code torch.nn.utils.clip_grad_norm_}. */
	static final double CLIP_EPSILON = 1e-6;

	private GradientTransforms() {
	}

	/**
	 * Scales {@code gradient} by {@code min(1, maxNorm / (‖g‖₂ + 1e-6))}, PyTorch's {@code clip_grad_norm_}
	 * over all parameters at once. Does nothing when {@code maxNorm} is NaN (no clipping configured).
	 * @return the norm before clipping
	 */
	static double clipByGlobalNorm(double[] gradient, double maxNorm) {
		if (Double.isNaN(maxNorm)) {
			return Double.NaN;
		}
		double norm = norm(gradient);
		double coefficient = maxNorm / (norm + CLIP_EPSILON);
		if (coefficient < 1.0 || Double.isNaN(coefficient)) { // a NaN norm poisons the gradient, as in PyTorch
			for (int i = 0; i < gradient.length; i++) {
				gradient[i] *= coefficient;
			}
		}
		return norm;
	}

	/** ‖g‖₂ with four accumulators in a fixed order. */
	static double norm(double[] values) {
		double s0 = 0;
		double s1 = 0;
		double s2 = 0;
		double s3 = 0;
		int i = 0;
		for (; i + 3 < values.length; i += 4) {
			s0 += values[i] * values[i];
			s1 += values[i + 1] * values[i + 1];
			s2 += values[i + 2] * values[i + 2];
			s3 += values[i + 3] * values[i + 3];
		}
		double sum = (s0 + s1) + (s2 + s3);
		for (; i < values.length; i++) {
			sum += values[i] * values[i];
		}
		return Math.sqrt(sum); // IEEE correctly rounded: the same on every machine
	}

	/** {@code g += λ·θ}: the gradient of the L2 penalty λ/2·‖θ‖², applied to every parameter (biases too), as PyTorch. */
	static void addWeightDecay(double[] gradient, double[] parameters, double weightDecay) {
		if (weightDecay != 0) {
			for (int i = 0; i < gradient.length; i++) {
				gradient[i] += weightDecay * parameters[i];
			}
		}
	}

	static void checkLearningRate(double lr) {
		if (!(lr >= 0)) {
			throw new InvalidParameterException("lr", "the learning rate of a step must be >= 0, got " + lr);
		}
	}

	/** This step's momentum: the scheduled one when given (checked), else the configured one. */
	static double momentum(double scheduled, double configured) {
		if (Double.isNaN(scheduled)) {
			return configured;
		}
		if (!(scheduled >= 0 && scheduled < 1)) {
			throw new InvalidParameterException("momentum", "the momentum of a step must be in [0, 1), got " + scheduled);
		}
		return scheduled;
	}

}
