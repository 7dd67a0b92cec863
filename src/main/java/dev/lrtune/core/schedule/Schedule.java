package dev.lrtune.core.schedule;

/**
 * A learning-rate schedule: the rate (and optionally the momentum) to use at optimizer step {@code k},
 * counting from 0.
 *
 * <p>Lifecycle: the trainer asks {@link #lr(long)} (and {@link #momentum(long)}) before step k's update,
 * then, when a validation loss was measured at the end of step k, calls {@link #observe(long, double)}.
 * Every schedule but {@code plateau} is a pure function of the step and ignores {@code observe}; a
 * metric-driven schedule is stateful, so build a fresh instance for each run.
 */
public interface Schedule {

	/** The learning rate to use for step {@code step} (0-based). */
	double lr(long step);

	/**
	 * The momentum (or Adam's beta1) to use for step {@code step}, or {@link Double#NaN} when this schedule
	 * leaves the optimizer's momentum alone.
	 */
	default double momentum(long step) {
		return Double.NaN;
	}

	/** Whether {@link #momentum(long)} returns values (cyclic and one_cycle with cycleMomentum). */
	default boolean cyclesMomentum() {
		return false;
	}

	/** The validation metric measured at the end of step {@code step}. Only metric-driven schedules use it. */
	default void observe(long step, double metric) {
	}

	/** Whether this schedule (or one nested in it) changes with {@link #observe(long, double)}. */
	default boolean isMetricDriven() {
		return false;
	}

}
