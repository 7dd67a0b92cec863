package dev.lrtune.core.optim;

/**
 * Updates a flat parameter vector from the flat gradient of the minibatch loss.
 *
 * <p>Lifecycle: create one per training run (it keeps per-parameter state such as momentum buffers), call
 * {@link #step} once per iteration with that iteration's learning rate, and {@link #reset()} to start over.
 * One step, in PyTorch's order: clip the gradient to {@code gradientClipNorm} (as
 * {@code clip_grad_norm_} before {@code optimizer.step()}), add {@code weightDecay·θ} (L2, as
 * {@code torch.optim.SGD} and {@code torch.optim.Adam}), then apply the rule.
 */
public interface Optimizer {

	/** {@code sgd} or {@code adam}. */
	String type();

	/**
	 * One update of {@code parameters} in place.
	 * @param gradient the loss gradient; overwritten (clipped, weight decay added)
	 * @param lr this step's learning rate, at least 0
	 * @param momentum this step's momentum (for Adam: β1) when the schedule cycles it, as PyTorch's
	 * {@code OneCycleLR} and {@code CyclicLR} set it; {@link Double#NaN} to use the configured value
	 * @throws dev.lrtune.core.InvalidParameterException naming {@code lr} or {@code momentum} when out of range
	 */
	void step(double[] parameters, double[] gradient, double lr, double momentum);

	/** Number of steps taken since creation or the last {@link #reset()}. */
	long steps();

	/** Forgets all state (momentum buffers, moment estimates, step count). */
	void reset();

}
