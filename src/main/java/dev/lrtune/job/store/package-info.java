/**
 * The {@code jobs} table, which is also the queue: {@link dev.lrtune.job.store.Jobs} runs its statements on
 * {@link dev.lrtune.job.store.JobRow}s (the {@link dev.lrtune.job.store.JobFilter}s of {@code GET /jobs} included),
 * {@link dev.lrtune.job.store.JobJson} reads and writes its JSON columns and tells
 * {@link dev.lrtune.job.store.JobChanges} of every write; {@link dev.lrtune.job.store.JobSettings} bound a job's
 * iterations and leases, and {@link dev.lrtune.job.store.JobMetrics} count the stored jobs for the actuator.
 * Internal to the job module: other modules reach jobs through {@link dev.lrtune.job.JobManagement}.
 */
package dev.lrtune.job.store;
