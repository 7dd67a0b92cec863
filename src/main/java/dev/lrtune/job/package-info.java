/**
 * Jobs: training and range-test runs submitted over HTTP, queued as rows of the {@code jobs} table and run
 * by a pool of {@link dev.lrtune.job.queue.Workers} that claim them with {@code SELECT … FOR UPDATE SKIP LOCKED}
 * and hold them through a renewed lease. A job whose lease expires (its instance died) is re-run from the
 * start by whichever instance recovers it. {@link dev.lrtune.job.JobManagement} is the API's entry point;
 * {@link dev.lrtune.job.run.JobExecution}s turn a request into a run of the core trainer; datasets come
 * through {@link dev.lrtune.job.run.JobDatasets}. {@link dev.lrtune.job.store.JobMetrics} and
 * {@link dev.lrtune.job.queue.WorkersHealthIndicator} report the pool and the queue to the actuator.
 *
 * <p>A client-run job ({@code runner: client}) has no worker here: the client trains its own model and posts its
 * points, which {@link dev.lrtune.job.ClientRuns} stores in the same curve store, answering whether to stop and the
 * next rate; its lease is renewed by the posts and checked by {@link dev.lrtune.job.ClientRunLeases}.
 */
package dev.lrtune.job;
