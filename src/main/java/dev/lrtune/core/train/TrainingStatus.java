package dev.lrtune.core.train;

/** How a run ended. */
public enum TrainingStatus {

	/** All iterations ran. */
	COMPLETED,

	/** A training or validation loss became NaN or infinite; that point was reported and the run ended. */
	DIVERGED,

	/** The listener asked to stop, or the run was cancelled. */
	STOPPED

}
