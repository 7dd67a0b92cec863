package dev.lrtune.job.run;

import org.springframework.stereotype.Component;

import dev.lrtune.core.data.synthetic.SyntheticSpec;
import dev.lrtune.dataset.DatasetCatalog;
import dev.lrtune.dataset.DatasetFiles;
import dev.lrtune.web.InvalidRequestException;

/**
 * The {@link JobDatasets} jobs use: an uploaded dataset's id goes to {@link UploadedJobDatasets}, a
 * {@code synthetic:} reference to {@link SyntheticJobDatasets}, a {@code file:} reference to
 * {@link FileJobDatasets}; anything else is a 400 naming {@code dataset}.
 */
@Component
class DatasetReferences implements JobDatasets {

	private final JobDatasets uploaded;

	private final JobDatasets synthetic = new SyntheticJobDatasets();

	private final JobDatasets files;

	DatasetReferences(DatasetCatalog catalog, DatasetFiles files) {
		this.uploaded = new UploadedJobDatasets(catalog);
		this.files = new FileJobDatasets(files);
	}

	@Override
	public Shape describe(String reference) {
		return resolve(reference).describe(reference);
	}

	@Override
	public boolean describeLocks(String reference) {
		return UploadedJobDatasets.isReference(reference);
	}

	@Override
	public String version(String reference) {
		return resolve(reference).version(reference);
	}

	@Override
	public Loaded load(String reference) {
		return resolve(reference).load(reference);
	}

	private JobDatasets resolve(String reference) {
		if (UploadedJobDatasets.isReference(reference)) {
			return uploaded;
		}
		if (SyntheticSpec.isSyntheticReference(reference)) {
			return synthetic;
		}
		if (FileJobDatasets.isReference(reference)) {
			return files;
		}
		throw new InvalidRequestException("dataset", "'" + reference + "' is not a dataset reference this service "
				+ "knows; use an uploaded dataset's id, or synthetic:<generator>?k=v&… with generators linear, blobs, "
				+ "moons, circles, spirals, xor, or file:<path relative to lrtune.datasets.data-dir>");
	}

}
