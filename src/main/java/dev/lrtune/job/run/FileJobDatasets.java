package dev.lrtune.job.run;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.Task;
import dev.lrtune.dataset.DatasetFileException;
import dev.lrtune.dataset.DatasetFiles;
import dev.lrtune.dataset.TargetKind;
import dev.lrtune.dataset.TrainingData;
import dev.lrtune.web.InvalidRequestException;

/**
 * {@code file:<relative path>} references: a CSV under {@code lrtune.datasets.data-dir}, read with the
 * upload's defaults when the job is submitted (to check it) and again when it runs.
 */
final class FileJobDatasets implements JobDatasets {

	static final String PREFIX = "file:";

	private final DatasetFiles files;

	FileJobDatasets(DatasetFiles files) {
		this.files = files;
	}

	static boolean isReference(String reference) {
		return reference != null && reference.startsWith(PREFIX);
	}

	@Override
	public Shape describe(String reference) {
		TrainingData data = read(reference);
		return new Shape(data.rows(), data.cols(), task(data));
	}

	/** The file's path, size and modification time. */
	@Override
	public String version(String reference) {
		try {
			return PREFIX + files.version(reference.substring(PREFIX.length()));
		}
		catch (DatasetFileException ex) {
			throw new InvalidRequestException("dataset", ex.getMessage());
		}
	}

	@Override
	public Loaded load(String reference) {
		TrainingData data = read(reference);
		// the file was just read for this load: its arrays are handed over, not copied
		return new Loaded(Dataset.ofOwned(data.features(), data.rows(), data.cols(), data.targets(), task(data),
				data.featureNames()), data.standardize());
	}

	private TrainingData read(String reference) {
		try {
			return files.read(reference.substring(PREFIX.length()));
		}
		catch (DatasetFileException ex) {
			throw new InvalidRequestException("dataset", ex.getMessage());
		}
	}

	private static Task task(TrainingData data) {
		return data.task() == TargetKind.CLASSIFICATION ? Task.classification(data.classCount())
				: Task.regression();
	}

}
