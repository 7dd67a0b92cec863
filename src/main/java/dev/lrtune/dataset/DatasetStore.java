package dev.lrtune.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Datasets in the database: metadata and matrix written, read and deleted together, each call one transaction. */
@Component
@Transactional
class DatasetStore {

	private final Datasets datasets;

	private final DatasetMatrices matrices;

	private final List<DatasetUsage> usages;

	DatasetStore(Datasets datasets, DatasetMatrices matrices, List<DatasetUsage> usages) {
		this.datasets = datasets;
		this.matrices = matrices;
		this.usages = usages;
	}

	StoredDataset save(ParsedDataset parsed, UploadOptions options, Instant createdAt) {
		StoredDataset dataset = datasets.saveAndFlush(new StoredDataset(parsed, options, createdAt));
		matrices.save(dataset.id(), parsed.features(), parsed.targets());
		return dataset;
	}

	/** See {@link DatasetMatrices#writeThrough()}: after the transaction that stored a dataset, outside any. */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	void writeThrough() {
		matrices.writeThrough();
	}

	@Transactional(readOnly = true)
	List<StoredDataset> list() {
		return datasets.findAllByOrderByCreatedAtDescIdDesc();
	}

	@Transactional(readOnly = true)
	Optional<StoredDataset> find(long id) {
		return datasets.findById(id);
	}

	@Transactional(readOnly = true)
	boolean exists(long id) {
		return datasets.existsById(id);
	}

	/** Deletes the dataset and its matrix (by cascade), unless something still uses it: then a 409. */
	void delete(long id) {
		StoredDataset dataset = datasets.findLockedById(id).orElseThrow(() -> new DatasetNotFoundException(id));
		for (DatasetUsage usage : usages) {
			usage.activeUse(id).ifPresent(use -> {
				throw DatasetProblem.conflict("Dataset in use", "Dataset " + id + " cannot be deleted now: " + use + ".")
					.fix("Wait until the jobs that use it have finished, or cancel them.");
			});
		}
		datasets.delete(dataset);
	}

	@Transactional(readOnly = true)
	TrainingData load(long id) {
		StoredDataset dataset = datasets.findById(id).orElseThrow(() -> new DatasetNotFoundException(id));
		double[] features = new double[dataset.rows() * dataset.features()];
		double[] targets = new double[dataset.rows()];
		matrices.load(id, features, targets);
		return new TrainingData(features, dataset.rows(), dataset.features(), targets, dataset.task(),
				dataset.classes().size(), dataset.featureNames(), dataset.standardize());
	}

}
