package dev.lrtune.curve;

import java.util.Optional;

/** What the curve API needs to know of the jobs that own curves; implemented by the job module. */
public interface CurveOwners {

	/** Whether a job with this id exists. */
	boolean exists(long jobId);

	/** The job's status, empty when no job has this id. */
	Optional<OwnerStatus> status(long jobId);

	/**
	 * @param name the status as the API spells it ({@code running}, {@code succeeded}…)
	 * @param finished whether it is terminal: a finished job's curve is complete
	 */
	record OwnerStatus(String name, boolean finished) {
	}

}
