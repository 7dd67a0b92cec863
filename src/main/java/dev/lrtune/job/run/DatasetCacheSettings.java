package dev.lrtune.job.run;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the cache of datasets' rows and of jobs' split and standardised matrices
 * ({@code lrtune.dataset-cache.*}).
 *
 * @param maxSize the most memory the cached matrices may take (their doubles, 8 bytes each), half for rows and half
 *     for splits; the least recently used go first. {@code 0} turns the cache off: every job loads
 *     and splits its dataset again
 */
@ConfigurationProperties("lrtune.dataset-cache")
record DatasetCacheSettings(@DefaultValue("256MB") DataSize maxSize) {
}
