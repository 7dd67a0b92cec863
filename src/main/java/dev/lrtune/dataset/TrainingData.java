package dev.lrtune.dataset;

import java.util.List;

/**
 * A dataset as training reads it: dense, encoded (one-hot), not standardised; training z-scores the
 * features with its training split's statistics when {@code standardize} is set. The arrays are the
 * caller's own copy.
 *
 * @param features row-major, {@code rows × cols}: feature {@code j} of row {@code i} is {@code features[i * cols + j]}
 * @param rows number of rows
 * @param cols number of features
 * @param targets one per row: the value (regression) or the class index 0..classCount−1 (classification)
 * @param task regression or classification
 * @param classCount number of classes; 0 for regression
 * @param featureNames one per column ({@code column} or {@code column=category})
 * @param standardize whether training should z-score the features
 */
public record TrainingData(double[] features, int rows, int cols, double[] targets, TargetKind task, int classCount,
		List<String> featureNames, boolean standardize) {

	public TrainingData {
		if (features.length != (long) rows * cols || targets.length != rows || featureNames.size() != cols) {
			throw new IllegalArgumentException("inconsistent shape: " + features.length + " features, " + rows + " rows, "
					+ cols + " cols, " + targets.length + " targets, " + featureNames.size() + " names");
		}
		featureNames = List.copyOf(featureNames);
	}

}
