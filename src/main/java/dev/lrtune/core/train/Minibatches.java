package dev.lrtune.core.train;

import java.util.SplittableRandom;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.RandomStreams;

/**
 * Cuts the training rows into minibatches, a fresh random permutation per epoch, keeping the last partial
 * batch (as PyTorch's {@code DataLoader(shuffle=True, drop_last=False)}).
 *
 * <p>Each batch's rows are gathered into one contiguous buffer with {@link System#arraycopy}, one call per
 * row, so the model reads the batch sequentially from L1/L2 instead of jumping around the dataset. The
 * buffers are allocated once.
 */
final class Minibatches {

	private final double[] features;

	private final double[] targets;

	private final int rows;

	private final int cols;

	private final int batchSize;

	private final SplittableRandom random;

	private final int[] order;

	private final double[] batchFeatures;

	private final double[] batchTargets;

	private int position;

	Minibatches(Dataset data, int batchSize, SplittableRandom random) {
		this.features = data.features();
		this.targets = data.targets();
		this.rows = data.rows();
		this.cols = data.cols();
		this.batchSize = Math.min(batchSize, rows);
		this.random = random;
		this.order = new int[rows];
		this.batchFeatures = new double[this.batchSize * cols];
		this.batchTargets = new double[this.batchSize];
		this.position = rows; // the first call starts an epoch
	}

	/** Gathers the next batch into {@link #features()} and {@link #targets()}; returns its row count. */
	int next() {
		if (position == rows) {
			for (int i = 0; i < rows; i++) {
				order[i] = i;
			}
			RandomStreams.shuffle(order, rows, random);
			position = 0;
		}
		int n = Math.min(batchSize, rows - position);
		for (int i = 0; i < n; i++) {
			int row = order[position + i];
			System.arraycopy(features, row * cols, batchFeatures, i * cols, cols);
			batchTargets[i] = targets[row];
		}
		position += n;
		return n;
	}

	/** The largest batch {@link #next()} returns. */
	int batchSize() {
		return batchSize;
	}

	double[] features() {
		return batchFeatures;
	}

	double[] targets() {
		return batchTargets;
	}

}
