package dev.lrtune.job.run;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.dataset.DatasetUploaded;
import dev.lrtune.job.JobRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

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
 * of their arrays); hits and misses are metrics ({@code cache.gets{cache="dataset-splits"}} and
 * {@code cache.gets{cache="dataset-rows"}}).
 */
@Component
class DatasetSplits {

	private final JobDatasets datasets;

	private final Cache<String, JobDatasets.Loaded> rows;

	private final Cache<Key, SplitDataset> splits;

	DatasetSplits(JobDatasets datasets, DatasetCacheSettings settings, MeterRegistry registry) {
		this.datasets = datasets;
		long half = settings.maxSize().toBytes() / 2;
		this.rows = Caffeine.newBuilder()
			.maximumWeight(half)
			.weigher((String version, JobDatasets.Loaded loaded) -> weight(bytes(loaded.data())))
			.executor(Runnable::run)
			.recordStats()
			.build();
		this.splits = Caffeine.newBuilder()
			.maximumWeight(half)
			.weigher((Key key, SplitDataset split) -> weight(bytes(split)))
			.executor(Runnable::run)
			.recordStats()
			.build();
		CaffeineCacheMetrics.monitor(registry, rows, "dataset-rows");
		CaffeineCacheMetrics.monitor(registry, splits, "dataset-splits");
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

	/** The memory the split's own arrays take. */
	static long bytes(SplitDataset split) {
		return bytes(split.train()) + bytes(split.validation());
	}

	private static long bytes(Dataset data) {
		return ((long) data.features().length + data.targets().length) * Double.BYTES;
	}

	private static int weight(long bytes) {
		return (int) Math.min(Integer.MAX_VALUE, bytes);
	}

	/** Everything that changes a job's matrices. */
	private record Key(String datasetVersion, double validationFraction, long seed, boolean standardizeTarget) {
	}

}
