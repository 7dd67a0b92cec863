/**
 * The lease queue: {@link dev.lrtune.job.queue.JobQueue} claims the oldest queued job under a worker's
 * {@link dev.lrtune.job.queue.Lease} and recovers jobs whose lease expired. {@link dev.lrtune.job.queue.Workers} is
 * this instance's pool of claiming threads; {@link dev.lrtune.job.queue.WorkerWakeUp} wakes them,
 * {@link dev.lrtune.job.queue.LeaseHeartbeat} renews the leases of the {@link dev.lrtune.job.queue.RunningJobs} and
 * {@link dev.lrtune.job.queue.LeaseRecovery} gives expired ones back. Time is the application's {@link java.time.Clock}.
 * Internal to the job module.
 */
package dev.lrtune.job.queue;
