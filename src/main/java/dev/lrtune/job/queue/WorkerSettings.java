package dev.lrtune.job.queue;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of this instance's worker pool ({@code lrtune.workers.*}).
 *
 * @param enabled {@code false} makes an instance that serves the API only
 * @param threads jobs run at once; default the number of processors
 * @param pollInterval how often an idle worker looks for jobs submitted to other instances (jobs submitted
 *     here wake it at once)
 * @param heartbeatInterval how often the leases of running jobs are renewed (besides every curve flush)
 */
@ConfigurationProperties("lrtune.workers")
record WorkerSettings(@DefaultValue("true") boolean enabled, Integer threads, @DefaultValue("2s") Duration pollInterval,
		@DefaultValue("5s") Duration heartbeatInterval) {

	int threadCount() {
		return threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
	}

}
