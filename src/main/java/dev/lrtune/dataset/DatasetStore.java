package dev.lrtune.dataset;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Complete datasets in the database (see {@link DatasetWriter}, which stores them): metadata and matrix read and
 * deleted together, each call one transaction.
 */
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

	@Transactional(readOnly = true)
	List<StoredDataset> list() {
		return datasets.findAllByCompleteTrueOrderByCreatedAtDescIdDesc();
	}

	@Transactional(readOnly = true)
	Optional<StoredDataset> find(long id) {
		return complete(id);
	}

	@Transactional(readOnly = true)
	boolean exists(long id) {
		return complete(id).isPresent();
	}

	/** Deletes the dataset and its matrix (by cascade), unless something still uses it: then a 409. */
	void delete(long id) {
		StoredDataset dataset = datasets.findLockedById(id)
			.filter(StoredDataset::complete)
			.orElseThrow(() -> new DatasetNotFoundException(id));
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
		StoredDataset dataset = complete(id).orElseThrow(() -> new DatasetNotFoundException(id));
		double[] features = new double[dataset.rows() * dataset.features()];
		double[] targets = new double[dataset.rows()];
		matrices.load(id, features, targets);
		return new TrainingData(features, dataset.rows(), dataset.features(), targets, dataset.task(),
				dataset.classes().size(), dataset.featureNames(), dataset.standardize());
	}

	/** The dataset by its id (the entity manager's own load, no query to parse), when its matrix is stored in full. */
	private Optional<StoredDataset> complete(long id) {
		return datasets.findById(id).filter(StoredDataset::complete);
	}

}
