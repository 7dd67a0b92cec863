package dev.lrtune.job;

/**
 * Published once a worker of this instance has committed a job's outcome, so that its study takes its next step at
 * once instead of at its next look. Other endings (a queued job cancelled, a job whose lease ran out on its last
 * attempt, a deleted job) publish nothing: the study coordinator's regular look finds them.
 *
 * @param studyId the job's study; {@code null} for a job on its own
 */
public record JobFinished(long jobId, String status, Long studyId) {
}
