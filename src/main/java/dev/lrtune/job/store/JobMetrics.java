package dev.lrtune.job.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.lrtune.curve.CurveBatch;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import dev.lrtune.job.JobStatus;

/**
 * The job metrics on {@code /actuator/prometheus}. Job counts come from the database, one {@code GROUP BY}
 * at most once a second however often they are scraped. Iterations and curve points are counted once per
 * flush, never on the training thread's per-iteration path.
 */
@Component
public class JobMetrics {

	/** How long one count of the jobs by status is reused. */
	private static final Duration COUNTS_MAX_AGE = Duration.ofSeconds(1);

	private final MeterRegistry registry;

	private final Counter iterations;

	private final Counter pointsWritten;

	private final Timer writeLag;

	/** The one count by status (under the key {@code true}), at most {@link #COUNTS_MAX_AGE} old. */
	private final LoadingCache<Boolean, Map<JobStatus, Long>> counts;

	JobMetrics(Jobs jobs, MeterRegistry registry) {
		this.registry = registry;
		this.counts = Caffeine.newBuilder()
			.expireAfterWrite(COUNTS_MAX_AGE)
			.executor(Runnable::run)
			.recordStats()
			.build(all -> jobs.countByStatus());
		CaffeineCacheMetrics.monitor(registry, counts, "job-counts");
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
	public long queueDepth() {
		return count(JobStatus.QUEUED);
	}

	/** Jobs of {@code status} in the database, at most a second old. */
	long count(JobStatus status) {
		return counts.get(true).getOrDefault(status, 0L);
	}

	/** Starts measuring one run's curve writes; call when the run starts recording. */
	public CurveWrites curveWrites() {
		return new CurveWrites();
	}

	/** Points (iterations and evaluations) a client posted were committed. */
	public void pointsCommitted(long points) {
		pointsWritten.increment(points);
	}

	/** A job ended: its duration since it was claimed, by type and final status. */
	public void finished(JobRow job, JobStatus status, Instant now) {
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
	public final class CurveWrites {

		private long lastCommit = System.nanoTime();

		private long lastIteration = -1;

		/** The run starts recording (its dataset is loaded). */
		public void start() {
			lastCommit = System.nanoTime();
		}

		/** A batch was committed. */
		public void committed(CurveBatch batch) {
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
