package dev.lrtune.job.run;

import java.time.Instant;
import java.util.regex.Pattern;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.Task;
import dev.lrtune.dataset.DatasetCatalog;
import dev.lrtune.dataset.DatasetNotFoundException;
import dev.lrtune.dataset.DatasetShape;
import dev.lrtune.dataset.TargetKind;
import dev.lrtune.dataset.TrainingData;
import dev.lrtune.web.InvalidRequestException;

/** An uploaded dataset's id ({@code "12"}), read from the {@link DatasetCatalog}. */
final class UploadedJobDatasets implements JobDatasets {

	/** Decimal without leading zeros, so that one dataset has one reference (a dataset in use is found by it). */
	private static final Pattern ID = Pattern.compile("0|[1-9][0-9]{0,17}");

	private final DatasetCatalog catalog;

	UploadedJobDatasets(DatasetCatalog catalog) {
		this.catalog = catalog;
	}

	static boolean isReference(String reference) {
		return reference != null && ID.matcher(reference).matches();
	}

	static String reference(long datasetId) {
		return Long.toString(datasetId);
	}

	@Override
	public Shape describe(String reference) {
		long id = Long.parseLong(reference);
		DatasetShape shape = catalog.shapeForUse(id)
			.orElseThrow(() -> new InvalidRequestException("dataset", "no uploaded dataset has id " + id
					+ " (GET /api/v1/datasets lists them)"));
		return new Shape(shape.rows(), shape.features(), task(shape.task(), shape.classCount()));
	}

	/** The id and upload time (one small read of the dataset's row). */
	@Override
	public String version(String reference) {
		long id = Long.parseLong(reference);
		return version(id, catalog.uploadedAt(id)
			.orElseThrow(() -> new IllegalStateException("dataset " + id + " no longer exists")));
	}

	static String version(long id, Instant uploadedAt) {
		return "dataset " + id + " uploaded " + uploadedAt;
	}

	/** Whether {@code version} is one of the dataset {@code id} (a {@link #version(long, Instant)}). */
	static boolean isVersionOf(String version, long id) {
		return version.startsWith("dataset " + id + " uploaded ");
	}

	@Override
	public Loaded load(String reference) {
		long id = Long.parseLong(reference);
		TrainingData data;
		try {
			data = catalog.load(id);
		}
		catch (DatasetNotFoundException ex) {
			throw new IllegalStateException("dataset " + id + " no longer exists", ex);
		}
		return loaded(data);
	}

	/**
	 * The rows of {@code data}, whose arrays are handed over, not copied: they are the arrays read from the database for
	 * this load, or those an upload parsed and stored (see {@link TrainingData}: the holder's own), so a copy would
	 * only take a second block of the dataset's size, and its time, when the first job needs both.
	 */
	static Loaded loaded(TrainingData data) {
		Dataset dataset = Dataset.ofOwned(data.features(), data.rows(), data.cols(), data.targets(),
				task(data.task(), data.classCount()), data.featureNames());
		return new Loaded(dataset, data.standardize());
	}

	private static Task task(TargetKind task, int classCount) {
		return task == TargetKind.CLASSIFICATION ? Task.classification(classCount) : Task.regression();
	}

}
