package dev.lrtune.analysis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the range-test API.
 *
 * @param maxAnalyzePoints the longest curve {@code POST /range-tests/analyze} accepts
 */
@ConfigurationProperties("lrtune.range-tests")
record RangeTestSettings(@DefaultValue("100000") int maxAnalyzePoints) {
}
