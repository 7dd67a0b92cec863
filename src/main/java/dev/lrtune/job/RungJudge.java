package dev.lrtune.job;

import java.util.List;

import dev.lrtune.curve.ValidationPoint;

/**
 * Decides whether a client-run trial of a study stops at a rung (pruning). The job module asks it after a post that
 * carried validation points to a job that belongs to a study, in a transaction of its own that then ends the job when
 * the answer is yes; the module that runs studies implements it, so that jobs need know nothing of studies.
 */
public interface RungJudge {

	/**
	 * @return true when the trial must stop now: the points answer says {@code stop} with reason {@code pruned} and the
	 *     job ends
	 */
	boolean prunes(TrialReport report);

	/**
	 * What a trial has reported so far.
	 *
	 * @param validations every validation point stored for the job, in iteration order
	 */
	record TrialReport(long jobId, long studyId, List<ValidationPoint> validations) {
	}

}
