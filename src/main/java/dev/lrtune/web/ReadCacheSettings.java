package dev.lrtune.web;

import java.time.Duration;
import java.util.function.Function;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code lrtune.read-cache.*}: how long polled answers ({@code GET /jobs/{id}}, downsampled curves) may be served from
 * memory, see {@link ReadCache}.
 *
 * @param ttl the oldest an answer may be, for changes made by other instances sharing the database (this instance's
 *     own writes show at once); 0 turns the cache off
 * @param maxEntries job views kept at most (curves: a hundredth of it, each at most {@code maxCurveSize})
 * @param maxCurveSize the largest curve answer kept (a downsampled curve of 500 points is about 30 KB)
 */
@ConfigurationProperties("lrtune.read-cache")
public record ReadCacheSettings(@DefaultValue("500ms") Duration ttl, @DefaultValue("10000") int maxEntries,
		@DefaultValue("256KB") DataSize maxCurveSize) {

	public ReadCacheSettings {
		if (ttl.isNegative()) {
			throw new IllegalArgumentException("lrtune.read-cache.ttl must not be negative, got " + ttl);
		}
		if (maxEntries < 100) {
			throw new IllegalArgumentException("lrtune.read-cache.max-entries must be at least 100, got " + maxEntries);
		}
	}

	/**
	 * A cache with these settings, invalidated by the groups {@code group} gives its keys, its statistics published
	 * as Micrometer's {@code cache.*} meters tagged {@code cache=name}.
	 */
	public <K, V> ReadCache<K, V> cache(String name, int entries, Function<K, Object> group, MeterRegistry registry) {
		return new ReadCache<K, V>(ttl, entries, group, System::nanoTime).bindTo(registry, name);
	}

}
