package dev.lrtune.dataset;

import java.time.Instant;
import java.util.List;

/**
 * A dataset as the API shows it.
 *
 * @param rows rows stored (after {@code missing=drop})
 * @param rowsParsed data rows read from the file
 * @param features number of features after one-hot encoding
 * @param classes class labels in index order (class {@code i} is {@code classes[i]}); empty for regression
 * @param columns every column of the file, in order, with its summary
 */
record DatasetView(long id, String name, int rows, int rowsParsed, int features, Task task, List<String> classes,
		String target, List<String> featureNames, boolean standardize, Instant createdAt, List<ColumnSummary> columns) {

	static DatasetView of(Dataset dataset) {
		return new DatasetView(dataset.id(), dataset.name(), dataset.rows(), dataset.rowsParsed(), dataset.features(),
				dataset.task(), dataset.classes(), dataset.target(), dataset.featureNames(), dataset.standardize(),
				dataset.createdAt(), dataset.columns());
	}

}
