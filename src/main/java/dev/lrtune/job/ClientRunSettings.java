package dev.lrtune.job;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of client-run jobs ({@code lrtune.client-runs.*}).
 *
 * @param lease how long a client-run job stays running without a post; past it the job fails (its points kept)
 * @param maxPointsPerPost the most points (iterations and evaluations together) one post may carry
 * @param leaseCheckInterval how often this instance looks for client-run jobs whose lease has passed
 */
@ConfigurationProperties("lrtune.client-runs")
record ClientRunSettings(@DefaultValue("10m") Duration lease, @DefaultValue("10000") int maxPointsPerPost,
		@DefaultValue("30s") Duration leaseCheckInterval) {
}
