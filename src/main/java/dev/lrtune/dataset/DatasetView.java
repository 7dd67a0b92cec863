package dev.lrtune.dataset;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A dataset as the API shows it.
 *
 * @param rows rows stored (after {@code missing=drop})
 * @param rowsParsed data rows read from the file
 * @param rowsDropped rows left out for a missing cell ({@code missing=drop}; under {@code missing=mean}, a missing
 *     target): {@code rowsParsed - rows}
 * @param features number of features after one-hot encoding
 * @param classes class labels in index order (class {@code i} is {@code classes[i]}); empty for regression
 * @param columns every column of the file, in order, with its summary
 */
@Schema(description = "An uploaded dataset: its shape after encoding, how many rows were read and kept, and its columns.")
record DatasetView(@Schema(description = "The dataset's id; refer to it in a job as \"dataset\": \"<id>\"") long id,
		@Schema(description = "The dataset's name") String name, @Schema(description = "Rows stored (after missing=drop)") int rows,
		@Schema(description = "Data rows read from the file") int rowsParsed,
		@Schema(description = "Rows left out for a missing cell (missing=drop; under missing=mean, a missing target): rowsParsed − rows") int rowsDropped,
		@Schema(description = "Features after one-hot encoding") int features,
		@Schema(description = "regression or classification") TargetKind task,
		@Schema(description = "Class labels in index order; empty for regression") List<String> classes,
		@Schema(description = "The target column") String target,
		@Schema(description = "Feature names after one-hot encoding (column=value for a category)") List<String> featureNames, @Schema(description = "Whether training z-scores the features") boolean standardize,
		@Schema(description = "When it was uploaded") Instant createdAt,
		@Schema(description = "Every column of the file, in order, with its summary") List<ColumnSummary> columns) {

	static DatasetView of(StoredDataset dataset) {
		return new DatasetView(dataset.id(), dataset.name(), dataset.rows(), dataset.rowsParsed(),
				dataset.rowsParsed() - dataset.rows(), dataset.features(),
				dataset.task(), dataset.classes(), dataset.target(), dataset.featureNames(), dataset.standardize(),
				dataset.createdAt(), dataset.columns());
	}

}
