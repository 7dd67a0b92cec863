package dev.lrtune.dataset;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lrtune.datasets.interrupted-uploads.*}: when an incomplete dataset is taken for an upload a crash interrupted.
 *
 * @param maxAge how old an incomplete dataset must be before it is deleted; longer than any upload takes to store its
 * matrix on any instance sharing the database, clocks' differences included
 * @param checkInterval how often this instance looks for them (also once at start)
 */
@ConfigurationProperties("lrtune.datasets.interrupted-uploads")
record InterruptedUploadSettings(@DefaultValue("1h") Duration maxAge, @DefaultValue("15m") Duration checkInterval) {

	InterruptedUploadSettings {
		if (maxAge.compareTo(Duration.ofMinutes(1)) < 0) {
			throw new IllegalArgumentException("lrtune.datasets.interrupted-uploads.max-age must be at least 1m");
		}
		if (checkInterval.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException(
					"lrtune.datasets.interrupted-uploads.check-interval must be at least 1s");
		}
	}

}
