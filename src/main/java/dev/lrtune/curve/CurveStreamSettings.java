package dev.lrtune.curve;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@code GET /jobs/{id}/curve/stream} ({@code lrtune.curves.stream.*}).
 *
 * @param pollInterval how often an open stream reads the curve store for new points
 * @param timeout how long a stream stays open; the client reconnects to go on
 */
@ConfigurationProperties("lrtune.curves.stream")
public record CurveStreamSettings(@DefaultValue("300ms") Duration pollInterval, @DefaultValue("30m") Duration timeout) {

	public CurveStreamSettings {
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException("lrtune.curves.stream.poll-interval must be positive");
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("lrtune.curves.stream.timeout must be positive");
		}
	}

}
