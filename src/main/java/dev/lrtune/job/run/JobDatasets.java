package dev.lrtune.job.run;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.Task;

/**
 * Where jobs get their data: resolves the {@code dataset} string of a request. {@link DatasetReferences}
 * sends an uploaded dataset's id to {@link UploadedJobDatasets}, a {@code synthetic:} reference to
 * {@link SyntheticJobDatasets} and a {@code file:} reference to {@link FileJobDatasets}.
 */
public interface JobDatasets {

	/**
	 * What the reference names, without loading its rows; fast enough for request validation.
	 * @throws dev.lrtune.web.InvalidRequestException naming {@code dataset} when it names nothing usable
	 */
	Shape describe(String reference);

	/**
	 * Whether {@link #describe} locks what the reference names until the transaction ends (an uploaded dataset's row,
	 * so that it cannot be deleted under a job that uses it); then a submission describes it in its transaction.
	 */
	default boolean describeLocks(String reference) {
		return false;
	}

	/**
	 * What names the rows {@link #load} would give now, without loading them: equal versions, equal rows (and equal
	 * {@code standardize}). A cache of what is computed from the rows keys on it.
	 */
	String version(String reference);

	/** The rows, for a worker about to run a job. */
	Loaded load(String reference);

	/**
	 * @param rows examples in the dataset
	 * @param features feature columns after encoding
	 */
	record Shape(int rows, int features, Task task) {
	}

	/** @param standardize whether to z-score the features (an upload's {@code standardize}) */
	record Loaded(Dataset data, boolean standardize) {
	}

}
