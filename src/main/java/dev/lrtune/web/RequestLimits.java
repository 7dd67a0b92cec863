package dev.lrtune.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code lrtune.requests.*}: what a JSON request body may be, checked while it is read (CSV uploads have their own
 * {@code lrtune.datasets.max-bytes}).
 *
 * @param maxJsonSize the largest JSON body; past it a 413 problem. The longest legitimate bodies are an analysis of
 *     100,000 points (about 4 MB) and a preview's {@code metrics}; 10 MB leaves room for both
 * @param maxJsonDepth how deeply objects and arrays may nest; past it a 400 problem. Deserialising nested schedules
 *     recurses, and a {@code warmup} nested a few hundred deep overflows a request thread's stack before Jackson's own
 *     limit (500) is reached. A job with a schedule is 4 levels deep; each {@code warmup} adds 1, each
 *     {@code sequential} 2
 */
@ConfigurationProperties("lrtune.requests")
public record RequestLimits(@DefaultValue("10MB") DataSize maxJsonSize, @DefaultValue("64") int maxJsonDepth) {

	public RequestLimits {
		if (maxJsonSize.toBytes() < 1) {
			throw new IllegalArgumentException("lrtune.requests.max-json-size must be at least 1B");
		}
		if (maxJsonDepth < 1) {
			throw new IllegalArgumentException("lrtune.requests.max-json-depth must be at least 1");
		}
	}

}
