package dev.lrtune.curve;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of curve storage and reading ({@code lrtune.curves.*}).
 *
 * @param maxPoints the most points one curve response holds (raw points beyond it come in pages, and
 *     {@code maxPoints} above it is a 400)
 * @param flushInterval how often a running job writes its buffered points (and its progress)
 * @param maxBufferedPoints a flush also happens once this many points wait, bounding a fast job's memory
 */
@ConfigurationProperties("lrtune.curves")
public record CurveSettings(@DefaultValue("100000") int maxPoints, @DefaultValue("1s") Duration flushInterval,
		@DefaultValue("1048576") int maxBufferedPoints) {
}
