package dev.lrtune.core.rangetest;

/**
 * Receives a range test's curve as it is produced, on the training thread, so the service can persist it
 * step by step. Arguments are primitives: a report costs no allocation.
 */
@FunctionalInterface
public interface RangeTestListener {

	/** Listens to nothing. */
	RangeTestListener NONE = (repeat, iteration, lr, loss, smoothedLoss) -> {
	};

	/**
	 * One recorded step of one repeat; {@code iteration} counts from 0 within the repeat.
	 *
	 * @param lr the rate step {@code iteration} trained with
	 * @param loss the raw loss of the step, as {@link RangeTestOptions.LossSource} defines it; NaN or
	 *        infinite on the step that diverged
	 * @param smoothedLoss the {@link SmoothedLoss} after this step (NaN from the first non-finite loss on)
	 */
	void onStep(int repeat, int iteration, double lr, double loss, double smoothedLoss);

}
