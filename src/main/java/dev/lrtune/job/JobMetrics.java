package dev.lrtune.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.lrtune.curve.CurveBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The job metrics on {@code /actuator/prometheus}. Job counts come from the database, one {@code GROUP BY}
 * at most once a second however often they are scraped. Iterations and curve points are counted once per
 * flush, never on the training thread's per-iteration path.
 */
@Component
class JobMetrics {

	private static final long COUNTS_MAX_AGE_NANOS = Duration.ofSeconds(1).toNanos();

	private final Jobs jobs;

	private final MeterRegistry registry;

	private final Counter iterations;

	private final Counter pointsWritten;

	private final Timer writeLag;

	private Map<JobStatus, Long> counts = Map.of();

	private long countedAt;

	private boolean counted;

	JobMetrics(Jobs jobs, MeterRegistry registry) {
		this.jobs = jobs;
		this.registry = registry;
		this.iterations = Counter.builder("lrtune.iterations")
			.description("Training iterations run by this instance's workers (counted per curve flush)")
			.register(registry);
		this.pointsWritten = Counter.builder("lrtune.curve.points.written")
			.description("Curve points (iterations and evaluations) committed by this instance")
			.register(registry);
		this.writeLag = Timer.builder("lrtune.curve.write.lag")
			.description("Per flush: from the oldest point of the batch being recorded to its commit")
			.register(registry);
		for (JobStatus status : JobStatus.values()) {
			Gauge.builder("lrtune.jobs", this, metrics -> metrics.count(status))
				.description("Jobs in the database by status")
				.tag("status", status.jsonName())
				.register(registry);
		}
		Gauge.builder("lrtune.queue.depth", this, JobMetrics::queueDepth)
			.description("Queued jobs in the database")
			.register(registry);
	}

	/** Queued jobs in the database, at most a second old. */
	long queueDepth() {
		return count(JobStatus.QUEUED);
	}

	/** Jobs of {@code status} in the database, at most a second old. */
	synchronized long count(JobStatus status) {
		long now = System.nanoTime();
		if (!counted || now - countedAt > COUNTS_MAX_AGE_NANOS) {
			counts = jobs.countByStatus();
			countedAt = now;
			counted = true;
		}
		return counts.getOrDefault(status, 0L);
	}

	/** Starts measuring one run's curve writes; call when the run starts recording. */
	CurveWrites curveWrites() {
		return new CurveWrites();
	}

	/** Points (iterations and evaluations) a client posted were committed. */
	void pointsCommitted(long points) {
		pointsWritten.increment(points);
	}

	/** A job ended: its duration since it was claimed, by type and final status. */
	void finished(JobRow job, JobStatus status, Instant now) {
		if (job.startedAt() == null) {
			return;
		}
		Timer.builder("lrtune.job.duration")
			.description("Run time of jobs from claim to outcome")
			.tag("type", job.type().jsonName())
			.tag("status", status.jsonName())
			.publishPercentileHistogram()
			.register(registry)
			.record(Duration.between(job.startedAt(), now));
	}

	/**
	 * The curve writes of one run. Every point of a batch was recorded after the previous flush committed,
	 * so the time from that commit to this one bounds the lag of the batch's oldest point.
	 */
	final class CurveWrites {

		private long lastCommit = System.nanoTime();

		private long lastIteration = -1;

		/** The run starts recording (its dataset is loaded). */
		void start() {
			lastCommit = System.nanoTime();
		}

		/** A batch was committed. */
		void committed(CurveBatch batch) {
			long now = System.nanoTime();
			long fresh = Math.max(0, batch.lastIteration() - lastIteration);
			iterations.increment(fresh);
			pointsWritten.increment(fresh + batch.validations().size());
			if (!batch.isEmpty()) {
				writeLag.record(Duration.ofNanos(now - lastCommit));
			}
			lastIteration = Math.max(lastIteration, batch.lastIteration());
			lastCommit = now;
		}

	}

}
