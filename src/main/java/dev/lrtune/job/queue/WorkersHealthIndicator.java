package dev.lrtune.job.queue;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import dev.lrtune.job.store.JobMetrics;

/**
 * The {@code workers} component of {@code /actuator/health}: this instance's pool (enabled, threads, busy
 * threads) and the queued jobs in the database. Up while the pool runs; an instance with workers disabled
 * (API only) is up as well, since it is configured so. The bean name gives the component its name.
 */
@Component
class WorkersHealthIndicator implements HealthIndicator {

	private final Workers workers;

	private final WorkerSettings settings;

	private final JobMetrics metrics;

	WorkersHealthIndicator(Workers workers, WorkerSettings settings, JobMetrics metrics) {
		this.workers = workers;
		this.settings = settings;
		this.metrics = metrics;
	}

	@Override
	public Health health() {
		boolean down = settings.enabled() && !workers.isRunning();
		return (down ? Health.down() : Health.up()).withDetail("enabled", settings.enabled())
			.withDetail("threads", settings.enabled() ? settings.threadCount() : 0)
			.withDetail("busyThreads", workers.busyThreads())
			.withDetail("queueDepth", metrics.queueDepth())
			.build();
	}

}
