package dev.lrtune.core.train;

import dev.lrtune.core.InvalidParameterException;

/**
 * How long and on what batches to train.
 *
 * @param batchSize rows per minibatch, at least 1 (the last batch of an epoch may be smaller; a batch larger
 * than the training split is the whole split)
 * @param iterations optimizer steps to run, at least 1 (see {@link #iterationsForEpochs})
 * @param evaluateEvery measure the validation split after every this many iterations (and always after the
 * last); 0 measures only after the last
 * @param seed the job seed; batches are shuffled from its {@link dev.lrtune.core.data.RandomStreams#shuffle
 * shuffle stream}
 */
public record TrainingSettings(int batchSize, long iterations, int evaluateEvery, long seed) {

	public static final int DEFAULT_BATCH_SIZE = 32;

	/**
	 * Checks every field.
	 * @return these settings
	 * @throws InvalidParameterException naming {@code batchSize}, {@code iterations} or {@code evaluateEvery}
	 */
	public TrainingSettings validate() {
		if (batchSize < 1) {
			throw new InvalidParameterException("batchSize", "must be at least 1, got " + batchSize);
		}
		if (iterations < 1) {
			throw new InvalidParameterException("iterations", "must be at least 1, got " + iterations);
		}
		if (evaluateEvery < 0) {
			throw new InvalidParameterException("evaluateEvery", "must be at least 0, got " + evaluateEvery);
		}
		return this;
	}

	/** Minibatches in one pass over {@code trainRows} rows, the last one partial: ⌈rows / batchSize⌉. */
	public static long iterationsPerEpoch(int trainRows, int batchSize) {
		if (batchSize < 1) {
			throw new InvalidParameterException("batchSize", "must be at least 1, got " + batchSize);
		}
		return (trainRows + (long) batchSize - 1) / batchSize;
	}

	/** The iteration count of {@code epochs} full passes over the training split. */
	public static long iterationsForEpochs(int epochs, int trainRows, int batchSize) {
		if (epochs < 1) {
			throw new InvalidParameterException("epochs", "must be at least 1, got " + epochs);
		}
		return epochs * iterationsPerEpoch(trainRows, batchSize);
	}

}
