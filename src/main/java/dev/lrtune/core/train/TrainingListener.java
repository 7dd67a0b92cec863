package dev.lrtune.core.train;

/**
 * Receives the curve of a run as it is produced, on the training thread. Arguments are primitives so a
 * report costs no allocation, and {@link #NONE} inlines to nothing.
 *
 * <p>Iterations count from 0 and equal the schedule's step {@code k}: {@code onIteration(k, …)} reports the
 * minibatch loss measured before step k's update and the rate (and momentum) that update used;
 * {@code onValidation(k, …)} reports the validation split measured after it.
 */
public interface TrainingListener {

	/** Listens to nothing. */
	TrainingListener NONE = new TrainingListener() {
	};

	/**
	 * One optimizer step.
	 * @param momentum the scheduled momentum (Adam: β1), or NaN when the schedule does not cycle it
	 * @param loss the minibatch's training loss; NaN or infinite on the iteration that diverged
	 */
	default void onIteration(long iteration, double lr, double momentum, double loss) {
	}

	/**
	 * The validation split measured at the end of {@code iteration}.
	 * @param accuracy share of correct predictions, NaN for regression
	 */
	default void onValidation(long iteration, double loss, double accuracy) {
	}

	/**
	 * Polled after every iteration's reports: {@code true} ends the run with
	 * {@link TrainingStatus#STOPPED} (the range test stops once its smoothed loss diverges).
	 */
	default boolean stopRequested() {
		return false;
	}

}
