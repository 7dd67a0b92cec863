package dev.lrtune.job.run;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.curve.CurveBatch;
import dev.lrtune.curve.CurveBatchRecorder;
import dev.lrtune.curve.CurveSettings;
import dev.lrtune.curve.Curves;
import dev.lrtune.db.DatabaseOutages;
import dev.lrtune.db.SqlPart;
import dev.lrtune.job.JobFinished;
import dev.lrtune.job.store.JobJson;
import dev.lrtune.job.store.JobMetrics;
import dev.lrtune.job.JobRequest;
import dev.lrtune.job.store.JobRow;
import dev.lrtune.job.store.JobSettings;
import dev.lrtune.job.JobStatus;
import dev.lrtune.job.JobType;
import dev.lrtune.job.store.Jobs;
import dev.lrtune.job.queue.Lease;

/**
 * Runs one claimed job on the calling thread. Every write is one transaction that starts by checking the
 * lease: a curve flush renews it and stores progress and points together; the final write stores the outcome
 * and the last points together (on PostgreSQL in one statement, which needs no transaction of its own). A worker that lost its lease therefore writes nothing more, and a job is
 * never half finished.
 */
@Component
public class JobRunner {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	private static final long RETRY_PAUSE_MILLIS = 250;

	private static final long MAX_RETRY_PAUSE_MILLIS = 2000;

	/** The length of the {@code jobs.error} column ({@code VARCHAR(4000)}); a longer message is cut to it. */
	private static final int MAX_ERROR_LENGTH = 4000;

	private final Jobs jobs;

	private final Curves curves;

	private final JobJson json;

	private final DatasetSplits splits;

	private final Map<JobType, JobExecution> executions;

	private final JobSettings settings;

	private final CurveSettings curveSettings;

	private final TransactionTemplate transactions;

	private final JobMetrics metrics;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	JobRunner(Jobs jobs, Curves curves, JobJson json, DatasetSplits splits, List<JobExecution> executions,
			JobSettings settings, CurveSettings curveSettings, TransactionTemplate transactions, JobMetrics metrics,
			ApplicationEventPublisher events, Clock clock) {
		this.jobs = jobs;
		this.curves = curves;
		this.json = json;
		this.splits = splits;
		this.executions = executions.stream().collect(Collectors.toMap(JobExecution::type, Function.identity()));
		this.settings = settings;
		this.curveSettings = curveSettings;
		this.transactions = transactions;
		this.metrics = metrics;
		this.events = events;
		this.clock = clock;
	}

	public boolean supports(JobType type) {
		return executions.containsKey(type);
	}

	/**
	 * Prepares the run of a claimed job (its dataset split, see {@link DatasetSplits}); {@code registry} learns of it
	 * before it starts.
	 */
	public void run(JobRow job, java.util.function.Consumer<LocalRun> registry) {
		run(job, registry, () -> null);
	}

	/**
	 * {@link #run(JobRow, java.util.function.Consumer)}, and then the claim of the next queued job for the worker that
	 * {@code next} names when the run ends ({@code null}: no claim). On PostgreSQL the end of a run whose last points
	 * follow what is stored is one statement, and the claim joins it (see {@link Jobs#finishAndClaim}); otherwise
	 * nothing is claimed here and the worker claims as usual.
	 * @return the job claimed, now running under {@code next}'s lease; empty when nothing was claimed
	 */
	public Optional<JobRow> run(JobRow job, java.util.function.Consumer<LocalRun> registry, Supplier<String> next) {
		Lease lease = job.lease();
		LocalRun run = null;
		JobMetrics.CurveWrites writes = metrics.curveWrites();
		try {
			// shared: the submission on this instance most likely parsed the same text already (its view)
			JobRequest request = json.readShared(job.request(), JobRequest.class);
			SplitDataset data = splits.split(request);
			writes.start();
			run = new LocalRun(lease, job.leaseUntil(), data, (flushing, batch) -> flush(flushing, batch, writes),
					curveSettings);
			registry.accept(run);
			JobExecution.Outcome outcome = executions.get(job.type()).run(request, job.totalIterations(), run);
			return end(job, run, writes, outcome, next);
		}
		catch (RuntimeException ex) {
			if (run != null && run.lost()) {
				return Optional.empty();
			}
			if (outage(ex)) {
				// not the job's fault: it stays running under a lease nobody renews and re-runs once that expired
				log.warn("Job {}: the database could not be reached ({}); the job runs again after its lease expires",
						job.id(), ex.toString());
				return Optional.empty();
			}
			log.warn("Job {} failed: {}", job.id(), ex.toString());
			return fail(job, run, writes, ex.getMessage() == null ? ex.toString() : ex.getMessage(), next);
		}
	}

