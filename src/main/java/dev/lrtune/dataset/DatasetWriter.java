package dev.lrtune.dataset;

import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * Stores an upload so that no one sees it before its whole matrix is stored. Its {@code datasets} row is inserted
 * incomplete, its chunks follow in transactions of a few MiB ({@link DatasetMatrices#save}), and one statement marks
 * it complete; every read of datasets skips incomplete rows. A failure deletes what was stored; what a crash leaves
 * is deleted by {@link IncompleteDatasetCleanup}. Called outside any transaction.
 */
@Component
class DatasetWriter {

	private final Datasets datasets;

	private final DatasetMatrices matrices;

	private final IncompleteDatasets incomplete;

	DatasetWriter(Datasets datasets, DatasetMatrices matrices, IncompleteDatasets incomplete) {
		this.datasets = datasets;
		this.matrices = matrices;
		this.incomplete = incomplete;
	}

	/**
	 * Stores the dataset and returns it once every read sees it, its pages written to H2's file (see
	 * {@link DatasetMatrices#writeThrough()}).
	 */
	StoredDataset save(ParsedDataset parsed, UploadOptions options, Instant createdAt) {
		StoredDataset dataset = datasets.save(new StoredDataset(parsed, options, createdAt));
		try {
			matrices.save(dataset.id(), parsed.features(), parsed.targets());
			incomplete.markComplete(dataset.id());
		}
		catch (RuntimeException | Error ex) {
			try {
				incomplete.delete(dataset.id());
			}
			catch (RuntimeException cleanup) {
				ex.addSuppressed(cleanup); // left to IncompleteDatasetCleanup
			}
			throw ex;
		}
		matrices.writeThrough();
		return dataset;
	}

}
