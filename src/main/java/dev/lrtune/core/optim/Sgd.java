package dev.lrtune.core.optim;

/**
 * Stochastic gradient descent (Robbins &amp; Monro 1951; Bottou 2010) with heavy-ball momentum (Polyak 1964)
 * and Nesterov momentum (Sutskever et al. 2013), exactly as {@code torch.optim.SGD} with dampening 0:
 * <pre>
 * g ← g + λ·θ
 * v ← μ·v + g          (v ← g on the first step with μ ≠ 0)
 * θ ← θ − lr·v         or, Nesterov,  θ ← θ − lr·(g + μ·v)
 * </pre>
 * With μ = 0 the step is plain {@code θ ← θ − lr·g}. Momentum is per step when a schedule cycles it.
 */
final class Sgd implements Optimizer {

	private final double momentum;

	private final boolean nesterov;

	private final double weightDecay;

	private final double clipNorm;

	private final double[] velocity;

	private boolean velocityStarted;

	private long steps;

	Sgd(int parameters, double momentum, boolean nesterov, double weightDecay, double clipNorm) {
		this.momentum = momentum;
		this.nesterov = nesterov;
		this.weightDecay = weightDecay;
		this.clipNorm = clipNorm;
		this.velocity = new double[parameters];
	}

	@Override
	public String type() {
		return "sgd";
	}

	@Override
	public void step(double[] parameters, double[] gradient, double lr, double scheduledMomentum) {
		GradientTransforms.checkLearningRate(lr);
		double mu = GradientTransforms.momentum(scheduledMomentum, momentum);
		GradientTransforms.clipByGlobalNorm(gradient, clipNorm);
		GradientTransforms.addWeightDecay(gradient, parameters, weightDecay);
		steps++;
		if (mu == 0) {
			for (int i = 0; i < parameters.length; i++) {
				parameters[i] -= lr * gradient[i];
			}
			return;
		}
		if (!velocityStarted) {
			System.arraycopy(gradient, 0, velocity, 0, velocity.length); // PyTorch: buf = g.clone()
			velocityStarted = true;
		}
		else {
			for (int i = 0; i < velocity.length; i++) {
				velocity[i] = mu * velocity[i] + gradient[i];
			}
		}
		if (nesterov) {
			for (int i = 0; i < parameters.length; i++) {
				parameters[i] -= lr * (gradient[i] + mu * velocity[i]);
			}
		}
		else {
			for (int i = 0; i < parameters.length; i++) {
				parameters[i] -= lr * velocity[i];
			}
		}
	}

	@Override
	public long steps() {
		return steps;
	}

	@Override
	public void reset() {
		java.util.Arrays.fill(velocity, 0.0);
		velocityStarted = false;
		steps = 0;
	}

}
