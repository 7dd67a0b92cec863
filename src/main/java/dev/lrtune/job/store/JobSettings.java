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
 */
@ConfigurationProperties("lrtune.jobs")
public record JobSettings(@DefaultValue("10000000") long maxIterations, @DefaultValue("3") int maxAttempts,
		@DefaultValue("30s") Duration leaseDuration, @DefaultValue("10s") Duration recoveryInterval) {
}
