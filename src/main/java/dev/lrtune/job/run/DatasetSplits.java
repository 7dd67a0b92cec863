package dev.lrtune.job.run;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.dataset.DatasetDeleted;
import dev.lrtune.dataset.DatasetUploaded;
import dev.lrtune.job.JobRequest;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A job's training and validation matrices, split and standardised as its request says, shared by the jobs that ask
 * for the same ones: a range test, an lr_search and a study's trials run many short jobs on one dataset, and
 * loading, splitting and standardising it can cost more than training. The key of a split is everything it depends
 * on: the dataset's {@link JobDatasets#version version} (which also fixes whether its features are standardised),
 * the validation fraction, the seed (which rows are held out) and whether the target is standardised. A dataset's
 * rows are kept too, by version, so that another seed or fraction does not read them again, and an upload hands
 * its rows over ({@link DatasetUploaded}): the first job on a dataset usually follows its upload. The split is a
 * pure function of its key, so a job gets the same bits from the cache as from computing it. Everything kept is
 * read-only ({@link Dataset} instances are immutable by contract), so concurrent jobs share it.
 *
 * <p>Bounded by memory ({@code lrtune.dataset-cache.max-size}: half for rows, half for splits, weighed by the bytes
 * of their arrays), the least recently used going first ({@link MatrixCache}); hits and misses are metrics
 * ({@code cache.gets{cache="dataset-splits"}} and {@code cache.gets{cache="dataset-rows"}}). A deleted dataset's
 * rows and splits are dropped ({@link DatasetDeleted}).
 */
@Component
class DatasetSplits {

	private final JobDatasets datasets;

	private final MatrixCache<String, JobDatasets.Loaded> rows;

	private final MatrixCache<Key, SplitDataset> splits;

	DatasetSplits(JobDatasets datasets, DatasetCacheSettings settings, MeterRegistry registry) {
		this.datasets = datasets;
		long half = settings.maxSize().toBytes() / 2;
		this.rows = new MatrixCache<>(half, loaded -> bytes(loaded.data()));
		this.splits = new MatrixCache<>(half, DatasetSplits::bytes);
		rows.monitor(registry, "dataset-rows");
		splits.monitor(registry, "dataset-splits");
	}

	/** The request's split of its dataset, from the cache or computed (from the dataset's rows, cached or loaded). */
	SplitDataset split(JobRequest request) {
		String version = datasets.version(request.dataset());
		Key key = new Key(version, request.validationFraction(), request.seed(),
				Boolean.TRUE.equals(request.standardizeTarget()));
		return splits.get(key, k -> request.split(rows.get(version, v -> datasets.load(request.dataset()))));
	}

	/** Keeps the rows of a dataset just uploaded for the jobs that will use it. */
	@EventListener
	void uploaded(DatasetUploaded upload) {
		rows.put(UploadedJobDatasets.version(upload.id(), upload.uploadedAt()), UploadedJobDatasets.loaded(upload.data()));
	}

	/** Drops a deleted dataset's rows and splits: no job can ask for them any more. */
	@EventListener
	void deleted(DatasetDeleted deletion) {
		rows.invalidateIf(version -> UploadedJobDatasets.isVersionOf(version, deletion.id()));
		splits.invalidateIf(key -> UploadedJobDatasets.isVersionOf(key.datasetVersion(), deletion.id()));
	}

	/** Whether the rows of the dataset of this version are kept. */
	boolean holdsRows(String version) {
		return rows.contains(version);
	}

	/** Whether a split of the dataset of this version is kept. */
	boolean holdsSplitOf(String version) {
		return splits.containsAny(key -> key.datasetVersion().equals(version));
	}

	/** The memory the split's own arrays take. */
	static long bytes(SplitDataset split) {
		return bytes(split.train()) + bytes(split.validation());
	}

	static long bytes(Dataset data) {
		return ((long) data.features().length + data.targets().length) * Double.BYTES;
	}

	/** Everything that changes a job's matrices. */
	private record Key(String datasetVersion, double validationFraction, long seed, boolean standardizeTarget) {
	}

}
