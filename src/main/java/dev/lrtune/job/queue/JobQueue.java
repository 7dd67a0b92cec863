package dev.lrtune.job.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lrtune.curve.Curves;
import dev.lrtune.job.store.JobRow;
import dev.lrtune.job.store.JobSettings;
import dev.lrtune.job.JobStatus;
import dev.lrtune.job.store.Jobs;

/** Claiming queued jobs and recovering running ones whose worker stopped renewing its lease. */
@Component
public class JobQueue {

	private static final Logger log = LoggerFactory.getLogger(JobQueue.class);

	private final Jobs jobs;

	private final Curves curves;

	private final JobSettings settings;

	private final TransactionTemplate transactions;

	private final Clock clock;

	JobQueue(Jobs jobs, Curves curves, JobSettings settings, TransactionTemplate transactions, Clock clock) {
		this.jobs = jobs;
		this.curves = curves;
		this.settings = settings;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * The oldest queued job, now running under {@code worker}'s lease; empty when none is queued. One statement,
	 * committed on its own.
	 */
	public Optional<JobRow> claim(String worker) {
		Instant now = clock.instant();
		return jobs.claim(worker, now, now.plus(settings.leaseDuration()));
	}

	/**
	 * Gives a job claimed but not started back to the queue as if it had never been claimed (a worker stopping); its
	 * lease expires otherwise.
	 */
	void giveBack(JobRow job) {
		try {
			transactions.executeWithoutResult(status -> jobs.release(job.lease()));
		}
		catch (RuntimeException ex) {
			log.warn("Job {}: could not give it back to the queue ({}); it is recovered once its lease expires", job.id(),
					ex.toString());
		}
	}

	/**
	 * Running jobs whose lease ended before {@code now} go back to the queue with their partial curve removed,
	 * in one transaction, to re-run from the start; after {@code maxAttempts} attempts they fail instead. A job
	 * that was asked to cancel is cancelled (keeping its curve).
	 * @return how many jobs were queued again
	 */
	int recoverExpired(Instant now) {
		Integer requeued = transactions.execute(status -> {
			int count = 0;
			for (JobRow job : jobs.lockExpired(now)) {
				if (job.cancelRequested()) {
					jobs.abandon(job.id(), JobStatus.CANCELLED, null, now);
				}
				else if (job.attempt() >= settings.maxAttempts()) {
					jobs.abandon(job.id(), JobStatus.FAILED, "The job's worker (" + job.worker()
							+ ") stopped renewing its lease, and " + job.attempt() + " attempts are the limit "
							+ "(lrtune.jobs.max-attempts); the job was not started again.", now);
				}
				else {
					curves.deleteAll(job.id());
					jobs.requeue(job.id());
					count++;
				}
				log.warn("Job {}: the lease of worker {} (attempt {}) expired; {}", job.id(), job.worker(), job.attempt(),
						job.cancelRequested() ? "cancelled" : job.attempt() >= settings.maxAttempts() ? "failed" : "queued again");
			}
			return count;
		});
		return requeued == null ? 0 : requeued;
	}

}
