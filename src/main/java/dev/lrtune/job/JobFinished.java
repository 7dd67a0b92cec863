package dev.lrtune.job;

/**
 * Published once a job's final status has committed on this instance (a study takes its next step at once instead
 * of at its next look).
 *
 * @param studyId the job's study; {@code null} for a job on its own
 */
public record JobFinished(long jobId, String status, Long studyId) {
}
