package dev.lrtune.dataset;

import java.util.List;

/**
 * An upload read, checked and encoded, ready to store.
 *
 * @param features row-major, {@code rows × featureNames.size()}
 * @param targets one per row: the value (regression) or the class index (classification)
 */
record ParsedDataset(String target, TargetKind task, List<String> classes, List<String> featureNames, int rows,
		int rowsParsed, double[] features, double[] targets, List<ColumnSummary> columns) {

	int cols() {
		return featureNames.size();
	}

}
