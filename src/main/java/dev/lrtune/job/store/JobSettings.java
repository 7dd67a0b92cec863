package dev.lrtune.job.store;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of jobs ({@code lrtune.jobs.*}).
 *
 * @param maxIterations the most iterations one job may run (a range test: iterations × repeats)
 * @param maxAttempts how often a job whose worker vanished is started again before it fails
 * @param leaseDuration how long a claim holds without renewal; a running job whose lease is older than this is
 *     taken over by another worker
 * @param recoveryInterval how often expired leases are looked for (also once at start-up)
 * @param maxWait the longest a request may wait for a job's end (the {@code wait} parameter of a job's read and of its
 *     recommendation); a longer wait is a 400
 * @param waitCheckInterval while requests wait, how often the statuses of their jobs are read from the database, for
 *     the endings this instance is not told of (another instance's worker, a lease running out)
 */
@ConfigurationProperties("lrtune.jobs")
public record JobSettings(@DefaultValue("10000000") long maxIterations, @DefaultValue("3") int maxAttempts,
		@DefaultValue("30s") Duration leaseDuration, @DefaultValue("10s") Duration recoveryInterval,
		@DefaultValue("60s") Duration maxWait, @DefaultValue("250ms") Duration waitCheckInterval) {

	public JobSettings {
		if (maxWait.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("lrtune.jobs.max-wait must be at least 1s, got " + maxWait);
		}
		if (waitCheckInterval.compareTo(Duration.ofMillis(10)) < 0) {
			throw new IllegalArgumentException("lrtune.jobs.wait-check-interval must be at least 10ms, got "
					+ waitCheckInterval);
		}
	}

}
