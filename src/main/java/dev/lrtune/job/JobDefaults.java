package dev.lrtune.job;

import java.util.concurrent.ThreadLocalRandom;

import dev.lrtune.core.data.SplitDataset;
import dev.lrtune.core.train.TrainingSettings;

/**
 * What the fields a job request may leave out become. A study's trials are jobs, so a study resolves the same
 * fields here before it stores its request; the values themselves are the core's defaults.
 */
public final class JobDefaults {

	/** The largest seed drawn for a request without one (2³¹−1: exact in every JSON client). */
	private static final long MAX_RANDOM_SEED = Integer.MAX_VALUE;

	private JobDefaults() {
	}

	public static int batchSize(Integer given) {
		return given == null ? TrainingSettings.DEFAULT_BATCH_SIZE : given;
	}

	public static double validationFraction(Double given) {
		return given == null ? SplitDataset.DEFAULT_VALIDATION_FRACTION : given;
	}

	/** {@code given}, or a fresh random seed in 0…2³¹−1. */
	public static long seed(Long given) {
		return given == null ? ThreadLocalRandom.current().nextLong(MAX_RANDOM_SEED + 1) : given;
	}

	/** {@code given}, or plain SGD. */
	public static OptimizerRequest optimizer(OptimizerRequest given) {
		return given == null ? OptimizerRequest.SGD : given;
	}

	/** {@code given}; a regression target is standardised unless the request says not to. */
	public static boolean standardizeTarget(Boolean given) {
		return given == null || given;
	}

}
