package dev.lrtune.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lrtune.curve.CurveBatch;
import dev.lrtune.curve.CurveRecorder;
import dev.lrtune.curve.CurveSettings;
import dev.lrtune.curve.Curves;

/**
 * Runs one claimed job on the calling thread. Every write is one transaction that starts by checking the
 * lease: a curve flush renews it and stores progress and points together; the final write stores the outcome
 * and the last points together. A worker that lost its lease therefore writes nothing more, and a job is
 * never half finished.
 */
@Component
class JobRunner {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	private final Jobs jobs;

	private final Curves curves;

	private final JobJson json;

	private final JobDatasets datasets;

	private final Map<JobType, JobExecution> executions;

	private final JobSettings settings;

	private final CurveSettings curveSettings;

	private final TransactionTemplate transactions;

	private final JobMetrics metrics;

	JobRunner(Jobs jobs, Curves curves, JobJson json, JobDatasets datasets, List<JobExecution> executions,
			JobSettings settings, CurveSettings curveSettings, TransactionTemplate transactions, JobMetrics metrics) {
		this.jobs = jobs;
		this.curves = curves;
		this.json = json;
		this.datasets = datasets;
		this.executions = executions.stream().collect(Collectors.toMap(JobExecution::type, Function.identity()));
		this.settings = settings;
		this.curveSettings = curveSettings;
		this.transactions = transactions;
		this.metrics = metrics;
	}

	boolean supports(JobType type) {
		return executions.containsKey(type);
	}

	/** Prepares the run of a claimed job (loading its dataset); {@code registry} learns of it before it starts. */
	void run(JobRow job, java.util.function.Consumer<LocalRun> registry) {
		Lease lease = job.lease();
		LocalRun run = null;
		JobMetrics.CurveWrites writes = metrics.curveWrites();
		try {
			JobRequest request = json.read(job.request(), JobRequest.class);
			LocalRun[] self = new LocalRun[1];
			JobDatasets.Loaded dataset = datasets.load(request.dataset());
			writes.start();
			run = new LocalRun(lease, dataset, batch -> flush(self[0], batch, writes), curveSettings);
			self[0] = run;
			registry.accept(run);
			JobExecution.Outcome outcome = executions.get(job.type()).run(request, job.totalIterations(), run);
			end(job, run, writes, outcome);
		}
		catch (RuntimeException ex) {
			if (run != null && run.lost()) {
				return;
			}
			log.warn("Job {} failed: {}", job.id(), ex.toString());
			fail(job, run, writes, ex.getMessage() == null ? ex.toString() : ex.getMessage());
		}
	}

	/** A curve flush: lease check and renewal, progress, points, then whether to go on. */
	private boolean flush(LocalRun run, CurveBatch batch, JobMetrics.CurveWrites writes) {
		Lease lease = run.lease();
		Instant now = Instant.now();
		boolean held = Boolean.TRUE.equals(transactions.execute(status -> {
			if (!jobs.heartbeat(lease, batch.lastIteration() + 1, now, now.plus(settings.leaseDuration()))) {
				return false;
			}
			curves.write(lease.jobId(), batch);
			return true;
		}));
		if (!held) {
			log.warn("Job {}: worker {} lost its lease (attempt {}); it stops without writing more", lease.jobId(),
					lease.worker(), lease.attempt());
			run.loseLease();
			return false;
		}
		writes.committed(batch);
		if (jobs.cancelRequested(lease.jobId())) {
			run.cancel();
		}
		return !run.stopRequested();
	}

	private void end(JobRow job, LocalRun run, JobMetrics.CurveWrites writes, JobExecution.Outcome outcome) {
		if (run.lost()) {
			return;
		}
		if (outcome.status() == JobStatus.CANCELLED && !run.cancelled() && run.releasing()) {
			transactions.executeWithoutResult(status -> {
				if (jobs.release(run.lease())) {
					curves.deleteAll(run.lease().jobId());
				}
			});
			return;
		}
		// a succeeded job did all its work, even a range test whose repeats stopped early at divergence
		Long done = outcome.status() == JobStatus.SUCCEEDED ? job.totalIterations() : null;
		finish(job, run, writes, outcome.status(), json.write(outcome.result()), null, done);
	}

	private void fail(JobRow job, LocalRun run, JobMetrics.CurveWrites writes, String error) {
		Lease lease = job.lease();
		try {
			finish(job, run, writes, JobStatus.FAILED, null, error.length() > 4000 ? error.substring(0, 4000) : error,
					null);
		}
		catch (RuntimeException ex) {
			log.error("Job {}: could not record its failure; its lease will expire and it will be recovered",
					lease.jobId(), ex);
		}
	}

	/** @param done the progress to store; {@code null}: the iterations recorded */
	private void finish(JobRow job, LocalRun run, JobMetrics.CurveWrites writes, JobStatus status, String result,
			String error, Long done) {
		Lease lease = job.lease();
		CurveRecorder recorder = run == null ? null : run.recorder();
		CurveBatch rest = recorder == null ? null : recorder.drain();
		long iterations = done != null ? done : recorder == null ? 0 : recorder.lastIteration() + 1;
		Instant now = Instant.now();
		boolean recorded = Boolean.TRUE.equals(transactions.execute(tx -> {
			if (!jobs.finish(lease, status, iterations, result, error, now)) {
				log.warn("Job {}: worker {} no longer holds the lease; its outcome ({}) is dropped", lease.jobId(),
						lease.worker(), status.jsonName());
				return false;
			}
			if (rest != null) {
				curves.write(lease.jobId(), rest);
			}
			return true;
		}));
		if (recorded) {
			if (rest != null) {
				writes.committed(rest);
			}
			metrics.finished(job, status, now);
		}
	}

}
