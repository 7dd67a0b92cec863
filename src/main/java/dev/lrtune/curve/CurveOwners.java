package dev.lrtune.curve;

/** What the curve API needs to know of the jobs that own curves; implemented by the job module. */
public interface CurveOwners {

	/** Whether a job with this id exists. */
	boolean exists(long jobId);

}