	/**
	 * A curve flush: lease check and renewal, progress and whether a cancel was asked (one statement), points, then
	 * whether to go on. While the database cannot be reached the same batch is written again until it is stored or
	 * the lease has run out.
	 */
	private boolean flush(LocalRun run, CurveBatch batch, JobMetrics.CurveWrites writes) {
		Lease lease = run.lease();
		int[] tries = { 0 };
		Optional<Boolean> cancelRequested = whileDatabaseIsDown(run, () -> {
			Instant now = clock.instant();
			Instant until = now.plus(settings.leaseDuration());
			boolean firstTry = tries[0]++ == 0;
			Optional<Boolean> held = transactions.execute(status -> {
				Optional<Boolean> heartbeat = jobs.heartbeat(lease, batch.lastIteration() + 1, now, until);
				if (heartbeat.isPresent()) {
					write(run, batch, firstTry);
				}
				return heartbeat;
			});
			if (held.isPresent()) {
				run.leaseRenewed(until);
			}
			return held;
		});
		if (cancelRequested == null || cancelRequested.isEmpty()) {
			log.warn("Job {}: worker {} lost its lease (attempt {}); it stops without writing more", lease.jobId(),
					lease.worker(), lease.attempt());
			run.loseLease();
			return false;
		}
		run.stored(batch);
		writes.committed(batch);
		if (cancelRequested.get()) {
			run.cancel();
		}
		return !run.stopRequested();
	}

	/**
	 * Stores {@code batch} of {@code run}: appended when it follows everything stored (nothing to delete first),
	 * else over the chunk a flush wrote partially and over whatever an earlier try may have stored.
	 */
	private void write(LocalRun run, CurveBatch batch, boolean firstTry) {
		if (firstTry && run.follows(batch)) {
			curves.append(run.lease().jobId(), batch);
		}
		else {
			curves.write(run.lease().jobId(), batch);
		}
	}

	/**
	 * Runs a write of {@code run}, and while the database cannot be reached (a restart, a network cut), runs it
	 * again after a pause, as long as the run's lease has not run out. Every write is conditional on the lease,
	 * so a write that lands after another worker took the job over changes nothing; the time limit only stops
	 * a worker from waiting for a job that is no longer its own.
	 * @return the write's answer; {@code null} when the lease ran out first (or the instance is shutting down)
	 */
	private <T> T whileDatabaseIsDown(LocalRun run, Supplier<T> write) {
		long pause = RETRY_PAUSE_MILLIS;
		boolean logged = false;
		while (true) {
			try {
				T answer = write.get();
				if (logged) {
					log.info("Job {}: the database answers again; worker {} goes on", run.lease().jobId(),
							run.lease().worker());
				}
				return answer;
			}
			catch (RuntimeException ex) {
				if (!outage(ex)) {
					throw ex;
				}
				if (run.releasing() || clock.instant().plusMillis(pause).isAfter(run.leaseUntil())) {
					log.warn("Job {}: the database could not be reached before worker {}'s lease ran out ({})",
							run.lease().jobId(), run.lease().worker(), ex.toString());
					return null;
				}
				if (!logged) {
					log.warn("Job {}: the database cannot be reached ({}); worker {} retries until its lease ends at {}",
							run.lease().jobId(), ex.toString(), run.lease().worker(), run.leaseUntil());
					logged = true;
				}
				try {
					Thread.sleep(pause);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return null;
				}
				pause = Math.min(pause * 2, MAX_RETRY_PAUSE_MILLIS);
			}
		}
	}

	/**
	 * Whether {@code error} comes from a database that cannot be reached. The exception alone does not always
	 * say: when the connection dies mid-transaction, the failed rollback replaces the original error with one
	 * that names no SQL state. Then the database is asked directly.
	 */
	private boolean outage(RuntimeException error) {
		return DatabaseOutages.isOutage(error) || !jobs.databaseAnswers();
	}

