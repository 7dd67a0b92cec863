package dev.lrtune.dataset;

import java.util.List;

/**
 * How to read an upload, validated.
 *
 * @param name the dataset's name
 * @param target the target column's header name, or {@code null} for the last column
 * @param task the task, or {@code null} to infer it (see {@link DatasetProfiler})
 * @param missing what to do with missing cells
 * @param standardize whether training z-scores the features (a flag stored with the dataset)
 * @param exclude header names of columns to leave out
 */
record UploadOptions(String name, String target, TargetKind task, MissingValues missing, boolean standardize,
		List<String> exclude) {

	UploadOptions {
		exclude = List.copyOf(exclude);
	}

	static UploadOptions defaults(String name) {
		return new UploadOptions(name, null, null, MissingValues.ERROR, true, List.of());
	}

}
