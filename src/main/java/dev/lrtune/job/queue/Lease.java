package dev.lrtune.job.queue;

/**
 * A worker's hold on a running job. {@code attempt} tells two claims of the same job by the same worker
 * apart, so a worker that lost its lease can never write into the next attempt.
 */
public record Lease(long jobId, String worker, int attempt) {
}
