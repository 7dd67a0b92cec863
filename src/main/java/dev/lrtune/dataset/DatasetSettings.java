package dev.lrtune.dataset;


import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code lrtune.datasets.*}.
 *
 * @param maxCategories most distinct values a string column (or a classification target) may have
 * @param maxBytes largest upload; keep {@code spring.servlet.multipart.max-file-size} equal to it
 * @param maxValues largest encoded matrix, rows × features after one-hot (50 million doubles = 400 MB)
 * @param dataDir the directory {@code file:} dataset references are relative to
 * @param maxColumns most columns a CSV header may have (each becomes at least one feature)
 */
@ConfigurationProperties("lrtune.datasets")
record DatasetSettings(@DefaultValue("100") int maxCategories, @DefaultValue("50MB") DataSize maxBytes,
		@DefaultValue("50000000") long maxValues, @DefaultValue("./data/files") String dataDir,
		@DefaultValue("" + DatasetSettings.DEFAULT_MAX_COLUMNS) int maxColumns) {

	static final int DEFAULT_MAX_COLUMNS = 10_000;

	DatasetSettings {
		if (maxCategories < 2) {
			throw new IllegalArgumentException("lrtune.datasets.max-categories must be at least 2");
		}
		if (maxBytes.toBytes() < 1 || maxBytes.toBytes() > Integer.MAX_VALUE - 16) {
			throw new IllegalArgumentException("lrtune.datasets.max-bytes must be between 1B and 2047MB");
		}
		if (maxColumns < 2) {
			throw new IllegalArgumentException("lrtune.datasets.max-columns must be at least 2");
		}
		if (maxValues < 1 || maxValues > Integer.MAX_VALUE - 16) {
			throw new IllegalArgumentException("lrtune.datasets.max-values must be between 1 and 2147483631");
		}
	}

}
