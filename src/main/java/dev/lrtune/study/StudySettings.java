package dev.lrtune.study;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of studies ({@code lrtune.studies.*}).
 *
 * @param pollInterval how often running studies are looked at for jobs that finished on other instances (one
 *     finishing on this instance moves its study on at once)
 * @param askRetryAfter a client-run study whose every remaining trial is in flight answers an ask with 204 and this
 *     as {@code Retry-After} (whole seconds, at least one): when to ask again for a trial that may have been freed
 */
@ConfigurationProperties("lrtune.studies")
record StudySettings(@DefaultValue("1s") Duration pollInterval, @DefaultValue("10s") Duration askRetryAfter) {

	/** {@link #askRetryAfter} in whole seconds, at least 1. */
	long askRetryAfterSeconds() {
		return Math.max(1, (askRetryAfter.toMillis() + 999) / 1000);
	}

}
