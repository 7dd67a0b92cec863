package dev.lrtune.job.run;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.job.JobRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * A job's training and validation matrices, split and standardised as its request says, shared by the jobs that ask
 * for the same ones: a range test, an lr_search and a study's trials run many short jobs on one dataset, and
 * loading, splitting and standardising it can cost more than training. The key is everything the matrices depend
 * on: the dataset's {@link JobDatasets#version version} (which also fixes whether its features are standardised),
 * the validation fraction, the seed (which rows are held out) and whether the target is standardised. The split is
 * a pure function of these, so a job gets the same bits from the cache as from computing it. The matrices are
 * read-only ({@link Dataset} instances are immutable by contract), so concurrent jobs share them.
 *
 * <p>Bounded by memory ({@code lrtune.dataset-cache.max-size}, weighed by the bytes of the arrays); hits and misses
 * are metrics ({@code cache.gets{cache="dataset-splits"}}).
 */
@Component
class DatasetSplits {

	private final JobDatasets datasets;

	private final Cache<Key, SplitDataset> cache;

	DatasetSplits(JobDatasets datasets, DatasetCacheSettings settings, MeterRegistry registry) {
		this.datasets = datasets;
		this.cache = Caffeine.newBuilder()
			.maximumWeight(settings.maxSize().toBytes())
			.weigher((Key key, SplitDataset split) -> (int) Math.min(Integer.MAX_VALUE, bytes(split)))
			.executor(Runnable::run)
			.recordStats()
			.build();
		CaffeineCacheMetrics.monitor(registry, cache, "dataset-splits");
	}

	/** The request's split of its dataset, from the cache or computed (then loading the dataset) and kept. */
	SplitDataset split(JobRequest request) {
		Key key = new Key(datasets.version(request.dataset()), request.validationFraction(), request.seed(),
				Boolean.TRUE.equals(request.standardizeTarget()));
		return cache.get(key, k -> request.split(datasets.load(request.dataset())));
	}

	/** The memory the split's own arrays take. */
	static long bytes(SplitDataset split) {
		return bytes(split.train()) + bytes(split.validation());
	}

	private static long bytes(Dataset data) {
		return ((long) data.features().length + data.targets().length) * Double.BYTES;
	}

	/** Everything that changes a job's matrices. */
	private record Key(String datasetVersion, double validationFraction, long seed, boolean standardizeTarget) {
	}

}
