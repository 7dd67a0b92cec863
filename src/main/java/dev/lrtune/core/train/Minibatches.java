package dev.lrtune.core.train;

import java.util.SplittableRandom;

import dev.lrtune.core.data.Dataset;
import dev.lrtune.core.data.RandomStreams;

/**
 * Cuts the training rows into minibatches, a fresh random permutation per epoch, keeping the last partial
 * batch (as PyTorch's {@code DataLoader(shuffle=True, drop_last=False)}).
 *
 * <p>A batch is a list of row indices, not a copy of the rows: the model gathers the rows itself, straight
 * from the dataset into the layout its kernels want (one array per row for the linear models, one flat
 * buffer for networks), so no row is copied twice. The buffers are allocated once.
 */
final class Minibatches {

	private final int rows;

	private final int batchSize;

	private final SplittableRandom random;

	private final int[] order;

	private final int[] batch;

	private int position;

	Minibatches(Dataset data, int batchSize, SplittableRandom random) {
		this.rows = data.rows();
		this.batchSize = Math.min(batchSize, rows);
		this.random = random;
		this.order = new int[rows];
		this.batch = new int[this.batchSize];
		this.position = rows; // the first call starts an epoch
	}

	/** Puts the next batch's row indices into {@link #rows()}; returns how many there are. */
	int next() {
		if (position == rows) {
			for (int i = 0; i < rows; i++) {
				order[i] = i;
			}
			RandomStreams.shuffle(order, rows, random);
			position = 0;
		}
		int n = Math.min(batchSize, rows - position);
		System.arraycopy(order, position, batch, 0, n);
		position += n;
		return n;
	}

	/** The largest batch {@link #next()} returns. */
	int batchSize() {
		return batchSize;
	}

	/** The row indices of the current batch, valid up to the count {@link #next()} returned. */
	int[] rows() {
		return batch;
	}

}
