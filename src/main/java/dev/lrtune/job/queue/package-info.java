/**
 * The lease queue: {@link dev.lrtune.job.queue.JobQueue} claims the oldest queued job under a worker's
 * {@link dev.lrtune.job.queue.Lease} and recovers jobs whose lease expired; {@link dev.lrtune.job.queue.Workers} is
 * this instance's pool that claims, wakes up, renews leases and recovers. Internal to the job module.
 */
package dev.lrtune.job.queue;
