package dev.lrtune.job;

import org.springframework.stereotype.Component;

import dev.lrtune.core.data.synthetic.SyntheticSpec;
import dev.lrtune.dataset.DatasetCatalog;
import dev.lrtune.web.InvalidRequestException;

/**
 * The {@link JobDatasets} jobs use: an uploaded dataset's id goes to {@link UploadedJobDatasets}, a
 * {@code synthetic:} reference to {@link SyntheticJobDatasets}; anything else is a 400 naming {@code dataset}.
 */
@Component
class DatasetReferences implements JobDatasets {

	private final JobDatasets uploaded;

	private final JobDatasets synthetic = new SyntheticJobDatasets();

	DatasetReferences(DatasetCatalog catalog) {
		this.uploaded = new UploadedJobDatasets(catalog);
	}

	@Override
	public Shape describe(String reference) {
		return resolve(reference).describe(reference);
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
		throw new InvalidRequestException("dataset", "'" + reference + "' is not a dataset reference this service "
				+ "knows; use an uploaded dataset's id, or synthetic:<generator>?k=v&… with generators linear, blobs, "
				+ "moons, circles, spirals, xor");
	}

}
