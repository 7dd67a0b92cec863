package dev.lrtune.core.optim;

/**
 * Adam (Kingma &amp; Ba 2015) as {@code torch.optim.Adam} (not AdamW: weight decay is an L2 term on the
 * gradient), step t counting from 1:
 * <pre>
 * g ← g + λ·θ
 * m ← m + (1−β1)·(g − m)                 (β1·m + (1−β1)·g, in PyTorch's lerp form)
 * v ← β2·v + (1−β2)·g²
 * θ ← θ − (lr / (1−β1ᵗ)) · m / (√v / √(1−β2ᵗ) + ε)
 * </pre>
 * When a schedule cycles momentum, β1 of the step is the scheduled value (both in the average and in the
 * bias correction), as PyTorch's {@code OneCycleLR} does by rewriting {@code betas[0]}.
 */
final class Adam implements Optimizer {

	private final double beta1;

	private final double beta2;

	private final double eps;

	private final double weightDecay;

	private final double clipNorm;

	private final double[] firstMoment;

	private final double[] secondMoment;

	private long steps;

	Adam(int parameters, double beta1, double beta2, double eps, double weightDecay, double clipNorm) {
		this.beta1 = beta1;
		this.beta2 = beta2;
		this.eps = eps;
		this.weightDecay = weightDecay;
		this.clipNorm = clipNorm;
		this.firstMoment = new double[parameters];
		this.secondMoment = new double[parameters];
	}

	@Override
	public String type() {
		return "adam";
	}

	@Override
	public void step(double[] parameters, double[] gradient, double lr, double scheduledBeta1) {
		GradientTransforms.checkLearningRate(lr);
		double b1 = GradientTransforms.momentum(scheduledBeta1, beta1);
		GradientTransforms.clipByGlobalNorm(gradient, clipNorm);
		GradientTransforms.addWeightDecay(gradient, parameters, weightDecay);
		steps++;
		double weight = 1 - b1;
		if (weight < 0.5) { // torch.lerp's two formulas, chosen by the weight as PyTorch does
			for (int i = 0; i < firstMoment.length; i++) {
				firstMoment[i] += weight * (gradient[i] - firstMoment[i]);
			}
		}
		else {
			for (int i = 0; i < firstMoment.length; i++) {
				firstMoment[i] = gradient[i] - (gradient[i] - firstMoment[i]) * (1 - weight);
			}
		}
		double oneMinusBeta2 = 1 - beta2;
		for (int i = 0; i < secondMoment.length; i++) {
			secondMoment[i] = beta2 * secondMoment[i] + oneMinusBeta2 * gradient[i] * gradient[i];
		}
		double stepSize = lr / (1 - power(b1, steps));
		double correction2Sqrt = Math.sqrt(1 - power(beta2, steps));
		for (int i = 0; i < parameters.length; i++) {
			double denominator = Math.sqrt(secondMoment[i]) / correction2Sqrt + eps;
			parameters[i] -= stepSize * (firstMoment[i] / denominator);
		}
	}

	/**
	 * {@code base^exponent} by repeated squaring: plain IEEE multiplications, so the same bits everywhere, and no
	 * allocation ({@code StrictMath.pow} allocates on JDK 17). Within a few ulps of the exact power.
	 */
	static double power(double base, long exponent) {
		double result = 1.0;
		double square = base;
		for (long e = exponent; e > 0; e >>= 1) {
			if ((e & 1) != 0) {
				result *= square;
			}
			square *= square;
		}
		return result;
	}

	@Override
	public long steps() {
		return steps;
	}

	@Override
	public void reset() {
		java.util.Arrays.fill(firstMoment, 0.0);
		java.util.Arrays.fill(secondMoment, 0.0);
		steps = 0;
	}

}