	private Optional<JobRow> end(JobRow job, LocalRun run, JobMetrics.CurveWrites writes, JobExecution.Outcome outcome,
			Supplier<String> next) {
		if (run.lost()) {
			return Optional.empty();
		}
		if (outcome.status() == JobStatus.CANCELLED && !run.cancelled() && run.releasing()) {
			transactions.executeWithoutResult(status -> {
				if (jobs.release(run.lease())) {
					curves.deleteAll(run.lease().jobId());
				}
			});
			return Optional.empty();
		}
		// a succeeded job did all its work, even a range test whose repeats stopped early at divergence; an lr_search's
		// total is the most its race could train, so its progress is what it trained
		Long done = outcome.status() != JobStatus.SUCCEEDED ? null
				: job.type() == JobType.LR_SEARCH ? outcome.result().iterations() : job.totalIterations();
		return finish(job, run, writes, outcome.status(), json.write(outcome.result()), null, done, next);
	}

	private Optional<JobRow> fail(JobRow job, LocalRun run, JobMetrics.CurveWrites writes, String error,
			Supplier<String> next) {
		Lease lease = job.lease();
		try {
			return finish(job, run, writes, JobStatus.FAILED, null,
					error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error, null, next);
		}
		catch (RuntimeException ex) {
			log.error("Job {}: could not record its failure; its lease will expire and it will be recovered",
					lease.jobId(), ex);
			return Optional.empty();
		}
	}

	/**
	 * @param done the progress to store; {@code null}: the iterations recorded (also what a succeeded run stores
	 *     when {@link Jobs#finish} finds it was cancelled)
	 */
	private Optional<JobRow> finish(JobRow job, LocalRun run, JobMetrics.CurveWrites writes, JobStatus status,
			String result, String error, Long done, Supplier<String> next) {
		Lease lease = job.lease();
		CurveBatchRecorder recorder = run == null ? null : run.recorder();
		CurveBatch rest = recorder == null ? null : recorder.drain();
		long recorded = recorder == null ? 0 : recorder.lastIteration() + 1;
		long iterations = done != null ? done : recorded;
		Instant now = clock.instant();
		int[] tries = { 0 };
		List<JobRow> claimed = new ArrayList<>(1);
		Supplier<Optional<JobStatus>> write = () -> {
			boolean firstTry = tries[0]++ == 0;
			if (jobs.postgres() && rest != null && firstTry && run.follows(rest)) {
				// the outcome and the last points in one statement, committed on its own: one round trip, which also
				// claims the worker's next job when it goes on
				SqlPart points = curves.appendAfter("finished", lease.jobId(), rest);
				String worker = next.get();
				Optional<JobStatus> stored;
				if (worker == null) {
					stored = jobs.finish(lease, status, iterations, recorded, result, error, now, points);
				}
				else {
					Jobs.FinishedAndClaimed both = jobs.finishAndClaim(lease, status, iterations, recorded, result,
							error, now, points, worker, now.plus(settings.leaseDuration()));
					stored = both.finished();
					both.claimed().ifPresent(claimed::add);
				}
				if (stored.isEmpty()) {
					log.warn("Job {}: worker {} no longer holds the lease; its outcome ({}) is dropped", lease.jobId(),
							lease.worker(), status.jsonName());
				}
				else {
					curves.appended(lease.jobId());
				}
				return stored;
			}
			return transactions.execute(tx -> {
				Optional<JobStatus> stored = jobs.finish(lease, status, iterations, recorded, result, error, now);
				if (stored.isEmpty()) {
					log.warn("Job {}: worker {} no longer holds the lease; its outcome ({}) is dropped", lease.jobId(),
							lease.worker(), status.jsonName());
				}
				else if (rest != null) {
					write(run, rest, firstTry);
				}
				return stored;
			});
		};
		Optional<JobStatus> stored = run == null ? write.get() : whileDatabaseIsDown(run, write);
		if (stored != null && stored.isPresent()) {
			if (rest != null) {
				writes.committed(rest);
			}
			// those who wait for the job first: the event answers them (see JobWaits), the timer can come after
			events.publishEvent(new JobFinished(job.id(), stored.get().jsonName(), job.studyId()));
			metrics.finished(job, stored.get(), now);
		}
		return claimed.stream().findFirst();
	}

}
